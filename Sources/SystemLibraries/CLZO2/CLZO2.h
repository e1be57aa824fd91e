// liblzo2 (Debian liblzo2-dev): the reference LZO1X codec the bench compares ours against.
#include <lzo/lzo1x.h>
