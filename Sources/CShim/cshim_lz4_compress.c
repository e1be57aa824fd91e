// LZ4 block compressor that emits the same bytes as the Linux kernel's lib/lz4 (LZ4_compress_fast, the
// code behind zram's "lz4" backend and the crypto "lz4" used by zswap), so tmemctl can predict
// compr_data_size exactly.
//
// Why not liblz4: liblz4 >= 1.8.2 (checked: 1.9.4) lets the match *search* test one more position at
// the end of the block than the kernel does. Both stop the search once the next probe position
// (current position + step) passes a limit, but liblz4's limit is `iend - MFLIMIT + 1` and the kernel's
// (LZ4 v1.7.3 era) is `iend - MFLIMIT`. With step 1 that is one extra byte; after a long incompressible
// stretch the step has grown (it is `probes >> 6`), so the extra probe can sit several bytes before the
// end and find a match of up to a dozen bytes. That is why liblz4 is 1 to 9 bytes *shorter* on ~3% of
// real pages and never longer. Everything else that decides the output agrees between the two: the
// 13-bit multiplicative hash of 4 bytes for inputs under 64 KiB + 11, the probe step schedule, the
// backwards extension of a match, exact match counting, "test the position right after a match", and
// the rule that the last match ends 5 bytes before the end and no match starts in the last 12.
#include "cshim_lz4.h"
#include <stddef.h>
#include <string.h>

enum {
    MIN_MATCH = 4,
    LAST_LITERALS = 5,      // the block always ends with at least 5 literal bytes
    MATCH_FIND_LIMIT = 12,  // the kernel's MFLIMIT: no match search at or past end - 12
    SKIP_TRIGGER = 6,       // probe step = probes_without_match >> 6 (grows on incompressible data)
    LENGTH_FIELD_MAX = 15,  // 4-bit length fields; 15 means "more length bytes follow"
    ACCELERATION = 1,       // LZ4_ACCELERATION_DEFAULT, what zram and crypto lz4 pass
};

#define MAX_INPUT_SIZE 0x7E000000u
#define MAX_DISTANCE 65535u
// Inputs below this use 16-bit positions and a 13-bit hash (the kernel's LZ4_64Klimit); larger ones
// 32-bit positions and a 12-bit hash of 5 bytes. Both tables fill the same 16 KiB of work memory.
#define SMALL_INPUT_LIMIT (65536u + MATCH_FIND_LIMIT - 1)

#define ALWAYS_INLINE static inline __attribute__((always_inline))
#define UNLIKELY(x) __builtin_expect(!!(x), 0)

ALWAYS_INLINE uint32_t load32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
ALWAYS_INLINE uint64_t load64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }

// The kernel hashes the little-endian 32-bit load for 16-bit tables, and the low 5 bytes of a 64-bit
// load for 32-bit tables on 64-bit machines. This file assumes a little-endian host (x86_64, arm64).
ALWAYS_INLINE uint32_t hash_at(const uint8_t *p, int wide) {
    if (wide) return (uint32_t)(((load64(p) << 24) * 889523592379ull) >> (64 - 12));
    return (load32(p) * 2654435761u) >> (32 - 13);
}

ALWAYS_INLINE uint32_t table_get(const void *table, uint32_t h, int wide) {
    return wide ? ((const uint32_t *)table)[h] : ((const uint16_t *)table)[h];
}

ALWAYS_INLINE void table_put(void *table, uint32_t h, uint32_t pos, int wide) {
    if (wide) ((uint32_t *)table)[h] = pos;
    else ((uint16_t *)table)[h] = (uint16_t)pos;
}

// Number of equal bytes at a and b, counting no further than a reaches limit.
ALWAYS_INLINE size_t common_length(const uint8_t *a, const uint8_t *b, const uint8_t *limit) {
    const uint8_t *start = a;
    while (a + 8 <= limit) {
        uint64_t diff = load64(a) ^ load64(b);
        if (diff) return (size_t)(a - start) + ((size_t)__builtin_ctzll(diff) >> 3);
        a += 8;
        b += 8;
    }
    while (a < limit && *a == *b) { a++; b++; }
    return (size_t)(a - start);
}

// 15 in the 4-bit field, then 255-valued bytes, then the remainder.
ALWAYS_INLINE uint8_t *put_length_tail(uint8_t *op, size_t rest) {
    while (rest >= 255) { *op++ = 255; rest -= 255; }
    *op++ = (uint8_t)rest;
    return op;
}

// Copies n literal bytes; 8-byte chunks when the slack behind the destination allows it (the source
// always has slack here: literals end at least 12 bytes before the input end).
ALWAYS_INLINE uint8_t *put_literals(uint8_t *op, const uint8_t *from, size_t n, const uint8_t *oend) {
    if ((size_t)(oend - op) >= n + 8) {
        uint8_t *d = op;
        const uint8_t *s = from;
        uint8_t *const e = op + n;
        do { memcpy(d, s, 8); d += 8; s += 8; } while (d < e);
    } else {
        memcpy(op, from, n);
    }
    return op + n;
}

// `limited` is the kernel's limitedOutput mode (dst smaller than the worst case): it gives up with 0
// using the kernel's own conservative space checks, so "does not fit" agrees with the kernel too.
ALWAYS_INLINE int compress_block(const uint8_t *const src, size_t n, uint8_t *const dst, size_t cap,
                                 void *table, int wide, int limited) {
    const uint8_t *const iend = src + n;
    const uint8_t *const match_find_end = iend - MATCH_FIND_LIMIT;
    const uint8_t *const match_end = iend - LAST_LITERALS;
    const uint8_t *const oend = dst + cap;
    const uint8_t *anchor = src;
    const uint8_t *ip = src;
    uint8_t *op = dst;

    if (n < MATCH_FIND_LIMIT + 1) goto last_literals;

    table_put(table, hash_at(ip, wide), 0, wide);
    ip++;
    uint32_t next_hash = hash_at(ip, wide);

    for (;;) {
        const uint8_t *match;
        uint8_t *token;

        // Probe forward until the 4 bytes at ip equal those at the table's candidate. Every probed
        // position is entered into the table. The kernel quits when the *next* probe would pass
        // match_find_end (liblz4 >= 1.8.2 allows one byte more; see the top of the file).
        {
            const uint8_t *next = ip;
            unsigned step = 1;
            unsigned probes = ACCELERATION << SKIP_TRIGGER;
            for (;;) {
                uint32_t h = next_hash;
                ip = next;
                next += step;
                step = probes++ >> SKIP_TRIGGER;
                if (UNLIKELY(next > match_find_end)) goto last_literals;
                match = src + table_get(table, h, wide);
                next_hash = hash_at(next, wide);
                table_put(table, h, (uint32_t)(ip - src), wide);
                if (wide && (size_t)(ip - match) > MAX_DISTANCE) continue;
                if (load32(match) == load32(ip)) break;
            }
        }

        // Extend the match backwards over pending literals.
        while (ip > anchor && match > src && ip[-1] == match[-1]) { ip--; match--; }

        {
            size_t lit = (size_t)(ip - anchor);
            token = op++;
            // Signed: with a 0-byte destination op is already past oend here (nothing is written yet).
            if (limited && oend - op < (ptrdiff_t)(lit + 2 + 1 + LAST_LITERALS + lit / 255)) return 0;
            if (lit >= LENGTH_FIELD_MAX) {
                *token = LENGTH_FIELD_MAX << 4;
                op = put_length_tail(op, lit - LENGTH_FIELD_MAX);
            } else {
                *token = (uint8_t)(lit << 4);
            }
            op = put_literals(op, anchor, lit, oend);
        }

    emit_match:
        {
            uint16_t offset = (uint16_t)(ip - match);
            op[0] = (uint8_t)offset;
            op[1] = (uint8_t)(offset >> 8);
            op += 2;
            size_t extra = common_length(ip + MIN_MATCH, match + MIN_MATCH, match_end);
            ip += MIN_MATCH + extra;
            if (limited) {
                if ((size_t)(oend - op) < 1 + LAST_LITERALS + (extra >> 8)) return 0;  // the kernel's check
                // Ours, never stricter when the kernel's output fits: this match's length bytes plus
                // the final token and 5 literals (the kernel's test underestimates for huge matches).
                size_t tail = extra >= LENGTH_FIELD_MAX ? (extra - LENGTH_FIELD_MAX) / 255 + 1 : 0;
                if ((size_t)(oend - op) < tail + 1 + LAST_LITERALS) return 0;
            }
            if (extra >= LENGTH_FIELD_MAX) {
                *token += LENGTH_FIELD_MAX;
                op = put_length_tail(op, extra - LENGTH_FIELD_MAX);
            } else {
                *token += (uint8_t)extra;
            }
        }
        anchor = ip;
        if (ip > match_find_end) break;

        // Index a position inside the match, then try a match right here with no literals between.
        table_put(table, hash_at(ip - 2, wide), (uint32_t)(ip - 2 - src), wide);
        {
            uint32_t h = hash_at(ip, wide);
            match = src + table_get(table, h, wide);
            table_put(table, h, (uint32_t)(ip - src), wide);
            if ((size_t)(ip - match) <= MAX_DISTANCE && load32(match) == load32(ip)) {
                token = op++;
                *token = 0;
                goto emit_match;
            }
        }
        ip++;
        next_hash = hash_at(ip, wide);
    }

last_literals:
    {
        size_t lit = (size_t)(iend - anchor);
        if (limited && (size_t)(op - dst) + lit + 1 + (lit + 255 - LENGTH_FIELD_MAX) / 255 > cap) return 0;
        if (lit >= LENGTH_FIELD_MAX) {
            *op++ = LENGTH_FIELD_MAX << 4;
            op = put_length_tail(op, lit - LENGTH_FIELD_MAX);
        } else {
            *op++ = (uint8_t)(lit << 4);
        }
        if (lit) memcpy(op, anchor, lit);
        op += lit;
    }
    return (int)(op - dst);
}

int cshim_lz4_compress(const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_cap, void *wrkmem) {
    if (src_len > MAX_INPUT_SIZE) return 0;
    memset(wrkmem, 0, CSHIM_LZ4_WRKMEM_SIZE);
    size_t bound = src_len + src_len / 255 + 16;  // LZ4_COMPRESSBOUND: the output can never exceed it
    int wide = src_len >= SMALL_INPUT_LIMIT;
    if (dst_cap >= bound) {
        return wide ? compress_block(src, src_len, dst, dst_cap, wrkmem, 1, 0)
                    : compress_block(src, src_len, dst, dst_cap, wrkmem, 0, 0);
    }
    return wide ? compress_block(src, src_len, dst, dst_cap, wrkmem, 1, 1)
                : compress_block(src, src_len, dst, dst_cap, wrkmem, 0, 1);
}
