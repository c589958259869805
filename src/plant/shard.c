/*
 * shard.c
 *		The C half of sharding (API.md section 8): a plant function called on
 *		a coordinator for a sharded readings table runs whole on the
 *		facility's shard, through dblink over the postgres_fdw server that
 *		holds the facility's partition, and only its result comes back.
 *
 * thermaliq.shard_route() (sql/install/86_shards.sql) decides: NULL when
 * the call runs here (a plain table, or this node is the facility's shard),
 * the server, remote table and dblink schema when it runs elsewhere, an
 * error when the facility is on no shard or on another shard. The remote
 * call is the same function with the same arguments (as literals cast to
 * their types) and the shard's table, so the shard computes exactly what a
 * direct call there computes. Also here: facility_hash_remainder(), the
 * hash partition a facility falls into, for the shard-side check.
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "catalog/partition.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/resowner.h"

#include "plant/shard.h"

PG_FUNCTION_INFO_V1(facility_hash_remainder);

static char *coordinator_conninfo = NULL;

/* Defines thermaliq.coordinator_conninfo (read by create_sharded_readings) */
void
shard_define_gucs(void)
{
	DefineCustomStringVariable("thermaliq.coordinator_conninfo",
							   "Connection string by which shards reach this coordinator (registry subscription).",
							   "Empty: create_sharded_readings() builds one from the server's address, port, database and user.",
							   &coordinator_conninfo,
							   "",
							   PGC_SUSET,
							   0,
							   NULL, NULL, NULL);
}

/* The column definition list "a type, b type" of a result descriptor */
static void
AppendColumnDefs(StringInfo buf, TupleDesc desc)
{
	int			i;

	for (i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		appendStringInfo(buf, "%s%s %s", i > 0 ? ", " : "",
						 quote_identifier(NameStr(att->attname)),
						 format_type_with_typemod(att->atttypid, att->atttypmod));
	}
}

/*
 * Opens the named dblink connection conname to server unless this session
 * has it (afresh: drops it first).
 */
static void
ShardConnect(const char *schema, const char *conname, const char *server, bool afresh)
{
	Oid			types[2] = {TEXTOID, TEXTOID};
	Datum		vals[2] = {CStringGetTextDatum(conname), CStringGetTextDatum(server)};
	char	   *q;
	int			rc;

	if (afresh)
	{
		q = psprintf("SELECT %s.dblink_disconnect($1) WHERE $1 = ANY (%s.dblink_get_connections())",
					 quote_identifier(schema), quote_identifier(schema));
		rc = SPI_execute_with_args(q, 1, types, vals, NULL, false, 0);
		if (rc != SPI_OK_SELECT)
			elog(ERROR, "dblink_disconnect failed: %s", SPI_result_code_string(rc));
	}
	q = psprintf("SELECT %s.dblink_connect($1, $2) WHERE $1 <> ALL (coalesce(%s.dblink_get_connections(), '{}'))",
				 quote_identifier(schema), quote_identifier(schema));
	rc = SPI_execute_with_args(q, 2, types, vals, NULL, false, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "dblink_connect failed: %s", SPI_result_code_string(rc));
}

/*
 * Runs the remote call in a subtransaction; false when it failed for the
 * connection (SQLSTATE class 08, or 57P01-57P03 of a terminated shard
 * backend), so that the caller reconnects once. Any other error (the
 * shard's own, e.g. 22023) is raised as it is.
 */
static bool
ShardTryQuery(const char *sql)
{
	MemoryContext oldcontext = CurrentMemoryContext;
	ResourceOwner oldowner = CurrentResourceOwner;
	volatile bool ok = true;
	int			rc;

	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(oldcontext);
	PG_TRY();
	{
		rc = SPI_execute(sql, true, 0);
		if (rc != SPI_OK_SELECT)
			elog(ERROR, "remote call failed: %s", SPI_result_code_string(rc));
		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(oldcontext);
		CurrentResourceOwner = oldowner;
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(oldcontext);
		edata = CopyErrorData();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(oldcontext);
		CurrentResourceOwner = oldowner;
		/*
		 * A terminated shard backend reports 57P01 (57P02, 57P03) on the next
		 * query, or libpq finds the connection closed (class 08)
		 */
		if (ERRCODE_TO_CATEGORY(edata->sqlerrcode) != ERRCODE_CONNECTION_EXCEPTION &&
			edata->sqlerrcode != ERRCODE_ADMIN_SHUTDOWN &&
			edata->sqlerrcode != ERRCODE_CRASH_SHUTDOWN &&
			edata->sqlerrcode != ERRCODE_CANNOT_CONNECT_NOW)
			ReThrowError(edata);
		FreeErrorData(edata);
		ok = false;
	}
	PG_END_TRY();
	return ok;
}

/* PlantShardRoute: see shard.h */
bool
PlantShardRoute(FunctionCallInfo fcinfo, const char *fname, int readings_arg,
				Datum *result)
{
	Oid			types[2] = {REGCLASSOID, TEXTOID};
	Datum		vals[2];
	char	   *server;
	char	   *remote_table;
	char	   *dblink_schema;
	StringInfoData call;
	StringInfoData sql;
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	bool		isnull;
	int			rc,
				i,
				nestlevel;
	MemoryContext outer = CurrentMemoryContext;
	char	   *conname;

	vals[0] = PG_GETARG_DATUM(readings_arg);
	vals[1] = PG_GETARG_DATUM(0);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	rc = SPI_execute_with_args("SELECT server, remote_table, dblink_schema "
							   "FROM thermaliq.shard_route($1, $2)",
							   2, types, vals, NULL, true, 1);
	if (rc != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "thermaliq.shard_route failed: %s", SPI_result_code_string(rc));
	(void) SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (isnull)
	{
		SPI_finish();
		return false;
	}
	server = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	remote_table = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);
	dblink_schema = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3);

	/*
	 * The same call on the shard: every argument as a typed literal, written
	 * in the styles any server reads back exactly (as postgres_fdw does).
	 */
	nestlevel = NewGUCNestLevel();
	(void) set_config_option("datestyle", "ISO", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	(void) set_config_option("intervalstyle", "postgres", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	(void) set_config_option("extra_float_digits", "3", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	initStringInfo(&call);
	appendStringInfo(&call, "SELECT * FROM thermaliq.%s(", quote_identifier(fname));
	for (i = 0; i < PG_NARGS(); i++)
	{
		Oid			argtype = get_fn_expr_argtype(fcinfo->flinfo, i);
		Oid			typoutput;
		bool		typisvarlena;

		if (i > 0)
			appendStringInfoString(&call, ", ");
		if (i == readings_arg)
		{
			appendStringInfo(&call, "%s::regclass", quote_literal_cstr(remote_table));
			continue;
		}
		if (PG_ARGISNULL(i))
		{
			appendStringInfo(&call, "NULL::%s", format_type_be(argtype));
			continue;
		}
		getTypeOutputInfo(argtype, &typoutput, &typisvarlena);
		appendStringInfo(&call, "%s::%s",
						 quote_literal_cstr(OidOutputFunctionCall(typoutput, PG_GETARG_DATUM(i))),
						 format_type_be(argtype));
	}
	appendStringInfoChar(&call, ')');
	AtEOXact_GUC(true, nestlevel);

	/*
	 * A named dblink connection per server and current user, kept for the
	 * session: opening one per call (dblink(server, ...)) costs a backend
	 * start on the shard, about 50 ms, far more than a plant call itself.
	 * Keyed by the user because the server's user mapping is the current
	 * user's: a pooled backend that serves another role (SET ROLE,
	 * PostgREST) opens its own.
	 */
	conname = psprintf("thermaliq_%s_%u", server, GetUserId());
	initStringInfo(&sql);
	appendStringInfo(&sql, "SELECT * FROM %s.dblink(%s, %s) AS t(",
					 quote_identifier(dblink_schema), quote_literal_cstr(conname),
					 quote_literal_cstr(call.data));
	if (rsinfo != NULL && IsA(rsinfo, ReturnSetInfo) && rsinfo->setDesc != NULL)
		AppendColumnDefs(&sql, rsinfo->setDesc);
	else
		appendStringInfo(&sql, "r %s", format_type_be(get_fn_expr_rettype(fcinfo->flinfo)));
	appendStringInfoChar(&sql, ')');

	ShardConnect(dblink_schema, conname, server, false);
	if (!ShardTryQuery(sql.data))
	{
		/* the kept connection broke (the shard restarted): once afresh */
		ShardConnect(dblink_schema, conname, server, true);
		rc = SPI_execute(sql.data, true, 0);
		if (rc != SPI_OK_SELECT)
			elog(ERROR, "remote call of %s failed: %s", fname, SPI_result_code_string(rc));
	}
	if (rsinfo != NULL && IsA(rsinfo, ReturnSetInfo) && rsinfo->setDesc != NULL)
	{
		uint64		r;

		for (r = 0; r < SPI_processed; r++)
			tuplestore_puttuple(rsinfo->setResult, SPI_tuptable->vals[r]);
		*result = (Datum) 0;
	}
	else
	{
		Datum		d;
		int16		typlen;
		bool		typbyval;
		MemoryContext old;

		if (SPI_processed != 1)
			elog(ERROR, "remote call of %s returned " UINT64_FORMAT " rows", fname, SPI_processed);
		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
		if (isnull)
			elog(ERROR, "remote call of %s returned NULL", fname);
		get_typlenbyval(SPI_tuptable->tupdesc->attrs[0].atttypid, &typlen, &typbyval);
		old = MemoryContextSwitchTo(outer);
		*result = datumCopy(d, typbyval, typlen);
		MemoryContextSwitchTo(old);
	}
	SPI_finish();
	return true;
}

/*
 * facility_hash_remainder(p_facility text, p_modulus int): the remainder of
 * PostgreSQL's hash partitioning of a text key (partbounds.c,
 * compute_partition_hash_value: hash_combine64(0, hashtextextended(key,
 * HASH_PARTITION_SEED)) mod modulus), so that a shard can tell a facility
 * of its own partition from one of another shard's.
 */
Datum
facility_hash_remainder(PG_FUNCTION_ARGS)
{
	int32		modulus = PG_GETARG_INT32(1);
	uint64		h;

	if (modulus < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("modulus for hash partition must be an integer value greater than zero")));
	h = DatumGetUInt64(DirectFunctionCall2Coll(hashtextextended, DEFAULT_COLLATION_OID,
											   PG_GETARG_DATUM(0),
											   UInt64GetDatum(HASH_PARTITION_SEED)));
	h = hash_combine64(0, h);
	PG_RETURN_INT32((int32) (h % (uint64) modulus));
}
