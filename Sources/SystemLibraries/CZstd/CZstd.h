// libzstd (Debian libzstd-dev): zstd frames for the "zstd" compressor (cshim_zstd.c).
#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>
