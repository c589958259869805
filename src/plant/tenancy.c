/*
 * tenancy.c
 *		The request role: the role a tenant's request runs as, seen from
 *		inside a SECURITY DEFINER function (API.md section 6).
 *
 * calculate() runs as its owner so that it alone writes
 * thermaliq.calculations, but what it reads and computes must be what the
 * caller may read: its visibility check and its analyze() run as the
 * request role, the role of SET ROLE (PostgREST's SET LOCAL ROLE,
 * PostGraphile's set_config('role', ...)) or, without one, the session
 * user. Switching to it is never an escalation: the session can act as
 * that role anyway. It is refused inside a security-restricted operation
 * (index expressions, VACUUM, REFRESH MATERIALIZED VIEW run as a table
 * owner), where the session user may be more privileged than the code.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(request_role);
PG_FUNCTION_INFO_V1(request_calculate_check);
PG_FUNCTION_INFO_V1(request_analyze);
PG_FUNCTION_INFO_V1(queue_as_role);

/* The role of SET ROLE, else the session user */
static Oid
RequestRoleId(void)
{
	Oid			role = GetCurrentRoleId();

	return OidIsValid(role) ? role : GetSessionUserId();
}

/* Runs a one-row, one-column query as role; returns its value */
static Datum
RunAsRole(Oid role, const char *sql, int nargs, Oid *types, Datum *vals,
		  const char *nulls, bool *isnull)
{
	Oid			save_uid;
	int			save_ctx;
	volatile Datum result = (Datum) 0;
	int			rc;

	if (InSecurityRestrictedOperation())
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("cannot run as the request role within a security-restricted operation")));

	GetUserIdAndSecContext(&save_uid, &save_ctx);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	SetUserIdAndSecContext(role, save_ctx | SECURITY_LOCAL_USERID_CHANGE);
	PG_TRY();
	{
		rc = SPI_execute_with_args(sql, nargs, types, vals, nulls, false, 1);
		if (rc != SPI_OK_SELECT || SPI_processed != 1)
			elog(ERROR, "SPI_execute_with_args failed: %s", SPI_result_code_string(rc));
		result = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, isnull);
		if (!*isnull)
		{
			Form_pg_attribute att = TupleDescAttr(SPI_tuptable->tupdesc, 0);

			result = SPI_datumTransfer(result, att->attbyval, att->attlen);
		}
	}
	PG_FINALLY();
	{
		SetUserIdAndSecContext(save_uid, save_ctx);
	}
	PG_END_TRY();
	SPI_finish();
	return result;
}

/* Runs a one-row, one-column query as the request role; returns its value */
static Datum
RunAsRequestRole(const char *sql, int nargs, Oid *types, Datum *vals,
				 const char *nulls, bool *isnull)
{
	return RunAsRole(RequestRoleId(), sql, nargs, types, vals, nulls, isnull);
}

/* thermaliq.request_role(): the role of SET ROLE, else the session user */
Datum
request_role(PG_FUNCTION_ARGS)
{
	PG_RETURN_OID(RequestRoleId());
}

/* thermaliq.request_calculate_check(facility, readings) as the request role */
Datum
request_calculate_check(PG_FUNCTION_ARGS)
{
	Oid			types[2] = {TEXTOID, REGCLASSOID};
	Datum		vals[2] = {PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)};
	bool		isnull;

	(void) RunAsRequestRole("SELECT thermaliq.calculate_check($1, $2)",
							2, types, vals, NULL, &isnull);
	PG_RETURN_VOID();
}

/* thermaliq.request_analyze(facility, from, to, options, readings) as the request role */
Datum
request_analyze(PG_FUNCTION_ARGS)
{
	Oid			types[5] = {TEXTOID, TIMESTAMPTZOID, TIMESTAMPTZOID, JSONBOID, REGCLASSOID};
	Datum		vals[5];
	char		nulls[5];
	bool		isnull;
	Datum		result;
	int			i;

	for (i = 0; i < 5; i++)
	{
		nulls[i] = PG_ARGISNULL(i) ? 'n' : ' ';
		vals[i] = PG_ARGISNULL(i) ? (Datum) 0 : PG_GETARG_DATUM(i);
	}
	result = RunAsRequestRole("SELECT thermaliq.analyze($1, $2, $3, $4, $5)",
							  5, types, vals, nulls, &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result);
}

/*
 * thermaliq.queue_as_role(role, what, facility, from, to, options, readings):
 * what the queue computes for a calculation, as the role that enqueued it
 * (calculations.requested_by), so that a worker running as a superuser
 * reads only what that role may read. what is 'analyze' (the result) or
 * 'provenance_hash' (the result cache's key). Only the extension's owner
 * may execute it (99_grants.sql): it switches to any role it is given.
 */
Datum
queue_as_role(PG_FUNCTION_ARGS)
{
	Oid			types[5] = {TEXTOID, TIMESTAMPTZOID, TIMESTAMPTZOID, JSONBOID, REGCLASSOID};
	Datum		vals[5];
	char		nulls[5];
	const char *what;
	const char *sql;
	Oid			role;
	bool		isnull;
	Datum		result;
	int			i;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the role and what to compute must not be NULL")));
	role = get_role_oid(NameStr(*PG_GETARG_NAME(0)), false);
	what = text_to_cstring(PG_GETARG_TEXT_PP(1));
	if (strcmp(what, "analyze") == 0)
		sql = "SELECT thermaliq.analyze($1, $2, $3, $4, $5)";
	else if (strcmp(what, "provenance_hash") == 0)
		sql = "SELECT pg_catalog.to_jsonb(thermaliq.provenance_hash($1, $2, $3, $4, $5))";
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown queue computation \"%s\"", what),
				 errhint("Use \"analyze\" or \"provenance_hash\".")));
	for (i = 0; i < 5; i++)
	{
		nulls[i] = PG_ARGISNULL(i + 2) ? 'n' : ' ';
		vals[i] = PG_ARGISNULL(i + 2) ? (Datum) 0 : PG_GETARG_DATUM(i + 2);
	}
	result = RunAsRole(role, sql, 5, types, vals, nulls, &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result);
}
