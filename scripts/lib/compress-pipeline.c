// The pipeline of `tmemctl compress --algorithm lzo|lzo-rle --corpus FILE [--json|--summary]` written in plain
// C over the same CShim codecs, as the baseline scripts/callgrind-compress counts instructions against: read the
// whole file, classify each page as zram does, compress it, decode it again, compare with memcmp, and print the
// same per-page JSON entries (or only the totals). Not a product: a yardstick for the Swift layers' cost.
#include "cshim_lzo.h"
#include "cshim_page.h"
#include "read-corpus.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc != 4 || (strcmp(argv[1], "lzo") && strcmp(argv[1], "lzo-rle")) ||
        (strcmp(argv[3], "--json") && strcmp(argv[3], "--summary"))) {
        fprintf(stderr, "usage: compress-pipeline lzo|lzo-rle FILE --json|--summary\n");
        return 64;
    }
    int rle = strcmp(argv[1], "lzo-rle") == 0, json = strcmp(argv[3], "--json") == 0;
    long size;
    uint8_t *corpus = read_corpus(argv[2], &size);
    if (!corpus) return 1;
    if (size % CSHIM_PAGE_SIZE) { fprintf(stderr, "%s: not whole pages\n", argv[2]); return 1; }
    size_t pages = (size_t)size / CSHIM_PAGE_SIZE, cap = 2 * CSHIM_PAGE_SIZE, total = 0, same = 0;
    uint8_t *out = malloc(cap), *decoded = malloc(CSHIM_PAGE_SIZE);
    void *work = malloc(rle ? CSHIM_LZORLE_WRKMEM_SIZE : CSHIM_LZO1X_WRKMEM_SIZE);
    if (json) printf("{\"schema_version\":1,\"algorithm\":\"%s\",\"level\":null,\"window_bits\":null,\"pages\":[", argv[1]);
    for (size_t i = 0; i < pages; i++) {
        const uint8_t *page = corpus + i * CSHIM_PAGE_SIZE;
        uint64_t fill;
        if (json && i) putchar(',');
        if (cshim_page_same_filled(page, &fill)) {
            same++;
            if (json) printf("{\"index\":%zu,\"kind\":\"same\",\"compressed_size\":null,\"fill\":%" PRIu64 "}", i, fill);
            continue;
        }
        size_t n = rle ? cshim_lzorle_compress(page, CSHIM_PAGE_SIZE, out, cap, work)
                       : cshim_lzo1x_compress(page, CSHIM_PAGE_SIZE, out, cap, work);
        size_t m = 0;
        if (n == 0 || cshim_lzo_decompress_safe(out, n, decoded, CSHIM_PAGE_SIZE, &m) != CSHIM_LZO_OK ||
            m != CSHIM_PAGE_SIZE || memcmp(decoded, page, CSHIM_PAGE_SIZE) != 0) {
            fprintf(stderr, "page %zu does not round-trip\n", i);
            return 1;
        }
        total += n;
        if (json) printf("{\"index\":%zu,\"kind\":\"compressed\",\"compressed_size\":%zu,\"fill\":null}", i, n);
    }
    if (json) printf("],\"total_compressed_size\":%zu}\n", total);
    else printf("%s: %zu pages, %zu same-filled, %zu compressed, %zu bytes\n", argv[1], pages, same, pages - same, total);
    return 0;
}
