/* plan_json.h — a plan as a cJSON tree (`qatspec gen plan --json`, and the runner's report can reuse it):
 * {"version":1,"counts":{kind:n},"cases":[{id,section,command,title,requirement,kind,safety,weight,steps}]}. */
#ifndef QATSPEC_PLAN_JSON_H
#define QATSPEC_PLAN_JSON_H

#include "plan.h"

#include <cJSON.h>

#define PLAN_JSON_VERSION 1

/* The plan as JSON; the caller frees it with cJSON_Delete. NULL when out of memory. */
cJSON *plan_to_json(const plan *p);

/* One case as JSON (its steps included). */
cJSON *plan_case_to_json(const plan_case *pc);

#endif
