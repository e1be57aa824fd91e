// Our LZO1X-1 encoder, emitting the kernel's bitstream v1 ("lzo-rle", lzorle1x_1_compress) or v0.
// Byte identity with the kernel rests on following its decisions exactly (kernel-abi.md §5.2-§5.4):
// 13-bit dictionary of u16 positions hashed with 0x1824429d; skip distance 1 + (literals >> 5); chunks of
// at most M4 max distance + 1 bytes; in v1 a run of >= 4 zero bytes becomes a zero-run instruction, the
// M4 distance cap is 0xbffe, and M4 matches of length 261..264 whose distance has (d & 0x803f) == 0x803f
// are clipped to 260 so they cannot be mistaken for a zero run.
#include "cshim_lzo.h"
#include <string.h>

enum {
    D_BITS = 13,
    D_SIZE = 1 << D_BITS,
    D_MASK = D_SIZE - 1,
    M2_MAX_LEN = 8,
    M3_MAX_LEN = 33,
    M4_MAX_LEN = 9,
    M2_MAX_OFFSET = 0x0800,
    M3_MAX_OFFSET = 0x4000,
    M4_MAX_OFFSET_V0 = 0xbfff,
    M4_MAX_OFFSET_V1 = 0xbffe,
    M3_MARKER = 32,
    M4_MARKER = 16,
    MIN_ZERO_RUN = 4,
    MAX_ZERO_RUN = 2047 + MIN_ZERO_RUN,
    // The match finder stops this many bytes before a chunk's end; the tail is emitted as literals.
    TAIL = 20,
};

static inline uint32_t load_le32(const uint8_t *p) {
    uint32_t v;
    memcpy(&v, p, 4);
    return v; // x86_64 and arm64 are little-endian; the kernel reads the same value
}

static inline uint64_t load64(const uint8_t *p) {
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static inline void copy8(uint8_t *d, const uint8_t *s) { memcpy(d, s, 8); }
static inline void copy16(uint8_t *d, const uint8_t *s) { memcpy(d, s, 16); }

// Emits the literal-run header for t >= 4 literals (t <= 3 goes into the previous instruction).
static inline uint8_t *literal_header(uint8_t *op, size_t t) {
    if (t <= 18) {
        *op++ = (uint8_t)(t - 3);
    } else {
        size_t tt = t - 18;
        *op++ = 0;
        while (tt > 255) {
            tt -= 255;
            *op++ = 0;
        }
        *op++ = (uint8_t)tt;
    }
    return op;
}

// Number of zero bytes at p, not looking at or past limit.
static inline size_t zero_run(const uint8_t *p, const uint8_t *limit) {
    const uint8_t *r = p;
    while (r + 8 <= limit) {
        uint64_t v = load64(r);
        if (v) return (size_t)(r - p) + (size_t)(__builtin_ctzll(v) >> 3);
        r += 8;
    }
    while (r < limit && *r == 0) r++;
    return (size_t)(r - p);
}

// Compresses one chunk [in, in + in_len). ti literals from the previous chunk are still pending (they sit
// just before `in`). Returns the number of literals left pending at the end of this chunk.
static size_t compress_chunk(const uint8_t *in, size_t in_len, uint8_t **out, size_t ti, uint16_t *dict,
                             int *state_offset, int version) {
    const uint8_t *const in_end = in + in_len;
    const uint8_t *const ip_end = in + in_len - TAIL;
    const uint8_t *ip = in;
    const uint8_t *ii = in;
    uint8_t *op = *out;

    ip += ti < 4 ? 4 - ti : 0;
    // Skip ahead faster the longer the current literal run grows (1 + run/32).
    ip += 1 + ((size_t)(ip - ii) >> 5);
    for (;;) {
        if (ip >= ip_end) break;
        uint32_t dv = load_le32(ip);
        const uint8_t *m_pos = NULL;
        size_t run_length = 0;

        if (dv == 0 && version) {
            const uint8_t *limit = ip + MAX_ZERO_RUN + 1 < ip_end ? ip + MAX_ZERO_RUN + 1 : ip_end;
            run_length = 4 + zero_run(ip + 4, limit);
            if (run_length > MAX_ZERO_RUN) run_length = MAX_ZERO_RUN;
        } else {
            uint32_t h = ((dv * 0x1824429du) >> (32 - D_BITS)) & D_MASK;
            m_pos = in + dict[h];
            dict[h] = (uint16_t)(ip - in);
            if (dv != load_le32(m_pos)) {
                ip += 1 + ((size_t)(ip - ii) >> 5);
                continue;
            }
        }

        // Flush the literals between the last instruction and here.
        ii -= ti;
        ti = 0;
        size_t t = (size_t)(ip - ii);
        if (t != 0) {
            // Fixed-size copies may run up to 15 bytes past the run, in both buffers: the input has at
            // least TAIL bytes after ip, and the output slack is part of the required capacity; the extra
            // output bytes are overwritten by what follows.
            if (t <= 3) {
                op[*state_offset] |= (uint8_t)t;
                memcpy(op, ii, 4);
            } else if (t <= 16) {
                *op++ = (uint8_t)(t - 3);
                copy16(op, ii);
            } else {
                op = literal_header(op, t);
                for (size_t n = 0; n < t; n += 16) copy16(op + n, ii + n);
            }
            op += t;
        }

        if (run_length) {
            // Zero run: M4 form with H = 1 and distance bits all ones, 4th byte carries run >> 3.
            ip += run_length;
            size_t r = run_length - MIN_ZERO_RUN;
            op[0] = (uint8_t)(0x18 | (r & 7));
            op[1] = 0xfc;
            op[2] = 0xff;
            op[3] = (uint8_t)(r >> 3);
            op += 4;
            *state_offset = -3;
            ii = ip;
            continue;
        }

        // Extend the 4-byte match 8 bytes at a time; stop early once past ip_end, as the kernel does.
        size_t m_len = 4;
        {
            uint64_t v = load64(ip + m_len) ^ load64(m_pos + m_len);
            int done = 0;
            while (v == 0) {
                m_len += 8;
                v = load64(ip + m_len) ^ load64(m_pos + m_len);
                if (ip + m_len >= ip_end) {
                    done = 1;
                    break;
                }
            }
            if (!done) m_len += (size_t)(__builtin_ctzll(v) >> 3);
        }

        size_t m_off = (size_t)(ip - m_pos);
        ip += m_len;
        if (m_len <= M2_MAX_LEN && m_off <= M2_MAX_OFFSET) {
            m_off -= 1;
            *op++ = (uint8_t)(((m_len - 1) << 5) | ((m_off & 7) << 2));
            *op++ = (uint8_t)(m_off >> 3);
        } else if (m_off <= M3_MAX_OFFSET) {
            m_off -= 1;
            if (m_len <= M3_MAX_LEN) {
                *op++ = (uint8_t)(M3_MARKER | (m_len - 2));
            } else {
                m_len -= M3_MAX_LEN;
                *op++ = M3_MARKER | 0;
                while (m_len > 255) {
                    m_len -= 255;
                    *op++ = 0;
                }
                *op++ = (uint8_t)m_len;
            }
            *op++ = (uint8_t)(m_off << 2);
            *op++ = (uint8_t)(m_off >> 6);
        } else {
            m_off -= 0x4000;
            if (m_len <= M4_MAX_LEN) {
                *op++ = (uint8_t)(M4_MARKER | ((m_off >> 11) & 8) | (m_len - 2));
            } else {
                if (version && (m_off & 0x403f) == 0x403f && m_len >= 261 && m_len <= 264) {
                    // This length and distance would read back as a zero run: shorten to 260.
                    ip -= m_len - 260;
                    m_len = 260;
                }
                m_len -= M4_MAX_LEN;
                *op++ = (uint8_t)(M4_MARKER | ((m_off >> 11) & 8));
                while (m_len > 255) {
                    m_len -= 255;
                    *op++ = 0;
                }
                *op++ = (uint8_t)m_len;
            }
            *op++ = (uint8_t)(m_off << 2);
            *op++ = (uint8_t)(m_off >> 6);
        }
        *state_offset = -2;
        ii = ip;
    }
    *out = op;
    return (size_t)(in_end - (ii - ti));
}

static size_t lzo_generic_compress(const uint8_t *in, size_t in_len, uint8_t *out, size_t dst_cap, void *wrkmem,
                                   int version) {
    if (dst_cap < CSHIM_LZORLE_DST_MIN(in_len)) return 0;
    const uint8_t *ip = in;
    uint8_t *op = out;
    size_t l = in_len;
    size_t t = 0;
    int state_offset = -2;
    size_t m4_max_offset = M4_MAX_OFFSET_V0;

    // v0 never starts with 17 (except for empty input), so 17 followed by the version marks v1.
    if (version) {
        *op++ = 17;
        *op++ = (uint8_t)version;
        m4_max_offset = M4_MAX_OFFSET_V1;
    }
    uint8_t *const data_start = op;

    while (l > TAIL) {
        size_t ll = l < m4_max_offset + 1 ? l : m4_max_offset + 1;
        memset(wrkmem, 0, D_SIZE * sizeof(uint16_t));
        t = compress_chunk(ip, ll, &op, t, (uint16_t *)wrkmem, &state_offset, version);
        ip += ll;
        l -= ll;
    }
    t += l;

    if (t > 0) {
        const uint8_t *ii = in + in_len - t;
        if (op == data_start && t <= 238) {
            *op++ = (uint8_t)(17 + t);
        } else if (t <= 3) {
            op[state_offset] |= (uint8_t)t;
        } else {
            op = literal_header(op, t);
        }
        memcpy(op, ii, t);
        op += t;
    }
    // End of stream: an M4 match of distance 16384.
    *op++ = M4_MARKER | 1;
    *op++ = 0;
    *op++ = 0;
    return (size_t)(op - out);
}

size_t cshim_lzorle_compress(const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_cap, void *wrkmem) {
    return lzo_generic_compress(src, src_len, dst, dst_cap, wrkmem, 1);
}

size_t cshim_lzo1x_compress_v0(const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_cap, void *wrkmem) {
    return lzo_generic_compress(src, src_len, dst, dst_cap, wrkmem, 0);
}
