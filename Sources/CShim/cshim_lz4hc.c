// Our LZ4 HC encoder, written to make the same choices as the kernel's LZ4_compress_HC (see cshim_lz4hc.h
// for why not liblz4). What decides the output, as read from the kernel's lib/lz4/lz4hc_compress.c:
// - a 15-bit multiplicative hash of the 4 bytes at each position; a head table of the newest position per
//   hash and a chain of 16-bit distances to the previous position with the same hash (65535: none);
// - positions are inserted lazily up to the one being searched, and the "inserted up to" mark is set to
//   the searched position even when that moves it backwards (positions are then re-inserted, and one can
//   chain to itself: such a search spends its attempts on that one candidate; kept for exactness);
// - a search walks at most 2^(level-1) candidates; the first search at a position keeps the longest match
//   (a candidate is only measured when the byte at the current best length agrees); the "wider" search
//   looks for a longer match starting at most a few bytes earlier (matches extend backwards);
// - the parser keeps up to three overlapping matches and resolves them with the HC rules (drop a first
//   match shorter than 3 bytes of lead, trim overlaps to at most OPTIMAL_MATCH bytes, ...);
// - no match starts in the last 12 bytes and every match ends at least 5 bytes before the end.
#include "cshim_lz4hc.h"
#include <string.h>

enum {
    MIN_MATCH = 4,
    LAST_LITERALS = 5,
    MATCH_FIND_LIMIT = 12,
    LENGTH_FIELD_MAX = 15,
    // The kernel's OPTIMAL_ML: ML_MASK - 1 + MINMATCH, the longest match whose length fits the token alone.
    OPTIMAL_MATCH = 18,
    HASH_BITS = 15,
    NO_PREVIOUS = 65535,
};

typedef struct {
    int32_t *head;        // newest position per hash; negative: none
    uint16_t *distance;   // position -> distance to the previous position of its hash
    const uint8_t *src;
    int32_t inserted;     // positions below this are in the tables
    int attempts;
} hc_state;

static inline uint32_t load32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }

static inline uint32_t hash4(const uint8_t *p) { return (load32(p) * 2654435761u) >> (32 - HASH_BITS); }

// Bytes equal at a and b, with a stopping at limit.
static inline int32_t equal_run(const uint8_t *a, const uint8_t *b, const uint8_t *limit) {
    const uint8_t *start = a;
    while (a < limit && *a == *b) { a++; b++; }
    return (int32_t)(a - start);
}

// Brings the tables up to (not including) `upto`; the mark follows `upto` even backwards.
static void insert_upto(hc_state *s, int32_t upto) {
    for (int32_t p = s->inserted; p < upto; p++) {
        uint32_t h = hash4(s->src + p);
        int64_t gap = (int64_t)p - s->head[h];
        s->distance[p] = gap > NO_PREVIOUS ? NO_PREVIOUS : (uint16_t)gap;
        s->head[h] = p;
    }
    s->inserted = upto;
}

static inline int32_t previous(const hc_state *s, int32_t candidate) {
    return candidate - (int32_t)s->distance[candidate];
}

// Longest match for position `at` (0 when none of at least 4 bytes).
static int32_t best_match(hc_state *s, int32_t at, const uint8_t *limit, int32_t *match_at) {
    const uint8_t *src = s->src, *here = src + at;
    insert_upto(s, at);
    int32_t best = 0;
    int left = s->attempts;
    for (int32_t c = s->head[hash4(here)]; c >= 0 && left > 0; c = previous(s, c)) {
        left--;
        const uint8_t *there = src + c;
        if (there[best] != here[best] || load32(there) != load32(here)) continue;
        int32_t len = MIN_MATCH + equal_run(here + MIN_MATCH, there + MIN_MATCH, limit);
        if (len > best) { best = len; *match_at = c; }
    }
    return best;
}

// A match longer than `longest` found from position `at`, allowed to start back down to `lowest`; returns
// the new longest length (unchanged when none), and its start and source in *start_at / *match_at.
static int32_t wider_match(hc_state *s, int32_t at, int32_t lowest, const uint8_t *limit, int32_t longest,
                           int32_t *match_at, int32_t *start_at) {
    const uint8_t *src = s->src, *here = src + at;
    const int32_t lead = at - lowest;
    insert_upto(s, at);
    int left = s->attempts;
    for (int32_t c = s->head[hash4(here)]; c >= 0 && left > 0; c = previous(s, c)) {
        left--;
        const uint8_t *there = src + c;
        if (src[lowest + longest] != there[longest - lead] || load32(there) != load32(here)) continue;
        int32_t len = MIN_MATCH + equal_run(here + MIN_MATCH, there + MIN_MATCH, limit);
        int32_t back = 0;
        while (at + back > lowest && c + back > 0 && here[back - 1] == there[back - 1]) back--;
        len -= back;
        if (len > longest) { longest = len; *match_at = c + back; *start_at = at + back; }
    }
    return longest;
}

static uint8_t *put_length_tail(uint8_t *op, int32_t rest) {
    for (; rest >= 255; rest -= 255) *op++ = 255;
    *op++ = (uint8_t)rest;
    return op;
}

// One sequence: the literals from *anchor to `at`, then a match of `len` bytes copying from `from`.
static uint8_t *put_sequence(uint8_t *op, const uint8_t *src, int32_t *anchor, int32_t at, int32_t len,
                             int32_t from) {
    uint8_t *token = op++;
    int32_t literals = at - *anchor;
    if (literals >= LENGTH_FIELD_MAX) {
        *token = LENGTH_FIELD_MAX << 4;
        op = put_length_tail(op, literals - LENGTH_FIELD_MAX);
    } else {
        *token = (uint8_t)(literals << 4);
    }
    memcpy(op, src + *anchor, (size_t)literals);
    op += literals;
    uint16_t offset = (uint16_t)(at - from);
    *op++ = (uint8_t)offset;
    *op++ = (uint8_t)(offset >> 8);
    int32_t extra = len - MIN_MATCH;
    if (extra >= LENGTH_FIELD_MAX) {
        *token += LENGTH_FIELD_MAX;
        op = put_length_tail(op, extra - LENGTH_FIELD_MAX);
    } else {
        *token += (uint8_t)extra;
    }
    *anchor = at + len;
    return op;
}

// A match candidate: where it starts, where it copies from, how long it is.
typedef struct { int32_t at, from, len; } hc_match;

// Moves the start of m forward by `by` bytes (its length shrinks by as much).
static inline void advance(hc_match *m, int32_t by) { m->at += by; m->from += by; m->len -= by; }

// Where the parser is: looking for a first match, widening it with a second, or resolving a third.
typedef enum { FIND_FIRST, FIND_SECOND, FIND_THIRD } hc_step;

size_t cshim_lz4hc_compress(const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_cap, int level,
                            void *wrkmem) {
    if (src_len > NO_PREVIOUS || dst_cap < CSHIM_LZ4HC_BOUND(src_len)) return 0;
    if (level < 1) level = CSHIM_LZ4HC_DEFAULT_LEVEL;
    if (level > CSHIM_LZ4HC_MAX_LEVEL) level = CSHIM_LZ4HC_MAX_LEVEL;
    hc_state s = {
        .head = wrkmem,
        .distance = (uint16_t *)((uint8_t *)wrkmem + 32768 * 4),
        .src = src,
        .inserted = 0,
        .attempts = 1 << (level - 1),
    };
    // Anything this far below 0 reads as "no position" and gives a capped distance.
    for (int i = 0; i < 32768; i++) s.head[i] = -65536;
    memset(s.distance, 0xFF, 65536 * 2);

    const int32_t n = (int32_t)src_len;
    const int32_t search_end = n - MATCH_FIND_LIMIT;      // no match starts at or past this
    const uint8_t *match_limit = src + n - LAST_LITERALS; // matches end before this
    uint8_t *op = dst;
    int32_t anchor = 0;
    int32_t ip = 1; // the first byte is always a literal
    hc_match m1 = { 0, 0, 0 }, m2 = m1, m3 = m1, saved = m1;
    hc_step step = FIND_FIRST;

    for (;;) {
        switch (step) {
        case FIND_FIRST:
            if (ip >= search_end) goto last_literals;
            m1.at = ip;
            m1.len = best_match(&s, ip, match_limit, &m1.from);
            if (m1.len == 0) { ip++; break; }
            saved = m1; // in case a wider match skips too far
            step = FIND_SECOND;
            break;

        case FIND_SECOND:
            if (m1.at + m1.len < search_end) {
                m2.len = wider_match(&s, m1.at + m1.len - 2, m1.at, match_limit, m1.len, &m2.from, &m2.at);
            } else {
                m2.len = m1.len;
            }
            if (m2.len == m1.len) {
                op = put_sequence(op, src, &anchor, m1.at, m1.len, m1.from);
                ip = anchor;
                step = FIND_FIRST;
                break;
            }
            if (saved.at < m1.at && m2.at < m1.at + saved.len) m1 = saved;
            // Less than 3 bytes of m1 before m2 starts: m2 replaces it and is widened in turn.
            if (m2.at - m1.at < 3) { m1 = m2; break; }
            step = FIND_THIRD;
            break;

        case FIND_THIRD:
            if (m2.at - m1.at < OPTIMAL_MATCH) {
                int32_t keep = m1.len > OPTIMAL_MATCH ? OPTIMAL_MATCH : m1.len;
                if (m1.at + keep > m2.at + m2.len - MIN_MATCH) keep = m2.at - m1.at + m2.len - MIN_MATCH;
                int32_t overlap = keep - (m2.at - m1.at);
                if (overlap > 0) advance(&m2, overlap);
            }
            if (m2.at + m2.len < search_end) {
                m3.len = wider_match(&s, m2.at + m2.len - 3, m2.at, match_limit, m2.len, &m3.from, &m3.at);
            } else {
                m3.len = m2.len;
            }
            if (m3.len == m2.len) {
                // No better third match: m1 (cut where m2 starts), then m2.
                if (m2.at < m1.at + m1.len) m1.len = m2.at - m1.at;
                op = put_sequence(op, src, &anchor, m1.at, m1.len, m1.from);
                op = put_sequence(op, src, &anchor, m2.at, m2.len, m2.from);
                ip = anchor;
                step = FIND_FIRST;
                break;
            }
            if (m3.at < m1.at + m1.len + 3) {
                if (m3.at >= m1.at + m1.len) {
                    // m1 can be written now; m2 is dropped and m3 is the next first match.
                    if (m2.at < m1.at + m1.len) {
                        advance(&m2, m1.at + m1.len - m2.at);
                        if (m2.len < MIN_MATCH) m2 = m3;
                    }
                    op = put_sequence(op, src, &anchor, m1.at, m1.len, m1.from);
                    m1 = m3;
                    saved = m2;
                    step = FIND_SECOND;
                    break;
                }
                // m3 starts too close to m1's end for m2 to pay: m3 takes m2's place.
                m2 = m3;
                break;
            }
            // Three ascending matches: write m1, trimmed where m2 needs its bytes; shift m2, m3 down.
            if (m2.at < m1.at + m1.len) {
                if (m2.at - m1.at < LENGTH_FIELD_MAX) {
                    if (m1.len > OPTIMAL_MATCH) m1.len = OPTIMAL_MATCH;
                    if (m1.at + m1.len > m2.at + m2.len - MIN_MATCH) m1.len = m2.at - m1.at + m2.len - MIN_MATCH;
                    int32_t overlap = m1.len - (m2.at - m1.at);
                    if (overlap > 0) advance(&m2, overlap);
                } else {
                    m1.len = m2.at - m1.at;
                }
            }
            op = put_sequence(op, src, &anchor, m1.at, m1.len, m1.from);
            m1 = m2;
            m2 = m3;
            break;
        }
    }

last_literals: {
        int32_t rest = n - anchor;
        if (rest >= LENGTH_FIELD_MAX) {
            *op++ = LENGTH_FIELD_MAX << 4;
            op = put_length_tail(op, rest - LENGTH_FIELD_MAX);
        } else {
            *op++ = (uint8_t)(rest << 4);
        }
        memcpy(op, src + anchor, (size_t)rest);
        op += rest;
    }
    return (size_t)(op - dst);
}
