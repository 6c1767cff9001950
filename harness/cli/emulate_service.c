/* cli/emulate_service.c — the links of N modules, the pidfile, the `ready` lines and --background (see
 * emulate_service.h): what a CI script needs to start the emulator, wait for it and stop it by its pid. */
#include "emulate_service.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* HOST:PORT with PORT + K (PORT 0 stays 0: every module picks a free port). */
static bool tcp_address(const char *hostport, size_t k, char *out, size_t cap, char *why, size_t n)
{
    const char *colon = strrchr(hostport, ':');
    char *end;
    unsigned long port = colon ? strtoul(colon + 1, &end, 10) : 0;
    if (!colon || !colon[1] || *end || port > 65535 || (port && port + k > 65535)) {
        snprintf(why, n, "--tcp %s: expected HOST:PORT with PORT 0 to 65535 (and room for every module)", hostport);
        return false;
    }
    snprintf(out, cap, "%.*s:%lu", (int)(colon - hostport), hostport, port ? port + k : 0);
    return true;
}

bool service_check(const emulate_service *o, char *why, size_t n)
{
    char address[300];
    return !o->tcp || tcp_address(o->tcp, o->modules - 1, address, sizeof address, why, n);
}

bool service_open_link(const emulate_service *o, size_t k, em_transport *t, char *why, size_t n)
{
    char address[300];
    if (o->tcp)
        return tcp_address(o->tcp, k, address, sizeof address, why, n) && em_transport_tcp(t, address, why, n);
    if (!o->link)
        return em_transport_pty(t, NULL, why, n);
    char link[4200]; /* module K's symlink: PATH itself for one module, else PATH followed by K */
    int w = o->modules == 1 ? snprintf(link, sizeof link, "%s", o->link)
                            : snprintf(link, sizeof link, "%s%zu", o->link, k);
    if (w < 0 || (size_t)w >= sizeof link) {
        snprintf(why, n, "--link %s: too long a path", o->link);
        return false;
    }
    return em_transport_pty(t, link, why, n);
}

/* PID into o->pidfile, written whole under a temporary name and renamed, so a reader never sees half of it. */
static bool write_pidfile(const emulate_service *o, pid_t pid, char *why, size_t n)
{
    if (!o->pidfile)
        return true;
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", o->pidfile);
    FILE *f = fopen(tmp, "w");
    bool ok = f && fprintf(f, "%ld\n", (long)pid) > 0;
    ok = f && fclose(f) == 0 && ok && rename(tmp, o->pidfile) == 0;
    if (!ok) {
        snprintf(why, n, "--pidfile %s: %s", o->pidfile, strerror(errno));
        unlink(tmp);
    }
    return ok;
}

/* The serving child of --background: a session of its own, so the script's terminal signals do not reach it, and
 * nothing of the script's held open (a `$(...)` reading its stdout ends when the parent does). */
static void detach(void)
{
    setsid();
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
        dup2(null, STDIN_FILENO);
        dup2(null, STDOUT_FILENO);
        close(null);
    }
}

bool service_announce(const emulate_service *o, const em_module *m, size_t n_modules, bool *done, char *why,
                      size_t n)
{
    *done = false;
    pid_t server = o->background ? fork() : getpid();
    if (server < 0) {
        snprintf(why, n, "--background: fork: %s", strerror(errno));
        return false;
    }
    if (server == 0) {
        detach();
        return true;
    }
    if (!write_pidfile(o, server, why, n)) {
        if (o->background)
            kill(server, SIGTERM);
        return false;
    }
    for (size_t k = 0; k < n_modules; k++)
        printf("ready %s\n", m[k].link.name);
    fflush(stdout);
    *done = o->background;
    return true;
}

void service_end(const emulate_service *o)
{
    if (o->pidfile)
        unlink(o->pidfile);
}
