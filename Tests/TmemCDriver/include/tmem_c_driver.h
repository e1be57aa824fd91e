// A C program that drives a tmem backend exactly as the kernel did: it registers the backend's frontswap and
// cleancache tables with simulated kernels and then calls only CShim's kernel-side dispatch. Used by the Swift
// tests to exercise the Swift tmem backend from C.
#ifndef TMEM_C_DRIVER_H
#define TMEM_C_DRIVER_H

#include <stddef.h>
#include "CShim.h"

/// What the driver saw; every figure is worked out in the C code from what it stored.
struct tmem_c_driver_result {
    int failures;           // checks that failed (0 = all good)
    int checks;
    long stores_ok;         // frontswap stores the backend accepted
    long loads_ok;          // ... and loaded back byte-identical
    long cleancache_hits;   // cleancache gets that hit, byte-identical
};

/// Runs the swap and page-cache script against the given tables (registered here, by C). `pages` must be a
/// stable 4096-byte-page buffer of `npages` pages the backend is expected to keep (compressible, distinct).
/// Writes a line per failed check into report (NUL-terminated).
struct tmem_c_driver_result tmem_c_driver_run(const struct cshim_frontswap_ops_v6_1 *fs_ops,
                                              const struct cshim_cleancache_ops_v4_19 *cc_ops,
                                              const unsigned char *pages, int npages,
                                              char *report, size_t report_size);

#endif
