// The harness entry point and check bookkeeping.
#include "CShimHarness.h"
#include "harness_check.h"

#include <stdio.h>
#include <string.h>

static void append(struct harness *h, const char *text) {
    if (!h->report || h->len == 0) return;
    size_t n = strlen(text);
    size_t room = h->len - 1 - h->used;
    if (n > room) n = room;
    memcpy(h->report + h->used, text, n);
    h->used += n;
    h->report[h->used] = 0;
}

void harness_note(struct harness *h, const char *text) { append(h, text); }

void harness_check(struct harness *h, bool ok, const char *what, const char *file, int line) {
    h->checks++;
    if (ok) return;
    h->failures++;
    char buf[512];
    snprintf(buf, sizeof buf, "%s:%d: check failed: %s\n", file, line, what);
    append(h, buf);
}

void harness_check_log(struct harness *h, char *log, const char *expected, const char *file, int line) {
    h->checks++;
    if (strcmp(log, expected) != 0) {
        h->failures++;
        char buf[2048];
        snprintf(buf, sizeof buf, "%s:%d: calls were \"%s\", expected \"%s\"\n", file, line, log, expected);
        append(h, buf);
    }
    log[0] = 0;
}

int cshim_harness_run(char *report, size_t len) {
    struct harness h = { .report = report, .len = len };
    if (report && len) report[0] = 0;
    harness_frontswap(&h);
    harness_cleancache(&h);
    char buf[128];
    snprintf(buf, sizeof buf, "%d checks, %d failed\n", h.checks, h.failures);
    append(&h, buf);
    return h.failures;
}
