// gzip reading for kernel config files; zlib's gz* API handles the framing.
#include "cshim_gzip.h"
#include <errno.h>
#include <zlib.h>

long cshim_gunzip_file(const char *path, unsigned char *out, size_t cap) {
    gzFile f = gzopen(path, "rb");
    if (f == NULL) {
        if (errno == 0) errno = EIO;
        return -1;
    }
    size_t total = 0;
    for (;;) {
        if (total == cap) {
            unsigned char probe;
            int extra = gzread(f, &probe, 1);
            gzclose(f);
            if (extra > 0) { errno = EFBIG; return -1; }
            return (long)total;
        }
        size_t want = cap - total;
        if (want > (1u << 30)) want = 1u << 30;
        int n = gzread(f, out + total, (unsigned)want);
        if (n < 0) { gzclose(f); errno = EIO; return -1; }
        if (n == 0) break;
        total += (size_t)n;
    }
    gzclose(f);
    return (long)total;
}
