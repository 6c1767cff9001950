/* gen/c_source.c — `qatspec gen c --out FILE.c`: writes the loaded spec as C const data, `qat_builtin_spec`.
 * Walks the model's layout (spec_model.h): every array becomes a static array defined before its user. */
#include "util.h"
#include "gen.h"
#include "spec_model.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "usage: qatspec gen c --out FILE.c [--spec DIR]\n"
    "\n"
    "Write a C source defining the whole spec of DIR as const data:\n"
    "    const qat_spec qat_builtin_spec = {...};\n"
    "declared in parsers/qat_builtin.h. Every table of the model is there (commands, forms, lines,\n"
    "parameters, URCs, results, rules, topics, errata, examples, source locations); strings are C\n"
    "literals, bytes outside printable ASCII as octal escapes. The build compiles it into qat_builtin.\n"
    "Exit 0, or 2 on a usage, spec or write error.\n";

typedef struct {
    FILE *out;
    unsigned next_id; /* the next static array's number: a<id> */
} emitter;

static void emit_string(FILE *out, const char *s)
{
    if (!s) {
        fputs("NULL", out);
        return;
    }
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\' || *p == '?') /* '?': no trigraph can form */
            fprintf(out, "\\%c", *p);
        else if (*p == '\n')
            fputs(p[1] ? "\\n\"\n    \"" : "\\n", out); /* one literal per line of text */
        else if (*p >= 0x20 && *p < 0x7f)
            fputc(*p, out);
        else
            fprintf(out, "\\%03o", *p);
    }
    fputc('"', out);
}

/* How many arrays a value of M names, its inline structs' included. */
static size_t array_slots(const model_struct *m)
{
    size_t n = 0;
    for (size_t i = 0; i < m->n_fields; i++) {
        const model_field *f = &m->fields[i];
        n += f->kind == MF_ARRAY || f->kind == MF_STRS ? 1 : f->kind == MF_STRUCT ? array_slots(f->of) : 0;
    }
    return n;
}

static long define_array(emitter *e, const model_field *f, const void *base);

/* Define every array the value BASE of M names; their ids go to IDS (-1 for none), in field order. */
static long *define_children(emitter *e, const model_struct *m, const void *base, long *ids)
{
    for (size_t i = 0; i < m->n_fields; i++) {
        const model_field *f = &m->fields[i];
        if (f->kind == MF_ARRAY || f->kind == MF_STRS)
            *ids++ = define_array(e, f, base);
        else if (f->kind == MF_STRUCT)
            ids = define_children(e, f->of, (const char *)base + f->offset, ids);
    }
    return ids;
}

static void emit_scalar(FILE *out, const model_field *f, const void *at)
{
    union {
        bool b;
        unsigned u;
        uint32_t u32;
        size_t z;
        int64_t i64;
        int en;
    } v;
    memcpy(&v, at, f->size);
    if (f->kind == MF_BOOL)
        fputs(v.b ? "true" : "false", out);
    else if (f->kind == MF_UINT)
        fprintf(out, "%uU", v.u);
    else if (f->kind == MF_U32)
        fprintf(out, "%" PRIu32 "U", v.u32);
    else if (f->kind == MF_SIZE)
        fprintf(out, "%zuU", v.z);
    else if (f->kind == MF_I64 && v.i64 == INT64_MIN)
        fputs("INT64_MIN", out);
    else if (f->kind == MF_I64)
        fprintf(out, "INT64_C(%" PRId64 ")", v.i64);
    else
        fprintf(out, "%d", v.en);
}

/* Write the initializer of the value BASE of M, its arrays named by *IDS (advanced past them). */
static void emit_struct(emitter *e, const model_struct *m, const void *base, const long **ids)
{
    fputc('{', e->out);
    for (size_t i = 0; i < m->n_fields; i++) {
        const model_field *f = &m->fields[i];
        fprintf(e->out, "%s.%s = ", i ? ", " : "", f->name);
        if (f->kind == MF_STR)
            emit_string(e->out, spec_model_pointer(f, base));
        else if (f->kind == MF_STRUCT)
            emit_struct(e, f->of, (const char *)base + f->offset, ids);
        else if (f->kind == MF_ARRAY || f->kind == MF_STRS) {
            long id = *(*ids)++;
            if (id < 0)
                fputs("NULL", e->out);
            else
                fprintf(e->out, "a%ld", id);
        } else
            emit_scalar(e->out, f, (const char *)base + f->offset);
    }
    fputc('}', e->out);
}

/* Room for N array ids (exits when out of memory, as the arena does). */
static long *new_ids(size_t n)
{
    return heap_resize(NULL, n + 1, sizeof(long));
}

static long define_strings(emitter *e, const char *const *items, size_t n)
{
    long id = (long)e->next_id++;
    fprintf(e->out, "static const char *const a%ld[%zu] = {\n", id, n);
    for (size_t i = 0; i < n; i++) {
        fputs("    ", e->out);
        emit_string(e->out, items[i]);
        fputs(",\n", e->out);
    }
    fputs("};\n\n", e->out);
    return id;
}

/* Define the array field F of the value BASE (its elements' own arrays first); its id, or -1 when empty. */
static long define_array(emitter *e, const model_field *f, const void *base)
{
    size_t n = spec_model_count(f, base);
    const char *items = spec_model_pointer(f, base);
    if (n == 0 || !items)
        return -1;
    if (f->kind == MF_STRS)
        return define_strings(e, (const char *const *)(const void *)items, n);
    const model_struct *m = f->of;
    size_t slots = array_slots(m);
    long *ids = new_ids(n * slots);
    for (size_t i = 0; i < n; i++)
        define_children(e, m, items + i * m->size, ids + i * slots);
    long id = (long)e->next_id++;
    fprintf(e->out, "static const %s a%ld[%zu] = {\n", m->type, id, n);
    const long *cursor = ids;
    for (size_t i = 0; i < n; i++) {
        fputs("    ", e->out);
        emit_struct(e, m, items + i * m->size, &cursor);
        fputs(",\n", e->out);
    }
    fputs("};\n\n", e->out);
    free(ids);
    return id;
}

static void emit_spec(FILE *out, const qat_spec *spec)
{
    emitter e = {out, 0};
    fputs("/* qat_builtin_spec.c — generated by `qatspec gen c` from the spec's YAML files: do not edit.\n"
          " * The whole spec model as const data (parsers/qat_builtin.h). */\n"
          "#include \"qat_builtin.h\"\n\n",
          out);
    long *ids = new_ids(array_slots(&spec_model_spec));
    define_children(&e, &spec_model_spec, spec, ids);
    const long *cursor = ids;
    fputs("const qat_spec qat_builtin_spec = ", out);
    emit_struct(&e, &spec_model_spec, spec, &cursor);
    fputs(";\n", out);
    free(ids);
}

static bool write_c(const spec_opened *s, const gen_options *o)
{
    FILE *out = gen_create(o->out, "c");
    if (!out)
        return false;
    emit_spec(out, &s->loaded.spec);
    return gen_close(out, o->out, "c");
}

int gen_c(int argc, char **argv)
{
    return gen_run(argc, argv, "c", usage_text, write_c);
}
