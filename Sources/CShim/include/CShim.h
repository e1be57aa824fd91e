// Umbrella header of the pure C shim: the tmem ops-table mirrors and the kernel sides that drive them, the
// compressors and page helpers. Nothing here touches the running system (no syscalls beyond memory), so
// TmemCore may build on it; system calls live in CShimSystem, which only TmemHost uses.
// Every exported symbol is prefixed `cshim_` (types `CShim*`), as in swift-nio's CNIOLinux, so nothing collides
// with liblzo2, liblz4, libzstd or zlib names.
#ifndef CSHIM_H
#define CSHIM_H

#include "cshim_page.h"
#include "cshim_lz4.h"
#include "cshim_lz4hc.h"
#include "cshim_zstd.h"
#include "cshim_deflate.h"
#include "cshim_lzo.h"
#include "cshim_bench_baselines.h"
#include "cshim_frontswap.h"
#include "cshim_cleancache.h"
#include "cshim_format.h"

#endif
