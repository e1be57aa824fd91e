#define _GNU_SOURCE
#include "cshim_direct_io.h"
#include <fcntl.h>

int cshim_open_direct(const char *path, int flags) { return open(path, flags | O_DIRECT | O_CLOEXEC); }
