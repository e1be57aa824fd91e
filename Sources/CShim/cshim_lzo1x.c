// "lzo": the kernel's lzo1x_1_compress bytes come from liblzo2's lzo1x_1_15 entry point, which uses the
// kernel's 13-bit dictionary on x86_64 (docs/kernel-notes.md#lzo-liblzo2-identity); plain lzo1x_1_compress does not match.
// Identical for inputs of 32 bytes or more (every page); shorter inputs liblzo2 may write as literals only.
#include "cshim_lzo.h"
#include <lzo/lzo1x.h>

_Static_assert(CSHIM_LZO1X_WRKMEM_SIZE >= LZO1X_1_15_MEM_COMPRESS, "work memory too small for lzo1x_1_15");

size_t cshim_lzo1x_compress(const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_cap, void *wrkmem) {
    if (dst_cap < CSHIM_LZO_WORST(src_len)) return 0;
    lzo_uint out_len = 0;
    int r = lzo1x_1_15_compress(src, src_len, dst, &out_len, wrkmem);
    return r == LZO_E_OK ? (size_t)out_len : 0;
}
