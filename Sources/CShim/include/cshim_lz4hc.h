// LZ4 HC block compression as the kernel's "lz4hc" produces it (zram's lz4hc backend on 6.12+, the crypto
// lz4hc that 6.1's zram and every era's zswap use: Linux lib/lz4/lz4hc_compress.c, LZ4_compress_HC). The
// kernel's HC parser dates from LZ4 v1.7.x; liblz4 1.9.4's HC searches differently (and levels 10+ run an
// optimal parser), so its output is 4 to 27 bytes off on many pages: this is our own encoder.
// docs/kernel-notes.md#zram-compressors-per-era. Decoding is plain LZ4 (cshim_lz4_decompress_safe).
#ifndef CSHIM_LZ4HC_H
#define CSHIM_LZ4HC_H

#include <stddef.h>
#include <stdint.h>

/// Work memory for cshim_lz4hc_compress: a 2^15-entry position table (int32) and a 2^16-entry chain of
/// 16-bit distances.
#define CSHIM_LZ4HC_WRKMEM_SIZE 262144
/// The kernel's LZ4HC_DEFAULT_CLEVEL (zram's and crypto's default) and LZ4HC_MAX_CLEVEL.
#define CSHIM_LZ4HC_DEFAULT_LEVEL 9
#define CSHIM_LZ4HC_MAX_LEVEL 16
/// Output capacity needed (LZ4_compressBound): with less the kernel would switch to its limited-output mode,
/// which this encoder does not reproduce (zram always offers two pages).
#define CSHIM_LZ4HC_BOUND(n) ((n) + (n) / 255 + 16)

/// Compresses src[0..src_len) at `level` (below 1: the default; above 16: 16, as the kernel clamps) into dst.
/// Returns the compressed length, or 0 when src_len exceeds 65535 or dst_cap is below CSHIM_LZ4HC_BOUND.
/// wrkmem must hold CSHIM_LZ4HC_WRKMEM_SIZE bytes, 4-byte aligned.
size_t cshim_lz4hc_compress(const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_cap, int level,
                            void *wrkmem);

#endif
