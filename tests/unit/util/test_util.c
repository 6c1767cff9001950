/* tests/unit/util/test_util.c — cmocka tests of util/: the arena and diagnostics.
 * Small pieces whose mistakes would show up far away: sort order, repeats, UTF-8 cuts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util.h"

static void test_arena(void **state)
{
    (void)state;
    arena a = {0};
    for (size_t i = 1; i < 3000; i += 7) {
        unsigned char *p = arena_alloc(&a, i);
        assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
        for (size_t j = 0; j < i; j++)
            assert_int_equal(p[j], 0);
        memset(p, 0xAB, i);
    }
    char *big = arena_alloc(&a, 1 << 20); /* larger than a block: a block of its own */
    big[(1 << 20) - 1] = 'x';
    assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
    assert_string_equal(arena_strdup(&a, ""), "");
    arena_free(&a);
    assert_null(a.head);
    int *v = NULL;
    size_t cap = 0;
    v = heap_reserve(v, &cap, 100, sizeof *v);
    assert_true(cap >= 100);
    v[99] = 1;
    free(v);
}

static void test_diag_sorted_and_unique(void **state)
{
    (void)state;
    diag_list d = {0};
    diag_add(&d, "b.yaml", 1, 1, "late file");
    diag_add(&d, "a.yaml", 10, 2, "second");
    diag_add(&d, "a.yaml", 2, 5, "first %d", 1);
    diag_add(&d, "a.yaml", 10, 2, "second");   /* an exact repeat: dropped */
    diag_add(&d, "a.yaml", 10, 2, "another");  /* same place, other words: kept, after "second" */
    diag_add(&d, "a.yaml", 10, 1, "bad\tbyte"); /* control bytes are replaced */
    diag_sort(&d);
    assert_int_equal(d.n, 5);
    assert_string_equal(d.items[0].message, "first 1");
    assert_string_equal(d.items[1].message, "bad?byte");
    assert_string_equal(d.items[2].message, "second");
    assert_string_equal(d.items[3].message, "another");
    assert_string_equal(d.items[4].file, "b.yaml");
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    diag_print(&d, out);
    fclose(out);
    assert_non_null(strstr(text, "a.yaml:2:5: first 1\na.yaml:10:1: bad?byte\n"));
    free(text);
    diag_free(&d);
    assert_int_equal(d.n, 0);
}

static void test_diag_file_level(void **state)
{
    (void)state;
    diag_list d = {0};
    diag_add(&d, "specs", 0, 0, "cannot read the spec directory");
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    diag_print(&d, out);
    fclose(out);
    assert_string_equal(text, "specs: cannot read the spec directory\n");
    free(text);
    diag_free(&d);
}

static void test_excerpt(void **state)
{
    (void)state;
    char buf[8];
    assert_string_equal(diag_excerpt(buf, sizeof buf, "short", 5), "short");
    assert_string_equal(diag_excerpt(buf, sizeof buf, "0123456789", 10), "0123...");
    /* never cut inside a UTF-8 character: 信 is three bytes */
    assert_string_equal(diag_excerpt(buf, sizeof buf, "ab信号强度", 14), "ab...");
    assert_string_equal(diag_article("int"), "an");
    assert_string_equal(diag_article("URC"), "a");
    assert_string_equal(diag_article(""), "a");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena),   cmocka_unit_test(test_diag_sorted_and_unique),
        cmocka_unit_test(test_diag_file_level), cmocka_unit_test(test_excerpt),
    };
    return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
