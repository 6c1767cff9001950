/* report/files.c — where the reports go on disk: reports/<run-id>/ and the reports/latest link (swapped in one
 * rename), each report saved whole through a temporary file. */
#include "report.h"
#include "files.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool fail(char *err, size_t err_size, const char *path, const char *what)
{
    snprintf(err, err_size, "%s: %s", path, what);
    return false;
}

bool report_save(const char *dir, const char *name, const void *bytes, size_t len, char *err, size_t err_size)
{
    char path[4096], tmp[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path ||
        (size_t)snprintf(tmp, sizeof tmp, "%s/.%s.tmp", dir, name) >= sizeof tmp)
        return fail(err, err_size, dir, "path too long");
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return fail(err, err_size, path, strerror(errno));
    size_t written = fwrite(bytes, 1, len, f);
    int write_errno = errno;
    if (fclose(f) != 0 || written != len) {
        unlink(tmp);
        return fail(err, err_size, path, strerror(written != len ? write_errno : errno));
    }
    if (rename(tmp, path) != 0) {
        int rename_errno = errno;
        unlink(tmp);
        return fail(err, err_size, path, strerror(rename_errno));
    }
    return true;
}

static bool make_dir(const char *path, char *err, size_t err_size)
{
    if (mkdir(path, 0777) == 0 || errno == EEXIST)
        return true;
    return fail(err, err_size, path, strerror(errno));
}

/* BASE/latest -> RUN_ID (relative, so the reports directory can be moved): a new link made aside, renamed over. */
static bool point_latest(const char *base, const char *run_id, char *err, size_t err_size)
{
    char latest[4096], tmp[4096];
    if ((size_t)snprintf(latest, sizeof latest, "%s/latest", base) >= sizeof latest ||
        (size_t)snprintf(tmp, sizeof tmp, "%s/.latest.%ld.tmp", base, (long)getpid()) >= sizeof tmp)
        return fail(err, err_size, base, "path too long");
    unlink(tmp);
    if (symlink(run_id, tmp) != 0)
        return fail(err, err_size, tmp, strerror(errno));
    if (rename(tmp, latest) != 0) {
        int rename_errno = errno;
        unlink(tmp);
        return fail(err, err_size, latest, strerror(rename_errno));
    }
    return true;
}

bool report_dir_create(const char *base, const char *run_id, char *dir, size_t dir_size, char *err, size_t err_size)
{
    if (!run_id[0] || strchr(run_id, '/') || strcmp(run_id, ".") == 0 || strcmp(run_id, "..") == 0 ||
        strcmp(run_id, "latest") == 0)
        return fail(err, err_size, run_id, "not a usable run id (a single path component other than latest)");
    if ((size_t)snprintf(dir, dir_size, "%s/%s", base, run_id) >= dir_size)
        return fail(err, err_size, base, "path too long");
    return make_dir(base, err, err_size) && make_dir(dir, err, err_size) &&
           point_latest(base, run_id, err, err_size);
}
