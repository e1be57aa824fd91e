#define _GNU_SOURCE
#include "cshim_interrupt.h"
#include <pthread.h>
#include <signal.h>
#include <string.h>

static volatile sig_atomic_t received = 0;
static int installed = 0;
static const int watched[] = {SIGINT, SIGTERM, SIGHUP};
static struct sigaction previous[3];
static int caught[3];  // which of `watched` got our handler (an inherited SIG_IGN is left alone)

static void record(int sig) {
    if (received == 0) received = sig;
}

void cshim_interrupt_install(void) {
    // A new run starts with no stop request: a signal recorded for an earlier run (in the same process, e.g.
    // the test runner or a command that runs several steps) must not stop this one.
    received = 0;
    if (installed) return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = record;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: blocking calls fail with EINTR
    // A signal the parent set to SIG_IGN (nohup for SIGHUP, a shell's background job for SIGINT) stays ignored:
    // the user asked for the run not to be stopped by it.
    sigset_t set;
    sigemptyset(&set);
    for (int i = 0; i < 3; i++) {
        struct sigaction current;
        caught[i] = 0;
        if (sigaction(watched[i], NULL, &current) == 0 && current.sa_handler == SIG_IGN) continue;
        if (sigaction(watched[i], &sa, &previous[i]) != 0) continue;
        caught[i] = 1;
        sigaddset(&set, watched[i]);
    }
    // A parent may have started us with these signals blocked (they are inherited); unblock them in this thread
    // so that a stop request is delivered instead of staying pending until exit.
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    installed = 1;
}

int cshim_interrupt_signal(void) { return received; }

void cshim_interrupt_restore(void) {
    if (!installed) return;
    for (int i = 0; i < 3; i++) {
        if (caught[i]) sigaction(watched[i], &previous[i], NULL);
        caught[i] = 0;
    }
    installed = 0;
}
