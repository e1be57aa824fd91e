// zlib (Debian zlib1g-dev): reads gzip files such as /proc/config.gz.
#include <zlib.h>
