// Page classification as zram does it (Linux 6.18 zram_write_page, page_same_filled).
#ifndef CSHIM_PAGE_H
#define CSHIM_PAGE_H

#include <stddef.h>
#include <stdint.h>

#define CSHIM_PAGE_SIZE 4096

/// Returns 1 and stores the fill word when all 512 native 8-byte words of the 4 KiB page are equal
/// (zram compares word[0] with word[511] first, then every word). Returns 0 otherwise.
int cshim_page_same_filled(const void *page, uint64_t *fill);

#endif
