/* test_builtin_spec.c — the built-in spec (`qatspec gen c`, library qat_builtin) is the YAML spec, field by field.
 * Also: the model's layout table (spec_model.c) names every member of parsers/qat_spec.h, and the compare can fail. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qat_builtin.h"
#include "spec.h"
#include "spec_model.h"
#include "check.h"

typedef struct {
    arena a;
    diag_list d;
    spec_loaded spec;
} spec_fixture;

static spec_fixture fx;

static int load_spec(void **state)
{
    (void)state;
    return spec_load_dir(&fx.a, &fx.d, QAT_SPEC_DIR, &fx.spec) && fx.d.n == 0 ? 0 : -1;
}

static int free_spec(void **state)
{
    (void)state;
    diag_free(&fx.d);
    arena_free(&fx.a);
    return 0;
}

/* ---- the layout table against the header ---- */

/* The member names of `typedef struct [tag] { ... } TYPE;` in HEADER, space-separated, in order. */
static void header_members(const char *header, const char *type, char *names, size_t cap)
{
    char end[64];
    snprintf(end, sizeof end, "} %s;", type);
    const char *close = strstr(header, end);
    assert_non_null(close);
    const char *open = NULL; /* the '{' after the last "typedef struct" before CLOSE */
    for (const char *t = strstr(header, "typedef struct"); t && t < close; t = strstr(t + 1, "typedef struct"))
        open = strchr(t, '{');
    assert_non_null(open);
    names[0] = '\0';
    char decl[256];
    size_t n = 0;
    for (const char *p = open + 1; p < close; p++) {
        if (p[0] == '/' && p[1] == '*') { /* a comment */
            p = strstr(p, "*/") + 1;
            continue;
        }
        if (*p != ';') {
            if (n + 1 < sizeof decl)
                decl[n++] = *p;
            continue;
        }
        decl[n] = '\0';
        n = 0;
        /* "const char *name" or "unsigned line, col": the identifiers after the type, at each comma */
        for (char *part = strtok(decl, ","); part; part = strtok(NULL, ",")) {
            char *last = part + strlen(part);
            while (last > part && (isalnum((unsigned char)last[-1]) || last[-1] == '_'))
                last--;
            strncat(names, last, cap - strlen(names) - 2);
            strcat(names, " ");
        }
    }
}

static char *read_header(void)
{
    size_t len;
    char *text = transcript_load(QAT_SPEC_HEADER, &len);
    assert_non_null(text);
    return text;
}

static void test_layout_names_every_member(void **state)
{
    (void)state;
    char *header = read_header();
    size_t n;
    const model_struct *const *all = spec_model_structs(&n);
    assert_true(n > 10);
    for (size_t i = 0; i < n; i++) {
        char expected[1024], described[1024] = "";
        header_members(header, all[i]->type, expected, sizeof expected);
        for (size_t j = 0; j < all[i]->n_fields; j++) {
            strcat(described, all[i]->fields[j].name);
            strcat(described, " ");
        }
        if (strcmp(expected, described) != 0)
            fail_msg("%s: header has [%s], the layout table [%s]", all[i]->type, expected, described);
    }
    free(header);
}

static size_t align_up(size_t x, size_t a) { return (x + a - 1) / a * a; }

/* Fields in order, each where the compiler puts it, and nothing after the last but padding. */
static void test_layout_tiles_every_struct(void **state)
{
    (void)state;
    size_t n;
    const model_struct *const *all = spec_model_structs(&n);
    for (size_t i = 0; i < n; i++) {
        size_t end = 0;
        for (size_t j = 0; j < all[i]->n_fields; j++) {
            const model_field *f = &all[i]->fields[j];
            if (f->offset != align_up(end, spec_model_field_align(f)))
                fail_msg("%s.%s at %zu, expected %zu", all[i]->type, f->name, f->offset, end);
            end = f->offset + f->size;
        }
        assert_int_equal(align_up(end, all[i]->align), all[i]->size);
    }
}

/* ---- the built-in spec is the YAML ---- */

static void test_builtin_equals_yaml(void **state)
{
    (void)state;
    char where[256];
    assert_true(fx.spec.spec.n_commands > 0);
    if (!spec_model_equal(&spec_model_spec, &fx.spec.spec, &qat_builtin_spec, where, sizeof where))
        fail_msg("qat_builtin_spec differs from %s at %s", QAT_SPEC_DIR, where);
}

/* The compare sees one byte changed deep inside (a form's syntax), and says where. */
static void test_compare_finds_a_difference(void **state)
{
    (void)state;
    const qat_spec *yaml = &fx.spec.spec;
    size_t c = yaml->n_commands - 1, f = yaml->commands[c].n_forms - 1;
    qat_command *commands = arena_array(&fx.a, yaml->n_commands, sizeof *commands);
    memcpy(commands, yaml->commands, yaml->n_commands * sizeof *commands);
    qat_form *forms = arena_array(&fx.a, commands[c].n_forms, sizeof *forms);
    memcpy(forms, commands[c].forms, commands[c].n_forms * sizeof *forms);
    char *syntax = arena_strdup(&fx.a, forms[f].syntax);
    syntax[0] ^= 1;
    forms[f].syntax = syntax;
    commands[c].forms = forms;
    qat_spec changed = *yaml;
    changed.commands = commands;
    char where[256], expected[64];
    assert_false(spec_model_equal(&spec_model_spec, &changed, &qat_builtin_spec, where, sizeof where));
    snprintf(expected, sizeof expected, "commands[%zu].forms[%zu].syntax", c, f);
    assert_string_equal(where, expected);
    changed.commands = yaml->commands;
    changed.n_errata--;
    assert_false(spec_model_equal(&spec_model_spec, &changed, &qat_builtin_spec, where, sizeof where));
    assert_string_equal(where, "errata");
}

static void test_builtin_compiles(void **state)
{
    (void)state;
    qat_compiled c;
    qat_spec_compile_error err;
    assert_false(qat_builtin_compile(&c, NULL, 0, &err));
    assert_int_equal(err.status, QAT_COMPILE_TOO_BIG);
    assert_true(err.needed > 0);
    void *mem = malloc(err.needed);
    assert_non_null(mem);
    assert_true(qat_builtin_compile(&c, mem, err.needed, &err));
    assert_ptr_equal(c.spec, &qat_builtin_spec);
    assert_int_equal(c.n_urcs, qat_builtin_spec.n_urcs);
    assert_int_equal(c.n_results, qat_builtin_spec.n_results);
    free(mem);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_names_every_member), cmocka_unit_test(test_layout_tiles_every_struct),
        cmocka_unit_test(test_builtin_equals_yaml),       cmocka_unit_test(test_compare_finds_a_difference),
        cmocka_unit_test(test_builtin_compiles),
    };
    return cmocka_run_group_tests(tests, load_spec, free_spec);
}
