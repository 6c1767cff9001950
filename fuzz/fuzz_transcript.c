/* fuzz_transcript.c — fuzz target: `qatspec check`'s transcript reader and checker on the input as a file.
 * Its form is detected as check does (raw, marked, plain); every event is looked at as check reports it. */
#include "fuzz_spec_env.h"
#include "fuzz_target.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    uint64_t events, last_line;
    size_t bytes; /* of text, sections and messages looked at: every byte must be readable */
} tally;

static void on_event(void *user, const qat_event *ev, uint64_t line)
{
    tally *t = user;
    t->events++;
    t->last_line = line;
    for (size_t i = 0; i < ev->len; i++)
        t->bytes += (unsigned char)ev->text[i] != 0;
    t->bytes += strlen(transcript_event_section(ev));
    if (transcript_is_violation(ev))
        t->bytes += strlen(qat_violation_name(ev->violation)) + (ev->message ? strlen(ev->message) : 0);
    if (transcript_is_deviation(ev))
        t->bytes += strlen(ev->erratum);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    transcript_format f = transcript_detect(text, size);
    tally t = {0, 0, 0};
    transcript_counts counts;
    transcript_read(fuzz_spec(), text, size, f, on_event, &t, &counts);
    if (counts.violations + counts.deviations > t.events)
        abort(); /* every violation and deviation counted was an event the checker saw */
    return 0;
}
