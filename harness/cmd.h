/* cmd.h — the subcommands of the qatspec program, one entry point each.
 * Each takes its own argv (argv[0] is the subcommand's name) and returns the exit code. */
#ifndef QATSPEC_CMD_H
#define QATSPEC_CMD_H

/* qatspec lint [SPEC_DIR]: 0 when the spec is clean, 2 on problems or a usage error. */
int cmd_lint(int argc, char **argv);

#endif
