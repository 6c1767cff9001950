/* test_synth.c — cmocka tests of the line synthesizer (parsers/qat_synth.c) against the matcher.
 * Every pattern of the shipped spec, many seeds and both extremes: each line must be accepted by its grammar. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qat_compiled.h"
#include "qat_synth.h"
#include "spec.h"
#include "check.h"

#define SEEDS 60

/* ---- the spec, loaded and compiled once ---- */

typedef struct {
    arena a;
    diag_list d;
    spec_loaded spec;
    void *mem;
} spec_fixture;

static spec_fixture fx;
static qat_compiled compiled;

static int load_spec(void **state)
{
    (void)state;
    qat_spec_compile_error err;
    bool ok = spec_load_dir(&fx.a, &fx.d, QAT_SPEC_DIR, &fx.spec) && fx.d.n == 0;
    return ok && spec_compile(&fx.spec.spec, &compiled, &fx.mem, &err) ? 0 : -1;
}

static int free_spec(void **state)
{
    (void)state;
    free(fx.mem);
    diag_free(&fx.d);
    arena_free(&fx.a);
    return 0;
}

/* ---- every compiled grammar of the spec ---- */

typedef void (*grammar_fn)(const qat_grammar *g, void *user);

static void each_cpattern(const qat_cpattern *ps, size_t n, grammar_fn fn, void *user)
{
    for (size_t i = 0; i < n; i++)
        fn(&ps[i].g, user);
}

static void each_form_grammar(const qat_cform *f, grammar_fn fn, void *user)
{
    fn(&f->syntax, user);
    for (size_t k = 0; k < f->n_lines; k++) {
        each_cpattern(f->lines[k].patterns, f->lines[k].n_patterns, fn, user);
        each_cpattern(f->lines[k].deviations, f->lines[k].n_deviations, fn, user);
    }
    each_cpattern(f->extra, f->n_extra, fn, user);
}

/* Calls FN on every grammar: command syntaxes, response lines and their deviations, URCs, results. */
static size_t each_grammar(grammar_fn fn, void *user)
{
    for (size_t i = 0; i < compiled.n_forms; i++)
        each_form_grammar(&compiled.forms[i], fn, user);
    for (size_t i = 0; i < compiled.n_urcs; i++)
        fn(&compiled.urcs[i].pattern.g, user);
    for (size_t i = 0; i < compiled.n_results; i++)
        fn(&compiled.results[i].pattern.g, user);
    each_cpattern(compiled.deviant_urcs, compiled.n_deviant_urcs, fn, user);
    each_cpattern(compiled.deviant_results, compiled.n_deviant_results, fn, user);
    return compiled.n_forms;
}

/* ---- the self-check: synthesized lines are accepted ---- */

typedef struct {
    qat_synth_opts opts;
    unsigned seeds;
    size_t grammars, lines, bytes;
} sweep;

static void check_accepted(const qat_grammar *g, const char *line, size_t len)
{
    qat_field fields[64];
    qat_match m = qat_grammar_match(g, line, len, fields, 64);
    if (m.status != QAT_MATCH_OK) {
        char why[256];
        qat_match_describe(&m, line, len, why, sizeof why);
        fail_msg("pattern \"%.*s\" refused its own line \"%s\": %s", (int)g->pattern_len, g->pattern, line, why);
    }
}

static void synth_and_match(const qat_grammar *g, void *user)
{
    sweep *sw = user;
    char line[2048];
    sw->grammars++;
    for (unsigned seed = 0; seed < sw->seeds; seed++) {
        qat_rng rng;
        qat_rng_seed(&rng, seed * 7919u + 1u);
        qat_synth_result r = qat_synth_line(g, &sw->opts, &rng, line, sizeof line);
        assert_int_equal(r.status, QAT_SYNTH_OK);
        assert_int_equal(strlen(line), r.len);
        check_accepted(g, line, r.len);
        sw->lines++;
        sw->bytes += r.len;
    }
}

static void run_sweep(qat_synth_values values, qat_synth_optional optional, unsigned seeds)
{
    sweep sw = {{values, optional, 0, NULL, NULL}, seeds, 0, 0, 0};
    each_grammar(synth_and_match, &sw);
    assert_true(sw.grammars > 100); /* the shipped spec has a few hundred patterns */
    assert_int_equal(sw.lines, sw.grammars * seeds);
}

static void test_random_lines_accepted(void **state)
{
    (void)state;
    run_sweep(QAT_SYNTH_RANDOM, QAT_SYNTH_SOME, SEEDS);
}

static void test_random_values_all_parts(void **state)
{
    (void)state;
    run_sweep(QAT_SYNTH_RANDOM, QAT_SYNTH_ALL, SEEDS / 4);
    run_sweep(QAT_SYNTH_RANDOM, QAT_SYNTH_NONE, SEEDS / 4);
}

static void test_extremes_accepted(void **state)
{
    (void)state;
    static const qat_synth_values values[] = {QAT_SYNTH_LOWEST, QAT_SYNTH_HIGHEST};
    static const qat_synth_optional parts[] = {QAT_SYNTH_SOME, QAT_SYNTH_ALL, QAT_SYNTH_NONE};
    for (size_t v = 0; v < 2; v++)
        for (size_t p = 0; p < 3; p++)
            run_sweep(values[v], parts[p], 8);
}

static void test_long_repeats_accepted(void **state)
{
    (void)state;
    sweep sw = {{QAT_SYNTH_RANDOM, QAT_SYNTH_ALL, 20, NULL, NULL}, 4, 0, 0, 0};
    each_grammar(synth_and_match, &sw);
}

/* ---- single grammars: exact output ---- */

static const qat_grammar *urc_grammar(const char *name)
{
    for (size_t i = 0; i < compiled.n_urcs; i++)
        if (strcmp(compiled.urcs[i].urc->name, name) == 0)
            return &compiled.urcs[i].pattern.g;
    fail_msg("no URC %s", name);
    return NULL;
}

static const qat_cform *form_of(const char *cmd, const char *form)
{
    for (size_t i = 0; i < compiled.n_forms; i++)
        if (strcmp(compiled.forms[i].cmd->name, cmd) == 0 && strcmp(compiled.forms[i].form->name, form) == 0)
            return &compiled.forms[i];
    fail_msg("no form %s %s", cmd, form);
    return NULL;
}

static const qat_param *imei_param(void)
{
    const qat_command *cmd = form_of("AT+QGSN", "exec")->cmd;
    return qat_params_find(cmd->params, cmd->n_params, "IMEI", 4);
}

static const char *synth_with(const qat_grammar *g, qat_synth_values values, qat_synth_optional parts, char *buf,
                              size_t cap)
{
    qat_synth_opts o = {values, parts, 0, NULL, NULL};
    qat_rng rng;
    qat_rng_seed(&rng, 1);
    qat_synth_result r = qat_synth_line(g, &o, &rng, buf, cap);
    assert_int_equal(r.status, QAT_SYNTH_OK);
    return buf;
}

static void test_extreme_values_exact(void **state)
{
    (void)state;
    char buf[256];
    const qat_grammar *csq = &form_of("AT+CSQ", "exec")->lines[0].patterns[0].g;
    assert_string_equal(synth_with(csq, QAT_SYNTH_LOWEST, QAT_SYNTH_SOME, buf, sizeof buf), "+CSQ: 0,0");
    assert_string_equal(synth_with(csq, QAT_SYNTH_HIGHEST, QAT_SYNTH_SOME, buf, sizeof buf), "+CSQ: 199,99");
    const qat_grammar *qlts = &form_of("AT+QLTS", "exec")->lines[0].patterns[0].g;
    assert_string_equal(synth_with(qlts, QAT_SYNTH_LOWEST, QAT_SYNTH_SOME, buf, sizeof buf),
                        "+QLTS: \"0000/01/01,00:00:00-48\",0");
    assert_string_equal(synth_with(qlts, QAT_SYNTH_HIGHEST, QAT_SYNTH_SOME, buf, sizeof buf),
                        "+QLTS: \"9999/12/31,23:59:59+48\",2");
    const qat_grammar *cereg = urc_grammar("cereg-location");
    assert_string_equal(synth_with(cereg, QAT_SYNTH_LOWEST, QAT_SYNTH_NONE, buf, sizeof buf), "+CEREG: 0");
    assert_string_equal(synth_with(cereg, QAT_SYNTH_HIGHEST, QAT_SYNTH_ALL, buf, sizeof buf),
                        "+CEREG: 5,\"FFFF\",\"FFFFFFFF\",7");
    const qat_grammar *ipr_test = &form_of("AT+IPR", "test")->lines[0].patterns[0].g;
    synth_with(ipr_test, QAT_SYNTH_RANDOM, QAT_SYNTH_SOME, buf, sizeof buf);
    assert_non_null(strstr(buf, "(0,600,1200,2400,4800,9600,14400,19200,38400,57600,115200,230400,460800,921600)"));
}

static void test_digits_luhn_and_count(void **state)
{
    (void)state;
    const qat_param *imei = imei_param();
    assert_non_null(imei);
    char buf[64];
    for (uint64_t seed = 0; seed < 500; seed++) {
        qat_rng rng;
        qat_rng_seed(&rng, seed);
        qat_synth_result r = qat_synth_value(imei, NULL, &rng, buf, sizeof buf);
        assert_int_equal(r.status, QAT_SYNTH_OK);
        assert_int_equal(r.len, 15);
        assert_true(qat_luhn_valid(buf, r.len));
    }
}

static void test_values_checked_by_value_check(void **state)
{
    (void)state;
    static const qat_synth_values modes[] = {QAT_SYNTH_RANDOM, QAT_SYNTH_LOWEST, QAT_SYNTH_HIGHEST};
    char buf[512];
    for (size_t c = 0; c < fx.spec.spec.n_commands; c++) {
        const qat_command *cmd = &fx.spec.spec.commands[c];
        for (size_t i = 0; i < cmd->n_params; i++) {
            for (size_t m = 0; m < 3; m++) {
                qat_synth_opts o = {modes[m], QAT_SYNTH_SOME, 0, NULL, NULL};
                qat_rng rng;
                qat_rng_seed(&rng, c * 131 + i);
                qat_synth_result r = qat_synth_value(&cmd->params[i], &o, &rng, buf, sizeof buf);
                assert_int_equal(r.status, QAT_SYNTH_OK);
                qat_value v = qat_value_check(&cmd->params[i], buf, r.len);
                if (v.status != QAT_VALUE_OK)
                    fail_msg("%s <%s>: \"%s\" refused: %s", cmd->name, cmd->params[i].name, buf,
                             qat_value_status_text(v.status));
            }
        }
    }
}

/* ---- the caller's choices ---- */

static const char *pick_length(void *user, const qat_param *p)
{
    (void)user;
    return strcmp(p->name, "currentrecvlength") == 0 ? "1234" : NULL;
}

static const char *pick_quoted_ip(void *user, const qat_param *p)
{
    (void)user;
    return p->type == QAT_TYPE_IPV4 ? "10.0.0.1" : NULL;
}

static void test_pick_fixes_a_field(void **state)
{
    (void)state;
    const qat_grammar *push = urc_grammar("qiurc-recv-push");
    char buf[128];
    for (uint64_t seed = 0; seed < 20; seed++) {
        qat_synth_opts o = {QAT_SYNTH_RANDOM, QAT_SYNTH_SOME, 0, pick_length, NULL};
        qat_rng rng;
        qat_rng_seed(&rng, seed);
        qat_synth_result r = qat_synth_line(push, &o, &rng, buf, sizeof buf);
        assert_int_equal(r.status, QAT_SYNTH_OK);
        qat_field f[8];
        qat_match m = qat_grammar_match(push, buf, r.len, f, 8);
        assert_int_equal(m.status, QAT_MATCH_OK);
        assert_int_equal(m.n_fields, 2);
        assert_int_equal(f[1].number, 1234);
    }
    qat_synth_opts o = {QAT_SYNTH_RANDOM, QAT_SYNTH_SOME, 0, pick_quoted_ip, NULL};
    qat_rng rng;
    qat_rng_seed(&rng, 5);
    qat_synth_line(urc_grammar("qiurc-incoming"), &o, &rng, buf, sizeof buf);
    assert_non_null(strstr(buf, ",\"10.0.0.1\","));
}

/* ---- determinism and buffers ---- */

static void test_same_seed_same_line(void **state)
{
    (void)state;
    const qat_grammar *g = &form_of("AT+CEREG", "query")->lines[0].patterns[0].g;
    char a[256], b[256];
    for (uint64_t seed = 0; seed < 50; seed++) {
        qat_rng r1, r2;
        qat_rng_seed(&r1, seed);
        qat_rng_seed(&r2, seed);
        qat_synth_line(g, NULL, &r1, a, sizeof a);
        qat_synth_line(g, NULL, &r2, b, sizeof b);
        assert_string_equal(a, b);
        assert_int_equal(r1.s, r2.s);
    }
}

static void test_buffer_too_small(void **state)
{
    (void)state;
    const qat_grammar *g = &form_of("AT*I", "exec")->lines[7].patterns[0].g;
    assert_memory_equal(g->pattern, "ICCID: <iccid>", 14);
    char full[128], small[128];
    for (uint64_t seed = 0; seed < 40; seed++) {
        qat_rng rng, again;
        qat_rng_seed(&rng, seed);
        again = rng;
        qat_synth_result r = qat_synth_line(g, NULL, &rng, full, sizeof full);
        assert_int_equal(r.status, QAT_SYNTH_OK);
        for (size_t cap = 0; cap <= r.len; cap++) { /* the NUL needs a byte too */
            qat_rng copy = again;
            memset(small, 'x', sizeof small);
            qat_synth_result s = qat_synth_line(g, NULL, &copy, small, cap);
            assert_int_equal(s.status, QAT_SYNTH_NO_ROOM);
            assert_int_equal(s.len, 0);
            if (cap)
                assert_int_equal(small[0], '\0');
            assert_int_equal(small[cap], 'x'); /* nothing written past the buffer */
        }
        qat_rng copy = again;
        qat_synth_result s = qat_synth_line(g, NULL, &copy, small, r.len + 1);
        assert_int_equal(s.status, QAT_SYNTH_OK);
        assert_string_equal(small, full);
    }
    qat_rng rng;
    qat_rng_seed(&rng, 3);
    assert_int_equal(qat_synth_line(g, NULL, &rng, NULL, 0).status, QAT_SYNTH_NO_ROOM);
    const qat_param *imei = imei_param();
    assert_int_equal(qat_synth_value(imei, NULL, &rng, small, 15).status, QAT_SYNTH_NO_ROOM);
    assert_int_equal(qat_synth_value(imei, NULL, &rng, small, 16).status, QAT_SYNTH_OK);
}

static void test_bad_grammar(void **state)
{
    (void)state;
    qat_op ops[2];
    memset(ops, 0, sizeof ops);
    ops[0].kind = QAT_OP_GROUP;
    ops[0].other = 7; /* no such op */
    ops[1].kind = QAT_OP_GROUP_END;
    qat_grammar g = {.pattern = "[]", .pattern_len = 2, .ops = ops, .n_ops = 2};
    qat_rng rng;
    qat_rng_seed(&rng, 1);
    char buf[16];
    assert_int_equal(qat_synth_line(&g, NULL, &rng, buf, sizeof buf).status, QAT_SYNTH_BAD_GRAMMAR);
    assert_string_equal(qat_synth_status_text(QAT_SYNTH_NO_ROOM), "buffer too small");
}

static void test_rng(void **state)
{
    (void)state;
    qat_rng r;
    qat_rng_seed(&r, 0);
    assert_true(r.s != 0);
    unsigned seen[6] = {0};
    for (int i = 0; i < 6000; i++)
        seen[qat_rng_below(&r, 6)]++;
    for (int k = 0; k < 6; k++)
        assert_true(seen[k] > 800 && seen[k] < 1200);
    assert_int_equal(qat_rng_below(&r, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_lines_accepted),
        cmocka_unit_test(test_random_values_all_parts),
        cmocka_unit_test(test_extremes_accepted),
        cmocka_unit_test(test_long_repeats_accepted),
        cmocka_unit_test(test_extreme_values_exact),
        cmocka_unit_test(test_digits_luhn_and_count),
        cmocka_unit_test(test_values_checked_by_value_check),
        cmocka_unit_test(test_pick_fixes_a_field),
        cmocka_unit_test(test_same_seed_same_line),
        cmocka_unit_test(test_buffer_too_small),
        cmocka_unit_test(test_bad_grammar),
        cmocka_unit_test(test_rng),
    };
    return cmocka_run_group_tests(tests, load_spec, free_spec);
}
