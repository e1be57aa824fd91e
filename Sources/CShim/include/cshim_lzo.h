// LZO1X as the kernel's zram and zswap use it (Linux 6.18 lib/lzo): "lzo" (bitstream v0, lzo1x_1_compress)
// and "lzo-rle" (bitstream v1, lzorle1x_1_compress), plus one bounds-checked decoder for both.
#ifndef CSHIM_LZO_H
#define CSHIM_LZO_H

#include <stddef.h>
#include <stdint.h>

/// Work memory for cshim_lzo1x_compress (liblzo2's LZO1X_1_15_MEM_COMPRESS on 64-bit: 32768 pointers).
#define CSHIM_LZO1X_WRKMEM_SIZE 262144
/// Work memory for cshim_lzorle_compress (the kernel's LZO1X_1_MEM_COMPRESS: 8192 u16 = 16 KiB).
#define CSHIM_LZORLE_WRKMEM_SIZE 16384
/// Worst-case compressed size of n input bytes (the kernel's lzo1x_worst_compress): 4421 for a page.
#define CSHIM_LZO_WORST(n) ((n) + (n) / 16 + 64 + 3 + 2)

/// Kernel-identical "lzo" for pages: liblzo2's lzo1x_1_15_compress, which on x86_64 emits the same bytes as the
/// kernel's lzo1x_1_compress for every input of 32 bytes or more, so for every page. Below 32 bytes it may not:
/// liblzo2 then writes the input as literals where the kernel still looks for matches (26 to 31 bytes can
/// differ; docs/kernel-notes.md#lzo-liblzo2-identity). dst_cap must be at least CSHIM_LZO_WORST(src_len).
/// Returns the compressed length, or 0 on failure.
size_t cshim_lzo1x_compress(const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_cap, void *wrkmem);

/// Output capacity cshim_lzorle_compress needs: the worst case, the 2-byte version header and 16 bytes of
/// slack for its fixed-size literal copies.
#define CSHIM_LZORLE_DST_MIN(n) (CSHIM_LZO_WORST(n) + 2 + 16)

/// Kernel-identical "lzo-rle" (our own encoder). dst_cap must be at least CSHIM_LZORLE_DST_MIN(src_len).
/// Returns the compressed length, or 0 when dst_cap is too small.
size_t cshim_lzorle_compress(const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_cap, void *wrkmem);

/// The same encoder core emitting bitstream v0, following the kernel's lzo1x_1_compress for every length.
/// Byte-identical to cshim_lzo1x_compress (liblzo2) for inputs of 32 bytes or more, which is how tests check the
/// shared core against liblzo2; below 32 bytes it keeps the kernel's match search where liblzo2 does not.
size_t cshim_lzo1x_compress_v0(const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_cap, void *wrkmem);

/// Results of cshim_lzo_decompress_safe (negative values are errors).
enum {
    CSHIM_LZO_OK = 0,
    CSHIM_LZO_E_ERROR = -1,              // malformed instruction or end marker
    CSHIM_LZO_E_INPUT_OVERRUN = -4,      // the stream ends early (truncated)
    CSHIM_LZO_E_OUTPUT_OVERRUN = -5,     // the output would not fit in dst_cap
    CSHIM_LZO_E_LOOKBEHIND_OVERRUN = -6, // a match refers to bytes before the output start
    CSHIM_LZO_E_INPUT_NOT_CONSUMED = -8, // bytes follow the end marker
    CSHIM_LZO_E_VERSION = -9,            // a bitstream version other than 0 or 1
};

/// Decodes an LZO1X stream of bitstream v0 (lzo) or v1 (lzo-rle). On success returns CSHIM_LZO_OK and
/// stores the decoded length in *out_len. Never reads past src_len or writes past dst_cap; its wide copies may
/// write bytes of dst between *out_len and dst_cap (as the kernel's decoder does), so those hold nothing useful.
int cshim_lzo_decompress_safe(const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_cap, size_t *out_len);

#endif
