// zstd through libzstd, set up the way the kernel's callers do (see cshim_zstd.h).
#define ZSTD_STATIC_LINKING_ONLY // ZSTD_getParams, ZSTD_compress_advanced: what the kernel's wrapper calls
#include "cshim_zstd.h"
#include <stdlib.h>
#include <zstd.h>

struct cshim_zstd {
    ZSTD_CCtx *cctx;
    ZSTD_DCtx *dctx;
    ZSTD_parameters params;
};

cshim_zstd *cshim_zstd_create(int level, CShimZstdSetup setup) {
    cshim_zstd *z = calloc(1, sizeof *z);
    if (z == NULL) return NULL;
    z->cctx = ZSTD_createCCtx();
    z->dctx = ZSTD_createDCtx();
    if (z->cctx == NULL || z->dctx == NULL) { cshim_zstd_free(z); return NULL; }
    // The kernel's zstd_get_params(level, size) is ZSTD_getParams(level, size, 0); 0 means "unknown".
    z->params = ZSTD_getParams(level, setup == CSHIM_ZSTD_SETUP_PAGE_SIZE ? 4096 : 0, 0);
    return z;
}

void cshim_zstd_free(cshim_zstd *z) {
    if (z == NULL) return;
    ZSTD_freeCCtx(z->cctx);
    ZSTD_freeDCtx(z->dctx);
    free(z);
}

size_t cshim_zstd_compress(cshim_zstd *z, const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_cap) {
    // The kernel's zstd_compress_cctx: the parameters as given (a frame with the content size, no checksum, no
    // dictionary). libzstd deprecates this entry point, but it is the one whose behaviour the kernel has.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    size_t n = ZSTD_compress_advanced(z->cctx, dst, dst_cap, src, src_len, NULL, 0, z->params);
#pragma GCC diagnostic pop
    return ZSTD_isError(n) ? 0 : n;
}

long cshim_zstd_decompress(cshim_zstd *z, const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_cap) {
    size_t n = ZSTD_decompressDCtx(z->dctx, dst, dst_cap, src, src_len);
    return ZSTD_isError(n) ? -1 : (long)n;
}

int cshim_zstd_min_level(void) { return ZSTD_minCLevel(); }
int cshim_zstd_max_level(void) { return ZSTD_maxCLevel(); }
unsigned cshim_zstd_version(void) { return ZSTD_versionNumber(); }
