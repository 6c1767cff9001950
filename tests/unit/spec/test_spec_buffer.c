/* test_spec_buffer.c — cmocka tests of spec_load_buffer, the loader's entry point for a spec file in memory
 * (the spec fuzz target's input): the same model as from the directory, and located problems for bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <dirent.h>

#include "spec.h"

static int is_yaml(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return e->d_name[0] != '.' && n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0;
}

/* The shipped spec's *.yaml files, in name order (as spec_load_dir reads them), joined into one buffer. */
static char *joined_spec(size_t *len)
{
    struct dirent **names;
    int n = scandir(QAT_SPEC_DIR, &names, is_yaml, alphasort);
    assert_true(n > 0);
    char *buf = NULL;
    size_t cap = 0;
    *len = 0;
    for (int i = 0; i < n; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", QAT_SPEC_DIR, names[i]->d_name);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        size_t got;
        do {
            buf = heap_reserve(buf, &cap, *len + 4096, 1);
            got = fread(buf + *len, 1, 4096, f);
            *len += got;
        } while (got > 0);
        fclose(f);
        free(names[i]);
    }
    free(names);
    return buf;
}

static void test_whole_spec_from_memory(void **state)
{
    (void)state;
    size_t len;
    char *text = joined_spec(&len);
    arena a = {0}, b = {0};
    diag_list d = {0}, e = {0};
    spec_loaded mem, dir;
    spec_load_buffer(&a, &d, "joined.yaml", text, len, &mem);
    assert_true(mem.complete);
    spec_lint(&mem, &d);
    diag_print(&d, stderr);
    assert_int_equal(d.n, 0);
    assert_true(spec_load_dir(&b, &e, QAT_SPEC_DIR, &dir));
    assert_int_equal(mem.spec.n_commands, dir.spec.n_commands);
    assert_int_equal(mem.spec.n_urcs, dir.spec.n_urcs);
    assert_int_equal(mem.spec.n_results, dir.spec.n_results);
    assert_int_equal(mem.spec.n_errata, dir.spec.n_errata);
    assert_string_equal(mem.dir, "joined.yaml");
    free(text);
    diag_free(&d);
    diag_free(&e);
    arena_free(&a);
    arena_free(&b);
}

/* Load TEXT from memory; expect it incomplete or not, and one diagnostic at LINE naming the buffer, saying WORDS. */
static void expect_problem(const char *text, bool complete, unsigned line, const char *words)
{
    arena a = {0};
    diag_list d = {0};
    spec_loaded s;
    spec_load_buffer(&a, &d, "input.yaml", text, strlen(text), &s);
    assert_int_equal(s.complete, complete);
    assert_true(d.n >= 1);
    assert_string_equal(d.items[0].file, "input.yaml");
    assert_int_equal(d.items[0].line, line);
    assert_non_null(strstr(d.items[0].message, words));
    diag_free(&d);
    arena_free(&a);
}

static void test_bad_buffers(void **state)
{
    (void)state;
    expect_problem("- command: [AT\n", false, 2, "flow sequence"); /* not YAML: nothing of it is loaded */
    expect_problem("a: b\n", true, 1, "expected a sequence of entries"); /* YAML, not a spec */
    expect_problem("", false, 1, "no YAML document");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_whole_spec_from_memory),
        cmocka_unit_test(test_bad_buffers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
