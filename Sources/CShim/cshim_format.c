#include "cshim_format.h"
#include <stdio.h>

int cshim_format_fixed(char *buffer, size_t size, int digits, double value) {
    return snprintf(buffer, size, "%.*f", digits, value);
}
