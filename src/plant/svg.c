/*
 * svg.c
 *		The Sankey diagram of a heat balance as a self-contained SVG 1.1
 *		document: inputs on the left (fuel orange, electricity gold), the
 *		facility in the middle, useful
 *		outputs (blue) to the right and losses (red, the unaccounted rest
 *		grey) below them, stepping downward; band widths proportional to
 *		energy; every label says kWh and percent of the total input.
 */
#include "postgres.h"

#include <math.h>

#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "plant/plant.h"
#include "plant/shard.h"

#define SVG_WIDTH		1060.0
#define SVG_TOP			110.0
#define SVG_FLOW_PX		360.0	/* height of the facility node */
#define SVG_GAP			26.0
#define SVG_NODE_W		14.0
#define SVG_X_LEFT		310.0
#define SVG_X_MID		540.0
#define SVG_X_RIGHT		770.0

/* Appends s with the five XML special characters escaped */
static void
AppendEscaped(StringInfo buf, const char *s)
{
	for (; *s; s++)
	{
		switch (*s)
		{
			case '&':
				appendStringInfoString(buf, "&amp;");
				break;
			case '<':
				appendStringInfoString(buf, "&lt;");
				break;
			case '>':
				appendStringInfoString(buf, "&gt;");
				break;
			case '"':
				appendStringInfoString(buf, "&quot;");
				break;
			case '\'':
				appendStringInfoString(buf, "&apos;");
				break;
			default:
				/* control characters are not allowed in XML 1.0 */
				if ((unsigned char) *s < 0x20 && *s != '\t' && *s != '\n' && *s != '\r')
					appendStringInfoChar(buf, '?');
				else
					appendStringInfoChar(buf, *s);
		}
	}
}

/* Formats kWh with thousands separators: "12,345.6" (or MWh when large) */
static void
AppendEnergy(StringInfo buf, double kwh)
{
	char		digits[64];
	const char *unit = "kWh";
	double		v = kwh;
	int			len,
				i,
				intlen;
	char	   *dot;

	if (fabs(v) >= 1e6)
	{
		v /= 1000.0;
		unit = "MWh";
	}
	snprintf(digits, sizeof(digits), "%.1f", fabs(v));
	if (v < 0)
		appendStringInfoChar(buf, '-');
	dot = strchr(digits, '.');
	intlen = dot ? (int) (dot - digits) : (int) strlen(digits);
	len = strlen(digits);
	for (i = 0; i < len; i++)
	{
		if (i > 0 && i < intlen && (intlen - i) % 3 == 0)
			appendStringInfoChar(buf, ',');
		appendStringInfoChar(buf, digits[i]);
	}
	appendStringInfo(buf, " %s", unit);
}

/* Appends "name  1,234.5 kWh (12.3 %)" as a text element */
static void
AppendLabel(StringInfo buf, double x, double y, const char *anchor,
			const char *name, double kwh, double input)
{
	appendStringInfo(buf, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"l\">"
					 "<tspan class=\"n\">", x, y, anchor);
	AppendEscaped(buf, name);
	appendStringInfoString(buf, "</tspan> ");
	AppendEnergy(buf, kwh);
	if (input > 0)
		appendStringInfo(buf, " (%.1f %%)", 100.0 * kwh / input);
	appendStringInfoString(buf, "</text>\n");
}

/* A band from (x0, y0..y0+h0) to (x1, y1..y1+h1) as a filled cubic path */
static void
AppendBand(StringInfo buf, double x0, double y0, double x1, double y1,
		   double h, const char *color)
{
	double		xm = (x0 + x1) / 2.0;

	appendStringInfo(buf,
					 "<path d=\"M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f "
					 "L%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f Z\" fill=\"%s\" "
					 "fill-opacity=\"0.45\"/>\n",
					 x0, y0, xm, y0, xm, y1, x1, y1,
					 x1, y1 + h, xm, y1 + h, xm, y0 + h, x0, y0 + h, color);
}

/* Colour of a link by category and stream */
static const char *
LinkColor(const PlantLink *l)
{
	switch (l->category)
	{
		case PC_INPUT:
			return l->electric ? "#d4a017" : "#f28e2b";
		case PC_OUTPUT:
			return "#4e79a7";
		case PC_LOSS:
			return "#e15759";
		case PC_UNACCOUNTED:
			return "#8c8c8c";
	}
	return "#8c8c8c";
}

/* The SVG document of a balance */
char *
PlantSankeySvg(const PlantBalance *b, TimestampTz from, TimestampTz to)
{
	StringInfoData buf;
	StringInfoData body;
	PlantLink  *links;
	int			n,
				i;
	double		in_total = 0.0,
				out_total = 0.0,
				total,
				scale,
				left_h = 0.0,
				n_left = 0,
				mid_top,
				left_y,
				mid_in_y,
				mid_out_y,
				right_y,
				bottom,
				height;
	bool		in_losses = false;
	double		err;
	const char *klass;

	n = PlantSankeyLinks(b, &links);
	for (i = 0; i < n; i++)
	{
		if (links[i].target == b->fac->facility_id)
		{
			in_total += fabs(links[i].kwh);
			n_left++;
		}
		else
			out_total += fabs(links[i].kwh);
	}
	total = Max(in_total, out_total);
	scale = total > 0 ? SVG_FLOW_PX / total : 0.0;
	for (i = 0; i < n; i++)
		if (links[i].target == b->fac->facility_id)
			left_h += fabs(links[i].kwh) * scale;
	left_h += SVG_GAP * Max(n_left - 1, 0);
	mid_top = SVG_TOP + Max(0.0, (left_h - in_total * scale) / 2.0);
	left_y = SVG_TOP + Max(0.0, (in_total * scale - left_h) / 2.0);

	/* body first (bottom is known only at the end) */
	initStringInfo(&body);
	mid_in_y = mid_top;
	mid_out_y = mid_top;
	right_y = mid_top;
	bottom = mid_top + total * scale;
	for (i = 0; i < n; i++)
	{
		const PlantLink *l = &links[i];
		double		h = fabs(l->kwh) * scale;
		const char *color = LinkColor(l);

		if (l->target == b->fac->facility_id)
		{
			/* input node on the left, band into the facility */
			appendStringInfo(&body, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n",
							 SVG_X_LEFT - SVG_NODE_W, left_y, SVG_NODE_W, Max(h, 1.0), color);
			AppendBand(&body, SVG_X_LEFT, left_y, SVG_X_MID - SVG_NODE_W / 2, mid_in_y, h, color);
			AppendLabel(&body, SVG_X_LEFT - SVG_NODE_W - 8, left_y + h / 2 + 4, "end",
						l->source, l->category == PC_UNACCOUNTED ? -l->kwh : l->kwh,
						b->input_kwh);
			left_y += h + SVG_GAP;
			mid_in_y += h;
		}
		else
		{
			if (l->category != PC_OUTPUT && !in_losses)
			{
				/* losses step down, apart from the useful outputs */
				in_losses = true;
				right_y += SVG_GAP * 1.5;
			}
			appendStringInfo(&body, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n",
							 SVG_X_RIGHT, right_y, SVG_NODE_W, Max(h, 1.0), color);
			AppendBand(&body, SVG_X_MID + SVG_NODE_W / 2, mid_out_y, SVG_X_RIGHT, right_y, h, color);
			AppendLabel(&body, SVG_X_RIGHT + SVG_NODE_W + 8, right_y + h / 2 + 4, "start",
						l->target, l->kwh, b->input_kwh);
			mid_out_y += h;
			right_y += h + (in_losses ? SVG_GAP : SVG_GAP / 2);
		}
		bottom = Max(bottom, Max(left_y, right_y));
	}
	/* the facility node */
	appendStringInfo(&body, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#59a14f\"/>\n",
					 SVG_X_MID - SVG_NODE_W / 2, mid_top, SVG_NODE_W, Max(total * scale, 1.0));
	appendStringInfo(&body, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"n\">",
					 SVG_X_MID, mid_top - 10);
	AppendEscaped(&body, b->fac->facility_id);
	appendStringInfoString(&body, "</text>\n");
	height = bottom + 50;

	/* the document */
	initStringInfo(&buf);
	appendStringInfo(&buf,
					 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
					 "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
					 "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\">\n",
					 SVG_WIDTH, height, SVG_WIDTH, height);
	appendStringInfoString(&buf, "<title>");
	AppendEscaped(&buf, "Heat balance of ");
	AppendEscaped(&buf, b->fac->facility_id);
	appendStringInfoString(&buf, "</title>\n"
						   "<style>text{font-family:DejaVu Sans,Helvetica,Arial,sans-serif;fill:#222}"
						   ".t{font-size:20px;font-weight:bold}.s{font-size:13px;fill:#555}"
						   ".l{font-size:12px}.n{font-weight:bold}</style>\n"
						   "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
	appendStringInfoString(&buf, "<text x=\"20\" y=\"34\" class=\"t\">Heat balance: ");
	AppendEscaped(&buf, b->fac->facility_id);
	if (b->fac->process_type)
	{
		appendStringInfoString(&buf, " (");
		AppendEscaped(&buf, b->fac->process_type);
		appendStringInfoChar(&buf, ')');
	}
	appendStringInfoString(&buf, "</text>\n<text x=\"20\" y=\"56\" class=\"s\">");
	AppendEscaped(&buf, timestamptz_to_str(from));
	appendStringInfoString(&buf, " to ");
	AppendEscaped(&buf, timestamptz_to_str(to));
	appendStringInfoString(&buf, "</text>\n<text x=\"20\" y=\"76\" class=\"s\">input ");
	AppendEnergy(&buf, b->input_kwh);
	appendStringInfoString(&buf, ", useful output ");
	AppendEnergy(&buf, b->output_kwh);
	if (PlantClosure(b, &err, &klass))
		appendStringInfo(&buf, " (%.1f %%), losses %.1f %%, closure error %.2f %% (%s)",
						 100.0 * b->output_kwh / b->input_kwh,
						 100.0 * b->loss_kwh / b->input_kwh, err, klass);
	appendStringInfoString(&buf, "</text>\n");
	appendBinaryStringInfo(&buf, body.data, body.len);
	appendStringInfo(&buf,
					 "<text x=\"20\" y=\"%.0f\" class=\"s\">"
					 "<tspan fill=\"#f28e2b\">&#9632;</tspan> fuel  "
					 "<tspan fill=\"#d4a017\">&#9632;</tspan> electricity  "
					 "<tspan fill=\"#4e79a7\">&#9632;</tspan> useful output  "
					 "<tspan fill=\"#e15759\">&#9632;</tspan> loss  "
					 "<tspan fill=\"#8c8c8c\">&#9632;</tspan> unaccounted  "
					 "- widths proportional to energy; percentages of the total input</text>\n",
					 height - 16);
	appendStringInfoString(&buf, "</svg>\n");
	pfree(body.data);
	return buf.data;
}

PG_FUNCTION_INFO_V1(sankey_svg);

/* sankey_svg(p_facility, p_from, p_to, p_readings): the SVG document */
Datum
sankey_svg(PG_FUNCTION_ARGS)
{
	char	   *facility = text_to_cstring(PG_GETARG_TEXT_PP(0));
	TimestampTz from = PG_GETARG_TIMESTAMPTZ(1);
	TimestampTz to = PG_GETARG_TIMESTAMPTZ(2);
	Oid			readings = PG_GETARG_OID(3);
	Datum		routed;
	PlantBalance b;
	char	   *svg;
	text	   *result;
	MemoryContext outer = CurrentMemoryContext;
	MemoryContext old;

	PlantCheckRange(from, to);
	if (PlantShardRoute(fcinfo, "sankey_svg", 3, &routed))
		PG_RETURN_DATUM(routed);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	PlantComputeBalance(readings, facility, from, to, &b);
	svg = PlantSankeySvg(&b, from, to);
	old = MemoryContextSwitchTo(outer);
	result = cstring_to_text(svg);
	MemoryContextSwitchTo(old);
	SPI_finish();
	PG_RETURN_TEXT_P(result);
}
