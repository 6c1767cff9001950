/* qm_values.h — field values a mutation puts in a line: just outside the parameter's value set,
 * at its type's extremes, or of another type of the spec. */
#ifndef QM_VALUES_H
#define QM_VALUES_H

#include "qm_mutation.h"

/* Each writes a field's whole text (quotes as the value wants) into C->text and returns its
 * length, or SIZE_MAX when P offers nothing of that kind. CUR[0..N) is the field as it is now. */
typedef size_t (*qm_value_maker)(const qm_ctx *c, const qat_param *p, const uint8_t *cur, size_t n);

/* A value P's own check refuses: lo-1, hi+1, max_len+1 bytes, a digit too many, a bad Luhn digit... */
size_t qm_value_out_of_range(const qm_ctx *c, const qat_param *p, const uint8_t *cur, size_t n);
/* Empty, huge, an unterminated quote, a control byte, or one of the type's edge values (2^63, 256.0.0.0, ...). */
size_t qm_value_extreme(const qm_ctx *c, const qat_param *p, const uint8_t *cur, size_t n);
/* A valid value of a parameter of another type, drawn from the spec. */
size_t qm_value_other_type(const qm_ctx *c, const qat_param *p, const uint8_t *cur, size_t n);

/* True when P's value set has a bound a value can be just outside of. */
bool qm_has_bounds(const qat_param *p);

#endif
