// Loop devices through the kernel's own ioctls (drivers/block/loop.c, include/uapi/linux/loop.h), and the
// random bytes of a per-boot dm-crypt key.
#ifndef CSHIM_LOOP_H
#define CSHIM_LOOP_H

#include <stddef.h>
#include <stdint.h>

/// struct loop_info64 as the kernel lays it out (include/uapi/linux/loop.h): 232 bytes. cshim_loop.c asserts
/// its size and offsets against the kernel header, so a header that disagrees fails the build.
struct CShimLoopInfo64 {
    uint64_t lo_device;
    uint64_t lo_inode;
    uint64_t lo_rdevice;
    uint64_t lo_offset;
    uint64_t lo_sizelimit;
    uint32_t lo_number;
    uint32_t lo_encrypt_type;
    uint32_t lo_encrypt_key_size;
    uint32_t lo_flags;
    uint8_t lo_file_name[64];
    uint8_t lo_crypt_name[64];
    uint8_t lo_encrypt_key[32];
    uint64_t lo_init[2];
};

/// struct loop_config (LOOP_CONFIGURE, Linux 5.8): 304 bytes.
struct CShimLoopConfig {
    uint32_t fd;
    uint32_t block_size;
    struct CShimLoopInfo64 info;
    uint64_t reserved[8];
};

/// lo_flags bits (include/uapi/linux/loop.h).
#define CSHIM_LO_FLAGS_READ_ONLY 1u
#define CSHIM_LO_FLAGS_AUTOCLEAR 4u
#define CSHIM_LO_FLAGS_PARTSCAN 8u
#define CSHIM_LO_FLAGS_DIRECT_IO 16u

/// LOOP_CTL_GET_FREE on an open /dev/loop-control: the index of a free loop device (created when none is),
/// or -1 with errno set.
int cshim_loop_get_free(int control_fd);

/// Binds `file_fd` to the open loop device `loop_fd` with `flags` (LO_FLAGS_*) and `block_size` (0: 512), with
/// LOOP_CONFIGURE, or, on a kernel without it (EINVAL/ENOTTY from an unknown ioctl), LOOP_SET_FD, then
/// LOOP_SET_BLOCK_SIZE, LOOP_SET_STATUS64 (autoclear) and LOOP_SET_DIRECT_IO. `*legacy` is set to 1 when the
/// fallback was taken. Returns 0, or -1 with errno set (the device is unbound again when a later step failed).
int cshim_loop_attach(int loop_fd, int file_fd, uint32_t block_size, uint32_t flags, int *legacy);

/// LOOP_GET_STATUS64: the device's lo_flags and lo_sizelimit. Returns 0, or -1 with errno set (ENXIO: unbound).
int cshim_loop_status(int loop_fd, uint32_t *flags, uint64_t *sizelimit);

/// LOOP_CLR_FD: unbinds now, or (EBUSY) when the last opener closes it.
int cshim_loop_detach(int loop_fd);

/// getrandom(2) until `length` bytes are filled (blocks only before the kernel's pool is initialized, early
/// in boot). Returns 0, or -1 with errno set.
int cshim_random_bytes(uint8_t *buffer, size_t length);

/// Sizes and offsets of the mirrors, for the tests to compare with the kernel's (independently worked) layout.
size_t cshim_loop_info64_size(void);
size_t cshim_loop_config_size(void);

#endif
