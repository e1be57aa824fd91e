// Raw deflate as the kernel's zram and crypto "deflate" produce it, through Debian's zlib. The kernel's
// lib/zlib_deflate is an old zlib whose MAX_MEM_LEVEL is 8; zlib given memLevel 8, the kernel's level and
// window bits emits the same bytes for a page (docs/kernel-notes.md#zram-compressors-per-era).
#ifndef CSHIM_DEFLATE_H
#define CSHIM_DEFLATE_H

#include <stddef.h>
#include <stdint.h>

/// The kernel's defaults: Z_DEFAULT_COMPRESSION (6), DEFLATE_DEF_WINBITS 11 as raw deflate (-11), memLevel 8.
#define CSHIM_DEFLATE_DEFAULT_LEVEL 6
#define CSHIM_DEFLATE_DEFAULT_WINBITS (-11)
#define CSHIM_DEFLATE_MEMLEVEL 8

typedef struct cshim_deflate cshim_deflate;

/// level 0..9 (-1: 6); window_bits -15..-9 for raw deflate (what the kernel uses) or 9..15 for a zlib stream.
/// NULL when zlib refuses the parameters or memory runs out.
cshim_deflate *cshim_deflate_create(int level, int window_bits);
void cshim_deflate_free(cshim_deflate *d);

/// Compresses one buffer (deflateReset, then deflate with Z_FINISH, as the kernel does per page). Returns the
/// length, or 0 when it does not fit.
size_t cshim_deflate_compress(cshim_deflate *d, const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_cap);

/// Decodes one stream of the same framing. Returns the decoded length, or -1 when it is corrupt, truncated,
/// followed by more bytes, or does not fit.
long cshim_deflate_decompress(cshim_deflate *d, const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_cap);

#endif
