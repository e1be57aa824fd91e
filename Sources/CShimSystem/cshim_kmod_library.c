// libkmod opened at first use (see cshim_kmod.h for why tmemctl is not linked against it).
#include "cshim_kmod.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

int cshim_kmod_open(const char *soname, CShimKmod *table, char *error, size_t capacity) {
    // RTLD_NOW: a libkmod missing one of these symbols fails here, not at a call in the middle of a load.
    // RTLD_LOCAL: its symbols (and libcrypto's) do not join the global namespace.
    void *handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *why = dlerror();
        snprintf(error, capacity, "%s", why ? why : soname);
        return -1;
    }
    struct { const char *name; void **slot; } symbols[] = {
        { "kmod_new", (void **)&table->new_context },
        { "kmod_unref", (void **)&table->unref },
        { "kmod_load_resources", (void **)&table->load_resources },
        { "kmod_set_log_priority", (void **)&table->set_log_priority },
        { "kmod_set_log_fn", (void **)&table->set_log_fn },
        { "kmod_module_new_from_lookup", (void **)&table->module_new_from_lookup },
        { "kmod_module_unref_list", (void **)&table->module_unref_list },
        { "kmod_config_get_blacklists", (void **)&table->config_get_blacklists },
        { "kmod_config_iter_free_iter", (void **)&table->config_iter_free_iter },
        { "kmod_config_iter_next", (void **)&table->config_iter_next },
        { "kmod_config_iter_get_key", (void **)&table->config_iter_get_key },
        { "kmod_module_get_module", (void **)&table->module_get_module },
        { "kmod_list_next", (void **)&table->list_next },
        { "kmod_module_unref", (void **)&table->module_unref },
        { "kmod_module_get_name", (void **)&table->module_get_name },
        { "kmod_module_get_path", (void **)&table->module_get_path },
        { "kmod_module_get_options", (void **)&table->module_get_options },
        { "kmod_module_get_install_commands", (void **)&table->module_get_install_commands },
        { "kmod_module_get_dependencies", (void **)&table->module_get_dependencies },
        { "kmod_module_probe_insert_module", (void **)&table->module_probe_insert_module },
    };
    for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++) {
        dlerror();
        void *f = dlsym(handle, symbols[i].name);
        if (f == NULL) {
            snprintf(error, capacity, "%s: no symbol %s", soname, symbols[i].name);
            dlclose(handle);
            return -1;
        }
        *symbols[i].slot = f;
    }
    return 0;   // the handle stays open for the life of the process
}

static CShimKmod cshim_kmod_table;
static const CShimKmod *cshim_kmod_loaded;
static char cshim_kmod_error[512];
static pthread_once_t cshim_kmod_once = PTHREAD_ONCE_INIT;

static void cshim_kmod_load_once(void) {
    if (cshim_kmod_open(CSHIM_KMOD_SONAME, &cshim_kmod_table, cshim_kmod_error, sizeof cshim_kmod_error) == 0)
        cshim_kmod_loaded = &cshim_kmod_table;
}

const CShimKmod *cshim_kmod_library(const char **error) {
    pthread_once(&cshim_kmod_once, cshim_kmod_load_once);
    if (cshim_kmod_loaded == NULL && error != NULL) *error = cshim_kmod_error;
    return cshim_kmod_loaded;
}
