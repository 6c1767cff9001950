/* emulator/call_cmds.c — ATD*99[*[<called>][*[<L2P>][*[<cid>]]]]# connects a packet data call on a defined context
 * (see emulator/call_cmds.h); any other number gets NO CARRIER: the emulated module makes no voice calls. */
#include "call_cmds.h"

#include "sockets.h"

#include <string.h>

#define DIAL_MODIFIERS "TtPp" /* V.250 §6.3.1.2: tone and pulse, which a packet call ignores */
#define PACKET_SERVICE "*99"  /* 27.007 §10.2.1.1 */
#define DEFAULT_CID 1

/* The context *99...# asks for (DEFAULT_CID when it names none), or -1 when DIAL is not a packet service request. */
static int packet_cid(const char *dial, size_t n)
{
    size_t at = 0;
    while (at < n && strchr(DIAL_MODIFIERS, dial[at]))
        at++;
    size_t k = strlen(PACKET_SERVICE);
    if (n - at < k + 1 || memcmp(dial + at, PACKET_SERVICE, k) != 0 || dial[n - 1] != '#')
        return -1;
    int stars = 0, cid = -1; /* the fields after *99 are <called_address>, <L2P>, <cid>: only <cid> is read */
    for (at += k; at < n - 1; at++) {
        bool digit = dial[at] >= '0' && dial[at] <= '9';
        if (dial[at] == '*')
            stars++;
        else if (stars == 3 && digit) /* kept bounded: past the last context it is just not defined */
            cid = cid > EM_CONTEXTS ? cid : (cid < 0 ? 0 : cid * 10) + (dial[at] - '0');
        else if (stars >= 3)
            return -1;
    }
    return cid < 0 ? DEFAULT_CID : cid;
}

/* A context the call can use: the module's default bearer (1), or one a command configured or activated. */
static bool defined(const em_state *st, int cid)
{
    const em_context *x = cid > 0 && cid <= EM_CONTEXTS ? &st->ctx[cid] : NULL;
    return cid == DEFAULT_CID || (x && (x->type || x->apn[0] || x->active));
}

/* The call online again (or for the first time): CONNECT, then the link is the call's. */
static em_verdict go_online(em_call *c)
{
    em_respond_final(c->r, "CONNECT");
    em_transparent_begin(&c->r->socks->online, EM_ONLINE_CALL);
    return EM_LATER;
}

static em_verdict no_carrier(em_call *c)
{
    em_respond_final(c->r, "NO_CARRIER");
    return EM_LATER;
}

em_verdict em_atd(em_call *c)
{
    const qat_field *f = em_field(c, "dial_string");
    int cid = f ? packet_cid(f->text, f->len) : -1;
    em_data_call *call = &c->r->socks->call;
    if (cid < 0 || !em_state_registered(c->r->st))
        return no_carrier(c);
    if (!defined(c->r->st, cid) || call->up)
        return EM_FAIL(EM_ERR_NOT_ALLOWED);
    if (!em_data_call_start(call, cid, c->r->st->cfg.data_cmd))
        return no_carrier(c);
    return go_online(c);
}

em_verdict em_ato(em_call *c)
{
    return c->r->socks->call.up ? go_online(c) : no_carrier(c);
}

em_verdict em_ath(em_call *c)
{
    em_data_call_end(&c->r->socks->call);
    return EM_OK;
}
