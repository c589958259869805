/*
 * report.c
 *		thermaliq.analyze_read(): everything analyze() takes from the
 *		readings, from ONE pruned read of the facility (read.c) with the
 *		plant functions' rules (one set of cleaning, unit and averaging
 *		rules): per-meter energies on the common coverage, the heat balance
 *		and its closure, the fuel-power-weighted flue-gas conditions, data
 *		quality per meter (quality.c) and the provenance digest of exactly
 *		the rows used (digest.c), as one jsonb document. analyze() keeps
 *		its policy (options, opportunities, uncertainty, benchmark) in
 *		plpgsql (sql/install/75_analyze.sql).
 *
 * Also thermaliq.provenance_readings_digest(), the digest alone from the
 * same read.
 */
#include "postgres.h"

#include <math.h>

#include "common/shortest_dec.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/timestamp.h"

#include "plant/plant.h"
#include "plant/report.h"

PG_FUNCTION_INFO_V1(analyze_read);
PG_FUNCTION_INFO_V1(provenance_readings_digest);

/* "key": */
static void
JKey(StringInfo b, const char *key, bool *first)
{
	if (!*first)
		appendStringInfoChar(b, ',');
	*first = false;
	escape_json(b, key);
	appendStringInfoChar(b, ':');
}

/* A float8 in its shortest exact form; null when not finite */
static void
JNum(StringInfo b, double v)
{
	char		buf[DOUBLE_SHORTEST_DECIMAL_LEN];

	if (!isfinite(v))
	{
		appendStringInfoString(b, "null");
		return;
	}
	double_to_shortest_decimal_buf(v, buf);
	appendStringInfoString(b, buf);
}

/* A string, or null */
static void
JStr(StringInfo b, const char *s)
{
	if (s == NULL)
		appendStringInfoString(b, "null");
	else
		escape_json(b, s);
}

#define KNUM(b, f, k, v) (JKey((b), (k), (f)), JNum((b), (v)))
#define KSTR(b, f, k, v) (JKey((b), (k), (f)), JStr((b), (v)))
#define KINT(b, f, k, v) (JKey((b), (k), (f)), appendStringInfo((b), INT64_FORMAT, (int64) (v)))

/* Expected interval of meter m from the option (seconds, or {meter_id: seconds}) */
static double
ExpectedSeconds(Jsonb *opt, const char *meter_id)
{
	JsonbValue	k,
			   *v;

	if (opt == NULL)
		return NAN;
	if (JB_ROOT_IS_SCALAR(opt))
	{
		JsonbValue	sc;

		if (!JsonbExtractScalar(&opt->root, &sc) || sc.type != jbvNumeric)
			return NAN;
		return DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(sc.val.numeric)));
	}
	if (!JB_ROOT_IS_OBJECT(opt))
		return NAN;
	k.type = jbvString;
	k.val.string.val = (char *) meter_id;
	k.val.string.len = strlen(meter_id);
	v = findJsonbValueFromContainer(&opt->root, JB_FOBJECT, &k);
	if (v == NULL || v->type != jbvNumeric)
		return NAN;
	return DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(v->val.numeric)));
}

/* Time-weighted mean of a rate series over its covered time in [from, to); NaN if none */
static double
SeriesMean(const PlantRead *rd, int i)
{
	size_t		ns,
				k,
				hint = 0;
	PwSpan	   *sp = PlantCoveredSpans(rd, i, rd->from, rd->to, &ns);
	int64		cov = 0;
	double		integral;

	for (k = 0; k < ns; k++)
		cov += sp[k].b - sp[k].a;
	if (cov <= 0)
		return NAN;
	integral = PlantIntegrateOn(rd, i, sp, ns, rd->from, rd->to, &hint);
	pfree(sp);
	return integral / ((double) cov / USECS_PER_HOUR);
}

/*
 * Time-weighted mean (linear, no gap limit) of the rate meters of a role
 * over the samples inside [from, to), averaged over those meters: what
 * avg(average(time_weight(ts, value))) per meter gives (analyze_mean's
 * rule for steam_pressure and ambient_humidity), from the cleaned series
 * (usable rows, each converted by its own unit, equal timestamps collapsed
 * to the larger value, as time_weight does); NaN without a sample
 */
static double
RoleTimeMean(const PlantRead *rd, PlantRole role)
{
	const PlantFacility *fac = rd->fac;
	double		sum = 0.0;
	int			n = 0,
				i;

	for (i = 0; i < fac->nmeters; i++)
	{
		const PlantSeries *s = &rd->series[i];
		size_t		a = 0,
					b;
		TwSummary	sm;
		double		avg;
		int			ok;

		if (fac->meters[i].role != role || fac->meters[i].counter || s->want != PW_SERIES)
			continue;
		while (a < s->n && s->pts[a].ts < rd->from)
			a++;
		b = a;
		while (b < s->n && s->pts[b].ts < rd->to)
			b++;
		if (b == a)
			continue;
		if (tw_summarize_sorted(s->pts + a, b - a, TW_LINEAR, 0, &sm) != TW_OK)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("time_weight average of meter \"%s\" is out of range", fac->meters[i].meter_id)));
		avg = tw_summary_average(&sm, &ok);
		if (!ok)
			continue;
		sum += avg;
		n++;
	}
	return n > 0 ? sum / n : NAN;
}

/* The meters analyze reads: the roles it uses as series, the others as rows */
static void
ReportWants(const PlantFacility *fac, PlantWant *want)
{
	int			i;

	PlantBalanceWants(fac, want);
	for (i = 0; i < fac->nmeters; i++)
	{
		const PlantMeter *m = &fac->meters[i];

		if (m->role == PR_BLOWDOWN && !m->counter)
			want[i] = PW_SERIES;	/* heat (a loss row) or kg/h (recovery) */
		else if (want[i] == PW_SKIP)
			want[i] = PW_ROWS;		/* quality counts and the digest */
	}
}

/* The whole report of the read as JSON text */
static void
ReportJson(StringInfo b, const PlantRead *rd, const PlantBalance *bal, Jsonb *expected)
{
	const PlantFacility *fac = rd->fac;
	double		period_s = (double) (rd->to - rd->from) / USECS_PER_SEC;
	double		fuel = 0,
				elec = 0,
				useful = 0,
				bd_sum = 0,
				err;
	int64		rows = 0,
				usable = 0;
	int			i,
				bd_n = 0;
	bool		f = true,
				g,
				h,
				first_gap = true;
	const char *klass;
	PlantMeterQuality *q = palloc(sizeof(PlantMeterQuality) * (fac->nmeters + 1));

	for (i = 0; i < bal->n; i++)
	{
		const PlantStream *r = &bal->rows[i];

		if (r->category == PC_INPUT && r->electric)
			elec += r->kwh;
		else if (r->category == PC_INPUT && !PlantIsLatentInputRow(r))
			fuel += r->kwh;
		else if (r->category == PC_OUTPUT)
			useful += r->kwh;
	}
	for (i = 0; i < fac->nmeters; i++)
	{
		PlantMeterQualityOf(rd, i, ExpectedSeconds(expected, fac->meters[i].meter_id), &q[i]);
		if (PlantIsEnergyMeter(&fac->meters[i]))
		{
			rows += q[i].n;
			usable += q[i].valid;
		}
	}

	appendStringInfoChar(b, '{');
	KSTR(b, &f, "facility_id", fac->facility_id);
	KINT(b, &f, "rows_read", rd->rows_read);

	/* energies on the common coverage, as one bucket of efficiency_series */
	JKey(b, "energy", &f);
	g = true;
	appendStringInfoChar(b, '{');
	KNUM(b, &g, "fuel_input_kwh", fuel);
	KNUM(b, &g, "electric_input_kwh", elec);
	KNUM(b, &g, "useful_output_kwh", useful);
	KNUM(b, &g, "coverage_pct", bal->energy_meters > 0 ?
		 100.0 * (double) bal->covered / (double) (rd->to - rd->from) : NAN);
	KNUM(b, &g, "covered_hours", (double) bal->covered / USECS_PER_HOUR);
	KNUM(b, &g, "quality_pct", rows > 0 ? 100.0 * (double) usable / (double) rows : NAN);
	JKey(b, "gap_meters", &g);
	appendStringInfoChar(b, '[');
	h = true;
	for (i = 0; i < fac->nmeters; i++)
		if (!isnan(q[i].uncovered_s) && q[i].uncovered_s > 0)
		{
			if (!h)
				appendStringInfoChar(b, ',');
			h = false;
			escape_json(b, fac->meters[i].meter_id);
		}
	appendStringInfoChar(b, ']');
	JKey(b, "meters", &g);
	appendStringInfoChar(b, '[');
	h = true;
	for (i = 0; i < fac->nmeters; i++)
	{
		const PlantMeter *m = &fac->meters[i];
		bool		k = true;

		if (!PlantIsEnergyMeter(m))
			continue;
		if (!h)
			appendStringInfoChar(b, ',');
		h = false;
		appendStringInfoChar(b, '{');
		KSTR(b, &k, "meter_id", m->meter_id);
		KSTR(b, &k, "role", m->role_name);
		KSTR(b, &k, "fuel_id", m->fuel_id);
		KSTR(b, &k, "basis", m->basis);
		KNUM(b, &k, "energy_kwh", bal->meter_kwh[i]);
		appendStringInfoChar(b, '}');
	}
	appendStringInfoString(b, "]}");

	/* the heat balance rows and the closure */
	JKey(b, "heat_balance", &f);
	appendStringInfoChar(b, '[');
	for (i = 0; i < bal->n; i++)
	{
		bool		k = true;

		if (i > 0)
			appendStringInfoChar(b, ',');
		appendStringInfoChar(b, '{');
		KSTR(b, &k, "category", PlantCategoryName(bal->rows[i].category));
		KSTR(b, &k, "stream", bal->rows[i].stream);
		KNUM(b, &k, "energy_kwh", bal->rows[i].kwh);
		KNUM(b, &k, "share_pct", bal->input_kwh != 0 ? 100.0 * bal->rows[i].kwh / bal->input_kwh : NAN);
		appendStringInfoChar(b, '}');
	}
	appendStringInfoChar(b, ']');
	JKey(b, "closure", &f);
	g = true;
	appendStringInfoChar(b, '{');
	KNUM(b, &g, "input_kwh", bal->input_kwh);
	KNUM(b, &g, "output_kwh", bal->output_kwh);
	KNUM(b, &g, "loss_kwh", bal->loss_kwh);
	KNUM(b, &g, "unaccounted_kwh", bal->unaccounted_kwh);
	if (PlantClosure(bal, &err, &klass))
	{
		KNUM(b, &g, "closure_error_pct", err);
		KSTR(b, &g, "closure_class", klass);
	}
	else
	{
		KNUM(b, &g, "closure_error_pct", NAN);
		KSTR(b, &g, "closure_class", NULL);
	}
	appendStringInfoChar(b, '}');

	/* combustion conditions, weighted by fuel power as heat_balance uses them */
	for (i = 0; i < fac->nmeters; i++)
		if (fac->meters[i].role == PR_BLOWDOWN && rd->series[i].want == PW_SERIES &&
			rd->series[i].flow_kg_h)
		{
			double		mean = SeriesMean(rd, i);

			if (!isnan(mean))
			{
				bd_sum += mean;
				bd_n++;
			}
		}
	JKey(b, "conditions", &f);
	g = true;
	appendStringInfoChar(b, '{');
	KNUM(b, &g, "flue_gas_temperature_c", bal->flue_gas_temp_c);
	KNUM(b, &g, "flue_gas_o2_pct", bal->o2_dry_pct);
	KNUM(b, &g, "combustion_air_temperature_c", bal->air_temp_c);
	KNUM(b, &g, "flue_gas_co_ppm", bal->co_ppm);
	KNUM(b, &g, "blowdown_kg_h", bd_n > 0 ? bd_sum / bd_n : NAN);
	KNUM(b, &g, "steam_pressure_mpa", RoleTimeMean(rd, PR_STEAM_PRESSURE));
	KNUM(b, &g, "ambient_humidity_pct", RoleTimeMean(rd, PR_AMBIENT_HUMIDITY));
	KSTR(b, &g, "weighting", "fuel power over the common coverage (as heat_balance)");
	appendStringInfoChar(b, '}');

	/*
	 * useful outputs as output_streams() gives them: heat, and exergy when
	 * metered as a mass flow (IF97 at every flow sample), on the common
	 * coverage
	 */
	JKey(b, "output_streams", &f);
	appendStringInfoChar(b, '[');
	{
		size_t		nc;
		int			ne;
		PwSpan	   *common = PlantCommonSpans(rd, rd->from, rd->to, &nc, &ne);

		h = true;
		for (i = 0; i < fac->nmeters; i++)
		{
			const PlantSeries *s = &rd->series[i];
			bool		k = true;
			double		heat,
						exergy;

			if (fac->meters[i].role != PR_HEAT_OUTPUT || s->want != PW_SERIES)
				continue;
			heat = PlantOutputStreamKwh(rd, i, common, nc, &exergy);
			if (!h)
				appendStringInfoChar(b, ',');
			h = false;
			appendStringInfoChar(b, '{');
			KSTR(b, &k, "meter_id", fac->meters[i].meter_id);
			KSTR(b, &k, "role", fac->meters[i].role_name);
			KSTR(b, &k, "metered_as", s->from_flow ? "mass_flow" : "heat");
			KNUM(b, &k, "energy_kwh", heat);
			KNUM(b, &k, "exergy_kwh", exergy);
			appendStringInfoChar(b, '}');
		}
		if (common)
			pfree(common);
	}
	appendStringInfoChar(b, ']');

	/* data quality */
	JKey(b, "data_quality", &f);
	{
		double		compl_sum = 0,
					gap_s = 0;
		int64		compl_n = 0,
					n = 0,
					bad = 0,
					stale = 0,
					unc = 0,
					gaps = 0,
					nans = 0;

		for (i = 0; i < fac->nmeters; i++)
		{
			if (!isnan(q[i].completeness))
			{
				compl_sum += q[i].completeness;
				compl_n++;
			}
			n += q[i].n;
			bad += q[i].bad;
			stale += q[i].stale;
			unc += q[i].uncertain;
			nans += q[i].nans;
			gaps += q[i].gaps;
			gap_s += q[i].gap_s;
		}
		g = true;
		appendStringInfoChar(b, '{');
		KNUM(b, &g, "completeness_pct", compl_n > 0 ? compl_sum / compl_n : NAN);
		KNUM(b, &g, "bad_pct", n > 0 ? 100.0 * bad / n : NAN);
		KNUM(b, &g, "stale_pct", n > 0 ? 100.0 * stale / n : NAN);
		KNUM(b, &g, "uncertain_pct", n > 0 ? 100.0 * unc / n : NAN);
		if (fac->nmeters > 0)
		{
			KINT(b, &g, "gap_count", gaps);
			KNUM(b, &g, "gap_seconds", gap_s);
			KINT(b, &g, "samples", n);
		}
		else
		{
			KNUM(b, &g, "gap_count", NAN);
			KNUM(b, &g, "gap_seconds", NAN);
			KNUM(b, &g, "samples", NAN);
		}
		KINT(b, &g, "non_finite_values", nans);
		KNUM(b, &g, "common_coverage_pct", bal->energy_meters > 0 ?
			 100.0 * (double) bal->covered / (double) (rd->to - rd->from) : NAN);
		/* the energy meters that miss time, and how many hours */
		JKey(b, "gap_meters", &g);
		appendStringInfoChar(b, '[');
		for (i = 0; i < fac->nmeters; i++)
			if (!isnan(q[i].uncovered_s) && q[i].uncovered_s > 0)
			{
				bool		k = true;

				if (!first_gap)
					appendStringInfoChar(b, ',');
				first_gap = false;
				appendStringInfoChar(b, '{');
				KSTR(b, &k, "meter_id", fac->meters[i].meter_id);
				KSTR(b, &k, "role", fac->meters[i].role_name);
				KNUM(b, &k, "uncovered_hours", q[i].uncovered_s / 3600.0);
				KNUM(b, &k, "uncovered_pct", 100.0 * q[i].uncovered_s / period_s);
				appendStringInfoChar(b, '}');
			}
		appendStringInfoChar(b, ']');
		JKey(b, "meters", &g);
		if (fac->nmeters == 0)
			appendStringInfoString(b, "null");
		else
		{
			appendStringInfoChar(b, '[');
			for (i = 0; i < fac->nmeters; i++)
			{
				const PlantMeterQuality *x = &q[i];
				bool		k = true;

				if (i > 0)
					appendStringInfoChar(b, ',');
				appendStringInfoChar(b, '{');
				KSTR(b, &k, "meter_id", fac->meters[i].meter_id);
				KSTR(b, &k, "role", fac->meters[i].role_name);
				KINT(b, &k, "samples", x->n);
				KINT(b, &k, "valid_samples", x->valid);
				KINT(b, &k, "uncertain", x->uncertain);
				KINT(b, &k, "bad", x->bad);
				KINT(b, &k, "stale", x->stale);
				KINT(b, &k, "null_values", x->nulls);
				KINT(b, &k, "non_finite_values", x->nans);
				KNUM(b, &k, "expected_interval_s", x->exp_s);
				KSTR(b, &k, "expected_interval_source", x->exp_src);
				KNUM(b, &k, "expected_samples", x->exp_s > 0 ? period_s / x->exp_s : NAN);
				KNUM(b, &k, "completeness_pct", x->completeness);
				KNUM(b, &k, "bad_pct", x->n > 0 ? 100.0 * x->bad / x->n : NAN);
				KNUM(b, &k, "stale_pct", x->n > 0 ? 100.0 * x->stale / x->n : NAN);
				KINT(b, &k, "gap_count", x->gaps);
				KNUM(b, &k, "gap_seconds", x->gap_s);
				KNUM(b, &k, "uncovered_hours", x->uncovered_s / 3600.0);
				appendStringInfoChar(b, '}');
			}
			appendStringInfoChar(b, ']');
		}
		appendStringInfoChar(b, '}');
	}

	KSTR(b, &f, "readings_digest", PlantReadingsDigest(rd));
	appendStringInfoChar(b, '}');
	pfree(q);
}

/*
 * analyze_read(p_facility, p_from, p_to, p_expected_s jsonb, p_readings):
 * p_expected_s is NULL, a number of seconds for every meter, or
 * {meter_id: seconds}.
 */
Datum
analyze_read(PG_FUNCTION_ARGS)
{
	char	   *facility;
	TimestampTz from,
				to;
	Jsonb	   *expected = PG_ARGISNULL(3) ? NULL : PG_GETARG_JSONB_P(3);
	Oid			readings;
	PlantFacility *fac;
	PlantWant  *want;
	PlantRead  *rd;
	PlantBalance bal;
	StringInfoData b;
	MemoryContext outer = CurrentMemoryContext;
	Datum		result;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(4))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("p_facility, p_from, p_to and p_readings must not be NULL")));
	facility = text_to_cstring(PG_GETARG_TEXT_PP(0));
	from = PG_GETARG_TIMESTAMPTZ(1);
	to = PG_GETARG_TIMESTAMPTZ(2);
	readings = PG_GETARG_OID(4);
	PlantCheckRange(from, to);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	fac = PlantLoadFacility(facility);
	PlantCheckBases(fac);
	want = palloc0(sizeof(PlantWant) * (fac->nmeters + 1));
	ReportWants(fac, want);
	rd = PlantReadFacility(readings, fac, want, from, to);
	PlantBalanceFromRead(rd, from, to, &bal);
	initStringInfo(&b);
	ReportJson(&b, rd, &bal, expected);
	{
		MemoryContext old = MemoryContextSwitchTo(outer);

		result = DirectFunctionCall1(jsonb_in, CStringGetDatum(b.data));
		MemoryContextSwitchTo(old);
	}
	SPI_finish();
	PG_RETURN_DATUM(result);
}

/*
 * provenance_readings_digest(p_facility, p_from, p_to, p_readings): the
 * readings digest of the provenance hash from the same read as
 * analyze_read (an unknown facility has no rows: the digest of nothing).
 */
Datum
provenance_readings_digest(PG_FUNCTION_ARGS)
{
	char	   *facility = text_to_cstring(PG_GETARG_TEXT_PP(0));
	TimestampTz from = PG_GETARG_TIMESTAMPTZ(1);
	TimestampTz to = PG_GETARG_TIMESTAMPTZ(2);
	Oid			readings = PG_GETARG_OID(3);
	PlantFacility *fac;
	PlantWant  *want;
	PlantRead  *rd;
	char	   *hex;
	text	   *result;
	MemoryContext outer = CurrentMemoryContext;
	int			i;

	PlantCheckRange(from, to);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	fac = PlantLoadFacilityExt(facility, true);
	want = palloc0(sizeof(PlantWant) * (fac->nmeters + 1));
	for (i = 0; i < fac->nmeters; i++)
		want[i] = PW_ROWS;
	rd = PlantReadFacility(readings, fac, want, from, to);
	hex = PlantReadingsDigest(rd);
	{
		MemoryContext old = MemoryContextSwitchTo(outer);

		result = cstring_to_text(hex);
		MemoryContextSwitchTo(old);
	}
	SPI_finish();
	PG_RETURN_TEXT_P(result);
}
