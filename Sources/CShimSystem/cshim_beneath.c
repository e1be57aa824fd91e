#define _GNU_SOURCE
#include "cshim_beneath.h"
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <string.h>

_Static_assert(CSHIM_O_PATH == O_PATH, "CSHIM_O_PATH must equal <fcntl.h> O_PATH");

#ifndef SYS_openat2
#define SYS_openat2 437  // the same number on every architecture (the unified syscall table)
#endif

int cshim_open_in_root(int dirfd, const char *path, int flags, unsigned int mode) {
    struct open_how how;
    memset(&how, 0, sizeof how);
    how.flags = (unsigned long long)(unsigned int)flags;
    // openat2 rejects a mode without O_CREAT (EINVAL), unlike openat; O_TMPFILE is not used through here.
    how.mode = (flags & O_CREAT) ? mode : 0;
    how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
    return (int)syscall(SYS_openat2, dirfd, path, &how, sizeof how);
}
