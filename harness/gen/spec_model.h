/* gen/spec_model.h — the layout of the qat_spec model (parsers/qat_spec.h) as data: every struct, every field.
 * `qatspec gen c` walks it to write the model as C, and spec_model_equal walks it to compare two models. */
#ifndef QATSPEC_SPEC_MODEL_H
#define QATSPEC_SPEC_MODEL_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    MF_STR,    /* const char * (NULL allowed) */
    MF_BOOL,   /* bool */
    MF_UINT,   /* unsigned int */
    MF_U32,    /* uint32_t */
    MF_SIZE,   /* size_t */
    MF_I64,    /* int64_t */
    MF_ENUM,   /* an enum of the model (int-sized) */
    MF_STRUCT, /* a struct held inline */
    MF_ARRAY,  /* const T *: COUNT elements of a struct */
    MF_STRS    /* const char *const *: COUNT strings */
} model_kind;

typedef struct model_struct model_struct;

typedef struct {
    const char *name;
    model_kind kind;
    size_t offset, size;
    const model_struct *of; /* MF_STRUCT, MF_ARRAY: the struct */
    size_t count_offset;    /* MF_ARRAY, MF_STRS: the size_t field holding the count */
} model_field;

struct model_struct {
    const char *type; /* its C type name: "qat_param" */
    size_t size, align;
    const model_field *fields;
    size_t n_fields;
};

/* qat_spec and every struct it reaches, the top one first. */
extern const model_struct spec_model_spec;
const model_struct *const *spec_model_structs(size_t *n);

/* Compare the model values A and B of layout M, recursively through arrays and strings (never by
 * address). True when equal; else WHERE gets a path to the first difference ("commands[3].forms[1].syntax"). */
bool spec_model_equal(const model_struct *m, const void *a, const void *b, char *where, size_t where_size);

/* The alignment a field of kind F->kind needs (its struct's for MF_STRUCT). */
size_t spec_model_field_align(const model_field *f);

/* The count of an MF_ARRAY/MF_STRS field F of the struct at BASE, and the field's pointer value. */
size_t spec_model_count(const model_field *f, const void *base);
const void *spec_model_pointer(const model_field *f, const void *base);

#endif
