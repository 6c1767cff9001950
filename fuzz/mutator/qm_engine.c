/* qm_engine.c — the mutator's engine: parses an input, applies one or a few mutations chosen by its
 * own random state, and keeps their result within the size asked. Every bit of state is in qm_engine. */
#include "qm_engine.h"

#include <stdlib.h>
#include <string.h>

#include "qm_mutation.h"

struct qm_engine {
    const qat_compiled *spec;
    qat_rng rng;
    qm_parser parser;
    qm_parsed in, donor;
    char text[QM_TEXT_CAP];
    char number[QM_NUMBER_CAP];
    uint8_t *buf[2]; /* results, in turns: one mutation reads the other's */
    size_t buf_cap;
    qm_kind applied[QM_MAX_STACK];
    size_t n_applied;
    char description[QM_MAX_STACK * 24 + 8];
};

static const struct {
    const char *name;
    qm_mutation run;
} kinds[QM_KIND_COUNT] = {
    [QM_LINE_DROP] = {"line-drop", qm_line_drop},
    [QM_LINE_DUP] = {"line-dup", qm_line_dup},
    [QM_LINE_SWAP] = {"line-swap", qm_line_swap},
    [QM_LINE_SPLIT] = {"line-split", qm_line_split},
    [QM_LINE_MERGE] = {"line-merge", qm_line_merge},
    [QM_URC_TO_RESPONSE] = {"urc-to-response", qm_urc_to_response},
    [QM_URC_TO_PAYLOAD] = {"urc-to-payload", qm_urc_to_payload},
    [QM_FIELD_OUT_OF_RANGE] = {"field-out-of-range", qm_field_out_of_range},
    [QM_FIELD_EXTREME] = {"field-extreme", qm_field_extreme},
    [QM_FIELD_OTHER_TYPE] = {"field-other-type", qm_field_other_type},
    [QM_SEPARATOR] = {"separator", qm_separator},
    [QM_QUOTING] = {"quoting", qm_quoting},
    [QM_PAYLOAD_LENGTH] = {"payload-length", qm_payload_length},
    [QM_PAYLOAD_BYTES] = {"payload-bytes", qm_payload_bytes},
    [QM_COMMAND_FORM] = {"command-form", qm_command_form},
    [QM_SPLICE] = {"splice", qm_splice},
    [QM_SPEC_LINE] = {"spec-line", qm_spec_line},
};

const char *qm_kind_name(qm_kind k) { return (unsigned)k < QM_KIND_COUNT ? kinds[k].name : NULL; }

qm_engine *qm_engine_new(const qat_compiled *spec, uint64_t seed)
{
    qm_engine *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->spec = spec;
    qm_engine_seed(e, seed);
    return e;
}

void qm_engine_free(qm_engine *e)
{
    if (!e)
        return;
    free(e->buf[0]);
    free(e->buf[1]);
    free(e);
}

void qm_engine_seed(qm_engine *e, uint64_t seed) { qat_rng_seed(&e->rng, seed); }

/* Room for results of MAX bytes in both buffers. */
static bool reserve(qm_engine *e, size_t max)
{
    if (max <= e->buf_cap)
        return true;
    for (int i = 0; i < 2; i++) {
        uint8_t *b = realloc(e->buf[i], max);
        if (!b)
            return false;
        e->buf[i] = b;
    }
    e->buf_cap = max;
    return true;
}

static void describe(qm_engine *e)
{
    strcpy(e->description, "qat");
    for (size_t i = 0; i < e->n_applied; i++) {
        strcat(e->description, i ? "+" : "-");
        strcat(e->description, kinds[e->applied[i]].name);
    }
}

/* One mutation of E->in into OUT[0..MAX): KIND, or (ANY) the kinds after it in turn while one does
 * not apply or does not fit. Returns the result's length, 0 when none gave one. */
static size_t mutate_once(qm_engine *e, qm_kind kind, bool any, const qm_parsed *donor, uint8_t *out, size_t max)
{
    qm_ctx c = {e->spec, &e->rng, &e->in, donor ? donor : &e->in, e->text, e->number};
    for (size_t k = 0; k < (any ? (size_t)QM_KIND_COUNT : 1); k++) {
        qm_kind kk = (qm_kind)((kind + k) % QM_KIND_COUNT);
        qm_writer w;
        qm_writer_init(&w, out, max);
        if (kinds[kk].run(&c, &w) && !w.full && w.len > 0) {
            e->applied[e->n_applied++] = kk;
            return w.len;
        }
    }
    return 0;
}

/* No mutation fitted: the input as far as it fits (a lone '\n' for an empty one). */
static size_t unchanged(qm_engine *e, const uint8_t *in, size_t n, size_t max, uint8_t **out)
{
    size_t len = n < max ? n : max;
    if (len)
        memcpy(e->buf[0], in, len);
    else
        e->buf[0][len++] = '\n';
    *out = e->buf[0];
    return len;
}

static size_t run(qm_engine *e, int forced, const uint8_t *in, size_t n, const uint8_t *donor, size_t dn, size_t max,
                  uint8_t **out)
{
    e->n_applied = 0;
    *out = NULL;
    if (max == 0 || !reserve(e, max)) {
        describe(e);
        return 0;
    }
    if (donor)
        qm_parse(&e->donor, &e->parser, e->spec, donor, dn);
    size_t steps = forced >= 0 || qat_rng_below(&e->rng, 4) ? 1 : 2 + qat_rng_below(&e->rng, QM_MAX_STACK - 1);
    uint8_t *cur = NULL; /* the last result; the input until there is one */
    size_t cur_len = n;
    for (size_t s = 0; s < steps; s++) {
        qm_parse(&e->in, &e->parser, e->spec, cur ? cur : in, cur_len);
        qm_kind kind = forced >= 0 ? (qm_kind)forced : (qm_kind)qat_rng_below(&e->rng, QM_KIND_COUNT);
        size_t len = mutate_once(e, kind, forced < 0, donor ? &e->donor : NULL, e->buf[s % 2], max);
        if (!len)
            break;
        cur = e->buf[s % 2];
        cur_len = len;
    }
    describe(e);
    if (forced >= 0 && !e->n_applied)
        return 0;
    if (!e->n_applied)
        return unchanged(e, in, n, max, out);
    *out = cur;
    return cur_len;
}

size_t qm_engine_mutate(qm_engine *e, const uint8_t *in, size_t n, const uint8_t *donor, size_t dn, size_t max,
                        uint8_t **out)
{
    return run(e, -1, in, n, donor, dn, max, out);
}

size_t qm_engine_apply(qm_engine *e, qm_kind kind, const uint8_t *in, size_t n, const uint8_t *donor, size_t dn,
                       size_t max, uint8_t **out)
{
    if ((unsigned)kind >= QM_KIND_COUNT) {
        *out = NULL;
        return 0;
    }
    return run(e, (int)kind, in, n, donor, dn, max, out);
}

size_t qm_engine_applied(const qm_engine *e, qm_kind *kinds_out, size_t max)
{
    size_t n = e->n_applied < max ? e->n_applied : max;
    memcpy(kinds_out, e->applied, n * sizeof *kinds_out);
    return n;
}

const char *qm_engine_describe(const qm_engine *e) { return e->description; }
