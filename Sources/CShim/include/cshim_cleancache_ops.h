// C mirrors of the kernel's `struct cleancache_filekey` and `struct cleancache_ops` (include/linux/cleancache.h),
// one ops mirror per era that changed the members or the registration call. Members keep the kernel's order and
// types, except that `struct page *` becomes `struct cshim_page *`. Sizes and offsets are x86_64 LP64 values
// worked out by hand (7 pointers, no padding; the filekey union is 24 bytes with 8-byte alignment from ino_t).
//
//   3.0        flush_page/flush_inode/flush_fs; cleancache_register_ops copies the table, returns the old BY VALUE
//   3.4-3.10   flush_* renamed invalidate_*; still by value
//   3.11-4.0   registration takes and returns pointers; filesystems mounted earlier are initialised lazily
//   4.19/5.15  init_shared_fs takes `uuid_t *`; `int cleancache_register_ops(const ...)`, one backend (-EBUSY)
// cleancache left mainline in 5.17. Registration and the kernel-side calls live in cshim_cleancache.h.
#ifndef CSHIM_CLEANCACHE_OPS_H
#define CSHIM_CLEANCACHE_OPS_H

#include <stddef.h>
#include <stdint.h>
#include "cshim_kernel_types.h"
#include "cshim_page_handle.h"

/// CLEANCACHE_KEY_MAX: a file handle key is up to 6 u32 words.
#define CSHIM_CLEANCACHE_KEY_MAX 6

/// Pool-id sentinels of Linux 4.19/5.15 (sb->cleancache_poolid): no pool (also the value after umount or a
/// failed init_fs), and "mounted while no backend was registered" for a local and a shared filesystem.
#define CSHIM_CLEANCACHE_NO_POOL (-1)
#define CSHIM_CLEANCACHE_NO_BACKEND (-2)
#define CSHIM_CLEANCACHE_NO_BACKEND_SHARED (-3)

/// The union inside struct cleancache_filekey: the inode number, or an exportfs file handle for filesystems
/// that have one. The frontend zeroes all 24 bytes before filling either.
union cshim_cleancache_filekey_u {
    cshim_ino_t ino;
    uint32_t fh[CSHIM_CLEANCACHE_KEY_MAX];
    uint32_t key[CSHIM_CLEANCACHE_KEY_MAX];
};

/// Linux 3.0 to 5.15 include/linux/cleancache.h (unchanged): passed BY VALUE to get/put/invalidate.
struct cshim_cleancache_filekey {
    union cshim_cleancache_filekey_u u;
};
#define CSHIM_CLEANCACHE_FILEKEY_SIZE 24
_Static_assert(sizeof(struct cshim_cleancache_filekey) == CSHIM_CLEANCACHE_FILEKEY_SIZE, "filekey: 6 x u32");
_Static_assert(_Alignof(struct cshim_cleancache_filekey) == 8, "filekey: aligned as ino_t");
_Static_assert(offsetof(struct cshim_cleancache_filekey, u.ino) == 0, "filekey.u.ino");
_Static_assert(offsetof(struct cshim_cleancache_filekey, u.fh) == 0, "filekey.u.fh");

/// Linux 3.0 include/linux/cleancache.h. init_fs/init_shared_fs get the page size and return a pool id
/// (negative: no pool); get_page returns 0 on a hit.
struct cshim_cleancache_ops_v3_0 {
    int (*init_fs)(size_t pagesize);
    int (*init_shared_fs)(char *uuid, size_t pagesize);
    int (*get_page)(int pool, struct cshim_cleancache_filekey key, cshim_pgoff_t index, struct cshim_page *page);
    void (*put_page)(int pool, struct cshim_cleancache_filekey key, cshim_pgoff_t index, struct cshim_page *page);
    void (*flush_page)(int pool, struct cshim_cleancache_filekey key, cshim_pgoff_t index);
    void (*flush_inode)(int pool, struct cshim_cleancache_filekey key);
    void (*flush_fs)(int pool);
};
#define CSHIM_CLEANCACHE_OPS_V3_0_SIZE 56
_Static_assert(sizeof(struct cshim_cleancache_ops_v3_0) == CSHIM_CLEANCACHE_OPS_V3_0_SIZE, "cleancache_ops 3.0: 7 pointers");
_Static_assert(offsetof(struct cshim_cleancache_ops_v3_0, init_fs) == 0, "cleancache_ops 3.0 init_fs");
_Static_assert(offsetof(struct cshim_cleancache_ops_v3_0, init_shared_fs) == 8, "cleancache_ops 3.0 init_shared_fs");
_Static_assert(offsetof(struct cshim_cleancache_ops_v3_0, get_page) == 16, "cleancache_ops 3.0 get_page");
_Static_assert(offsetof(struct cshim_cleancache_ops_v3_0, put_page) == 24, "cleancache_ops 3.0 put_page");
_Static_assert(offsetof(struct cshim_cleancache_ops_v3_0, flush_page) == 32, "cleancache_ops 3.0 flush_page");
_Static_assert(offsetof(struct cshim_cleancache_ops_v3_0, flush_inode) == 40, "cleancache_ops 3.0 flush_inode");
_Static_assert(offsetof(struct cshim_cleancache_ops_v3_0, flush_fs) == 48, "cleancache_ops 3.0 flush_fs");

/// Linux 3.4 and 3.8 include/linux/cleancache.h: flush_* renamed invalidate_*; registration still by value.
struct cshim_cleancache_ops_v3_4 {
    int (*init_fs)(size_t pagesize);
    int (*init_shared_fs)(char *uuid, size_t pagesize);
    int (*get_page)(int pool, struct cshim_cleancache_filekey key, cshim_pgoff_t index, struct cshim_page *page);
    void (*put_page)(int pool, struct cshim_cleancache_filekey key, cshim_pgoff_t index, struct cshim_page *page);
    void (*invalidate_page)(int pool, struct cshim_cleancache_filekey key, cshim_pgoff_t index);
    void (*invalidate_inode)(int pool, struct cshim_cleancache_filekey key);
    void (*invalidate_fs)(int pool);
};
#define CSHIM_CLEANCACHE_OPS_V3_4_SIZE 56
_Static_assert(sizeof(struct cshim_cleancache_ops_v3_4) == CSHIM_CLEANCACHE_OPS_V3_4_SIZE, "cleancache_ops 3.4: 7 pointers");
_Static_assert(offsetof(struct cshim_cleancache_ops_v3_4, init_fs) == 0, "cleancache_ops 3.4 init_fs");
_Static_assert(offsetof(struct cshim_cleancache_ops_v3_4, init_shared_fs) == 8, "cleancache_ops 3.4 init_shared_fs");
_Static_assert(offsetof(struct cshim_cleancache_ops_v3_4, get_page) == 16, "cleancache_ops 3.4 get_page");
_Static_assert(offsetof(struct cshim_cleancache_ops_v3_4, put_page) == 24, "cleancache_ops 3.4 put_page");
_Static_assert(offsetof(struct cshim_cleancache_ops_v3_4, invalidate_page) == 32, "cleancache_ops 3.4 invalidate_page");
_Static_assert(offsetof(struct cshim_cleancache_ops_v3_4, invalidate_inode) == 40, "cleancache_ops 3.4 invalidate_inode");
_Static_assert(offsetof(struct cshim_cleancache_ops_v3_4, invalidate_fs) == 48, "cleancache_ops 3.4 invalidate_fs");

/// Linux 3.11 (and 4.0) include/linux/cleancache.h: same members; registration takes and returns pointers.
struct cshim_cleancache_ops_v3_11 {
    int (*init_fs)(size_t pagesize);
    int (*init_shared_fs)(char *uuid, size_t pagesize);
    int (*get_page)(int pool, struct cshim_cleancache_filekey key, cshim_pgoff_t index, struct cshim_page *page);
    void (*put_page)(int pool, struct cshim_cleancache_filekey key, cshim_pgoff_t index, struct cshim_page *page);
    void (*invalidate_page)(int pool, struct cshim_cleancache_filekey key, cshim_pgoff_t index);
    void (*invalidate_inode)(int pool, struct cshim_cleancache_filekey key);
    void (*invalidate_fs)(int pool);
};
#define CSHIM_CLEANCACHE_OPS_V3_11_SIZE 56
_Static_assert(sizeof(struct cshim_cleancache_ops_v3_11) == CSHIM_CLEANCACHE_OPS_V3_11_SIZE, "cleancache_ops 3.11: 7 pointers");
_Static_assert(offsetof(struct cshim_cleancache_ops_v3_11, init_fs) == 0, "cleancache_ops 3.11 init_fs");
_Static_assert(offsetof(struct cshim_cleancache_ops_v3_11, init_shared_fs) == 8, "cleancache_ops 3.11 init_shared_fs");
_Static_assert(offsetof(struct cshim_cleancache_ops_v3_11, get_page) == 16, "cleancache_ops 3.11 get_page");
_Static_assert(offsetof(struct cshim_cleancache_ops_v3_11, put_page) == 24, "cleancache_ops 3.11 put_page");
_Static_assert(offsetof(struct cshim_cleancache_ops_v3_11, invalidate_page) == 32, "cleancache_ops 3.11 invalidate_page");
_Static_assert(offsetof(struct cshim_cleancache_ops_v3_11, invalidate_inode) == 40, "cleancache_ops 3.11 invalidate_inode");
_Static_assert(offsetof(struct cshim_cleancache_ops_v3_11, invalidate_fs) == 48, "cleancache_ops 3.11 invalidate_fs");

/// Linux 4.19 and 5.15 include/linux/cleancache.h: init_shared_fs takes the superblock's uuid_t.
struct cshim_cleancache_ops_v4_19 {
    int (*init_fs)(size_t pagesize);
    int (*init_shared_fs)(struct cshim_uuid *uuid, size_t pagesize);
    int (*get_page)(int pool, struct cshim_cleancache_filekey key, cshim_pgoff_t index, struct cshim_page *page);
    void (*put_page)(int pool, struct cshim_cleancache_filekey key, cshim_pgoff_t index, struct cshim_page *page);
    void (*invalidate_page)(int pool, struct cshim_cleancache_filekey key, cshim_pgoff_t index);
    void (*invalidate_inode)(int pool, struct cshim_cleancache_filekey key);
    void (*invalidate_fs)(int pool);
};
#define CSHIM_CLEANCACHE_OPS_V4_19_SIZE 56
_Static_assert(sizeof(struct cshim_cleancache_ops_v4_19) == CSHIM_CLEANCACHE_OPS_V4_19_SIZE, "cleancache_ops 4.19: 7 pointers");
_Static_assert(offsetof(struct cshim_cleancache_ops_v4_19, init_fs) == 0, "cleancache_ops 4.19 init_fs");
_Static_assert(offsetof(struct cshim_cleancache_ops_v4_19, init_shared_fs) == 8, "cleancache_ops 4.19 init_shared_fs");
_Static_assert(offsetof(struct cshim_cleancache_ops_v4_19, get_page) == 16, "cleancache_ops 4.19 get_page");
_Static_assert(offsetof(struct cshim_cleancache_ops_v4_19, put_page) == 24, "cleancache_ops 4.19 put_page");
_Static_assert(offsetof(struct cshim_cleancache_ops_v4_19, invalidate_page) == 32, "cleancache_ops 4.19 invalidate_page");
_Static_assert(offsetof(struct cshim_cleancache_ops_v4_19, invalidate_inode) == 40, "cleancache_ops 4.19 invalidate_inode");
_Static_assert(offsetof(struct cshim_cleancache_ops_v4_19, invalidate_fs) == 48, "cleancache_ops 4.19 invalidate_fs");

#endif
