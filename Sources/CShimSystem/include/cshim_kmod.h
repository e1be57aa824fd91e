// libkmod for Swift. Swift calls libkmod directly; only what it cannot express is wrapped here:
// the printf-style log callback (a va_list against a C format) and the dry-run action callback, which
// carries no user-data pointer.
#ifndef CSHIM_KMOD_H
#define CSHIM_KMOD_H

#include <libkmod.h>
#include <stddef.h>

/// Where libkmod's messages go once captured: the text of every message at or above `max_priority`
/// (syslog numbering: 3 = err, 4 = warning), newline-separated, truncated at the buffer's end.
typedef struct CShimKmodLog {
    char text[4096];
    size_t length;
    int max_priority;
} CShimKmodLog;

/// Routes libkmod's log of `ctx` into `sink`, which must outlive the context.
void cshim_kmod_log_capture(struct kmod_ctx *ctx, CShimKmodLog *sink, int max_priority);

/// Runs kmod_module_probe_insert_module with KMOD_PROBE_DRY_RUN added to `flags` and writes what it would
/// do into `out`, one action a line: "insmod PATH OPTIONS" or "install COMMAND" (a modprobe.d install rule).
/// Returns libkmod's result (0, a negative errno, or a positive KMOD_PROBE_APPLY_BLACKLIST* value).
int cshim_kmod_probe_dry_run(struct kmod_module *mod, unsigned int flags, const char *extra_options,
                             char *out, size_t capacity);

#endif
