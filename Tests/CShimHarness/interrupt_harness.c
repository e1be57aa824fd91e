// The interrupt flag across runs, checked in a forked child: raising a signal in the test process itself would
// be seen by every other test there that polls the flag.
#define _GNU_SOURCE
#include "CShimHarness.h"
#include "CShimSystem.h"
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

int cshim_harness_interrupt_flag(void) {
    pid_t child = fork();
    if (child < 0) return 100;
    if (child == 0) {
        int code = 0;
        cshim_interrupt_install();
        raise(SIGHUP);
        if (cshim_interrupt_signal() != SIGHUP) code |= 1;      // recorded, the process lives on
        cshim_interrupt_restore();
        if (cshim_interrupt_signal() != SIGHUP) code |= 2;      // restore keeps the flag for the caller
        cshim_interrupt_install();
        if (cshim_interrupt_signal() != 0) code |= 4;           // a new run starts without a stop request
        raise(SIGTERM);
        if (cshim_interrupt_signal() != SIGTERM) code |= 8;
        cshim_interrupt_restore();
        _exit(code);
    }
    int status = 0;
    while (waitpid(child, &status, 0) < 0) {}
    if (WIFSIGNALED(status)) return 200 + WTERMSIG(status);
    return WEXITSTATUS(status);
}

int cshim_harness_interrupt_ignored(void) {
    pid_t child = fork();
    if (child < 0) return 100;
    if (child == 0) {
        int code = 0;
        signal(SIGINT, SIG_IGN);                                 // as a shell starts a background job
        struct sigaction now, termBefore;
        sigaction(SIGTERM, NULL, &termBefore);
        cshim_interrupt_install();
        sigaction(SIGINT, NULL, &now);
        if (now.sa_handler != SIG_IGN) code |= 1;                // not replaced by the flag handler
        raise(SIGINT);
        if (cshim_interrupt_signal() != 0) code |= 2;            // and so not a stop request
        raise(SIGTERM);
        if (cshim_interrupt_signal() != SIGTERM) code |= 4;      // the others still are
        cshim_interrupt_restore();
        sigaction(SIGINT, NULL, &now);
        if (now.sa_handler != SIG_IGN) code |= 8;                // restore leaves it ignored
        sigaction(SIGTERM, NULL, &now);
        if (now.sa_handler != termBefore.sa_handler) code |= 16; // and puts SIGTERM's back as it was
        _exit(code);
    }
    int status = 0;
    while (waitpid(child, &status, 0) < 0) {}
    if (WIFSIGNALED(status)) return 200 + WTERMSIG(status);
    return WEXITSTATUS(status);
}
