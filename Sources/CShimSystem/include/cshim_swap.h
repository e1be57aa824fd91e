// swapon(2)/swapoff(2): <sys/swap.h> is not part of Swift's Glibc module map.
#ifndef CSHIM_SWAP_H
#define CSHIM_SWAP_H

/// SWAP_FLAG_PREFER | priority when priority >= 0; the kernel's own default priority when negative.
/// Returns 0, or -1 with errno set.
int cshim_swapon(const char *path, int priority);
int cshim_swapoff(const char *path);

#endif
