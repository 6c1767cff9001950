/* sample_run.h — a run built by hand for the report tests: every verdict, in four chapters, with Chinese text and
 * hostile strings (<script>, quotes, &, control bytes, CR LF, stray bytes), scored by run_score_compute. */
#ifndef QATSPEC_SAMPLE_RUN_H
#define QATSPEC_SAMPLE_RUN_H

#include "report.h"

#define SAMPLE_RUN_ID "20261124T134812Z-emulator"
#define SAMPLE_STARTED_MS INT64_C(1795528092345) /* 2026-11-24T13:48:12.345Z */
#define SAMPLE_FAIL 2  /* the index of the failing case */
#define SAMPLE_ERROR 3 /* the case whose observed bytes are binary */
#define SAMPLE_DEVIATION 1

/* The failing case's observed text and the part of it from the mismatch on. */
#define SAMPLE_FAIL_OBSERVED "+CSQ: 15,99\\r\\n<script>document.title=404</script> & \"q\" 'a'\\r\\nOK"
#define SAMPLE_FAIL_MISMATCH "<script>document.title=404</script> & \"q\" 'a'\\r\\nOK"
#define SAMPLE_REQUIREMENT "查询信号质量：<rssi> 0-31，99 表示未知"

/* Fill R (its cases static) for SPEC. */
void sample_run_make(run_result *r, const qat_compiled *spec);

#endif
