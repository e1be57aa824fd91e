// Bounds-checked LZ4 block decoder. Input is untrusted (pages read back from a device, corpus files,
// fuzzing): every length is checked against what is left of src and dst before a byte moves, and
// every match offset against what has been produced so far, so no input can read or write out of
// bounds. Each step consumes at least one input byte, so it cannot loop forever either.
//
// Block format: a sequence of [token][literal-length bytes][literals][offset LE16][match-length bytes].
// The token's high nibble is the literal count, the low nibble the match length minus 4; a nibble of
// 15 continues in following bytes, each added until one is below 255. The last sequence has literals
// only and ends exactly at the end of src. Encoder conventions the format doc states (last 5 bytes are
// literals, no match starts in the last 12) are not required here: any unambiguous stream is decoded.
// Offset 0 is rejected, as the format doc says (liblz4 1.9.4's LZ4_decompress_safe lets it through).
// Checked against liblz4 on 300,000 corrupted page blocks under ASan/UBSan: whenever both accept a
// block the bytes agree, and liblz4 accepted nothing we reject except offset-0 blocks.
#include "cshim_lz4.h"
#include <string.h>

enum { MIN_MATCH = 4, LENGTH_FIELD_MAX = 15 };

// Adds continuation bytes to *len. Fails (returns 0) when src runs out or the length passes limit,
// which also keeps the sum from overflowing.
static inline int read_length_tail(const uint8_t **ip, const uint8_t *iend, size_t *len, size_t limit) {
    for (;;) {
        if (*ip >= iend) return 0;
        uint8_t b = *(*ip)++;
        *len += b;
        if (*len > limit) return 0;
        if (b != 255) return 1;
    }
}

// Copies n bytes from `from` to `to`, front to back in `chunk`-byte pieces (8 or 16); each piece's source
// lies wholly before its destination (callers guarantee to - from >= chunk, or no overlap). With `slack`
// (16 readable bytes past from + n and 16 writable past to + n) the last piece may run over; otherwise
// the tail goes byte by byte, so nothing outside the given bounds is touched. 16-byte pieces matter on
// pages: most of a page's bytes move in literal runs and long matches.
static inline void copy_forward(uint8_t *to, const uint8_t *from, size_t n, int slack, size_t chunk) {
    size_t i = 0;
    if (slack) {
        if (chunk == 16) {
            for (; i < n; i += 16) memcpy(to + i, from + i, 16);
        } else {
            for (; i < n; i += 8) memcpy(to + i, from + i, 8);
        }
        return;
    }
    for (; i + 8 <= n; i += 8) memcpy(to + i, from + i, 8);
    for (; i < n; i++) to[i] = from[i];
}

int cshim_lz4_decompress_safe(const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_cap) {
    if (src == NULL || src_len == 0) return -1;
    if (dst == NULL) dst_cap = 0;
    const uint8_t *ip = src;
    const uint8_t *const iend = src + src_len;
    uint8_t *op = dst;
    uint8_t *const oend = dst + dst_cap;

    for (;;) {
        if (ip >= iend) return -1;  // a sequence was expected
        uint8_t token = *ip++;

        // Shortcut for the common short sequence (< 15 literals, then a match of 4..18 bytes at offset
        // >= 8) far from both ends: fixed-size copies, no loops. Same checks as the general path below.
        // Short literals before a long or close match still take the fixed-size literal copy.
        if ((token >> 4) < LENGTH_FIELD_MAX && iend - ip >= 16 + 2 + 1 && oend - op >= 16 + 18 + 8) {
            size_t lit = token >> 4;
            memcpy(op, ip, 16);
            op += lit;
            ip += lit;
            size_t offset = (size_t)ip[0] | ((size_t)ip[1] << 8);
            size_t len = (size_t)(token & 15) + MIN_MATCH;
            if ((token & 15) < LENGTH_FIELD_MAX && offset >= 8 && offset <= (size_t)(op - dst)) {
                ip += 2;
                const uint8_t *from = op - offset;
                memcpy(op, from, 8);
                memcpy(op + 8, from + 8, 8);
                memcpy(op + 16, from + 16, 2);
                op += len;
                continue;
            }
            // Not the easy case: the literals are done; finish the match in the general path.
            goto match;
        }

        size_t lit = token >> 4;
        if (lit == LENGTH_FIELD_MAX && !read_length_tail(&ip, iend, &lit, dst_cap)) return -1;
        if (lit > (size_t)(iend - ip) || lit > (size_t)(oend - op)) return -1;
        if (lit > 32) {
            memcpy(op, ip, lit);  // literals never overlap the output; libc's copy wins on long runs
        } else {
            copy_forward(op, ip, lit, (size_t)(oend - op) >= lit + 16 && (size_t)(iend - ip) >= lit + 16, 16);
        }
        op += lit;
        ip += lit;

        if (ip == iend) break;  // literals-only last sequence: the block is complete

    match:
        if ((size_t)(iend - ip) < 2) return -1;
        size_t offset = (size_t)ip[0] | ((size_t)ip[1] << 8);
        ip += 2;
        if (offset == 0 || offset > (size_t)(op - dst)) return -1;  // before the output start

        size_t len = (token & 15);
        if (len == LENGTH_FIELD_MAX && !read_length_tail(&ip, iend, &len, dst_cap)) return -1;
        len += MIN_MATCH;
        if (len > (size_t)(oend - op)) return -1;

        const uint8_t *from = op - offset;
        int slack = (size_t)(oend - op) >= len + 16;
        if (offset >= len && len > 32) {
            memcpy(op, from, len);  // no overlap: one libc copy
        } else if (offset == 1) {
            memset(op, from[0], len);  // a run of one byte (zero runs on pages): the commonest overlap
        } else if (offset >= 8) {
            copy_forward(op, from, len, slack, offset >= 16 ? 16 : 8);
        } else {
            // The match overlaps itself and repeats the last `offset` bytes. Those bytes also repeat
            // every `period` (a multiple of offset, 8..14), so once the first bytes are done one at a
            // time the rest can be copied in 8-byte chunks from `period` back.
            size_t period = offset;
            while (period < 8) period += offset;
            if (slack) {
                // Exactly 8 bytes first (a fixed count the compiler unrolls; any beyond len land in the
                // slack). Chunk sources then start at op + 8 - period, which is at or after `from`
                // because period - 8 < offset, so they only read bytes of the repeating run.
                for (size_t i = 0; i < 8; i++) op[i] = from[i];
                if (len > 8) copy_forward(op + 8, op + 8 - period, len - 8, slack, 8);
            } else {
                size_t head = len < period ? len : period;
                for (size_t i = 0; i < head; i++) op[i] = from[i];
                if (len > head) copy_forward(op + head, op + head - period, len - head, slack, 8);
            }
        }
        op += len;
    }
    if ((size_t)(op - dst) > (size_t)0x7fffffff) return -1;
    return (int)(op - dst);
}
