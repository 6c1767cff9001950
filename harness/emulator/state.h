/* emulator/state.h — the emulated module's state: its configured identity and network, the settings
 * commands wrote (read back by their queries), registration and the PDP contexts. Plain data, no I/O. */
#ifndef QATSPEC_EMULATOR_STATE_H
#define QATSPEC_EMULATOR_STATE_H

#include "emulator.h"
#include "qat_spec.h"

#include <stdbool.h>
#include <stddef.h>

#define EM_MAX_SETTINGS 96
#define EM_VALUE_MAX 136
#define EM_CONTEXTS 15   /* PDP context ids 1..15 (2.13) */
#define EM_MAX_ACTIVE 3  /* at most 3 active at once (2.13) */


/* A value a command wrote: COMMAND's parameter PARAM (both point into the spec). */
typedef struct {
    const char *command, *param;
    char value[EM_VALUE_MAX];
} em_setting;

typedef struct {
    bool active;
    int type;                 /* <context_type>: 1 IPv4 */
    char apn[100], user[128], pass[128];
    int auth;
} em_context;

typedef struct {
    const qat_spec *spec;
    em_config cfg;
    em_setting settings[EM_MAX_SETTINGS];
    size_t n_settings;
    em_context ctx[EM_CONTEXTS + 1]; /* index 0 unused */
    bool detached;                   /* AT+CGATT=0 */
} em_state;

/* The settings the emulator itself acts on, each a command's parameter in the spec. */
typedef enum { EM_ECHO, EM_VERBOSE, EM_CMEE, EM_S3, EM_S5, EM_CFUN, EM_CEREG_N, EM_KNOWN_COUNT } em_known;


/* A freshly booted module: no settings, no contexts (the configuration stays). */
void em_state_boot(em_state *s, const qat_spec *spec, const em_config *cfg);

/* Remember COMMAND's PARAM = VALUE[0..LEN); false when the table is full. */
bool em_state_store(em_state *s, const char *command, const char *param, const char *value, size_t len);
/* Forget every setting but those of KEEP (a command name, or NULL). */
void em_state_forget(em_state *s, const char *keep);
/* What COMMAND's PARAM was set to, or NULL. */
const char *em_state_stored(const em_state *s, const char *command, const char *param);
/* A known setting as an integer: stored, else the spec's default, else the V.250/27.007 power-on value. */
int em_state_get(const em_state *s, em_known k);

/* What COMMAND's PARAM is now: stored, or a known setting's value (into BUF); NULL otherwise. */
const char *em_state_setting(const em_state *s, const char *command, const char *param, char *buf, size_t n);

/* V as the module writes parameter P: with leading zeros to the width an int's `digits` gives (V.250 S-parameters
 * read back as "013"), into BUF (V may be BUF); V itself otherwise. */
const char *em_state_width(const qat_param *p, const char *v, char *buf, size_t n);

/* The registration status now (0 while the radio is off). */
int em_state_reg(const em_state *s);
/* Registered (home or roaming) and attached: a context can be activated, a data call made. */
bool em_state_registered(const em_state *s);
/* The value of a parameter that stands for state whatever the command (IMEI, ICCID, IMSI, revision,
 * model, manufacturer, registration, signal, SIM), written into BUF; NULL when PARAM is not one. */
const char *em_state_value(const em_state *s, const char *param, char *buf, size_t n);

#endif
