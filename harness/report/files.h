/* report/files.h — where the reports go on disk: one file saved whole (written aside, then renamed into place),
 * for the report writers. The run's directory and its `latest` link are report_dir_create (report.h). */
#ifndef QATSPEC_REPORT_FILES_H
#define QATSPEC_REPORT_FILES_H

#include <stdbool.h>
#include <stddef.h>

/* Write BYTES[0..LEN) to DIR/NAME through DIR/.NAME.tmp and a rename. False, with "DIR/NAME: why" in ERR. */
bool report_save(const char *dir, const char *name, const void *bytes, size_t len, char *err, size_t err_size);

#endif
