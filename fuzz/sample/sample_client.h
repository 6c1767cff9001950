/* sample_client.h — a small AT client of the kind firmware teams write for a Quectel-style module, with five
 * bugs that real AT parsers have had, each switched on by a flag: the target of the fuzzing guide's example. */
#ifndef SAMPLE_CLIENT_H
#define SAMPLE_CLIENT_H

#include <stdbool.h>
#include <stddef.h>

/* The seeded bugs. With none set the client is correct (as far as we know: fuzz it). */
enum {
    SAMPLE_BUG_OK_IN_PAYLOAD = 1u << 0,  /* a +QIRD read ends at "\r\nOK\r\n" inside the data, not after <len> bytes */
    SAMPLE_BUG_TRUSTED_LENGTH = 1u << 1, /* the data of +QIRD is copied for as many bytes as <len> says */
    SAMPLE_BUG_URC_IN_RESPONSE = 1u << 2, /* URCs inside a response are kept with its lines, unbounded */
    SAMPLE_BUG_MISSING_FINAL = 1u << 3,  /* once a response has begun, the reader waits for its final for ever */
    SAMPLE_BUG_LONG_LINE = 1u << 4,      /* a line is copied into the line buffer without a bound */
};

#define SAMPLE_LINE_MAX 256
#define SAMPLE_LINES_MAX 4
#define SAMPLE_DATA_MAX 1500 /* the most AT+QIRD returns */
#define SAMPLE_IDLE_LIMIT 3  /* reads that bring nothing before the client gives up: its timeout */

/* Where the client's bytes come from: up to N bytes into BUF, 0 when none are there yet. */
typedef size_t (*sample_read_fn)(void *ctx, char *buf, size_t n);

typedef enum { SAMPLE_OK, SAMPLE_ERROR, SAMPLE_TIMEOUT } sample_status;

typedef struct {
    sample_status status;
    char (*lines)[SAMPLE_LINE_MAX]; /* the response's information lines, SAMPLE_LINES_MAX of them at most */
    size_t n_lines;
    size_t n_urcs;           /* URCs seen while the command ran */
    char *data;              /* the +QIRD data, SAMPLE_DATA_MAX bytes */
    size_t data_len, data_announced;
} sample_response;

/* Allocate the response's buffers (heap, so that an overflow is caught by ASan); false when out of memory. */
bool sample_response_init(sample_response *r);
void sample_response_free(sample_response *r);

/* Read the answer to one command (sent already) through READ: information lines, URCs, +QIRD data, the final. */
void sample_read_response(sample_response *r, unsigned bugs, sample_read_fn read, void *ctx);

#endif
