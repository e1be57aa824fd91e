#ifndef CSHIM_GZIP_H
#define CSHIM_GZIP_H
#include <stddef.h>

/// Decompresses the gzip file at `path` (e.g. /proc/config.gz) into `out` (capacity `cap`).
/// Returns the number of bytes written, or -1 with errno set (ENOENT, EACCES, EIO for corrupt data,
/// EFBIG when the output does not fit).
long cshim_gunzip_file(const char *path, unsigned char *out, size_t cap);

#endif
