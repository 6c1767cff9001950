/* gen_hostile.c — writes the hostile spec files the robustness tests lint (never committed: made at test time).
 * usage: gen_hostile KIND FILE, KIND one of: empty random big many deep deep-block bomb wide. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* xorshift64: the same bytes on every machine, from a fixed seed. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *state = x;
}

static void write_random(FILE *f)
{
    uint64_t state = 0x9E3779B97F4A7C15u;
    for (int i = 0; i < 64 * 1024; i++)
        fputc((int)(next_random(&state) >> 56), f);
}

/* About 10 MB of well-formed topics, the last with a key no topic has. */
static void write_big(FILE *f)
{
    char doc[1001];
    memset(doc, 'x', 1000);
    doc[1000] = '\0';
    long written = 0;
    for (int i = 0; written < 10L * 1024 * 1024; i++)
        written += fprintf(f, "- topic: big-%d\n  section: \"1.1\"\n  title: filler %d\n  doc: %s\n", i, i, doc);
    fputs("- topic: big-last\n  section: \"1.1\"\n  title: the last one\n  bogus: 1\n", f);
}

/* 12000 each of commands, errata and URCs naming one another: lint must stay fast as a spec grows. */
static void write_many(FILE *f)
{
    for (int i = 0; i < 50; i++)
        fprintf(f, "- result: R%d\n  section: \"1.2\"\n  title: t\n  line: \"R%d\"\n  kind: final\n"
                   "  outcome: success\n", i, i);
    for (int i = 0; i < 12000; i++) {
        fprintf(f, "- command: AT+C%d\n  section: \"1.1\"\n  title: t\n  safety: safe\n  max_response_ms: 300\n"
                   "  timing: convention\n  forms:\n    exec: { syntax: \"AT+C%d=<n>\", final: [R%d] }\n"
                   "  params:\n    n: { type: int }\n", i, i, i % 50);
        fprintf(f, "- erratum: e%d\n  section: \"1.1\"\n  title: t\n  command: AT+C%d\n  documented: d\n"
                   "  deviation: d\n  accept: [\"+C: <n>\"]\n  evidence: e\n", i, i / 2);
        fprintf(f, "- urc: u%d\n  section: \"1.1\"\n  title: t\n  line: \"+U%d: <x>\"\n"
                   "  params: { x: { type: int } }\n", i, i);
    }
    fputs("- command: AT+C0\n  section: \"1.1\"\n  title: the one duplicate\n  safety: safe\n"
          "  max_response_ms: 300\n  timing: convention\n  forms: { exec: { syntax: AT+C0, final: [R0] } }\n", f);
}

static void write_repeated(FILE *f, const char *unit, long times)
{
    for (long i = 0; i < times; i++)
        fputs(unit, f);
    fputc('\n', f);
}

/* The "billion laughs": nine levels of ten aliases each. */
static void write_bomb(FILE *f)
{
    fputs("- &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n", f);
    for (char c = 'b'; c <= 'i'; c++) {
        fprintf(f, "- &%c [", c);
        for (int i = 0; i < 10; i++)
            fprintf(f, "%s*%c", i ? ", " : "", c - 1);
        fputs("]\n", f);
    }
}

static int write_kind(const char *kind, FILE *f)
{
    if (strcmp(kind, "empty") == 0)
        return 0;
    if (strcmp(kind, "random") == 0)
        write_random(f);
    else if (strcmp(kind, "big") == 0)
        write_big(f);
    else if (strcmp(kind, "many") == 0)
        write_many(f);
    else if (strcmp(kind, "deep") == 0)
        write_repeated(f, "[", 100000);
    else if (strcmp(kind, "deep-block") == 0)
        write_repeated(f, "- ", 100000);
    else if (strcmp(kind, "bomb") == 0)
        write_bomb(f);
    else if (strcmp(kind, "wide") == 0)
        write_repeated(f, "- 0\n", 1500000);
    else
        return 1;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: gen_hostile KIND FILE\n", stderr);
        return 2;
    }
    FILE *f = fopen(argv[2], "wb");
    if (!f) {
        perror(argv[2]);
        return 2;
    }
    int bad = write_kind(argv[1], f);
    if (fclose(f) != 0 || bad) {
        fprintf(stderr, "gen_hostile: cannot write %s '%s'\n", argv[1], argv[2]);
        return 2;
    }
    return 0;
}
