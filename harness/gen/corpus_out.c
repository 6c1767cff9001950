/* gen/corpus_out.c — writes the seeds of a corpus (corpus.h): DIR/<target>/<origin>-<hash>, each content once.
 * The name is FNV-1a of the bytes: the same seed gets the same name on every run and every machine. */
#include "corpus.h"

#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const target_names[CORPUS_TARGETS] = {"stream", "cmdline", "spec", "transcript"};

const char *corpus_target_name(corpus_target t) { return t < CORPUS_TARGETS ? target_names[t] : NULL; }

static bool make_dir(const char *path)
{
    if (mkdir(path, 0777) == 0 || errno == EEXIST)
        return true;
    fprintf(stderr, "qatspec gen corpus: cannot create %s: %s\n", path, strerror(errno));
    return false;
}

bool corpus_open(corpus *c, const char *dir)
{
    memset(c, 0, sizeof *c);
    c->dir = dir;
    if (!make_dir(dir))
        return false;
    for (int t = 0; t < CORPUS_TARGETS; t++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, target_names[t]);
        if (!make_dir(path))
            return false;
    }
    return true;
}

void corpus_close(corpus *c)
{
    free(c->hashes);
    c->hashes = NULL;
}

static uint64_t fnv1a(uint64_t h, const char *bytes, size_t len)
{
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)bytes[i]) * 0x100000001b3u;
    return h;
}

/* True when T has a seed of hash H already; else it is remembered. */
static bool seen(corpus *c, corpus_target t, uint64_t h)
{
    uint64_t key = h ^ (uint64_t)t; /* the same bytes may seed two targets */
    for (size_t i = 0; i < c->n_hashes; i++)
        if (c->hashes[i] == key)
            return true;
    c->hashes = heap_reserve(c->hashes, &c->cap_hashes, c->n_hashes + 1, sizeof *c->hashes);
    c->hashes[c->n_hashes++] = key;
    return false;
}

static bool write_seed(corpus *c, const char *path, const char *bytes, size_t len)
{
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(bytes, 1, len, f) == len;
    if (f && fclose(f) != 0)
        ok = false;
    if (!ok) {
        fprintf(stderr, "qatspec gen corpus: cannot write %s: %s\n", path, strerror(errno));
        c->failed = true;
    }
    return ok;
}

bool corpus_add(corpus *c, corpus_target t, const char *origin, const char *bytes, size_t len)
{
    uint64_t h = fnv1a(0xcbf29ce484222325u, bytes, len);
    if (c->failed || seen(c, t, h))
        return false;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s/%s-%016llx", c->dir, target_names[t], origin, (unsigned long long)h);
    if (!write_seed(c, path, bytes, len))
        return false;
    c->count[t]++;
    return true;
}

bool corpus_add_stream(corpus *c, const char *origin, const char *cmd, size_t cmd_len, const char *out, size_t out_len)
{
    char *seed = heap_resize(NULL, cmd_len + 1 + out_len + 1, 1);
    if (cmd_len)
        memcpy(seed, cmd, cmd_len);
    seed[cmd_len] = '\n';
    if (out_len)
        memcpy(seed + cmd_len + 1, out, out_len);
    bool added = corpus_add(c, CORPUS_STREAM, origin, seed, cmd_len + 1 + out_len);
    free(seed);
    return added;
}
