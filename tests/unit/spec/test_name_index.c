/* tests/unit/spec/test_name_index.c — cmocka tests of spec/name_index.c, the sorted lookup lint resolves names with:
 * the first definition wins, prefixes are not names, ranges of one name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "name_index.h"

typedef struct {
    int id;
    const char *name;
} thing;

static void test_name_index(void **state)
{
    (void)state;
    const thing things[] = {{0, "OK"}, {1, "ERROR"}, {2, NULL}, {3, "CME_ERROR"}, {4, "OK"}, {5, "OKAY"}};
    name_index ix = name_index_build(things, 6, sizeof(thing), offsetof(thing, name));
    assert_int_equal(ix.n, 5); /* the NULL name is left out */
    const thing *t = name_index_get(&ix, "OK");
    assert_non_null(t);
    assert_int_equal(t->id, 0); /* the first defined */
    assert_null(name_index_get(&ix, "O"));
    assert_null(name_index_get(&ix, "OKAYS"));
    assert_null(name_index_get(&ix, NULL));
    t = name_index_find(&ix, "OKAY and more", 4);
    assert_int_equal(t->id, 5);
    size_t n;
    const name_entry *e = name_index_range(&ix, "OK", 2, &n);
    assert_int_equal(n, 2);
    assert_int_equal(((const thing *)e[0].item)->id, 0);
    assert_int_equal(((const thing *)e[1].item)->id, 4);
    assert_null(name_index_range(&ix, "NONE", 4, &n));
    assert_int_equal(n, 0);
    name_index_free(&ix);
    name_index empty = name_index_build(NULL, 0, sizeof(thing), offsetof(thing, name));
    assert_null(name_index_get(&empty, "OK"));
    name_index_free(&empty);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_name_index),
    };
    return cmocka_run_group_tests_name("name index", tests, NULL, NULL);
}
