// openat2(2) with RESOLVE_IN_ROOT: a fake root (--root, TMEMCTL_ROOT) is a directory tree whose absolute symlinks
// and `..` must resolve inside the tree, as if it were chrooted, never to the live system's files. glibc has no
// wrapper for openat2 before 2.41, and Swift cannot call the variadic syscall(2), hence this shim.
// The kernel has had openat2 since 5.6 (fs/open.c, include/uapi/linux/openat2.h); every era tmemctl supports has it.
#ifndef CSHIM_BENEATH_H
#define CSHIM_BENEATH_H

/// O_PATH (glibc exposes it only under _GNU_SOURCE, which Swift's Glibc module does not define); the .c file
/// asserts it equals the system's value.
#define CSHIM_O_PATH 0x200000

/// openat2(dirfd, path, {flags, mode, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS}). A descriptor, or -1 with errno
/// (ENOSYS on a kernel older than 5.6).
int cshim_open_in_root(int dirfd, const char *path, int flags, unsigned int mode);

#endif
