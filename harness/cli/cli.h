/* cli/cli.h — the qatspec program's subcommands, one entry point each; main.c dispatches to them. Each takes its own
 * argv (argv[0] is the subcommand's name) and returns the exit code. The top room: it may call every subsystem. */
#ifndef QATSPEC_CLI_H
#define QATSPEC_CLI_H

/* ---- the subcommands of the qatspec program, one entry point each.
 * Each takes its own argv (argv[0] is the subcommand's name) and returns the exit code.
 */
/* qatspec lint [SPEC_DIR]: 0 when the spec is clean, 2 on problems or a usage error. */
int cmd_lint(int argc, char **argv);

/* The spec directory a command reads when given none: $QATSPEC_SPEC when set, else the build's specs/. */
const char *spec_default_dir(void);

/* qatspec check TRANSCRIPT... [--spec DIR] [--json] [--format F]: 0 clean, 1 violations, 2 usage, spec or file errors. */
int cmd_check(int argc, char **argv);

/* qatspec bench [--size MiB] [--seed N] [--spec DIR] [FILE]: 0, 1 when a drawn session gives violations, 2 on errors. */
int cmd_bench(int argc, char **argv);

/* qatspec emulate [--tcp HOST:PORT] [--link PATH] [OPTIONS]: serves until SIGINT or SIGTERM: 0; 2 usage or spec, 3 link. */
int cmd_emulate(int argc, char **argv);

/* qatspec gen GENERATOR [ARGS]: files made from the spec (test plan, C data, fuzzing dictionary and corpus): 0, 2 on errors. */
int cmd_gen(int argc, char **argv);

/* qatspec run (--port DEV | --tcp HOST:PORT | --emulator) [OPTIONS]: 0 score reached, 1 below or XPASS, 2 usage,
 * spec or plan error, 3 the device gone. */
int cmd_run(int argc, char **argv);

#endif
