#include "cshim_xattr.h"
#include <sys/xattr.h>

ssize_t cshim_flistxattr(int fd, char *list, size_t size) { return flistxattr(fd, list, size); }

ssize_t cshim_fgetxattr(int fd, const char *name, void *value, size_t size) { return fgetxattr(fd, name, value, size); }

int cshim_fsetxattr(int fd, const char *name, const void *value, size_t size) { return fsetxattr(fd, name, value, size, 0); }

int cshim_fremovexattr(int fd, const char *name) { return fremovexattr(fd, name); }
