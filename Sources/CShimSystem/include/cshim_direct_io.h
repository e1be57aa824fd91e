// O_DIRECT is a _GNU_SOURCE flag that Swift's Glibc module does not export.
#ifndef CSHIM_DIRECT_IO_H
#define CSHIM_DIRECT_IO_H

/// open(path, flags | O_DIRECT | O_CLOEXEC). Returns the fd, or -1 with errno set.
int cshim_open_direct(const char *path, int flags);

#endif
