// mount(2)/umount(2) for debugfs: <sys/mount.h> is not part of Swift's Glibc module map.
#ifndef CSHIM_MOUNT_H
#define CSHIM_MOUNT_H

/// mount -t debugfs debugfs <path>. Returns 0, or -1 with errno.
int cshim_mount_debugfs(const char *path);
/// umount(path). Returns 0, or -1 with errno.
int cshim_umount(const char *path);
/// umount2(path, MNT_DETACH): detaches now, the kernel finishes when the last user lets go. 0, or -1 with errno.
int cshim_umount_detach(const char *path);

#endif
