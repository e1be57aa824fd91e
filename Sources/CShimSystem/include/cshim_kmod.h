// libkmod for Swift, loaded on first use. tmemctl is not linked against libkmod: libkmod brings libcrypto and
// liblzma, and loading and relocating those three was a third of every run's start-up (a `status` or a udev
// call never needs them). Only the module commands open it, through dlopen, once per process; Swift calls
// libkmod through the function table below. Also wrapped here is what Swift cannot express: the printf-style
// log callback (a va_list against a C format) and the dry-run action callback, which carries no user-data pointer.
#ifndef CSHIM_KMOD_H
#define CSHIM_KMOD_H

#include <libkmod.h>
#include <stdbool.h>
#include <stddef.h>

// Only the table's function pointers carry nullability (so that Swift calls them without unwrapping); every
// other pointer keeps C's unannotated meaning.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wnullability-completeness"

/// The libkmod entry points tmemctl uses, resolved from one dlopen'ed libkmod.so.2 (the ABI of libkmod 30+,
/// Debian 12's; every one of these has been exported unchanged since libkmod 1).
typedef struct CShimKmod {
    struct kmod_ctx *(* _Nonnull new_context)(const char *dirname, const char *const *config_paths);
    struct kmod_ctx *(* _Nonnull unref)(struct kmod_ctx *ctx);
    int (* _Nonnull load_resources)(struct kmod_ctx *ctx);
    void (* _Nonnull set_log_priority)(struct kmod_ctx *ctx, int priority);
    void (* _Nonnull set_log_fn)(struct kmod_ctx *ctx,
                       void (* _Nonnull log_fn)(void *data, int priority, const char *file, int line, const char *fn,
                                      const char *format, va_list args),
                       const void *data);
    int (* _Nonnull module_new_from_lookup)(struct kmod_ctx *ctx, const char *given_alias, struct kmod_list **list);
    int (* _Nonnull module_unref_list)(struct kmod_list *list);
    struct kmod_config_iter *(* _Nonnull config_get_blacklists)(const struct kmod_ctx *ctx);
    void (* _Nonnull config_iter_free_iter)(struct kmod_config_iter *iter);
    bool (* _Nonnull config_iter_next)(struct kmod_config_iter *iter);
    const char *(* _Nonnull config_iter_get_key)(const struct kmod_config_iter *iter);
    struct kmod_module *(* _Nonnull module_get_module)(const struct kmod_list *entry);
    struct kmod_list *(* _Nonnull list_next)(const struct kmod_list *list, const struct kmod_list *curr);
    struct kmod_module *(* _Nonnull module_unref)(struct kmod_module *mod);
    const char *(* _Nonnull module_get_name)(const struct kmod_module *mod);
    const char *(* _Nonnull module_get_path)(const struct kmod_module *mod);
    const char *(* _Nonnull module_get_options)(const struct kmod_module *mod);
    const char *(* _Nonnull module_get_install_commands)(const struct kmod_module *mod);
    struct kmod_list *(* _Nonnull module_get_dependencies)(const struct kmod_module *mod);
    int (* _Nonnull module_probe_insert_module)(struct kmod_module *mod, unsigned int flags, const char *extra_options,
                                      int (* _Nullable run_install)(struct kmod_module *m, const char *cmdline, void *data),
                                      const void *data,
                                      void (* _Nullable print_action)(struct kmod_module *m, bool install, const char *options));
} CShimKmod;

/// The soname opened: Debian's libkmod2 package ships it.
#define CSHIM_KMOD_SONAME "libkmod.so.2"

/// libkmod, opened on the first call (thread-safe, once per process) and kept open. NULL when it cannot be
/// loaded; then `error` (if not NULL) points at the loader's message, a static string naming the library.
const CShimKmod *cshim_kmod_library(const char **error);

/// Opens `soname` now, uncached, and fills `table`: 0, or -1 with the loader's message in `error`
/// (`capacity` bytes). The tests use it to see a missing library fail cleanly.
int cshim_kmod_open(const char *soname, CShimKmod *table, char *error, size_t capacity);

/// Where libkmod's messages go once captured: the text of every message at or above `max_priority`
/// (syslog numbering: 3 = err, 4 = warning), newline-separated, truncated at the buffer's end.
typedef struct CShimKmodLog {
    char text[4096];
    size_t length;
    int max_priority;
} CShimKmodLog;

/// Routes libkmod's log of `ctx` into `sink`, which must outlive the context.
void cshim_kmod_log_capture(const CShimKmod *kmod, struct kmod_ctx *ctx, CShimKmodLog *sink, int max_priority);

/// Runs kmod_module_probe_insert_module with KMOD_PROBE_DRY_RUN added to `flags` and writes what it would
/// do into `out`, one action a line: "insmod PATH OPTIONS" or "install COMMAND" (a modprobe.d install rule).
/// Returns libkmod's result (0, a negative errno, or a positive KMOD_PROBE_APPLY_BLACKLIST* value).
int cshim_kmod_probe_dry_run(const CShimKmod *kmod, struct kmod_module *mod, unsigned int flags,
                             const char *extra_options, char *out, size_t capacity);

#pragma clang diagnostic pop

#endif
