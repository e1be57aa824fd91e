// O_DIRECT is a _GNU_SOURCE flag that Swift's Glibc module does not export.
#ifndef CSHIM_DIRECT_IO_H
#define CSHIM_DIRECT_IO_H

/// open(path, flags | O_DIRECT | O_CLOEXEC). Returns the fd, or -1 with errno set.
int cshim_open_direct(const char *path, int flags);

/// fcntl(F_SETFL) adding O_DIRECT to an open file (Linux lets F_SETFL change it): 0, or -1 with errno set
/// (EINVAL: the file system has no direct I/O).
int cshim_fd_set_direct(int fd);

/// fallocate(fd, 0, offset, length): the blocks allocated, the size extended to cover them. 0, or -1 with errno.
int cshim_fallocate(int fd, long long offset, long long length);

#endif
