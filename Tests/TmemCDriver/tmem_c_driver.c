#include "tmem_c_driver.h"
#include <stdio.h>
#include <string.h>
#include <stdarg.h>

struct ctx {
    struct tmem_c_driver_result r;
    char *report;
    size_t size, used;
};

static void check(struct ctx *c, int ok, const char *fmt, ...) {
    c->r.checks++;
    if (ok) return;
    c->r.failures++;
    if (c->used + 1 >= c->size) return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(c->report + c->used, c->size - c->used, fmt, ap);
    va_end(ap);
    if (n > 0) c->used += (size_t)n < c->size - c->used ? (size_t)n : c->size - c->used - 1;
    if (c->used + 1 < c->size) c->report[c->used++] = '\n';
    c->report[c->used] = 0;
}

struct tmem_c_driver_result tmem_c_driver_run(const struct cshim_frontswap_ops_v6_1 *fs_ops,
                                              const struct cshim_cleancache_ops_v4_19 *cc_ops,
                                              const unsigned char *pages, int npages,
                                              char *report, size_t report_size) {
    struct ctx c = { .report = report, .size = report_size, .used = 0 };
    if (report_size) report[0] = 0;
    static unsigned char buf[CSHIM_PAGE_SIZE] __attribute__((aligned(64)));

    // ---- frontswap: swapon, store every page at offset 3*i, load each back, free half, swapoff.
    struct cshim_frontswap *fs = cshim_frontswap_create(CSHIM_FRONTSWAP_ERA_V6_1);
    check(&c, fs != NULL, "frontswap_create failed");
    if (!fs) return c.r;
    check(&c, cshim_frontswap_register_ops_v6_1(fs, fs_ops) == 0, "register_ops_v6_1 refused the backend");
    check(&c, cshim_frontswap_swapon(fs, 1, (unsigned long)npages * 3 + 1) == 0, "swapon type 1");
    for (int i = 0; i < npages; i++) {
        memcpy(buf, pages + (size_t)i * CSHIM_PAGE_SIZE, CSHIM_PAGE_SIZE);
        struct cshim_page p = { .data = buf, .index = 0, .flags = 0 };
        int rc = cshim_frontswap_store(fs, 1, (cshim_pgoff_t)(3 * i), &p);
        check(&c, rc == 0, "store of page %d at offset %d refused", i, 3 * i);
        if (rc == 0) c.r.stores_ok++;
    }
    for (int i = 0; i < npages; i++) {
        memset(buf, 0xEE, sizeof buf);
        struct cshim_page p = { .data = buf, .index = 0, .flags = 0 };
        int rc = cshim_frontswap_load(fs, 1, (cshim_pgoff_t)(3 * i), &p);
        int same = rc == 0 && memcmp(buf, pages + (size_t)i * CSHIM_PAGE_SIZE, CSHIM_PAGE_SIZE) == 0;
        check(&c, same, "load of offset %d: rc %d, %s", 3 * i, rc, rc == 0 ? "bytes differ" : "miss");
        if (same) c.r.loads_ok++;
    }
    // A load does not remove the page (frontswap is not exclusive by default): load again.
    {
        struct cshim_page p = { .data = buf, .index = 0, .flags = 0 };
        check(&c, npages == 0 || cshim_frontswap_load(fs, 1, 0, &p) == 0, "second load of offset 0 missed");
    }
    // An offset never stored misses.
    {
        struct cshim_page p = { .data = buf, .index = 0, .flags = 0 };
        check(&c, cshim_frontswap_load(fs, 1, 1, &p) != 0, "load of an unused offset hit");
    }
    for (int i = 0; i < npages; i += 2) cshim_frontswap_invalidate_page(fs, 1, (cshim_pgoff_t)(3 * i));
    for (int i = 0; i < npages; i++) {
        struct cshim_page p = { .data = buf, .index = 0, .flags = 0 };
        int rc = cshim_frontswap_load(fs, 1, (cshim_pgoff_t)(3 * i), &p);
        check(&c, (rc == 0) == (i % 2 == 1), "after invalidating even pages, load of page %d: rc %d", i, rc);
    }
    check(&c, cshim_frontswap_curr_pages(fs) == (unsigned long)(npages / 2), "frontswap_curr_pages %lu, want %d",
          cshim_frontswap_curr_pages(fs), npages / 2);
    check(&c, cshim_frontswap_swapoff(fs, 1) == 0, "swapoff type 1");
    cshim_frontswap_destroy(fs);

    // ---- cleancache: mount, put every page of inode 7, get (exclusive), truncate, umount.
    struct cshim_cleancache *cc = cshim_cleancache_create(CSHIM_CLEANCACHE_ERA_V4_19);
    check(&c, cc != NULL, "cleancache_create failed");
    if (!cc) return c.r;
    check(&c, cshim_cleancache_register_ops_v4_19(cc, cc_ops) == 0, "cleancache register refused the backend");
    struct cshim_cleancache_sb sb;
    cshim_cleancache_sb_init(&sb, NULL);
    cshim_cleancache_init_fs(cc, &sb);
    check(&c, cshim_cleancache_backend_pool(cc, &sb) >= 0, "init_fs gave no pool");
    struct cshim_cleancache_filekey key = cshim_cleancache_filekey_ino(7);
    for (int i = 0; i < npages; i++) {
        memcpy(buf, pages + (size_t)i * CSHIM_PAGE_SIZE, CSHIM_PAGE_SIZE);
        struct cshim_page p = { .data = buf, .index = (cshim_pgoff_t)i, .flags = 0 };
        cshim_cleancache_put_page(cc, &sb, &key, &p);
    }
    for (int i = 0; i < npages / 2; i++) {
        memset(buf, 0xEE, sizeof buf);
        struct cshim_page p = { .data = buf, .index = (cshim_pgoff_t)i, .flags = 0 };
        int rc = cshim_cleancache_get_page(cc, &sb, &key, &p);
        int same = rc == 0 && memcmp(buf, pages + (size_t)i * CSHIM_PAGE_SIZE, CSHIM_PAGE_SIZE) == 0;
        check(&c, same, "cleancache get of index %d: rc %d", i, rc);
        if (same) c.r.cleancache_hits++;
        // Private pools are exclusive: the same get now misses.
        check(&c, cshim_cleancache_get_page(cc, &sb, &key, &p) != 0, "second get of index %d hit", i);
    }
    cshim_cleancache_invalidate_inode(cc, &sb, &key);
    for (int i = npages / 2; i < npages; i++) {
        struct cshim_page p = { .data = buf, .index = (cshim_pgoff_t)i, .flags = 0 };
        check(&c, cshim_cleancache_get_page(cc, &sb, &key, &p) != 0, "get after truncate hit index %d", i);
    }
    cshim_cleancache_invalidate_fs(cc, &sb);
    cshim_cleancache_destroy(cc);
    return c.r;
}
