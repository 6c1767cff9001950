/* emulator/out.h — the emulator's pending output: bytes the session produced, not yet written to the client.
 * A heap buffer that grows up to a cap (beyond it bytes are dropped, as a UART overruns) and drains from the front. */
#ifndef QATSPEC_EMULATOR_OUT_H
#define QATSPEC_EMULATOR_OUT_H

#include <stddef.h>

#define EM_OUT_CAP (1u << 20) /* bytes held at most while the client does not read */

typedef struct {
    char *data;
    size_t len, cap;
} em_out;

/* Append S[0..N); bytes past EM_OUT_CAP are dropped. */
void em_out_put(em_out *o, const char *s, size_t n);
void em_out_str(em_out *o, const char *s);
/* Remove the first N bytes (they were written). */
void em_out_consume(em_out *o, size_t n);
void em_out_clear(em_out *o);
/* Replace DATA[AT..AT+DEL) with S[0..N) (the faults' rewrites; AT+DEL must not pass LEN). */
void em_out_splice(em_out *o, size_t at, size_t del, const char *s, size_t n);
/* The offset of the first S at or after FROM, or LEN when there is none. */
size_t em_out_find(const em_out *o, size_t from, const char *s);
void em_out_free(em_out *o);

#endif
