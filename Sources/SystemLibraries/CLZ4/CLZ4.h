// liblz4 (Debian liblz4-dev): the reference LZ4 codec the bench compares ours against.
#include <lz4.h>
