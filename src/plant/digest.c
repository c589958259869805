/*
 * digest.c
 *		The readings digest of the provenance hash, from the one read: the
 *		rows of every registered meter with p_from <= timestamp <= p_to,
 *		plus, per meter, every row at the nearest timestamp before p_from
 *		and after p_to (any row, and the nearest usable one) that lies in
 *		the read window [p_from - G, p_to + G) (G = the largest max_gap):
 *		exactly the rows an integration to the edges can use. The search for
 *		edge rows is bounded by that window (1.0 probed every partition).
 *
 * Encoding thermaliq-provenance-v2 (1.1; v1 of 1.0 wrote every row as about
 * 41 bytes of text, so hashing and formatting cost twice as much): the rows
 * of a meter are ordered by (epoch microseconds, value with NULL last and
 * NaN above every number, quality, unit in C collation) and cut into
 * chunks by UTC day of the timestamp. Each row is one binary record, every
 * integer big-endian (as the binary send functions write them):
 *
 *   microseconds since 1970-01-01 UTC (int64), a tag byte (bit 0: value is
 *   NULL, bit 1: the unit follows), the IEEE-754 bits of value (8 bytes,
 *   absent when NULL), quality (int16), then, only when the tag says so,
 *   the unit's byte length (uint16) and its bytes.
 *
 * The unit follows on a chunk's first record and whenever it differs from
 * the record before it. Each chunk's records are hashed (SHA-256); the top
 * SHA-256 is over the lines json(meter_id) | day (days since 1970-01-01) |
 * chunk digest in hex, ordered by meter_id (C) and day, joined by newlines.
 * Nothing depends on server settings; pgTAP 62 recomputes it in SQL
 * (int8send, float8send, sha256) from the rows.
 */
#include "postgres.h"

#include <math.h>

#include "common/cryptohash.h"
#include "common/sha2.h"
#include "port/pg_bswap.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/json.h"

#include "plant/report.h"

/* Tag bits of a v2 record */
#define DIGEST_TAG_NULL 0x01	/* value is NULL: no value bytes follow */
#define DIGEST_TAG_UNIT 0x02	/* the unit follows (first record of the
								 * chunk, or another unit than the previous) */

/* Microseconds between the Unix and the PostgreSQL epochs */
#define UNIX_EPOCH_US INT64CONST(946684800000000)
#define US_PER_DAY INT64CONST(86400000000)

/* A row chosen for the digest */
typedef struct DigestRow
{
	int64		us;				/* Unix epoch microseconds */
	const PlantRawRow *row;
	const char *unit;
} DigestRow;

/* float8 order of PostgreSQL: NULL last, NaN above every number */
static int
ValueCmp(const PlantRawRow *a, const PlantRawRow *b)
{
	bool		an = (a->flags & PLANT_ROW_NULL) != 0,
				bn = (b->flags & PLANT_ROW_NULL) != 0;

	if (an || bn)
		return an == bn ? 0 : (an ? 1 : -1);
	if (isnan(a->val) || isnan(b->val))
		return isnan(a->val) == isnan(b->val) ? 0 : (isnan(a->val) ? 1 : -1);
	return a->val < b->val ? -1 : (a->val > b->val ? 1 : 0);
}

/* ORDER BY us, value, quality, unit COLLATE "C" */
static int
DigestRowCmp(const void *x, const void *y)
{
	const DigestRow *a = x,
			   *b = y;
	int			c;

	if (a->us != b->us)
		return a->us < b->us ? -1 : 1;
	if ((c = ValueCmp(a->row, b->row)) != 0)
		return c;
	if (a->row->quality != b->row->quality)
		return a->row->quality < b->row->quality ? -1 : 1;
	return strcmp(a->unit, b->unit);
}

/* floor(us / one day) */
static int64
DayOf(int64 us)
{
	int64		d = us / US_PER_DAY;

	if (us % US_PER_DAY != 0 && us < 0)
		d--;
	return d;
}

/* A fresh SHA-256 context, or ERROR */
static pg_cryptohash_ctx *
Sha256Start(void)
{
	pg_cryptohash_ctx *c = pg_cryptohash_create(PG_SHA256);

	if (c == NULL || pg_cryptohash_init(c) < 0)
		elog(ERROR, "could not initialize a SHA-256 context");
	return c;
}

/* Final digest as 64 lower-case hex digits into hex (65 bytes) */
static void
Sha256Hex(pg_cryptohash_ctx *c, char *hex)
{
	uint8		d[PG_SHA256_DIGEST_LENGTH];
	int			i;

	if (pg_cryptohash_final(c, d, sizeof(d)) < 0)
		elog(ERROR, "could not finalize a SHA-256 digest: %s", pg_cryptohash_error(c));
	pg_cryptohash_free(c);
	for (i = 0; i < PG_SHA256_DIGEST_LENGTH; i++)
		sprintf(hex + 2 * i, "%02x", d[i]);
	hex[2 * PG_SHA256_DIGEST_LENGTH] = '\0';
}

/*
 * The lines of one (meter, day) chunk are written into buf and fed to the
 * chunk's SHA-256 in batches of about DIGEST_BATCH bytes (the hash of the
 * concatenation does not depend on how it is cut); a chunk's digest then
 * becomes one line of the top hash.
 */
#define DIGEST_BATCH (64 * 1024)

typedef struct DigestOut
{
	pg_cryptohash_ctx *top;
	pg_cryptohash_ctx *chunk;	/* NULL between chunks */
	int64		day;			/* of the open chunk */
	const char *meter_id;
	bool		first_top;
	const char *last_unit;		/* of the chunk's previous record, or NULL */
	int			last_ulen;
	StringInfoData buf;			/* lines not yet fed to chunk */
	StringInfoData topline;
} DigestOut;

/* Feeds buf to the open chunk */
static void
DigestFlush(DigestOut *o)
{
	if (o->buf.len > 0 &&
		pg_cryptohash_update(o->chunk, (const uint8 *) o->buf.data, o->buf.len) < 0)
		elog(ERROR, "could not update a SHA-256 digest");
	resetStringInfo(&o->buf);
}

/* Closes the open chunk: its digest becomes a line of the top hash */
static void
DigestEndChunk(DigestOut *o)
{
	char		hex[2 * PG_SHA256_DIGEST_LENGTH + 1];

	if (o->chunk == NULL)
		return;
	DigestFlush(o);
	Sha256Hex(o->chunk, hex);
	o->chunk = NULL;
	resetStringInfo(&o->topline);
	if (!o->first_top)
		appendStringInfoChar(&o->topline, '\n');
	o->first_top = false;
	escape_json(&o->topline, o->meter_id);
	appendStringInfo(&o->topline, "|" INT64_FORMAT "|%s", o->day, hex);
	if (pg_cryptohash_update(o->top, (const uint8 *) o->topline.data, o->topline.len) < 0)
		elog(ERROR, "could not update a SHA-256 digest");
}

/* v's 8 bytes, most significant first, at p */
static inline void
PutBE64(uint8 *p, uint64 v)
{
	v = pg_hton64(v);
	memcpy(p, &v, 8);
}

/*
 * One row's record (encoding v2, see the head of this file), appended to
 * its (meter, day) chunk; rows come in digest order. *last_unit is the unit
 * index of the chunk's previous record (-1 at a chunk's start).
 */
static void
DigestLine(DigestOut *o, int64 us, const PlantRawRow *w, const char *unit, int ul)
{
	int64		day = DayOf(us);
	/* time, tag, value bits, quality, unit length and bytes */
	int			need = 8 + 1 + 8 + 2 + 2 + ul;
	uint8	   *p;
	uint8		tag = 0;
	bool		unit_follows;

	if (o->chunk != NULL && day != o->day)
		DigestEndChunk(o);
	if (o->chunk == NULL)
	{
		o->chunk = Sha256Start();
		o->day = day;
		o->last_unit = NULL;
	}
	unit_follows = o->last_unit == NULL || o->last_ulen != ul ||
		memcmp(o->last_unit, unit, ul) != 0;
	if (o->buf.maxlen - o->buf.len <= need)
		enlargeStringInfo(&o->buf, need);
	p = (uint8 *) o->buf.data + o->buf.len;
	PutBE64(p, (uint64) us);
	p += 8;
	if (w->flags & PLANT_ROW_NULL)
		tag |= DIGEST_TAG_NULL;
	if (unit_follows)
		tag |= DIGEST_TAG_UNIT;
	*p++ = tag;
	if (!(w->flags & PLANT_ROW_NULL))
	{
		uint64		bits;

		memcpy(&bits, &w->val, sizeof(bits));
		PutBE64(p, bits);
		p += 8;
	}
	*p++ = (uint8) (((uint16) w->quality) >> 8);
	*p++ = (uint8) (((uint16) w->quality) & 0xff);
	if (unit_follows)
	{
		if (ul > PG_UINT16_MAX)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("a unit of meter \"%s\" is longer than %d bytes", o->meter_id, PG_UINT16_MAX)));
		*p++ = (uint8) (ul >> 8);
		*p++ = (uint8) (ul & 0xff);
		memcpy(p, unit, ul);
		p += ul;
		o->last_unit = unit;
		o->last_ulen = ul;
	}
	o->buf.len = (char *) p - o->buf.data;
	if (o->buf.len >= DIGEST_BATCH)
		DigestFlush(o);
}

/* Whether raw row w of a meter is one the digest takes */
#define DIGEST_TAKES(w) (((w)->ts >= rd->from && (w)->ts <= rd->to) || (w)->ts == before_any || \
						 (w)->ts == before_good || (w)->ts == after_any || (w)->ts == after_good)

/* The digest of the rows used */
char *
PlantReadingsDigest(const PlantRead *rd)
{
	const PlantFacility *fac = rd->fac;
	DigestOut	o;
	char	   *hex = palloc(2 * PG_SHA256_DIGEST_LENGTH + 1);
	int			i;

	memset(&o, 0, sizeof(o));
	o.top = Sha256Start();
	o.first_top = true;
	initStringInfo(&o.buf);
	initStringInfo(&o.topline);
	for (i = 0; i < fac->nmeters; i++)
	{
		const PlantSeries *s = &rd->series[i];
		TimestampTz before_any = DT_NOBEGIN,
					before_good = DT_NOBEGIN,
					after_any = DT_NOEND,
					after_good = DT_NOEND,
					prev = DT_NOBEGIN;
		bool		ts_sorted = true;
		int		   *ulen;		/* strlen of each of the meter's units */
		size_t		r,
					k;

		if (s->want == PW_SKIP || s->nraw == 0)
			continue;
		o.meter_id = fac->meters[i].meter_id;
		ulen = palloc(sizeof(int) * (s->nunits + 1));
		for (r = 0; r < (size_t) s->nunits; r++)
			ulen[r] = (int) strlen(s->units[r]);
		/* the nearest timestamps outside [from, to] inside the window */
		for (r = 0; r < s->nraw; r++)
		{
			const PlantRawRow *w = &s->raw[r];
			bool		good = (w->flags & PLANT_ROW_USABLE) != 0;

			if (w->ts < prev)
				ts_sorted = false;
			prev = w->ts;
			if (w->ts < rd->from)
			{
				if (w->ts > before_any)
					before_any = w->ts;
				if (good && w->ts > before_good)
					before_good = w->ts;
			}
			else if (w->ts > rd->to)
			{
				if (w->ts < after_any)
					after_any = w->ts;
				if (good && w->ts < after_good)
					after_good = w->ts;
			}
		}
		CHECK_FOR_INTERRUPTS();
		if (ts_sorted)
		{
			/*
			 * The usual case, the rows of a meter in index order: taken as
			 * they come, only rows of one timestamp (all taken or none)
			 * sorted among themselves
			 */
			for (r = 0; r < s->nraw; r = k)
			{
				const PlantRawRow *w = &s->raw[r];

				for (k = r + 1; k < s->nraw && s->raw[k].ts == w->ts; k++)
					;
				if (!DIGEST_TAKES(w))
					continue;
				if (k == r + 1)
					DigestLine(&o, w->ts + UNIX_EPOCH_US, w, s->units[w->unit], ulen[w->unit]);
				else
				{
					DigestRow  *g = palloc(sizeof(DigestRow) * (k - r));
					size_t		j;

					for (j = 0; j < k - r; j++)
					{
						g[j].us = w->ts + UNIX_EPOCH_US;
						g[j].row = &s->raw[r + j];
						g[j].unit = s->units[s->raw[r + j].unit];
					}
					qsort(g, k - r, sizeof(DigestRow), DigestRowCmp);
					for (j = 0; j < k - r; j++)
						DigestLine(&o, g[j].us, g[j].row, g[j].unit, ulen[g[j].row->unit]);
					pfree(g);
				}
			}
		}
		else
		{
			DigestRow  *rows = palloc(sizeof(DigestRow) * (s->nraw + 1));
			size_t		n = 0;

			for (r = 0; r < s->nraw; r++)
			{
				const PlantRawRow *w = &s->raw[r];

				if (DIGEST_TAKES(w))
				{
					rows[n].us = w->ts + UNIX_EPOCH_US;
					rows[n].row = w;
					rows[n].unit = s->units[w->unit];
					n++;
				}
			}
			qsort(rows, n, sizeof(DigestRow), DigestRowCmp);
			for (r = 0; r < n; r++)
				DigestLine(&o, rows[r].us, rows[r].row, rows[r].unit, ulen[rows[r].row->unit]);
			pfree(rows);
		}
		/* a meter's last chunk */
		DigestEndChunk(&o);
		pfree(ulen);
	}
	Sha256Hex(o.top, hex);
	pfree(o.buf.data);
	pfree(o.topline.data);
	return hex;
}
