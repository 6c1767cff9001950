/* emulator/fota.c — AT+QFOTADL over libcurl's multi interface, driven by curl_multi_socket_action from the
 * emulator's ppoll loop (see emulator/fota.h): no threads, no blocking; progress URCs spaced by bytes received. */
#include "fota.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FOTA_SOCKS 4     /* sockets one transfer watches at once */
#define URL_MAX 256      /* <HTTP_URL>: 255 bytes at most (4.1) */
#define URC_MAX_DEFAULT 10 /* <download_URC_max>, <update_URC_max> left out: the manual's example's 10 */

/* Quectel's HTTP(S) result codes, for a transfer that failed below HTTP (README, "FOTA"). */
enum { HTTP_ERR_OTHER = 701, HTTP_ERR_TIMEOUT = 702, HTTP_ERR_URL = 711, HTTP_ERR_DNS = 714,
       HTTP_ERR_CONNECT = 716, HTTP_ERR_READ = 717, HTTP_ERR_WRITE = 718 };

typedef struct {
    curl_socket_t fd;
    int what; /* CURL_POLL_IN, _OUT, _INOUT */
} watched;

/* Progress URCs: how many the command asked for, how many are written. */
typedef struct {
    int max, sent;
} progress;

struct em_fota {
    CURLM *multi;
    CURL *easy;          /* the download under way, or NULL */
    em_responder *r;     /* where its URCs go */
    bool announced;      /* HTTPSTART written */
    bool restart_first;  /* <upgrade_mode> 0: the module restarts between the download and the update */
    bool update_due;     /* downloaded, restarted: the update's URCs come next */
    progress down, update;
    curl_off_t got;      /* body bytes received */
    watched socks[FOTA_SOCKS];
    size_t n_socks;
    long long deadline;  /* CLOCK_MONOTONIC ms when libcurl's timer fires, or -1 */
};

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- URCs ---- */

static void urc_int(em_responder *r, const char *urc, const char *param, long long value)
{
    char text[24];
    snprintf(text, sizeof text, "%lld", value);
    em_kv kv = {param, text};
    em_respond_urc_kv(r, urc, &kv, 1);
}

/* Write P's lines that DONE of TOTAL bytes make due: line k of max when k/max of the bytes are in, at
 * 100*k/max percent. TOTAL <= 0 (not known): none. */
static void report(em_responder *r, const char *urc, progress *p, curl_off_t done, curl_off_t total)
{
    while (total > 0 && p->sent < p->max && (curl_off_t)(p->sent + 1) * total <= done * p->max) {
        p->sent++;
        urc_int(r, urc, "percent", 100LL * p->sent / p->max);
    }
}

/* ---- libcurl's callbacks ---- */

static int on_socket(CURL *e, curl_socket_t fd, int what, void *user, void *sockp)
{
    (void)e;
    (void)sockp;
    em_fota *f = user;
    size_t i = 0;
    while (i < f->n_socks && f->socks[i].fd != fd)
        i++;
    if (what == CURL_POLL_REMOVE) {
        if (i < f->n_socks)
            f->socks[i] = f->socks[--f->n_socks];
    } else if (i < f->n_socks || f->n_socks < FOTA_SOCKS) {
        f->n_socks += i == f->n_socks;
        f->socks[i] = (watched){fd, what};
    }
    return 0;
}

static int on_timer(CURLM *m, long timeout_ms, void *user)
{
    (void)m;
    em_fota *f = user;
    f->deadline = timeout_ms < 0 ? -1 : now_ms() + timeout_ms;
    return 0;
}

/* Body bytes: counted (a 2xx body only) and reported as DOWNLOADING progress, then dropped. */
static size_t on_data(char *data, size_t size, size_t n, void *user)
{
    (void)data;
    em_fota *f = user;
    long status = 0;
    curl_off_t total = -1;
    curl_easy_getinfo(f->easy, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(f->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &total);
    if (status / 100 == 2) {
        f->got += (curl_off_t)(size * n);
        report(f->r, "qind-fota-downloading", &f->down, f->got, total);
    }
    return size * n;
}

/* ---- the engine ---- */

em_fota *em_fota_new(void)
{
    em_fota *f = calloc(1, sizeof *f);
    if (f)
        f->multi = curl_multi_init();
    if (!f || !f->multi) {
        free(f);
        return NULL;
    }
    f->deadline = -1;
    curl_multi_setopt(f->multi, CURLMOPT_SOCKETFUNCTION, on_socket);
    curl_multi_setopt(f->multi, CURLMOPT_SOCKETDATA, f);
    curl_multi_setopt(f->multi, CURLMOPT_TIMERFUNCTION, on_timer);
    curl_multi_setopt(f->multi, CURLMOPT_TIMERDATA, f);
    return f;
}

void em_fota_cancel(em_fota *f)
{
    if (!f || !f->easy)
        return;
    curl_multi_remove_handle(f->multi, f->easy);
    curl_easy_cleanup(f->easy);
    f->easy = NULL;
}

void em_fota_free(em_fota *f)
{
    if (!f)
        return;
    em_fota_cancel(f);
    curl_multi_cleanup(f->multi);
    free(f);
}

bool em_fota_busy(const em_fota *f)
{
    return f && (f->easy || f->update_due);
}

/* ---- starting ---- */

/* HOST (as libcurl's URL parser gives it) is on loopback: 127.0.0.0/8, [::1], localhost. */
static bool loopback(const char *host)
{
    unsigned char a[4];
    return strcmp(host, "localhost") == 0 || strcmp(host, "[::1]") == 0 ||
           (inet_pton(AF_INET, host, a) == 1 && a[0] == 127);
}

/* URL is http(s)://, and on loopback unless ALLOW_NET. */
static bool url_allowed(const char *url, bool allow_net)
{
    CURLU *u = curl_url();
    char *scheme = NULL, *host = NULL;
    bool ok = u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
              curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
              curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
              (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0) && (allow_net || loopback(host));
    curl_free(scheme);
    curl_free(host);
    curl_url_cleanup(u);
    return ok;
}

/* A transfer of URL into F's callbacks: errors >= 400 fail it, no connection kept, no proxy. */
static CURL *make_transfer(em_fota *f, const char *url)
{
    CURL *e = curl_easy_init();
    if (!e)
        return NULL;
    curl_easy_setopt(e, CURLOPT_URL, url);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_PROXY, "");
    curl_easy_setopt(e, CURLOPT_FAILONERROR, 1L);
    curl_easy_setopt(e, CURLOPT_FORBID_REUSE, 1L);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, 30L);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, f);
    return e;
}

/* The URL into URL[0..URL_MAX), the progress counts and the upgrade mode the call asked for (left out: 1, as the
 * manual's example; 4.1 gives no default). False when the URL is too long. */
static bool read_call(const em_call *c, char *url, progress *down, progress *update, bool *restart_first)
{
    const qat_field *m = em_field(c, "upgrade_mode");
    *restart_first = m && m->number == 0;
    const qat_field *u = em_field(c, "HTTP_URL");
    const qat_field *d = em_field(c, "download_URC_max"), *p = em_field(c, "update_URC_max");
    if (!u || u->len >= URL_MAX)
        return false;
    memcpy(url, u->text, u->len);
    url[u->len] = '\0';
    *down = (progress){d ? (int)d->number : URC_MAX_DEFAULT, 0};
    *update = (progress){p ? (int)p->number : URC_MAX_DEFAULT, 0};
    return true;
}

em_verdict em_fota_start(em_fota *f, em_call *c)
{
    char url[URL_MAX];
    if (!f || f->easy || !read_call(c, url, &f->down, &f->update, &f->restart_first) || !url_allowed(url, c->r->st->cfg.allow_net))
        return EM_FAIL(EM_ERR_NOT_ALLOWED);
    f->easy = make_transfer(f, url);
    if (!f->easy || curl_multi_add_handle(f->multi, f->easy) != CURLM_OK) {
        curl_easy_cleanup(f->easy);
        f->easy = NULL;
        return EM_FAIL(EM_ERR_UNKNOWN);
    }
    f->r = c->r;
    f->announced = false;
    f->got = 0;
    return EM_OK; /* HTTPSTART follows the OK, from em_fota_step */
}

/* ---- the event loop's side ---- */

size_t em_fota_poll(em_fota *f, struct pollfd *p, size_t cap, int *timeout_ms)
{
    if (f && f->update_due)
        *timeout_ms = 0; /* the update after the restart */
    if (!em_fota_busy(f) || !f->easy)
        return 0;
    size_t n = 0;
    for (; n < f->n_socks && n < cap; n++) {
        int w = f->socks[n].what;
        p[n] = (struct pollfd){.fd = f->socks[n].fd,
                               .events = (short)((w & CURL_POLL_IN ? POLLIN : 0) | (w & CURL_POLL_OUT ? POLLOUT : 0))};
    }
    if (f->announced && f->deadline < 0)
        return n; /* nothing to do until a socket is ready */
    long long wait = f->announced ? f->deadline - now_ms() : 0; /* HTTPSTART is due at once */
    wait = wait < 0 ? 0 : wait > INT_MAX ? INT_MAX : wait;
    if (*timeout_ms < 0 || wait < *timeout_ms)
        *timeout_ms = (int)wait;
    return n;
}

/* libcurl's error as a Quectel HTTP(S) result code. */
static int http_err(CURLcode rc)
{
    switch (rc) {
    case CURLE_OPERATION_TIMEDOUT: return HTTP_ERR_TIMEOUT;
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL: return HTTP_ERR_URL;
    case CURLE_COULDNT_RESOLVE_HOST: return HTTP_ERR_DNS;
    case CURLE_COULDNT_CONNECT: return HTTP_ERR_CONNECT;
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE: return HTTP_ERR_READ;
    case CURLE_SEND_ERROR: return HTTP_ERR_WRITE;
    default: return HTTP_ERR_OTHER;
    }
}

/* The update: START, its progress, END, after which the module restarts. */
static void update(em_fota *f)
{
    f->update_due = false;
    em_respond_urc(f->r, "qind-fota-start");
    report(f->r, "qind-fota-updating", &f->update, 1, 1);
    urc_int(f->r, "qind-fota-end", "err", 0);
}

/* The download ended with RC: HTTPEND with its result; on success the update (4.1 <upgrade_mode>: at once under 1;
 * under 0 after a restart, "先重启模块再升级固件"). True: restart now. */
static bool conclude(em_fota *f, CURLcode rc)
{
    long status = 0;
    curl_easy_getinfo(f->easy, CURLINFO_RESPONSE_CODE, &status);
    int err = rc == CURLE_OK && status / 100 == 2 ? 0 : status >= 300 ? (int)status : http_err(rc);
    em_responder *r = f->r;
    if (err == 0)
        report(r, "qind-fota-downloading", &f->down, 1, 1);
    em_fota_cancel(f);
    urc_int(r, "qind-fota-httpend", "HTTP_err", err);
    if (err != 0)
        return false;
    if (f->restart_first)
        f->update_due = true;
    else
        update(f);
    return true;
}

bool em_fota_step(em_fota *f, const struct pollfd *p, size_t n)
{
    if (f && f->update_due) {
        update(f);
        return true;
    }
    if (!em_fota_busy(f))
        return false;
    if (!f->announced)
        em_respond_urc(f->r, "qind-fota-httpstart");
    f->announced = true;
    int running;
    for (size_t i = 0; i < n; i++)
        if (p[i].revents)
            curl_multi_socket_action(f->multi, p[i].fd,
                                     (p[i].revents & POLLIN ? CURL_CSELECT_IN : 0) |
                                         (p[i].revents & POLLOUT ? CURL_CSELECT_OUT : 0) |
                                         (p[i].revents & (POLLERR | POLLHUP) ? CURL_CSELECT_ERR : 0),
                                     &running);
    if (f->deadline >= 0 && now_ms() >= f->deadline) {
        f->deadline = -1; /* a one-shot timer: libcurl sets the next one */
        curl_multi_socket_action(f->multi, CURL_SOCKET_TIMEOUT, 0, &running);
    }
    int left;
    for (CURLMsg *m; (m = curl_multi_info_read(f->multi, &left)) != NULL;)
        if (m->msg == CURLMSG_DONE && m->easy_handle == f->easy)
            return conclude(f, m->data.result);
    return false;
}
