/* test_afl_so.c — libqat_mutator.so as afl-fuzz uses it: loaded with dlopen, its afl_custom_* hooks
 * found with dlsym and called with a NULL afl state; only those hooks exported; QATSPEC_SPEC obeyed
 * (a directory that is no spec stops the process with status 2: afl-fuzz would crash on a NULL state). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef void *(*init_fn)(void *afl, unsigned int seed);
typedef size_t (*fuzz_fn)(void *data, uint8_t *buf, size_t buf_size, uint8_t **out_buf, uint8_t *add_buf,
                          size_t add_buf_size, size_t max_size);
typedef const char *(*describe_fn)(void *data, size_t max_description_len);
typedef void (*deinit_fn)(void *data);

typedef struct {
    void *lib;
    init_fn init;
    fuzz_fn fuzz;
    describe_fn describe;
    deinit_fn deinit;
} hooks;

static hooks so;

static int load(void **state)
{
    (void)state;
    so.lib = dlopen(QAT_MUTATOR_SO, RTLD_NOW | RTLD_LOCAL);
    if (!so.lib)
        return -1;
    *(void **)&so.init = dlsym(so.lib, "afl_custom_init");
    *(void **)&so.fuzz = dlsym(so.lib, "afl_custom_fuzz");
    *(void **)&so.describe = dlsym(so.lib, "afl_custom_describe");
    *(void **)&so.deinit = dlsym(so.lib, "afl_custom_deinit");
    return 0;
}

static int unload(void **state)
{
    (void)state;
    return dlclose(so.lib);
}

static uint8_t qird[] = "AT+QIRD=0,1500\n\r\n+QIRD: 10\r\n0123456789\r\n\r\nOK\r\n";
static uint8_t csq[] = "AT+CSQ\n\r\n+CSQ: 16,99\r\n\r\nOK\r\n";

static void test_hooks_are_exported_alone(void **state)
{
    (void)state;
    assert_non_null(so.init);
    assert_non_null(so.fuzz);
    assert_non_null(so.describe);
    assert_non_null(so.deinit);
    assert_null(dlsym(so.lib, "qm_engine_new"));    /* the engine stays inside */
    assert_null(dlsym(so.lib, "qat_stream_feed")); /* and so does libqat */
}

static void test_fuzz_describe_deinit(void **state)
{
    (void)state;
    void *m = so.init(NULL, 42);
    assert_non_null(m);
    size_t kinds_seen = 0;
    for (size_t i = 0; i < 2000; i++) {
        uint8_t *out = NULL;
        size_t max = i % 2 ? 64 : 4096;
        size_t n = so.fuzz(m, i % 3 ? qird : csq, (i % 3 ? sizeof qird : sizeof csq) - 1, &out, csq, sizeof csq - 1, max);
        assert_true(n > 0 && n <= max);
        assert_non_null(out);
        const char *d = so.describe(m, 200);
        assert_memory_equal(d, "qat", 3);
        kinds_seen += strlen(d) > 4;
        assert_true(strlen(so.describe(m, 6)) <= 6);
    }
    assert_true(kinds_seen > 1500); /* most calls name their mutations */
    so.deinit(m);
}

static void test_same_seed_same_results(void **state)
{
    (void)state;
    void *a = so.init(NULL, 7), *b = so.init(NULL, 7);
    for (size_t i = 0; i < 300; i++) {
        uint8_t *ra, *rb;
        size_t na = so.fuzz(a, qird, sizeof qird - 1, &ra, csq, sizeof csq - 1, 4096);
        size_t nb = so.fuzz(b, qird, sizeof qird - 1, &rb, csq, sizeof csq - 1, 4096);
        assert_int_equal(na, nb);
        assert_memory_equal(ra, rb, na);
    }
    so.deinit(a);
    so.deinit(b);
}

/* QATSPEC_SPEC names the spec: a directory that is none makes init exit 2 (saying why on stderr). */
static void test_spec_from_the_environment(void **state)
{
    (void)state;
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        setenv("QATSPEC_SPEC", QAT_SPEC_DIR "/no-such-dir", 1);
        so.init(NULL, 1);
        _exit(0);
    }
    int status;
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 2);
    setenv("QATSPEC_SPEC", QAT_SPEC_DIR, 1);
    void *m = so.init(NULL, 1);
    assert_non_null(m);
    uint8_t *out;
    assert_true(so.fuzz(m, csq, sizeof csq - 1, &out, NULL, 0, 100) > 0);
    so.deinit(m);
    unsetenv("QATSPEC_SPEC");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hooks_are_exported_alone),
        cmocka_unit_test(test_fuzz_describe_deinit),
        cmocka_unit_test(test_same_seed_same_results),
        cmocka_unit_test(test_spec_from_the_environment),
    };
    return cmocka_run_group_tests(tests, load, unload);
}
