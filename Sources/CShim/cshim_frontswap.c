// The kernel side of frontswap per era; see cshim_frontswap.h. Each era's rules are written out in its own
// branch so that the differences stay visible and checkable against mm/frontswap.c of that release.
#include "cshim_frontswap.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BITS_PER_WORD (sizeof(unsigned long) * CHAR_BIT)

struct cshim_swap_device {
    bool active;
    unsigned long max;
    unsigned long *map;   // sis->frontswap_map: one bit per slot that frontswap holds; NULL when absent
    long pages;           // sis->frontswap_pages
};

struct cshim_frontswap {
    cshim_frontswap_era era;
    bool enabled;                                 // the inline wrappers' gate (see cshim_frontswap_enabled)
    bool writethrough;
    bool exclusive_gets;
    struct cshim_frontswap_ops_v3_5 ops_v3_5;     // 3.5 keeps a copy
    bool registered_v3_5;
    struct cshim_frontswap_ops_v3_11 *ops_v3_11;  // 3.11 keeps the pointer
    uint32_t need_init;                           // 3.11: swapon'ed before any backend, init still owed
    struct cshim_frontswap_ops_v4_19 *ops_v4_19;  // 4.19: head of the chain, newest first
    const struct cshim_frontswap_ops_v6_1 *ops_v6_1;
    struct cshim_frontswap_counters counters;
    struct cshim_swap_device dev[CSHIM_MAX_SWAPFILES];
};

static void wrong_era(const struct cshim_frontswap *fs, const char *fn) {
    fprintf(stderr, "%s called on a frontswap context of era %d\n", fn, (int)fs->era);
    abort();
}

struct cshim_frontswap *cshim_frontswap_create(cshim_frontswap_era era) {
    if ((int)era < CSHIM_FRONTSWAP_ERA_V3_5 || (int)era > CSHIM_FRONTSWAP_ERA_V6_1) return NULL;
    struct cshim_frontswap *fs = calloc(1, sizeof *fs);
    if (!fs) return NULL;
    fs->era = era;
    // 3.11 defined frontswap_enabled as (1) under CONFIG_FRONTSWAP; the other eras start with the gate closed.
    fs->enabled = era == CSHIM_FRONTSWAP_ERA_V3_11;
    return fs;
}

void cshim_frontswap_destroy(struct cshim_frontswap *fs) {
    if (!fs) return;
    for (unsigned i = 0; i < CSHIM_MAX_SWAPFILES; i++) free(fs->dev[i].map);
    free(fs);
}

cshim_frontswap_era cshim_frontswap_get_era(const struct cshim_frontswap *fs) { return fs->era; }

// ---- the frontswap map --------------------------------------------------------------------------------------

static bool map_test(const struct cshim_swap_device *d, cshim_pgoff_t off) {
    return d->map && (d->map[off / BITS_PER_WORD] >> (off % BITS_PER_WORD)) & 1ul;
}
static void map_set(struct cshim_swap_device *d, cshim_pgoff_t off) {
    if (d->map) d->map[off / BITS_PER_WORD] |= 1ul << (off % BITS_PER_WORD);
}
static void map_clear(struct cshim_swap_device *d, cshim_pgoff_t off) {
    if (d->map) d->map[off / BITS_PER_WORD] &= ~(1ul << (off % BITS_PER_WORD));
}
static unsigned long map_words(const struct cshim_swap_device *d) {
    return (d->max + BITS_PER_WORD - 1) / BITS_PER_WORD;
}

// The frontswap_test the era's frontend used: 3.5 also required frontswap_enabled, 3.11 a registered backend.
static bool fs_test(const struct cshim_frontswap *fs, const struct cshim_swap_device *d, cshim_pgoff_t off) {
    switch (fs->era) {
    case CSHIM_FRONTSWAP_ERA_V3_5: return fs->enabled && map_test(d, off);
    case CSHIM_FRONTSWAP_ERA_V3_11: return fs->ops_v3_11 && map_test(d, off);
    default: return map_test(d, off);
    }
}

static struct cshim_swap_device *device(struct cshim_frontswap *fs, unsigned type, cshim_pgoff_t off) {
    if (type >= CSHIM_MAX_SWAPFILES || !fs->dev[type].active || off >= fs->dev[type].max) return NULL;
    return &fs->dev[type];
}

// ---- registration -------------------------------------------------------------------------------------------

struct cshim_frontswap_ops_v3_5 cshim_frontswap_register_ops_v3_5(struct cshim_frontswap *fs,
                                                                  struct cshim_frontswap_ops_v3_5 *ops) {
    if (fs->era != CSHIM_FRONTSWAP_ERA_V3_5) wrong_era(fs, __func__);
    struct cshim_frontswap_ops_v3_5 old = fs->ops_v3_5;
    fs->ops_v3_5 = *ops;
    fs->registered_v3_5 = true;
    fs->enabled = true;
    return old;
}

struct cshim_frontswap_ops_v3_11 *cshim_frontswap_register_ops_v3_11(struct cshim_frontswap *fs,
                                                                     struct cshim_frontswap_ops_v3_11 *ops) {
    if (fs->era != CSHIM_FRONTSWAP_ERA_V3_11) wrong_era(fs, __func__);
    struct cshim_frontswap_ops_v3_11 *old = fs->ops_v3_11;
    for (unsigned i = 0; i < CSHIM_MAX_SWAPFILES; i++) {
        if (fs->need_init & (1u << i)) {          // test_and_clear_bit(i, need_init)
            fs->need_init &= ~(1u << i);
            ops->init(i);
        }
    }
    fs->ops_v3_11 = ops;                          // set only after the inits, as the kernel's barrier() ensured
    return old;
}

void cshim_frontswap_register_ops_v4_19(struct cshim_frontswap *fs, struct cshim_frontswap_ops_v4_19 *ops) {
    if (fs->era != CSHIM_FRONTSWAP_ERA_V4_19) wrong_era(fs, __func__);
    // The new backend learns about every active swap device with a map before it becomes visible.
    for (unsigned i = 0; i < CSHIM_MAX_SWAPFILES; i++)
        if (fs->dev[i].active && fs->dev[i].map) ops->init(i);
    ops->next = fs->ops_v4_19;
    fs->ops_v4_19 = ops;
    fs->enabled = true;                           // static_branch_inc(&frontswap_enabled_key)
}

int cshim_frontswap_register_ops_v6_1(struct cshim_frontswap *fs, const struct cshim_frontswap_ops_v6_1 *ops) {
    if (fs->era != CSHIM_FRONTSWAP_ERA_V6_1) wrong_era(fs, __func__);
    if (fs->ops_v6_1) return -EINVAL;
    fs->ops_v6_1 = ops;
    fs->enabled = true;
    return 0;
}

// ---- swapon / swapoff ---------------------------------------------------------------------------------------

// frontswap_init(type[, map]) as each era's swapon called it, the map already attached to the device.
static void fs_init(struct cshim_frontswap *fs, unsigned type) {
    struct cshim_swap_device *d = &fs->dev[type];
    switch (fs->era) {
    case CSHIM_FRONTSWAP_ERA_V3_5:
        if (fs->enabled && d->map) fs->ops_v3_5.init(type);
        break;
    case CSHIM_FRONTSWAP_ERA_V3_11:
        if (fs->ops_v3_11) {
            if (d->map) fs->ops_v3_11->init(type);
        } else {
            fs->need_init |= 1u << type;
        }
        break;
    case CSHIM_FRONTSWAP_ERA_V4_19:
        for (struct cshim_frontswap_ops_v4_19 *o = fs->ops_v4_19; o; o = o->next) o->init(type);
        break;
    case CSHIM_FRONTSWAP_ERA_V6_1:
        if (fs->enabled) fs->ops_v6_1->init(type);
        break;
    }
}

int cshim_frontswap_swapon(struct cshim_frontswap *fs, unsigned type, unsigned long max_pages) {
    if (type >= CSHIM_MAX_SWAPFILES || max_pages == 0 || max_pages > CSHIM_FRONTSWAP_MAX_PAGES) return -EINVAL;
    struct cshim_swap_device *d = &fs->dev[type];
    if (d->active) return -EBUSY;
    *d = (struct cshim_swap_device){ .active = true, .max = max_pages };
    // 3.5 allocated the map only when frontswap_enabled; later eras whenever CONFIG_FRONTSWAP was set.
    if (fs->era != CSHIM_FRONTSWAP_ERA_V3_5 || fs->enabled) {
        d->map = calloc(map_words(d), sizeof(unsigned long));
        if (!d->map) {
            d->active = false;
            return -ENOMEM;
        }
    }
    fs_init(fs, type);
    return 0;
}

int cshim_frontswap_swapoff(struct cshim_frontswap *fs, unsigned type) {
    if (type >= CSHIM_MAX_SWAPFILES || !fs->dev[type].active) return -EINVAL;
    cshim_frontswap_invalidate_area(fs, type);
    free(fs->dev[type].map);
    fs->dev[type] = (struct cshim_swap_device){ 0 };
    return 0;
}

// ---- store --------------------------------------------------------------------------------------------------

// 3.5 and 3.11: one backend; a failed store over a duplicate drops the old slot (the backend must drop its copy).
static int store_single(struct cshim_frontswap *fs, struct cshim_swap_device *d, unsigned type, cshim_pgoff_t off,
                        struct cshim_page *page) {
    bool dup = fs_test(fs, d, off);
    int ret = fs->era == CSHIM_FRONTSWAP_ERA_V3_5 ? fs->ops_v3_5.store(type, off, page)
                                                  : fs->ops_v3_11->store(type, off, page);
    if (ret == 0) {
        map_set(d, off);                      // no-op without a map (3.5 after a late registration)
        fs->counters.succ_stores++;
        if (!dup) d->pages++;
    } else {
        fs->counters.failed_stores++;
        if (dup) {
            map_clear(d, off);
            d->pages--;
        }
    }
    return fs->writethrough ? -1 : ret;   // writethrough: report failure so swap also writes the device
}

// The registered backend(s) of 4.19 (a chain, newest first) or 6.1 (one): a page goes to the first that takes it.
static int backend_store(struct cshim_frontswap *fs, unsigned type, cshim_pgoff_t off, struct cshim_page *page) {
    if (fs->era == CSHIM_FRONTSWAP_ERA_V6_1) return fs->ops_v6_1->store(type, off, page);
    int ret = -1;
    for (struct cshim_frontswap_ops_v4_19 *o = fs->ops_v4_19; o; o = o->next)
        if ((ret = o->store(type, off, page)) == 0) break;
    return ret;
}

// Every era's invalidate_page call; the 4.19 chain asks every backend, since any of them may hold the page.
static void backend_invalidate_page(struct cshim_frontswap *fs, unsigned type, cshim_pgoff_t off) {
    switch (fs->era) {
    case CSHIM_FRONTSWAP_ERA_V3_5: fs->ops_v3_5.invalidate_page(type, off); break;
    case CSHIM_FRONTSWAP_ERA_V3_11: fs->ops_v3_11->invalidate_page(type, off); break;
    case CSHIM_FRONTSWAP_ERA_V4_19:
        for (struct cshim_frontswap_ops_v4_19 *o = fs->ops_v4_19; o; o = o->next) o->invalidate_page(type, off);
        break;
    case CSHIM_FRONTSWAP_ERA_V6_1: fs->ops_v6_1->invalidate_page(type, off); break;
    }
}

// 4.19 and 6.1: a duplicate is dropped from the backend(s) first, because the new copy may land elsewhere.
static int store_dropping_duplicate(struct cshim_frontswap *fs, struct cshim_swap_device *d, unsigned type,
                                    cshim_pgoff_t off, struct cshim_page *page) {
    if (map_test(d, off)) {
        map_clear(d, off);
        d->pages--;
        backend_invalidate_page(fs, type, off);
    }
    int ret = backend_store(fs, type, off, page);
    if (ret == 0) {
        map_set(d, off);
        d->pages++;
        fs->counters.succ_stores++;
    } else {
        fs->counters.failed_stores++;
    }
    return fs->writethrough ? -1 : ret;   // writethrough is never on in 6.1: the knob is gone
}

int cshim_frontswap_store(struct cshim_frontswap *fs, unsigned type, cshim_pgoff_t offset, struct cshim_page *page) {
    struct cshim_swap_device *d = device(fs, type, offset);
    if (!d) return -EINVAL;
    if (!fs->enabled) return -1;              // the inline frontswap_store(): gate closed, nothing counted
    switch (fs->era) {
    case CSHIM_FRONTSWAP_ERA_V3_5:
        return store_single(fs, d, type, offset, page);
    case CSHIM_FRONTSWAP_ERA_V3_11:
        if (!fs->ops_v3_11) {                 // lazy-init era: no backend yet counts as a failed store
            fs->counters.failed_stores++;
            return -1;
        }
        return store_single(fs, d, type, offset, page);
    case CSHIM_FRONTSWAP_ERA_V4_19:
    case CSHIM_FRONTSWAP_ERA_V6_1:
        return store_dropping_duplicate(fs, d, type, offset, page);
    }
    return -1;
}

// ---- load ---------------------------------------------------------------------------------------------------

int cshim_frontswap_load(struct cshim_frontswap *fs, unsigned type, cshim_pgoff_t offset, struct cshim_page *page) {
    struct cshim_swap_device *d = device(fs, type, offset);
    if (!d) return -EINVAL;
    if (!fs->enabled) return -1;
    int ret = -1;
    switch (fs->era) {
    case CSHIM_FRONTSWAP_ERA_V3_5:
        if (fs_test(fs, d, offset)) ret = fs->ops_v3_5.load(type, offset, page);
        break;
    case CSHIM_FRONTSWAP_ERA_V3_11:
        if (!fs->ops_v3_11) return -1;
        if (fs_test(fs, d, offset)) ret = fs->ops_v3_11->load(type, offset, page);
        break;
    case CSHIM_FRONTSWAP_ERA_V4_19:
        if (!map_test(d, offset)) return -1;
        for (struct cshim_frontswap_ops_v4_19 *o = fs->ops_v4_19; o; o = o->next)
            if ((ret = o->load(type, offset, page)) == 0) break;
        break;
    case CSHIM_FRONTSWAP_ERA_V6_1:
        if (!map_test(d, offset)) return -1;
        ret = fs->ops_v6_1->load(type, offset, page);
        break;
    }
    if (ret == 0) {
        fs->counters.loads++;
        if (fs->exclusive_gets) {             // never set in 6.1: the knob is gone
            page->flags |= CSHIM_PAGE_DIRTY;
            map_clear(d, offset);
            d->pages--;
        }
    }
    return ret;
}

// ---- invalidate ---------------------------------------------------------------------------------------------

void cshim_frontswap_invalidate_page(struct cshim_frontswap *fs, unsigned type, cshim_pgoff_t offset) {
    struct cshim_swap_device *d = device(fs, type, offset);
    if (!d || !fs->enabled) return;
    if (fs->era == CSHIM_FRONTSWAP_ERA_V3_11 && !fs->ops_v3_11) return;
    if (!fs_test(fs, d, offset)) return;
    backend_invalidate_page(fs, type, offset);
    map_clear(d, offset);
    d->pages--;
    fs->counters.invalidates++;
}

void cshim_frontswap_invalidate_area(struct cshim_frontswap *fs, unsigned type) {
    if (type >= CSHIM_MAX_SWAPFILES || !fs->dev[type].active || !fs->enabled) return;
    struct cshim_swap_device *d = &fs->dev[type];
    if (fs->era == CSHIM_FRONTSWAP_ERA_V3_11 && !fs->ops_v3_11) return;
    if (!d->map) return;
    switch (fs->era) {
    case CSHIM_FRONTSWAP_ERA_V3_5: fs->ops_v3_5.invalidate_area(type); break;
    case CSHIM_FRONTSWAP_ERA_V3_11: fs->ops_v3_11->invalidate_area(type); break;
    case CSHIM_FRONTSWAP_ERA_V4_19:
        for (struct cshim_frontswap_ops_v4_19 *o = fs->ops_v4_19; o; o = o->next) o->invalidate_area(type);
        break;
    case CSHIM_FRONTSWAP_ERA_V6_1: fs->ops_v6_1->invalidate_area(type); break;
    }
    d->pages = 0;
    memset(d->map, 0, map_words(d) * sizeof(unsigned long));
}

// ---- observation --------------------------------------------------------------------------------------------

bool cshim_frontswap_test(const struct cshim_frontswap *fs, unsigned type, cshim_pgoff_t offset) {
    if (type >= CSHIM_MAX_SWAPFILES || !fs->dev[type].active || offset >= fs->dev[type].max) return false;
    return fs_test(fs, &fs->dev[type], offset);
}

long cshim_frontswap_device_pages(const struct cshim_frontswap *fs, unsigned type) {
    if (type >= CSHIM_MAX_SWAPFILES || !fs->dev[type].active) return 0;
    return fs->dev[type].pages;
}

unsigned long cshim_frontswap_curr_pages(const struct cshim_frontswap *fs) {
    unsigned long total = 0;
    for (unsigned i = 0; i < CSHIM_MAX_SWAPFILES; i++)
        if (fs->dev[i].active) total += (unsigned long)fs->dev[i].pages;
    return total;
}

struct cshim_frontswap_counters cshim_frontswap_get_counters(const struct cshim_frontswap *fs) { return fs->counters; }

bool cshim_frontswap_enabled(const struct cshim_frontswap *fs) { return fs->enabled; }

// ---- knobs --------------------------------------------------------------------------------------------------

int cshim_frontswap_writethrough(struct cshim_frontswap *fs, bool enable) {
    if (fs->era == CSHIM_FRONTSWAP_ERA_V6_1) return -EOPNOTSUPP;
    fs->writethrough = enable;
    return 0;
}

int cshim_frontswap_tmem_exclusive_gets(struct cshim_frontswap *fs, bool enable) {
    if (fs->era == CSHIM_FRONTSWAP_ERA_V6_1) return -EOPNOTSUPP;
    fs->exclusive_gets = enable;
    return 0;
}

int cshim_frontswap_shrink(struct cshim_frontswap *fs, unsigned long target_pages) {
    if (fs->era == CSHIM_FRONTSWAP_ERA_V6_1) return -EOPNOTSUPP;
    unsigned long total = cshim_frontswap_curr_pages(fs);
    if (total <= target_pages) return 0;
    unsigned long excess = total - target_pages;
    for (unsigned type = 0; type < CSHIM_MAX_SWAPFILES; type++) {
        struct cshim_swap_device *d = &fs->dev[type];
        if (!d->active) continue;
        // __frontswap_unuse_pages: the first device is chosen even when it holds fewer pages than the excess;
        // then "unuse all of it" (pages_to_unuse 0).
        unsigned long to_unuse = excess < (unsigned long)d->pages ? excess : 0;
        if (!d->map) return 0;
        unsigned char scratch[CSHIM_PAGE_SIZE];
        unsigned long done = 0;
        for (cshim_pgoff_t off = 0; off < d->max; off++) {
            if (!map_test(d, off)) continue;
            struct cshim_page page = { .data = scratch, .index = 0, .flags = 0 };
            cshim_frontswap_load(fs, type, off, &page);
            cshim_frontswap_invalidate_page(fs, type, off);
            if (to_unuse && ++done == to_unuse) break;
        }
        return 0;
    }
    return 0;
}
