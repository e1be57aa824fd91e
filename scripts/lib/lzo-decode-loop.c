// Our LZO decoder in a loop, for scripts/perf-lzo-decoder: the pages zram would decode (not same-filled,
// compressed below zsmalloc's huge_class_size), each compressed with our kernel-exact encoder, decoded ROUNDS
// times with cshim_lzo_decompress_safe and checked against the page.
//   lzo-decode-loop lzo|lzo-rle CORPUS --filter OUT     write those pages of CORPUS to OUT (a new file)
//   lzo-decode-loop lzo|lzo-rle CORPUS ROUNDS            decode every page ROUNDS times
#include "cshim_lzo.h"
#include "cshim_page.h"
#include "read-corpus.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { PAGE = CSHIM_PAGE_SIZE, SLOT = 2 * CSHIM_PAGE_SIZE, HUGE_CLASS_SIZE = 3625 /* 6.18, chain 8 */ };

int main(int argc, char **argv) {
    if (argc < 4 || (strcmp(argv[1], "lzo") && strcmp(argv[1], "lzo-rle"))) {
        fprintf(stderr, "usage: lzo-decode-loop lzo|lzo-rle CORPUS ROUNDS | --filter OUT\n");
        return 64;
    }
    int rle = strcmp(argv[1], "lzo-rle") == 0, filter = strcmp(argv[3], "--filter") == 0;
    long size;
    uint8_t *corpus = read_corpus(argv[2], &size);
    if (!corpus) return 1;
    size_t pages = (size_t)size / PAGE;
    uint8_t *streams = malloc(pages * SLOT + 1), *out = malloc(PAGE);
    size_t *lengths = malloc((pages + 1) * sizeof(size_t)), *index = malloc((pages + 1) * sizeof(size_t));
    void *work = malloc(CSHIM_LZO1X_WRKMEM_SIZE);
    size_t kept = 0;
    for (size_t i = 0; i < pages; i++) {
        uint64_t fill;
        const uint8_t *p = corpus + i * PAGE;
        if (cshim_page_same_filled(p, &fill)) continue;
        uint8_t *s = streams + kept * SLOT;
        size_t n = rle ? cshim_lzorle_compress(p, PAGE, s, SLOT, work) : cshim_lzo1x_compress(p, PAGE, s, SLOT, work);
        if (n == 0 || n >= HUGE_CLASS_SIZE) continue;
        lengths[kept] = n;
        index[kept++] = i;
    }
    if (filter) {
        FILE *o = fopen(argv[4], "wx");
        if (!o) { perror(argv[4]); return 1; }
        for (size_t k = 0; k < kept; k++) fwrite(corpus + index[k] * PAGE, 1, PAGE, o);
        if (fclose(o)) { perror(argv[4]); return 1; }
        printf("%zu of %zu pages\n", kept, pages);
        return 0;
    }
    long rounds = atol(argv[3]);
    for (long r = 0; r < rounds; r++) {
        for (size_t k = 0; k < kept; k++) {
            size_t m = 0;
            if (cshim_lzo_decompress_safe(streams + k * SLOT, lengths[k], out, PAGE, &m) != CSHIM_LZO_OK || m != PAGE ||
                memcmp(out, corpus + index[k] * PAGE, PAGE)) {
                fprintf(stderr, "page %zu does not round-trip\n", index[k]);
                return 1;
            }
        }
    }
    printf("%zu pages x %ld rounds\n", kept, rounds);
    return 0;
}
