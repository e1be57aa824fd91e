// LZ4 block compression as the kernel's zram "lz4" backend produces it (Linux lib/lz4, LZ4_compress_fast
// with acceleration 1, 16 KiB hash table), and a bounds-checked block decoder.
#ifndef CSHIM_LZ4_H
#define CSHIM_LZ4_H

#include <stddef.h>
#include <stdint.h>

/// Work memory for cshim_lz4_compress (the kernel's LZ4_MEM_COMPRESS, 16 KiB).
#define CSHIM_LZ4_WRKMEM_SIZE 16384

/// Compresses src[0..src_len) into dst (capacity dst_cap). Returns the compressed length, or 0 when it
/// does not fit. wrkmem must hold CSHIM_LZ4_WRKMEM_SIZE bytes, 8-byte aligned. Below the worst-case
/// size (src_len + src_len/255 + 16) it gives up where the kernel's limited-output mode does, which is
/// sometimes a few bytes before the output would really be full.
int cshim_lz4_compress(const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_cap, void *wrkmem);

/// Decodes one LZ4 block. Returns the decoded length, or a negative value on corrupt, truncated or
/// oversized input. Never reads past src_len or writes past dst_cap (bytes of dst past the returned
/// length may be overwritten).
int cshim_lz4_decompress_safe(const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_cap);

#endif
