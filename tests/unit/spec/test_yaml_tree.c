/* test_yaml_tree.c — cmocka tests of the YAML tree reader: shapes, positions, and every hostile input.
 * Each case reads a buffer (heap copy of its exact length) and checks the tree or the first diagnostic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "spec.h"

typedef struct {
    arena a;
    diag_list d;
    const ytree_node *root;
    bool ok;
} loaded;

static loaded load_n(const char *text, size_t len)
{
    loaded l = {0};
    char *copy = malloc(len ? len : 1);
    memcpy(copy, text, len);
    l.ok = ytree_load_buffer(&l.a, &l.d, "t.yaml", copy, len, &l.root);
    free(copy);
    diag_sort(&l.d);
    return l;
}

static loaded load(const char *text) { return load_n(text, strlen(text)); }

static void unload(loaded *l)
{
    diag_free(&l->d);
    arena_free(&l->a);
}

/* The first diagnostic as "LINE:COL: message". */
static const char *first_problem(const loaded *l, char *buf, size_t size)
{
    if (l->d.n == 0)
        return "(none)";
    snprintf(buf, size, "%u:%u: %s", l->d.items[0].line, l->d.items[0].col, l->d.items[0].message);
    return buf;
}

/* TEXT is rejected, and its first diagnostic starts with EXPECT. */
static void expect_problem_n(const char *text, size_t len, const char *expect, bool tree_kept)
{
    char buf[512];
    loaded l = load_n(text, len);
    const char *got = first_problem(&l, buf, sizeof buf);
    if (strncmp(got, expect, strlen(expect)) != 0)
        fail_msg("expected \"%s...\", got \"%s\"", expect, got);
    assert_false(l.ok);
    assert_true(tree_kept ? l.root != NULL : l.root == NULL);
    unload(&l);
}

static void expect_problem(const char *text, const char *expect) { expect_problem_n(text, strlen(text), expect, false); }

/* ---- shapes and positions ---- */

static void test_sequence_of_mappings(void **state)
{
    (void)state;
    loaded l = load("# comment\n- command: AT\n  section: \"2.1\"\n- topic: x\n");
    assert_true(l.ok);
    assert_non_null(l.root);
    assert_int_equal(l.root->kind, YTREE_SEQUENCE);
    assert_int_equal(l.root->n_items, 2);
    const ytree_node *m = l.root->items[0];
    assert_int_equal(m->kind, YTREE_MAPPING);
    assert_int_equal(m->line, 2);
    assert_int_equal(m->col, 3);
    assert_int_equal(ytree_pairs(m), 2);
    const ytree_node *section = ytree_get(m, "section");
    assert_non_null(section);
    assert_string_equal(section->text, "2.1");
    assert_int_equal(section->style, YTREE_DOUBLE_QUOTED);
    assert_int_equal(section->line, 3);
    assert_int_equal(section->col, 12);
    assert_null(ytree_get(m, "title"));
    assert_true(ytree_is(ytree_key(m, 0), "command"));
    assert_true(ytree_is(ytree_value(m, 0), "AT"));
    assert_string_equal(ytree_kind_phrase(YTREE_SEQUENCE), "a sequence");
    unload(&l);
}

static void test_columns_count_characters(void **state)
{
    (void)state;
    loaded l = load("- title: 信号强度\n  x: [a, \"b\"]\n");
    const ytree_node *m = l.root->items[0];
    assert_int_equal(ytree_get(m, "x")->items[1]->col, 10);
    loaded u = load("- 信号: 强度\n");
    assert_int_equal(ytree_value(u.root->items[0], 0)->col, 7);
    unload(&u);
    unload(&l);
}

static void test_scalar_styles(void **state)
{
    (void)state;
    loaded l = load("a: plain\nb: 'single'\nc: \"double\"\nd: |\n  literal\ne: >\n  folded\n");
    assert_int_equal(ytree_get(l.root, "a")->style, YTREE_PLAIN);
    assert_int_equal(ytree_get(l.root, "b")->style, YTREE_SINGLE_QUOTED);
    assert_int_equal(ytree_get(l.root, "c")->style, YTREE_DOUBLE_QUOTED);
    assert_int_equal(ytree_get(l.root, "d")->style, YTREE_LITERAL);
    assert_string_equal(ytree_get(l.root, "d")->text, "literal\n");
    assert_int_equal(ytree_get(l.root, "e")->style, YTREE_FOLDED);
    assert_int_equal(ytree_get(l.root, "a")->end_line, 1);
    unload(&l);
}

static void test_alias_is_the_anchored_node(void **state)
{
    (void)state;
    loaded l = load("a: &x {type: int}\nb: *x\nc: &s text\nd: *s\n");
    assert_true(l.ok);
    assert_ptr_equal(ytree_get(l.root, "a"), ytree_get(l.root, "b"));
    assert_ptr_equal(ytree_get(l.root, "c"), ytree_get(l.root, "d"));
    unload(&l);
}

static void test_nesting_at_the_limit(void **state)
{
    (void)state;
    char text[2 * YTREE_MAX_DEPTH + 1];
    memset(text, '[', YTREE_MAX_DEPTH);
    memset(text + YTREE_MAX_DEPTH, ']', YTREE_MAX_DEPTH);
    text[2 * YTREE_MAX_DEPTH] = '\0';
    loaded l = load(text);
    assert_true(l.ok);
    unload(&l);
}

/* ---- what a spec file may not hold ---- */

static void test_empty_input(void **state)
{
    (void)state;
    expect_problem("", "1:1: the file holds no YAML document");
    expect_problem("# only a comment\n", "1:1: the file holds no YAML document");
}

static void test_syntax_errors(void **state)
{
    (void)state;
    expect_problem("- a: [1, 2\n", "2:1: did not find expected ',' or ']'");
    expect_problem("a: b\n c: d\n", "2:3: mapping values are not allowed in this context");
    expect_problem("- a\n\t- b\n", "2:1: found a tab character that violates indentation");
    expect_problem("a: \"unclosed\n", "2:1: found unexpected end of stream");
}

static void test_bad_bytes(void **state)
{
    (void)state;
    expect_problem("a: \xff\xfe\n", "1:4: invalid leading UTF-8 octet");
    expect_problem("- ok\n- b\xc3(\n", "2:5: invalid trailing UTF-8 octet");
    expect_problem_n("a: b\0c\n", 7, "1:5: control characters are not allowed", false);
    expect_problem_n("a: \"b\\0c\"\n", 10, "1:4: a string may not hold a NUL byte", true);
}

static void test_too_deep(void **state)
{
    (void)state;
    size_t n = 100000;
    char *text = malloc(n + 1);
    memset(text, '[', n);
    text[n] = '\0';
    expect_problem(text, "1:65: nesting deeper than 64 levels");
    for (size_t i = 0; i < n / 2; i++) {
        text[2 * i] = '-';
        text[2 * i + 1] = ' ';
    }
    expect_problem(text, "1:129: nesting deeper than 64 levels");
    free(text);
}

static void test_aliases(void **state)
{
    (void)state;
    expect_problem("a: *nowhere\n", "1:4: undefined alias '*nowhere'");
    expect_problem("a: &x [1, *x]\n", "1:11: undefined alias '*x'"); /* no cycles */
}

static void test_billion_laughs(void **state)
{
    (void)state;
    const char *bomb = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
                       "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                       "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                       "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                       "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                       "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                       "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
                       "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
                       "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
    clock_t start = clock();
    expect_problem(bomb, "6:"); /* f: 10^6 nodes */
    loaded l = load(bomb);
    assert_string_equal(l.d.items[0].message, "aliases expand to more than 1000000 nodes");
    unload(&l);
    assert_true((double)(clock() - start) / CLOCKS_PER_SEC < 5.0);
}

static void test_too_many_nodes(void **state)
{
    (void)state;
    size_t items = YTREE_MAX_NODES + 10;
    char *text = malloc(2 * items + 3);
    size_t n = 0;
    text[n++] = '[';
    for (size_t i = 0; i < items; i++) {
        text[n++] = '1';
        text[n++] = ',';
    }
    text[n - 1] = ']';
    text[n] = '\0';
    loaded l = load(text);
    assert_null(l.root);
    assert_string_equal(l.d.items[0].message, "the file has more than 1000000 nodes");
    unload(&l);
    free(text);
}

static void test_duplicate_keys(void **state)
{
    (void)state;
    loaded l = load("- a: 1\n  b: 2\n  a: 3\n  b: 4\n  a: 5\n");
    assert_false(l.ok);
    assert_non_null(l.root); /* the tree is kept: the loader reports what else is wrong */
    assert_int_equal(l.d.n, 3);
    char buf[256];
    assert_string_equal(first_problem(&l, buf, sizeof buf), "3:3: duplicate key 'a' (first at 1:3)");
    assert_string_equal(l.d.items[2].message, "duplicate key 'a' (first at 1:3)");
    assert_int_equal(l.d.items[2].line, 5);
    unload(&l);
}

static void test_documents(void **state)
{
    (void)state;
    expect_problem("- a\n---\n- b\n", "2:1: more than one document in the file");
    loaded l = load("---\n- a\n...\n");
    assert_true(l.ok);
    unload(&l);
}

static void test_missing_file(void **state)
{
    (void)state;
    arena a = {0};
    diag_list d = {0};
    const ytree_node *root = (const ytree_node *)&a;
    assert_false(ytree_load_file(&a, &d, "/nonexistent/x.yaml", &root));
    assert_null(root);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.items[0].line, 0);
    assert_non_null(strstr(d.items[0].message, "cannot read the file"));
    diag_free(&d);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sequence_of_mappings), cmocka_unit_test(test_columns_count_characters),
        cmocka_unit_test(test_scalar_styles),        cmocka_unit_test(test_alias_is_the_anchored_node),
        cmocka_unit_test(test_nesting_at_the_limit), cmocka_unit_test(test_empty_input),
        cmocka_unit_test(test_syntax_errors),        cmocka_unit_test(test_bad_bytes),
        cmocka_unit_test(test_too_deep),             cmocka_unit_test(test_aliases),
        cmocka_unit_test(test_billion_laughs),       cmocka_unit_test(test_too_many_nodes),
        cmocka_unit_test(test_duplicate_keys),       cmocka_unit_test(test_documents),
        cmocka_unit_test(test_missing_file),
    };
    return cmocka_run_group_tests_name("yaml_tree", tests, NULL, NULL);
}
