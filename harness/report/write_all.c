/* report/write_all.c — a finished run's three reports, one after the other: report.json, junit.xml, report.html.
 * Apart from files.c so that the writers, which save through files.c, and the one who calls them do not circle. */
#include "report.h"

bool report_write_all(const run_result *r, const char *dir, char *err, size_t err_size)
{
    return report_write_json(r, dir, err, err_size) && report_write_junit(r, dir, err, err_size) &&
           report_write_html(r, dir, err, err_size);
}
