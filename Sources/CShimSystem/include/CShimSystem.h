// Umbrella header of the system C shim: swapon/swapoff, mount, O_DIRECT opens, gzip files, signal flags, the
// swap-out child process, libkmod, libudev, extended attributes and loop devices. It touches the running system, so only TmemHost (and the test
// support that sets up live fixtures) imports it. Every exported symbol is prefixed `cshim_` (types `CShim*`),
// so nothing collides with libkmod, libudev or zlib names.
#ifndef CSHIM_SYSTEM_H
#define CSHIM_SYSTEM_H

#include "cshim_swap.h"
#include "cshim_mount.h"
#include "cshim_direct_io.h"
#include "cshim_gzip.h"
#include "cshim_interrupt.h"
#include "cshim_swapout.h"
#include "cshim_kmod.h"
#include "cshim_udev.h"
#include "cshim_xattr.h"
#include "cshim_beneath.h"
#include "cshim_loop.h"

#endif
