/* main.c — the qatspec program: `qatspec COMMAND [ARGS]` runs one subcommand from the table below.
 * A new subcommand is one line in `commands` and its entry point in cmd.h. */
#include "cmd.h"

#include <stdio.h>
#include <string.h>

#ifndef QAT_VERSION
#define QAT_VERSION "unknown"
#endif

typedef struct {
    const char *name;
    const char *args;    /* its arguments, for the usage listing */
    const char *summary; /* what it does, in a few words */
    int (*run)(int argc, char **argv);
} subcommand;

static const subcommand commands[] = {
    {"lint", "[SPEC_DIR]", "check a spec: a summary line, or FILE:LINE:COL: problems", cmd_lint},
    {"check", "TRANSCRIPT...", "check captured sessions offline: violations, deviations, a summary", cmd_check},
    {"bench", "[--size MiB] [--seed N] [FILE]", "measure the stream parser's throughput on a drawn session", cmd_bench},
    {"emulate", "[--tcp HOST:PORT] [--link PATH]", "an emulated Air780E on a pty or a TCP port", cmd_emulate},
    {"gen", "GENERATOR --out PATH", "generate from the spec: C data, fuzzing dictionary, corpus", cmd_gen},
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *out)
{
    fputs("usage: qatspec COMMAND [ARGS]\n\ncommands:\n", out);
    for (size_t i = 0; i < N_COMMANDS; i++) {
        char synopsis[64];
        snprintf(synopsis, sizeof synopsis, "%s %s", commands[i].name, commands[i].args);
        fprintf(out, "  %-22s %s\n", synopsis, commands[i].summary);
    }
    fputs("\n'qatspec COMMAND --help' describes a command; 'qatspec --version' prints the version.\n"
          "Exit codes: 0 success, 1 check failed, 2 usage or spec error, 3 transport failure.\n",
          out);
}

static const subcommand *find_command(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("qatspec %s\n", QAT_VERSION);
        return 0;
    }
    const subcommand *cmd = find_command(argv[1]);
    if (!cmd) {
        fprintf(stderr, "qatspec: unknown command '%s' (see 'qatspec --help')\n", argv[1]);
        return 2;
    }
    return cmd->run(argc - 1, argv + 1);
}
