// libkmod (Debian libkmod-dev): module lookup and modprobe dry runs.
#include <libkmod.h>
