/* report/template.h — report.html's template, reports/template/report.html, compiled in at build time
 * (embed_text.cmake writes report_template.c into the build tree), so qatspec needs no file beside it. */
#ifndef QATSPEC_REPORT_TEMPLATE_H
#define QATSPEC_REPORT_TEMPLATE_H

extern const char report_template_html[];

#endif
