/*
 * thermaliq.c
 *		Module magic for the thermaliq extension and its settings.
 *
 * Every SQL-callable function lives in src/pg/ (types, aggregates, scalar
 * wrappers) or src/plant/ (calculations over readings tables); the maths
 * they call lives in src/math/, which does not include postgres.h.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/guc.h"

#include "pg/errors_sql.h"
#include "pg/tw_log.h"
#include "pg/worker.h"
#include "plant/shard.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* Defines the thermaliq.* settings when the library is loaded */
void
_PG_init(void)
{
	tq_errors_init();
	tw_log_define_gucs();
	shard_define_gucs();
	worker_define_gucs();
	MarkGUCPrefixReserved("thermaliq");
}
