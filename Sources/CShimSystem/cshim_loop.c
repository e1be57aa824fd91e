#define _GNU_SOURCE
#include "cshim_loop.h"
#include <errno.h>
#include <linux/loop.h>
#include <stddef.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/random.h>

// The mirrors are what Swift sees; the kernel header is what the ioctls take. They must agree byte for byte.
_Static_assert(sizeof(struct CShimLoopInfo64) == sizeof(struct loop_info64), "loop_info64 size");
_Static_assert(sizeof(struct CShimLoopInfo64) == 232, "loop_info64 is 232 bytes in the kernel ABI");
_Static_assert(offsetof(struct CShimLoopInfo64, lo_flags) == offsetof(struct loop_info64, lo_flags), "lo_flags offset");
_Static_assert(offsetof(struct CShimLoopInfo64, lo_sizelimit) == offsetof(struct loop_info64, lo_sizelimit), "lo_sizelimit offset");
_Static_assert(offsetof(struct CShimLoopInfo64, lo_file_name) == offsetof(struct loop_info64, lo_file_name), "lo_file_name offset");
_Static_assert(offsetof(struct CShimLoopInfo64, lo_init) == offsetof(struct loop_info64, lo_init), "lo_init offset");
_Static_assert(sizeof(struct CShimLoopConfig) == sizeof(struct loop_config), "loop_config size");
_Static_assert(sizeof(struct CShimLoopConfig) == 304, "loop_config is 304 bytes in the kernel ABI");
_Static_assert(offsetof(struct CShimLoopConfig, block_size) == offsetof(struct loop_config, block_size), "block_size offset");
_Static_assert(offsetof(struct CShimLoopConfig, info) == offsetof(struct loop_config, info), "info offset");
_Static_assert(CSHIM_LO_FLAGS_AUTOCLEAR == LO_FLAGS_AUTOCLEAR && CSHIM_LO_FLAGS_DIRECT_IO == LO_FLAGS_DIRECT_IO
               && CSHIM_LO_FLAGS_READ_ONLY == LO_FLAGS_READ_ONLY && CSHIM_LO_FLAGS_PARTSCAN == LO_FLAGS_PARTSCAN, "lo_flags bits");

// Older headers lack the newer ioctl numbers; the kernel's values are fixed ABI.
#ifndef LOOP_CONFIGURE
#define LOOP_CONFIGURE 0x4C0A
#endif
#ifndef LOOP_SET_DIRECT_IO
#define LOOP_SET_DIRECT_IO 0x4C08
#endif
#ifndef LOOP_SET_BLOCK_SIZE
#define LOOP_SET_BLOCK_SIZE 0x4C09
#endif

size_t cshim_loop_info64_size(void) { return sizeof(struct CShimLoopInfo64); }
size_t cshim_loop_config_size(void) { return sizeof(struct CShimLoopConfig); }

int cshim_loop_get_free(int control_fd) { return ioctl(control_fd, LOOP_CTL_GET_FREE); }

int cshim_loop_attach(int loop_fd, int file_fd, uint32_t block_size, uint32_t flags, int *legacy) {
    struct CShimLoopConfig config;
    memset(&config, 0, sizeof config);
    config.fd = (uint32_t)file_fd;
    config.block_size = block_size;
    config.info.lo_flags = flags;
    *legacy = 0;
    if (ioctl(loop_fd, LOOP_CONFIGURE, &config) == 0) return 0;
    if (errno != EINVAL && errno != ENOTTY) return -1;
    // EINVAL is also LOOP_CONFIGURE refusing a setting: only an unbound device after it means "unknown ioctl".
    struct loop_info64 probe;
    if (ioctl(loop_fd, LOOP_GET_STATUS64, &probe) == 0) { errno = EBUSY; return -1; }
    *legacy = 1;
    if (ioctl(loop_fd, LOOP_SET_FD, file_fd) != 0) return -1;
    int saved;
    if (block_size != 0 && ioctl(loop_fd, LOOP_SET_BLOCK_SIZE, (unsigned long)block_size) != 0) goto unbind;
    struct loop_info64 info;
    memset(&info, 0, sizeof info);
    info.lo_flags = flags & (LO_FLAGS_AUTOCLEAR | LO_FLAGS_PARTSCAN);
    if (ioctl(loop_fd, LOOP_SET_STATUS64, &info) != 0) goto unbind;
    if ((flags & LO_FLAGS_DIRECT_IO) && ioctl(loop_fd, LOOP_SET_DIRECT_IO, 1UL) != 0) goto unbind;
    return 0;
unbind:
    saved = errno;
    ioctl(loop_fd, LOOP_CLR_FD, 0);
    errno = saved;
    return -1;
}

int cshim_loop_status(int loop_fd, uint32_t *flags, uint64_t *sizelimit) {
    struct loop_info64 info;
    memset(&info, 0, sizeof info);
    if (ioctl(loop_fd, LOOP_GET_STATUS64, &info) != 0) return -1;
    *flags = info.lo_flags;
    *sizelimit = info.lo_sizelimit;
    return 0;
}

int cshim_loop_detach(int loop_fd) { return ioctl(loop_fd, LOOP_CLR_FD, 0); }

int cshim_random_bytes(uint8_t *buffer, size_t length) {
    size_t done = 0;
    while (done < length) {
        ssize_t n = getrandom(buffer + done, length - done, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        done += (size_t)n;
    }
    return 0;
}
