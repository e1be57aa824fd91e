// The kernel side of cleancache, in userspace: registration as each era's cleancache_register_ops did it, and the
// calls filesystems and the page cache made (mount -> init_fs / init_shared_fs, get_page on read, put_page on
// eviction, invalidate_page/inode on truncate, invalidate_fs on umount) dispatched through the registered table
// with the era's pool-id handling and counters. Follows mm/cleancache.c of Linux 3.0, 3.4/3.8, 3.11 and
// 4.19/5.15 (kernel-abi.md §6.1, §6.3).
//
// A `struct cshim_cleancache` is one simulated kernel of one era (the kernel used globals; a context lets
// simulations coexist). Backends are called through the table only, with exactly the kernel's arguments and no
// context pointer. Not thread-safe: one context is driven by one thread at a time.
#ifndef CSHIM_CLEANCACHE_H
#define CSHIM_CLEANCACHE_H

#include <stdbool.h>
#include <stdint.h>
#include "cshim_cleancache_ops.h"

/// The kernel era a simulated cleancache follows; it fixes the ops mirror and registration call to use.
typedef enum __attribute__((enum_extensibility(closed))) cshim_cleancache_era {
    CSHIM_CLEANCACHE_ERA_V3_0 __attribute__((swift_name("v3_0"))) = 0,   // 3.0: struct cshim_cleancache_ops_v3_0
    CSHIM_CLEANCACHE_ERA_V3_4 __attribute__((swift_name("v3_4"))) = 1,   // 3.4-3.10: struct cshim_cleancache_ops_v3_4
    CSHIM_CLEANCACHE_ERA_V3_11 __attribute__((swift_name("v3_11"))) = 2,  // 3.11-4.0: struct cshim_cleancache_ops_v3_11
    CSHIM_CLEANCACHE_ERA_V4_19 __attribute__((swift_name("v4_19"))) = 3,  // 4.19, 5.15: struct cshim_cleancache_ops_v4_19
} cshim_cleancache_era;

/// The counters: /sys/kernel/mm/cleancache/{succ_gets, failed_gets, puts, flushes} in 3.0 (`invalidates` is
/// 3.0's `flushes`), /sys/kernel/debug/cleancache/{succ_gets, failed_gets, puts, invalidates} later.
struct cshim_cleancache_counters {
    uint64_t succ_gets;
    uint64_t failed_gets;
    uint64_t puts;
    uint64_t invalidates;
};

/// 3.11's fixed table of filesystems the frontend tracks (MAX_INITIALIZABLE_FS) and its fake pool ids:
/// sb->cleancache_poolid is 1000 + slot (local) or 2000 + slot (shared) and is mapped to the backend's pool id.
#define CSHIM_CLEANCACHE_MAX_INITIALIZABLE_FS 32
#define CSHIM_CLEANCACHE_FAKE_FS_POOLID_OFFSET 1000
#define CSHIM_CLEANCACHE_FAKE_SHARED_FS_POOLID_OFFSET 2000

/// The parts of a mounted filesystem's superblock that cleancache used. Initialise with
/// cshim_cleancache_sb_init and keep it at a stable address from mount (init_fs) to umount (invalidate_fs).
struct cshim_cleancache_sb {
    int cleancache_poolid;              // sb->cleancache_poolid, written by the frontend only
    struct cshim_uuid s_uuid;           // sb->s_uuid: the key of a shared (clustered filesystem) pool
    struct cshim_cleancache_sb *next;   // frontend-private: the list of mounted superblocks (iterate_supers)
    bool mounted;                       // frontend-private
};

struct cshim_cleancache;

/// A fresh simulated kernel with no backend and nothing mounted; NULL when out of memory or era is unknown.
struct cshim_cleancache *cshim_cleancache_create(cshim_cleancache_era era);
void cshim_cleancache_destroy(struct cshim_cleancache *cc);
cshim_cleancache_era cshim_cleancache_get_era(const struct cshim_cleancache *cc);

/// alloc_super: cleancache_poolid -1 (no pool), the given 16-byte uuid (or zeros when NULL).
void cshim_cleancache_sb_init(struct cshim_cleancache_sb *sb, const struct cshim_uuid *uuid);

// ---- Registration, one function per era (calling one on a context of another era aborts: a programming error).

/// 3.0: copies *ops, sets cleancache_enabled, returns the previous table by value (all NULL when none).
/// Filesystems mounted before this never get a pool.
struct cshim_cleancache_ops_v3_0 cshim_cleancache_register_ops_v3_0(struct cshim_cleancache *cc,
                                                                    struct cshim_cleancache_ops_v3_0 *ops);
/// 3.4-3.10: as 3.0 with the invalidate_* names.
struct cshim_cleancache_ops_v3_4 cshim_cleancache_register_ops_v3_4(struct cshim_cleancache *cc,
                                                                    struct cshim_cleancache_ops_v3_4 *ops);
/// 3.11-4.0: calls init_fs / init_shared_fs(uuid) for every tracked filesystem mounted while no backend was
/// registered, keeps the pointer and returns the previous one (NULL when none).
struct cshim_cleancache_ops_v3_11 *cshim_cleancache_register_ops_v3_11(struct cshim_cleancache *cc,
                                                                       struct cshim_cleancache_ops_v3_11 *ops);
/// 4.19/5.15: -EBUSY when a backend is registered; else keeps ops, then (iterate_supers, in mount order) calls
/// init_fs for superblocks at CLEANCACHE_NO_BACKEND and init_shared_fs(&sb->s_uuid) for those at
/// CLEANCACHE_NO_BACKEND_SHARED, and returns 0.
int cshim_cleancache_register_ops_v4_19(struct cshim_cleancache *cc, const struct cshim_cleancache_ops_v4_19 *ops);

// ---- What filesystems and the page cache called. The page's file offset is page->index; `key` is the filekey
// the frontend derived from the inode (cleancache_get_key), all 24 bytes zeroed before the ino or fh was set.

/// cleancache_init_fs(sb) at mount: sets sb->cleancache_poolid per era (backend pool id, fake id, sentinel).
void cshim_cleancache_init_fs(struct cshim_cleancache *cc, struct cshim_cleancache_sb *sb);
/// cleancache_init_shared_fs at mount of a clustered filesystem; the pool is keyed by sb->s_uuid.
void cshim_cleancache_init_shared_fs(struct cshim_cleancache *cc, struct cshim_cleancache_sb *sb);
/// cleancache_get_page before reading a page from disk: 0 and the page filled on a hit, else -1.
int cshim_cleancache_get_page(struct cshim_cleancache *cc, struct cshim_cleancache_sb *sb,
                              const struct cshim_cleancache_filekey *key, struct cshim_page *page);
/// cleancache_put_page when a clean page is evicted from the page cache; always "succeeds".
void cshim_cleancache_put_page(struct cshim_cleancache *cc, struct cshim_cleancache_sb *sb,
                               const struct cshim_cleancache_filekey *key, struct cshim_page *page);
/// cleancache_invalidate_page (3.0: flush_page) when the page is removed from the file or rewritten.
void cshim_cleancache_invalidate_page(struct cshim_cleancache *cc, struct cshim_cleancache_sb *sb,
                                      const struct cshim_cleancache_filekey *key, struct cshim_page *page);
/// cleancache_invalidate_inode (3.0: flush_inode) on truncate/delete of the whole file.
void cshim_cleancache_invalidate_inode(struct cshim_cleancache *cc, struct cshim_cleancache_sb *sb,
                                       const struct cshim_cleancache_filekey *key);
/// cleancache_invalidate_fs (3.0: flush_fs) at umount: the pool is surrendered, sb->cleancache_poolid becomes -1.
void cshim_cleancache_invalidate_fs(struct cshim_cleancache *cc, struct cshim_cleancache_sb *sb);

// ---- Observation.

/// The pool id the backend sees for this superblock: sb->cleancache_poolid, or in 3.11 the real id behind the
/// fake one (negative when there is none).
int cshim_cleancache_backend_pool(const struct cshim_cleancache *cc, const struct cshim_cleancache_sb *sb);
struct cshim_cleancache_counters cshim_cleancache_get_counters(const struct cshim_cleancache *cc);
/// 3.0-3.10 `int cleancache_enabled` (set by registration); 1 from 3.11 on (a macro).
bool cshim_cleancache_enabled(const struct cshim_cleancache *cc);
/// A filekey for an inode number (the non-exportfs case): zeroed, then u.ino set.
struct cshim_cleancache_filekey cshim_cleancache_filekey_ino(cshim_ino_t ino);

#endif
