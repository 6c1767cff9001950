/* runner/select.c — the cases a run runs and the ones it expects to fail (see runner/runner.h). */
#include "runner.h"

#include "check.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool case_matches(const char *glob, const plan_case *pc)
{
    return fnmatch(glob, pc->id, 0) == 0 || (pc->command && fnmatch(glob, pc->command, 0) == 0);
}

static const char *matching(const char *const *globs, size_t n, const plan_case *pc)
{
    for (size_t i = 0; i < n; i++)
        if (case_matches(globs[i], pc))
            return globs[i];
    return NULL;
}

const char *run_select_skip(const run_select *s, const plan_case *pc, char *buf, size_t buf_size)
{
    if (pc->kind == PLAN_SANITY)
        return NULL;
    const char *glob;
    if (s->n_only && !matching(s->only, s->n_only, pc))
        snprintf(buf, buf_size, "not selected by --only");
    else if ((glob = matching(s->exclude, s->n_exclude, pc)) != NULL)
        snprintf(buf, buf_size, "excluded by --exclude %s", glob);
    else if ((unsigned)pc->safety < QAT_SAFETY_COUNT && !s->allowed[pc->safety])
        snprintf(buf, buf_size, "%s: runs against a device only with --allow %s", qat_safety_name(pc->safety),
                 qat_safety_name(pc->safety));
    else if (pc->needs_echo_peer && !s->echo_peer)
        snprintf(buf, buf_size, "needs an echo peer: give --echo HOST:PORT");
    else
        return NULL;
    return buf;
}

const char *run_select_xfail(const run_select *s, const plan_case *pc)
{
    for (size_t i = 0; i < s->n_xfail; i++)
        if (case_matches(s->xfail[i].glob, pc))
            return s->xfail[i].reason;
    return NULL;
}

/* One line of the file (NUL-terminated, no line end) into *X; false when it has a glob and no reason. */
static bool parse_line(arena *a, char *line, run_xfail *x, bool *blank)
{
    char *p = line + strspn(line, " \t");
    *blank = !*p || *p == '#';
    if (*blank)
        return true;
    size_t glob_len = strcspn(p, " \t");
    char *reason = p + glob_len + strspn(p + glob_len, " \t");
    size_t reason_len = strlen(reason);
    while (reason_len && strchr(" \t\r", reason[reason_len - 1]))
        reason_len--;
    if (!reason_len)
        return false;
    x->glob = arena_strndup(a, p, glob_len);
    x->reason = arena_strndup(a, reason, reason_len);
    return true;
}

bool run_xfail_load(run_select *s, arena *a, const char *path, char *err, size_t err_size)
{
    size_t len;
    char *text = transcript_load(path, &len);
    if (!text) {
        snprintf(err, err_size, "%s: %s", path, strerror(errno));
        return false;
    }
    text = heap_resize(text, len + 1, 1);
    text[len] = '\0';
    size_t lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n';
    run_xfail *list = arena_array(a, lines, sizeof *list);
    size_t n = 0, line_no = 0;
    bool ok = true;
    for (char *line = text, *next; ok && line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        bool blank;
        line_no++;
        if (!(ok = parse_line(a, line, &list[n], &blank)))
            snprintf(err, err_size, "%s:%zu: expected `GLOB reason` (an expected failure needs its reason)", path,
                     line_no);
        n += ok && !blank;
    }
    free(text);
    s->xfail = list;
    s->n_xfail = n;
    return ok;
}
