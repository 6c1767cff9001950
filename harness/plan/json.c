/* plan/json.c — writes a plan as JSON through cJSON: every case with its steps, and the count of cases
 * of each kind. Field names follow plan.h; absent strings are left out rather than written as null. */
#include "plan.h"

#include <stdio.h>

static void add_string(cJSON *o, const char *key, const char *s)
{
    if (s)
        cJSON_AddStringToObject(o, key, s);
}

static void add_strings(cJSON *o, const char *key, const char *const *v, size_t n)
{
    if (n)
        cJSON_AddItemToObject(o, key, cJSON_CreateStringArray(v, (int)n));
}

static void add_bytes(cJSON *o, const char *key, const char *bytes, size_t len)
{
    if (!bytes)
        return;
    char *s = cJSON_malloc(len + 1);
    if (!s)
        return;
    for (size_t i = 0; i < len; i++)
        s[i] = bytes[i] ? bytes[i] : ' '; /* JSON strings here are C strings: a NUL cannot ride along */
    s[len] = '\0';
    cJSON_AddStringToObject(o, key, s);
    cJSON_free(s);
}

static cJSON *step_to_json(const plan_step *s)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "kind", s->kind == PLAN_STEP_SEND ? "send" : "urc");
    add_string(o, "send", s->send);
    add_bytes(o, "data", s->data, s->data_len);
    if (s->data)
        cJSON_AddNumberToObject(o, "data_len", (double)s->data_len);
    if (s->data_ctrl_z)
        cJSON_AddBoolToObject(o, "data_ctrl_z", true);
    add_strings(o, "accept", s->accept, s->n_accept);
    add_string(o, "urc", s->urc);
    add_strings(o, "lines", s->lines, s->n_lines);
    add_strings(o, "capture", s->capture, s->n_capture);
    add_bytes(o, "payload", s->payload, s->payload_len);
    cJSON_AddNumberToObject(o, "timeout_ms", s->timeout_ms);
    return o;
}

cJSON *plan_case_to_json(const plan_case *pc)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", pc->id);
    cJSON_AddStringToObject(o, "section", pc->section);
    add_string(o, "command", pc->command);
    add_string(o, "title", pc->title);
    add_string(o, "requirement", pc->requirement);
    cJSON_AddStringToObject(o, "kind", plan_kind_name(pc->kind));
    cJSON_AddStringToObject(o, "safety", qat_safety_name(pc->safety));
    cJSON_AddStringToObject(o, "weight", plan_weight_name(pc->weight));
    cJSON_AddBoolToObject(o, "needs_echo_peer", pc->needs_echo_peer);
    cJSON_AddBoolToObject(o, "informational", pc->informational);
    cJSON *steps = cJSON_AddArrayToObject(o, "steps");
    for (size_t i = 0; i < pc->n_steps; i++)
        cJSON_AddItemToArray(steps, step_to_json(&pc->steps[i]));
    return o;
}

cJSON *plan_to_json(const plan *p)
{
    cJSON *root = cJSON_CreateObject();
    if (!root)
        return NULL;
    cJSON_AddNumberToObject(root, "version", PLAN_JSON_VERSION);
    size_t counts[PLAN_KIND_COUNT] = {0};
    cJSON *cases = cJSON_AddArrayToObject(root, "cases");
    for (size_t i = 0; i < p->n_cases; i++) {
        counts[p->cases[i].kind]++;
        cJSON_AddItemToArray(cases, plan_case_to_json(&p->cases[i]));
    }
    cJSON *c = cJSON_AddObjectToObject(root, "counts");
    for (int k = 0; k < PLAN_KIND_COUNT; k++)
        cJSON_AddNumberToObject(c, plan_kind_name((plan_kind)k), (double)counts[k]);
    return root;
}
