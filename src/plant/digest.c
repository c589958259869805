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
 * Encoding thermaliq-provenance-v1 (unchanged from 1.0, so a digest of the
 * same rows is the same): one line per row, epoch microseconds | IEEE-754
 * bits of value as 16 hex digits or "null" | quality | unit, lines ordered
 * by (microseconds, value, quality, unit in C collation) and joined by
 * newlines; a SHA-256 per (meter, UTC day); then the SHA-256 of the lines
 * json(meter_id) | day | hex digest, ordered by meter_id (C) and day,
 * joined by newlines. Nothing depends on server settings.
 */
#include "postgres.h"

#include <math.h>

#include "common/cryptohash.h"
#include "common/sha2.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/json.h"

#include "plant/report.h"

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

/* Feeds one row's line: us|hex bits or null|quality|unit */
static void
HashLine(pg_cryptohash_ctx *c, const DigestRow *r, StringInfo line)
{
	static const char hexd[] = "0123456789abcdef";
	char		num[MAXINT8LEN + 1];
	int			len;

	resetStringInfo(line);
	len = pg_lltoa(r->us, num);
	appendBinaryStringInfo(line, num, len);
	appendStringInfoChar(line, '|');
	if (r->row->flags & PLANT_ROW_NULL)
		appendStringInfoString(line, "null");
	else
	{
		uint64		bits;
		double		v = r->row->val;
		char		hex[16];
		int			i;

		memcpy(&bits, &v, sizeof(bits));
		for (i = 15; i >= 0; i--, bits >>= 4)
			hex[i] = hexd[bits & 0xf];
		appendBinaryStringInfo(line, hex, 16);
	}
	appendStringInfoChar(line, '|');
	len = pg_ltoa((int32) r->row->quality, num);
	appendBinaryStringInfo(line, num, len);
	appendStringInfoChar(line, '|');
	appendStringInfoString(line, r->unit);
	if (pg_cryptohash_update(c, (const uint8 *) line->data, line->len) < 0)
		elog(ERROR, "could not update a SHA-256 digest");
}

/* The digest of the rows used */
char *
PlantReadingsDigest(const PlantRead *rd)
{
	const PlantFacility *fac = rd->fac;
	pg_cryptohash_ctx *top = Sha256Start();
	StringInfoData line,
				toplines;
	bool		first_top = true;
	char	   *hex = palloc(2 * PG_SHA256_DIGEST_LENGTH + 1);
	int			i;

	initStringInfo(&line);
	initStringInfo(&toplines);
	for (i = 0; i < fac->nmeters; i++)
	{
		const PlantSeries *s = &rd->series[i];
		TimestampTz before_any = DT_NOBEGIN,
					before_good = DT_NOBEGIN,
					after_any = DT_NOEND,
					after_good = DT_NOEND;
		DigestRow  *rows;
		size_t		n = 0,
					r,
					k;

		if (s->want == PW_SKIP || s->nraw == 0)
			continue;
		/* the nearest timestamps outside [from, to] inside the window */
		for (r = 0; r < s->nraw; r++)
		{
			const PlantRawRow *w = &s->raw[r];
			bool		good = (w->flags & PLANT_ROW_USABLE) != 0;

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
		/*
		 * The chosen rows, in digest order: the rows of a meter usually
		 * arrive in it (the index order), then they are taken as they are.
		 */
		{
			DigestRow	prev,
						cur;
			bool		sorted = true;

			for (r = 0; r < s->nraw; r++)
			{
				const PlantRawRow *w = &s->raw[r];

				if (!((w->ts >= rd->from && w->ts <= rd->to) || w->ts == before_any ||
					  w->ts == before_good || w->ts == after_any || w->ts == after_good))
					continue;
				cur.us = w->ts + UNIX_EPOCH_US;
				cur.row = w;
				cur.unit = s->units[w->unit];
				if (n > 0 && sorted && DigestRowCmp(&prev, &cur) > 0)
					sorted = false;
				prev = cur;
				n++;
			}
			rows = palloc(sizeof(DigestRow) * (n + 1));
			n = 0;
			for (r = 0; r < s->nraw; r++)
			{
				const PlantRawRow *w = &s->raw[r];

				if ((w->ts >= rd->from && w->ts <= rd->to) || w->ts == before_any ||
					w->ts == before_good || w->ts == after_any || w->ts == after_good)
				{
					rows[n].us = w->ts + UNIX_EPOCH_US;
					rows[n].row = w;
					rows[n].unit = s->units[w->unit];
					n++;
				}
			}
			CHECK_FOR_INTERRUPTS();
			if (!sorted)
				qsort(rows, n, sizeof(DigestRow), DigestRowCmp);
		}
		/* one chunk per UTC day */
		for (r = 0; r < n; r = k)
		{
			int64		day = DayOf(rows[r].us);
			pg_cryptohash_ctx *c = Sha256Start();
			char		chunk[2 * PG_SHA256_DIGEST_LENGTH + 1];

			for (k = r; k < n && DayOf(rows[k].us) == day; k++)
			{
				if (k > r && pg_cryptohash_update(c, (const uint8 *) "\n", 1) < 0)
					elog(ERROR, "could not update a SHA-256 digest");
				HashLine(c, &rows[k], &line);
			}
			Sha256Hex(c, chunk);
			resetStringInfo(&toplines);
			if (!first_top)
				appendStringInfoChar(&toplines, '\n');
			first_top = false;
			escape_json(&toplines, fac->meters[i].meter_id);
			appendStringInfo(&toplines, "|" INT64_FORMAT "|%s", day, chunk);
			if (pg_cryptohash_update(top, (const uint8 *) toplines.data, toplines.len) < 0)
				elog(ERROR, "could not update a SHA-256 digest");
		}
		pfree(rows);
	}
	Sha256Hex(top, hex);
	pfree(line.data);
	pfree(toplines.data);
	return hex;
}
