-- The composable parts of analyze(), each tested on its own.
-- Functions only (CREATE OR REPLACE): the update scripts re-run this piece.

-- ---------------------------------------------------------------------
-- Small composable pieces (each tested on its own)
-- ---------------------------------------------------------------------

-- benchmark_percentile: linear interpolation of an efficiency between the
-- benchmark rows of a process type's group for any fuel, non-condensing
-- (1.1: the group form is in 48_benchmark_groups.sql).
CREATE OR REPLACE FUNCTION thermaliq.benchmark_percentile(p_process_type text, p_efficiency_pct float8)
RETURNS float8
LANGUAGE sql
STABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT thermaliq.benchmark_percentile(p_process_type, 'any', false, p_efficiency_pct)
$$;
COMMENT ON FUNCTION thermaliq.benchmark_percentile(text, float8) IS
'Percentile of an efficiency within thermaliq.benchmarks for a process type, in its group for any fuel, non-condensing (fuel_class ''any'', condensing false): linear between adjacent rows (ordered by percentile), clamped to the lowest/highest row; NULL when there are no such rows';

-- efficiency_uncertainty: GUM first-order propagation for eta = U/(F+E).
CREATE OR REPLACE FUNCTION thermaliq.efficiency_uncertainty(
	p_useful float8, p_u_rel_useful float8,
	p_fuel float8, p_u_rel_fuel float8,
	p_electric float8, p_u_rel_electric float8)
RETURNS float8
LANGUAGE sql
IMMUTABLE
STRICT
PARALLEL SAFE
AS $$
SELECT CASE WHEN p_useful > 0 AND p_fuel + p_electric > 0 THEN
	sqrt(p_u_rel_useful ^ 2
	     + (p_fuel * p_u_rel_fuel) ^ 2 / (p_fuel + p_electric) ^ 2
	     + (p_electric * p_u_rel_electric) ^ 2 / (p_fuel + p_electric) ^ 2)
END
$$;
COMMENT ON FUNCTION thermaliq.efficiency_uncertainty(float8, float8, float8, float8, float8, float8) IS
'Relative standard uncertainty of eta = U/(F+E) (GUM, uncorrelated): sqrt(u_rel(U)^2 + (F u_rel(F))^2/(F+E)^2 + (E u_rel(E))^2/(F+E)^2); relative uncertainties as fractions';

-- analyze_opportunity: one improvement opportunity as JSON, savings by
-- savings_kwh = input x (1 - current/target).
CREATE OR REPLACE FUNCTION thermaliq.analyze_opportunity(
	p_name text, p_current_pct float8, p_target_pct float8,
	p_input_kwh float8, p_hours float8, p_price float8, p_capex float8,
	p_fuel text, p_basis text, p_detail jsonb)
RETURNS jsonb
LANGUAGE plpgsql
STABLE
CALLED ON NULL INPUT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_savings float8;
	v_cost float8;
	v_annual float8;
BEGIN
	IF p_target_pct IS NULL OR p_current_pct IS NULL OR p_target_pct <= p_current_pct OR p_input_kwh IS NULL THEN
		RETURN jsonb_build_object('name', p_name, 'applicable', false,
			'current_efficiency_pct', p_current_pct, 'target_efficiency_pct', p_target_pct,
			'savings_kwh', 0, 'cost_savings', 0, 'annual_cost_savings', 0,
			'capex', p_capex, 'payback_years', NULL, 'co2_savings_kg', 0) || coalesce(p_detail, '{}');
	END IF;
	v_savings := p_input_kwh * (1 - p_current_pct / p_target_pct);
	v_cost := v_savings * p_price;
	v_annual := v_cost * 8766 / p_hours;
	RETURN jsonb_build_object('name', p_name, 'applicable', true,
		'current_efficiency_pct', p_current_pct, 'target_efficiency_pct', p_target_pct,
		'savings_kwh', v_savings, 'cost_savings', v_cost, 'annual_cost_savings', v_annual,
		'capex', p_capex,
		'payback_years', CASE WHEN v_annual > 0 THEN p_capex / v_annual END,
		'co2_savings_kg', CASE WHEN p_fuel IS NOT NULL THEN thermaliq.co2_kg(p_fuel, v_savings, p_basis) END)
		|| coalesce(p_detail, '{}');
END
$$;
COMMENT ON FUNCTION thermaliq.analyze_opportunity(text, float8, float8, float8, float8, float8, float8, text, text, jsonb) IS
'One improvement opportunity: savings_kwh = input_kwh x (1 - current/target), cost_savings = savings_kwh x price, annual_cost_savings scaled to 8766 h, payback_years = capex / annual_cost_savings, co2_savings_kg = co2_kg(fuel, savings_kwh, basis); not applicable (zeros) unless target > current';

-- analyze_mean: time-weighted mean of a facility's rate meters of one role
-- in [p_from, p_to] (good and uncertain samples), in p_unit.
CREATE OR REPLACE FUNCTION thermaliq.analyze_mean(p_facility text, p_role text, p_unit text,
	p_from timestamptz, p_to timestamptz, p_readings regclass)
RETURNS float8
LANGUAGE plpgsql
STABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_mean float8;
BEGIN
	EXECUTE format($q$
		SELECT avg(a) FROM (
			SELECT thermaliq.average(thermaliq.time_weight(r."timestamp",
				CASE WHEN m.unit = $4 THEN r.value ELSE thermaliq.convert(r.value, m.unit, $4) END)) AS a
			FROM thermaliq.meters m
			JOIN %s r ON r.facility_id = m.facility_id AND r.meter_id = m.meter_id
			WHERE m.facility_id = $1 AND m.role = $5 AND m.kind = 'rate'
			  AND r."timestamp" >= $2 AND r."timestamp" <= $3
			  AND r.value IS NOT NULL AND r.quality < 2
			GROUP BY m.meter_id) s$q$, p_readings)
	INTO v_mean USING p_facility, p_from, p_to, p_unit, p_role;
	RETURN v_mean;
END
$$;
COMMENT ON FUNCTION thermaliq.analyze_mean(text, text, text, timestamptz, timestamptz, regclass) IS
'Time-weighted mean (thermaliq.average of time_weight, linear) of the rate meters of one role over [p_from, p_to], converted to p_unit, quality 0/1 only; mean over meters when several; NULL without samples';

-- analyze_data_quality: completeness, bad/stale shares and gaps per meter.
CREATE OR REPLACE FUNCTION thermaliq.analyze_data_quality(p_facility text, p_from timestamptz,
	p_to timestamptz, p_expected jsonb, p_readings regclass)
RETURNS jsonb
LANGUAGE plpgsql
STABLE
CALLED ON NULL INPUT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_result jsonb;
BEGIN
	EXECUTE format($q$
	WITH m AS (
		SELECT meter_id, role,
			extract(epoch FROM CASE
				WHEN jsonb_typeof($4) = 'string' THEN ($4 #>> '{}')::interval
				WHEN jsonb_typeof($4) = 'object' THEN ($4 ->> meter_id)::interval END)::float8 AS opt_s
		FROM thermaliq.meters WHERE facility_id = $1),
	r AS (
		SELECT r.meter_id, r."timestamp" AS ts, r.value, r.quality
		FROM %s r
		WHERE r.facility_id = $1 AND r."timestamp" >= $2 AND r."timestamp" < $3
		  AND r.meter_id IN (SELECT meter_id FROM m)),
	t AS (SELECT DISTINCT meter_id, ts FROM r),
	d AS (
		SELECT meter_id, extract(epoch FROM ts - lag(ts) OVER w)::float8 AS dt, false AS edge
		FROM t WINDOW w AS (PARTITION BY meter_id ORDER BY ts)),
	e AS (
		SELECT meter_id, extract(epoch FROM min(ts) - $2)::float8 AS first_s,
			extract(epoch FROM $3 - max(ts))::float8 AS last_s
		FROM t GROUP BY meter_id),
	med AS (
		SELECT meter_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY dt) AS median_s
		FROM d WHERE dt IS NOT NULL GROUP BY meter_id),
	c AS (
		SELECT meter_id, count(*) AS n,
			count(*) FILTER (WHERE value IS NOT NULL AND quality < 2) AS valid,
			count(*) FILTER (WHERE quality = 1) AS uncertain,
			count(*) FILTER (WHERE quality = 2) AS bad,
			count(*) FILTER (WHERE quality = 3) AS stale,
			count(*) FILTER (WHERE value IS NULL) AS null_values
		FROM r GROUP BY meter_id),
	x AS (
		SELECT m.meter_id, m.role, coalesce(c.n, 0) AS n, coalesce(c.valid, 0) AS valid,
			coalesce(c.uncertain, 0) AS uncertain, coalesce(c.bad, 0) AS bad,
			coalesce(c.stale, 0) AS stale, coalesce(c.null_values, 0) AS null_values,
			coalesce(m.opt_s, med.median_s) AS exp_s,
			CASE WHEN m.opt_s IS NOT NULL THEN 'option' WHEN med.median_s IS NOT NULL THEN 'median' END AS exp_src,
			e.first_s, e.last_s
		FROM m LEFT JOIN c USING (meter_id) LEFT JOIN med USING (meter_id) LEFT JOIN e USING (meter_id)),
	g AS (
		SELECT x.meter_id, count(*) AS gaps, sum(iv) AS gap_s
		FROM x CROSS JOIN LATERAL (
			SELECT dt AS iv FROM d WHERE d.meter_id = x.meter_id AND d.dt IS NOT NULL
			UNION ALL SELECT x.first_s UNION ALL SELECT x.last_s
			UNION ALL SELECT $5 WHERE x.n = 0) ivs
		WHERE ivs.iv > 2 * x.exp_s OR (x.n = 0 AND ivs.iv IS NOT NULL)
		GROUP BY x.meter_id),
	per AS (
		SELECT x.*, coalesce(g.gaps, 0) AS gaps, coalesce(g.gap_s, 0) AS gap_s,
			CASE WHEN x.n = 0 THEN 0
			     WHEN x.exp_s > 0 THEN least(100, 100 * x.valid * x.exp_s / $5) END AS completeness
		FROM x LEFT JOIN g USING (meter_id))
	SELECT jsonb_build_object(
		'completeness_pct', avg(completeness)::float8,
		'bad_pct', CASE WHEN sum(n) > 0 THEN (100 * sum(bad) / sum(n))::float8 END,
		'stale_pct', CASE WHEN sum(n) > 0 THEN (100 * sum(stale) / sum(n))::float8 END,
		'uncertain_pct', CASE WHEN sum(n) > 0 THEN (100 * sum(uncertain) / sum(n))::float8 END,
		'gap_count', sum(gaps)::bigint,
		'gap_seconds', sum(gap_s)::float8,
		'samples', sum(n)::bigint,
		'meters', jsonb_agg(jsonb_build_object(
			'meter_id', meter_id, 'role', role, 'samples', n, 'valid_samples', valid,
			'uncertain', uncertain, 'bad', bad, 'stale', stale, 'null_values', null_values,
			'expected_interval_s', exp_s, 'expected_interval_source', exp_src,
			'expected_samples', CASE WHEN exp_s > 0 THEN $5 / exp_s END,
			'completeness_pct', completeness,
			'bad_pct', CASE WHEN n > 0 THEN 100 * bad::float8 / n END,
			'stale_pct', CASE WHEN n > 0 THEN 100 * stale::float8 / n END,
			'gap_count', gaps, 'gap_seconds', gap_s) ORDER BY meter_id COLLATE "C"))
	FROM per$q$, p_readings)
	INTO v_result
	USING p_facility, p_from, p_to, coalesce(p_expected, 'null'::jsonb),
		extract(epoch FROM p_to - p_from)::float8;
	RETURN v_result;
END
$$;
COMMENT ON FUNCTION thermaliq.analyze_data_quality(text, timestamptz, timestamptz, jsonb, regclass) IS
'Data quality of a facility''s meters over [p_from, p_to): per meter samples, valid (value and quality 0/1), uncertain/bad/stale/NULL counts, expected interval (option, else median sample interval), completeness_pct = min(100, 100 x valid x expected / period), gaps = intervals (edges of the period included) longer than 2 x expected; overall completeness is the mean over meters';
