/* qat_value.h — checks one field's text against its parameter's type and value set.
 * No allocation, no global state: the result points into the caller's text. */
#ifndef QAT_VALUE_H
#define QAT_VALUE_H

#include "qat_spec.h"

typedef enum {
    QAT_VALUE_OK = 0,
    QAT_VALUE_EMPTY,            /* nothing where a value was required */
    QAT_VALUE_MISSING_QUOTE,    /* a quoted type without its quotes, or an unclosed quote */
    QAT_VALUE_UNEXPECTED_QUOTE, /* quotes around a bare type */
    QAT_VALUE_NOT_A_NUMBER,     /* int: not [-]digits */
    QAT_VALUE_OVERFLOW,         /* int: does not fit in 64 bits */
    QAT_VALUE_OUT_OF_RANGE,     /* int: outside the value set */
    QAT_VALUE_BAD_CHAR,         /* a byte the type does not allow (control byte, quote, comma, non-digit, non-hex) */
    QAT_VALUE_TOO_SHORT,        /* fewer bytes or digits than the type asks */
    QAT_VALUE_TOO_LONG,         /* more bytes or digits than the type allows */
    QAT_VALUE_BAD_LUHN,         /* digits: the Luhn check digit is wrong */
    QAT_VALUE_BAD_CASE,         /* hex: letters in the wrong case */
    QAT_VALUE_NOT_IN_ENUM,      /* enum: not one of the values */
    QAT_VALUE_BAD_PREFIX,       /* string: none of the allowed prefixes */
    QAT_VALUE_BAD_IPV4,         /* ipv4: not four dot-separated parts 0-255 */
    QAT_VALUE_BAD_TIME,         /* time: not yyyy/MM/dd,hh:mm:ss±zz with valid parts and zone -48..+48 */
    QAT_VALUE_STATUS_COUNT
} qat_value_status;

typedef struct {
    qat_value_status status;
    size_t offset;     /* byte offset in the field text where the problem starts (0 when OK) */
    const char *text;  /* the value without its quotes, pointing into the caller's text */
    size_t len;
    int64_t number;    /* int: the value */
} qat_value;

/* Check TEXT[0..LEN) — one field, quotes included when the type is quoted — against P.
 * A payload parameter checks nothing here (its bytes are counted by the stream parser) and is OK.
 * TEXT need not be NUL-terminated (nothing past LEN is read) and may be NULL when LEN is 0.
 *
 * Quotes (every type but payload): with P->quoted the field must be '"' content '"' and the content
 * holds no '"' (BAD_CHAR at it); an unclosed quote is MISSING_QUOTE at LEN. Without P->quoted a
 * leading '"' is UNEXPECTED_QUOTE, except for text, which is taken as is.
 * Empty content is EMPTY (offset where the content starts), except for string and text with
 * min_len 0; a token is never empty. Checks run in order bytes, then length/count, then the rest
 * (Luhn, case, prefix, value set), and the first failure is reported.
 * Offsets: the first bad byte; TOO_SHORT where more bytes were expected (end of content);
 * TOO_LONG the first byte beyond the bound; OVERFLOW and OUT_OF_RANGE the start of the number;
 * NOT_IN_ENUM and BAD_PREFIX the first byte that matches none of the words; BAD_LUHN the check digit;
 * BAD_TIME the bad byte, or the first digit of a part whose value is out of range.
 * Types: int accepts leading zeros ("01" is 1; MNC is printed so) and "-0", never '+' or spaces.
 * string and token allow bytes >= 0x80 (UTF-8), refusing control bytes (< 0x20, 0x7f).
 * ipv4 refuses leading zeros ("010": octal to inet_aton, so ambiguous) with BAD_IPV4; ipv4 and time
 * report every malformation with their own status (BAD_IPV4, BAD_TIME), never BAD_CHAR.
 * time is exactly yyyy/MM/dd,hh:mm:ss±zz (any year, real calendar days, zone -48..+48).
 * On failure TEXT/LEN hold the content (or the whole field when unquoting failed); NUMBER is set
 * for an int that parsed, OUT_OF_RANGE included. A P with an invalid type gives BAD_CHAR at 0. */
qat_value qat_value_check(const qat_param *p, const char *text, size_t len);

/* A network time, yyyy/MM/dd,hh:mm:ss±zz, is this many bytes: a bare one ends there, though it holds a comma. */
#define QAT_TIME_LEN 22

/* A short English phrase for a status: "out of range", "bad Luhn check digit". */
const char *qat_value_status_text(qat_value_status s);

/* Parse "N" or "LO-HI" (each may carry a leading '-': "-48--1", "-2-63") into OUT.
 * Returns false when S is not of that form; does not check LO <= HI (the caller reports that). */
bool qat_range_parse(const char *s, size_t len, qat_range *out);

/* True when V lies in one of the ranges (true for an empty set). */
bool qat_ranges_contain(const qat_range *ranges, size_t n, int64_t v);

/* True when the decimal digit string S[0..LEN) passes the Luhn check. */
bool qat_luhn_valid(const char *s, size_t len);

#endif
