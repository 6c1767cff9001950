/* check/plain.c — a session pasted as the manual prints it: "AT..." lines are sent, anything else received,
 * "....." stands for lines left out and ">" for the prompt; a payload's bytes are data, whatever they look like. */
#include "reader.h"

#include "qat_stream.h"

void plain_line(reader *r, const char *l, size_t n)
{
    if (qat_stream_payload_pending(&r->s))
        reader_feed_received_line(r, l, n); /* every byte is data until the payload is complete */
    else if (n == 0 || transcript_is_omission(l, n))
        return;
    else if (transcript_is_command_line(l, n))
        reader_send_command(r, l, n);
    else if (transcript_is_lone_prompt(l, n))
        reader_feed(r, "\r\n>\r\n", 5);
    else
        reader_feed_received_line(r, l, n);
}
