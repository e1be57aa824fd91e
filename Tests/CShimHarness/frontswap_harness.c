// Toy frontswap backends registered through every era's frontswap_register_ops mirror and driven only through
// CShim's kernel-side calls. Every expected call sequence and counter value below is worked out by hand from
// the era's rules (docs/kernel-notes.md#frontswap-ops, #tmem-semantics and mm/frontswap.c of 3.5, 3.11, 4.19, 6.1), not read back.
#include <errno.h>
#include <string.h>

#include "CShim.h"
#include "harness_check.h"
#include "toy_store.h"

static struct toy_store toy_a, toy_b;
static const unsigned char no_key[24];

// One set of backend functions per toy store; the kernel passes no context, so each set names its store.
#define TOY_FRONTSWAP_BACKEND(N, T)                                                                           \
    static void N##_init(unsigned type) { toy_log(&T, "init(%u)", type); }                                    \
    static int N##_store(unsigned type, cshim_pgoff_t off, struct cshim_page *page) {                         \
        int r = toy_put(&T, (int)type, no_key, off, page->data);                                              \
        toy_log(&T, "store(%u,%lu)=%d", type, off, r);                                                        \
        return r;                                                                                             \
    }                                                                                                         \
    static int N##_load(unsigned type, cshim_pgoff_t off, struct cshim_page *page) {                          \
        int r = toy_get(&T, (int)type, no_key, off, page->data, T.exclusive);                                 \
        toy_log(&T, "load(%u,%lu)=%d", type, off, r);                                                         \
        return r;                                                                                             \
    }                                                                                                         \
    static void N##_invalidate_page(unsigned type, cshim_pgoff_t off) {                                       \
        toy_drop(&T, (int)type, no_key, off);                                                                 \
        toy_log(&T, "inv_page(%u,%lu)", type, off);                                                           \
    }                                                                                                         \
    static void N##_invalidate_area(unsigned type) {                                                          \
        toy_drop_space(&T, (int)type);                                                                        \
        toy_log(&T, "inv_area(%u)", type);                                                                    \
    }

TOY_FRONTSWAP_BACKEND(a, toy_a)
TOY_FRONTSWAP_BACKEND(b, toy_b)

static int a_other_load(unsigned type, cshim_pgoff_t off, struct cshim_page *page) {
    (void)page;
    toy_log(&toy_a, "other_load(%u,%lu)", type, off);
    return -1;
}

static void era_v3_5(struct harness *h) {
    struct cshim_frontswap *fs = cshim_frontswap_create(CSHIM_FRONTSWAP_ERA_V3_5);
    CHECK(h, fs != NULL);
    if (!fs) return;
    toy_reset(&toy_a, 8);
    toy_reset(&toy_b, 8);
    unsigned char data[4096];
    struct cshim_page pg = { .data = data };

    // Before any backend the gate is closed: no map for type 0, stores fail and count nowhere.
    CHECK(h, cshim_frontswap_swapon(fs, 0, 64) == 0);
    CHECK(h, !cshim_frontswap_enabled(fs));
    toy_fill(data, 0x11);
    CHECK(h, cshim_frontswap_store(fs, 0, 3, &pg) == -1);

    struct cshim_frontswap_ops_v3_5 ops_a = { a_init, a_store, a_load, a_invalidate_page, a_invalidate_area };
    struct cshim_frontswap_ops_v3_5 old = cshim_frontswap_register_ops_v3_5(fs, &ops_a);
    CHECK(h, old.init == NULL && old.store == NULL && old.load == NULL && old.invalidate_page == NULL &&
                 old.invalidate_area == NULL);
    CHECK(h, cshim_frontswap_enabled(fs));
    CHECK_LOG(h, toy_a.log, "");                       // no lazy init in 3.5: type 0 is never announced
    CHECK(h, cshim_frontswap_swapon(fs, 1, 64) == 0);
    CHECK_LOG(h, toy_a.log, "init(1)");

    toy_fill(data, 0x5a);
    CHECK(h, cshim_frontswap_store(fs, 1, 5, &pg) == 0);
    CHECK(h, cshim_frontswap_test(fs, 1, 5));
    toy_fill(data, 0);
    CHECK(h, cshim_frontswap_load(fs, 1, 5, &pg) == 0);
    CHECK(h, toy_is_filled(data, 0x5a));
    CHECK(h, pg.flags == 0);
    CHECK_LOG(h, toy_a.log, "store(1,5)=0 load(1,5)=0");

    // The kernel copied the table: editing ours afterwards changes nothing.
    ops_a.load = a_other_load;
    CHECK(h, cshim_frontswap_load(fs, 1, 5, &pg) == 0);
    CHECK_LOG(h, toy_a.log, "load(1,5)=0");

    // Type 0 has no map: the store still reaches the backend and counts (success and a frontswap page), but
    // the page can never be found again.
    toy_fill(data, 0x22);
    CHECK(h, cshim_frontswap_store(fs, 0, 3, &pg) == 0);
    CHECK(h, !cshim_frontswap_test(fs, 0, 3));
    CHECK(h, cshim_frontswap_load(fs, 0, 3, &pg) == -1);
    CHECK_LOG(h, toy_a.log, "store(0,3)=0");
    CHECK(h, cshim_frontswap_device_pages(fs, 0) == 1);

    // A failed store over a duplicate drops the slot; the next load does not ask the backend.
    toy_a.fail_stores = 1;
    CHECK(h, cshim_frontswap_store(fs, 1, 5, &pg) == -1);
    CHECK(h, !cshim_frontswap_test(fs, 1, 5));
    CHECK(h, cshim_frontswap_device_pages(fs, 1) == 0);
    CHECK(h, cshim_frontswap_load(fs, 1, 5, &pg) == -1);
    CHECK_LOG(h, toy_a.log, "store(1,5)=-1");

    // Writethrough: the backend keeps the page, the swap subsystem is told to write it as well.
    CHECK(h, cshim_frontswap_writethrough(fs, true) == 0);
    CHECK(h, cshim_frontswap_store(fs, 1, 6, &pg) == -1);
    CHECK(h, cshim_frontswap_test(fs, 1, 6));
    CHECK(h, cshim_frontswap_writethrough(fs, false) == 0);
    // Exclusive gets: a successful load also drops the slot and dirties the page.
    CHECK(h, cshim_frontswap_tmem_exclusive_gets(fs, true) == 0);
    pg.flags = 0;
    CHECK(h, cshim_frontswap_load(fs, 1, 6, &pg) == 0);
    CHECK(h, (pg.flags & CSHIM_PAGE_DIRTY) != 0);
    CHECK(h, !cshim_frontswap_test(fs, 1, 6));
    CHECK(h, cshim_frontswap_tmem_exclusive_gets(fs, false) == 0);
    CHECK_LOG(h, toy_a.log, "store(1,6)=0 load(1,6)=0");

    // invalidate_page reaches the backend only for slots frontswap holds.
    cshim_frontswap_invalidate_page(fs, 1, 6);
    CHECK(h, cshim_frontswap_store(fs, 1, 7, &pg) == 0);
    cshim_frontswap_invalidate_page(fs, 1, 7);
    CHECK_LOG(h, toy_a.log, "store(1,7)=0 inv_page(1,7)");
    CHECK(h, cshim_frontswap_curr_pages(fs) == 1);     // type 0's unreachable page

    // A second registration returns the kernel's copy of the first table (with the original load) by value.
    struct cshim_frontswap_ops_v3_5 ops_b = { b_init, b_store, b_load, b_invalidate_page, b_invalidate_area };
    old = cshim_frontswap_register_ops_v3_5(fs, &ops_b);
    CHECK(h, old.init == a_init && old.store == a_store && old.load == a_load &&
                 old.invalidate_page == a_invalidate_page && old.invalidate_area == a_invalidate_area);
    CHECK(h, cshim_frontswap_store(fs, 1, 8, &pg) == 0);
    CHECK(h, cshim_frontswap_curr_pages(fs) == 2);
    CHECK(h, cshim_frontswap_swapoff(fs, 1) == 0);
    CHECK_LOG(h, toy_b.log, "store(1,8)=0 inv_area(1)");
    CHECK_LOG(h, toy_a.log, "");
    CHECK(h, cshim_frontswap_curr_pages(fs) == 1);

    struct cshim_frontswap_counters c = cshim_frontswap_get_counters(fs);
    CHECK(h, c.succ_stores == 5 && c.failed_stores == 1 && c.loads == 3 && c.invalidates == 1);
    cshim_frontswap_destroy(fs);
}

static void era_v3_11(struct harness *h) {
    struct cshim_frontswap *fs = cshim_frontswap_create(CSHIM_FRONTSWAP_ERA_V3_11);
    CHECK(h, fs != NULL);
    if (!fs) return;
    toy_reset(&toy_a, 8);
    toy_reset(&toy_b, 8);
    unsigned char data[4096];
    struct cshim_page pg = { .data = data };

    // frontswap_enabled is the constant 1; with no backend a store counts as failed and a load misses.
    CHECK(h, cshim_frontswap_enabled(fs));
    CHECK(h, cshim_frontswap_swapon(fs, 0, 64) == 0);
    toy_fill(data, 0x33);
    CHECK(h, cshim_frontswap_store(fs, 0, 1, &pg) == -1);
    CHECK(h, cshim_frontswap_load(fs, 0, 1, &pg) == -1);
    CHECK(h, cshim_frontswap_get_counters(fs).failed_stores == 1);

    // Registration owes type 0 its init (lazy initialisation) and returns the previous pointer.
    struct cshim_frontswap_ops_v3_11 ops_a = { a_init, a_store, a_load, a_invalidate_page, a_invalidate_area };
    CHECK(h, cshim_frontswap_register_ops_v3_11(fs, &ops_a) == NULL);
    CHECK_LOG(h, toy_a.log, "init(0)");
    CHECK(h, cshim_frontswap_swapon(fs, 1, 64) == 0);
    CHECK_LOG(h, toy_a.log, "init(1)");

    toy_fill(data, 0x33);
    CHECK(h, cshim_frontswap_store(fs, 0, 1, &pg) == 0);
    toy_fill(data, 0);
    CHECK(h, cshim_frontswap_load(fs, 0, 1, &pg) == 0);
    CHECK(h, toy_is_filled(data, 0x33));
    CHECK_LOG(h, toy_a.log, "store(0,1)=0 load(0,1)=0");

    // The kernel keeps our pointer: an edit of the table is seen by the next call.
    ops_a.load = a_other_load;
    CHECK(h, cshim_frontswap_load(fs, 0, 1, &pg) == -1);
    CHECK_LOG(h, toy_a.log, "other_load(0,1)");
    ops_a.load = a_load;

    // A successful duplicate store overwrites and is not a second frontswap page.
    toy_fill(data, 0x44);
    CHECK(h, cshim_frontswap_store(fs, 0, 1, &pg) == 0);
    CHECK(h, cshim_frontswap_device_pages(fs, 0) == 1);
    toy_fill(data, 0);
    CHECK(h, cshim_frontswap_load(fs, 0, 1, &pg) == 0);
    CHECK(h, toy_is_filled(data, 0x44));
    CHECK_LOG(h, toy_a.log, "store(0,1)=0 load(0,1)=0");

    // A second backend replaces the first (the pointer to it comes back) and is never told about types 0 and 1.
    struct cshim_frontswap_ops_v3_11 ops_b = { b_init, b_store, b_load, b_invalidate_page, b_invalidate_area };
    CHECK(h, cshim_frontswap_register_ops_v3_11(fs, &ops_b) == &ops_a);
    CHECK(h, cshim_frontswap_store(fs, 1, 2, &pg) == 0);
    cshim_frontswap_invalidate_area(fs, 0);
    CHECK(h, !cshim_frontswap_test(fs, 0, 1));
    CHECK(h, cshim_frontswap_device_pages(fs, 0) == 0);
    CHECK_LOG(h, toy_b.log, "store(1,2)=0 inv_area(0)");
    CHECK_LOG(h, toy_a.log, "");

    struct cshim_frontswap_counters c = cshim_frontswap_get_counters(fs);
    CHECK(h, c.succ_stores == 3 && c.failed_stores == 1 && c.loads == 2 && c.invalidates == 0);
    cshim_frontswap_destroy(fs);
}

static void era_v4_19(struct harness *h) {
    struct cshim_frontswap *fs = cshim_frontswap_create(CSHIM_FRONTSWAP_ERA_V4_19);
    CHECK(h, fs != NULL);
    if (!fs) return;
    toy_reset(&toy_a, 8);
    toy_reset(&toy_b, 1);                                // the newer backend fills up after one page
    unsigned char data[4096];
    struct cshim_page pg = { .data = data };

    CHECK(h, cshim_frontswap_swapon(fs, 0, 64) == 0);
    CHECK(h, !cshim_frontswap_enabled(fs));
    CHECK(h, cshim_frontswap_store(fs, 0, 1, &pg) == -1);

    // Each registration announces the active devices to the new backend and pushes it at the chain's head.
    struct cshim_frontswap_ops_v4_19 ops_a = { a_init, a_store, a_load, a_invalidate_page, a_invalidate_area, NULL };
    struct cshim_frontswap_ops_v4_19 ops_b = { b_init, b_store, b_load, b_invalidate_page, b_invalidate_area, NULL };
    cshim_frontswap_register_ops_v4_19(fs, &ops_a);
    CHECK(h, ops_a.next == NULL);
    CHECK(h, cshim_frontswap_enabled(fs));
    cshim_frontswap_register_ops_v4_19(fs, &ops_b);
    CHECK(h, ops_b.next == &ops_a);
    CHECK_LOG(h, toy_a.log, "init(0)");
    CHECK_LOG(h, toy_b.log, "init(0)");
    CHECK(h, cshim_frontswap_swapon(fs, 1, 64) == 0);
    CHECK_LOG(h, toy_a.log, "init(1)");
    CHECK_LOG(h, toy_b.log, "init(1)");

    // Stores and loads try the newest backend first and stop at the first success.
    toy_fill(data, 0x01);
    CHECK(h, cshim_frontswap_store(fs, 1, 1, &pg) == 0);
    toy_fill(data, 0x02);
    CHECK(h, cshim_frontswap_store(fs, 1, 2, &pg) == 0);
    CHECK_LOG(h, toy_b.log, "store(1,1)=0 store(1,2)=-1");
    CHECK_LOG(h, toy_a.log, "store(1,2)=0");
    toy_fill(data, 0);
    CHECK(h, cshim_frontswap_load(fs, 1, 2, &pg) == 0);
    CHECK(h, toy_is_filled(data, 0x02));
    CHECK(h, cshim_frontswap_load(fs, 1, 1, &pg) == 0);
    CHECK(h, toy_is_filled(data, 0x01));
    CHECK_LOG(h, toy_b.log, "load(1,2)=-1 load(1,1)=0");
    CHECK_LOG(h, toy_a.log, "load(1,2)=0");

    // A duplicate is invalidated in every backend before the new copy is stored.
    toy_fill(data, 0x12);
    CHECK(h, cshim_frontswap_store(fs, 1, 2, &pg) == 0);
    CHECK_LOG(h, toy_b.log, "inv_page(1,2) store(1,2)=-1");
    CHECK_LOG(h, toy_a.log, "inv_page(1,2) store(1,2)=0");
    CHECK(h, cshim_frontswap_device_pages(fs, 1) == 2);
    toy_fill(data, 0);
    CHECK(h, cshim_frontswap_load(fs, 1, 2, &pg) == 0);
    CHECK(h, toy_is_filled(data, 0x12));
    CHECK_LOG(h, toy_b.log, "load(1,2)=-1");
    CHECK_LOG(h, toy_a.log, "load(1,2)=0");

    cshim_frontswap_invalidate_page(fs, 1, 1);
    CHECK_LOG(h, toy_b.log, "inv_page(1,1)");
    CHECK_LOG(h, toy_a.log, "inv_page(1,1)");

    // Writethrough and exclusive gets still exist in this era.
    CHECK(h, cshim_frontswap_writethrough(fs, true) == 0);
    toy_fill(data, 0x13);
    CHECK(h, cshim_frontswap_store(fs, 1, 3, &pg) == -1);
    CHECK(h, cshim_frontswap_test(fs, 1, 3));
    CHECK(h, cshim_frontswap_writethrough(fs, false) == 0);
    CHECK(h, cshim_frontswap_tmem_exclusive_gets(fs, true) == 0);
    toy_b.exclusive = true;
    pg.flags = 0;
    CHECK(h, cshim_frontswap_load(fs, 1, 3, &pg) == 0);
    CHECK(h, (pg.flags & CSHIM_PAGE_DIRTY) != 0);
    CHECK(h, !cshim_frontswap_test(fs, 1, 3));
    toy_b.exclusive = false;
    CHECK(h, cshim_frontswap_tmem_exclusive_gets(fs, false) == 0);
    CHECK_LOG(h, toy_b.log, "store(1,3)=0 load(1,3)=0");
    CHECK_LOG(h, toy_a.log, "");
    CHECK(h, cshim_frontswap_device_pages(fs, 1) == 1);

    // Shrink: 3 pages, target 2 -> one page of the first device (type 0) is unused (load, then invalidate).
    CHECK(h, cshim_frontswap_store(fs, 0, 5, &pg) == 0);
    CHECK(h, cshim_frontswap_store(fs, 0, 6, &pg) == 0);
    CHECK_LOG(h, toy_b.log, "store(0,5)=0 store(0,6)=-1");
    CHECK_LOG(h, toy_a.log, "store(0,6)=0");
    CHECK(h, cshim_frontswap_curr_pages(fs) == 3);
    CHECK(h, cshim_frontswap_shrink(fs, 2) == 0);
    CHECK(h, cshim_frontswap_curr_pages(fs) == 2);
    CHECK_LOG(h, toy_b.log, "load(0,5)=0 inv_page(0,5)");
    CHECK_LOG(h, toy_a.log, "inv_page(0,5)");
    // Target 0: type 0 holds less than the excess, so all of it goes, and type 1 is left alone.
    CHECK(h, cshim_frontswap_shrink(fs, 0) == 0);
    CHECK(h, cshim_frontswap_curr_pages(fs) == 1);
    CHECK_LOG(h, toy_b.log, "load(0,6)=-1 inv_page(0,6)");
    CHECK_LOG(h, toy_a.log, "load(0,6)=0 inv_page(0,6)");
    CHECK(h, cshim_frontswap_shrink(fs, 5) == 0);
    CHECK_LOG(h, toy_b.log, "");

    CHECK(h, cshim_frontswap_swapoff(fs, 1) == 0);
    CHECK_LOG(h, toy_b.log, "inv_area(1)");
    CHECK_LOG(h, toy_a.log, "inv_area(1)");

    struct cshim_frontswap_counters c = cshim_frontswap_get_counters(fs);
    CHECK(h, c.succ_stores == 6 && c.failed_stores == 0 && c.loads == 6 && c.invalidates == 3);
    cshim_frontswap_destroy(fs);
}

static void era_v6_1(struct harness *h) {
    struct cshim_frontswap *fs = cshim_frontswap_create(CSHIM_FRONTSWAP_ERA_V6_1);
    CHECK(h, fs != NULL);
    if (!fs) return;
    toy_reset(&toy_a, 8);
    toy_reset(&toy_b, 8);
    unsigned char data[4096];
    struct cshim_page pg = { .data = data };

    CHECK(h, cshim_frontswap_swapon(fs, 0, 64) == 0);
    CHECK(h, cshim_frontswap_store(fs, 0, 1, &pg) == -1);

    // One backend: 0, then -EINVAL. No init for the device that was on already.
    static const struct cshim_frontswap_ops_v6_1 ops_a = { a_init, a_store, a_load, a_invalidate_page, a_invalidate_area };
    static const struct cshim_frontswap_ops_v6_1 ops_b = { b_init, b_store, b_load, b_invalidate_page, b_invalidate_area };
    CHECK(h, cshim_frontswap_register_ops_v6_1(fs, &ops_a) == 0);
    CHECK(h, cshim_frontswap_register_ops_v6_1(fs, &ops_b) == -EINVAL);
    CHECK_LOG(h, toy_a.log, "");
    CHECK(h, cshim_frontswap_swapon(fs, 1, 64) == 0);
    CHECK_LOG(h, toy_a.log, "init(1)");

    // Type 0 was never announced, yet its pages reach the backend.
    toy_fill(data, 0x60);
    CHECK(h, cshim_frontswap_store(fs, 0, 1, &pg) == 0);
    toy_fill(data, 0x61);
    CHECK(h, cshim_frontswap_store(fs, 1, 1, &pg) == 0);
    toy_fill(data, 0);
    CHECK(h, cshim_frontswap_load(fs, 1, 1, &pg) == 0);
    CHECK(h, toy_is_filled(data, 0x61));
    CHECK_LOG(h, toy_a.log, "store(0,1)=0 store(1,1)=0 load(1,1)=0");

    // A duplicate is invalidated first; when the new store fails the slot is gone.
    toy_a.fail_stores = 1;
    CHECK(h, cshim_frontswap_store(fs, 1, 1, &pg) == -1);
    CHECK(h, !cshim_frontswap_test(fs, 1, 1));
    CHECK(h, cshim_frontswap_load(fs, 1, 1, &pg) == -1);
    cshim_frontswap_invalidate_page(fs, 1, 1);
    CHECK_LOG(h, toy_a.log, "inv_page(1,1) store(1,1)=-1");

    // The 3.5-5.17 knobs are gone.
    CHECK(h, cshim_frontswap_writethrough(fs, true) == -EOPNOTSUPP);
    CHECK(h, cshim_frontswap_tmem_exclusive_gets(fs, true) == -EOPNOTSUPP);
    CHECK(h, cshim_frontswap_shrink(fs, 0) == -EOPNOTSUPP);
    CHECK(h, cshim_frontswap_curr_pages(fs) == 1);

    CHECK(h, cshim_frontswap_swapoff(fs, 0) == 0);
    CHECK(h, cshim_frontswap_swapoff(fs, 1) == 0);
    CHECK(h, cshim_frontswap_swapoff(fs, 1) == -EINVAL);
    CHECK_LOG(h, toy_a.log, "inv_area(0) inv_area(1)");
    CHECK_LOG(h, toy_b.log, "");

    struct cshim_frontswap_counters c = cshim_frontswap_get_counters(fs);
    CHECK(h, c.succ_stores == 2 && c.failed_stores == 1 && c.loads == 1 && c.invalidates == 0);
    cshim_frontswap_destroy(fs);
}

static void kernel_side_argument_checks(struct harness *h) {
    struct cshim_frontswap *fs = cshim_frontswap_create(CSHIM_FRONTSWAP_ERA_V6_1);
    CHECK(h, fs != NULL);
    if (!fs) return;
    unsigned char data[4096];
    struct cshim_page pg = { .data = data };
    CHECK(h, cshim_frontswap_create((cshim_frontswap_era)7) == NULL);
    CHECK(h, cshim_frontswap_swapon(fs, CSHIM_MAX_SWAPFILES, 8) == -EINVAL);
    CHECK(h, cshim_frontswap_swapon(fs, 0, 0) == -EINVAL);
    // Beyond what a swap header can describe (2^32 slots): refused, never a wrapped, too-small map.
    CHECK(h, cshim_frontswap_swapon(fs, 0, ~0ul) == -EINVAL);
    CHECK(h, cshim_frontswap_swapon(fs, 0, ~0ul - 62) == -EINVAL);
    CHECK(h, cshim_frontswap_swapon(fs, 0, (1ul << 32) + 1) == -EINVAL);
    CHECK(h, cshim_frontswap_store(fs, 0, 1ul << 40, &pg) == -EINVAL);   // nothing was switched on
    CHECK(h, cshim_frontswap_swapon(fs, 0, 8) == 0);
    CHECK(h, cshim_frontswap_swapon(fs, 0, 8) == -EBUSY);
    CHECK(h, cshim_frontswap_store(fs, 0, 8, &pg) == -EINVAL);   // offset beyond the device
    CHECK(h, cshim_frontswap_load(fs, 3, 0, &pg) == -EINVAL);    // type not on
    cshim_frontswap_destroy(fs);
}

void harness_frontswap(struct harness *h) {
    era_v3_5(h);
    era_v3_11(h);
    era_v4_19(h);
    era_v6_1(h);
    kernel_side_argument_checks(h);
}
