/* test_mutator_seeds.c — the mutator over the stream seeds `qatspec gen corpus` writes (DIR/stream):
 * both read one input format, so every seed shows the mutator lines, every payload seed a payload with
 * its length field, and chains of mutations from each seed stay within bounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qm_engine.h"
#include "qm_spec_source.h"

static const char *dir;
static qm_spec_source *source;
static qm_engine *engine;

static int setup(void **state)
{
    (void)state;
    source = qm_spec_source_open();
    engine = source ? qm_engine_new(qm_spec_source_compiled(source), 1) : NULL;
    return engine ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    qm_engine_free(engine);
    qm_spec_source_close(source);
    return 0;
}

typedef struct {
    char name[256];
    uint8_t bytes[65536];
    size_t len;
} seed;

/* Call EACH on every file of DIR/stream; returns how many. */
static size_t for_each_seed(void (*each)(const seed *s))
{
    static seed s;
    char path[4096];
    snprintf(path, sizeof path, "%s/stream", dir);
    DIR *d = opendir(path);
    assert_non_null(d);
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(s.name, sizeof s.name, "%s", e->d_name);
        snprintf(path, sizeof path, "%s/stream/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        s.len = fread(s.bytes, 1, sizeof s.bytes, f);
        fclose(f);
        each(&s);
        n++;
    }
    closedir(d);
    return n;
}

static bool named(const seed *s, const char *prefix) { return strncmp(s->name, prefix, strlen(prefix)) == 0; }

static void structure_seen(const seed *s)
{
    uint8_t *out;
    if (!qm_engine_apply(engine, QM_LINE_DROP, s->bytes, s->len, NULL, 0, 65536, &out))
        fail_msg("%s: the mutator sees no line in it", s->name);
    if (named(s, "payload-") && !qm_engine_apply(engine, QM_PAYLOAD_LENGTH, s->bytes, s->len, NULL, 0, 65536, &out))
        fail_msg("%s: the mutator sees no payload announced by a length field", s->name);
}

static void test_every_seed_has_structure(void **state)
{
    (void)state;
    assert_true(for_each_seed(structure_seen) > 0);
}

/* Twenty mutations in a chain from each seed, the previous seed as donor, within shrinking sizes. */
static void chain(const seed *s)
{
    static uint8_t cur[65536], donor[65536];
    static size_t donor_len;
    memcpy(cur, s->bytes, s->len);
    size_t len = s->len;
    for (size_t i = 0; i < 20; i++) {
        size_t max = i % 2 ? 64 + i * 16 : sizeof cur;
        uint8_t *out;
        size_t n = qm_engine_mutate(engine, cur, len, donor_len ? donor : NULL, donor_len, max, &out);
        if (n == 0 || n > max)
            fail_msg("%s, mutation %zu (%s): %zu bytes for at most %zu", s->name, i, qm_engine_describe(engine), n, max);
        memcpy(cur, out, n);
        len = n;
    }
    memcpy(donor, s->bytes, s->len);
    donor_len = s->len;
}

static void test_chains_stay_in_bounds(void **state)
{
    (void)state;
    assert_true(for_each_seed(chain) > 0);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_mutator_seeds CORPUS_DIR\n");
        return 2;
    }
    dir = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_seed_has_structure),
        cmocka_unit_test(test_chains_stay_in_bounds),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
