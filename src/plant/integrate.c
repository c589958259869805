/*
 * integrate.c
 *		From a meter's cleaned series to energies: counter readings become
 *		steps, each meter's covered spans, the spans that every energy meter
 *		covers (common coverage), integrals over spans and means weighted by
 *		fuel power. The maths is src/math/piecewise.c; this file applies the
 *		plant's rules (API.md section 5):
 *
 *   - a counter's consumption between two good reads is measured whatever
 *     the interval and spread linearly over it; so a counter covers every
 *     interval between two good reads (no max_gap);
 *   - a rate meter covers the segments between samples no longer than its
 *     max_gap;
 *   - every energy meter (fuel, electric, useful output) is integrated over
 *     the time that all of them cover, so that inputs and outputs describe
 *     the same time.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"
#include "utils/timestamp.h"

#include "math/meter.h"
#include "plant/readings.h"

/*
 * Counter readings (kWh, or kg/m3 of fuel already turned into kWh) -> step
 * series of the mean rate per interval (kW), by meter_step(), as in
 * thermaliq.meter_agg: a drop within meter_settings.stepback_tolerance
 * (default 1 % of the register) is a step-back (no consumption, the
 * register keeps its highest reading), a larger drop a reset (the new
 * reading counts from 0) unless meter_settings gives a rollover, and a step
 * faster than meter_settings.max_rate is rejected (the interval carries
 * nothing). The meter's rollover and max_rate are in its registry unit:
 * they go through the same conversion as a reading in that unit.
 */
void
PlantCounterSteps(PlantSeries *s, const PlantMeter *m)
{
	MeterParams mp;
	MeterCounts counts = {0, 0, 0, 0};
	double		reg;
	size_t		i;

	if (s->n == 0)
		return;
	meter_params_default(&mp);
	mp.stepback = m->stepback_tolerance;
	if (m->has_rollover || m->has_max_rate)
	{
		PlantUnitConv conv;
		double		scale;

		PlantResolveUnit(m, m->unit, &conv, NULL);
		scale = tq_unit_convert(1.0, conv.from, conv.to) * conv.mult;
		mp.has_rollover = m->has_rollover;
		mp.rollover = m->rollover * scale;
		mp.has_max_rate = m->has_max_rate;
		mp.max_rate = m->max_rate * scale;
	}
	reg = s->pts[0].val;
	for (i = 0; i + 1 < s->n; i++)
	{
		double		hours = (double) (s->pts[i + 1].ts - s->pts[i].ts) / USECS_PER_HOUR;
		double		step;

		if ((i & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		step = meter_step(&mp, &reg, &s->pts[i], &s->pts[i + 1], &counts, NULL);
		s->pts[i].val = step / hours;
	}
	s->pts[s->n - 1].val = 0.0;
}

/* Covered spans of meter i inside [a, b) */
PwSpan *
PlantCoveredSpans(const PlantRead *rd, int i, TimestampTz a, TimestampTz b, size_t *n)
{
	const PlantSeries *s = &rd->series[i];
	PwSpan	   *out = palloc(sizeof(PwSpan) * (s->n + 1));

	*n = pw_covered_spans(s->pts, s->n, s->gap, a, b, out);
	return out;
}

/* Spans of [a, b) covered by every energy meter */
PwSpan *
PlantCommonSpans(const PlantRead *rd, TimestampTz a, TimestampTz b, size_t *n,
				 int *nmeters)
{
	const PlantFacility *fac = rd->fac;
	PwSpan	   *common = NULL;
	size_t		nc = 0;
	int			i;

	*nmeters = 0;
	for (i = 0; i < fac->nmeters; i++)
	{
		size_t		ns;
		PwSpan	   *s;

		if (!PlantIsEnergyMeter(&fac->meters[i]) || rd->series[i].want != PW_SERIES)
			continue;
		s = PlantCoveredSpans(rd, i, a, b, &ns);
		if (*nmeters == 0)
		{
			common = s;
			nc = ns;
		}
		else
		{
			PwSpan	   *x = palloc(sizeof(PwSpan) * (nc + ns + 1));

			nc = pw_intersect(common, nc, s, ns, x);
			pfree(common);
			pfree(s);
			common = x;
		}
		(*nmeters)++;
	}
	*n = nc;
	return common;
}

/* Integral of meter i over the spans inside [a, b), value x hours */
double
PlantIntegrateOn(const PlantRead *rd, int i, const PwSpan *s, size_t ns,
				 TimestampTz a, TimestampTz b, size_t *hint)
{
	const PlantSeries *se = &rd->series[i];
	double		v = pw_integral_on_spans(se->pts, se->n, se->method, s, ns, a, b, hint) / 3600.0;

	if (!isfinite(v))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("integral of meter \"%s\" is out of range", rd->fac->meters[i].meter_id),
				 errdetail("The readings integrate to more than the float8 range of about 1.8e308.")));
	return v;
}

/* Mean of the meters of a role weighted by fuel meter f's power over the spans */
double
PlantWeightedMean(const PlantRead *rd, PlantRole role, int f, const PwSpan *s,
				  size_t ns, bool *metered, double *num, double *den)
{
	const PlantFacility *fac = rd->fac;
	const PlantSeries *w = &rd->series[f];
	double		n = 0.0,
				d = 0.0;
	int			i;
	size_t		k;

	*metered = false;
	for (i = 0; i < fac->nmeters; i++)
	{
		const PlantSeries *x = &rd->series[i];

		if (fac->meters[i].role != role || x->want != PW_SERIES)
			continue;
		*metered = true;
		for (k = 0; k < ns; k++)
		{
			/* the flue-gas weighting walks every sample of both series */
			CHECK_FOR_INTERRUPTS();
			pw_weighted_add(x->pts, x->n, x->method, x->gap, w->pts, w->n, w->method,
							w->gap, s[k].a, s[k].b, &n, &d);
		}
	}
	*num += n;
	*den += d;
	if (!(d > 0))
		return NAN;
	return n / d;
}
