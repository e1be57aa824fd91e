// Our LZO1X decoder for bitstream v0 ("lzo") and v1 ("lzo-rle"), written from the stream format
// (Documentation/staging/lzo.rst, docs/kernel-notes.md#lzo-stream-format, #lzo-rle). Every read is checked against the input end,
// every write against the output capacity and every match against the output start, so hostile input
// ends in an error code; each instruction consumes input, so the loop cannot spin without progress.
//
// Speed: copies move 4, 8 or 16 bytes at a time and may write up to 15 bytes past the instruction's end, but
// only after checking that those bytes lie inside dst_cap (they are overwritten by what follows; near the end
// of the output the exact byte-count copies run instead). Matches closer than 8 bytes repeat an 8-byte pattern
// instead of copying byte by byte. The slack is only ever written, never read from outside [src, src_len).
#include "cshim_lzo.h"
#include <string.h>

enum { MIN_ZERO_RUN = 4, M2_MAX_OFFSET = 0x0800 };

#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)

static inline void copy4(uint8_t *d, const uint8_t *s) { memcpy(d, s, 4); }
static inline void copy8(uint8_t *d, const uint8_t *s) { memcpy(d, s, 8); }
static inline void copy16(uint8_t *d, const uint8_t *s) { memcpy(d, s, 16); }

// Reads the zero-byte extension of a length field: each 0 adds 255, the final non-zero byte is added.
// Returns -1 when the input ends first or the length could not fit any output.
static inline long read_extended_length(const uint8_t **pip, const uint8_t *ip_end, size_t base, size_t limit) {
    const uint8_t *ip = *pip;
    size_t zeros = 0;
    while (ip < ip_end && *ip == 0) {
        ip++;
        zeros++;
        if (zeros > limit / 255 + 1) return -1; // longer than any output we could hold
    }
    if (ip >= ip_end) return -1;
    size_t len = base + zeros * 255 + *ip++;
    *pip = ip;
    return (long)len;
}

// Step between pattern stores for a match at distance 1..7: the largest multiple of the distance that is at
// most 8, so every store starts at the same phase of the repeating bytes.
static const uint8_t pattern_step[8] = {0, 8, 8, 6, 8, 5, 6, 7};

// Copies a match of len bytes from dist bytes back. The caller has checked dist <= op - dst and that at least
// len + 16 bytes of output room are left, so every fixed-size store below stays inside the output.
static inline uint8_t *copy_match_fast(uint8_t *op, size_t dist, size_t len) {
    const uint8_t *m = op - dist;
    uint8_t *const end = op + len;
    if (LIKELY(dist >= 8)) {
        // Each 8-byte load reads bytes written at least 8 bytes before the store it feeds.
        do {
            copy8(op, m);
            copy8(op + 8, m + 8);
            op += 16;
            m += 16;
        } while (op < end);
    } else {
        // Overlapping match: the output repeats with period dist. Build the first 8 bytes, then store them
        // every pattern_step bytes (a multiple of dist, so each store starts at the same phase).
        uint8_t pat[8];
        for (size_t k = 0; k < 8; k++) pat[k] = k < dist ? m[k] : pat[k - dist];
        size_t step = pattern_step[dist];
        do {
            memcpy(op, pat, 8);
            op += step;
        } while (op < end);
    }
    return end;
}

int cshim_lzo_decompress_safe(const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_cap, size_t *out_len) {
    const uint8_t *ip = src;
    const uint8_t *const ip_end = src + src_len;
    uint8_t *op = dst;
    uint8_t *const op_end = dst + dst_cap;
    int version = 0;
    size_t state = 0; // 0: last was a match with no literals; 1..3: match + that many; 4: a literal run
    size_t t;
    *out_len = 0;

#define NEED_IP(n) do { if (UNLIKELY((size_t)(ip_end - ip) < (size_t)(n))) return CSHIM_LZO_E_INPUT_OVERRUN; } while (0)
#define NEED_OP(n) do { if (UNLIKELY((size_t)(op_end - op) < (size_t)(n))) return CSHIM_LZO_E_OUTPUT_OVERRUN; } while (0)

    if (src_len < 3) return CSHIM_LZO_E_INPUT_OVERRUN;
    // 17 followed by a version byte opens a versioned stream (v0 never starts with 17 unless empty).
    if (src_len >= 5 && ip[0] == 17) {
        version = ip[1];
        if (version > 1) return CSHIM_LZO_E_VERSION;
        ip += 2;
    }

    // First instruction: bytes above 17 are a literal run of (byte - 17).
    if (*ip > 17) {
        t = (size_t)(*ip++ - 17);
        NEED_IP(t + 3);
        NEED_OP(t);
        memcpy(op, ip, t);
        op += t;
        ip += t;
        state = t < 4 ? t : 4;
    }

    // Invariant at the top of the loop: at least 3 input bytes are left (every valid stream ends with the
    // 3-byte end marker), so an instruction's fixed bytes need no check of their own; each step re-checks it
    // together with the bytes it consumes.
    for (;;) {
        size_t len, dist, next;
        t = *ip++;
        if (t >= 64) {
            // M2: 3..8 bytes, distance 1..2048.
            next = t & 3;
            dist = 1 + ((t >> 2) & 7) + ((size_t)*ip++ << 3);
            len = (t >> 5) + 1;
        } else if (t >= 32) {
            // M3: 3..33 bytes (or extended), distance 1..16384.
            len = (t & 31) + 2;
            if (UNLIKELY(len == 2)) {
                long l = read_extended_length(&ip, ip_end, 33, dst_cap);
                if (l < 0) return ip >= ip_end ? CSHIM_LZO_E_INPUT_OVERRUN : CSHIM_LZO_E_ERROR;
                len = (size_t)l;
                NEED_IP(2);
            }
            size_t d = (size_t)ip[0] | ((size_t)ip[1] << 8);
            ip += 2;
            dist = 1 + (d >> 2);
            next = d & 3;
        } else if (t >= 16) {
            // M4 (16..31): distance 16384 + H * 16384 + D; distance exactly 16384 ends the stream. In v1,
            // H = 1 with all distance bits set is a zero run instead (checked before any length extension).
            size_t d = (size_t)ip[0] | ((size_t)ip[1] << 8);
            if (version && (t & 0xf8) == 0x18 && (d & 0xfffc) == 0xfffc) {
                NEED_IP(3);
                size_t run = ((t & 7) | ((size_t)ip[2] << 3)) + MIN_ZERO_RUN;
                next = d & 3;
                ip += 3;
                if (LIKELY(run <= 64 && (size_t)(op_end - op) >= 64 + 16)) {
                    // Short run with room: 32 zero bytes at once, 32 more if needed (a memset call costs more at
                    // these lengths); the bytes past the run are overwritten by what follows.
                    static const uint8_t zeros[32];
                    uint8_t *const e = op + run;
                    memcpy(op, zeros, 32);
                    if (run > 32) memcpy(op + 32, zeros, 32);
                    op = e;
                    state = next;
                    NEED_IP(next + 3);
                    if (LIKELY((size_t)(ip_end - ip) >= 4)) copy4(op, ip); // else next is 0: nothing to copy
                    op += next;
                    ip += next;
                    continue;
                }
                NEED_OP(run);
                memset(op, 0, run);
                op += run;
                goto literals;
            }
            len = (t & 7) + 2;
            if (UNLIKELY(len == 2)) {
                long l = read_extended_length(&ip, ip_end, 9, dst_cap);
                if (l < 0) return ip >= ip_end ? CSHIM_LZO_E_INPUT_OVERRUN : CSHIM_LZO_E_ERROR;
                len = (size_t)l;
                NEED_IP(2);
                d = (size_t)ip[0] | ((size_t)ip[1] << 8);
            }
            ip += 2;
            dist = ((t & 8) << 11) + (d >> 2);
            next = d & 3;
            if (dist == 0) {
                // End marker: must be the 3-byte form (length 3) and the last bytes of the stream.
                if (len != 3) return CSHIM_LZO_E_ERROR;
                *out_len = (size_t)(op - dst);
                return ip == ip_end ? CSHIM_LZO_OK : CSHIM_LZO_E_INPUT_NOT_CONSUMED;
            }
            dist += 0x4000;
        } else if (state == 0) {
            // Literal run: 3 + t, or 18 + extension when t == 0.
            if (UNLIKELY(t == 0)) {
                long l = read_extended_length(&ip, ip_end, 15, dst_cap);
                if (l < 0) return ip >= ip_end ? CSHIM_LZO_E_INPUT_OVERRUN : CSHIM_LZO_E_ERROR;
                t = (size_t)l;
            }
            t += 3;
            if (LIKELY((size_t)(ip_end - ip) >= t + 15 && (size_t)(op_end - op) >= t + 15)) {
                // Room on both sides: 16-byte steps; the bytes past t are overwritten later.
                const uint8_t *s = ip;
                uint8_t *d = op;
                uint8_t *const e = op + t;
                do {
                    copy16(d, s);
                    d += 16;
                    s += 16;
                } while (d < e);
            } else {
                NEED_IP(t + 3);
                NEED_OP(t);
                memcpy(op, ip, t);
            }
            op += t;
            ip += t;
            state = 4;
            continue;
        } else {
            next = t & 3;
            if (state != 4) {
                // M1 after a short literal tail: 2 bytes from distance 1 + (t >> 2) + (H << 2).
                dist = 1 + (t >> 2) + ((size_t)*ip++ << 2);
                len = 2;
            } else {
                // M1 right after a literal run: 3 bytes from distance 2049 + (t >> 2) + (H << 2).
                dist = 1 + M2_MAX_OFFSET + (t >> 2) + ((size_t)*ip++ << 2);
                len = 3;
            }
        }

        if (UNLIKELY(dist > (size_t)(op - dst))) return CSHIM_LZO_E_LOOKBEHIND_OVERRUN;
        if (LIKELY((size_t)(op_end - op) >= len + 16)) {
            if (LIKELY(dist >= 8 && len <= 8)) {
                copy8(op, op - dist);
                op += len;
            } else {
                op = copy_match_fast(op, dist, len);
            }
            // The literals and 3 more bytes (the next instruction) must be there; 16 bytes of output room are
            // left past the match, so a 4-byte literal copy fits.
            state = next;
            if (LIKELY((size_t)(ip_end - ip) >= 7)) {
                copy4(op, ip);
            } else {
                NEED_IP(next + 3);
                if ((size_t)(ip_end - ip) >= 4) copy4(op, ip);
            }
            op += next;
            ip += next;
            continue;
        }
        NEED_OP(len);
        {
            const uint8_t *m = op - dist;
            for (size_t n = 0; n < len; n++) op[n] = m[n];
            op += len;
        }

    literals:
        // 0..3 literals follow a match; their count is the state for the next instruction.
        state = next;
        NEED_IP(next + 3);
        if (next) {
            if (LIKELY((size_t)(op_end - op) >= 4)) {
                copy4(op, ip); // the bytes past `next` are overwritten by what follows
            } else {
                NEED_OP(next);
                for (size_t n = 0; n < next; n++) op[n] = ip[n];
            }
            op += next;
            ip += next;
        }
    }
#undef NEED_IP
#undef NEED_OP
}
