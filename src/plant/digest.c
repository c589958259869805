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

/*
 * One row's line, us|hex bits or null|quality|unit, newline-separated from
 * the previous line of its (meter, day) chunk; rows come in digest order
 */
/* "00".."ff" of each byte, filled on first use */
static char hex_pairs[512];

/* "00".."99" */
static const char digit_pairs[201] =
"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
"8081828384858687888990919293949596979899";

/* The 8 decimal digits of v < 10^8, leading zeros kept */
static inline void
Digits8(char *p, uint32 v)
{
	uint32		hi = v / 10000,
				lo = v % 10000;

	memcpy(p, digit_pairs + 2 * (hi / 100), 2);
	memcpy(p + 2, digit_pairs + 2 * (hi % 100), 2);
	memcpy(p + 4, digit_pairs + 2 * (lo / 100), 2);
	memcpy(p + 6, digit_pairs + 2 * (lo % 100), 2);
}

/*
 * pg_lltoa's text of us: 16-digit times (2001-09-09 to 2286-11-20) by hand,
 * in two 8-digit halves; any other by pg_lltoa
 */
static inline int
DigestTime(int64 us, char *p)
{
	if (us >= INT64CONST(1000000000000000) && us < INT64CONST(10000000000000000))
	{
		Digits8(p, (uint32) (us / 100000000));
		Digits8(p + 8, (uint32) (us % 100000000));
		return 16;
	}
	return pg_lltoa(us, p);
}

static void
DigestLine(DigestOut *o, int64 us, const PlantRawRow *w, const char *unit, int ul)
{
	static const char hexd[] = "0123456789abcdef";
	int64		day = DayOf(us);
	bool		newline = true;
	/* newline, digits, '|', 16 hex or null, '|', quality, '|', unit */
	int			need = 1 + MAXINT8LEN + 1 + 16 + 1 + MAXINT8LEN + 1 + ul + 1;
	char	   *p;

	if (o->chunk != NULL && day != o->day)
		DigestEndChunk(o);
	if (o->chunk == NULL)
	{
		o->chunk = Sha256Start();
		o->day = day;
		newline = false;
	}
	if (o->buf.maxlen - o->buf.len <= need)
		enlargeStringInfo(&o->buf, need);
	p = o->buf.data + o->buf.len;
	if (newline)
		*p++ = '\n';
	p += DigestTime(us, p);
	*p++ = '|';
	if (w->flags & PLANT_ROW_NULL)
	{
		memcpy(p, "null", 4);
		p += 4;
	}
	else
	{
		uint64		bits;
		double		v = w->val;
		int			i;

		/* a byte (two hex digits) a step */
		if (hex_pairs[1] == '\0')
			for (i = 0; i < 256; i++)
			{
				hex_pairs[2 * i] = hexd[i >> 4];
				hex_pairs[2 * i + 1] = hexd[i & 0xf];
			}
		memcpy(&bits, &v, sizeof(bits));
		for (i = 14; i >= 0; i -= 2, bits >>= 8)
			memcpy(p + i, hex_pairs + 2 * (bits & 0xff), 2);
		p += 16;
	}
	*p++ = '|';
	if (w->quality >= 0 && w->quality <= 9)
		*p++ = (char) ('0' + w->quality);
	else
		p += pg_ltoa((int32) w->quality, p);
	*p++ = '|';
	memcpy(p, unit, ul);
	p += ul;
	*p = '\0';
	o->buf.len = p - o->buf.data;
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
