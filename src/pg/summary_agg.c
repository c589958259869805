/*
 * summary_agg.c
 *		Glue shared by the time_weight and meter_agg aggregates and their
 *		rollup()s; see summary_agg.h.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "nodes/nodeFuncs.h"
#include "nodes/primnodes.h"
#include "optimizer/optimizer.h"
#include "utils/typcache.h"

#include "pg/summary_agg.h"
#include "pg/tq_time.h"

/* Transition state of rollup() of either summary type */
typedef struct RollupState
{
	char	   *items;
	int64		n;
	int64		cap;
	Size		size;			/* of one item */
} RollupState;

/* True when ORDER BY makes the executor feed the first argument ascending */
bool
summary_input_is_ordered(FunctionCallInfo fcinfo)
{
	Aggref	   *aggref = AggGetAggref(fcinfo);
	SortGroupClause *sc;
	TargetEntry *tle;
	TypeCacheEntry *tce;

	if (aggref == NULL || aggref->aggorder == NIL || aggref->aggdistinct != NIL)
		return false;
	sc = linitial_node(SortGroupClause, aggref->aggorder);
	tle = get_sortgroupclause_tle(sc, aggref->args);
	if (tle == NULL || tle->resno != 1 || exprType((Node *) tle->expr) != TIMESTAMPTZOID)
		return false;
	tce = lookup_type_cache(TIMESTAMPTZOID, TYPECACHE_LT_OPR);
	return sc->sortop == tce->lt_opr;
}

/*
 * True when transition-function argument argno (1 = the aggregate's first
 * argument, 0 being the state) is a Const in the call: then its value
 * is the same for every row and need not be compared row by row. Anything
 * else (a column, an expression, a parameter of a window) may change, and
 * the same pointer may hold another value in the next row.
 */
bool
summary_arg_is_const(FunctionCallInfo fcinfo, int argno)
{
	Aggref	   *aggref = AggGetAggref(fcinfo);
	TargetEntry *tle;

	if (aggref == NULL || argno < 1 || list_length(aggref->args) < argno)
		return false;
	tle = list_nth_node(TargetEntry, aggref->args, argno - 1);
	return IsA(tle->expr, Const);
}

/* Rejects non-finite readings and timestamps outside the range */
void
summary_check_point(TimestampTz ts, double val, const char *what)
{
	if (unlikely(TIMESTAMP_NOT_FINITE(ts)))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s timestamp must be finite", what),
				 errhint("Filter out rows with timestamp 'infinity' or '-infinity'.")));
	if (unlikely(!IS_VALID_TIMESTAMP(ts)))
		tq_check_timestamp(ts, what);
	if (unlikely(!isfinite(val)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s value must be finite, got %s", what,
						isnan(val) ? "NaN" : (val > 0 ? "Infinity" : "-Infinity")),
				 errhint("Use NULL for a missing sample; rows with NULL are skipped.")));
}

/* Appends a copy of *item to the rollup state in the aggregate context */
Datum
summary_rollup_collect(FunctionCallInfo fcinfo, const void *item, Size size)
{
	MemoryContext aggctx;
	RollupState *state;

	if (!AggCheckCallContext(fcinfo, &aggctx))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("rollup transition function called in non-aggregate context")));
	state = PG_ARGISNULL(0) ? NULL : (RollupState *) PG_GETARG_POINTER(0);
	if (item == NULL)
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	if (state == NULL)
	{
		state = MemoryContextAllocZero(aggctx, sizeof(RollupState));
		state->size = size;
		state->cap = 16;
		state->items = MemoryContextAlloc(aggctx, state->cap * size);
	}
	else if (state->n >= state->cap)
	{
		state->cap *= 2;
		state->items = repalloc_huge(state->items, state->cap * size);
	}
	memcpy(state->items + state->n * size, item, size);
	state->n++;
	PG_RETURN_POINTER(state);
}

/* qsort_interruptible adapter for a plain comparator */
static int
CmpAdapter(const void *a, const void *b, void *arg)
{
	int			(*cmp) (const void *, const void *) = (int (*) (const void *, const void *)) arg;

	return cmp(a, b);
}

/*
 * A sorted copy of the collected summaries (the state stays as it is, so
 * the final function may run again); NULL when there are none.
 */
void *
summary_rollup_sorted(FunctionCallInfo fcinfo, int64 *n,
					  int (*cmp) (const void *, const void *))
{
	RollupState *state;
	char	   *items;

	if (!AggCheckCallContext(fcinfo, NULL))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("rollup final function called in non-aggregate context")));
	if (PG_ARGISNULL(0))
		return NULL;
	state = (RollupState *) PG_GETARG_POINTER(0);
	if (state->n == 0)
		return NULL;
	items = palloc_extended(state->n * state->size, MCXT_ALLOC_HUGE);
	memcpy(items, state->items, state->n * state->size);
	qsort_interruptible(items, state->n, state->size, CmpAdapter, (void *) cmp);
	*n = state->n;
	return items;
}
