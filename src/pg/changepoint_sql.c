/*
 * changepoint_sql.c
 *		The changepoint_fit(y, x [, model]) aggregate: keeps the points
 *		(16 bytes per row), fits in the final function with
 *		math/changepoint.c and returns jsonb; and cp_fsu / cp_student_t as
 *		SQL scalars (fractional savings uncertainty, ASHRAE 14 Annex B).
 *
 * The final function sorts a copy of the points by (x, y), so the result
 * does not depend on the row order and the state can be finalised again
 * (window use). No COMBINEFUNC: the aggregate runs in one process.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"

#include "math/changepoint.h"

/* Transition state: the points so far and the model */
typedef struct CpAggState
{
	CpPoint    *pts;
	int64		n;
	int64		cap;
	int			model;
	text	   *model_arg;		/* as first seen, to compare cheaply */
} CpAggState;

PG_FUNCTION_INFO_V1(changepoint_fit_trans);
PG_FUNCTION_INFO_V1(changepoint_fit_final);
PG_FUNCTION_INFO_V1(savings_uncertainty_pct);
PG_FUNCTION_INFO_V1(student_t_quantile);

/* cp_alloc in a backend: the current memory context (huge allowed) */
static void *
CpPalloc(size_t size)
{
	return MemoryContextAllocHuge(CurrentMemoryContext, size);
}

/* cp_check_interrupts in a backend */
static void
CpInterrupts(void)
{
	CHECK_FOR_INTERRUPTS();
}

/* The model of an argument; ERROR 22004 / 22023 */
static int
ModelArg(text *arg)
{
	char	   *name = text_to_cstring(arg);
	int			m = cp_model_parse(name);

	if (m < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown change-point model \"%s\"", name),
				 errhint("Models are 2p, 3ph, 3pc, 4p, 5p and auto.")));
	pfree(name);
	return m;
}

/* changepoint_fit(y, x [, model]) transition: appends (x, y) */
Datum
changepoint_fit_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx;
	CpAggState *st;
	double		y,
				x;

	if (!AggCheckCallContext(fcinfo, &aggctx))
		elog(ERROR, "changepoint_fit_trans called in non-aggregate context");
	st = PG_ARGISNULL(0) ? NULL : (CpAggState *) PG_GETARG_POINTER(0);
	if (st == NULL)
	{
		st = MemoryContextAllocZero(aggctx, sizeof(CpAggState));
		st->model = CP_2P;
		if (PG_NARGS() > 3)
		{
			if (PG_ARGISNULL(3))
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("change-point model must not be NULL")));
			st->model = ModelArg(PG_GETARG_TEXT_PP(3));
			st->model_arg = (text *) MemoryContextAlloc(aggctx, VARSIZE_ANY(PG_GETARG_TEXT_PP(3)));
			memcpy(st->model_arg, PG_GETARG_TEXT_PP(3), VARSIZE_ANY(PG_GETARG_TEXT_PP(3)));
		}
	}
	else if (PG_NARGS() > 3)
	{
		text	   *a;

		if (PG_ARGISNULL(3))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("change-point model must not be NULL")));
		a = PG_GETARG_TEXT_PP(3);
		if (VARSIZE_ANY_EXHDR(a) != VARSIZE_ANY_EXHDR(st->model_arg) ||
			memcmp(VARDATA_ANY(a), VARDATA_ANY(st->model_arg), VARSIZE_ANY_EXHDR(a)) != 0)
		{
			if (ModelArg(a) != st->model)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("change-point model must be the same for all rows of a group")));
		}
	}
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(st);
	y = PG_GETARG_FLOAT8(1);
	x = PG_GETARG_FLOAT8(2);
	if (!isfinite(x) || !isfinite(y))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("changepoint_fit needs finite values, not y = %g, x = %g", y, x)));
	if (st->n == st->cap)
	{
		int64		cap = st->cap ? st->cap * 2 : 64;

		if ((Size) cap * sizeof(CpPoint) >= MaxAllocHugeSize / 2)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("changepoint_fit cannot keep more than %lld points",
							(long long) st->n)));
		st->pts = st->pts
			? repalloc_huge(st->pts, cap * sizeof(CpPoint))
			: MemoryContextAllocHuge(aggctx, cap * sizeof(CpPoint));
		st->cap = cap;
	}
	st->pts[st->n].x = x;
	st->pts[st->n].y = y;
	st->n++;
	PG_RETURN_POINTER(st);
}

/* A JSON number, or null when not finite */
static void
JsonNum(StringInfo b, double v)
{
	if (isfinite(v))
		appendStringInfo(b, "%.17g", v);
	else
		appendStringInfoString(b, "null");
}

/* "coefficients"-like object: b0.., xcp, xcp2 from the given arrays */
static void
JsonParams(StringInfo b, const char *key, const CpFit *f, const double *bv, const double *cv)
{
	static const char *const bn[] = {"b0", "b1", "b2"};
	static const char *const cn[] = {"xcp", "xcp2"};

	appendStringInfo(b, ", \"%s\": {", key);
	for (int j = 0; j < f->nb; j++)
	{
		appendStringInfo(b, "%s\"%s\": ", j ? ", " : "", bn[j]);
		JsonNum(b, bv[j]);
	}
	for (int j = 0; j < f->ncp; j++)
	{
		appendStringInfo(b, ", \"%s\": ", cn[j]);
		JsonNum(b, cv[j]);
	}
	appendStringInfoChar(b, '}');
}

/* The fit as a JSON object's members (no braces) */
static void
JsonFit(StringInfo b, const CpFit *f)
{
	appendStringInfo(b, "\"model\": \"%s\", \"n\": %d, \"p\": %d",
					 cp_model_name(f->model), f->n, f->p);
	JsonParams(b, "coefficients", f, f->b, f->cp);
	JsonParams(b, "std_errors", f, f->se_b, f->se_cp);
	JsonParams(b, "t_stats", f, f->t_b, f->t_cp);
	appendStringInfoString(b, ", \"r2\": ");
	JsonNum(b, f->r2);
	appendStringInfoString(b, ", \"rmse\": ");
	JsonNum(b, f->rmse);
	appendStringInfoString(b, ", \"cv_rmse_pct\": ");
	JsonNum(b, f->cv_rmse_pct);
	appendStringInfoString(b, ", \"nmbe_pct\": ");
	JsonNum(b, f->nmbe_pct);
	appendStringInfoString(b, ", \"sse\": ");
	JsonNum(b, f->sse);
	appendStringInfoString(b, ", \"mean_y\": ");
	JsonNum(b, f->mean_y);
	appendStringInfoString(b, ", \"x_min\": ");
	JsonNum(b, f->x_min);
	appendStringInfoString(b, ", \"x_max\": ");
	JsonNum(b, f->x_max);
	appendStringInfo(b, ", \"distinct_x\": %d, \"significant\": %s",
					 f->distinct_x, f->significant ? "true" : "false");
	if (f->ncp > 0)
	{
		appendStringInfoString(b, ", \"segment_n\": [");
		for (int j = 0; j <= f->ncp; j++)
			appendStringInfo(b, "%s%d", j ? ", " : "", f->segment_n[j]);
		appendStringInfoChar(b, ']');
	}
}

/* changepoint_fit final: sorts a copy of the points, fits, jsonb or NULL */
Datum
changepoint_fit_final(PG_FUNCTION_ARGS)
{
	CpAggState *st;
	CpPoint    *pts;
	CpFit		fit;
	CpFit		cands[CP_NMODELS];
	CpStatus	cst[CP_NMODELS];
	CpStatus	rc;
	StringInfoData b;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "changepoint_fit_final called in non-aggregate context");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (CpAggState *) PG_GETARG_POINTER(0);
	if (st->n > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("changepoint_fit fits at most %d points, not %lld",
						PG_INT32_MAX, (long long) st->n)));
	if (st->n < 4)
		PG_RETURN_NULL();
	pts = palloc_extended(st->n * sizeof(CpPoint), MCXT_ALLOC_HUGE);
	memcpy(pts, st->pts, st->n * sizeof(CpPoint));
	cp_sort_points(pts, (int) st->n);
	/* work space in this context (freed on error too); cancel works */
	cp_alloc = CpPalloc;
	cp_release = pfree;
	cp_check_interrupts = CpInterrupts;
	if (st->model == CP_AUTO)
		rc = cp_fit_auto(pts, (int) st->n, &fit, cands, cst);
	else
		rc = cp_fit_model(pts, (int) st->n, (CpModel) st->model, &fit);
	pfree(pts);
	if (rc == CP_NOMEM)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory"),
				 errdetail("changepoint_fit could not allocate its work space for %lld points.",
						   (long long) st->n)));
	if (rc != CP_OK)
		PG_RETURN_NULL();

	initStringInfo(&b);
	appendStringInfoChar(&b, '{');
	JsonFit(&b, &fit);
	appendStringInfo(&b, ", \"requested_model\": \"%s\"", cp_model_name((CpModel) st->model));
	if (st->model == CP_AUTO)
	{
		appendStringInfoString(&b, ", \"candidates\": {");
		for (int m = 0; m < CP_NMODELS; m++)
		{
			appendStringInfo(&b, "%s\"%s\": ", m ? ", " : "", cp_model_name((CpModel) m));
			if (cst[m] != CP_OK)
				appendStringInfoString(&b, "null");
			else
			{
				appendStringInfoString(&b, "{\"cv_rmse_pct\": ");
				JsonNum(&b, cands[m].cv_rmse_pct);
				appendStringInfo(&b, ", \"significant\": %s}",
								 cands[m].significant ? "true" : "false");
			}
		}
		appendStringInfoChar(&b, '}');
	}
	appendStringInfoChar(&b, '}');
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(b.data)));
}

/* savings_uncertainty_pct(cv_rmse_pct, n, p, rho, m, savings_fraction, confidence) */
Datum
savings_uncertainty_pct(PG_FUNCTION_ARGS)
{
	double		cv = PG_GETARG_FLOAT8(0);
	int32		n = PG_GETARG_INT32(1);
	int32		p = PG_GETARG_INT32(2);
	double		rho = PG_GETARG_FLOAT8(3);
	int32		m = PG_GETARG_INT32(4);
	double		f = PG_GETARG_FLOAT8(5);
	double		conf = PG_GETARG_FLOAT8(6);
	double		r;

	if (!(conf > 0 && conf < 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("confidence must be between 0 and 1, not %g", conf)));
	if (n <= p || p < 1 || m < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("savings uncertainty needs n > p >= 1 and m >= 1, not n = %d, p = %d, m = %d",
						n, p, m)));
	if (!isfinite(cv) || cv < 0 || !isfinite(rho) || rho >= 1 || rho <= -1 || !isfinite(f))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("savings uncertainty needs a finite CV(RMSE) >= 0, -1 < rho < 1 and a finite savings fraction")));
	if (f == 0)
		PG_RETURN_NULL();
	r = cp_fsu(cv / 100.0, n, p, rho, m, f, conf);
	if (!isfinite(r))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * fabs(r));
}

/* student_t_quantile(confidence, df): two-sided */
Datum
student_t_quantile(PG_FUNCTION_ARGS)
{
	double		conf = PG_GETARG_FLOAT8(0);
	double		df = PG_GETARG_FLOAT8(1);

	if (!(conf > 0 && conf < 1) || !(df > 0) || !isfinite(df))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("student_t_quantile needs 0 < confidence < 1 and df > 0, not %g and %g", conf, df)));
	PG_RETURN_FLOAT8(cp_student_t(conf, df));
}
