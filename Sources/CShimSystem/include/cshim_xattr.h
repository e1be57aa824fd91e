// Extended attributes of an open file: <sys/xattr.h> is not part of Swift's Glibc module map. Used to carry a
// configuration file's ACL (system.posix_acl_access), SELinux label (security.selinux) and user.* attributes
// over to the file that replaces it.
#ifndef CSHIM_XATTR_H
#define CSHIM_XATTR_H

#include <stddef.h>
#include <sys/types.h>

/// flistxattr(2): NUL-separated names into list (size 0: the size needed). Bytes, or -1 with errno.
ssize_t cshim_flistxattr(int fd, char *list, size_t size);
/// fgetxattr(2) (size 0: the size needed). Bytes, or -1 with errno.
ssize_t cshim_fgetxattr(int fd, const char *name, void *value, size_t size);
/// fsetxattr(2) with flags 0 (create or replace). 0, or -1 with errno.
int cshim_fsetxattr(int fd, const char *name, const void *value, size_t size);
/// fremovexattr(2). 0, or -1 with errno.
int cshim_fremovexattr(int fd, const char *name);

#endif
