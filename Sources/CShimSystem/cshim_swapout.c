#define _GNU_SOURCE
#include "cshim_swapout.h"
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { PAGE = 4096 };

typedef struct {
    int32_t error;
    uint64_t address;
} reply_t;

static int send_all(int fd, const void *buf, size_t n) {
    const char *p = buf;
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static int recv_all(int fd, void *buf, size_t n) {
    char *p = buf;
    while (n > 0) {
        ssize_t r = recv(fd, p, n, 0);
        if (r < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        if (r == 0) { errno = EPIPE; return -1; }
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

// Runs in the child: no allocation, no stdio, only system calls and memcpy.
static void child_main(int fd, const uint8_t *pages, size_t count) {
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    size_t length = count * PAGE;
    uint8_t *region = NULL;
    for (;;) {
        char cmd;
        if (recv_all(fd, &cmd, 1) != 0) _exit(0);
        reply_t reply = {0, 0};
        if (cmd == 'L' && region == NULL) {
            // One CPU for faulting and reclaim: madvise drains only the local CPU's LRU batches, so a page
            // faulted on the other CPU could still be off the LRU and be skipped by MADV_PAGEOUT.
            int cpu = sched_getcpu();
            if (cpu >= 0) {
                cpu_set_t set;
                CPU_ZERO(&set);
                CPU_SET(cpu, &set);
                sched_setaffinity(0, sizeof set, &set);
            }
            void *m = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (m == MAP_FAILED) {
                reply.error = errno;
            } else if (madvise(m, length, MADV_NOHUGEPAGE) != 0) {
                reply.error = errno;
                munmap(m, length);
            } else {
                region = m;
                for (size_t i = 0; i < count; i++) memcpy(region + i * PAGE, pages + i * PAGE, PAGE);
                reply.address = (uint64_t)(uintptr_t)region;
            }
        } else if (cmd == 'P' && region != NULL) {
            if (madvise(region, length, CSHIM_MADV_PAGEOUT) != 0) reply.error = errno;
        } else {
            reply.error = EINVAL;
        }
        if (send_all(fd, &reply, sizeof reply) != 0) _exit(0);
    }
}

int cshim_swapout_child_start(const uint8_t *pages, size_t count, CShimSwapoutChild *child) {
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) return -1;
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        close(sv[0]);
        close(sv[1]);
        errno = e;
        return -1;
    }
    if (pid == 0) {
        close(sv[0]);
        child_main(sv[1], pages, count);
        _exit(0);
    }
    close(sv[1]);
    child->pid = pid;
    child->socket = sv[0];
    return 0;
}

static int command(CShimSwapoutChild *child, char cmd, uint64_t *address) {
    if (child->socket < 0) return EBADF;
    reply_t reply;
    if (send_all(child->socket, &cmd, 1) != 0) return errno;
    if (recv_all(child->socket, &reply, sizeof reply) != 0) return errno;
    if (address) *address = reply.address;
    return reply.error;
}

int cshim_swapout_child_load(CShimSwapoutChild *child, uint64_t *address) {
    return command(child, 'L', address);
}

int cshim_swapout_child_pageout(CShimSwapoutChild *child) { return command(child, 'P', NULL); }

void cshim_swapout_child_stop(CShimSwapoutChild *child) {
    if (child->socket >= 0) {
        close(child->socket);
        child->socket = -1;
    }
    if (child->pid <= 0) return;
    for (int i = 0; i < 100; i++) {
        int status;
        pid_t r = waitpid(child->pid, &status, WNOHANG);
        if (r == child->pid || (r < 0 && errno == ECHILD)) {
            child->pid = 0;
            return;
        }
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    kill(child->pid, SIGKILL);
    while (waitpid(child->pid, NULL, 0) < 0 && errno == EINTR) {}
    child->pid = 0;
}
