#include "cshim_swap.h"
#include <sys/swap.h>

int cshim_swapon(const char *path, int priority) {
    int flags = 0;
    if (priority >= 0) {
        flags = SWAP_FLAG_PREFER | ((priority << SWAP_FLAG_PRIO_SHIFT) & SWAP_FLAG_PRIO_MASK);
    }
    return swapon(path, flags);
}

int cshim_swapoff(const char *path) { return swapoff(path); }
