// Our LZO1X decoder for bitstream v0 ("lzo") and v1 ("lzo-rle"), written from the stream format
// (Documentation/staging/lzo.rst, kernel-abi.md §5.3/§5.4). Every read is checked against the input end,
// every write against the output capacity and every match against the output start, so hostile input
// ends in an error code; each instruction consumes input, so the loop cannot spin without progress.
#include "cshim_lzo.h"
#include <string.h>

enum { MIN_ZERO_RUN = 4, M2_MAX_OFFSET = 0x0800 };

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

int cshim_lzo_decompress_safe(const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_cap, size_t *out_len) {
    const uint8_t *ip = src;
    const uint8_t *const ip_end = src + src_len;
    uint8_t *op = dst;
    uint8_t *const op_end = dst + dst_cap;
    int version = 0;
    size_t state = 0; // 0: last was a match with no literals; 1..3: match + that many; 4: a literal run
    size_t t;
    *out_len = 0;

#define NEED_IP(n) do { if ((size_t)(ip_end - ip) < (size_t)(n)) return CSHIM_LZO_E_INPUT_OVERRUN; } while (0)
#define NEED_OP(n) do { if ((size_t)(op_end - op) < (size_t)(n)) return CSHIM_LZO_E_OUTPUT_OVERRUN; } while (0)

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
        NEED_IP(t);
        NEED_OP(t);
        memcpy(op, ip, t);
        op += t;
        ip += t;
        state = t < 4 ? t : 4;
    }

    for (;;) {
        size_t len, dist, next;
        NEED_IP(1);
        t = *ip++;
        if (t < 16) {
            if (state == 0) {
                // Literal run: 3 + t, or 18 + extension when t == 0.
                if (t == 0) {
                    long l = read_extended_length(&ip, ip_end, 15, dst_cap);
                    if (l < 0) return ip >= ip_end ? CSHIM_LZO_E_INPUT_OVERRUN : CSHIM_LZO_E_ERROR;
                    t = (size_t)l;
                }
                t += 3;
                NEED_IP(t);
                NEED_OP(t);
                if ((size_t)(ip_end - ip) >= t + 16 && (size_t)(op_end - op) >= t + 16) {
                    // Room on both sides: copy in 16-byte steps, the tail beyond t is overwritten later.
                    const uint8_t *s = ip;
                    uint8_t *d = op;
                    for (size_t n = 0; n < t; n += 16, s += 16, d += 16) memcpy(d, s, 16);
                } else {
                    memcpy(op, ip, t);
                }
                op += t;
                ip += t;
                state = 4;
                continue;
            }
            NEED_IP(1);
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
        } else if (t >= 64) {
            // M2: 3..8 bytes, distance 1..2048.
            NEED_IP(1);
            next = t & 3;
            dist = 1 + ((t >> 2) & 7) + ((size_t)*ip++ << 3);
            len = (t >> 5) + 1;
        } else if (t >= 32) {
            // M3: 3..33 bytes (or extended), distance 1..16384.
            len = (t & 31) + 2;
            if (len == 2) {
                long l = read_extended_length(&ip, ip_end, 33, dst_cap);
                if (l < 0) return ip >= ip_end ? CSHIM_LZO_E_INPUT_OVERRUN : CSHIM_LZO_E_ERROR;
                len = (size_t)l;
            }
            NEED_IP(2);
            size_t d = (size_t)ip[0] | ((size_t)ip[1] << 8);
            ip += 2;
            dist = 1 + (d >> 2);
            next = d & 3;
        } else {
            // M4 (16..31): distance 16384 + H * 16384 + D; distance exactly 16384 ends the stream. In v1,
            // H = 1 with all distance bits set is a zero run instead (checked before any length extension).
            NEED_IP(2);
            size_t d = (size_t)ip[0] | ((size_t)ip[1] << 8);
            if (version && (t & 0xf8) == 0x18 && (d & 0xfffc) == 0xfffc) {
                NEED_IP(3);
                size_t run = ((t & 7) | ((size_t)ip[2] << 3)) + MIN_ZERO_RUN;
                NEED_OP(run);
                memset(op, 0, run);
                op += run;
                next = d & 3;
                ip += 3;
                goto literals;
            }
            len = (t & 7) + 2;
            if (len == 2) {
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
        }

        // Copy the match.
        if (dist > (size_t)(op - dst)) return CSHIM_LZO_E_LOOKBEHIND_OVERRUN;
        NEED_OP(len);
        {
            const uint8_t *m = op - dist;
            if (dist >= 8 && (size_t)(op_end - op) >= len + 8) {
                // Non-overlapping 8-byte steps (each step reads bytes written >= 8 earlier).
                uint8_t *d = op;
                for (size_t n = 0; n < len; n += 8, m += 8, d += 8) memcpy(d, m, 8);
            } else {
                for (size_t n = 0; n < len; n++) op[n] = m[n];
            }
            op += len;
        }

    literals:
        // 0..3 literals follow a match; their count is the state for the next instruction.
        state = next;
        if (next) {
            NEED_IP(next);
            NEED_OP(next);
            for (size_t n = 0; n < next; n++) op[n] = ip[n];
            op += next;
            ip += next;
        }
    }
#undef NEED_IP
#undef NEED_OP
}
