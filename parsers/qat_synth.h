/* qat_synth.h — writes lines a compiled grammar accepts: the generating side of qat_grammar_match.
 * No heap, no global state: the caller owns the output buffer and the random state.
 *
 *     qat_rng rng;
 *     qat_rng_seed(&rng, 42);
 *     char line[256];
 *     qat_synth_result r = qat_synth_line(&g, NULL, &rng, line, sizeof line);
 *     // r.status == QAT_SYNTH_OK: line[0..r.len) is "+CSQ: 17,99" (NUL-terminated), and
 *     // qat_grammar_match(&g, line, r.len, ...) accepts it
 *
 * Every value is chosen from its parameter: an int within the value set (its bounds often, else
 * anywhere inside a range), strings, tokens and text of an allowed length and prefix, hex of the
 * right digit count and case, digits with a valid Luhn check digit when `luhn`, IPv4, enum values,
 * the 2.12 time "yyyy/MM/dd,hh:mm:ss±zz" (a real date, zone -48..+48), quoted as the parameter says.
 * A "(list of supported <x>s)" lists the value set: int ranges "lo-hi", every enum value.
 * Unquoted values never hold a byte that would end them early (the op's stop set). Bytes the
 * synthesizer makes up (strings, tokens, text) are letters, digits and "-_./:", with spaces inside
 * strings and text but never at an end: no quote, comma, semicolon or control byte. Enum values,
 * prefixes and picked values are written as the spec or the caller gives them. */
#ifndef QAT_SYNTH_H
#define QAT_SYNTH_H

#include "qat_grammar.h"

/* xorshift64*: a small PRNG whose whole state the caller holds (copy it to replay a sequence). */
typedef struct {
    uint64_t s;
} qat_rng;

/* Any SEED works, 0 included (it is mixed first). */
void qat_rng_seed(qat_rng *r, uint64_t seed);
uint64_t qat_rng_next(qat_rng *r);
/* Uniform in [0, N); 0 when N is 0. */
uint64_t qat_rng_below(qat_rng *r, uint64_t n);

typedef enum {
    QAT_SYNTH_RANDOM = 0, /* values anywhere in their sets, bounds often */
    QAT_SYNTH_LOWEST,     /* every value at its low end: least int, shortest string, fewest digits, "0...", first enum */
    QAT_SYNTH_HIGHEST     /* every value at its high end: greatest int, longest string, most digits, "F...", last enum */
} qat_synth_values;

typedef enum {
    QAT_SYNTH_SOME = 0, /* each optional part in or out at random; a repeating part 1 to 1+max_repeat times */
    QAT_SYNTH_ALL,      /* every optional part in; a repeating part 1+max_repeat times */
    QAT_SYNTH_NONE      /* every optional part out */
} qat_synth_optional;

/* The caller's choice for a field: the value's text without quotes (they are added when P->quoted),
 * or NULL to let the synthesizer choose. The text is written as given, not checked. */
typedef const char *(*qat_synth_pick)(void *user, const qat_param *p);

/* Options; a NULL pointer or a zeroed struct means: random values, random optional parts,
 * up to 3 extra repetitions, no pick. */
typedef struct {
    qat_synth_values values;
    qat_synth_optional optional;
    unsigned max_repeat;  /* extra repetitions of a "[...]" part at most; 0 stands for 3 */
    qat_synth_pick pick;  /* called for every <field> (and for the chosen side of <a>/<b>), not for lists */
    void *user;
} qat_synth_opts;

typedef enum {
    QAT_SYNTH_OK = 0,
    QAT_SYNTH_NO_ROOM,    /* the line and its NUL do not fit in the caller's buffer */
    QAT_SYNTH_BAD_GRAMMAR /* more ops than QAT_GRAMMAR_MAX_OPS, or an op of unknown kind */
} qat_synth_status;

typedef struct {
    qat_synth_status status;
    size_t len; /* QAT_SYNTH_OK: the bytes written, NUL not counted; 0 otherwise */
} qat_synth_result;

/* Write into BUF[0..CAP) one line G accepts (no CR LF), NUL-terminated. On failure BUF holds an
 * empty string when CAP > 0. RNG advances; the same seed and options give the same line. */
qat_synth_result qat_synth_line(const qat_grammar *g, const qat_synth_opts *o, qat_rng *rng, char *buf, size_t cap);

/* Write one value of P (its field text, quotes included when P->quoted), as qat_synth_line would
 * for a <field> of P; O's `values` applies, its pick does not. A payload parameter writes nothing. */
qat_synth_result qat_synth_value(const qat_param *p, const qat_synth_opts *o, qat_rng *rng, char *buf, size_t cap);

const char *qat_synth_status_text(qat_synth_status s);

#endif
