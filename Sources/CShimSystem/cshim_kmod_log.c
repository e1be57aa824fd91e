// libkmod explains failures (a missing dependency, an unknown symbol) only through its log callback.
#include "cshim_kmod.h"
#include <stdio.h>
#include <string.h>

static void cshim_kmod_log_append(void *data, int priority, const char *file, int line, const char *fn,
                                  const char *format, va_list args) {
    (void)file; (void)line; (void)fn;
    CShimKmodLog *sink = data;
    if (priority > sink->max_priority || sink->length + 1 >= sizeof sink->text) return;
    size_t room = sizeof sink->text - sink->length;
    int n = vsnprintf(sink->text + sink->length, room, format, args);
    if (n < 0) return;
    sink->length += (size_t)n < room ? (size_t)n : room - 1;
}

void cshim_kmod_log_capture(const CShimKmod *kmod, struct kmod_ctx *ctx, CShimKmodLog *sink, int max_priority) {
    sink->length = 0;
    sink->text[0] = 0;
    sink->max_priority = max_priority;
    kmod->set_log_priority(ctx, max_priority);
    kmod->set_log_fn(ctx, cshim_kmod_log_append, sink);
}
