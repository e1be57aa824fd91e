// Umbrella header of the C shim. Every exported symbol is prefixed `cshim_` (types `CShim*`), as in
// swift-nio's CNIOLinux, so nothing collides with liblzo2, liblz4, libkmod or libudev names.
#ifndef CSHIM_H
#define CSHIM_H

#include "cshim_page.h"
#include "cshim_swap.h"
#include "cshim_lz4.h"
#include "cshim_lz4hc.h"
#include "cshim_zstd.h"
#include "cshim_deflate.h"
#include "cshim_lzo.h"
#include "cshim_bench_baselines.h"
#include "cshim_direct_io.h"
#include "cshim_gzip.h"
#include "cshim_interrupt.h"
#include "cshim_swapout.h"
#include "cshim_mount.h"
#include "cshim_frontswap.h"
#include "cshim_cleancache.h"
#include "cshim_kmod.h"
#include "cshim_udev.h"

#endif
