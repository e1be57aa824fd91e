// The scalar kernel types that appear in the tmem ops tables, with their x86_64 LP64 widths.
#ifndef CSHIM_KERNEL_TYPES_H
#define CSHIM_KERNEL_TYPES_H

#include <stdint.h>

// Every ops-table mirror spells its offsets for x86_64's LP64 ABI (8-byte pointers and longs, 8-byte function
// pointers); a 32-bit or LLP64 build would lay the tables out differently from the kernel's, so refuse it.
_Static_assert(sizeof(void *) == 8, "ops-table mirrors assume 8-byte pointers (LP64)");
_Static_assert(sizeof(void (*)(void)) == 8, "ops-table mirrors assume 8-byte function pointers (LP64)");
_Static_assert(sizeof(long) == 8 && _Alignof(long) == 8, "ops-table mirrors assume 8-byte, 8-aligned long (LP64)");
_Static_assert(sizeof(int) == 4, "ops-table mirrors assume 4-byte int");

/// pgoff_t: a page index (swap offset for frontswap, file page index for cleancache); `unsigned long`.
typedef unsigned long cshim_pgoff_t;
/// ino_t: an inode number; `unsigned long` on x86_64.
typedef unsigned long cshim_ino_t;

/// uuid_t (include/linux/uuid.h since 4.13): 16 bytes, byte-aligned. Shared cleancache pools are keyed by it.
struct cshim_uuid {
    uint8_t b[16];
};

_Static_assert(sizeof(cshim_pgoff_t) == 8, "pgoff_t is unsigned long: 8 bytes on LP64");
_Static_assert(sizeof(cshim_ino_t) == 8, "ino_t is unsigned long: 8 bytes on LP64");
_Static_assert(sizeof(struct cshim_uuid) == 16 && _Alignof(struct cshim_uuid) == 1, "uuid_t is 16 bytes, align 1");

#endif
