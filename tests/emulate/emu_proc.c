/* emu_proc.c — the emulator as a child process, for the tests (see emu_proc.h).
 * The child gets its stdout pipe's write end only; it runs until the test's SIGTERM. */
#define _GNU_SOURCE /* cfmakeraw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "emu_proc.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define MAX_ARGS 16

/* In the child: stdout to OUT[1], the pipe's read end not kept; run `qatspec emulate --spec DIR ARGS...`. */
static void child(const int out[2], const char *const *args)
{
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    char *argv[MAX_ARGS + 5] = {"qatspec", "emulate", "--spec", QAT_SPEC_DIR};
    for (size_t i = 0; args[i] && i < MAX_ARGS; i++)
        argv[4 + i] = (char *)args[i];
    execv(QATSPEC_BIN, argv);
    _exit(127);
}

void emu_start(emulator *e, const char *const *args)
{
    int out[2];
    assert_int_equal(pipe(out), 0);
    e->pid = fork();
    assert_true(e->pid >= 0);
    if (e->pid == 0)
        child(out, args);
    close(out[1]);
    FILE *f = fdopen(out[0], "r");
    char line[300] = "";
    assert_non_null(fgets(line, sizeof line, f));
    fclose(f);
    assert_int_equal(strncmp(line, "ready ", 6), 0);
    line[strcspn(line, "\n")] = '\0';
    snprintf(e->where, sizeof e->where, "%s", line + 6);
}

void emu_stop(emulator *e)
{
    int status;
    kill(e->pid, SIGTERM);
    assert_int_equal(waitpid(e->pid, &status, 0), e->pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

int emu_open_pty(const char *path)
{
    int fd = open(path, O_RDWR | O_NOCTTY);
    assert_true(fd >= 0);
    struct termios tio;
    assert_int_equal(tcgetattr(fd, &tio), 0);
    cfmakeraw(&tio);
    assert_int_equal(tcsetattr(fd, TCSANOW, &tio), 0);
    return fd;
}

size_t emu_read_some(int fd, char *buf, size_t cap)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};
    if (poll(&p, 1, GUARD_MS) <= 0)
        return 0;
    ssize_t got = read(fd, buf, cap);
    return got > 0 ? (size_t)got : 0;
}

void emu_spec_load(emu_spec *fx)
{
    diag_list d = {0};
    qat_spec_compile_error err;
    memset(fx, 0, sizeof *fx);
    assert_true(spec_load_dir(&fx->a, &d, QAT_SPEC_DIR, &fx->spec) && d.n == 0);
    diag_free(&d);
    assert_true(spec_compile(&fx->spec.spec, &fx->c, &fx->mem, &err));
}

void emu_spec_unload(emu_spec *fx)
{
    free(fx->mem);
    arena_free(&fx->a);
}
