// zstd as the kernel's zram and crypto "zstd" call it, through Debian's libzstd. The kernel carries its own copy
// of zstd (6.1: 1.4.10; later eras newer ones), so libzstd's bytes equal the kernel's only where the match
// finders of the two versions agree: docs/kernel-notes.md#zram-compressors-per-era says where that is.
#ifndef CSHIM_ZSTD_H
#define CSHIM_ZSTD_H

#include <stddef.h>
#include <stdint.h>

/// How the kernel sets zstd up for a page.
typedef enum {
    /// 6.1's crypto API (crypto/zstd.c): parameters for level 3 and an unknown source size
    /// (zstd_get_params(level, 0)), passed whole to ZSTD_compress_advanced.
    CSHIM_ZSTD_SETUP_UNKNOWN_SIZE = 0,
    /// zram's own backend (6.12+, backend_zstd.c): parameters for a source of one page
    /// (zstd_get_params(level, PAGE_SIZE)).
    CSHIM_ZSTD_SETUP_PAGE_SIZE = 1,
} CShimZstdSetup;

/// zstd's ZSTD_CLEVEL_DEFAULT (zram's default on every era, and crypto's ZSTD_DEF_LEVEL).
#define CSHIM_ZSTD_DEFAULT_LEVEL 3

typedef struct cshim_zstd cshim_zstd;

/// A compression and a decompression context; NULL when out of memory.
cshim_zstd *cshim_zstd_create(int level, CShimZstdSetup setup);
void cshim_zstd_free(cshim_zstd *z);

/// Compresses one buffer into a single zstd frame. Returns its length, or 0 on error (dst too small).
size_t cshim_zstd_compress(cshim_zstd *z, const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_cap);

/// Decodes one frame. Returns the decoded length, or -1 when the frame is corrupt, truncated or does not fit.
long cshim_zstd_decompress(cshim_zstd *z, const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_cap);

/// libzstd's level range (ZSTD_minCLevel is negative: the fast levels).
int cshim_zstd_min_level(void);
int cshim_zstd_max_level(void);
/// The library's version (ZSTD_versionNumber, e.g. 10504).
unsigned cshim_zstd_version(void);

#endif
