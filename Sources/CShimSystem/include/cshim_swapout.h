// A child process that holds a copy of a page corpus in its own anonymous memory and pushes it out to swap
// with MADV_PAGEOUT on command (`tmemctl verify --path swap`). A separate process, so the swapped pages are
// nobody else's, its memory can be put in a memory cgroup of its own, and everything it holds is freed the
// moment it exits. The child only makes async-signal-safe calls (the parent is multi-threaded).
#ifndef CSHIM_SWAPOUT_H
#define CSHIM_SWAPOUT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/// MADV_PAGEOUT (Linux 5.4+) in case the C library's headers predate it.
#define CSHIM_MADV_PAGEOUT 21

typedef struct {
    pid_t pid;
    int socket;   // parent's end of the command socket (-1 once stopped)
} CShimSwapoutChild;

/// Forks the child. It waits for cshim_swapout_child_load before touching any memory, so the parent can first
/// move it into a cgroup. `pages` (count * 4096 bytes) is read by the child after fork (copy-on-write, never
/// written). Returns 0, or -1 with errno.
int cshim_swapout_child_start(const uint8_t *pages, size_t count, CShimSwapoutChild *child);

/// Tells the child to pin itself to the CPU it runs on, map count pages anonymously (MADV_NOHUGEPAGE) and copy
/// every page of the corpus in, in order. On success *address is the mapping's start in the child.
/// Returns 0, or an errno (from the child's mmap/madvise, or the socket).
int cshim_swapout_child_load(CShimSwapoutChild *child, uint64_t *address);

/// madvise(MADV_PAGEOUT) over the whole mapping, in the child. Returns 0 or an errno.
int cshim_swapout_child_pageout(CShimSwapoutChild *child);

/// Ends the child (closing the socket makes it exit; SIGKILL if it does not within a second) and reaps it.
void cshim_swapout_child_stop(CShimSwapoutChild *child);

#endif
