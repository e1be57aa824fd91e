#define _GNU_SOURCE
#include "cshim_direct_io.h"
#include <errno.h>
#include <fcntl.h>

int cshim_open_direct(const char *path, int flags) { return open(path, flags | O_DIRECT | O_CLOEXEC); }

int cshim_fd_set_direct(int fd) {
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) return -1;
    return fcntl(fd, F_SETFL, flags | O_DIRECT);
}

int cshim_fallocate(int fd, long long offset, long long length) {
    int rc;
    do { rc = fallocate(fd, 0, (off_t)offset, (off_t)length); } while (rc != 0 && errno == EINTR);
    return rc;
}
