/* gen/corpus_gen.c — `qatspec gen corpus --out DIR`: seeds for the fuzz targets, in DIR/<target>/ (corpus.h),
 * from sessions drawn from the spec, payload edge cases, the emulator's faults and the spec's files and examples. */
#include "corpus.h"
#include "gen.h"

#include <stdio.h>

static const char usage_text[] =
    "usage: qatspec gen corpus --out DIR [--spec DIR]\n"
    "\n"
    "Write seeds for the fuzz targets into DIR/stream, DIR/cmdline, DIR/spec and DIR/transcript (DIR is\n"
    "created; files already there are kept). A seed's name is its origin and a hash of its bytes, so the\n"
    "same seed is the same file on every run and no seed is written twice:\n"
    "  stream      command line (no CR), '\\n', the module's output: answers drawn from the spec that show\n"
    "              every form, result code and URC the drawing reaches (form-*), payload edge cases\n"
    "              (payload-* read clean, edge-* not, lie-* lengths off both ways), each emulator fault's\n"
    "              output for its trigger lines (fault-*) and the same lines without faults (emulator-*)\n"
    "  cmdline     every form's syntax at its extremes (syntax-*), the command lines above, the examples'\n"
    "  spec        the spec's YAML files (file-*) and each of their entries alone (entry-*)\n"
    "  transcript  the spec's examples (example-*, plain), the drawn answers marked (marked-*) and raw (raw-*)\n"
    "Prints `gen corpus: N seeds: stream A, cmdline B, spec C, transcript D` and what the seeds cover.\n"
    "Exit 0, or 2 on a usage, spec or write error (or a drawn answer the parser does not read clean).\n";

#define EDGE_SESSION_SEED 1
#define EDGE_SESSION_BYTES (256 * 1024)

static void print_counts(const corpus *c, const corpus_coverage *cov)
{
    size_t total = 0;
    for (int t = 0; t < CORPUS_TARGETS; t++)
        total += c->count[t];
    printf("gen corpus: %zu seeds:", total);
    for (int t = 0; t < CORPUS_TARGETS; t++)
        printf("%s %s %zu", t ? "," : "", corpus_target_name((corpus_target)t), c->count[t]);
    printf("\ngen corpus: valid answers show %zu/%zu forms, %zu/%zu URCs, %zu/%zu result codes\n", cov->forms,
           cov->n_forms, cov->urcs, cov->n_urcs, cov->results, cov->n_results);
    if (cov->missing[0])
        printf("gen corpus: not shown by a valid answer: %s\n", cov->missing);
}

static bool write_corpus(const spec_opened *s, const gen_options *o)
{
    corpus c;
    if (!corpus_open(&c, o->out))
        return false;
    corpus_coverage cov;
    bool clean = corpus_from_sessions(&c, &s->c, &cov);
    bench_session edge_source;
    corpus_session(&edge_source, &s->c, EDGE_SESSION_SEED, EDGE_SESSION_BYTES);
    corpus_payload_edges(&c, &s->c, &edge_source);
    bench_free(&edge_source);
    corpus_from_faults(&c, &s->c);
    corpus_from_spec(&c, &s->c, &s->loaded);
    bool ok = clean && !c.failed;
    if (!c.failed)
        print_counts(&c, &cov);
    corpus_close(&c);
    return ok;
}

int gen_corpus(int argc, char **argv)
{
    return gen_run(argc, argv, "corpus", usage_text, write_corpus);
}
