/* fuzz_stream.c — fuzz target: the stream parser (qat_stream) with a command in flight, or none (read as a raw capture
 * is). Input: the command line sent (no CR), '\n', the module's output. Fed whole, then in pieces: same events. */
#include "fuzz_spec_env.h"
#include "fuzz_target.h"
#include "qat_stream.h"

#include <stdlib.h>
#include <string.h>

#define LINE_CAP_MAX 1056

/* A running FNV-1a digest of the events; payload chunks count as one run of bytes, however split. */
typedef struct {
    uint64_t h;
    bool in_payload;
} digest;

static void mix(digest *d, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        d->h = (d->h ^ b[i]) * 0x100000001b3ull;
}

static void mix_u64(digest *d, uint64_t v) { mix(d, &v, sizeof v); }

static void mix_str(digest *d, const char *s)
{
    if (s)
        mix(d, s, strlen(s) + 1);
}

static void mix_fields(digest *d, const qat_field *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        mix_u64(d, f[i].offset);
        mix(d, f[i].text, f[i].len);
        mix_u64(d, (uint64_t)f[i].number);
    }
}

static void on_event(void *user, const qat_event *ev)
{
    digest *d = user;
    if (ev->kind == QAT_EV_PAYLOAD) {
        if (!d->in_payload)
            mix_u64(d, ev->offset);
        d->in_payload = true;
        mix(d, ev->text, ev->len);
        return;
    }
    d->in_payload = false;
    uint64_t head[] = {ev->kind, ev->offset, ev->line_no, ev->len, ev->violation, ev->n_fields, ev->inferred};
    mix(d, head, sizeof head);
    mix(d, ev->text, ev->len);
    mix_fields(d, ev->fields, ev->n_fields);
    const void *refs[] = {ev->command, ev->form, ev->urc, ev->result};
    mix(d, refs, sizeof refs);
    mix_str(d, ev->erratum);
    mix_str(d, ev->section);
    mix_str(d, ev->message);
}

/* The next piece size of a split drawn from *STATE (an LCG seeded by the input): mostly small. */
static size_t next_piece(uint64_t *state)
{
    *state = *state * 6364136223846793005ull + 1442695040888963407ull;
    size_t n = 1 + (size_t)(*state >> 59);
    return (*state >> 56 & 7) == 0 ? n + 300 : n;
}

/* Parse OUT[0..N) after command CMD (NULL: none in flight), in pieces from SPLIT (0: in one piece). */
static uint64_t parse(const char *cmd, size_t cmd_len, const char *out, size_t n, size_t cap, uint64_t split)
{
    char line[LINE_CAP_MAX];
    digest d = {0xcbf29ce484222325ull, false};
    qat_stream s;
    qat_stream_init(&s, fuzz_spec(), line, cap, on_event, &d);
    qat_stream_infer(&s, cmd ? QAT_INFER_NONE : QAT_INFER_CAPTURE); /* no command: read as a raw capture is */
    if (cmd)
        qat_stream_command(&s, cmd, cmd_len);
    for (size_t at = 0; at < n;) {
        size_t piece = split ? next_piece(&split) : n;
        piece = piece < n - at ? piece : n - at;
        qat_stream_feed(&s, out + at, piece);
        at += piece;
    }
    qat_stream_finish(&s);
    return d.h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *nl = memchr(text, '\n', size);
    const char *out = nl ? nl + 1 : text;
    size_t cmd_len = nl ? (size_t)(nl - text) : 0, n = size - (size_t)(out - text);
    digest seed = {0xcbf29ce484222325ull, false};
    mix(&seed, data, size);
    size_t cap = 16 + (size_t)(seed.h % (LINE_CAP_MAX - 16));
    uint64_t whole = parse(nl ? text : NULL, cmd_len, out, n, cap, 0);
    uint64_t split = parse(nl ? text : NULL, cmd_len, out, n, cap, seed.h | 1);
    if (whole != split)
        abort(); /* the parser is meant to be resumable at any split of the input */
    return 0;
}
