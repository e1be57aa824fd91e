// Reference codecs called straight from C, the baselines `tmemctl bench compress` measures our pipeline
// against in the same run: liblzo2 (lzo1x_1_15_compress and lzo1x_1_12_compress, lzo1x_decompress_safe) and liblz4
// (LZ4_compress_default, LZ4_decompress_safe).
#ifndef CSHIM_BENCH_BASELINES_H
#define CSHIM_BENCH_BASELINES_H

#include <stddef.h>
#include <stdint.h>

/// Reference codec identifiers. CSHIM_BASELINE_LIBLZO2_1_12 compresses with lzo1x_1_12_compress (4096-entry
/// dictionary; measured faster than lzo1x_1_15 on 4 KiB pages) and decodes as CSHIM_BASELINE_LIBLZO2 does.
typedef enum { CSHIM_BASELINE_LIBLZO2 = 0, CSHIM_BASELINE_LIBLZ4 = 1, CSHIM_BASELINE_LIBLZO2_1_12 = 2 } CShimBaseline;

/// Compresses `pages` consecutive 4 KiB pages of src one page per call, storing each compressed size in
/// sizes[i] and the bytes at dst + i * stride, each slot holding dst_cap bytes (>= the worst case; stride 0
/// reuses one slot, as a compressor's own output buffer would be). Returns the total compressed size, or 0
/// if any call failed. wrkmem: CSHIM_LZO1X_WRKMEM_SIZE bytes (unused by liblz4).
size_t cshim_baseline_compress_pages(CShimBaseline codec, const uint8_t *src, size_t pages, uint8_t *dst,
                                     size_t stride, size_t dst_cap, uint32_t *sizes, void *wrkmem);

/// Decompresses what cshim_baseline_compress_pages stored, page by page, into out (pages * 4096 bytes).
/// Returns the number of pages that decoded to exactly 4096 bytes.
size_t cshim_baseline_decompress_pages(CShimBaseline codec, const uint8_t *src, size_t pages, size_t stride,
                                       const uint32_t *sizes, uint8_t *out);

/// liblzo2's lzo1x_decompress_safe (bitstream v0 only): the independent decoder tests compare ours with.
/// Returns liblzo2's result code (0 = LZO_E_OK) and the decoded length in *out_len.
int cshim_liblzo2_decompress_safe(const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_cap, size_t *out_len);

#endif
