/*
 * worker.c
 *		Background workers that run the calculation queue (API.md section 7).
 *
 * With thermaliq in shared_preload_libraries, thermaliq.workers (default 0)
 * background workers connect to thermaliq.worker_database and take pending
 * calculations one at a time, as run_pending() does, in two transactions
 * each: thermaliq.queue_claim(1) marks one row processing with this
 * backend's pid and commits, so the queue shows it; thermaliq.queue_run(id)
 * computes it as the role that enqueued it and stores the outcome. A worker
 * that is terminated in between leaves a processing row whose backend is
 * gone; the next claim of any worker or run_pending() gives it back
 * (queue_claim), so nothing is lost, and a row is stored completed once.
 *
 * The pattern is pg_partman's background worker (pg_partman_bgw) and
 * PostgreSQL's src/test/modules/worker_spi: register in _PG_init, wait on
 * the latch between rounds, reload the configuration on SIGHUP, exit on
 * SIGTERM; the postmaster restarts a worker that exits with an error after
 * 10 s. On a hot standby the workers only wait (nothing can be written).
 */
#include "postgres.h"

#include "access/xact.h"
#include "access/xlog.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "postmaster/interrupt.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "storage/proc.h"
#include "tcop/tcopprot.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/snapmgr.h"
#include "utils/wait_event.h"

#include "pg/worker.h"

PGDLLEXPORT void thermaliq_worker_main(Datum main_arg);

static int	tq_workers = 0;
static char *tq_worker_database = NULL;
static int	tq_worker_naptime = 1000;
static int	tq_max_attempts = 3;

/* Defines the worker settings; registers the workers when preloaded */
void
worker_define_gucs(void)
{
	BackgroundWorker worker;
	int			i;

	DefineCustomIntVariable("thermaliq.worker_naptime",
							"Time a background worker waits when the queue is empty.",
							NULL,
							&tq_worker_naptime, 1000, 10, 3600 * 1000,
							PGC_SIGHUP, GUC_UNIT_MS, NULL, NULL, NULL);
	DefineCustomIntVariable("thermaliq.max_attempts",
							"Claims of one queued calculation before it is failed.",
							"A transient error (serialization, deadlock, lock timeout, "
							"resources, a shard's connection) or a terminated worker puts "
							"it back as pending until then.",
							&tq_max_attempts, 3, 1, 100,
							PGC_SUSET, 0, NULL, NULL, NULL);
	/* postmaster settings exist only when preloaded (as pg_partman_bgw's) */
	if (!process_shared_preload_libraries_in_progress)
		return;
	DefineCustomIntVariable("thermaliq.workers",
							"Number of background workers that run the calculation queue.",
							"Needs thermaliq in shared_preload_libraries; 0 runs none "
							"(run_pending() from pg_cron or a client still works).",
							&tq_workers, 0, 0, 64,
							PGC_POSTMASTER, 0, NULL, NULL, NULL);
	DefineCustomStringVariable("thermaliq.worker_database",
							   "Database whose calculation queue the background workers run.",
							   NULL,
							   &tq_worker_database, "postgres",
							   PGC_POSTMASTER, 0, NULL, NULL, NULL);

	for (i = 0; i < tq_workers; i++)
	{
		memset(&worker, 0, sizeof(worker));
		worker.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
		worker.bgw_start_time = BgWorkerStart_ConsistentState;
		worker.bgw_restart_time = 10;
		snprintf(worker.bgw_library_name, BGW_MAXLEN, "thermaliq");
		snprintf(worker.bgw_function_name, BGW_MAXLEN, "thermaliq_worker_main");
		snprintf(worker.bgw_name, BGW_MAXLEN, "thermaliq worker %d", i + 1);
		snprintf(worker.bgw_type, BGW_MAXLEN, "thermaliq worker");
		worker.bgw_main_arg = Int32GetDatum(i + 1);
		RegisterBackgroundWorker(&worker);
	}
}

/*
 * Runs one statement that returns at most one bigint, with nargs (0 or 1)
 * bigint parameters, in a transaction of its own; false when there is
 * nothing (no row, NULL, or no thermaliq 1.1 in this database: the workers
 * wait for CREATE EXTENSION or ALTER EXTENSION ... UPDATE).
 */
static bool
WorkerRun(const char *activity, const char *sql, int nargs, int64 arg, int64 *out)
{
	bool		found = false;
	int			rc;

	SetCurrentStatementStartTimestamp();
	StartTransactionCommand();
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	PushActiveSnapshot(GetTransactionSnapshot());
	pgstat_report_activity(STATE_RUNNING, activity);

	/* thermaliq installed here, at a version with the queue (1.1 on) */
	rc = SPI_execute("SELECT 1 WHERE pg_catalog.to_regprocedure('thermaliq.queue_claim()') IS NOT NULL", true, 1);
	if (rc == SPI_OK_SELECT && SPI_processed == 1)
	{
		Oid			types[1] = {INT8OID};
		Datum		vals[1] = {Int64GetDatum(arg)};

		rc = SPI_execute_with_args(sql, nargs, types, vals, NULL, false, 1);
		if (rc != SPI_OK_SELECT)
			elog(ERROR, "%s failed: %s", activity, SPI_result_code_string(rc));
		if (SPI_processed == 1)
		{
			bool		isnull;
			Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);

			if (!isnull)
			{
				*out = DatumGetInt64(d);
				found = true;
			}
		}
	}
	SPI_finish();
	PopActiveSnapshot();
	CommitTransactionCommand();
	pgstat_report_stat(false);
	pgstat_report_activity(STATE_IDLE, NULL);
	return found;
}

/* Entry point of each worker */
void
thermaliq_worker_main(Datum main_arg)
{
	pqsignal(SIGHUP, SignalHandlerForConfigReload);
	pqsignal(SIGTERM, die);
	BackgroundWorkerUnblockSignals();
	BackgroundWorkerInitializeConnection(tq_worker_database, NULL, 0);
	pgstat_report_appname(MyBgworkerEntry->bgw_name);

	for (;;)
	{
		int64		id = 0;
		bool		busy = false;

		CHECK_FOR_INTERRUPTS();
		if (ConfigReloadPending)
		{
			ConfigReloadPending = false;
			ProcessConfigFile(PGC_SIGHUP);
		}
		if (!RecoveryInProgress() &&
			WorkerRun("thermaliq worker: claiming a calculation",
					  "SELECT thermaliq.queue_claim()", 0, 0, &id))
		{
			int64		unused;

			(void) WorkerRun("thermaliq worker: running a calculation",
							 "SELECT thermaliq.queue_run($1)::int8", 1, id, &unused);
			busy = true;
		}
		if (!busy)
		{
			(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
							 tq_worker_naptime, PG_WAIT_EXTENSION);
			ResetLatch(MyLatch);
		}
	}
}
