#include "cshim_swap.h"
#include <sys/swap.h>

// include/linux/swap.h; glibc's <sys/swap.h> has only SWAP_FLAG_DISCARD.
#ifndef SWAP_FLAG_DISCARD_ONCE
#define SWAP_FLAG_DISCARD_ONCE 0x20000
#endif
#ifndef SWAP_FLAG_DISCARD_PAGES
#define SWAP_FLAG_DISCARD_PAGES 0x40000
#endif

int cshim_swapon(const char *path, int priority) {
    int flags = 0;
    if (priority >= 0) {
        flags = SWAP_FLAG_PREFER | ((priority << SWAP_FLAG_PRIO_SHIFT) & SWAP_FLAG_PRIO_MASK);
    }
    return swapon(path, flags);
}

int cshim_swapoff(const char *path) { return swapoff(path); }

int cshim_swapon_discard(const char *path, int priority, int discard) {
    int flags = 0;
    if (priority >= 0) {
        flags = SWAP_FLAG_PREFER | ((priority << SWAP_FLAG_PRIO_SHIFT) & SWAP_FLAG_PRIO_MASK);
    }
    switch (discard) {
    case 1: flags |= SWAP_FLAG_DISCARD; break;
    case 2: flags |= SWAP_FLAG_DISCARD | SWAP_FLAG_DISCARD_ONCE; break;
    case 3: flags |= SWAP_FLAG_DISCARD | SWAP_FLAG_DISCARD_PAGES; break;
    default: break;
    }
    return swapon(path, flags);
}
