/* check/feed.c — what every transcript form hands the stream: the module's bytes, a command line the DTE sent, a
 * received line framed as V.250 frames a response (a payload's bytes left as they are). */
#include "reader.h"

void reader_feed(reader *r, const char *p, size_t n)
{
    qat_stream_feed(&r->s, p, n);
    r->fed += n;
    if (r->record)
        bench_add_output(r->record, p, n);
}

void reader_send_command(reader *r, const char *p, size_t n)
{
    while (n && (p[n - 1] == '\r' || p[n - 1] == '\n'))
        n--;
    r->in_command = true;
    if (r->record)
        bench_add_command(r->record, p, n);
    qat_stream_command(&r->s, p, n);
    r->in_command = false;
    r->sending_data = false;
    r->counts->commands++;
}

/* While a payload is pending its bytes are data; so is the line break after them when the payload goes on past
 * them (only the LF of it when one byte is left). Bytes of the line past the payload's end are a line. */
void reader_feed_received_line(reader *r, const char *p, size_t n)
{
    uint64_t pending = qat_stream_payload_pending(&r->s);
    if (pending == 0) {
        reader_feed(r, "\r\n", 2);
        reader_feed(r, p, n);
        reader_feed(r, "\r\n", 2);
        return;
    }
    size_t data = pending < n ? (size_t)pending : n;
    reader_feed(r, p, data);
    pending = qat_stream_payload_pending(&r->s);
    if (data < n) {
        reader_feed(r, p + data, n - data);
        reader_feed(r, "\r\n", 2);
    } else if (pending) {
        reader_feed(r, pending == 1 ? "\n" : "\r\n", pending == 1 ? 1 : 2);
    }
}
