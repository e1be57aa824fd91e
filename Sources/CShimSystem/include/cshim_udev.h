// libudev for Swift. Its functions are called directly from TmemHost (the list macro
// udev_list_entry_foreach is a loop over udev_list_entry_get_next, which Swift calls itself), so this
// header only makes the declarations visible; nothing needs wrapping.
#ifndef CSHIM_UDEV_H
#define CSHIM_UDEV_H

#include <libudev.h>

#endif
