/* gen/plan_listing.c — `qatspec gen plan [--json] [--spec DIR]`: the test plan drawn from the spec, one group of
 * lines per case (id, kind, safety, weight, timeout, what it sends and accepts, the requirement), or JSON. */
#include "gen.h"
#include "plan.h"
#include "spec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *out)
{
    fputs("usage: qatspec gen plan [--json] [--spec DIR]\n"
          "\n"
          "Print the test plan the runner executes, drawn from the spec: a sanity AT first and last, every\n"
          "form of every command with valid values (each int bound, each enum value), invalid input that must\n"
          "be refused, chapter 1's syntax rules, and the spec's scenarios. Each case: its id (qat/SECTION/N),\n"
          "kind, safety class, weight (MUST/SHOULD), steps with their timeouts, and the requirement it checks.\n"
          "--json prints the same as one JSON document. --spec DIR defaults to $QATSPEC_SPEC when set.\n"
          "\n"
          "Exit 0, or 2 on a usage or spec error.\n",
          out);
}

static void print_list(const char *label, const char *const *v, size_t n)
{
    if (n == 0)
        return;
    printf(" %s", label);
    for (size_t i = 0; i < n; i++)
        printf("%s%s", i ? "," : " ", v[i]);
}

static void print_step(const plan_step *s)
{
    if (s->kind == PLAN_STEP_SEND)
        printf("    send %s", s->send);
    else
        printf("    urc %s", s->urc);
    if (s->data)
        printf(" + %zu bytes%s", s->data_len, s->data_ctrl_z ? " + ctrl-z" : "");
    print_list("accept", s->accept, s->n_accept);
    print_list("lines", s->lines, s->n_lines);
    print_list("capture", s->capture, s->n_capture);
    if (s->payload)
        printf(" payload %zu bytes", s->payload_len);
    printf(" within %u ms\n", (unsigned)s->timeout_ms);
}

static void print_case(const plan_case *pc)
{
    printf("%s  %s  %s  %s%s%s  %s\n", pc->id, plan_kind_name(pc->kind), qat_safety_name(pc->safety),
           plan_weight_name(pc->weight), pc->needs_echo_peer ? "  needs-echo-peer" : "",
           pc->informational ? "  informational" : "", pc->title ? pc->title : "");
    for (size_t i = 0; i < pc->n_steps; i++)
        print_step(&pc->steps[i]);
    if (pc->requirement)
        printf("    requirement: %s\n", pc->requirement);
}

static void print_text(const plan *p)
{
    size_t counts[PLAN_KIND_COUNT] = {0};
    for (size_t i = 0; i < p->n_cases; i++) {
        print_case(&p->cases[i]);
        counts[p->cases[i].kind]++;
    }
    printf("%zu cases:", p->n_cases);
    for (int k = 0; k < PLAN_KIND_COUNT; k++)
        printf("%s %zu %s", k ? "," : "", counts[k], plan_kind_name((plan_kind)k));
    printf("\n");
}

static int print_json(const plan *p)
{
    cJSON *root = plan_to_json(p);
    char *text = root ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (!text) {
        fputs("qatspec gen plan: out of memory writing JSON\n", stderr);
        return 2;
    }
    puts(text);
    cJSON_free(text);
    return 0;
}

/* The options of ARGV into *JSON and *DIR; 1 when read, 0 on a usage error, -1 for --help. */
static int parse_args(int argc, char **argv, bool *json, const char **dir)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return -1;
        if (strcmp(argv[i], "--json") == 0) {
            *json = true;
        } else if (strcmp(argv[i], "--spec") == 0 && i + 1 < argc) {
            *dir = argv[++i];
        } else {
            fprintf(stderr, "qatspec gen plan: unexpected argument '%s'\n", argv[i]);
            return 0;
        }
    }
    return 1;
}

int gen_plan(int argc, char **argv)
{
    bool json = false;
    const char *dir = spec_default_dir();
    int r = parse_args(argc, argv, &json, &dir);
    if (r <= 0) {
        usage(r < 0 ? stdout : stderr);
        return r < 0 ? 0 : 2;
    }
    spec_opened s = {0};
    int rc = 2;
    if (spec_open(&s, dir, "gen plan")) {
        plan p;
        char err[512];
        if (!plan_build(&p, &s.c, &s.a, err, sizeof err))
            fprintf(stderr, "qatspec gen plan: %s\n", err);
        else
            rc = json ? print_json(&p) : (print_text(&p), 0);
    }
    spec_close(&s);
    return rc;
}
