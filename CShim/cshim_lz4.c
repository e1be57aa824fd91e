// TEMPORARY: delegates to liblz4 until our kernel-exact LZ4 encoder and decoder replace this file
// (liblz4 1.9.4 differs from the kernel on ~3% of pages, see kernel-abi.md §5.7).
#include "cshim_lz4.h"
#include <lz4.h>

int cshim_lz4_compress(const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_cap, void *wrkmem) {
    (void)wrkmem;
    static __thread char state[sizeof(LZ4_stream_t)] __attribute__((aligned(8)));
    return LZ4_compress_fast_extState(state, (const char *)src, (char *)dst, (int)src_len, (int)dst_cap, 1);
}

int cshim_lz4_decompress_safe(const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_cap) {
    int n = LZ4_decompress_safe((const char *)src, (char *)dst, (int)src_len, (int)dst_cap);
    return n < 0 ? -1 : n;
}
