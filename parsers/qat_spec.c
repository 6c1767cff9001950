/* qat_spec.c — names of the spec model's enums and lookups by name.
 * Linear searches: a spec holds tens of entries, and callers cache what they look up often. */
#include "qat_spec.h"

#include <stddef.h>
#include <string.h>

static const char *const type_names[QAT_TYPE_COUNT] = {
    "int", "string", "token", "text", "hex", "digits", "ipv4", "enum", "time", "payload",
};
static const char *const form_kind_names[QAT_FORM_KIND_COUNT] = {"test", "query", "set", "exec"};
static const char *const safety_names[QAT_SAFETY_COUNT] = {"safe", "stateful", "disruptive", "destructive"};

static const char *name_at(const char *const *names, size_t count, unsigned index)
{
    return index < count ? names[index] : NULL;
}

static bool index_of(const char *const *names, size_t count, const char *name, unsigned *out)
{
    for (size_t i = 0; name && i < count; i++) {
        if (strcmp(names[i], name) == 0) {
            *out = (unsigned)i;
            return true;
        }
    }
    return false;
}

const char *qat_type_name(qat_type t) { return name_at(type_names, QAT_TYPE_COUNT, (unsigned)t); }
const char *qat_form_kind_name(qat_form_kind k) { return name_at(form_kind_names, QAT_FORM_KIND_COUNT, (unsigned)k); }
const char *qat_safety_name(qat_safety s) { return name_at(safety_names, QAT_SAFETY_COUNT, (unsigned)s); }

bool qat_type_from_name(const char *name, qat_type *out)
{
    unsigned i;
    if (!index_of(type_names, QAT_TYPE_COUNT, name, &i))
        return false;
    *out = (qat_type)i;
    return true;
}

bool qat_form_kind_from_name(const char *name, qat_form_kind *out)
{
    unsigned i;
    if (!index_of(form_kind_names, QAT_FORM_KIND_COUNT, name, &i))
        return false;
    *out = (qat_form_kind)i;
    return true;
}

bool qat_safety_from_name(const char *name, qat_safety *out)
{
    unsigned i;
    if (!index_of(safety_names, QAT_SAFETY_COUNT, name, &i))
        return false;
    *out = (qat_safety)i;
    return true;
}

size_t qat_item_prefix(const qat_grammar_item *item, const char *s, size_t n)
{
    size_t best = 0;
    for (size_t i = 0; item && n && i < item->n_values; i++) {
        if (item->values[i][0] != s[0])
            continue; /* most values are told apart by their first byte */
        size_t k = strlen(item->values[i]);
        if (k > best && k <= n && memcmp(s, item->values[i], k) == 0)
            best = k;
    }
    return best;
}

bool qat_item_has(const qat_grammar_item *item, const char *name)
{
    for (size_t i = 0; item && i < item->n_values; i++)
        if (strcmp(item->values[i], name) == 0)
            return true;
    return false;
}

/* The item of ITEMS[0..N) (each STRIDE bytes) whose name (a string at NAME_OFFSET) is NAME, or NULL. */
static const void *find_named(const void *items, size_t n, size_t stride, size_t name_offset, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        const char *item = (const char *)items + i * stride;
        const char *item_name;
        memcpy(&item_name, item + name_offset, sizeof item_name);
        if (strcmp(item_name, name) == 0)
            return item;
    }
    return NULL;
}

#define FIND_NAMED(array, count, type, field, name) \
    ((const type *)find_named((array), (count), sizeof(type), offsetof(type, field), (name)))

const qat_command *qat_spec_command(const qat_spec *spec, const char *name)
{
    return FIND_NAMED(spec->commands, spec->n_commands, qat_command, name, name);
}

const qat_form *qat_command_form(const qat_command *cmd, const char *name)
{
    return FIND_NAMED(cmd->forms, cmd->n_forms, qat_form, name, name);
}

const qat_param *qat_params_find(const qat_param *params, size_t n, const char *name, size_t name_len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(params[i].name) == name_len && memcmp(params[i].name, name, name_len) == 0)
            return &params[i];
    return NULL;
}

const qat_result *qat_spec_result(const qat_spec *spec, const char *name)
{
    return FIND_NAMED(spec->results, spec->n_results, qat_result, name, name);
}

const qat_urc *qat_spec_urc(const qat_spec *spec, const char *name)
{
    return FIND_NAMED(spec->urcs, spec->n_urcs, qat_urc, name, name);
}

const qat_erratum *qat_spec_erratum(const qat_spec *spec, const char *id)
{
    return FIND_NAMED(spec->errata, spec->n_errata, qat_erratum, id, id);
}
