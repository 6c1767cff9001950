/* bench_stream.h — a realistic modem session made from the spec, for `qatspec bench` (and later, fuzz seeds).
 * Command lines and the module's answers: echo, lines, URCs, payloads, prompts; every byte valid per the spec. */
#ifndef QATSPEC_BENCH_STREAM_H
#define QATSPEC_BENCH_STREAM_H

#include "qat_compiled.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One command line and what the module sent after it, up to the next command (URCs included).
 * A pair without a command (CMD_LEN 0) holds output alone: the session's start, or a capture. */
typedef struct {
    size_t cmd_off, cmd_len; /* the command line in bench_session.cmds, without its CR */
    size_t out_off, out_len; /* the module's bytes in bench_session.out */
} bench_pair;

/* What a session is made of. LINES counts lines with content (echoes, information lines, URCs,
 * result codes, echoed data), not the blank CR LF of the framing. */
typedef struct {
    uint64_t commands, lines, urcs, payloads, prompts;
    uint64_t payload_bytes;   /* raw bytes a length field announced (+QIRD data, +QIURC "recv" pushes) */
    uint64_t data_echo_bytes; /* data sent after a prompt, echoed by the module (counted as line bytes) */
    uint64_t rejected;        /* synthesized lines or commands the spec reads as something else: redrawn */
} bench_mix;

typedef struct {
    char *out; /* the module's output, every pair's bytes one after the other */
    size_t out_len, out_cap;
    char *cmds; /* the command lines, one after the other, no separators */
    size_t cmds_len, cmds_cap;
    bench_pair *pairs;
    size_t n_pairs, pairs_cap;
    bench_mix mix;
} bench_session;

typedef void (*bench_progress)(void *user, size_t done, size_t target);

/* Fill S (zeroed by the caller) with a session of about TARGET output bytes, drawn from C with SEED:
 * the same seed gives the same bytes. PROGRESS, when not NULL, hears of every MiB or so.
 * False when the spec offers nothing to generate; S then holds what was made (free it). */
bool bench_generate(bench_session *s, const qat_compiled *c, uint64_t seed, size_t target, bench_progress progress,
                    void *user);

/* Make S (zeroed by the caller) one pair without a command over BYTES[0..LEN), which S takes over
 * (a heap block: bench_free frees it). */
void bench_adopt(bench_session *s, char *bytes, size_t len);

void bench_free(bench_session *s);

#endif
