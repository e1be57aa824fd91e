// The userspace stand-in for `struct page *` in the tmem ops tables.
#ifndef CSHIM_PAGE_HANDLE_H
#define CSHIM_PAGE_HANDLE_H

#include <stddef.h>
#include "cshim_kernel_types.h"
#include "cshim_page.h"

/// Passed wherever the kernel passed `struct page *`. `data` points at CSHIM_PAGE_SIZE (4096) bytes owned by
/// the kernel side: a backend reads them in store/put_page and fills them in load/get_page (and must not keep
/// the pointer). `index` is page->index, the page's offset in its file, which the cleancache frontend passes as
/// the pgoff_t argument. `flags` holds the page flags the frontends set (CSHIM_PAGE_DIRTY: frontswap's exclusive
/// gets mark a loaded page dirty so it is written to swap again).
struct cshim_page {
    void *data;
    cshim_pgoff_t index;
    unsigned long flags;
};

#define CSHIM_PAGE_DIRTY 0x1ul

_Static_assert(sizeof(struct cshim_page) == 24, "cshim_page: 3 x 8 bytes");
_Static_assert(offsetof(struct cshim_page, data) == 0, "cshim_page.data");
_Static_assert(offsetof(struct cshim_page, index) == 8, "cshim_page.index");
_Static_assert(offsetof(struct cshim_page, flags) == 16, "cshim_page.flags");

#endif
