/* driver_replay.c — replays files through a fuzz target without any fuzzing engine: regressions, coverage, debugging.
 * Arguments are files or directories (walked recursively, in name order); a crash names the file it was on. */
#include "fuzz_target.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *current; /* the file being replayed, for the crash handler */
static size_t replayed;

static void on_crash(int sig)
{
    static const char head[] = "replay: CRASHED on ", tail[] = "\n";
    static volatile sig_atomic_t told; /* a sanitizer's death callback, then its abort: say it once */
    if (!told++ && (write(STDERR_FILENO, head, sizeof head - 1) < 0 || write(STDERR_FILENO, current, strlen(current)) < 0 ||
        write(STDERR_FILENO, tail, sizeof tail - 1) < 0))
        _exit(128 + sig);
    if (sig == 0)
        return;
    signal(sig, SIG_DFL);
    raise(sig);
}

/* ASan and UBSan end a process with _exit unless told to abort: their death callback names the file too. */
void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

static void on_sanitizer_death(void) { on_crash(0); }

static void catch_crashes(void)
{
    if (__sanitizer_set_death_callback)
        __sanitizer_set_death_callback(on_sanitizer_death);
    int sigs[] = {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], on_crash);
}

/* The whole of PATH in a buffer of its exact size (free() it), or NULL with errno set. */
static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    uint8_t *buf = NULL;
    long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (size >= 0 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc(size ? (size_t)size : 1)) &&
        fread(buf, 1, (size_t)size, f) != (size_t)size) {
        free(buf);
        buf = NULL;
        errno = EIO;
    }
    fclose(f);
    *len = (size_t)size;
    return buf;
}

static int replay_file(const char *path)
{
    size_t len;
    uint8_t *data = read_file(path, &len);
    if (!data) {
        fprintf(stderr, "replay: %s: cannot read: %s\n", path, strerror(errno));
        return 2;
    }
    current = path;
    LLVMFuzzerTestOneInput(data, len);
    free(data);
    replayed++;
    return 0;
}

static int replay_path(const char *path);

static int by_name(const struct dirent **a, const struct dirent **b) { return strcmp((*a)->d_name, (*b)->d_name); }

static int replay_dir(const char *dir)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, by_name);
    if (n < 0) {
        fprintf(stderr, "replay: %s: cannot list: %s\n", dir, strerror(errno));
        return 2;
    }
    int rc = 0;
    for (int i = 0; i < n; i++) {
        if (names[i]->d_name[0] != '.') {
            size_t size = strlen(dir) + strlen(names[i]->d_name) + 2;
            char *path = malloc(size);
            if (!path)
                abort();
            snprintf(path, size, "%s/%s", dir, names[i]->d_name);
            int r = replay_path(path);
            rc = r > rc ? r : rc;
            free(path);
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

static int replay_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return 2;
    }
    return S_ISDIR(st.st_mode) ? replay_dir(path) : replay_file(path);
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0) {
        fprintf(argc < 2 ? stderr : stdout,
                "usage: %s FILE|DIR...\nRun every file (directories recursively) through the target once, without a "
                "fuzzing engine.\nExit 0 when all ran, 2 when one could not be read; a crash names its file.\n",
                argv[0]);
        return argc < 2 ? 2 : 0;
    }
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    catch_crashes();
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        int r = replay_path(argv[i]);
        rc = r > rc ? r : rc;
    }
    printf("replay: %zu files ran\n", replayed);
    return rc;
}
