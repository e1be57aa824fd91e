// The kernel side of cleancache per era; see cshim_cleancache.h. Each era's rules are written out in its own
// branch so that the differences stay visible and checkable against mm/cleancache.c of that release.
#include "cshim_cleancache.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// 3.11's slot states (mm/cleancache.c): mounted while no backend was registered, and free.
#define FS_NO_BACKEND (-1)
#define FS_UNKNOWN (-2)

struct cshim_cleancache {
    cshim_cleancache_era era;
    bool enabled;                                   // 3.0-3.10 cleancache_enabled
    struct cshim_cleancache_ops_v3_0 ops_v3_0;      // 3.0 keeps a copy
    struct cshim_cleancache_ops_v3_4 ops_v3_4;      // 3.4 keeps a copy
    struct cshim_cleancache_ops_v3_11 *ops_v3_11;   // 3.11 keeps the pointer
    const struct cshim_cleancache_ops_v4_19 *ops_v4_19;
    int fs_poolid_map[CSHIM_CLEANCACHE_MAX_INITIALIZABLE_FS];          // 3.11: slot -> backend pool id
    int shared_fs_poolid_map[CSHIM_CLEANCACHE_MAX_INITIALIZABLE_FS];
    char *uuids[CSHIM_CLEANCACHE_MAX_INITIALIZABLE_FS];
    struct cshim_cleancache_sb *supers;             // mounted superblocks, in mount order
    struct cshim_cleancache_counters counters;
};

static void wrong_era(const struct cshim_cleancache *cc, const char *fn) {
    fprintf(stderr, "%s called on a cleancache context of era %d\n", fn, (int)cc->era);
    abort();
}

struct cshim_cleancache *cshim_cleancache_create(cshim_cleancache_era era) {
    if ((int)era < CSHIM_CLEANCACHE_ERA_V3_0 || (int)era > CSHIM_CLEANCACHE_ERA_V4_19) return NULL;
    struct cshim_cleancache *cc = calloc(1, sizeof *cc);
    if (!cc) return NULL;
    cc->era = era;
    for (int i = 0; i < CSHIM_CLEANCACHE_MAX_INITIALIZABLE_FS; i++) {
        cc->fs_poolid_map[i] = FS_UNKNOWN;
        cc->shared_fs_poolid_map[i] = FS_UNKNOWN;
    }
    return cc;
}

void cshim_cleancache_destroy(struct cshim_cleancache *cc) { free(cc); }

cshim_cleancache_era cshim_cleancache_get_era(const struct cshim_cleancache *cc) { return cc->era; }

void cshim_cleancache_sb_init(struct cshim_cleancache_sb *sb, const struct cshim_uuid *uuid) {
    memset(sb, 0, sizeof *sb);
    sb->cleancache_poolid = -1;
    if (uuid) sb->s_uuid = *uuid;
}

struct cshim_cleancache_filekey cshim_cleancache_filekey_ino(cshim_ino_t ino) {
    struct cshim_cleancache_filekey key;
    memset(&key, 0, sizeof key);
    key.u.ino = ino;
    return key;
}

bool cshim_cleancache_enabled(const struct cshim_cleancache *cc) {
    return cc->era >= CSHIM_CLEANCACHE_ERA_V3_11 || cc->enabled;
}

struct cshim_cleancache_counters cshim_cleancache_get_counters(const struct cshim_cleancache *cc) {
    return cc->counters;
}

// ---- the mounted-superblock list (iterate_supers) -----------------------------------------------------------

static void supers_add(struct cshim_cleancache *cc, struct cshim_cleancache_sb *sb) {
    if (sb->mounted) return;
    sb->mounted = true;
    sb->next = NULL;
    struct cshim_cleancache_sb **p = &cc->supers;
    while (*p) p = &(*p)->next;
    *p = sb;
}

static void supers_remove(struct cshim_cleancache *cc, struct cshim_cleancache_sb *sb) {
    for (struct cshim_cleancache_sb **p = &cc->supers; *p; p = &(*p)->next) {
        if (*p == sb) {
            *p = sb->next;
            break;
        }
    }
    sb->next = NULL;
    sb->mounted = false;
}

// 3.11 get_poolid_from_fake.
static int real_pool(const struct cshim_cleancache *cc, int fake) {
    if (fake >= CSHIM_CLEANCACHE_FAKE_SHARED_FS_POOLID_OFFSET)
        return cc->shared_fs_poolid_map[fake - CSHIM_CLEANCACHE_FAKE_SHARED_FS_POOLID_OFFSET];
    if (fake >= CSHIM_CLEANCACHE_FAKE_FS_POOLID_OFFSET)
        return cc->fs_poolid_map[fake - CSHIM_CLEANCACHE_FAKE_FS_POOLID_OFFSET];
    return FS_NO_BACKEND;
}

int cshim_cleancache_backend_pool(const struct cshim_cleancache *cc, const struct cshim_cleancache_sb *sb) {
    if (cc->era == CSHIM_CLEANCACHE_ERA_V3_11) return sb->cleancache_poolid < 0 ? -1 : real_pool(cc, sb->cleancache_poolid);
    return sb->cleancache_poolid;
}

// ---- registration -------------------------------------------------------------------------------------------

struct cshim_cleancache_ops_v3_0 cshim_cleancache_register_ops_v3_0(struct cshim_cleancache *cc,
                                                                    struct cshim_cleancache_ops_v3_0 *ops) {
    if (cc->era != CSHIM_CLEANCACHE_ERA_V3_0) wrong_era(cc, __func__);
    struct cshim_cleancache_ops_v3_0 old = cc->ops_v3_0;
    cc->ops_v3_0 = *ops;
    cc->enabled = true;
    return old;
}

struct cshim_cleancache_ops_v3_4 cshim_cleancache_register_ops_v3_4(struct cshim_cleancache *cc,
                                                                    struct cshim_cleancache_ops_v3_4 *ops) {
    if (cc->era != CSHIM_CLEANCACHE_ERA_V3_4) wrong_era(cc, __func__);
    struct cshim_cleancache_ops_v3_4 old = cc->ops_v3_4;
    cc->ops_v3_4 = *ops;
    cc->enabled = true;
    return old;
}

struct cshim_cleancache_ops_v3_11 *cshim_cleancache_register_ops_v3_11(struct cshim_cleancache *cc,
                                                                       struct cshim_cleancache_ops_v3_11 *ops) {
    if (cc->era != CSHIM_CLEANCACHE_ERA_V3_11) wrong_era(cc, __func__);
    struct cshim_cleancache_ops_v3_11 *old = cc->ops_v3_11;
    for (int i = 0; i < CSHIM_CLEANCACHE_MAX_INITIALIZABLE_FS; i++) {
        if (cc->fs_poolid_map[i] == FS_NO_BACKEND) cc->fs_poolid_map[i] = ops->init_fs(CSHIM_PAGE_SIZE);
        if (cc->shared_fs_poolid_map[i] == FS_NO_BACKEND)
            cc->shared_fs_poolid_map[i] = ops->init_shared_fs(cc->uuids[i], CSHIM_PAGE_SIZE);
    }
    cc->ops_v3_11 = ops;                            // set after the inits, as the kernel's barrier() ensured
    return old;
}

int cshim_cleancache_register_ops_v4_19(struct cshim_cleancache *cc, const struct cshim_cleancache_ops_v4_19 *ops) {
    if (cc->era != CSHIM_CLEANCACHE_ERA_V4_19) wrong_era(cc, __func__);
    if (cc->ops_v4_19) return -EBUSY;
    cc->ops_v4_19 = ops;
    for (struct cshim_cleancache_sb *sb = cc->supers; sb; sb = sb->next) {
        if (sb->cleancache_poolid == CSHIM_CLEANCACHE_NO_BACKEND) cshim_cleancache_init_fs(cc, sb);
        else if (sb->cleancache_poolid == CSHIM_CLEANCACHE_NO_BACKEND_SHARED) cshim_cleancache_init_shared_fs(cc, sb);
    }
    return 0;
}

// ---- mount --------------------------------------------------------------------------------------------------

static void init_fs_v3_11(struct cshim_cleancache *cc, struct cshim_cleancache_sb *sb, bool shared) {
    int *map = shared ? cc->shared_fs_poolid_map : cc->fs_poolid_map;
    for (int i = 0; i < CSHIM_CLEANCACHE_MAX_INITIALIZABLE_FS; i++) {
        if (map[i] != FS_UNKNOWN) continue;
        sb->cleancache_poolid = i + (shared ? CSHIM_CLEANCACHE_FAKE_SHARED_FS_POOLID_OFFSET
                                            : CSHIM_CLEANCACHE_FAKE_FS_POOLID_OFFSET);
        if (shared) cc->uuids[i] = (char *)sb->s_uuid.b;
        if (!cc->ops_v3_11) map[i] = FS_NO_BACKEND;
        else map[i] = shared ? cc->ops_v3_11->init_shared_fs(cc->uuids[i], CSHIM_PAGE_SIZE)
                             : cc->ops_v3_11->init_fs(CSHIM_PAGE_SIZE);
        return;
    }
    // All slots taken: the superblock keeps its pool id (-1) and cleancache ignores it.
}

void cshim_cleancache_init_fs(struct cshim_cleancache *cc, struct cshim_cleancache_sb *sb) {
    supers_add(cc, sb);
    switch (cc->era) {
    case CSHIM_CLEANCACHE_ERA_V3_0:
        if (cc->enabled) sb->cleancache_poolid = cc->ops_v3_0.init_fs(CSHIM_PAGE_SIZE);
        break;
    case CSHIM_CLEANCACHE_ERA_V3_4:
        if (cc->enabled) sb->cleancache_poolid = cc->ops_v3_4.init_fs(CSHIM_PAGE_SIZE);
        break;
    case CSHIM_CLEANCACHE_ERA_V3_11:
        init_fs_v3_11(cc, sb, false);
        break;
    case CSHIM_CLEANCACHE_ERA_V4_19: {
        int pool = CSHIM_CLEANCACHE_NO_BACKEND;
        if (cc->ops_v4_19) {
            pool = cc->ops_v4_19->init_fs(CSHIM_PAGE_SIZE);
            if (pool < 0) pool = CSHIM_CLEANCACHE_NO_POOL;
        }
        sb->cleancache_poolid = pool;
        break;
    }
    }
}

void cshim_cleancache_init_shared_fs(struct cshim_cleancache *cc, struct cshim_cleancache_sb *sb) {
    supers_add(cc, sb);
    switch (cc->era) {
    case CSHIM_CLEANCACHE_ERA_V3_0:
        if (cc->enabled) sb->cleancache_poolid = cc->ops_v3_0.init_shared_fs((char *)sb->s_uuid.b, CSHIM_PAGE_SIZE);
        break;
    case CSHIM_CLEANCACHE_ERA_V3_4:
        if (cc->enabled) sb->cleancache_poolid = cc->ops_v3_4.init_shared_fs((char *)sb->s_uuid.b, CSHIM_PAGE_SIZE);
        break;
    case CSHIM_CLEANCACHE_ERA_V3_11:
        init_fs_v3_11(cc, sb, true);
        break;
    case CSHIM_CLEANCACHE_ERA_V4_19: {
        int pool = CSHIM_CLEANCACHE_NO_BACKEND_SHARED;
        if (cc->ops_v4_19) {
            pool = cc->ops_v4_19->init_shared_fs(&sb->s_uuid, CSHIM_PAGE_SIZE);
            if (pool < 0) pool = CSHIM_CLEANCACHE_NO_POOL;
        }
        sb->cleancache_poolid = pool;
        break;
    }
    }
}

// ---- page operations ----------------------------------------------------------------------------------------
// Every inline wrapper first tested cleancache_enabled (3.0-3.10) and sb->cleancache_poolid >= 0; nothing is
// counted when that gate is closed.

static bool gate_open(const struct cshim_cleancache *cc, const struct cshim_cleancache_sb *sb) {
    return cshim_cleancache_enabled(cc) && sb->cleancache_poolid >= 0;
}

int cshim_cleancache_get_page(struct cshim_cleancache *cc, struct cshim_cleancache_sb *sb,
                              const struct cshim_cleancache_filekey *key, struct cshim_page *page) {
    if (!gate_open(cc, sb)) return -1;
    int pool = sb->cleancache_poolid, ret = -1;
    switch (cc->era) {
    case CSHIM_CLEANCACHE_ERA_V3_0: ret = cc->ops_v3_0.get_page(pool, *key, page->index, page); break;
    case CSHIM_CLEANCACHE_ERA_V3_4: ret = cc->ops_v3_4.get_page(pool, *key, page->index, page); break;
    case CSHIM_CLEANCACHE_ERA_V3_11:
        if (!cc->ops_v3_11) {                       // tracked filesystem, no backend yet: a failed get
            cc->counters.failed_gets++;
            return -1;
        }
        pool = real_pool(cc, pool);
        if (pool >= 0) ret = cc->ops_v3_11->get_page(pool, *key, page->index, page);
        break;
    case CSHIM_CLEANCACHE_ERA_V4_19:
        if (!cc->ops_v4_19) {
            cc->counters.failed_gets++;
            return -1;
        }
        ret = cc->ops_v4_19->get_page(pool, *key, page->index, page);
        break;
    }
    if (ret == 0) cc->counters.succ_gets++;
    else cc->counters.failed_gets++;
    return ret;
}

void cshim_cleancache_put_page(struct cshim_cleancache *cc, struct cshim_cleancache_sb *sb,
                               const struct cshim_cleancache_filekey *key, struct cshim_page *page) {
    if (!gate_open(cc, sb)) return;
    int pool = sb->cleancache_poolid;
    switch (cc->era) {
    case CSHIM_CLEANCACHE_ERA_V3_0: cc->ops_v3_0.put_page(pool, *key, page->index, page); break;
    case CSHIM_CLEANCACHE_ERA_V3_4: cc->ops_v3_4.put_page(pool, *key, page->index, page); break;
    case CSHIM_CLEANCACHE_ERA_V3_11:
        if (!cc->ops_v3_11) break;                  // counted as a put although nothing was stored
        pool = real_pool(cc, pool);
        if (pool < 0) return;
        cc->ops_v3_11->put_page(pool, *key, page->index, page);
        break;
    case CSHIM_CLEANCACHE_ERA_V4_19:
        if (!cc->ops_v4_19) break;
        cc->ops_v4_19->put_page(pool, *key, page->index, page);
        break;
    }
    cc->counters.puts++;
}

void cshim_cleancache_invalidate_page(struct cshim_cleancache *cc, struct cshim_cleancache_sb *sb,
                                      const struct cshim_cleancache_filekey *key, struct cshim_page *page) {
    if (!gate_open(cc, sb)) return;
    int pool = sb->cleancache_poolid;
    switch (cc->era) {
    case CSHIM_CLEANCACHE_ERA_V3_0: cc->ops_v3_0.flush_page(pool, *key, page->index); break;
    case CSHIM_CLEANCACHE_ERA_V3_4: cc->ops_v3_4.invalidate_page(pool, *key, page->index); break;
    case CSHIM_CLEANCACHE_ERA_V3_11:
        if (!cc->ops_v3_11) return;
        pool = real_pool(cc, pool);
        if (pool < 0) return;
        cc->ops_v3_11->invalidate_page(pool, *key, page->index);
        break;
    case CSHIM_CLEANCACHE_ERA_V4_19:
        if (!cc->ops_v4_19) return;
        cc->ops_v4_19->invalidate_page(pool, *key, page->index);
        break;
    }
    cc->counters.invalidates++;
}

void cshim_cleancache_invalidate_inode(struct cshim_cleancache *cc, struct cshim_cleancache_sb *sb,
                                       const struct cshim_cleancache_filekey *key) {
    if (!gate_open(cc, sb)) return;
    int pool = sb->cleancache_poolid;
    switch (cc->era) {
    case CSHIM_CLEANCACHE_ERA_V3_0: cc->ops_v3_0.flush_inode(pool, *key); break;
    case CSHIM_CLEANCACHE_ERA_V3_4: cc->ops_v3_4.invalidate_inode(pool, *key); break;
    case CSHIM_CLEANCACHE_ERA_V3_11:
        if (!cc->ops_v3_11) return;
        pool = real_pool(cc, pool);
        if (pool >= 0) cc->ops_v3_11->invalidate_inode(pool, *key);
        break;
    case CSHIM_CLEANCACHE_ERA_V4_19:
        if (cc->ops_v4_19) cc->ops_v4_19->invalidate_inode(pool, *key);
        break;
    }
}

void cshim_cleancache_invalidate_fs(struct cshim_cleancache *cc, struct cshim_cleancache_sb *sb) {
    supers_remove(cc, sb);
    int pool = sb->cleancache_poolid;
    switch (cc->era) {
    case CSHIM_CLEANCACHE_ERA_V3_0:
    case CSHIM_CLEANCACHE_ERA_V3_4:
        if (!cc->enabled || pool < 0) return;
        sb->cleancache_poolid = -1;
        if (cc->era == CSHIM_CLEANCACHE_ERA_V3_0) cc->ops_v3_0.flush_fs(pool);
        else cc->ops_v3_4.invalidate_fs(pool);
        return;
    case CSHIM_CLEANCACHE_ERA_V3_11: {
        // The slot is freed and, with a backend, invalidate_fs gets the real pool id, or whatever negative id
        // the superblock had: 3.11 did not filter it, so backends must ignore negative pools.
        int old = pool;
        if (pool >= CSHIM_CLEANCACHE_FAKE_SHARED_FS_POOLID_OFFSET) {
            int i = pool - CSHIM_CLEANCACHE_FAKE_SHARED_FS_POOLID_OFFSET;
            old = cc->shared_fs_poolid_map[i];
            cc->shared_fs_poolid_map[i] = FS_UNKNOWN;
            cc->uuids[i] = NULL;
        } else if (pool >= CSHIM_CLEANCACHE_FAKE_FS_POOLID_OFFSET) {
            int i = pool - CSHIM_CLEANCACHE_FAKE_FS_POOLID_OFFSET;
            old = cc->fs_poolid_map[i];
            cc->fs_poolid_map[i] = FS_UNKNOWN;
        }
        sb->cleancache_poolid = -1;
        if (cc->ops_v3_11) cc->ops_v3_11->invalidate_fs(old);
        return;
    }
    case CSHIM_CLEANCACHE_ERA_V4_19:
        sb->cleancache_poolid = CSHIM_CLEANCACHE_NO_POOL;
        if (cc->ops_v4_19 && pool >= 0) cc->ops_v4_19->invalidate_fs(pool);
        return;
    }
}
