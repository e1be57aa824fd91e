// A C test harness for the tmem ops tables: toy backends registered through every era's frontswap and
// cleancache registration call and driven only through the kernel-side calls of CShim. Test-only target.
#ifndef CSHIM_HARNESS_H
#define CSHIM_HARNESS_H

#include <stddef.h>

/// Runs every check; writes one line per failed check (and a summary line) into report (NUL-terminated,
/// truncated to len). Returns the number of failed checks.
int cshim_harness_run(char *report, size_t len);

/// The SIGINT/SIGTERM/SIGHUP flag across two runs, in a forked child: 0 when a signal is recorded, kept by
/// restore and cleared by the next install; otherwise a bit mask of what failed (1, 2, 4, 8), 100 when fork
/// failed, 200+signal when the child died of a signal.
int cshim_harness_interrupt_flag(void);
/// 0 when an inherited SIG_IGN for SIGINT survives install and restore (bits name the failed checks).
int cshim_harness_interrupt_ignored(void);

#endif
