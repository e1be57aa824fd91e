#ifndef CSHIM_FORMAT_H
#define CSHIM_FORMAT_H

#include <stddef.h>

// snprintf(buffer, size, "%.*f", digits, value): C's rounding of a double to `digits` decimals. Swift cannot call
// a variadic C function, and its CVarArg route pays a dynamic cast per argument (a scan of every protocol
// conformance in the binary the first time), which `tmemctl status` felt at start-up.
int cshim_format_fixed(char *buffer, size_t size, int digits, double value);

#endif
