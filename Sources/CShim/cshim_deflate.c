// Raw deflate through zlib with the kernel's parameters (see cshim_deflate.h).
#include "cshim_deflate.h"
#include <stdlib.h>
#include <zlib.h>

struct cshim_deflate {
    z_stream in;   // compression
    z_stream out;  // decompression
    int in_ready, out_ready;
};

void cshim_deflate_free(cshim_deflate *d) {
    if (d == NULL) return;
    if (d->in_ready) deflateEnd(&d->in);
    if (d->out_ready) inflateEnd(&d->out);
    free(d);
}

cshim_deflate *cshim_deflate_create(int level, int window_bits) {
    int magnitude = window_bits < 0 ? -window_bits : window_bits;
    if (magnitude < 9 || magnitude > 15 || level < -1 || level > 9) return NULL;
    cshim_deflate *d = calloc(1, sizeof *d);
    if (d == NULL) return NULL;
    if (deflateInit2(&d->in, level, Z_DEFLATED, window_bits, CSHIM_DEFLATE_MEMLEVEL, Z_DEFAULT_STRATEGY) != Z_OK) {
        cshim_deflate_free(d);
        return NULL;
    }
    d->in_ready = 1;
    if (inflateInit2(&d->out, window_bits) != Z_OK) { cshim_deflate_free(d); return NULL; }
    d->out_ready = 1;
    return d;
}

size_t cshim_deflate_compress(cshim_deflate *d, const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_cap) {
    if (deflateReset(&d->in) != Z_OK) return 0;
    d->in.next_in = (Bytef *)src;
    d->in.avail_in = (uInt)src_len;
    d->in.next_out = dst;
    d->in.avail_out = (uInt)dst_cap;
    if (deflate(&d->in, Z_FINISH) != Z_STREAM_END) return 0;
    return (size_t)d->in.total_out;
}

long cshim_deflate_decompress(cshim_deflate *d, const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_cap) {
    if (inflateReset(&d->out) != Z_OK) return -1;
    d->out.next_in = (Bytef *)src;
    d->out.avail_in = (uInt)src_len;
    d->out.next_out = dst;
    d->out.avail_out = (uInt)dst_cap;
    if (inflate(&d->out, Z_FINISH) != Z_STREAM_END || d->out.avail_in != 0) return -1;
    return (long)d->out.total_out;
}
