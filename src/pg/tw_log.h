/*
 * tw_log.h
 *		The point log that keeps time_weight and meter_agg exact whatever
 *		the input order, shared by both aggregates. Bodies in tw_log.c.
 *
 * The aggregate's stream integrates every point that arrives in order (ts
 * not before the stream's last point); such a point is also appended to the
 * log's "run". A point that arrives behind the stream goes to the log's
 * "late" list instead and the stream skips it. The run is therefore sorted,
 * and the final function only has to sort the late points and walk
 * run + late merged (TwLogMerge) into a fresh stream: a heap that is mostly
 * in time order (pages refilled from the free space map put a few rows
 * behind) costs a sort of the few late rows, not of the group.
 *
 * Memory: log segments are carved from an arena shared by all groups of one
 * aggregate context, in chunks that grow from 16 kB; past 1 MB the chunks
 * are 1 MB blocks lent by a per-backend cache (thermaliq.log_cache), which
 * keeps them when the context is reset instead of giving them back to the
 * kernel. A grouped aggregate over millions of rows writes hundreds of MB of
 * log, and where a fresh page costs a fault of several microseconds (as on
 * virtual machines) faulting it in costs more than the aggregate's own work.
 * Every chunk counts in the aggregate context's memory (hash_mem, EXPLAIN).
 */
#ifndef THERMALIQ_PG_TW_LOG_H
#define THERMALIQ_PG_TW_LOG_H

#include "postgres.h"

#include "miscadmin.h"

#include "math/timeweight.h"

typedef struct TwLogSeg
{
	struct TwLogSeg *next;
	int32		n;				/* points used (set when the segment is sealed) */
	int32		cap;			/* points allocated */
	TwPoint		pts[FLEXIBLE_ARRAY_MEMBER];
} TwLogSeg;

/* A list of segments; the write position lives here, next to the state */
typedef struct TwLogList
{
	TwPoint    *cur;			/* next free slot of tail */
	TwPoint    *end;			/* end of tail */
	TwLogSeg   *head;
	TwLogSeg   *tail;
} TwLogList;

typedef struct TwArena TwArena;

typedef struct TwPointLog
{
	TwArena    *arena;			/* of the aggregate context */
	TwLogList	run;			/* points the stream took, ascending */
	TwLogList	late;			/* points that arrived behind the stream */
	int64		nlate;			/* points in late */
	int64		late_merged;	/* late points already in the stream */
} TwPointLog;

/* Defines thermaliq.log_cache (from _PG_init) */
extern void tw_log_define_gucs(void);
/*
 * Bytes of memory a backend may keep between queries for its next ones
 * (thermaliq.log_cache): the point-log blocks here, the plant read's row
 * buffers (src/plant/read.c)
 */
extern Size tw_log_cache_limit(void);

/* Starts an empty log whose segments come from aggctx's arena */
extern void tw_log_init(TwPointLog *log, MemoryContext aggctx);

extern void tw_log_new_seg(TwPointLog *log, TwLogList *l);

/* Appends one point to l (log->run or log->late) */
static inline void
tw_log_push(TwPointLog *log, TwLogList *l, int64 ts, double val)
{
	if (unlikely(l->cur == l->end))
		tw_log_new_seg(log, l);
	l->cur->ts = ts;
	l->cur->val = val;
	l->cur++;
}

/*
 * Keeps a point the aggregate's stream was just given: into the run when the
 * stream took it (taken), else into late. Under ORDER BY ts (ordered_call)
 * nothing is kept, and a point behind the stream is an internal error.
 */
static inline void
tw_log_keep(TwPointLog *log, bool ordered_call, bool taken,
			int64 ts, double val, const char *aggname)
{
	if (taken)
	{
		if (!ordered_call)
			tw_log_push(log, &log->run, ts, val);
	}
	else if (ordered_call)
		elog(ERROR, "%s received unordered input despite ORDER BY", aggname);
	else
	{
		tw_log_push(log, &log->late, ts, val);
		log->nlate++;
	}
}

/* True when late points arrived that the stream does not hold yet */
static inline bool
tw_log_needs_merge(const TwPointLog *log)
{
	return log->nlate > log->late_merged;
}

/*
 * Walk over run and late merged in ascending ts (equal timestamps come
 * next to each other, in no particular order; the streams keep the larger
 * value, which does not depend on that order).
 */
typedef struct TwLogMerge
{
	const TwLogSeg *seg;		/* current run segment */
	int32		i;				/* next point in seg */
	TwPoint    *late;			/* all late points, sorted */
	int64		nlate;
	int64		j;				/* next late point */
	uint32		steps;			/* points walked, for interrupt checks */
} TwLogMerge;

/* Sorts the late points (in CurrentMemoryContext) and starts the walk */
extern void tw_log_merge_begin(TwPointLog *log, TwLogMerge *m);

/* Next point of the walk; false at the end */
static inline bool
tw_log_merge_next(TwLogMerge *m, TwPoint *out)
{
	/* the walk is as long as the group: let it be cancelled */
	if (unlikely((++m->steps & 0xFFFF) == 0))
		CHECK_FOR_INTERRUPTS();
	while (m->seg != NULL && m->i >= m->seg->n)
	{
		m->seg = m->seg->next;
		m->i = 0;
	}
	if (m->j < m->nlate &&
		(m->seg == NULL || m->late[m->j].ts < m->seg->pts[m->i].ts))
	{
		*out = m->late[m->j++];
		return true;
	}
	if (m->seg == NULL)
		return false;
	*out = m->seg->pts[m->i++];
	return true;
}

/*
 * tw_sort_dedup that can be cancelled: qsort_interruptible with
 * tw_point_cmp, then tw_dedup_sorted (also used by the plant readers)
 */
extern size_t tw_log_sort_dedup(TwPoint *pts, size_t n);

/* Ends the walk: the stream built from it now holds every late point */
extern void tw_log_merge_end(TwPointLog *log, TwLogMerge *m);

#endif
