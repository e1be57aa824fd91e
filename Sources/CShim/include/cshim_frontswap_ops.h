// C mirrors of the kernel's `struct frontswap_ops` (include/linux/frontswap.h), one per era that changed the
// members or the registration call. Members keep the kernel's order and types, except that `struct page *`
// becomes `struct cshim_page *`. Sizes and offsets are x86_64 LP64 values worked out by hand from the member
// lists (every member is an 8-byte pointer, so there is no padding); the compiler checks them here, and every
// Swift import of this header is checked with them.
//
// What changed between eras is the registration call, not the first five members:
//   3.5-3.10   frontswap_register_ops copies the table and returns the previous table BY VALUE
//   3.11-4.0   it keeps the caller's pointer and returns the previous pointer; early swapons are initialised lazily
//   4.19/5.15  a `next` member chains several backends; registration returns void
//   6.1        one backend, `int frontswap_register_ops(const struct frontswap_ops *)`, -EINVAL for a second one
// The registration functions and the kernel-side calls that dispatch through these tables live in cshim_frontswap.h.
#ifndef CSHIM_FRONTSWAP_OPS_H
#define CSHIM_FRONTSWAP_OPS_H

#include <stddef.h>
#include "cshim_kernel_types.h"
#include "cshim_page_handle.h"

/// Linux 3.5 include/linux/frontswap.h (as merged from "frontswap.v16"), unchanged through 3.10.
/// store and load return 0 on success, non-zero (the kernel used -1) on failure.
struct cshim_frontswap_ops_v3_5 {
    void (*init)(unsigned type);                                            // swap type was just swapon'ed
    int (*store)(unsigned type, cshim_pgoff_t offset, struct cshim_page *page);
    int (*load)(unsigned type, cshim_pgoff_t offset, struct cshim_page *page);
    void (*invalidate_page)(unsigned type, cshim_pgoff_t offset);          // page no longer needed
    void (*invalidate_area)(unsigned type);                                 // swap type was just swapoff'ed
};
#define CSHIM_FRONTSWAP_OPS_V3_5_SIZE 40
_Static_assert(sizeof(struct cshim_frontswap_ops_v3_5) == CSHIM_FRONTSWAP_OPS_V3_5_SIZE, "frontswap_ops 3.5: 5 pointers");
_Static_assert(offsetof(struct cshim_frontswap_ops_v3_5, init) == 0, "frontswap_ops 3.5 init");
_Static_assert(offsetof(struct cshim_frontswap_ops_v3_5, store) == 8, "frontswap_ops 3.5 store");
_Static_assert(offsetof(struct cshim_frontswap_ops_v3_5, load) == 16, "frontswap_ops 3.5 load");
_Static_assert(offsetof(struct cshim_frontswap_ops_v3_5, invalidate_page) == 24, "frontswap_ops 3.5 invalidate_page");
_Static_assert(offsetof(struct cshim_frontswap_ops_v3_5, invalidate_area) == 32, "frontswap_ops 3.5 invalidate_area");

/// Linux 3.11 include/linux/frontswap.h (same members; the registration call now takes and returns pointers),
/// through 4.0.
struct cshim_frontswap_ops_v3_11 {
    void (*init)(unsigned type);
    int (*store)(unsigned type, cshim_pgoff_t offset, struct cshim_page *page);
    int (*load)(unsigned type, cshim_pgoff_t offset, struct cshim_page *page);
    void (*invalidate_page)(unsigned type, cshim_pgoff_t offset);
    void (*invalidate_area)(unsigned type);
};
#define CSHIM_FRONTSWAP_OPS_V3_11_SIZE 40
_Static_assert(sizeof(struct cshim_frontswap_ops_v3_11) == CSHIM_FRONTSWAP_OPS_V3_11_SIZE, "frontswap_ops 3.11: 5 pointers");
_Static_assert(offsetof(struct cshim_frontswap_ops_v3_11, init) == 0, "frontswap_ops 3.11 init");
_Static_assert(offsetof(struct cshim_frontswap_ops_v3_11, store) == 8, "frontswap_ops 3.11 store");
_Static_assert(offsetof(struct cshim_frontswap_ops_v3_11, load) == 16, "frontswap_ops 3.11 load");
_Static_assert(offsetof(struct cshim_frontswap_ops_v3_11, invalidate_page) == 24, "frontswap_ops 3.11 invalidate_page");
_Static_assert(offsetof(struct cshim_frontswap_ops_v3_11, invalidate_area) == 32, "frontswap_ops 3.11 invalidate_area");

/// Linux 4.19 and 5.15 include/linux/frontswap.h: several backends may register; the frontend links them
/// through `next` (newest first) and tries each in turn. `next` is the frontend's: a backend leaves it alone.
struct cshim_frontswap_ops_v4_19 {
    void (*init)(unsigned type);
    int (*store)(unsigned type, cshim_pgoff_t offset, struct cshim_page *page);
    int (*load)(unsigned type, cshim_pgoff_t offset, struct cshim_page *page);
    void (*invalidate_page)(unsigned type, cshim_pgoff_t offset);
    void (*invalidate_area)(unsigned type);
    struct cshim_frontswap_ops_v4_19 *next;                                 // private pointer to next ops
};
#define CSHIM_FRONTSWAP_OPS_V4_19_SIZE 48
_Static_assert(sizeof(struct cshim_frontswap_ops_v4_19) == CSHIM_FRONTSWAP_OPS_V4_19_SIZE, "frontswap_ops 4.19: 6 pointers");
_Static_assert(offsetof(struct cshim_frontswap_ops_v4_19, init) == 0, "frontswap_ops 4.19 init");
_Static_assert(offsetof(struct cshim_frontswap_ops_v4_19, store) == 8, "frontswap_ops 4.19 store");
_Static_assert(offsetof(struct cshim_frontswap_ops_v4_19, load) == 16, "frontswap_ops 4.19 load");
_Static_assert(offsetof(struct cshim_frontswap_ops_v4_19, invalidate_page) == 24, "frontswap_ops 4.19 invalidate_page");
_Static_assert(offsetof(struct cshim_frontswap_ops_v4_19, invalidate_area) == 32, "frontswap_ops 4.19 invalidate_area");
_Static_assert(offsetof(struct cshim_frontswap_ops_v4_19, next) == 40, "frontswap_ops 4.19 next");

/// Linux 6.1 include/linux/frontswap.h: `next` is gone again, one const table (frontswap left mainline in 6.6).
struct cshim_frontswap_ops_v6_1 {
    void (*init)(unsigned type);
    int (*store)(unsigned type, cshim_pgoff_t offset, struct cshim_page *page);
    int (*load)(unsigned type, cshim_pgoff_t offset, struct cshim_page *page);
    void (*invalidate_page)(unsigned type, cshim_pgoff_t offset);
    void (*invalidate_area)(unsigned type);
};
#define CSHIM_FRONTSWAP_OPS_V6_1_SIZE 40
_Static_assert(sizeof(struct cshim_frontswap_ops_v6_1) == CSHIM_FRONTSWAP_OPS_V6_1_SIZE, "frontswap_ops 6.1: 5 pointers");
_Static_assert(offsetof(struct cshim_frontswap_ops_v6_1, init) == 0, "frontswap_ops 6.1 init");
_Static_assert(offsetof(struct cshim_frontswap_ops_v6_1, store) == 8, "frontswap_ops 6.1 store");
_Static_assert(offsetof(struct cshim_frontswap_ops_v6_1, load) == 16, "frontswap_ops 6.1 load");
_Static_assert(offsetof(struct cshim_frontswap_ops_v6_1, invalidate_page) == 24, "frontswap_ops 6.1 invalidate_page");
_Static_assert(offsetof(struct cshim_frontswap_ops_v6_1, invalidate_area) == 32, "frontswap_ops 6.1 invalidate_area");

#endif
