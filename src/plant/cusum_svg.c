/*
 * cusum_svg.c
 *		The CUSUM chart of savings() as a self-contained SVG 1.1 document:
 *		savings per bucket as bars (green saved, red overspent), the running
 *		sum as a line, kWh on the vertical axis with round ticks, dates of
 *		the first, middle and last bucket below. cusum_svg() in SQL
 *		(sql/install/78_baseline.sql) feeds it the arrays of savings().
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"

#define CS_WIDTH	900.0
#define CS_HEIGHT	440.0
#define CS_LEFT		90.0
#define CS_RIGHT	30.0
#define CS_TOP		60.0
#define CS_BOTTOM	70.0

PG_FUNCTION_INFO_V1(cusum_svg_render);

/* Appends s with the XML special characters escaped */
static void
AppendXml(StringInfo b, const char *s)
{
	for (; *s; s++)
	{
		if (*s == '&')
			appendStringInfoString(b, "&amp;");
		else if (*s == '<')
			appendStringInfoString(b, "&lt;");
		else if (*s == '>')
			appendStringInfoString(b, "&gt;");
		else if (*s == '"')
			appendStringInfoString(b, "&quot;");
		else if ((unsigned char) *s < 0x20 && *s != '\t' && *s != '\n')
			appendStringInfoChar(b, '?');
		else
			appendStringInfoChar(b, *s);
	}
}

/* Elements of a one-dimensional array argument; nulls in isnull */
static int
ArrayArg(ArrayType *a, Oid elem, Datum **vals, bool **nulls, const char *name)
{
	int			n;
	int16		len;
	bool		byval;
	char		align;

	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s must be a one-dimensional array", name)));
	get_typlenbyvalalign(elem, &len, &byval, &align);
	deconstruct_array(a, elem, len, byval, align, vals, nulls, &n);
	return n;
}

/* A round step for about five ticks over span */
static double
TickStep(double span)
{
	double		raw = span / 5;
	double		mag = pow(10, floor(log10(raw)));
	double		f = raw / mag;

	return mag * (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10);
}

/* The date of a timestamptz as YYYY-MM-DD (session time zone) */
static void
AppendDate(StringInfo b, TimestampTz t)
{
	struct pg_tm tm;
	fsec_t		fsec;
	int			tz;

	if (timestamp2tm(t, &tz, &tm, &fsec, NULL, NULL) != 0)
		appendStringInfoString(b, "?");
	else
		appendStringInfo(b, "%04d-%02d-%02d", tm.tm_year, tm.tm_mon, tm.tm_mday);
}

/* cusum_svg_render(title, bucket_start[], savings_kwh[], cusum_kwh[]) */
Datum
cusum_svg_render(PG_FUNCTION_ARGS)
{
	char	   *title = text_to_cstring(PG_GETARG_TEXT_PP(0));
	Datum	   *tv,
			   *sv,
			   *cv;
	bool	   *tn,
			   *sn,
			   *cn;
	int			n = ArrayArg(PG_GETARG_ARRAYTYPE_P(1), TIMESTAMPTZOID, &tv, &tn, "p_bucket_start");
	int			ns = ArrayArg(PG_GETARG_ARRAYTYPE_P(2), FLOAT8OID, &sv, &sn, "p_savings_kwh");
	int			nc = ArrayArg(PG_GETARG_ARRAYTYPE_P(3), FLOAT8OID, &cv, &cn, "p_cusum_kwh");
	double		lo = 0,
				hi = 0,
				step,
				plot_w = CS_WIDTH - CS_LEFT - CS_RIGHT,
				plot_h = CS_HEIGHT - CS_TOP - CS_BOTTOM,
				bw;
	StringInfoData b;
	bool		open = false;

	if (ns != n || nc != n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cusum_svg_render needs arrays of equal length, not %d, %d and %d", n, ns, nc)));
	for (int i = 0; i < n; i++)
	{
		if (tn[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("p_bucket_start must not contain NULL")));
		if (i > 0 && DatumGetTimestampTz(tv[i]) <= DatumGetTimestampTz(tv[i - 1]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("p_bucket_start must be in ascending order")));
		for (int k = 0; k < 2; k++)
		{
			bool		isn = k ? cn[i] : sn[i];
			double		v = isn ? 0 : DatumGetFloat8(k ? cv[i] : sv[i]);

			if (!isn && !isfinite(v))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("savings and CUSUM must be finite")));
			lo = fmin(lo, v);
			hi = fmax(hi, v);
		}
	}
	if (hi - lo <= 0)
		hi = lo + 1;
	step = TickStep(hi - lo);
	lo = floor(lo / step) * step;
	hi = ceil(hi / step) * step;
#define Y(v) (CS_TOP + plot_h * (hi - (v)) / (hi - lo))
	bw = n > 0 ? plot_w / n : plot_w;

	initStringInfo(&b);
	appendStringInfo(&b,
					 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
					 "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%.0f\" height=\"%.0f\" "
					 "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"12\">\n"
					 "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
					 "<text x=\"%.1f\" y=\"28\" font-size=\"15\" font-weight=\"bold\">",
					 CS_WIDTH, CS_HEIGHT, CS_WIDTH, CS_HEIGHT, CS_LEFT);
	AppendXml(&b, title);
	appendStringInfoString(&b, "</text>\n");
	/* axis ticks and grid */
	for (double v = lo; v <= hi + step / 2; v += step)
	{
		double		y = Y(v);

		appendStringInfo(&b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\"/>\n",
						 CS_LEFT, y, CS_LEFT + plot_w, y, fabs(v) < step / 2 ? "#444444" : "#dddddd");
		appendStringInfo(&b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>\n",
						 CS_LEFT - 6, y + 4, fabs(v) < step / 2 ? 0.0 : v);
	}
	appendStringInfo(&b, "<text x=\"18\" y=\"%.1f\" transform=\"rotate(-90 18 %.1f)\" text-anchor=\"middle\">kWh</text>\n",
					 CS_TOP + plot_h / 2, CS_TOP + plot_h / 2);
	if (n == 0)
		appendStringInfo(&b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">no buckets</text>\n",
						 CS_LEFT + plot_w / 2, CS_TOP + plot_h / 2);
	/* bars */
	for (int i = 0; i < n; i++)
	{
		double		v,
					y0 = Y(0),
					y1;

		if (sn[i])
			continue;
		v = DatumGetFloat8(sv[i]);
		y1 = Y(v);
		appendStringInfo(&b, "<rect class=\"savings\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"/>\n",
						 CS_LEFT + i * bw + bw * 0.15, fmin(y0, y1), bw * 0.7, fabs(y1 - y0),
						 v >= 0 ? "#5aa469" : "#d35d6e");
	}
	/* the CUSUM line, broken where it is NULL */
	for (int i = 0; i < n; i++)
	{
		if (cn[i])
		{
			if (open)
				appendStringInfoString(&b, "\"/>\n");
			open = false;
			continue;
		}
		appendStringInfo(&b, "%s%.2f,%.2f",
						 open ? " " : "<polyline class=\"cusum\" fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"2.5\" points=\"",
						 CS_LEFT + (i + 0.5) * bw, Y(DatumGetFloat8(cv[i])));
		open = true;
	}
	if (open)
		appendStringInfoString(&b, "\"/>\n");
	/* dates of the first, middle and last bucket */
	for (int k = 0; k < 3 && n > 0; k++)
	{
		int			i = k == 0 ? 0 : k == 1 ? n / 2 : n - 1;

		if (k > 0 && (i == 0 || (k == 2 && i == n / 2)))
			continue;
		appendStringInfo(&b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
						 CS_LEFT + (i + 0.5) * bw, CS_TOP + plot_h + 20);
		AppendDate(&b, DatumGetTimestampTz(tv[i]));
		appendStringInfoString(&b, "</text>\n");
	}
	/* legend */
	appendStringInfo(&b,
					 "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"#5aa469\"/>"
					 "<text x=\"%.1f\" y=\"%.1f\">saved per bucket</text>\n"
					 "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"#d35d6e\"/>"
					 "<text x=\"%.1f\" y=\"%.1f\">overspent per bucket</text>\n"
					 "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#1f4e79\" stroke-width=\"2.5\"/>"
					 "<text x=\"%.1f\" y=\"%.1f\">CUSUM (expected - actual, running sum)</text>\n</svg>\n",
					 CS_LEFT, CS_HEIGHT - 28, CS_LEFT + 18, CS_HEIGHT - 18,
					 CS_LEFT + 170, CS_HEIGHT - 28, CS_LEFT + 188, CS_HEIGHT - 18,
					 CS_LEFT + 360, CS_HEIGHT - 22, CS_LEFT + 390, CS_HEIGHT - 22, CS_LEFT + 398, CS_HEIGHT - 18);
	PG_RETURN_TEXT_P(cstring_to_text(b.data));
}
