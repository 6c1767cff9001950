/* cli/main.c — the qatspec program: `qatspec COMMAND [ARGS]` runs one subcommand from the table below.
 * A new subcommand is one line in `commands` and its entry point in cli/cli.h. */
#include "cli.h"
#include "subcommand.h"

#include <stdio.h>
#include <string.h>

#ifndef QAT_VERSION
#define QAT_VERSION "unknown"
#endif

static const subcommand commands[] = {
    {"lint", "[SPEC_DIR]", "check a spec: a summary line, or FILE:LINE:COL: problems", cmd_lint},
    {"check", "TRANSCRIPT...", "check captured sessions offline: violations, deviations, a summary", cmd_check},
    {"bench", "[--size MiB] [--seed N] [FILE]", "measure the stream parser's throughput on a drawn session", cmd_bench},
    {"emulate", "[--tcp HOST:PORT] [--link PATH]", "an emulated Air780E on a pty or a TCP port", cmd_emulate},
    {"gen", "GENERATOR [ARGS]", "generate from the spec: test plan, C data, fuzzing dictionary, corpus", cmd_gen},
    {"run", "(--port DEV|--tcp H:P|--emulator)", "run the plan on a modem or the emulator: score and reports", cmd_run},
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *out)
{
    fputs("usage: qatspec COMMAND [ARGS]\n\ncommands:\n", out);
    subcommand_list(out, commands, N_COMMANDS);
    fputs("\n'qatspec COMMAND --help' describes a command; 'qatspec --version' prints the version.\n"
          "Exit codes: 0 success, 1 check failed, 2 usage or spec error, 3 transport failure.\n",
          out);
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
    const subcommand *cmd = subcommand_find(commands, N_COMMANDS, argv[1]);
    if (!cmd) {
        fprintf(stderr, "qatspec: unknown command '%s' (see 'qatspec --help')\n", argv[1]);
        return 2;
    }
    return cmd->run(argc - 1, argv + 1);
}
