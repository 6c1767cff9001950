/* gen.h — the generators of `qatspec gen WHAT`: each prints something drawn from the spec.
 * Each takes its own argv (argv[0] is the generator's name) and returns the exit code. */
#ifndef QATSPEC_GEN_H
#define QATSPEC_GEN_H

/* qatspec gen plan [--json] [--spec DIR]: the test plan, readable or as JSON; 0, or 2 on usage or spec errors. */
int gen_plan(int argc, char **argv);

#endif
