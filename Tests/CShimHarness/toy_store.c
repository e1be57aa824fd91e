#include "toy_store.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void toy_reset(struct toy_store *t, int capacity) {
    memset(t, 0, sizeof *t);
    t->capacity = capacity > TOY_CAPACITY ? TOY_CAPACITY : capacity;
}

void toy_log(struct toy_store *t, const char *fmt, ...) {
    size_t used = strlen(t->log);
    if (used && used + 1 < sizeof t->log) t->log[used++] = ' ', t->log[used] = 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(t->log + used, sizeof t->log - used, fmt, ap);
    va_end(ap);
}

static struct toy_entry *find(struct toy_store *t, int space, const void *key, unsigned long index) {
    for (int i = 0; i < TOY_CAPACITY; i++) {
        struct toy_entry *e = &t->entries[i];
        if (e->used && e->space == space && e->index == index && memcmp(e->key, key, sizeof e->key) == 0) return e;
    }
    return NULL;
}

int toy_count(const struct toy_store *t) {
    int n = 0;
    for (int i = 0; i < TOY_CAPACITY; i++) n += t->entries[i].used;
    return n;
}

int toy_put(struct toy_store *t, int space, const void *key, unsigned long index, const void *page) {
    if (t->fail_stores > 0) {
        t->fail_stores--;
        return -1;
    }
    struct toy_entry *e = find(t, space, key, index);
    if (!e) {
        if (toy_count(t) >= t->capacity) return -1;
        for (int i = 0; i < TOY_CAPACITY && !e; i++)
            if (!t->entries[i].used) e = &t->entries[i];
        e->used = true;
        e->space = space;
        memcpy(e->key, key, sizeof e->key);
        e->index = index;
    }
    memcpy(e->data, page, sizeof e->data);
    return 0;
}

int toy_get(struct toy_store *t, int space, const void *key, unsigned long index, void *page, bool remove) {
    struct toy_entry *e = find(t, space, key, index);
    if (!e) return -1;
    memcpy(page, e->data, sizeof e->data);
    if (remove) e->used = false;
    return 0;
}

void toy_drop(struct toy_store *t, int space, const void *key, unsigned long index) {
    struct toy_entry *e = find(t, space, key, index);
    if (e) e->used = false;
}

void toy_drop_key(struct toy_store *t, int space, const void *key) {
    for (int i = 0; i < TOY_CAPACITY; i++) {
        struct toy_entry *e = &t->entries[i];
        if (e->used && e->space == space && memcmp(e->key, key, sizeof e->key) == 0) e->used = false;
    }
}

void toy_drop_space(struct toy_store *t, int space) {
    for (int i = 0; i < TOY_CAPACITY; i++)
        if (t->entries[i].used && t->entries[i].space == space) t->entries[i].used = false;
}

void toy_fill(void *page, unsigned char value) { memset(page, value, 4096); }

bool toy_is_filled(const void *page, unsigned char value) {
    const unsigned char *p = page;
    for (size_t i = 0; i < 4096; i++)
        if (p[i] != value) return false;
    return true;
}
