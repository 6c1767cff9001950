/* gen/corpus_payload.c — payload edge cases for the stream target, made from a drawn answer that carries a payload:
 * its length field rewritten and its bytes replaced, truthfully (the parser must read it clean) or lying. */
#include "corpus.h"

#include "util.h"
#include "qat_synth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAYLOAD_FULL 1460 /* the most one TCP segment carries: what a read of a busy socket returns */
#define LIE_BY 5          /* bytes a lying length is off by */

typedef struct {
    const char *cmd, *out;
    size_t cmd_len, out_len;
    corpus_scan at; /* where its length field and payload are */
} carrier;

/* Copy N bytes of SRC to *W and advance it. */
static void put(char **w, const char *src, size_t n)
{
    if (n)
        memcpy(*w, src, n);
    *w += n;
}

/* OUT with the payload replaced by BYTES[0..N) and the length field by ANNOUNCED. */
static void add_variant(corpus *c, const qat_compiled *spec, const carrier *k, const char *bytes, size_t n,
                        size_t announced, bool lie)
{
    const corpus_scan *a = &k->at;
    char digits[24];
    size_t dn = (size_t)snprintf(digits, sizeof digits, "%zu", announced);
    size_t after_length = a->length_off + a->length_len, tail = a->payload_off + a->payload_len;
    size_t size = k->out_len - a->length_len + dn - a->payload_len + n;
    char *v = heap_resize(NULL, size + 1, 1), *w = v;
    put(&w, k->out, a->length_off);
    put(&w, digits, dn);
    put(&w, k->out + after_length, a->payload_off - after_length);
    put(&w, bytes, n);
    put(&w, k->out + tail, k->out_len - tail);
    const char *origin = "lie";
    if (!lie) {
        corpus_scan r;
        corpus_scan_stream(spec, k->cmd, k->cmd_len, v, size, &r);
        origin = r.violations ? "edge" : "payload";
    }
    corpus_add_stream(c, origin, k->cmd, k->cmd_len, v, size);
    free(v);
}

static void add_edges(corpus *c, const qat_compiled *spec, const carrier *k)
{
    static const char ok_inside[] = "\r\nOK\r\n", ok_between[] = "ab\r\nOK\r\ncd";
    char *full = heap_resize(NULL, PAYLOAD_FULL, 1);
    qat_rng rng;
    qat_rng_seed(&rng, PAYLOAD_FULL);
    for (size_t i = 0; i < PAYLOAD_FULL; i++)
        full[i] = (char)qat_rng_below(&rng, 256);
    char nuls[16] = {0};
    add_variant(c, spec, k, ok_inside, sizeof ok_inside - 1, sizeof ok_inside - 1, false);
    add_variant(c, spec, k, ok_between, sizeof ok_between - 1, sizeof ok_between - 1, false);
    add_variant(c, spec, k, NULL, 0, 0, false);
    add_variant(c, spec, k, full, PAYLOAD_FULL, PAYLOAD_FULL, false);
    add_variant(c, spec, k, nuls, sizeof nuls, sizeof nuls, false);
    add_variant(c, spec, k, ok_between, sizeof ok_between - 1, sizeof ok_between - 1 + LIE_BY, true);
    add_variant(c, spec, k, ok_between, sizeof ok_between - 1, sizeof ok_between - 1 - LIE_BY, true);
    add_variant(c, spec, k, full, PAYLOAD_FULL, PAYLOAD_FULL + LIE_BY, true);
    add_variant(c, spec, k, NULL, 0, LIE_BY, true);
    free(full);
}

void corpus_payload_edges(corpus *c, const qat_compiled *spec, const bench_session *s)
{
    bool done[2] = {false, false}; /* a payload after an information line; after a URC */
    for (size_t i = 0; i < s->n_pairs && !(done[0] && done[1]); i++) {
        const bench_pair *p = &s->pairs[i];
        carrier k = {s->cmds + p->cmd_off, s->out + p->out_off, p->cmd_len, p->out_len, {0}};
        corpus_scan_stream(spec, k.cmd, k.cmd_len, k.out, k.out_len, &k.at);
        if (k.at.violations || !k.at.has_payload || done[k.at.payload_after_urc])
            continue;
        done[k.at.payload_after_urc] = true;
        add_edges(c, spec, &k);
    }
}
