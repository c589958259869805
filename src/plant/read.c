/*
 * read.c
 *		The one read of a facility's readings: a single SPI query over the
 *		partition key's range [from - G, to + G) (G = the largest max_gap of
 *		the meters read), whose rows stream into a DestReceiver (no tuple
 *		copies) and land in one PlantSeries per meter: every raw row (for
 *		quality counts and the provenance digest) and, for the meters the
 *		calculations use, the cleaned series converted by each row's own
 *		unit.
 *
 * Cleaning rules (README, "Plant calculations"):
 *   - rows with quality 2 (bad) or 3 (stale), a NULL, NaN or infinite value
 *     are kept as raw rows but are not in the series; quality 1 is used;
 *   - every row is converted by its own unit column (unitpolicy.c), the
 *     conversion cached per distinct unit of the meter;
 *   - equal timestamps collapse to the larger converted value;
 *   - counters become step series (integrate.c, PlantCounterSteps).
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "nodes/params.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "pg/tq_time.h"
#include "pg/tw_log.h"
#include "plant/readings.h"

/* Most distinct units kept per meter (a raw row stores the index in a byte) */
#define PLANT_MAX_UNITS 255

/* Per-meter state while the rows stream in */
typedef struct MeterAcc
{
	size_t		cap;			/* of pts */
	size_t		rcap;			/* of raw */
	int			ucap;			/* of units */
	int			last_unit;		/* index of the previous row's unit */
	int			last_ulen;		/* its strlen */
	int			slot;			/* the scratch slot of raw and pts, or -1 */
} MeterAcc;

/*
 * The row buffers a backend keeps between reads: slot i holds the raw and
 * pts arrays of the i-th meter of the last read, so that the next read (the
 * next facility of a fleet, the next call) fills pages already mapped
 * instead of growing fresh arrays (each new page costs a page fault, each
 * doubling a copy). One read at a time uses them (scratch_busy, cleared
 * when the context the read was made in goes away); another read at the
 * same time allocates its own, as before. They are kept while they fit in
 * thermaliq.log_cache.
 */
typedef struct ScratchSlot
{
	PlantRawRow *raw;
	size_t		rawcap;
	TwPoint    *pts;
	size_t		ptscap;
} ScratchSlot;

static MemoryContext scratch_cxt = NULL;
static ScratchSlot *scratch = NULL;
static int	nscratch = 0;
static bool scratch_busy = false;

/* Bytes the scratch slots hold */
static Size
ScratchBytes(void)
{
	Size		b = 0;
	int			i;

	for (i = 0; i < nscratch; i++)
		b += scratch[i].rawcap * sizeof(PlantRawRow) + scratch[i].ptscap * sizeof(TwPoint);
	return b;
}

/* Reset callback of the read's context: the slots are free again */
static void
ScratchRelease(void *arg)
{
	scratch_busy = false;
	if (scratch_cxt != NULL && ScratchBytes() > tw_log_cache_limit())
	{
		MemoryContextReset(scratch_cxt);
		scratch = NULL;
		nscratch = 0;
	}
}

/*
 * Takes the scratch slots for a read of nmeters meters made in the current
 * context; false when they are in use or the cache is off
 */
static bool
ScratchTake(int nmeters)
{
	MemoryContextCallback *cb;

	if (scratch_busy || tw_log_cache_limit() == 0)
		return false;
	if (scratch_cxt == NULL)
		scratch_cxt = AllocSetContextCreate(TopMemoryContext,
											"thermaliq read buffers",
											ALLOCSET_DEFAULT_SIZES);
	if (nscratch < nmeters)
	{
		ScratchSlot *n = MemoryContextAllocZero(scratch_cxt, sizeof(ScratchSlot) * nmeters);

		if (scratch != NULL)
		{
			memcpy(n, scratch, sizeof(ScratchSlot) * nscratch);
			pfree(scratch);
		}
		scratch = n;
		nscratch = nmeters;
	}
	cb = palloc(sizeof(MemoryContextCallback));
	cb->func = ScratchRelease;
	cb->arg = NULL;
	MemoryContextRegisterResetCallback(CurrentMemoryContext, cb);
	scratch_busy = true;
	return true;
}

/* The receiver of the readings query: rows go straight into the series */
typedef struct ReadingsDest
{
	DestReceiver pub;
	PlantRead  *rd;
	MeterAcc   *acc;
	int			last;			/* meter of the previous row */
	int		   *idlen;			/* strlen of each meter_id, -1: not read */
	uint64	   *idkey;			/* IdKey of each meter_id */
	MemoryContext cxt;			/* the caller's: what outlives the query */
} ReadingsDest;

/*
 * Index of the unit named (p, l) among meter s's units, added when new (in
 * cxt: the executor's memory, current while rows arrive, ends with the query)
 */
static int
UnitIndex(PlantSeries *s, MeterAcc *a, const PlantMeter *m, const char *p, int l,
		  MemoryContext cxt)
{
	int			k;
	MemoryContext old;

	if (a->last_unit >= 0 && a->last_ulen == l &&
		memcmp(s->units[a->last_unit], p, l) == 0)
		return a->last_unit;
	a->last_ulen = l;
	for (k = 0; k < s->nunits; k++)
		if (strncmp(s->units[k], p, l) == 0 && s->units[k][l] == '\0')
			return a->last_unit = k;
	if (s->nunits >= PLANT_MAX_UNITS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("the readings of meter \"%s\" use more than %d distinct units",
						m->meter_id, PLANT_MAX_UNITS)));
	old = MemoryContextSwitchTo(cxt);
	if (s->nunits == a->ucap)
	{
		a->ucap = a->ucap ? a->ucap * 2 : 4;
		s->units = s->units ? repalloc(s->units, sizeof(char *) * a->ucap) :
			palloc(sizeof(char *) * a->ucap);
		s->convs = s->convs ? repalloc(s->convs, sizeof(PlantUnitConv) * a->ucap) :
			palloc(sizeof(PlantUnitConv) * a->ucap);
	}
	s->units[s->nunits] = pnstrdup(p, l);
	s->convs[s->nunits].from = NULL;
	MemoryContextSwitchTo(old);
	return a->last_unit = s->nunits++;
}

/*
 * DatumGetTextPP without the call for the usual short inline value of an
 * index tuple (only a compressed or external one is detoasted)
 */
static inline text *
TextOf(Datum d)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(d);

	if (VARATT_IS_COMPRESSED(v) || VARATT_IS_EXTERNAL(v))
		return DatumGetTextPP(d);
	return (text *) v;
}

/*
 * The first (up to) 8 bytes of an id as one word, zero-padded: with equal
 * lengths, equal keys decide equality of ids of at most 8 bytes; longer ids
 * compare their rest. The rows of the meters come interleaved (heap or
 * index order is time order), so the match is tried for most rows.
 */
static inline uint64
IdKey(const char *p, int l)
{
	uint64		k = 0;
	int			i;

	/* one load for a long id; a variable-length memcpy stalls the read of k */
	if (l >= 8)
	{
		memcpy(&k, p, 8);
		return k;
	}
	for (i = 0; i < l; i++)
		k |= (uint64) (uint8) p[i] << (8 * i);
	return k;
}

static inline bool
IdIs(const ReadingsDest *d, int j, const char *p, int l, uint64 key)
{
	return d->idlen[j] == l && d->idkey[j] == key &&
		(l <= 8 || memcmp(d->rd->fac->meters[j].meter_id + 8, p + 8, l - 8) == 0);
}

/*
 * The read's columns: every column of a readings table in the order
 * create_readings_table gives them (that of the table, and of both indexes'
 * keys and INCLUDE), so that the scan's tuple is the result and no
 * projection copies each row (0.5 ms of 50,000 rows); facility_id is not
 * looked at. A table of another column order reads the same, projected.
 */
#define RC_METER 1
#define RC_TS 2
#define RC_VALUE 3
#define RC_UNIT 4
#define RC_QUALITY 5

/* One row (facility_id, meter_id, timestamp, value, unit, quality) into its series */
static bool
ReadingsReceive(TupleTableSlot *slot, DestReceiver *self)
{
	ReadingsDest *d = (ReadingsDest *) self;
	PlantRead  *rd = d->rd;
	const PlantFacility *fac = rd->fac;
	Datum	   *values;
	bool	   *nulls;
	PlantRawRow *row;
	const PlantMeter *m;
	PlantSeries *s;
	MeterAcc   *a;
	double		v;
	int			k;

	CHECK_FOR_INTERRUPTS();
	slot_getallattrs(slot);
	values = slot->tts_values;
	nulls = slot->tts_isnull;
	if (nulls[RC_METER] || nulls[RC_TS] || nulls[RC_UNIT])
		return true;

	/* which meter: the previous row's first, then the next ones in turn */
	{
		text	   *mt = TextOf(values[RC_METER]);
		const char *mp = VARDATA_ANY(mt);
		int			ml = VARSIZE_ANY_EXHDR(mt);
		uint64		key = IdKey(mp, ml);

		if (!IdIs(d, d->last, mp, ml, key))
		{
			for (k = d->last + 1; k < fac->nmeters; k++)
				if (IdIs(d, k, mp, ml, key))
					break;
			if (k >= fac->nmeters)
				for (k = 0; k < d->last; k++)
					if (IdIs(d, k, mp, ml, key))
						break;
			if (k >= fac->nmeters || k == d->last)
				return true;	/* a meter not registered (or not wanted) */
			d->last = k;
		}
	}
	m = &fac->meters[d->last];
	s = &rd->series[d->last];
	a = &d->acc[d->last];
	rd->rows_read++;

	/* repalloc keeps each array in the caller's context it was made in */
	if (s->nraw == a->rcap)
	{
		a->rcap *= 2;
		s->raw = repalloc_huge(s->raw, sizeof(PlantRawRow) * a->rcap);
		if (a->slot >= 0)
		{
			scratch[a->slot].raw = s->raw;
			scratch[a->slot].rawcap = a->rcap;
		}
	}
	row = &s->raw[s->nraw++];
	row->ts = DatumGetTimestampTz(values[RC_TS]);
	row->quality = nulls[RC_QUALITY] ? 0 : DatumGetInt16(values[RC_QUALITY]);
	row->flags = 0;
	if (nulls[RC_VALUE])
	{
		row->val = 0.0;
		row->flags |= PLANT_ROW_NULL;
	}
	else
	{
		row->val = DatumGetFloat8(values[RC_VALUE]);
		if (isfinite(row->val) && row->quality >= 0 && row->quality <= 1)
			row->flags |= PLANT_ROW_USABLE;
	}
	{
		text	   *ut = TextOf(values[RC_UNIT]);

		row->unit = (uint8) UnitIndex(s, a, m, VARDATA_ANY(ut), VARSIZE_ANY_EXHDR(ut), d->cxt);
	}
	if (s->want != PW_SERIES || !(row->flags & PLANT_ROW_USABLE))
		return true;
	{
		PlantUnitConv *c = &s->convs[row->unit];

		if (c->from == NULL)
			PlantResolveUnit(m, s->units[row->unit], c, &s->flow_kg_h);
		v = row->val;
		if (c->from != c->to)
			v = tq_unit_convert(v, c->from, c->to);
		v *= c->mult;
	}
	if (!isfinite(v))
		return true;
	if (s->n == a->cap)
	{
		a->cap *= 2;
		s->pts = repalloc_huge(s->pts, sizeof(TwPoint) * a->cap);
		if (a->slot >= 0)
		{
			scratch[a->slot].pts = s->pts;
			scratch[a->slot].ptscap = a->cap;
		}
	}
	s->pts[s->n].ts = row->ts;
	s->pts[s->n].val = v;
	s->n++;
	return true;
}

/*
 * pts sorted by time, equal timestamps collapsed to the larger value, as
 * tw_log_sort_dedup gives them; without a sort when the rows came in time
 * order (the index order: the usual case), as a meter's equal timestamps
 * then only need their largest value
 */
static size_t
SortDedup(TwPoint *pts, size_t n)
{
	size_t		i,
				w;

	for (i = 1; i < n; i++)
		if (pts[i].ts < pts[i - 1].ts)
			return tw_log_sort_dedup(pts, n);
	if (n == 0)
		return 0;
	w = 0;
	for (i = 1; i < n; i++)
	{
		if (pts[i].ts != pts[w].ts)
			pts[++w] = pts[i];
		else if (pts[i].val > pts[w].val)
			pts[w].val = pts[i].val;
	}
	return w + 1;
}

/* DestReceiver startup: nothing to set up */
static void
ReadingsStartup(DestReceiver *self, int operation, TupleDesc typeinfo)
{
}

/* DestReceiver shutdown: nothing to release */
static void
ReadingsShutdown(DestReceiver *self)
{
}

/* DestReceiver destroy: the struct lives on the caller's stack */
static void
ReadingsDestroy(DestReceiver *self)
{
}

/*
 * The read's statement, parsed once per backend for each text (readings
 * table, meter filter): a few kept plans, the oldest replaced. Planned
 * afresh at every call all the same (CURSOR_OPT_CUSTOM_PLAN): the values
 * prune the partitions, which a generic plan could only do at run time and
 * with the wrong index. The plan cache re-analyzes the text when a table
 * it names changes, search_path or the role (row security) differ.
 */
#define READ_PLANS 8

static struct
{
	char	   *sql;
	SPIPlanPtr	plan;
}			read_plans[READ_PLANS];
static int	read_plan_next = 0;

static SPIPlanPtr
ReadPlan(const char *sql, Oid *types)
{
	SPIPlanPtr	plan;
	int			i;

	for (i = 0; i < READ_PLANS; i++)
		if (read_plans[i].sql != NULL && strcmp(read_plans[i].sql, sql) == 0)
			return read_plans[i].plan;
	plan = SPI_prepare_cursor(sql, 4, types, CURSOR_OPT_CUSTOM_PLAN);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "SPI_keepplan failed");
	i = read_plan_next;
	read_plan_next = (read_plan_next + 1) % READ_PLANS;
	if (read_plans[i].sql != NULL)
	{
		SPI_freeplan(read_plans[i].plan);
		pfree(read_plans[i].sql);
	}
	read_plans[i].sql = MemoryContextStrdup(TopMemoryContext, sql);
	read_plans[i].plan = plan;
	return plan;
}

/* Reads, cleans and converts the wanted meters' rows around [from, to) */
PlantRead *
PlantReadFacility(Oid readings, const PlantFacility *fac, const PlantWant *want,
				  TimestampTz from, TimestampTz to)
{
	Oid			types[4] = {TEXTOID, TEXTARRAYOID, TIMESTAMPTZOID, TIMESTAMPTZOID};
	Datum		vals[4];
	char	   *sql;
	SPIPlanPtr	plan;
	ParamListInfo params;
	SPIExecuteOptions opts;
	ReadingsDest dest;
	PlantRead  *rd;
	MeterAcc   *acc;
	Datum	   *ids;
	int			nids = 0,
				i,
				rc;
	int64		gap = 1;
	bool		slots;

	rd = palloc0(sizeof(PlantRead));
	rd->fac = fac;
	rd->from = from;
	rd->to = to;
	rd->series = palloc0(sizeof(PlantSeries) * (fac->nmeters + 1));
	acc = palloc0(sizeof(MeterAcc) * (fac->nmeters + 1));
	ids = palloc(sizeof(Datum) * (fac->nmeters + 1));
	/*
	 * 1.1: an output or blowdown read as a series may be a mass flow; its
	 * heat needs the state meters (outputs.c), so they are read with it
	 */
	for (i = 0; i < fac->nmeters; i++)
		if (want[i] == PW_SERIES && (fac->meters[i].role == PR_HEAT_OUTPUT ||
									 fac->meters[i].role == PR_BLOWDOWN))
			break;
	if (i < fac->nmeters)
	{
		PlantWant  *w = palloc(sizeof(PlantWant) * (fac->nmeters + 1));

		for (i = 0; i < fac->nmeters; i++)
			w[i] = PlantIsStateRole(fac->meters[i].role) ? PW_SERIES : want[i];
		want = w;
	}
	slots = ScratchTake(fac->nmeters);
	for (i = 0; i < fac->nmeters; i++)
	{
		PlantSeries *s = &rd->series[i];
		const PlantMeter *m = &fac->meters[i];

		s->want = want[i];
		s->method = m->counter ? TW_LOCF : TW_LINEAR;
		s->gap = m->counter ? 0 : m->max_gap;
		if (want[i] == PW_SKIP)
			continue;
		ids[nids++] = CStringGetTextDatum(m->meter_id);
		gap = Max(gap, m->max_gap);
		acc[i].last_unit = -1;
		acc[i].slot = -1;
		if (slots)
		{
			ScratchSlot *sl = &scratch[i];

			if (sl->raw == NULL)
			{
				sl->rawcap = 1024;
				sl->raw = MemoryContextAlloc(scratch_cxt, sizeof(PlantRawRow) * sl->rawcap);
			}
			if (sl->pts == NULL)
			{
				sl->ptscap = 1024;
				sl->pts = MemoryContextAlloc(scratch_cxt, sizeof(TwPoint) * sl->ptscap);
			}
			acc[i].slot = i;
			acc[i].rcap = sl->rawcap;
			acc[i].cap = sl->ptscap;
			s->raw = sl->raw;
			s->pts = sl->pts;
			continue;
		}
		acc[i].cap = 1024;
		acc[i].rcap = 1024;
		s->pts = palloc(sizeof(TwPoint) * acc[i].cap);
		s->raw = palloc(sizeof(PlantRawRow) * acc[i].rcap);
	}
	rd->lo = tq_time_add_clamped(from, -gap);
	rd->hi = tq_time_add_clamped(to, gap);
	/* every difference of two points read is then an int64 too */
	(void) tq_time_span(rd->lo, rd->hi, "range [p_from - max_gap, p_to + max_gap)");
	if (nids == 0)
		return rd;

	/*
	 * Every meter wanted (analyze): no meter filter, rows of unregistered
	 * meters are skipped here; = ANY would make an index scan one scan per
	 * meter. A subset (the plant functions): only those meters' rows.
	 */
	sql = psprintf("SELECT facility_id, meter_id, \"timestamp\", value, unit, quality FROM %s "
				   "WHERE facility_id = $1 AND %s"
				   "\"timestamp\" >= $3 AND \"timestamp\" < $4",
				   PlantCheckReadingsTable(readings),
				   nids == fac->nmeters ? "$2::text[] IS NOT NULL AND " : "meter_id = ANY ($2) AND ");

	/*
	 * One query for all wanted meters, on the partition key's range only:
	 * the planner keeps just the partitions of [from - gap, to + gap). The
	 * sample just before from (after to) is inside that range whenever it
	 * is close enough to be interpolated from; further away its segment is
	 * a gap anyway. No ORDER BY: sorting ~10^5 points in C is cheaper than
	 * an ordered index scan or a sort node, and equal timestamps need the
	 * value order anyway.
	 */
	vals[0] = CStringGetTextDatum(fac->facility_id);
	vals[1] = PointerGetDatum(construct_array(ids, nids, TEXTOID, -1, false, TYPALIGN_INT));
	vals[2] = TimestampTzGetDatum(rd->lo);
	vals[3] = TimestampTzGetDatum(rd->hi);

	plan = ReadPlan(sql, types);
	params = makeParamList(4);
	for (i = 0; i < 4; i++)
	{
		params->params[i].value = vals[i];
		params->params[i].isnull = false;
		params->params[i].pflags = PARAM_FLAG_CONST;
		params->params[i].ptype = types[i];
	}
	memset(&dest, 0, sizeof(dest));
	dest.pub.receiveSlot = ReadingsReceive;
	dest.pub.rStartup = ReadingsStartup;
	dest.pub.rShutdown = ReadingsShutdown;
	dest.pub.rDestroy = ReadingsDestroy;
	dest.pub.mydest = DestNone;
	dest.rd = rd;
	dest.acc = acc;
	dest.idlen = palloc(sizeof(int) * (fac->nmeters + 1));
	dest.idkey = palloc(sizeof(uint64) * (fac->nmeters + 1));
	for (i = 0; i < fac->nmeters; i++)
	{
		dest.idlen[i] = rd->series[i].want != PW_SKIP ? (int) strlen(fac->meters[i].meter_id) : -1;
		dest.idkey[i] = IdKey(fac->meters[i].meter_id, Max(dest.idlen[i], 0));
	}
	dest.cxt = CurrentMemoryContext;
	memset(&opts, 0, sizeof(opts));
	opts.params = params;
	opts.read_only = true;
	opts.dest = (DestReceiver *) &dest;
	/* always a custom plan (ReadPlan): the values prune the partitions */
	rc = SPI_execute_plan_extended(plan, &opts);
	/* with a DestReceiver of its own, SPI reports a SELECT as SPI_OK_UTILITY */
	if (rc != SPI_OK_SELECT && rc != SPI_OK_UTILITY)
		elog(ERROR, "SPI_execute_plan_extended failed: %s", SPI_result_code_string(rc));
	pfree(sql);

	for (i = 0; i < fac->nmeters; i++)
	{
		PlantSeries *s = &rd->series[i];

		if (s->want != PW_SERIES)
			continue;
		CHECK_FOR_INTERRUPTS();
		/* sorted by time, equal timestamps collapsed to the larger value */
		s->n = SortDedup(s->pts, s->n);
		if (fac->meters[i].counter)
			PlantCounterSteps(s, &fac->meters[i]);
	}
	pfree(acc);
	/* 1.1: outputs and blowdown metered as a mass flow become heat */
	PlantOutputsFromFlow(rd);
	return rd;
}
