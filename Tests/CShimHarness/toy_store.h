// A toy tmem backend store: up to TOY_CAPACITY pages in memory, keyed by (space, 24-byte key, index), with a
// log of every call its ops received so the harness can compare the exact call sequence with the kernel's.
#ifndef TOY_STORE_H
#define TOY_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TOY_CAPACITY 16
#define TOY_MAX_POOLS 16
#define TOY_LOG_SIZE 2048

struct toy_entry {
    bool used;
    int space;                  // swap type (frontswap) or pool id (cleancache)
    unsigned char key[24];      // zero for frontswap; the filekey bytes for cleancache
    unsigned long index;        // swap offset or page index
    unsigned char data[4096];
};

struct toy_store {
    int capacity;               // stores beyond this many pages fail
    int fail_stores;            // the next N stores fail regardless of space
    bool exclusive;             // loads/gets drop the copy they return
    int fail_inits;             // the next N pool creations fail (return -22)
    int next_pool;
    bool shared[TOY_MAX_POOLS];
    struct toy_entry entries[TOY_CAPACITY];
    char log[TOY_LOG_SIZE];
};

void toy_reset(struct toy_store *t, int capacity);
void toy_log(struct toy_store *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/// 0 when stored (an existing copy under the same key is overwritten), -1 when full or told to fail.
int toy_put(struct toy_store *t, int space, const void *key, unsigned long index, const void *page);
/// 0 and the page copied out when present; `remove` drops the copy afterwards (an exclusive get).
int toy_get(struct toy_store *t, int space, const void *key, unsigned long index, void *page, bool remove);
void toy_drop(struct toy_store *t, int space, const void *key, unsigned long index);
void toy_drop_key(struct toy_store *t, int space, const void *key);
void toy_drop_space(struct toy_store *t, int space);
int toy_count(const struct toy_store *t);

/// A 4 KiB page filled with one byte value; and whether a page is entirely that value.
void toy_fill(void *page, unsigned char value);
bool toy_is_filled(const void *page, unsigned char value);

#endif
