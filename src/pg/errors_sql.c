/*
 * errors_sql.c
 *		Reports the maths' TqError through ereport, one SQLSTATE per kind
 *		of bad input (see math/errors.h), and gives the maths PostgreSQL's
 *		message translation.
 */
#include "postgres.h"

#include "pg/errors_sql.h"

/* The SQLSTATE of each kind */
int
tq_error_sqlstate(TqStatus status)
{
	switch (status)
	{
		case TQ_ERR_INVALID:
			return ERRCODE_INVALID_PARAMETER_VALUE;
		case TQ_ERR_RANGE:
			return ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
		case TQ_OK:
			break;
	}
	return ERRCODE_INTERNAL_ERROR;
}

/*
 * The message, detail and hint were translated when tq_error() formatted
 * them (tq_error_translate is gettext here), so they are passed on as they
 * are: errmsg_internal, the way PostgreSQL reports translated text.
 */
void
tq_report_error(const TqError *err)
{
	if (err->status == TQ_OK)
		elog(ERROR, "thermaliq reported an error without one");
	ereport(ERROR,
			(errcode(tq_error_sqlstate(err->status)),
			 errmsg_internal("%s", err->message),
			 err->detail[0] ? errdetail_internal("%s", err->detail) : 0,
			 err->hint[0] ? errhint("%s", err->hint) : 0));
	pg_unreachable();
}

/* gettext in the backend's message domain */
static const char *
TqGettext(const char *msgid)
{
	return _(msgid);
}

void
tq_errors_init(void)
{
	tq_error_translate = TqGettext;
}
