/*
 * tw_log.c
 *		Point log of time_weight and meter_agg: the per-context arena its
 *		segments come from, and the merge of run and late points. See
 *		tw_log.h for the scheme.
 */
#include "postgres.h"

#include <limits.h>

#include "miscadmin.h"
#include "utils/guc.h"
#include "utils/memutils.h"

#include "pg/tw_log.h"

/*
 * Arena chunks: the first is small (a group of a few rows should not cost
 * much hash_mem), each next one twice the last, allocated in the aggregate
 * context, until they reach TW_CACHE_CHUNK; from then on every chunk is a
 * TW_CACHE_CHUNK block lent by the backend's log cache (or, with the cache
 * off, allocated in the aggregate context like the first ones).
 */
#define TW_CHUNK_FIRST	(16 * 1024)
#define TW_CACHE_CHUNK	(1024 * 1024)

/* Points in a group's first segment and the most in any segment */
#define TW_SEG_FIRST	8
#define TW_SEG_MAX		1024

/*
 * The log cache: blocks of TW_CACHE_CHUNK bytes that a finished aggregate
 * gave back, kept (up to thermaliq.log_cache kB) for the next one instead
 * of being returned to the kernel. A block lent to an aggregate is counted
 * in its context's mem_allocated, so hash_mem accounting, spilling and
 * EXPLAIN's "Memory Usage" see it as the context's own memory; the cache
 * context itself shows in pg_backend_memory_contexts (a lent block is
 * counted there too, where it was allocated).
 */
typedef struct CacheBlock
{
	struct CacheBlock *next;
} CacheBlock;

static int	tw_log_cache_kb = 256 * 1024;
static MemoryContext cache_cxt = NULL;
static CacheBlock *cache_free = NULL;
static Size cache_bytes = 0;	/* in cache_free */

struct TwArena
{
	MemoryContext cxt;			/* the aggregate context it lives in */
	char	   *cur;			/* free space of the current chunk */
	char	   *end;
	Size		next_chunk;		/* size of the next chunk */
	CacheBlock *lent;			/* blocks of the log cache in use here */
	Size		lent_bytes;
	TwArena    *next;			/* list of live arenas */
	MemoryContextCallback cb;	/* gives the blocks back on reset */
};

/*
 * Arenas of the aggregate contexts alive in this backend: a handful at most
 * (one per Agg node's context, or per window aggregate).
 */
static TwArena *live_arenas = NULL;

/* Frees cached blocks beyond limit bytes */
static void
CacheTrim(Size limit)
{
	while (cache_free != NULL && cache_bytes > limit)
	{
		CacheBlock *b = cache_free;

		cache_free = b->next;
		cache_bytes -= TW_CACHE_CHUNK;
		pfree(b);
	}
}

/* thermaliq.log_cache assign hook: lowering it frees at once */
static void
CacheAssign(int newval, void *extra)
{
	CacheTrim((Size) newval * 1024);
}

void
tw_log_define_gucs(void)
{
	DefineCustomIntVariable("thermaliq.log_cache",
							"Memory a backend keeps for the point logs of its next time_weight / meter_agg "
							"and the row buffers of its next plant read.",
							"The point log of an unordered call is built in 1 MB blocks; when the "
							"aggregate ends, up to this much of them is kept for the next one "
							"instead of being given back to the kernel (fresh pages cost a page "
							"fault each). The read of analyze() and the plant functions keeps its "
							"per-meter row buffers while they fit in the same limit. 0 keeps nothing. "
							"Superusers only: it is memory "
							"the backend keeps after the query, out of hash_mem's reach.",
							&tw_log_cache_kb,
							256 * 1024, 0, MAX_KILOBYTES,
							PGC_SUSET, GUC_UNIT_KB,
							NULL, CacheAssign, NULL);
}

/* Bytes a backend may keep between queries (thermaliq.log_cache), 0 = none */
Size
tw_log_cache_limit(void)
{
	return (Size) tw_log_cache_kb * 1024;
}

/* Takes a block from the cache, or allocates one in the cache's context */
static CacheBlock *
CacheTake(void)
{
	CacheBlock *b = cache_free;

	if (b != NULL)
	{
		cache_free = b->next;
		cache_bytes -= TW_CACHE_CHUNK;
		return b;
	}
	if (cache_cxt == NULL)
		cache_cxt = AllocSetContextCreate(TopMemoryContext,
										  "thermaliq point-log cache",
										  ALLOCSET_DEFAULT_SIZES);
	return MemoryContextAlloc(cache_cxt, TW_CACHE_CHUNK);
}

/* Keeps a block for the next aggregate, or frees it over the cache's size */
static void
CacheGive(CacheBlock *b)
{
	if (cache_bytes + TW_CACHE_CHUNK <= (Size) tw_log_cache_kb * 1024)
	{
		b->next = cache_free;
		cache_free = b;
		cache_bytes += TW_CACHE_CHUNK;
	}
	else
		pfree(b);
}

/* Reset callback of the aggregate context: unlinks a, gives its blocks back */
static void
ArenaForget(void *arg)
{
	TwArena    *a = (TwArena *) arg;
	TwArena   **pp;

	for (pp = &live_arenas; *pp != NULL; pp = &(*pp)->next)
		if (*pp == a)
		{
			*pp = a->next;
			break;
		}
	while (a->lent != NULL)
	{
		CacheBlock *b = a->lent;

		a->lent = b->next;
		CacheGive(b);
	}
	a->cxt->mem_allocated -= a->lent_bytes;
	a->lent_bytes = 0;
}

/* The arena of cxt, created on first use */
static TwArena *
ArenaFor(MemoryContext cxt)
{
	TwArena    *a;

	for (a = live_arenas; a != NULL; a = a->next)
		if (a->cxt == cxt)
			return a;
	a = MemoryContextAllocZero(cxt, sizeof(TwArena));
	a->cxt = cxt;
	a->next_chunk = TW_CHUNK_FIRST;
	a->cb.func = ArenaForget;
	a->cb.arg = a;
	MemoryContextRegisterResetCallback(cxt, &a->cb);
	a->next = live_arenas;
	live_arenas = a;
	return a;
}

/* Starts a new chunk with room for at least need bytes */
static void
ArenaNewChunk(TwArena *a, Size need)
{
	char	   *p;
	Size		size;

	if (a->next_chunk < TW_CACHE_CHUNK || tw_log_cache_kb == 0)
	{
		/* from the aggregate context itself (always, with the cache off) */
		size = Max(a->next_chunk, need);
		p = MemoryContextAlloc(a->cxt, size);
		if (a->next_chunk < TW_CACHE_CHUNK)
			a->next_chunk *= 2;
	}
	else
	{
		CacheBlock *b = CacheTake();

		Assert(need <= TW_CACHE_CHUNK - MAXALIGN(sizeof(CacheBlock)));
		b->next = a->lent;
		a->lent = b;
		a->lent_bytes += TW_CACHE_CHUNK;
		a->cxt->mem_allocated += TW_CACHE_CHUNK;
		p = (char *) b + MAXALIGN(sizeof(CacheBlock));
		size = TW_CACHE_CHUNK - MAXALIGN(sizeof(CacheBlock));
	}
	a->cur = p;
	a->end = p + size;
}

void
tw_log_init(TwPointLog *log, MemoryContext aggctx)
{
	memset(log, 0, sizeof(*log));
	log->arena = ArenaFor(aggctx);
}

/* Seals the tail of l: its point count becomes final */
static void
ListSeal(TwLogList *l)
{
	if (l->tail)
		l->tail->n = (int32) (l->cur - l->tail->pts);
}

/* Appends a fresh segment to l, twice the size of its last one */
void
tw_log_new_seg(TwPointLog *log, TwLogList *l)
{
	TwArena    *a = log->arena;
	int32		cap = l->tail ? Min(l->tail->cap * 2, TW_SEG_MAX) : TW_SEG_FIRST;
	Size		room = a->end - a->cur;
	TwLogSeg   *s;

	/* take the rest of the chunk when a smaller segment still fits there */
	if (room < offsetof(TwLogSeg, pts) + cap * sizeof(TwPoint))
	{
		if (room >= offsetof(TwLogSeg, pts) + TW_SEG_FIRST * sizeof(TwPoint))
			cap = (room - offsetof(TwLogSeg, pts)) / sizeof(TwPoint);
		else
			ArenaNewChunk(a, offsetof(TwLogSeg, pts) + cap * sizeof(TwPoint));
	}
	s = (TwLogSeg *) a->cur;
	a->cur += MAXALIGN(offsetof(TwLogSeg, pts) + cap * sizeof(TwPoint));
	s->next = NULL;
	s->n = 0;
	s->cap = cap;
	ListSeal(l);
	if (l->tail)
		l->tail->next = s;
	else
		l->head = s;
	l->tail = s;
	l->cur = s->pts;
	l->end = s->pts + cap;
}

/* tw_point_cmp for qsort_interruptible */
static int
PointCmpArg(const void *a, const void *b, void *arg)
{
	return tw_point_cmp(a, b);
}

void
tw_log_merge_begin(TwPointLog *log, TwLogMerge *m)
{
	TwLogSeg   *s;
	int64		k = 0;

	memset(m, 0, sizeof(*m));
	ListSeal(&log->run);
	ListSeal(&log->late);
	m->seg = log->run.head;
	if (log->nlate > 0)
	{
		m->late = palloc_extended(log->nlate * sizeof(TwPoint), MCXT_ALLOC_HUGE);
		for (s = log->late.head; s != NULL; s = s->next)
		{
			CHECK_FOR_INTERRUPTS();
			memcpy(m->late + k, s->pts, s->n * sizeof(TwPoint));
			k += s->n;
		}
		Assert(k == log->nlate);
		/* the late points may be most of a group: a sort that can be cancelled */
		m->nlate = (int64) tw_log_sort_dedup(m->late, (size_t) k);
	}
}

/* Sorts pts (cancellable) and collapses equal timestamps; the new count */
size_t
tw_log_sort_dedup(TwPoint *pts, size_t n)
{
	qsort_interruptible(pts, n, sizeof(TwPoint), PointCmpArg, NULL);
	return tw_dedup_sorted(pts, n);
}

void
tw_log_merge_end(TwPointLog *log, TwLogMerge *m)
{
	if (m->late)
		pfree(m->late);
	m->late = NULL;
	log->late_merged = log->nlate;
}
