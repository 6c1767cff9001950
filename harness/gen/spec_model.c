/* gen/spec_model.c — the qat_spec model's layout as tables (one per struct of parsers/qat_spec.h), and a deep
 * compare over any model value that walks them. A field missing here is caught by the tiling test. */
#include "spec_model.h"

#include "qat_spec.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define FIELD_SIZE(T, f) sizeof(((T *)0)->f)
#define F(T, f, k) {#f, k, offsetof(T, f), FIELD_SIZE(T, f), NULL, 0}
#define F_STRUCT(T, f, of) {#f, MF_STRUCT, offsetof(T, f), FIELD_SIZE(T, f), &of, 0}
#define F_ARRAY(T, f, of, n) {#f, MF_ARRAY, offsetof(T, f), FIELD_SIZE(T, f), &of, offsetof(T, n)}, F(T, n, MF_SIZE)
#define F_STRS(T, f, n) {#f, MF_STRS, offsetof(T, f), FIELD_SIZE(T, f), NULL, offsetof(T, n)}, F(T, n, MF_SIZE)
#define MODEL(var, T, ...)                                                                                             \
    static const model_field var##_fields[] = {__VA_ARGS__};                                                           \
    static const model_struct var = {#T, sizeof(T), alignof(T), var##_fields, sizeof var##_fields / sizeof(model_field)}

MODEL(m_srcloc, qat_srcloc, F(qat_srcloc, file, MF_STR), F(qat_srcloc, line, MF_UINT), F(qat_srcloc, col, MF_UINT));

MODEL(m_range, qat_range, F(qat_range, lo, MF_I64), F(qat_range, hi, MF_I64));

MODEL(m_param, qat_param, F(qat_param, name, MF_STR), F(qat_param, type, MF_ENUM), F(qat_param, quoted, MF_BOOL),
      F_ARRAY(qat_param, ranges, m_range, n_ranges), F_STRS(qat_param, enum_values, n_enum_values),
      F(qat_param, has_default, MF_BOOL), F(qat_param, default_int, MF_I64), F(qat_param, default_str, MF_STR),
      F(qat_param, min_len, MF_SIZE), F(qat_param, max_len, MF_SIZE), F_STRS(qat_param, prefixes, n_prefixes),
      F_STRUCT(qat_param, digits, m_range), F(qat_param, luhn, MF_BOOL), F(qat_param, hex_case, MF_ENUM),
      F(qat_param, length_param, MF_STR), F(qat_param, unit, MF_STR), F(qat_param, doc, MF_STR),
      F(qat_param, sample, MF_STR),
      F_STRUCT(qat_param, loc, m_srcloc));

MODEL(m_line, qat_line, F(qat_line, pattern, MF_STR), F_STRS(qat_line, alt, n_alt), F(qat_line, min, MF_U32),
      F(qat_line, max, MF_U32), F(qat_line, payload, MF_STR), F(qat_line, when, MF_STR),
      F_STRUCT(qat_line, loc, m_srcloc));

MODEL(m_prompt, qat_prompt, F(qat_prompt, length, MF_STR), F(qat_prompt, max, MF_U32), F(qat_prompt, send, MF_STR),
      F(qat_prompt, cancel, MF_STR));

MODEL(m_follow_urc, qat_follow_urc, F(qat_follow_urc, urc, MF_STR), F(qat_follow_urc, within_ms, MF_U32));

MODEL(m_form, qat_form, F(qat_form, name, MF_STR), F(qat_form, kind, MF_ENUM), F(qat_form, syntax, MF_STR),
      F_ARRAY(qat_form, response, m_line, n_response), F_STRS(qat_form, final, n_final),
      F(qat_form, has_prompt, MF_BOOL), F_STRUCT(qat_form, prompt, m_prompt),
      F_ARRAY(qat_form, urcs, m_follow_urc, n_urcs), F(qat_form, safety, MF_ENUM),
      F(qat_form, max_response_ms, MF_U32), F(qat_form, when, MF_STR), F(qat_form, doc, MF_STR),
      F_STRUCT(qat_form, loc, m_srcloc));

MODEL(m_example, qat_example, F(qat_example, form, MF_STR), F(qat_example, transcript, MF_STR),
      F_STRS(qat_example, errata, n_errata), F_STRUCT(qat_example, loc, m_srcloc));

MODEL(m_command, qat_command, F(qat_command, name, MF_STR), F(qat_command, section, MF_STR),
      F(qat_command, title, MF_STR), F(qat_command, doc, MF_STR), F(qat_command, source, MF_ENUM),
      F(qat_command, reference, MF_STR), F(qat_command, safety, MF_ENUM), F(qat_command, max_response_ms, MF_U32),
      F(qat_command, timing, MF_ENUM), F_ARRAY(qat_command, forms, m_form, n_forms),
      F_ARRAY(qat_command, params, m_param, n_params), F_ARRAY(qat_command, examples, m_example, n_examples),
      F_STRUCT(qat_command, loc, m_srcloc));

MODEL(m_urc, qat_urc, F(qat_urc, name, MF_STR), F(qat_urc, section, MF_STR), F(qat_urc, title, MF_STR),
      F(qat_urc, doc, MF_STR), F(qat_urc, source, MF_ENUM), F(qat_urc, reference, MF_STR), F(qat_urc, line, MF_STR),
      F_ARRAY(qat_urc, params, m_param, n_params), F(qat_urc, payload, MF_STR), F(qat_urc, when, MF_STR),
      F_ARRAY(qat_urc, examples, m_example, n_examples), F_STRUCT(qat_urc, loc, m_srcloc));

MODEL(m_result, qat_result, F(qat_result, name, MF_STR), F(qat_result, section, MF_STR),
      F(qat_result, title, MF_STR), F(qat_result, doc, MF_STR), F(qat_result, source, MF_ENUM),
      F(qat_result, reference, MF_STR), F(qat_result, line, MF_STR), F(qat_result, kind, MF_ENUM),
      F(qat_result, success, MF_BOOL), F_ARRAY(qat_result, params, m_param, n_params),
      F_STRUCT(qat_result, loc, m_srcloc));

MODEL(m_grammar_item, qat_grammar_item, F(qat_grammar_item, key, MF_STR),
      F_STRS(qat_grammar_item, values, n_values));

MODEL(m_rule, qat_rule, F(qat_rule, name, MF_STR), F(qat_rule, section, MF_STR), F(qat_rule, title, MF_STR),
      F(qat_rule, doc, MF_STR), F_ARRAY(qat_rule, grammar, m_grammar_item, n_grammar),
      F_ARRAY(qat_rule, examples, m_example, n_examples), F_STRUCT(qat_rule, loc, m_srcloc));

MODEL(m_topic, qat_topic, F(qat_topic, name, MF_STR), F(qat_topic, section, MF_STR), F(qat_topic, title, MF_STR),
      F(qat_topic, doc, MF_STR), F_STRUCT(qat_topic, loc, m_srcloc));

MODEL(m_erratum, qat_erratum, F(qat_erratum, id, MF_STR), F(qat_erratum, section, MF_STR),
      F(qat_erratum, title, MF_STR), F(qat_erratum, doc, MF_STR), F(qat_erratum, command, MF_STR),
      F(qat_erratum, form, MF_STR), F(qat_erratum, documented, MF_STR), F(qat_erratum, deviation, MF_STR),
      F_STRS(qat_erratum, accept, n_accept), F_ARRAY(qat_erratum, params, m_param, n_params),
      F_STRS(qat_erratum, relaxes, n_relaxes),
      F(qat_erratum, trailing_spaces, MF_BOOL), F_STRS(qat_erratum, omit, n_omit), F(qat_erratum, no_final, MF_BOOL),
      F(qat_erratum, out_of_order, MF_BOOL), F(qat_erratum, evidence, MF_STR), F_STRUCT(qat_erratum, loc, m_srcloc));

MODEL(m_capture, qat_capture, F(qat_capture, var, MF_STR), F(qat_capture, param, MF_STR),
      F_STRUCT(qat_capture, loc, m_srcloc));
MODEL(m_step, qat_scenario_step, F(qat_scenario_step, send, MF_STR), F(qat_scenario_step, urc, MF_STR),
      F(qat_scenario_step, data, MF_STR), F(qat_scenario_step, data_bytes, MF_SIZE),
      F(qat_scenario_step, ctrl_z, MF_BOOL), F_STRS(qat_scenario_step, accept, n_accept),
      F_STRS(qat_scenario_step, lines, n_lines), F_ARRAY(qat_scenario_step, captures, m_capture, n_captures),
      F(qat_scenario_step, payload, MF_STR), F_STRUCT(qat_scenario_step, loc, m_srcloc));
MODEL(m_scenario, qat_scenario, F(qat_scenario, name, MF_STR), F(qat_scenario, section, MF_STR),
      F(qat_scenario, title, MF_STR), F(qat_scenario, doc, MF_STR), F(qat_scenario, syntax, MF_BOOL),
      F_ARRAY(qat_scenario, steps, m_step, n_steps), F_STRUCT(qat_scenario, loc, m_srcloc));

#define M_SPEC_FIELDS                                                                                                  \
    F(qat_spec, manual, MF_STR), F(qat_spec, title, MF_STR), F_STRS(qat_spec, toc, n_toc),                             \
        F_ARRAY(qat_spec, topics, m_topic, n_topics), F_ARRAY(qat_spec, rules, m_rule, n_rules),                       \
        F_ARRAY(qat_spec, results, m_result, n_results), F_ARRAY(qat_spec, commands, m_command, n_commands),           \
        F_ARRAY(qat_spec, urcs, m_urc, n_urcs), F_ARRAY(qat_spec, errata, m_erratum, n_errata),                \
        F_ARRAY(qat_spec, scenarios, m_scenario, n_scenarios)

static const model_field m_spec_fields[] = {M_SPEC_FIELDS};
const model_struct spec_model_spec = {"qat_spec", sizeof(qat_spec), alignof(qat_spec), m_spec_fields,
                                      sizeof m_spec_fields / sizeof(model_field)};

const model_struct *const *spec_model_structs(size_t *n)
{
    static const model_struct *const all[] = {&spec_model_spec, &m_srcloc,  &m_range,   &m_param, &m_line,
                                              &m_prompt,        &m_follow_urc, &m_form, &m_example, &m_command,
                                              &m_urc,           &m_result,  &m_grammar_item, &m_rule, &m_topic,
                                              &m_erratum,       &m_capture, &m_step,    &m_scenario};
    *n = sizeof all / sizeof all[0];
    return all;
}

size_t spec_model_field_align(const model_field *f)
{
    switch (f->kind) {
    case MF_BOOL:
        return alignof(bool);
    case MF_UINT:
        return alignof(unsigned);
    case MF_U32:
        return alignof(uint32_t);
    case MF_SIZE:
        return alignof(size_t);
    case MF_I64:
        return alignof(int64_t);
    case MF_ENUM:
        return alignof(int);
    case MF_STRUCT:
        return f->of->align;
    default:
        return alignof(const char *);
    }
}

size_t spec_model_count(const model_field *f, const void *base)
{
    size_t n;
    memcpy(&n, (const char *)base + f->count_offset, sizeof n);
    return n;
}

const void *spec_model_pointer(const model_field *f, const void *base)
{
    const void *p;
    memcpy(&p, (const char *)base + f->offset, sizeof p);
    return p;
}

/* ---- the deep compare ---- */

static bool differ(char *where, size_t size, size_t at, const char *name, size_t index, bool indexed)
{
    if (at < size)
        snprintf(where + at, size - at, indexed ? "%s%s[%zu]" : "%s%s", at ? "." : "", name, index);
    return false;
}

static bool strings_equal(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static bool struct_equal(const model_struct *m, const void *a, const void *b, char *where, size_t size, size_t at);

/* Append ".NAME[INDEX]" to WHERE for the recursion; returns the new length. */
static size_t path_push(char *where, size_t size, size_t at, const char *name, size_t index, bool indexed)
{
    differ(where, size, at, name, index, indexed);
    size_t len = strlen(where);
    return len < size ? len : size;
}

static bool array_equal(const model_field *f, const void *a, const void *b, char *where, size_t size, size_t at)
{
    size_t n = spec_model_count(f, a);
    if (n != spec_model_count(f, b))
        return differ(where, size, at, f->name, 0, false);
    const char *pa = spec_model_pointer(f, a), *pb = spec_model_pointer(f, b);
    for (size_t i = 0; i < n; i++) {
        if (f->kind == MF_STRS) {
            const char *sa, *sb;
            memcpy(&sa, pa + i * sizeof sa, sizeof sa);
            memcpy(&sb, pb + i * sizeof sb, sizeof sb);
            if (!strings_equal(sa, sb))
                return differ(where, size, at, f->name, i, true);
        } else if (!struct_equal(f->of, pa + i * f->of->size, pb + i * f->of->size, where, size,
                                 path_push(where, size, at, f->name, i, true))) {
            return false;
        }
    }
    return true;
}

static bool field_equal(const model_field *f, const void *a, const void *b, char *where, size_t size, size_t at)
{
    const char *fa = (const char *)a + f->offset, *fb = (const char *)b + f->offset;
    switch (f->kind) {
    case MF_STR:
        return strings_equal(spec_model_pointer(f, a), spec_model_pointer(f, b)) ||
               differ(where, size, at, f->name, 0, false);
    case MF_STRUCT:
        return struct_equal(f->of, fa, fb, where, size, path_push(where, size, at, f->name, 0, false));
    case MF_ARRAY:
    case MF_STRS:
        return array_equal(f, a, b, where, size, at);
    default: /* scalars: compared as the bytes of their value (no padding inside a scalar) */
        return memcmp(fa, fb, f->size) == 0 || differ(where, size, at, f->name, 0, false);
    }
}

static bool struct_equal(const model_struct *m, const void *a, const void *b, char *where, size_t size, size_t at)
{
    for (size_t i = 0; i < m->n_fields; i++) {
        if (at < size)
            where[at] = '\0';
        if (!field_equal(&m->fields[i], a, b, where, size, at))
            return false;
    }
    return true;
}

bool spec_model_equal(const model_struct *m, const void *a, const void *b, char *where, size_t where_size)
{
    if (where_size)
        where[0] = '\0';
    return struct_equal(m, a, b, where, where_size, 0);
}
