#include "cshim_bench_baselines.h"
#include <lz4.h>
#include <lzo/lzo1x.h>
#include "cshim_lzo.h"

enum { PAGE = 4096 };

_Static_assert(CSHIM_LZO1X_WRKMEM_SIZE >= LZO1X_1_12_MEM_COMPRESS, "work memory too small for lzo1x_1_12");

size_t cshim_baseline_compress_pages(CShimBaseline codec, const uint8_t *src, size_t pages, uint8_t *dst,
                                     size_t stride, size_t dst_cap, uint32_t *sizes, void *wrkmem) {
    size_t total = 0;
    for (size_t i = 0; i < pages; i++) {
        const uint8_t *in = src + i * PAGE;
        uint8_t *out = dst + i * stride;
        size_t n;
        if (codec == CSHIM_BASELINE_LIBLZO2) {
            lzo_uint len = 0;
            if (lzo1x_1_15_compress(in, PAGE, out, &len, wrkmem) != LZO_E_OK) return 0;
            n = len;
        } else if (codec == CSHIM_BASELINE_LIBLZO2_1_12) {
            lzo_uint len = 0;
            if (lzo1x_1_12_compress(in, PAGE, out, &len, wrkmem) != LZO_E_OK) return 0;
            n = len;
        } else {
            int r = LZ4_compress_default((const char *)in, (char *)out, PAGE, (int)dst_cap);
            if (r <= 0) return 0;
            n = (size_t)r;
        }
        sizes[i] = (uint32_t)n;
        total += n;
    }
    return total;
}

size_t cshim_baseline_decompress_pages(CShimBaseline codec, const uint8_t *src, size_t pages, size_t stride,
                                       const uint32_t *sizes, uint8_t *out) {
    size_t ok = 0;
    for (size_t i = 0; i < pages; i++) {
        const uint8_t *in = src + i * stride;
        uint8_t *o = out + i * PAGE;
        if (codec != CSHIM_BASELINE_LIBLZ4) {
            lzo_uint len = PAGE;
            if (lzo1x_decompress_safe(in, sizes[i], o, &len, NULL) == LZO_E_OK && len == PAGE) ok++;
        } else {
            if (LZ4_decompress_safe((const char *)in, (char *)o, (int)sizes[i], PAGE) == PAGE) ok++;
        }
    }
    return ok;
}

int cshim_liblzo2_decompress_safe(const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_cap, size_t *out_len) {
    lzo_uint len = dst_cap;
    int r = lzo1x_decompress_safe(src, src_len, dst, &len, NULL);
    *out_len = len;
    return r;
}
