// swapon(2)/swapoff(2): <sys/swap.h> is not part of Swift's Glibc module map.
#ifndef CSHIM_SWAP_H
#define CSHIM_SWAP_H

/// SWAP_FLAG_PREFER | priority when priority >= 0; the kernel's own default priority when negative.
/// Returns 0, or -1 with errno set.
int cshim_swapon(const char *path, int priority);
int cshim_swapoff(const char *path);
/// As cshim_swapon, with swapon(8)'s discard policy: 0 none, 1 both (SWAP_FLAG_DISCARD), 2 once (the whole area
/// at swapon), 3 pages (freed pages as they are freed).
int cshim_swapon_discard(const char *path, int priority, int discard);

#endif
