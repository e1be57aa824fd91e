// Toy cleancache backends registered through every era's cleancache_register_ops mirror and driven only through
// CShim's kernel-side calls. Every expected call sequence and counter value below is worked out by hand from
// the era's rules (docs/kernel-notes.md#cleancache-ops, #tmem-semantics and mm/cleancache.c of 3.0, 3.4, 3.11, 4.19), not read back.
#include <errno.h>
#include <string.h>

#include "CShim.h"
#include "harness_check.h"
#include "toy_store.h"

static struct toy_store toy_c, toy_d;

static int new_pool(struct toy_store *t, bool shared) {
    if (t->fail_inits > 0) {
        t->fail_inits--;
        return -22;
    }
    int id = t->next_pool++;
    if (id < TOY_MAX_POOLS) t->shared[id] = shared;
    return id;
}

// Private pools are exclusive (a hit drops the copy); shared pools are not (docs/kernel-notes.md#tmem-semantics).
#define TOY_CLEANCACHE_BACKEND(N, T)                                                                          \
    static int N##_init_fs(size_t pagesize) {                                                                 \
        int id = new_pool(&T, false);                                                                         \
        toy_log(&T, "init_fs(%zu)=%d", pagesize, id);                                                         \
        return id;                                                                                            \
    }                                                                                                         \
    static int N##_init_shared_fs_chars(char *uuid, size_t pagesize) {                                        \
        int id = new_pool(&T, true);                                                                          \
        toy_log(&T, "init_shared_fs(%02x,%zu)=%d", (unsigned char)uuid[0], pagesize, id);                     \
        return id;                                                                                            \
    }                                                                                                         \
    static int N##_init_shared_fs_uuid(struct cshim_uuid *uuid, size_t pagesize) {                            \
        int id = new_pool(&T, true);                                                                          \
        toy_log(&T, "init_shared_fs(%02x,%zu)=%d", uuid->b[0], pagesize, id);                                 \
        return id;                                                                                            \
    }                                                                                                         \
    static int N##_get_page(int pool, struct cshim_cleancache_filekey key, cshim_pgoff_t index,               \
                            struct cshim_page *page) {                                                        \
        bool shared = pool >= 0 && pool < TOY_MAX_POOLS && T.shared[pool];                                    \
        int r = toy_get(&T, pool, &key, index, page->data, !shared);                                          \
        toy_log(&T, "get(%d,%lu,%lu)=%d", pool, key.u.ino, index, r);                                         \
        return r;                                                                                             \
    }                                                                                                         \
    static void N##_put_page(int pool, struct cshim_cleancache_filekey key, cshim_pgoff_t index,              \
                             struct cshim_page *page) {                                                       \
        toy_put(&T, pool, &key, index, page->data);                                                           \
        toy_log(&T, "put(%d,%lu,%lu)", pool, key.u.ino, index);                                               \
    }                                                                                                         \
    static void N##_invalidate_page(int pool, struct cshim_cleancache_filekey key, cshim_pgoff_t index) {     \
        toy_drop(&T, pool, &key, index);                                                                      \
        toy_log(&T, "inv_page(%d,%lu,%lu)", pool, key.u.ino, index);                                          \
    }                                                                                                         \
    static void N##_invalidate_inode(int pool, struct cshim_cleancache_filekey key) {                         \
        toy_drop_key(&T, pool, &key);                                                                         \
        toy_log(&T, "inv_inode(%d,%lu)", pool, key.u.ino);                                                    \
    }                                                                                                         \
    static void N##_invalidate_fs(int pool) {                                                                 \
        if (pool >= 0) toy_drop_space(&T, pool);                                                              \
        toy_log(&T, "inv_fs(%d)", pool);                                                                      \
    }

TOY_CLEANCACHE_BACKEND(c, toy_c)
TOY_CLEANCACHE_BACKEND(d, toy_d)

static int c_other_get(int pool, struct cshim_cleancache_filekey key, cshim_pgoff_t index, struct cshim_page *page) {
    (void)page;
    toy_log(&toy_c, "other_get(%d,%lu,%lu)", pool, key.u.ino, index);
    return -1;
}

static const struct cshim_uuid uuid_ab = { { 0xab, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 } };

static void era_v3_0(struct harness *h) {
    struct cshim_cleancache *cc = cshim_cleancache_create(CSHIM_CLEANCACHE_ERA_V3_0);
    CHECK(h, cc != NULL);
    if (!cc) return;
    toy_reset(&toy_c, 8);
    toy_reset(&toy_d, 8);
    unsigned char data[4096];
    struct cshim_page pg = { .data = data };
    struct cshim_cleancache_sb sb1, sb2, sb3;
    cshim_cleancache_sb_init(&sb1, NULL);
    cshim_cleancache_sb_init(&sb2, NULL);
    cshim_cleancache_sb_init(&sb3, &uuid_ab);
    struct cshim_cleancache_filekey ino12 = cshim_cleancache_filekey_ino(12), ino7 = cshim_cleancache_filekey_ino(7);

    // cleancache_enabled is 0 until a backend registers: a filesystem mounted now never gets a pool.
    CHECK(h, !cshim_cleancache_enabled(cc));
    cshim_cleancache_init_fs(cc, &sb1);
    CHECK(h, sb1.cleancache_poolid == -1);
    pg.index = 3;
    cshim_cleancache_put_page(cc, &sb1, &ino12, &pg);
    CHECK(h, cshim_cleancache_get_page(cc, &sb1, &ino12, &pg) == -1);

    struct cshim_cleancache_ops_v3_0 ops = { c_init_fs, c_init_shared_fs_chars, c_get_page, c_put_page,
                                             c_invalidate_page, c_invalidate_inode, c_invalidate_fs };
    struct cshim_cleancache_ops_v3_0 old = cshim_cleancache_register_ops_v3_0(cc, &ops);
    CHECK(h, old.init_fs == NULL && old.init_shared_fs == NULL && old.get_page == NULL && old.put_page == NULL &&
                 old.flush_page == NULL && old.flush_inode == NULL && old.flush_fs == NULL);
    CHECK(h, cshim_cleancache_enabled(cc));
    cshim_cleancache_init_fs(cc, &sb2);
    cshim_cleancache_init_shared_fs(cc, &sb3);
    CHECK(h, sb1.cleancache_poolid == -1 && sb2.cleancache_poolid == 0 && sb3.cleancache_poolid == 1);
    CHECK_LOG(h, toy_c.log, "init_fs(4096)=0 init_shared_fs(ab,4096)=1");

    // A private pool is exclusive: the second get misses. A shared one keeps the page.
    toy_fill(data, 0x70);
    cshim_cleancache_put_page(cc, &sb2, &ino12, &pg);
    toy_fill(data, 0);
    CHECK(h, cshim_cleancache_get_page(cc, &sb2, &ino12, &pg) == 0);
    CHECK(h, toy_is_filled(data, 0x70));
    CHECK(h, cshim_cleancache_get_page(cc, &sb2, &ino12, &pg) == -1);
    CHECK_LOG(h, toy_c.log, "put(0,12,3) get(0,12,3)=0 get(0,12,3)=-1");
    pg.index = 1;
    toy_fill(data, 0x71);
    cshim_cleancache_put_page(cc, &sb3, &ino7, &pg);
    CHECK(h, cshim_cleancache_get_page(cc, &sb3, &ino7, &pg) == 0);
    CHECK(h, cshim_cleancache_get_page(cc, &sb3, &ino7, &pg) == 0);
    CHECK(h, toy_is_filled(data, 0x71));
    CHECK(h, cshim_cleancache_get_page(cc, &sb1, &ino7, &pg) == -1);   // no pool: backend not asked
    cshim_cleancache_invalidate_page(cc, &sb3, &ino7, &pg);
    CHECK(h, cshim_cleancache_get_page(cc, &sb3, &ino7, &pg) == -1);
    CHECK_LOG(h, toy_c.log, "put(1,7,1) get(1,7,1)=0 get(1,7,1)=0 inv_page(1,7,1) get(1,7,1)=-1");

    // The kernel copied the table, so editing ours changes nothing; flush_inode drops the whole file.
    ops.get_page = c_other_get;
    pg.index = 4;
    cshim_cleancache_put_page(cc, &sb2, &ino12, &pg);
    pg.index = 5;
    cshim_cleancache_put_page(cc, &sb2, &ino12, &pg);
    cshim_cleancache_invalidate_inode(cc, &sb2, &ino12);
    pg.index = 4;
    CHECK(h, cshim_cleancache_get_page(cc, &sb2, &ino12, &pg) == -1);
    CHECK_LOG(h, toy_c.log, "put(0,12,4) put(0,12,5) inv_inode(0,12) get(0,12,4)=-1");

    // umount: flush_fs with the old pool id; the superblock is left without a pool.
    cshim_cleancache_invalidate_fs(cc, &sb2);
    cshim_cleancache_invalidate_fs(cc, &sb1);
    CHECK(h, sb2.cleancache_poolid == -1);
    CHECK_LOG(h, toy_c.log, "inv_fs(0)");

    // A second registration returns the kernel's copy of the first table by value.
    struct cshim_cleancache_ops_v3_0 ops_d = { d_init_fs, d_init_shared_fs_chars, d_get_page, d_put_page,
                                               d_invalidate_page, d_invalidate_inode, d_invalidate_fs };
    old = cshim_cleancache_register_ops_v3_0(cc, &ops_d);
    CHECK(h, old.init_fs == c_init_fs && old.init_shared_fs == c_init_shared_fs_chars && old.get_page == c_get_page &&
                 old.put_page == c_put_page && old.flush_page == c_invalidate_page &&
                 old.flush_inode == c_invalidate_inode && old.flush_fs == c_invalidate_fs);
    cshim_cleancache_invalidate_fs(cc, &sb3);
    CHECK_LOG(h, toy_d.log, "inv_fs(1)");

    struct cshim_cleancache_counters k = cshim_cleancache_get_counters(cc);
    CHECK(h, k.puts == 4 && k.succ_gets == 3 && k.failed_gets == 3 && k.invalidates == 1);
    cshim_cleancache_destroy(cc);
}

static void era_v3_4(struct harness *h) {
    struct cshim_cleancache *cc = cshim_cleancache_create(CSHIM_CLEANCACHE_ERA_V3_4);
    CHECK(h, cc != NULL);
    if (!cc) return;
    toy_reset(&toy_c, 8);
    toy_reset(&toy_d, 8);
    unsigned char data[4096];
    struct cshim_page pg = { .data = data, .index = 9 };
    struct cshim_cleancache_sb sb1, sb2;
    cshim_cleancache_sb_init(&sb1, NULL);
    cshim_cleancache_sb_init(&sb2, NULL);
    struct cshim_cleancache_filekey ino5 = cshim_cleancache_filekey_ino(5);

    cshim_cleancache_init_fs(cc, &sb1);
    CHECK(h, sb1.cleancache_poolid == -1);
    struct cshim_cleancache_ops_v3_4 ops = { c_init_fs, c_init_shared_fs_chars, c_get_page, c_put_page,
                                             c_invalidate_page, c_invalidate_inode, c_invalidate_fs };
    struct cshim_cleancache_ops_v3_4 old = cshim_cleancache_register_ops_v3_4(cc, &ops);
    CHECK(h, old.init_fs == NULL && old.invalidate_page == NULL && old.invalidate_fs == NULL);
    cshim_cleancache_init_fs(cc, &sb2);
    toy_fill(data, 0x34);
    cshim_cleancache_put_page(cc, &sb2, &ino5, &pg);
    cshim_cleancache_invalidate_page(cc, &sb2, &ino5, &pg);
    CHECK(h, cshim_cleancache_get_page(cc, &sb2, &ino5, &pg) == -1);
    cshim_cleancache_put_page(cc, &sb2, &ino5, &pg);
    toy_fill(data, 0);
    CHECK(h, cshim_cleancache_get_page(cc, &sb2, &ino5, &pg) == 0);
    CHECK(h, toy_is_filled(data, 0x34));
    cshim_cleancache_invalidate_inode(cc, &sb2, &ino5);
    cshim_cleancache_invalidate_fs(cc, &sb2);
    CHECK_LOG(h, toy_c.log, "init_fs(4096)=0 put(0,5,9) inv_page(0,5,9) get(0,5,9)=-1 put(0,5,9) get(0,5,9)=0 "
                            "inv_inode(0,5) inv_fs(0)");

    struct cshim_cleancache_ops_v3_4 ops_d = { d_init_fs, d_init_shared_fs_chars, d_get_page, d_put_page,
                                               d_invalidate_page, d_invalidate_inode, d_invalidate_fs };
    old = cshim_cleancache_register_ops_v3_4(cc, &ops_d);
    CHECK(h, old.init_fs == c_init_fs && old.get_page == c_get_page && old.invalidate_page == c_invalidate_page &&
                 old.invalidate_inode == c_invalidate_inode && old.invalidate_fs == c_invalidate_fs);

    struct cshim_cleancache_counters k = cshim_cleancache_get_counters(cc);
    CHECK(h, k.puts == 2 && k.succ_gets == 1 && k.failed_gets == 1 && k.invalidates == 1);
    cshim_cleancache_destroy(cc);
}

static void era_v3_11(struct harness *h) {
    struct cshim_cleancache *cc = cshim_cleancache_create(CSHIM_CLEANCACHE_ERA_V3_11);
    CHECK(h, cc != NULL);
    if (!cc) return;
    toy_reset(&toy_c, 8);
    toy_reset(&toy_d, 8);
    unsigned char data[4096];
    struct cshim_page pg = { .data = data, .index = 3 };
    struct cshim_cleancache_sb sb1, sb2, sb3, sb4;
    cshim_cleancache_sb_init(&sb1, NULL);
    cshim_cleancache_sb_init(&sb2, &uuid_ab);
    cshim_cleancache_sb_init(&sb3, NULL);
    cshim_cleancache_sb_init(&sb4, NULL);
    struct cshim_cleancache_filekey ino12 = cshim_cleancache_filekey_ino(12);

    // Mounted before any backend: fake pool ids; puts count, gets fail, nothing reaches a backend.
    CHECK(h, cshim_cleancache_enabled(cc));
    cshim_cleancache_init_fs(cc, &sb1);
    cshim_cleancache_init_shared_fs(cc, &sb2);
    CHECK(h, sb1.cleancache_poolid == 1000 && sb2.cleancache_poolid == 2000);
    CHECK(h, cshim_cleancache_backend_pool(cc, &sb1) == -1);
    cshim_cleancache_put_page(cc, &sb1, &ino12, &pg);
    CHECK(h, cshim_cleancache_get_page(cc, &sb1, &ino12, &pg) == -1);

    // Registration creates the owed pools (slot by slot: local, then shared) and returns the previous pointer.
    struct cshim_cleancache_ops_v3_11 ops = { c_init_fs, c_init_shared_fs_chars, c_get_page, c_put_page,
                                              c_invalidate_page, c_invalidate_inode, c_invalidate_fs };
    CHECK(h, cshim_cleancache_register_ops_v3_11(cc, &ops) == NULL);
    CHECK_LOG(h, toy_c.log, "init_fs(4096)=0 init_shared_fs(ab,4096)=1");
    CHECK(h, sb1.cleancache_poolid == 1000);
    CHECK(h, cshim_cleancache_backend_pool(cc, &sb1) == 0 && cshim_cleancache_backend_pool(cc, &sb2) == 1);

    // The fake id is translated to the backend's pool id on every call.
    toy_fill(data, 0x80);
    cshim_cleancache_put_page(cc, &sb1, &ino12, &pg);
    toy_fill(data, 0);
    CHECK(h, cshim_cleancache_get_page(cc, &sb1, &ino12, &pg) == 0);
    CHECK(h, toy_is_filled(data, 0x80));
    CHECK_LOG(h, toy_c.log, "put(0,12,3) get(0,12,3)=0");

    // The kernel keeps our pointer: an edited table is used by the next call.
    ops.get_page = c_other_get;
    CHECK(h, cshim_cleancache_get_page(cc, &sb1, &ino12, &pg) == -1);
    CHECK_LOG(h, toy_c.log, "other_get(0,12,3)");
    ops.get_page = c_get_page;

    // Mount after registration, umount frees the slot for the next mount; an umount of a superblock without a
    // pool still calls invalidate_fs, with -1.
    cshim_cleancache_init_fs(cc, &sb3);
    CHECK(h, sb3.cleancache_poolid == 1001);
    cshim_cleancache_invalidate_fs(cc, &sb1);
    CHECK(h, sb1.cleancache_poolid == -1);
    cshim_cleancache_init_fs(cc, &sb4);
    CHECK(h, sb4.cleancache_poolid == 1000 && cshim_cleancache_backend_pool(cc, &sb4) == 3);
    cshim_cleancache_invalidate_fs(cc, &sb1);
    CHECK_LOG(h, toy_c.log, "init_fs(4096)=2 inv_fs(0) init_fs(4096)=3 inv_fs(-1)");

    struct cshim_cleancache_ops_v3_11 ops_d = { d_init_fs, d_init_shared_fs_chars, d_get_page, d_put_page,
                                                d_invalidate_page, d_invalidate_inode, d_invalidate_fs };
    CHECK(h, cshim_cleancache_register_ops_v3_11(cc, &ops_d) == &ops);
    CHECK_LOG(h, toy_d.log, "");

    struct cshim_cleancache_counters k = cshim_cleancache_get_counters(cc);
    CHECK(h, k.puts == 2 && k.succ_gets == 1 && k.failed_gets == 2 && k.invalidates == 0);
    cshim_cleancache_destroy(cc);
}

static void era_v4_19(struct harness *h) {
    struct cshim_cleancache *cc = cshim_cleancache_create(CSHIM_CLEANCACHE_ERA_V4_19);
    CHECK(h, cc != NULL);
    if (!cc) return;
    toy_reset(&toy_c, 8);
    toy_reset(&toy_d, 8);
    unsigned char data[4096];
    struct cshim_page pg = { .data = data, .index = 3 };
    struct cshim_cleancache_sb sb1, sb2, sb3;
    cshim_cleancache_sb_init(&sb1, NULL);
    cshim_cleancache_sb_init(&sb2, &uuid_ab);
    cshim_cleancache_sb_init(&sb3, NULL);
    struct cshim_cleancache_filekey ino12 = cshim_cleancache_filekey_ino(12), ino7 = cshim_cleancache_filekey_ino(7);

    cshim_cleancache_init_fs(cc, &sb1);
    cshim_cleancache_init_shared_fs(cc, &sb2);
    CHECK(h, sb1.cleancache_poolid == CSHIM_CLEANCACHE_NO_BACKEND);
    CHECK(h, sb2.cleancache_poolid == CSHIM_CLEANCACHE_NO_BACKEND_SHARED);
    CHECK(h, cshim_cleancache_get_page(cc, &sb1, &ino12, &pg) == -1);

    // One backend; registration walks the mounted superblocks in mount order and gives each its pool.
    static const struct cshim_cleancache_ops_v4_19 ops = { c_init_fs, c_init_shared_fs_uuid, c_get_page, c_put_page,
                                                           c_invalidate_page, c_invalidate_inode, c_invalidate_fs };
    static const struct cshim_cleancache_ops_v4_19 ops_d = { d_init_fs, d_init_shared_fs_uuid, d_get_page, d_put_page,
                                                             d_invalidate_page, d_invalidate_inode, d_invalidate_fs };
    CHECK(h, cshim_cleancache_register_ops_v4_19(cc, &ops) == 0);
    CHECK(h, cshim_cleancache_register_ops_v4_19(cc, &ops_d) == -EBUSY);
    CHECK_LOG(h, toy_c.log, "init_fs(4096)=0 init_shared_fs(ab,4096)=1");
    CHECK(h, sb1.cleancache_poolid == 0 && sb2.cleancache_poolid == 1);

    // A failed init_fs (any negative id) leaves CLEANCACHE_NO_POOL.
    toy_c.fail_inits = 1;
    cshim_cleancache_init_fs(cc, &sb3);
    CHECK(h, sb3.cleancache_poolid == CSHIM_CLEANCACHE_NO_POOL);
    CHECK_LOG(h, toy_c.log, "init_fs(4096)=-22");

    toy_fill(data, 0x90);
    cshim_cleancache_put_page(cc, &sb1, &ino12, &pg);
    toy_fill(data, 0);
    CHECK(h, cshim_cleancache_get_page(cc, &sb1, &ino12, &pg) == 0);
    CHECK(h, toy_is_filled(data, 0x90));
    pg.index = 1;
    cshim_cleancache_put_page(cc, &sb2, &ino7, &pg);
    CHECK(h, cshim_cleancache_get_page(cc, &sb2, &ino7, &pg) == 0);
    CHECK(h, cshim_cleancache_get_page(cc, &sb2, &ino7, &pg) == 0);
    cshim_cleancache_invalidate_page(cc, &sb2, &ino7, &pg);
    cshim_cleancache_invalidate_inode(cc, &sb1, &ino12);
    CHECK(h, cshim_cleancache_get_page(cc, &sb3, &ino12, &pg) == -1);   // no pool: backend not asked
    CHECK_LOG(h, toy_c.log, "put(0,12,3) get(0,12,3)=0 put(1,7,1) get(1,7,1)=0 get(1,7,1)=0 inv_page(1,7,1) "
                            "inv_inode(0,12)");

    // umount: the backend hears only of real pools.
    cshim_cleancache_invalidate_fs(cc, &sb3);
    cshim_cleancache_invalidate_fs(cc, &sb1);
    CHECK(h, sb1.cleancache_poolid == CSHIM_CLEANCACHE_NO_POOL);
    CHECK_LOG(h, toy_c.log, "inv_fs(0)");
    CHECK_LOG(h, toy_d.log, "");

    struct cshim_cleancache_counters k = cshim_cleancache_get_counters(cc);
    CHECK(h, k.puts == 2 && k.succ_gets == 3 && k.failed_gets == 0 && k.invalidates == 1);
    cshim_cleancache_destroy(cc);
}

static void filekey(struct harness *h) {
    struct cshim_cleancache_filekey key = cshim_cleancache_filekey_ino(0x1122334455667788ul);
    // x86_64 is little-endian: the low word of the inode number comes first; the unused words stay zero.
    CHECK(h, key.u.fh[0] == 0x55667788u && key.u.fh[1] == 0x11223344u);
    CHECK(h, key.u.fh[2] == 0 && key.u.fh[3] == 0 && key.u.fh[4] == 0 && key.u.fh[5] == 0);
    CHECK(h, cshim_cleancache_create((cshim_cleancache_era)9) == NULL);
}

void harness_cleancache(struct harness *h) {
    era_v3_0(h);
    era_v3_4(h);
    era_v3_11(h);
    era_v4_19(h);
    filekey(h);
}
