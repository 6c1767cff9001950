/* emulator/state.c — the emulated module's state (see emulator/state.h): configuration checks,
 * the settings table, and the parameters that stand for state rather than for a random value. */
#include "state.h"

#include "qat_value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- configuration ---- */

void em_config_defaults(em_config *c)
{
    /* the identity the manual's own examples show (2.2, 2.3, 2.8, 2.9) */
    *c = (em_config){.reg = 1, .rssi = 15, .ber = 99};
    strcpy(c->imei, "868739057053443");
    strcpy(c->iccid, "89860621260002571479");
    strcpy(c->imsi, "460060086257147");
    strcpy(c->revision, "AirM2M_780E_V1039_LTE_QAT");
    strcpy(c->model, "Air780E");
    strcpy(c->manufacturer, "AirM2M");
    strcpy(c->operator_long, "CHINA UNICOM"); /* the operator of the IMSI's MCC 460, MNC 06 */
    strcpy(c->operator_short, "UNICOM");
}

static bool all_digits(const char *s)
{
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

/* A digit string of LO..HI digits, with a Luhn check digit when LUHN, copied into DST[CAP]. */
static bool set_digits(char *dst, size_t cap, const char *v, size_t lo, size_t hi, bool luhn, char *why, size_t n)
{
    size_t len = strlen(v);
    if (len < lo || len > hi || len >= cap || !all_digits(v)) {
        if (lo == hi)
            snprintf(why, n, "'%s' is not %zu decimal digits", v, lo);
        else
            snprintf(why, n, "'%s' is not %zu to %zu decimal digits", v, lo, hi);
        return false;
    }
    if (luhn && !qat_luhn_valid(v, len)) {
        snprintf(why, n, "'%s' fails its Luhn check digit", v);
        return false;
    }
    memcpy(dst, v, len + 1);
    return true;
}

/* A bare token (ATI prints the revision unquoted): no spaces, commas, quotes or control bytes. */
static bool set_token(char *dst, size_t cap, const char *v, char *why, size_t n)
{
    size_t len = strlen(v);
    bool ok = len > 0 && len < cap && strcspn(v, " ,;\"\r\n\t") == len;
    if (!ok)
        snprintf(why, n, "'%s' is not a word of 1 to %zu bytes without spaces, commas or quotes", v, cap - 1);
    else
        memcpy(dst, v, len + 1);
    return ok;
}

static bool set_reg(em_config *c, const char *v, char *why, size_t n)
{
    static const struct {
        const char *name;
        int stat;
    } states[] = {{"home", 1}, {"roaming", 5}, {"searching", 2}, {"denied", 3}};
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
        if (strcmp(v, states[i].name) == 0) {
            c->reg = states[i].stat;
            return true;
        }
    snprintf(why, n, "'%s' is not one of home, roaming, searching, denied", v);
    return false;
}

/* RSSI,BER as 2.11's table allows: rssi 0-31, 99, 100-191, 199; ber 0-7, 99. */
static bool set_csq(em_config *c, const char *v, char *why, size_t n)
{
    int r, b, used = 0;
    bool ok = sscanf(v, "%d,%d%n", &r, &b, &used) == 2 && v[used] == '\0' &&
              ((r >= 0 && r <= 31) || r == 99 || (r >= 100 && r <= 191) || r == 199) &&
              ((b >= 0 && b <= 7) || b == 99);
    if (!ok)
        snprintf(why, n, "'%s' is not RSSI,BER with RSSI 0-31, 99, 100-191 or 199 and BER 0-7 or 99", v);
    else
        c->rssi = r, c->ber = b;
    return ok;
}

bool em_config_set(em_config *c, const char *name, const char *v, char *why, size_t n)
{
    if (strcmp(name, "imei") == 0) {
        c->given |= EM_GIVEN_IMEI;
        return set_digits(c->imei, sizeof c->imei, v, 15, 15, true, why, n);
    }
    if (strcmp(name, "iccid") == 0) {
        c->given |= EM_GIVEN_ICCID;
        return set_digits(c->iccid, sizeof c->iccid, v, 19, 20, true, why, n);
    }
    if (strcmp(name, "imsi") == 0) {
        c->given |= EM_GIVEN_IMSI;
        return set_digits(c->imsi, sizeof c->imsi, v, 15, 15, false, why, n);
    }
    if (strcmp(name, "revision") == 0)
        return set_token(c->revision, sizeof c->revision, v, why, n);
    if (strcmp(name, "reg") == 0)
        return set_reg(c, v, why, n);
    if (strcmp(name, "csq") == 0)
        return set_csq(c, v, why, n);
    snprintf(why, n, "no option '%s'", name);
    return false;
}

/* Add N to the serial number held in DIGITS[FROM..TO) (modulo its width), then make the last digit its Luhn check
 * digit again when LUHN. */
static void add_to_serial(char *digits, size_t from, size_t to, uint64_t n, bool luhn)
{
    for (size_t i = to; i-- > from && n;) {
        uint64_t d = (uint64_t)(digits[i] - '0') + n % 10;
        n = n / 10 + d / 10;
        digits[i] = (char)('0' + d % 10);
    }
    size_t len = strlen(digits);
    for (char check = '0'; luhn && check <= '9'; check++) {
        digits[len - 1] = check;
        if (qat_luhn_valid(digits, len))
            break;
    }
}

/* The serial part of each identity: the IMEI's serial number (TAC before it, check digit after), the ICCID's
 * account digits (its issuer before, its check digit after), the IMSI's MSIN (MCC and MNC before). */
static void add_to_identity(em_config *c, unsigned which, uint64_t n)
{
    if (which & EM_GIVEN_IMEI)
        add_to_serial(c->imei, 8, 14, n, true);
    if (which & EM_GIVEN_ICCID)
        add_to_serial(c->iccid, 12, strlen(c->iccid) - 1, n, true);
    if (which & EM_GIVEN_IMSI)
        add_to_serial(c->imsi, 5, 15, n, false);
}

void em_config_for_module(em_config *c, uint64_t seed, size_t k)
{
    unsigned all = EM_GIVEN_IMEI | EM_GIVEN_ICCID | EM_GIVEN_IMSI;
    add_to_identity(c, c->given & all, k);
    add_to_identity(c, ~c->given & all, seed - 1 + k);
}

/* ---- settings ---- */

void em_state_boot(em_state *s, const qat_spec *spec, const em_config *cfg)
{
    memset(s, 0, sizeof *s);
    s->spec = spec;
    s->cfg = *cfg;
}

static em_setting *find_setting(const em_state *s, const char *command, const char *param)
{
    for (size_t i = 0; i < s->n_settings; i++)
        if (strcmp(s->settings[i].command, command) == 0 && strcmp(s->settings[i].param, param) == 0)
            return (em_setting *)&s->settings[i];
    return NULL;
}

bool em_state_store(em_state *s, const char *command, const char *param, const char *value, size_t len)
{
    em_setting *e = find_setting(s, command, param);
    if (!e) {
        if (s->n_settings == EM_MAX_SETTINGS)
            return false;
        e = &s->settings[s->n_settings++];
        e->command = command;
        e->param = param;
    }
    if (len >= sizeof e->value)
        len = sizeof e->value - 1;
    memcpy(e->value, value, len);
    e->value[len] = '\0';
    return true;
}

void em_state_forget(em_state *s, const char *keep)
{
    size_t kept = 0;
    for (size_t i = 0; i < s->n_settings; i++)
        if (keep && strcmp(s->settings[i].command, keep) == 0)
            s->settings[kept++] = s->settings[i];
    s->n_settings = kept;
}

const char *em_state_stored(const em_state *s, const char *command, const char *param)
{
    const em_setting *e = find_setting(s, command, param);
    return e ? e->value : NULL;
}

/* The spec names of the settings the emulator acts on, and their power-on values when the spec gives no default. */
static const struct {
    const char *command, *param;
    int power_on;
} known[EM_KNOWN_COUNT] = {
    [EM_ECHO] = {"ATE", "value", 1},     [EM_VERBOSE] = {"ATV", "value", 1}, [EM_CMEE] = {"AT+CMEE", "n", 0},
    [EM_S3] = {"ATS3", "value", 13},     [EM_S5] = {"ATS5", "value", 8},     [EM_CFUN] = {"AT+CFUN", "fun", 1},
    [EM_CEREG_N] = {"AT+CEREG", "n", 0},
};

int em_state_get(const em_state *s, em_known k)
{
    const char *v = em_state_stored(s, known[k].command, known[k].param);
    if (v)
        return atoi(v);
    const qat_command *c = qat_spec_command(s->spec, known[k].command);
    const qat_param *p = c ? qat_params_find(c->params, c->n_params, known[k].param, strlen(known[k].param)) : NULL;
    return p && p->has_default ? (int)p->default_int : known[k].power_on;
}

const char *em_state_setting(const em_state *s, const char *command, const char *param, char *buf, size_t n)
{
    const char *v = em_state_stored(s, command, param);
    for (size_t k = 0; !v && k < EM_KNOWN_COUNT; k++)
        if (strcmp(known[k].command, command) == 0 && strcmp(known[k].param, param) == 0) {
            snprintf(buf, n, "%d", em_state_get(s, (em_known)k));
            v = buf;
        }
    return v;
}

const char *em_state_width(const qat_param *p, const char *v, char *buf, size_t n)
{
    if (!v || p->type != QAT_TYPE_INT || p->digits.lo < 1 || p->digits.lo > 20)
        return v;
    long long x = atoll(v);
    snprintf(buf, n, "%0*lld", (int)p->digits.lo, x);
    return buf;
}

int em_state_reg(const em_state *s)
{
    return em_state_get(s, EM_CFUN) == 1 ? s->cfg.reg : 0;
}

bool em_state_registered(const em_state *s)
{
    int reg = em_state_reg(s);
    return !s->detached && (reg == 1 || reg == 5);
}

/* ---- parameters that stand for state ---- */

typedef enum { V_IMEI, V_ICCID, V_IMSI, V_REVISION, V_MODEL, V_MANUFACTURER, V_STAT, V_RSSI, V_BER, V_SIM } value_kind;

const char *em_state_value(const em_state *s, const char *param, char *buf, size_t n)
{
    static const struct {
        const char *param;
        value_kind kind;
    } names[] = {{"imei", V_IMEI},         {"sn", V_IMEI},      {"iccid", V_ICCID},   {"imsi", V_IMSI},
                 {"revision", V_REVISION}, {"version", V_REVISION}, {"model", V_MODEL}, {"objectID", V_MODEL},
                 {"manufacturer", V_MANUFACTURER}, {"stat", V_STAT}, {"rsi", V_RSSI}, {"ber", V_BER},
                 {"code", V_SIM}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcasecmp(param, names[i].param) != 0)
            continue;
        const em_config *c = &s->cfg;
        switch (names[i].kind) {
        case V_IMEI: return c->imei;
        case V_ICCID: return c->iccid;
        case V_IMSI: return c->imsi;
        case V_REVISION: return c->revision;
        case V_MODEL: return c->model;
        case V_MANUFACTURER: return c->manufacturer;
        case V_STAT: snprintf(buf, n, "%d", em_state_reg(s)); return buf;
        case V_RSSI: snprintf(buf, n, "%d", c->rssi); return buf;
        case V_BER: snprintf(buf, n, "%d", c->ber); return buf;
        case V_SIM: return "READY";
        }
    }
    return NULL;
}
