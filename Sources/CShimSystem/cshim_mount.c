#include "cshim_mount.h"
#include <sys/mount.h>

int cshim_mount_debugfs(const char *path) { return mount("debugfs", path, "debugfs", 0, NULL); }

int cshim_umount(const char *path) { return umount(path); }

int cshim_umount_detach(const char *path) { return umount2(path, MNT_DETACH); }
