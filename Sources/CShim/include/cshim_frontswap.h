// The kernel side of frontswap, in userspace: registration as each era's frontswap_register_ops did it, and the
// calls the swap subsystem made (swapon, store, load, invalidate, swapoff) dispatched through the registered
// table(s) with the era's bookkeeping (per-device frontswap_map bitmap and frontswap_pages, debugfs counters,
// writethrough, exclusive gets, shrink). Follows mm/frontswap.c and the swapon/swapoff paths of mm/swapfile.c
// in Linux 3.5, 3.11, 4.19 and 6.1 (kernel-abi.md §6.2, §6.3).
//
// A `struct cshim_frontswap` is one simulated kernel of one era. The kernel kept this state in globals; here it
// is a context so that independent simulations can coexist. Backends are called exactly as the kernel called
// them: through the table only, with (type, offset, page) and no context pointer, so a backend keeps its own
// state in globals, as kernel backends did. Not thread-safe: one context is driven by one thread at a time.
#ifndef CSHIM_FRONTSWAP_H
#define CSHIM_FRONTSWAP_H

#include <stdbool.h>
#include <stdint.h>
#include "cshim_frontswap_ops.h"

/// 1 << MAX_SWAPFILES_SHIFT (5): the most swap types a kernel can have (configs that reserve types for
/// migration or hwpoison entries have a few fewer). Swap types are 0..CSHIM_MAX_SWAPFILES-1.
#define CSHIM_MAX_SWAPFILES 32

/// The kernel era a simulated frontswap follows; it fixes the ops mirror and registration call to use.
typedef enum __attribute__((enum_extensibility(closed))) cshim_frontswap_era {
    CSHIM_FRONTSWAP_ERA_V3_5 __attribute__((swift_name("v3_5"))) = 0,   // 3.5-3.10: struct cshim_frontswap_ops_v3_5
    CSHIM_FRONTSWAP_ERA_V3_11 __attribute__((swift_name("v3_11"))) = 1,  // 3.11-4.0: struct cshim_frontswap_ops_v3_11
    CSHIM_FRONTSWAP_ERA_V4_19 __attribute__((swift_name("v4_19"))) = 2,  // 4.19, 5.15: struct cshim_frontswap_ops_v4_19
    CSHIM_FRONTSWAP_ERA_V6_1 __attribute__((swift_name("v6_1"))) = 3,   // 6.1: struct cshim_frontswap_ops_v6_1
} cshim_frontswap_era;

/// /sys/kernel/debug/frontswap/{loads, succ_stores, failed_stores, invalidates}.
struct cshim_frontswap_counters {
    uint64_t loads;
    uint64_t succ_stores;
    uint64_t failed_stores;
    uint64_t invalidates;
};

struct cshim_frontswap;

/// A fresh simulated kernel with no backend and no swap device; NULL when out of memory or era is unknown.
struct cshim_frontswap *cshim_frontswap_create(cshim_frontswap_era era);
void cshim_frontswap_destroy(struct cshim_frontswap *fs);
cshim_frontswap_era cshim_frontswap_get_era(const struct cshim_frontswap *fs);

// ---- Registration, one function per era (calling one on a context of another era aborts: a programming error).

/// 3.5: copies *ops into the kernel (later edits of the caller's table are not seen), sets frontswap_enabled, and
/// returns the previous table by value (all NULL members when none). Swap devices already on stay without a
/// frontswap map and never reach the backend.
struct cshim_frontswap_ops_v3_5 cshim_frontswap_register_ops_v3_5(struct cshim_frontswap *fs,
                                                                  struct cshim_frontswap_ops_v3_5 *ops);
/// 3.11: calls ops->init for every swap type swapon'ed while no backend was registered (and not yet initialised),
/// then keeps the pointer and returns the previous one (NULL when none). A second backend replaces the first.
struct cshim_frontswap_ops_v3_11 *cshim_frontswap_register_ops_v3_11(struct cshim_frontswap *fs,
                                                                     struct cshim_frontswap_ops_v3_11 *ops);
/// 4.19/5.15: calls ops->init for every active swap type, then pushes ops at the head of the chain
/// (ops->next = previous head). Stores, loads and invalidates then go to every backend, newest first.
void cshim_frontswap_register_ops_v4_19(struct cshim_frontswap *fs, struct cshim_frontswap_ops_v4_19 *ops);
/// 6.1: 0, or -EINVAL when a backend is already registered. Does NOT call init for swap devices already on.
int cshim_frontswap_register_ops_v6_1(struct cshim_frontswap *fs, const struct cshim_frontswap_ops_v6_1 *ops);

// ---- What the swap subsystem called. `type` is the swap type, `offset` the page's slot on that device.

/// The most slots a swap area can have: the swap header's last_page is 32 bits (union swap_header), so
/// swapon's maxpages is at most 2^32. Larger values cannot come from a real swapon; refusing them also keeps the
/// map's word count from wrapping.
#define CSHIM_FRONTSWAP_MAX_PAGES (1ul << 32)

/// swapon of a device with `max_pages` slots as swap type `type`: allocates its frontswap map (3.5: only when a
/// backend is registered) and calls init(type) as the era did. 0, -EINVAL (bad type, max_pages 0 or above
/// CSHIM_FRONTSWAP_MAX_PAGES), -EBUSY (type already on) or -ENOMEM.
int cshim_frontswap_swapon(struct cshim_frontswap *fs, unsigned type, unsigned long max_pages);
/// swapoff: frontswap_invalidate_area(type), then frees the map. The kernel's try_to_unuse, which reads every
/// page back first (a load then an invalidate_page per page), is the caller's to simulate. 0 or -EINVAL.
int cshim_frontswap_swapoff(struct cshim_frontswap *fs, unsigned type);

/// frontswap_store (swap_writepage): 0 when a backend took the page (the swap device is then not written), -1
/// when not (or in writethrough mode), with the era's duplicate handling and counters. -EINVAL (no backend
/// called, nothing counted) when type is not on or offset >= its max_pages.
int cshim_frontswap_store(struct cshim_frontswap *fs, unsigned type, cshim_pgoff_t offset, struct cshim_page *page);
/// frontswap_load (swap_readpage): 0 and the page filled, or -1 (read the swap device). Exclusive gets clear
/// the slot and set CSHIM_PAGE_DIRTY in page->flags. -EINVAL as for store.
int cshim_frontswap_load(struct cshim_frontswap *fs, unsigned type, cshim_pgoff_t offset, struct cshim_page *page);
/// frontswap_invalidate_page (swap slot freed): calls the backend only when the slot is in frontswap.
void cshim_frontswap_invalidate_page(struct cshim_frontswap *fs, unsigned type, cshim_pgoff_t offset);
/// frontswap_invalidate_area (swapoff): the backend drops everything of `type`; the map is cleared.
void cshim_frontswap_invalidate_area(struct cshim_frontswap *fs, unsigned type);

// ---- Observation (what the kernel kept: frontswap_map, sis->frontswap_pages, debugfs, the enabled gate).

/// frontswap_test: the slot's bit in the device's frontswap map (false without a map).
bool cshim_frontswap_test(const struct cshim_frontswap *fs, unsigned type, cshim_pgoff_t offset);
/// sis->frontswap_pages of one swap type (0 when not on); signed because 3.5's quirks can drive it negative.
long cshim_frontswap_device_pages(const struct cshim_frontswap *fs, unsigned type);
/// frontswap_curr_pages(): the sum over active swap devices (exported 3.5-5.17; computed here for every era).
unsigned long cshim_frontswap_curr_pages(const struct cshim_frontswap *fs);
/// The debugfs counters.
struct cshim_frontswap_counters cshim_frontswap_get_counters(const struct cshim_frontswap *fs);
/// The gate the inline wrappers test: 3.5 `frontswap_enabled` (set by registration), 3.11 always 1, 4.19/6.1
/// the static key `frontswap_enabled_key` (on after the first registration).
bool cshim_frontswap_enabled(const struct cshim_frontswap *fs);

// ---- Knobs of 3.5-5.17 (gone in 6.1: these return -EOPNOTSUPP there and change nothing). 0 otherwise.

/// frontswap_writethrough(bool): stores report failure even when the backend took the page.
int cshim_frontswap_writethrough(struct cshim_frontswap *fs, bool enable);
/// frontswap_tmem_exclusive_gets(bool): a successful load also drops the slot from frontswap and dirties the page.
int cshim_frontswap_tmem_exclusive_gets(struct cshim_frontswap *fs, bool enable);
/// frontswap_shrink(target_pages): when curr_pages > target, picks the first active device in swap-list order
/// (here: ascending type, the order of default-priority swapons) and unuses target-excess pages of it, or all of
/// its frontswap pages when it holds no more than the excess; unusing a page is a load then an invalidate_page,
/// in ascending offset order, as try_to_unuse did. Assumes the memory check passes.
int cshim_frontswap_shrink(struct cshim_frontswap *fs, unsigned long target_pages);

#endif
