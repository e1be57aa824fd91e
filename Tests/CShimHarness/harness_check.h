// Check bookkeeping shared by the harness files: a failed check appends "file:line: what" to the report.
#ifndef HARNESS_CHECK_H
#define HARNESS_CHECK_H

#include <stdbool.h>
#include <stddef.h>

struct harness {
    char *report;
    size_t len;
    size_t used;
    int checks;
    int failures;
};

void harness_check(struct harness *h, bool ok, const char *what, const char *file, int line);
/// Compares a call log with the expected one (on mismatch both are reported), then empties the log.
void harness_check_log(struct harness *h, char *log, const char *expected, const char *file, int line);
void harness_note(struct harness *h, const char *text);

#define CHECK(h, cond) harness_check((h), (cond), #cond, __FILE__, __LINE__)
#define CHECK_LOG(h, log, expected) harness_check_log((h), (log), (expected), __FILE__, __LINE__)

void harness_frontswap(struct harness *h);
void harness_cleancache(struct harness *h);

#endif
