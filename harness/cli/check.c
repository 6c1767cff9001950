/* cli/check.c — `qatspec check TRANSCRIPT... [--spec DIR] [--json] [--format F]`: checks captured sessions offline.
 * One `FILE:LINE: [SECTION] ...` line per violation or deviation and a summary, or one JSON document. */
#include "cli.h"
#include "spec.h"
#include "check.h"

#include <cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef QAT_DEFAULT_SPEC_DIR
#define QAT_DEFAULT_SPEC_DIR "specs"
#endif

typedef struct {
    const char *spec_dir;
    bool json;
    transcript_format format;
    char **files;
    size_t n_files;
} options;

/* Where one file's events go: printed at once, or added to its JSON arrays. */
typedef struct {
    const char *file;
    const qat_spec *spec;
    bool json;
    cJSON *violations, *deviations, *notes; /* where JSON events go */
} sink;

static void usage(FILE *out)
{
    fputs("usage: qatspec check TRANSCRIPT... [--spec DIR] [--json] [--format raw|marked|plain|socat|runlog]\n"
          "\n"
          "Check captured sessions offline against the spec. A transcript is one of:\n"
          "  raw     the bytes the module sent, as it sent them (minicom, picocom, a tap on its TX line):\n"
          "          a command line the module echoes is the command its answer is checked against; with\n"
          "          no echo (ATE0, an RX-only tap) an answer names its command by its first line, and a\n"
          "          result code closes it (counted as inferred);\n"
          "  marked  a log whose lines start with '>' (sent to the module) or '<' (received), then\n"
          "          one optional space and the bytes, with C escapes (\\r \\n \\t \\\\ \\xNN); a '<' line\n"
          "          without a \\r or \\n escape is one response line;\n"
          "  plain   a session as the manual prints it: lines starting with AT or at are commands,\n"
          "          the others responses; \"...\" stands for lines left out, \">\" for the prompt;\n"
          "  socat   a socat -v log (\"> 2026/12/03 15:04:05.123456  length=9 from=0 to=8\" blocks): the side\n"
          "          whose bytes are command lines is the DTE (socat's first address unless the log shows\n"
          "          otherwise), the other the module;\n"
          "  runlog  the transcript.log `qatspec run` writes (timestamped marked lines, # notes): the invalid\n"
          "          command lines it sends on purpose are notes, the module's answers to them are checked.\n"
          "The form is detected per file (a file with a NUL byte or a CR inside a line is raw);\n"
          "--format forces one. --spec DIR defaults to $QATSPEC_SPEC when set, else " QAT_DEFAULT_SPEC_DIR ".\n"
          "\n"
          "Prints FILE:LINE: [SECTION] violation-name: message for every violation,\n"
          "FILE:LINE: [SECTION] deviation (erratum ID): line for every deviation, and\n"
          "FILE:LINE: [SECTION] note: name: message for what a raw capture shows before anything anchors it\n"
          "(it began in the middle of an answer) or what its end cuts; then\n"
          "N lines, N commands (N inferred), N URCs, N violations, N deviations, N notes\n"
          "(with several files, one such line per file and a total). --json prints one JSON document.\n"
          "Exit 0 when no violation (deviations and notes alone pass), 1 on violations or when a file is\n"
          "empty or holds nothing the spec knows (a warning says so), 2 on a usage error, a spec that does\n"
          "not load or compile, or a file that cannot be read.\n",
          out);
}

/* ---- arguments ---- */

/* The value of option ARGV[*I] (the next argument), or NULL after a message. */
static const char *option_value(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        fprintf(stderr, "qatspec check: option '%s' needs a value\n", argv[*i]);
        return NULL;
    }
    return argv[++*i];
}

/* One option at ARGV[*I] into O; 1 when read, 0 on a usage error, -1 for --help. */
static int parse_option(int argc, char **argv, int *i, options *o)
{
    const char *arg = argv[*i], *value;
    if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)
        return -1;
    if (strcmp(arg, "--json") == 0) {
        o->json = true;
        return 1;
    }
    if (strcmp(arg, "--spec") == 0)
        return (o->spec_dir = option_value(argc, argv, i)) != NULL;
    if (strcmp(arg, "--format") == 0) {
        if (!(value = option_value(argc, argv, i)))
            return 0;
        if (transcript_format_from_name(value, &o->format))
            return 1;
        fprintf(stderr, "qatspec check: unknown format '%s' (raw, marked, plain, socat or runlog)\n", value);
        return 0;
    }
    fprintf(stderr, "qatspec check: unknown option '%s'\n", arg);
    return 0;
}

/* O from ARGV (O->files points into ARGV, which is reordered); 1, 0 on a usage error, -1 for --help. */
static int parse_args(int argc, char **argv, options *o)
{
    *o = (options){spec_default_dir(), false, TRANSCRIPT_AUTO, argv, 0};
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        if (!options_done && strcmp(argv[i], "--") == 0) {
            options_done = true;
        } else if (!options_done && argv[i][0] == '-' && argv[i][1] != '\0') {
            int r = parse_option(argc, argv, &i, o);
            if (r <= 0)
                return r;
        } else {
            argv[o->n_files++] = argv[i];
        }
    }
    if (o->n_files == 0)
        fputs("qatspec check: no transcript given\n", stderr);
    return o->n_files > 0;
}

/* ---- text fit to print ---- */

/* The length of the UTF-8 character at S (N bytes left), or 0 when S does not start a valid one. */
static size_t utf8_char(const unsigned char *s, size_t n)
{
    size_t len = s[0] < 0x80 ? 1 : s[0] >= 0xC2 && s[0] <= 0xDF ? 2 : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
                               : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
    if (len == 0 || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    bool overlong_or_surrogate = (s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0) ||
                                 (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90);
    return overlong_or_surrogate ? 0 : len;
}

/* S[0..N) as a NUL-terminated, valid UTF-8 string (free() it): control bytes, DEL and bytes that
 * are not UTF-8 written as C escapes (\r, \n, \t, \xNN). */
static char *printable(const char *s, size_t n)
{
    char *out = heap_resize(NULL, n + 1, 4);
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        const unsigned char *c = (const unsigned char *)s + i;
        size_t len = utf8_char(c, n - i);
        if (len && c[0] >= 0x20 && c[0] != 0x7f) {
            memcpy(out + k, c, len);
            k += len;
            i += len;
            continue;
        }
        const char *named = c[0] == '\r' ? "\\r" : c[0] == '\n' ? "\\n" : c[0] == '\t' ? "\\t" : NULL;
        k += named ? (size_t)sprintf(out + k, "%s", named) : (size_t)sprintf(out + k, "\\x%02X", c[0]);
        i++;
    }
    out[k] = '\0';
    return out;
}

/* ---- reporting one event ---- */

/* What an event says: the deviating line, or the violation's message. */
static char *event_words(const qat_event *ev)
{
    if (transcript_is_deviation(ev) || !ev->message)
        return printable(ev->text ? ev->text : "", ev->text ? ev->len : 0);
    return printable(ev->message, strlen(ev->message));
}

static void print_event(const sink *k, const qat_event *ev, uint64_t line)
{
    char *words = event_words(ev);
    const char *section = transcript_event_section(ev);
    if (transcript_is_deviation(ev))
        printf("%s:%llu: [%s] deviation (erratum %s): %s\n", k->file, (unsigned long long)line, section, ev->erratum,
               words);
    else if (transcript_is_note(ev))
        printf("%s:%llu: [%s] note: %s: %s\n", k->file, (unsigned long long)line, section,
               qat_violation_name(ev->violation), words);
    else
        printf("%s:%llu: [%s] %s: %s\n", k->file, (unsigned long long)line, section,
               qat_violation_name(ev->violation), words);
    free(words);
}

/* Add KEY: S[0..N), made printable, to the JSON object O. */
static void json_add_text(cJSON *o, const char *key, const char *s, size_t n)
{
    char *text = printable(s ? s : "", s ? n : 0);
    cJSON_AddStringToObject(o, key, text);
    free(text);
}

static void json_add_str(cJSON *o, const char *key, const char *s) { json_add_text(o, key, s, s ? strlen(s) : 0); }

/* A deviation's message: the parser's, else the title of the erratum whose reading the line follows. */
static const char *deviation_message(const sink *k, const qat_event *ev)
{
    const qat_erratum *e = qat_spec_erratum(k->spec, ev->erratum);
    return ev->message ? ev->message : e && e->title ? e->title : "";
}

static void json_event(const sink *k, const qat_event *ev, uint64_t line)
{
    cJSON *o = cJSON_CreateObject();
    bool deviation = transcript_is_deviation(ev);
    cJSON_AddNumberToObject(o, "line", (double)line);
    json_add_str(o, "section", transcript_event_section(ev));
    if (deviation)
        json_add_str(o, "erratum", ev->erratum);
    else
        json_add_str(o, "kind", qat_violation_name(ev->violation));
    json_add_str(o, "message", deviation ? deviation_message(k, ev) : ev->message);
    json_add_text(o, "text", ev->text, ev->len);
    cJSON *list = deviation ? k->deviations : transcript_is_note(ev) ? k->notes : k->violations;
    if (!cJSON_AddItemToArray(list, o))
        cJSON_Delete(o);
}

static void on_event(void *user, const qat_event *ev, uint64_t line)
{
    const sink *k = user;
    if (!transcript_is_violation(ev) && !transcript_is_deviation(ev) && !transcript_is_note(ev))
        return;
    if (k->json)
        json_event(k, ev, line);
    else
        print_event(k, ev, line);
}

/* ---- files ---- */

static void add_counts(transcript_counts *total, const transcript_counts *c)
{
    total->lines += c->lines;
    total->commands += c->commands;
    total->inferred += c->inferred;
    total->urcs += c->urcs;
    total->violations += c->violations;
    total->deviations += c->deviations;
    total->notes += c->notes;
    total->recognised += c->recognised;
}

static cJSON *json_counts(const transcript_counts *c)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "lines", (double)c->lines);
    cJSON_AddNumberToObject(o, "commands", (double)c->commands);
    cJSON_AddNumberToObject(o, "inferred", (double)c->inferred);
    cJSON_AddNumberToObject(o, "urcs", (double)c->urcs);
    cJSON_AddNumberToObject(o, "violations", (double)c->violations);
    cJSON_AddNumberToObject(o, "deviations", (double)c->deviations);
    cJSON_AddNumberToObject(o, "notes", (double)c->notes);
    return o;
}

/* The JSON entry of one file, its arrays ready for SINK. */
static cJSON *json_file(const char *path, transcript_format f, sink *k)
{
    cJSON *o = cJSON_CreateObject();
    json_add_str(o, "file", path);
    json_add_str(o, "format", transcript_format_name(f));
    k->violations = cJSON_AddArrayToObject(o, "violations");
    k->deviations = cJSON_AddArrayToObject(o, "deviations");
    k->notes = cJSON_AddArrayToObject(o, "notes");
    return o;
}

/* PATH could not be read (errno says why): say so, and in its JSON entry when FILES is not NULL. */
static void report_unreadable(const char *path, cJSON *files)
{
    const char *why = strerror(errno);
    fprintf(stderr, "qatspec check: %s: cannot read: %s\n", path, why);
    if (!files)
        return;
    cJSON *entry = cJSON_CreateObject();
    json_add_str(entry, "file", path);
    json_add_str(entry, "error", why);
    if (!cJSON_AddItemToArray(files, entry))
        cJSON_Delete(entry);
}

/* "[WHO: ]N lines, N commands (N inferred), N URCs, N violations, N deviations, N notes". */
static void print_summary(const char *who, const transcript_counts *c)
{
    printf("%s%s%llu lines, %llu commands (%llu inferred), %llu URCs, %llu violations, %llu deviations, %llu notes\n",
           who ? who : "", who ? ": " : "", (unsigned long long)c->lines, (unsigned long long)c->commands,
           (unsigned long long)c->inferred, (unsigned long long)c->urcs, (unsigned long long)c->violations,
           (unsigned long long)c->deviations, (unsigned long long)c->notes);
}

/* Check one file; its entry goes to FILES (NULL when printing). 0 clean, 1 violations or nothing recognised,
 * 2 unreadable. */
static int check_file(const qat_compiled *c, const options *o, const char *path, cJSON *files,
                      transcript_counts *total)
{
    size_t len = 0;
    char *text = transcript_load(path, &len);
    if (!text) {
        report_unreadable(path, files);
        return 2;
    }
    transcript_format f = o->format == TRANSCRIPT_AUTO ? transcript_detect(text, len) : o->format;
    sink k = {path, c->spec, files != NULL, NULL, NULL, NULL};
    cJSON *entry = files ? json_file(path, f, &k) : NULL;
    transcript_counts counts;
    transcript_read(c, text, len, f, on_event, &k, &counts);
    free(text);
    add_counts(total, &counts);
    bool unread = counts.recognised == 0; /* empty, or nothing in it is modem output the spec knows */
    if (unread)
        fprintf(stderr, "qatspec check: warning: %s: %s\n", path,
                len ? "no line of it is a command, response or URC of the spec (is it a capture of the module?)"
                    : "the file is empty: nothing was checked");
    if (entry) {
        cJSON_AddItemToObject(entry, "summary", json_counts(&counts));
        if (!cJSON_AddItemToArray(files, entry))
            cJSON_Delete(entry);
    } else if (o->n_files > 1) {
        print_summary(path, &counts);
    }
    return counts.violations || unread ? 1 : 0;
}

/* ---- the spec ---- */

/* Load the spec of DIR into SPEC and compile it into C; false (after messages) when it has problems. */
/* ---- the command ---- */

static int print_json(cJSON *doc, const transcript_counts *total)
{
    cJSON_AddItemToObject(doc, "summary", json_counts(total));
    char *text = cJSON_Print(doc);
    if (!text) {
        fputs("qatspec check: out of memory writing JSON\n", stderr);
        return 2;
    }
    puts(text);
    cJSON_free(text);
    return 0;
}

static int check_files(const qat_compiled *c, const options *o)
{
    cJSON *doc = o->json ? cJSON_CreateObject() : NULL;
    json_add_str(doc, "spec", o->spec_dir);
    cJSON *files = o->json ? cJSON_AddArrayToObject(doc, "files") : NULL;
    if (o->json && !files) {
        fputs("qatspec check: out of memory\n", stderr);
        cJSON_Delete(doc);
        return 2;
    }
    transcript_counts total = {0};
    int rc = 0;
    for (size_t i = 0; i < o->n_files; i++) {
        int r = check_file(c, o, o->files[i], files, &total);
        rc = r > rc ? r : rc;
    }
    if (doc) {
        int r = print_json(doc, &total);
        rc = r > rc ? r : rc;
        cJSON_Delete(doc);
    } else {
        print_summary(o->n_files > 1 ? "total" : NULL, &total);
    }
    return rc;
}

int cmd_check(int argc, char **argv)
{
    options o;
    int parsed = parse_args(argc, argv, &o);
    if (parsed <= 0) {
        usage(parsed < 0 ? stdout : stderr);
        return parsed < 0 ? 0 : 2;
    }
    spec_opened spec = {0};
    int rc = spec_open(&spec, o.spec_dir, "check") ? check_files(&spec.c, &o) : 2;
    spec_close(&spec);
    return rc;
}
