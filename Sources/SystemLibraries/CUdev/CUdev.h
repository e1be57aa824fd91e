// libudev (Debian libudev-dev): device enumeration and properties.
#include <libudev.h>
