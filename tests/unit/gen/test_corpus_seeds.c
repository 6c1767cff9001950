/* test_corpus_seeds.c — the corpus `qatspec gen corpus` wrote (its directory is argv[1]): seeds for every target,
 * every stream seed made of valid productions reads clean through qat_stream, every lying one does not. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qat_stream.h"
#include "spec.h"
#include "check.h"

static const char *corpus_dir;

static spec_opened fx;

static int load_spec(void **state)
{
    (void)state;
    return spec_open(&fx, QAT_SPEC_DIR, "test_corpus_seeds") ? 0 : -1;
}

static int free_spec(void **state)
{
    (void)state;
    spec_close(&fx);
    return 0;
}

/* ---- reading seeds ---- */

typedef void (*seed_fn)(const char *name, const char *bytes, size_t len, void *user);

/* Call FN for each file of DIR/TARGET whose name starts with PREFIX ("" for all); the count. */
static size_t each_seed(const char *target, const char *prefix, seed_fn fn, void *user)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", corpus_dir, target);
    DIR *d = opendir(path);
    assert_non_null(d);
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.' || strncmp(e->d_name, prefix, strlen(prefix)) != 0)
            continue;
        char file[8192];
        snprintf(file, sizeof file, "%s/%s", path, e->d_name);
        size_t len;
        char *bytes = transcript_load(file, &len);
        assert_non_null(bytes);
        fn(e->d_name, bytes, len, user);
        free(bytes);
        n++;
    }
    closedir(d);
    return n;
}

static void on_event(void *user, const qat_event *ev)
{
    size_t *violations = user;
    *violations += transcript_is_violation(ev);
}

/* Violations of a stream seed: its first line is the command sent, the rest the module's output. */
static size_t stream_violations(const char *bytes, size_t len)
{
    const char *nl = memchr(bytes, '\n', len);
    assert_non_null(nl);
    size_t cmd_len = (size_t)(nl - bytes), violations = 0;
    char line[8192];
    qat_stream s;
    qat_stream_init(&s, &fx.c, line, sizeof line, on_event, &violations);
    if (cmd_len)
        qat_stream_command(&s, bytes, cmd_len);
    qat_stream_feed(&s, nl + 1, len - cmd_len - 1);
    qat_stream_finish(&s);
    return violations;
}

static void expect_clean(const char *name, const char *bytes, size_t len, void *user)
{
    (void)user;
    size_t v = stream_violations(bytes, len);
    if (v)
        fail_msg("stream seed %s: %zu violations", name, v);
}

static void expect_violation(const char *name, const char *bytes, size_t len, void *user)
{
    (void)user;
    if (stream_violations(bytes, len) == 0)
        fail_msg("stream seed %s lies about a length but reads clean", name);
}

static void on_transcript_event(void *user, const qat_event *ev, uint64_t line)
{
    (void)line;
    on_event(user, ev);
}

static void expect_marked_clean(const char *name, const char *bytes, size_t len, void *user)
{
    (void)user;
    size_t violations = 0;
    transcript_counts counts;
    transcript_read(&fx.c, bytes, len, TRANSCRIPT_MARKED, on_transcript_event, &violations, &counts);
    if (violations || counts.commands != 1)
        fail_msg("transcript seed %s: %zu violations, %llu commands", name, violations,
                 (unsigned long long)counts.commands);
}

/* An entry alone is one YAML document libyaml reads without a complaint. */
static void expect_yaml(const char *name, const char *bytes, size_t len, void *user)
{
    (void)user;
    arena a = {0};
    diag_list d = {0};
    const ytree_node *root = NULL;
    bool ok = ytree_load_buffer(&a, &d, name, bytes, len, &root) && root && root->kind == YTREE_SEQUENCE &&
              root->n_items == 1;
    diag_free(&d);
    arena_free(&a);
    if (!ok)
        fail_msg("spec seed %s is not a YAML sequence of one entry", name);
}

static void nothing(const char *name, const char *bytes, size_t len, void *user)
{
    (void)name, (void)bytes, (void)len, (void)user;
}

/* ---- the tests ---- */

static void test_every_target_has_seeds(void **state)
{
    (void)state;
    static const char *const targets[] = {"stream", "cmdline", "spec", "transcript"};
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++)
        if (each_seed(targets[i], "", nothing, NULL) == 0)
            fail_msg("no seeds for %s", targets[i]);
}

static void test_valid_stream_seeds_read_clean(void **state)
{
    (void)state;
    assert_true(each_seed("stream", "form-", expect_clean, NULL) >= fx.c.n_forms / 2);
    assert_true(each_seed("stream", "payload-", expect_clean, NULL) > 0);
}

static void test_lying_lengths_are_caught(void **state)
{
    (void)state;
    assert_true(each_seed("stream", "lie-", expect_violation, NULL) > 0);
}

static void test_marked_transcripts_read_clean(void **state)
{
    (void)state;
    assert_true(each_seed("transcript", "marked-", expect_marked_clean, NULL) > 0);
}

static void test_entries_are_single_entry_specs(void **state)
{
    (void)state;
    assert_true(each_seed("spec", "entry-", expect_yaml, NULL) > 0);
}

/* A seed for each emulator fault, and for each shipped spec file. */
static void test_faults_and_files_are_there(void **state)
{
    (void)state;
    assert_true(each_seed("stream", "fault-", nothing, NULL) > 0);
    assert_int_equal(each_seed("spec", "file-", nothing, NULL), fx.loaded.n_files);
    assert_true(each_seed("transcript", "example-", nothing, NULL) > 0);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
        return 2;
    }
    corpus_dir = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_target_has_seeds),
        cmocka_unit_test(test_valid_stream_seeds_read_clean),
        cmocka_unit_test(test_lying_lengths_are_caught),
        cmocka_unit_test(test_faults_and_files_are_there),
        cmocka_unit_test(test_marked_transcripts_read_clean),
        cmocka_unit_test(test_entries_are_single_entry_specs),
    };
    return cmocka_run_group_tests(tests, load_spec, free_spec);
}
