// A dry run of modprobe's insertion: libkmod reports each step through a callback without user data,
// so the steps are collected through a thread-local cursor while the call runs.
#include "cshim_kmod.h"
#include <stdio.h>

struct cshim_kmod_actions { const CShimKmod *kmod; char *out; size_t capacity; size_t length; };
static _Thread_local struct cshim_kmod_actions *cshim_kmod_current;

static void cshim_kmod_append(const char *verb, const char *what, const char *options) {
    struct cshim_kmod_actions *a = cshim_kmod_current;
    if (a == NULL || a->length + 1 >= a->capacity) return;
    size_t room = a->capacity - a->length;
    int n = snprintf(a->out + a->length, room, "%s %s%s%s\n", verb, what,
                     options && *options ? " " : "", options ? options : "");
    if (n < 0) return;
    a->length += (size_t)n < room ? (size_t)n : room - 1;
}

static void cshim_kmod_print_action(struct kmod_module *m, bool install, const char *options) {
    if (cshim_kmod_current == NULL) return;
    const CShimKmod *kmod = cshim_kmod_current->kmod;
    if (install) {
        // libkmod passes the module options here; the command it would run is the module's install rule.
        const char *command = kmod->module_get_install_commands(m);
        cshim_kmod_append("install", command ? command : "", NULL);
    } else {
        const char *path = kmod->module_get_path(m);
        cshim_kmod_append("insmod", path ? path : kmod->module_get_name(m), options);
    }
}

int cshim_kmod_probe_dry_run(const CShimKmod *kmod, struct kmod_module *mod, unsigned int flags,
                             const char *extra_options, char *out, size_t capacity) {
    struct cshim_kmod_actions actions = { kmod, out, capacity, 0 };
    if (capacity > 0) out[0] = 0;
    cshim_kmod_current = &actions;
    int r = kmod->module_probe_insert_module(mod, flags | KMOD_PROBE_DRY_RUN, extra_options, NULL, NULL,
                                            cshim_kmod_print_action);
    cshim_kmod_current = NULL;
    return r;
}
