/* cli/check.c — `qatspec check TRANSCRIPT... [--spec DIR] [--json] [--format F]`: checks captured sessions offline.
 * One `FILE:LINE: [SECTION] ...` line per violation or deviation and a summary, or one JSON document. */
#include "check_json.h"
#include "cli.h"
#include "printable.h"
#include "spec.h"
#include "check.h"

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

/* Where one file's events go: printed at once, or into the JSON document. */
typedef struct {
    const char *file;
    check_json *json; /* --json, else NULL */
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

static void on_event(void *user, const qat_event *ev, uint64_t line)
{
    const sink *k = user;
    if (!transcript_is_violation(ev) && !transcript_is_deviation(ev) && !transcript_is_note(ev))
        return;
    if (k->json)
        check_json_event(k->json, ev, line);
    else
        print_event(k, ev, line);
}

/* ---- files ---- */

#define READ_CHUNK 65536 /* bytes read at a time; the form is detected on the first chunk */

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

/* "[WHO: ]N lines, N commands (N inferred), N URCs, N violations, N deviations, N notes". */
static void print_summary(const char *who, const transcript_counts *c)
{
    printf("%s%s%llu lines, %llu commands (%llu inferred), %llu URCs, %llu violations, %llu deviations, %llu notes\n",
           who ? who : "", who ? ": " : "", (unsigned long long)c->lines, (unsigned long long)c->commands,
           (unsigned long long)c->inferred, (unsigned long long)c->urcs, (unsigned long long)c->violations,
           (unsigned long long)c->deviations, (unsigned long long)c->notes);
}

/* Read F (opened) as FORMAT (AUTO: detected on its first chunk) into the sink K, a chunk at a time; the bytes read
 * into *LEN. 0, or the errno of a failed read (what was read is checked all the same). */
static int read_file(const qat_compiled *c, FILE *f, transcript_format format, sink *k, transcript_counts *counts,
                     uint64_t *len)
{
    char *buf = heap_resize(NULL, READ_CHUNK, 1);
    size_t n = fread(buf, 1, READ_CHUNK, f);
    format = format == TRANSCRIPT_AUTO ? transcript_detect(buf, n) : format;
    if (k->json)
        check_json_file(k->json, k->file, format);
    transcript_reader *r = transcript_reader_new(c, format, on_event, k, counts);
    for (*len = 0; n > 0; n = fread(buf, 1, READ_CHUNK, f)) {
        transcript_reader_feed(r, buf, n);
        *len += n;
    }
    int err = ferror(f) ? (errno ? errno : EIO) : 0;
    transcript_reader_end(r);
    free(buf);
    return err;
}

/* Check one file. 0 clean, 1 violations or nothing recognised, 2 unreadable. */
static int check_file(const qat_compiled *c, const options *o, const char *path, check_json *json,
                      transcript_counts *total)
{
    FILE *f = fopen(path, "rb");
    sink k = {path, json};
    transcript_counts counts;
    uint64_t len = 0;
    int err = f ? read_file(c, f, o->format, &k, &counts, &len) : errno;
    if (f)
        fclose(f);
    if (err) {
        fprintf(stderr, "qatspec check: %s: cannot read: %s\n", path, strerror(err));
        if (json && !f)
            check_json_unreadable(json, path, strerror(err));
        else if (json)
            check_json_file_end(json, &counts);
        return 2;
    }
    add_counts(total, &counts);
    bool unread = counts.recognised == 0; /* empty, or nothing in it is modem output the spec knows */
    if (unread)
        fprintf(stderr, "qatspec check: warning: %s: %s\n", path,
                len ? "no line of it is a command, response or URC of the spec (is it a capture of the module?)"
                    : "the file is empty: nothing was checked");
    if (json)
        check_json_file_end(json, &counts);
    else if (o->n_files > 1)
        print_summary(path, &counts);
    return counts.violations || unread ? 1 : 0;
}

/* ---- the command ---- */

static int check_files(const qat_compiled *c, const options *o)
{
    check_json *json = o->json ? check_json_begin(stdout, o->spec_dir, c->spec) : NULL;
    transcript_counts total = {0};
    int rc = 0;
    for (size_t i = 0; i < o->n_files; i++) {
        int r = check_file(c, o, o->files[i], json, &total);
        rc = r > rc ? r : rc;
    }
    if (json && !check_json_end(json, &total)) {
        fputs("qatspec check: cannot write the JSON document\n", stderr);
        rc = 2;
    } else if (!json) {
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
