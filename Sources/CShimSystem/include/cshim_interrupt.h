// SIGINT/SIGTERM as a flag, so long-running commands that change the live kernel (verify, bench) can stop
// between steps and undo what they created instead of dying half-way.
#ifndef CSHIM_INTERRUPT_H
#define CSHIM_INTERRUPT_H

/// Installs handlers for SIGINT, SIGTERM and SIGHUP that only record the signal; a signal whose disposition is
/// SIG_IGN (inherited from nohup or a shell's background job) stays ignored. SA_RESTART is not set, so a
/// blocking call (read, waitpid) returns EINTR and the caller notices promptly. Also unblocks them in the calling
/// thread (a parent may have started us with them blocked). Idempotent, except that it clears a signal recorded
/// earlier: each run starts without a pending stop request.
void cshim_interrupt_install(void);

/// The first signal received since install (0 if none).
int cshim_interrupt_signal(void);

/// Puts the dispositions from before install back (the flag keeps its value).
void cshim_interrupt_restore(void);

#endif
