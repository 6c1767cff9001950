/* test_mutator.c — cmocka tests of the grammar-aware mutator's engine (fuzz/mutator) on the shipped
 * spec: deterministic per seed, every mutation kind reached, results within bounds, and what each
 * structural mutation does to a valid stream, as our stream parser sees it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qat_cmdline.h"
#include "qat_stream.h"
#include "qm_engine.h"
#include "qm_spec_source.h"

static qm_spec_source *source;
static const qat_compiled *spec;

static int open_spec(void **state)
{
    (void)state;
    source = qm_spec_source_open();
    spec = source ? qm_spec_source_compiled(source) : NULL;
    return spec ? 0 : -1;
}

static int close_spec(void **state)
{
    (void)state;
    qm_spec_source_close(source);
    return 0;
}

/* ---- valid inputs: the command line, '\n', the module's output ---- */

#define INPUT(s) {(const uint8_t *)s, sizeof s - 1}

typedef struct {
    const uint8_t *bytes;
    size_t len;
} input;

static const input corpus[] = {
    INPUT("AT+CSQ\nAT+CSQ\r\r\n+CSQ: 16,99\r\n\r\nOK\r\n"),
    INPUT("AT+QIRD=0,1500\n\r\n+QIRD: 10\r\n0123456789\r\n\r\nOK\r\n"),
    INPUT("AT+CEREG?\n\r\n+CEREG: 2,1,\"DE10\",\"05F7B51F\",7\r\n\r\n+QIURC: \"recv\",0\r\n\r\nOK\r\n"),
    INPUT("AT+QIOPEN=1,0,\"TCP\",\"10.0.0.1\",2901,0,1\n\r\nOK\r\n\r\n+QIOPEN: 0,0\r\n\r\n+QIURC: \"recv\",0,5\r\nhello\r\n"),
    INPUT("AT+QCCID\n\r\n+QCCID:89860621260002571479\r\n\r\nOK\r\n"),
    INPUT("AT+QLTS\n\r\n+QLTS: \"2023/02/13,08:55:04+32\",0\r\n\r\nOK\r\n"),
    INPUT("AT+QGSN\n\r\n868739057053443\r\n\r\nOK\r\n"),
    INPUT("AT+QCELLEX=1\n\r\n+QCELL: \"servingcell\",\"LTE\",460,1,\"DE10\",\"5F7B51F\",86,4\r\n\r\nOK\r\n"),
    INPUT("AT+QISEND=0,10\n\r\n> 0123456789\r\n\r\nSEND OK\r\n"),
};
#define N_CORPUS (sizeof corpus / sizeof corpus[0])

/* ---- what our stream parser says of an input ---- */

typedef struct {
    unsigned violations[QAT_V_COUNT];
    unsigned n_violations, n_deviations; /* a deviation: a reading an erratum of the spec allows */
    const qat_urc *urcs[32];
    size_t n_urcs, n_finals, n_data_echoes;
} verdict;

static void on_event(void *user, const qat_event *ev)
{
    verdict *v = user;
    if (ev->kind == QAT_EV_VIOLATION && !ev->erratum) {
        v->violations[ev->violation]++;
        v->n_violations++;
    }
    v->n_deviations += ev->erratum != NULL;
    v->n_finals += ev->kind == QAT_EV_FINAL;
    v->n_data_echoes += ev->kind == QAT_EV_DATA_ECHO;
    if (ev->kind == QAT_EV_URC && v->n_urcs < 32)
        v->urcs[v->n_urcs++] = ev->urc;
}

static verdict judge(const uint8_t *bytes, size_t len)
{
    static char line[4096];
    static qat_stream s;
    verdict v;
    memset(&v, 0, sizeof v);
    const uint8_t *nl = memchr(bytes, '\n', len);
    size_t cmd_len = nl ? (size_t)(nl - bytes) : len;
    qat_stream_init(&s, spec, line, sizeof line, on_event, &v);
    qat_stream_command(&s, (const char *)bytes, cmd_len);
    if (nl)
        qat_stream_feed(&s, (const char *)nl + 1, len - cmd_len - 1);
    qat_stream_finish(&s);
    return v;
}

static bool saw(const verdict *v, qat_violation k) { return v->violations[k] > 0; }

static const char *show(const uint8_t *bytes, size_t len)
{
    static char out[2048];
    size_t o = 0;
    for (size_t i = 0; i < len && o + 8 < sizeof out; i++)
        o += (size_t)snprintf(out + o, sizeof out - o, bytes[i] >= 0x20 && bytes[i] < 0x7f ? "%c" : "\\x%02x",
                              bytes[i]);
    return out;
}

static void test_corpus_is_valid(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_CORPUS; i++) {
        verdict v = judge(corpus[i].bytes, corpus[i].len);
        if (v.n_violations)
            fail_msg("corpus %zu has %u violations: %s", i, v.n_violations, show(corpus[i].bytes, corpus[i].len));
    }
}

/* ---- determinism, bounds, reach ---- */

static void test_same_seed_same_mutations(void **state)
{
    (void)state;
    qm_engine *a = qm_engine_new(spec, 7), *b = qm_engine_new(spec, 7), *other = qm_engine_new(spec, 8);
    size_t differ = 0;
    for (size_t i = 0; i < 500; i++) {
        const input *in = &corpus[i % N_CORPUS], *donor = &corpus[(i * 7 + 3) % N_CORPUS];
        uint8_t *ra, *rb, *ro;
        size_t na = qm_engine_mutate(a, in->bytes, in->len, donor->bytes, donor->len, 4096, &ra);
        size_t nb = qm_engine_mutate(b, in->bytes, in->len, donor->bytes, donor->len, 4096, &rb);
        size_t no = qm_engine_mutate(other, in->bytes, in->len, donor->bytes, donor->len, 4096, &ro);
        assert_int_equal(na, nb);
        assert_memory_equal(ra, rb, na);
        assert_string_equal(qm_engine_describe(a), qm_engine_describe(b));
        differ += no != na || memcmp(ro, ra, na) != 0;
    }
    assert_true(differ > 250); /* another seed, other mutations */
    qm_engine_free(a);
    qm_engine_free(b);
    qm_engine_free(other);
}

static void test_reseeding_replays(void **state)
{
    (void)state;
    qm_engine *e = qm_engine_new(spec, 1);
    uint8_t first[4096], *r;
    qm_engine_seed(e, 99);
    size_t n = qm_engine_mutate(e, corpus[1].bytes, corpus[1].len, NULL, 0, sizeof first, &r);
    memcpy(first, r, n);
    qm_engine_mutate(e, corpus[2].bytes, corpus[2].len, NULL, 0, sizeof first, &r);
    qm_engine_seed(e, 99);
    assert_int_equal(qm_engine_mutate(e, corpus[1].bytes, corpus[1].len, NULL, 0, sizeof first, &r), n);
    assert_memory_equal(r, first, n);
    qm_engine_free(e);
}

/* 10000 mutations, half of them of an earlier result (so hostile inputs come too), under sizes from
 * tiny to roomy: each kind occurs, no result is empty or longer than asked. */
static void test_every_kind_within_bounds(void **state)
{
    (void)state;
    static const size_t sizes[] = {1, 8, 40, 128, 512, 4096};
    static uint8_t prev[4096];
    size_t prev_len = 0, counts[QM_KIND_COUNT] = {0};
    qm_engine *e = qm_engine_new(spec, 2026);
    for (size_t i = 0; i < 10000; i++) {
        const input *in = &corpus[i % N_CORPUS], *donor = &corpus[(i / N_CORPUS) % N_CORPUS];
        bool again = prev_len && i % 2;
        size_t max = sizes[(i / 3) % (sizeof sizes / sizeof sizes[0])];
        uint8_t *r;
        size_t n = qm_engine_mutate(e, again ? prev : in->bytes, again ? prev_len : in->len, donor->bytes,
                                    donor->len, max, &r);
        if (n == 0 || n > max)
            fail_msg("mutation %zu: %zu bytes for a maximum of %zu", i, n, max);
        qm_kind kinds[QM_MAX_STACK];
        size_t k = qm_engine_applied(e, kinds, QM_MAX_STACK);
        for (size_t j = 0; j < k; j++)
            counts[kinds[j]]++;
        memcpy(prev, r, n);
        prev_len = i % 16 == 15 ? 0 : n; /* back to the corpus now and then */
    }
    for (size_t k = 0; k < QM_KIND_COUNT; k++)
        if (counts[k] == 0)
            fail_msg("mutation %s never occurred", qm_kind_name((qm_kind)k));
    qm_engine_free(e);
}

static void test_hostile_inputs(void **state)
{
    (void)state;
    static uint8_t big[70000];
    for (size_t i = 0; i < sizeof big; i++) /* many short lines, one very long one, NULs, stray CRs */
        big[i] = i < 3 ? "AT\n"[i] : i % 7 == 0 ? '\n' : i % 11 == 0 ? '\r' : i > 40000 ? 'A' : (uint8_t)(i * 31);
    const input hostile[] = {
        {(const uint8_t *)"", 0},        INPUT("\n"),       INPUT("AT+CSQ"),        INPUT("\n\n\n\r\r"),
        INPUT("AT+QIRD=0,1500\n\r\n+QIRD: 99999\r\n"),       INPUT("\0\0\0\n\0\r\n\0"), {big, sizeof big},
    };
    qm_engine *e = qm_engine_new(spec, 5);
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++)
        for (size_t k = 0; k < 200; k++) {
            size_t max = k % 2 ? 1 + k : 100000;
            uint8_t *r;
            size_t n = qm_engine_mutate(e, hostile[i].bytes, hostile[i].len, big, k * 97, max, &r);
            assert_true(n > 0 && n <= max);
        }
    uint8_t *r;
    assert_int_equal(qm_engine_mutate(e, corpus[0].bytes, corpus[0].len, NULL, 0, 0, &r), 0);
    assert_int_equal(qm_engine_apply(e, QM_KIND_COUNT, corpus[0].bytes, corpus[0].len, NULL, 0, 100, &r), 0);
    qm_engine_free(e);
}

/* ---- what the mutations do ---- */

typedef bool (*expectation)(const verdict *before, const verdict *after, const uint8_t *out, size_t len);

/* Apply KIND to every corpus input under SEEDS seeds; each result must meet EXPECT. Returns how often it applied. */
static size_t check_kind(qm_kind kind, size_t seeds, expectation expect)
{
    qm_engine *e = qm_engine_new(spec, 0);
    size_t applied = 0;
    for (size_t i = 0; i < N_CORPUS; i++)
        for (size_t s = 0; s < seeds; s++) {
            qm_engine_seed(e, s);
            uint8_t *r;
            size_t n = qm_engine_apply(e, kind, corpus[i].bytes, corpus[i].len, corpus[(i + 1) % N_CORPUS].bytes,
                                       corpus[(i + 1) % N_CORPUS].len, 8192, &r);
            if (!n)
                continue;
            applied++;
            verdict before = judge(corpus[i].bytes, corpus[i].len), after = judge(r, n);
            if (!expect(&before, &after, r, n))
                fail_msg("%s of corpus %zu (seed %zu) gave: %s", qm_kind_name(kind), i, s, show(r, n));
        }
    qm_engine_free(e);
    return applied;
}

/* A field out of its range: a bad line (an unexpected one when the line has no literal to know it by,
 * like a bare IMEI), or a line only an erratum's reading of the spec accepts. */
static bool bad_line(const verdict *before, const verdict *after, const uint8_t *out, size_t len)
{
    (void)out, (void)len;
    return saw(after, QAT_V_BAD_LINE) || saw(after, QAT_V_UNEXPECTED_LINE) ||
           after->n_deviations > before->n_deviations;
}

static void test_out_of_range_is_a_bad_line(void **state)
{
    (void)state;
    assert_true(check_kind(QM_FIELD_OUT_OF_RANGE, 40, bad_line) > 200);
}

/* A lying length: the announced bytes are not followed by what must follow (payload-length), the parser
 * waits for bytes that never come (payload-cut, or the result code eaten:
 * missing-line), reads on into the lines after (a line end cut in two: lf-without-cr, stray-cr), leaves
 * bytes over (unexpected-line, unknown-urc), or a length outside its range (bad-line). */
static bool lying_length_seen(const verdict *before, const verdict *after, const uint8_t *out, size_t len)
{
    (void)before, (void)out, (void)len;
    static const qat_violation seen[] = {QAT_V_PAYLOAD_LENGTH,  QAT_V_PAYLOAD_CUT, QAT_V_MISSING_LINE,
                                         QAT_V_LF_WITHOUT_CR,   QAT_V_STRAY_CR,
                                         QAT_V_UNEXPECTED_LINE, QAT_V_UNKNOWN_URC, QAT_V_BAD_LINE};
    for (size_t i = 0; i < sizeof seen / sizeof seen[0]; i++)
        if (saw(after, seen[i]))
            return true;
    return false;
}

static void test_lying_length_is_seen(void **state)
{
    (void)state;
    assert_true(check_kind(QM_PAYLOAD_LENGTH, 40, lying_length_seen) >= 80);
}

/* A URC moved among the response lines is still read as that URC; one of the spec's put there (the
 * input had none) is read as a URC too, or as the data echoed after a prompt. */
static bool same_urcs(const verdict *before, const verdict *after, const uint8_t *out, size_t len)
{
    (void)out, (void)len;
    for (size_t i = 0; i < before->n_urcs; i++) {
        bool found = false;
        for (size_t k = 0; k < after->n_urcs && !found; k++)
            found = after->urcs[k] == before->urcs[i];
        if (!found)
            return false;
    }
    bool as_data = after->n_data_echoes > before->n_data_echoes;
    return after->n_urcs >= before->n_urcs && (after->n_urcs || as_data) && !saw(after, QAT_V_UNKNOWN_URC);
}

static void test_moved_urc_is_still_a_urc(void **state)
{
    (void)state;
    assert_true(check_kind(QM_URC_TO_RESPONSE, 20, same_urcs) > 100);
}

/* The command line becomes another form the spec knows. */
static bool command_in_spec(const verdict *before, const verdict *after, const uint8_t *out, size_t len)
{
    (void)before, (void)after;
    const uint8_t *nl = memchr(out, '\n', len);
    qat_cmd cmds[8];
    qat_field fields[40];
    return nl && qat_cmdline_parse(spec, (const char *)out, (size_t)(nl - out), cmds, 8, fields, 40).status ==
                     QAT_CMDLINE_OK;
}

static void test_command_form_is_in_the_spec(void **state)
{
    (void)state;
    assert_true(check_kind(QM_COMMAND_FORM, 20, command_in_spec) == N_CORPUS * 20);
}

/* Lines broken: the parser notices, unless they are data the module echoes after a prompt (any bytes). */
static bool some_violation(const verdict *before, const verdict *after, const uint8_t *out, size_t len)
{
    (void)out, (void)len;
    return after->n_violations > 0 || after->n_data_echoes > before->n_data_echoes;
}

static void test_broken_structure_is_noticed(void **state)
{
    (void)state;
    assert_true(check_kind(QM_LINE_MERGE, 10, some_violation) > 50);
    assert_true(check_kind(QM_LINE_SPLIT, 10, some_violation) > 50);
}

/* Payload bytes changed: the parser notices, or (a result code put inside, the length made honest)
 * reads it as payload and sees no more result codes than before. */
static bool payload_change_seen(const verdict *before, const verdict *after, const uint8_t *out, size_t len)
{
    (void)out, (void)len;
    return after->n_violations > 0 || after->n_finals == before->n_finals;
}

static void test_payload_bytes_are_read_by_length(void **state)
{
    (void)state;
    assert_true(check_kind(QM_PAYLOAD_BYTES, 40, payload_change_seen) >= 80);
}

/* A splice brings in lines of the other input: the result holds one of its lines. */
static void test_splice_takes_the_donors_lines(void **state)
{
    (void)state;
    static const input in = INPUT("AT+CSQ\n\r\n+CSQ: 16,99\r\n\r\nOK\r\n");
    static const input donor = INPUT("AT+QLTS\n\r\n+QLTS: \"2023/02/13,08:55:04+32\",0\r\n\r\nERROR\r\n");
    qm_engine *e = qm_engine_new(spec, 3);
    for (size_t s = 0; s < 50; s++) {
        uint8_t *r;
        size_t n = qm_engine_apply(e, QM_SPLICE, in.bytes, in.len, donor.bytes, donor.len, 4096, &r);
        assert_true(n > 0);
        char text[4096];
        memcpy(text, r, n);
        text[n] = '\0';
        assert_true(strstr(text, "+QLTS: ") || strstr(text, "ERROR"));
        assert_memory_equal(text, "AT+CSQ\n", 7);
    }
    qm_engine_free(e);
}

/* Each kind applies to some input of the corpus and changes it. */
static void test_each_kind_changes_its_input(void **state)
{
    (void)state;
    qm_engine *e = qm_engine_new(spec, 11);
    for (size_t k = 0; k < QM_KIND_COUNT; k++) {
        size_t changed = 0;
        for (size_t i = 0; i < N_CORPUS; i++) {
            uint8_t *r;
            size_t n = qm_engine_apply(e, (qm_kind)k, corpus[i].bytes, corpus[i].len, corpus[0].bytes, corpus[0].len,
                                       4096, &r);
            changed += n && (n != corpus[i].len || memcmp(r, corpus[i].bytes, n) != 0);
            if (n)
                assert_string_equal(qm_engine_describe(e) + 4, qm_kind_name((qm_kind)k));
        }
        if (!changed)
            fail_msg("%s changed no input", qm_kind_name((qm_kind)k));
    }
    qm_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus_is_valid),
        cmocka_unit_test(test_same_seed_same_mutations),
        cmocka_unit_test(test_reseeding_replays),
        cmocka_unit_test(test_every_kind_within_bounds),
        cmocka_unit_test(test_hostile_inputs),
        cmocka_unit_test(test_out_of_range_is_a_bad_line),
        cmocka_unit_test(test_lying_length_is_seen),
        cmocka_unit_test(test_moved_urc_is_still_a_urc),
        cmocka_unit_test(test_command_form_is_in_the_spec),
        cmocka_unit_test(test_broken_structure_is_noticed),
        cmocka_unit_test(test_payload_bytes_are_read_by_length),
        cmocka_unit_test(test_splice_takes_the_donors_lines),
        cmocka_unit_test(test_each_kind_changes_its_input),
    };
    return cmocka_run_group_tests(tests, open_spec, close_spec);
}
