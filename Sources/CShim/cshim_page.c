#include "cshim_page.h"
#include <string.h>

int cshim_page_same_filled(const void *page, uint64_t *fill) {
    const unsigned char *p = page;
    const size_t words = CSHIM_PAGE_SIZE / sizeof(uint64_t);
    uint64_t first, last;
    memcpy(&first, p, sizeof first);
    memcpy(&last, p + (words - 1) * sizeof(uint64_t), sizeof last);
    // The cheap test on the last word rejects most pages before the scan, as the kernel does.
    if (first != last) return 0;
    for (size_t i = 1; i < words - 1; i++) {
        uint64_t w;
        memcpy(&w, p + i * sizeof(uint64_t), sizeof w);
        if (w != first) return 0;
    }
    if (fill) *fill = first;
    return 1;
}
