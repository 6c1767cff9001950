/* emulator/data_call.c — the data program of a packet data call (see emulator/data_call.h): started on two pipes
 * with `sh -c`, non-blocking on the emulator's side, stopped and reaped when the call ends. */
#include "data_call.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

void em_data_call_init(em_data_call *c)
{
    *c = (em_data_call){.to_prog = -1, .from_prog = -1};
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

static void non_blocking(int fd)
{
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
}

/* The child's side: the pipes as stdin and stdout, then the shell. */
static void run_program(const char *cmd, int in, int out)
{
    if (dup2(in, STDIN_FILENO) < 0 || dup2(out, STDOUT_FILENO) < 0)
        _exit(127);
    execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
    _exit(127);
}

bool em_data_call_start(em_data_call *c, int cid, const char *cmd)
{
    em_data_call_init(c);
    c->cid = cid;
    c->up = true;
    if (!cmd) {
        fprintf(stderr, "qatspec emulate: data call on context %d: no --data-cmd, its bytes are dropped\n", cid);
        return true;
    }
    int to[2], from[2];
    if (pipe(to) != 0)
        return c->up = false;
    if (pipe(from) != 0) {
        close(to[0]);
        close(to[1]);
        return c->up = false;
    }
    c->pid = fork();
    if (c->pid == 0) {
        close(to[1]);
        close(from[0]);
        run_program(cmd, to[0], from[1]);
    }
    close(to[0]);
    close(from[1]);
    c->to_prog = to[1];
    c->from_prog = from[0];
    non_blocking(c->to_prog);
    non_blocking(c->from_prog);
    if (c->pid < 0) {
        em_data_call_end(c);
        return false;
    }
    fprintf(stderr, "qatspec emulate: data call on context %d: its bytes go to '%s' (pid %d)\n", cid, cmd, (int)c->pid);
    return true;
}

void em_data_call_write(em_data_call *c, const char *bytes, size_t n)
{
    ssize_t put = c->to_prog >= 0 ? write(c->to_prog, bytes, n) : 0;
    c->dropped += n - (put > 0 ? (size_t)put : 0);
}

size_t em_data_call_read(em_data_call *c, char *buf, size_t cap)
{
    ssize_t got = c->from_prog >= 0 ? read(c->from_prog, buf, cap) : 0;
    if (got < 0 && (errno == EAGAIN || errno == EINTR))
        return SIZE_MAX; /* nothing now: not an end */
    return got > 0 ? (size_t)got : 0;
}

void em_data_call_end(em_data_call *c)
{
    if (!c->up)
        return;
    close_fd(&c->to_prog);
    close_fd(&c->from_prog);
    if (c->pid > 0) {
        kill(c->pid, SIGKILL);
        waitpid(c->pid, NULL, 0);
    }
    if (c->dropped)
        fprintf(stderr, "qatspec emulate: data call on context %d ended: %llu bytes dropped\n", c->cid,
                (unsigned long long)c->dropped);
    em_data_call_init(c);
}
