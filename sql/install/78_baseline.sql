-- Energy baselines and savings (API.md section 9; ASHRAE Guideline 14,
-- ISO 50006, IPMVP Option C): the per-bucket data (baseline_buckets), the
-- baseline model of a facility (baseline), the savings of a reporting
-- period against it (savings, with CUSUM) and their summary with the
-- fractional savings uncertainty and the EnPIs (savings_summary).
-- Function-only piece (CREATE OR REPLACE), re-run by the 1.0--1.1 update
-- (sql/upgrade/1.0--1.1/77_baseline.use).

CREATE OR REPLACE FUNCTION thermaliq.baseline_buckets(
	p_facility text,
	p_from timestamptz,
	p_to timestamptz,
	p_bucket interval DEFAULT '1 day',
	p_driver text DEFAULT 'useful_output',
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass) -- cast at call time
RETURNS TABLE(bucket_start timestamptz, bucket_end timestamptz, coverage_pct float8,
	fuel_kwh float8, useful_output_kwh float8, driver float8, used boolean, excluded_because text)
LANGUAGE plpgsql STABLE STRICT PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_kind text;
	v_base float8;
	v_meter text;
	v_step float8;		-- seconds of a degree-day sub-bucket
	v_min_coverage constant float8 := 90;
BEGIN
	IF p_driver = 'useful_output' THEN
		v_kind := 'useful_output';
	ELSIF p_driver ~ '^(hdd|cdd):[-+]?[0-9]+(\.[0-9]+)?$' THEN
		v_kind := split_part(p_driver, ':', 1);
		v_base := split_part(p_driver, ':', 2)::float8;
		SELECT m.meter_id INTO v_meter FROM thermaliq.meters m
		WHERE m.facility_id = p_facility AND m.role = 'ambient_temperature'
		ORDER BY m.meter_id LIMIT 1;
		IF v_meter IS NULL THEN
			RAISE EXCEPTION 'facility "%" has no ambient_temperature meter', p_facility
				USING ERRCODE = 'invalid_parameter_value',
				HINT = 'Degree-day drivers need a meter with role ambient_temperature; use p_driver => ''useful_output'' otherwise.';
		END IF;
	ELSE
		RAISE EXCEPTION 'unknown baseline driver "%"', p_driver
			USING ERRCODE = 'invalid_parameter_value',
			HINT = 'Drivers are useful_output, hdd:<base degC> and cdd:<base degC>, e.g. hdd:15.5.';
	END IF;
	PERFORM thermaliq.check_readings_table(p_readings);

	IF v_kind = 'useful_output' THEN
		RETURN QUERY
		SELECT e.bucket_start, coalesce(lead(e.bucket_start) OVER w, p_to), e.coverage_pct,
			s.fuel, s.useful, s.useful,
			s.fuel IS NOT NULL AND e.coverage_pct >= v_min_coverage,
			CASE WHEN e.coverage_pct IS NULL OR e.coverage_pct < v_min_coverage THEN 'coverage' END
		FROM thermaliq.efficiency_series(p_facility, p_from, p_to, p_bucket, p_readings) e,
			LATERAL (SELECT e.fuel_input_kwh * 100 / nullif(e.coverage_pct, 0) AS fuel,
				e.useful_output_kwh * 100 / nullif(e.coverage_pct, 0) AS useful) s
		WINDOW w AS (ORDER BY e.bucket_start)
		ORDER BY 1;
		RETURN;
	END IF;

	-- Degree-days: the time-weighted mean temperature of each 24 h from
	-- p_from (of each bucket when buckets are shorter), degree-days =
	-- max(base - T, 0) (hdd) or max(T - base, 0) (cdd) times its length in
	-- days, summed per bucket; a sub-bucket without a mean leaves its bucket
	-- without a driver.
	v_step := least(extract(epoch FROM p_bucket), 86400);
	RETURN QUERY EXECUTE format($q$
	WITH e AS (
		SELECT e.bucket_start, coalesce(lead(e.bucket_start) OVER (ORDER BY e.bucket_start), $3) AS bucket_end,
			e.coverage_pct, e.fuel_input_kwh * 100 / nullif(e.coverage_pct, 0) AS fuel,
			e.useful_output_kwh * 100 / nullif(e.coverage_pct, 0) AS useful
		FROM thermaliq.efficiency_series($1, $2, $3, $4, $5) e
	),
	t AS (
		SELECT floor(extract(epoch FROM r."timestamp" - $2) / $6)::bigint AS j,
			thermaliq.average(thermaliq.time_weight(r."timestamp", thermaliq.convert(r.value, r.unit, 'degC')
				ORDER BY r."timestamp")) AS temp_c
		FROM %s r
		WHERE r.facility_id = $1 AND r.meter_id = $7
		  AND r."timestamp" >= $2 AND r."timestamp" < $3
		  AND r.quality <= 1 AND r.value IS NOT NULL AND r.value <> 'NaN'
		GROUP BY 1
	),
	sub AS (
		SELECT j, $2 + make_interval(secs => j * $6) AS s0,
			least($2 + make_interval(secs => (j + 1) * $6), $3) AS s1
		FROM generate_series(0, ceil(extract(epoch FROM $3 - $2) / $6)::bigint - 1) j
	),
	dd AS (
		SELECT e.bucket_start, count(*) AS subs, count(t.temp_c) AS with_temp,
			sum(CASE WHEN $8 = 'hdd' THEN greatest($9 - t.temp_c, 0) ELSE greatest(t.temp_c - $9, 0) END
				* extract(epoch FROM sub.s1 - sub.s0) / 86400) AS degree_days
		FROM e JOIN sub ON sub.s0 >= e.bucket_start AND sub.s0 < e.bucket_end
		LEFT JOIN t USING (j)
		GROUP BY 1
	)
	SELECT e.bucket_start, e.bucket_end, e.coverage_pct, e.fuel, e.useful,
		CASE WHEN dd.with_temp = dd.subs THEN dd.degree_days END,
		e.fuel IS NOT NULL AND e.coverage_pct >= $10 AND dd.with_temp = dd.subs,
		CASE WHEN e.coverage_pct IS NULL OR e.coverage_pct < $10 THEN 'coverage'
			WHEN dd.with_temp IS DISTINCT FROM dd.subs THEN 'temperature' END
	FROM e LEFT JOIN dd USING (bucket_start)
	ORDER BY 1
	$q$, p_readings)
	USING p_facility, p_from, p_to, p_bucket, p_readings, v_step, v_meter, v_kind, v_base, v_min_coverage;
END
$$;
COMMENT ON FUNCTION thermaliq.baseline_buckets(text, timestamptz, timestamptz, interval, text, regclass) IS
'The data of a baseline per bucket of efficiency_series: fuel_kwh and useful_output_kwh scaled from the commonly covered time to the whole bucket (x 100 / coverage_pct), the driver (useful_output kWh, or degree-days of hdd:<base degC> / cdd:<base degC> from the facility''s ambient_temperature meter: the time-weighted mean temperature of each 24 h from p_from, or of each shorter bucket, max(base - T, 0) or max(T - base, 0) times its length in days, summed per bucket), and whether the bucket is used: coverage_pct >= 90 and a driver (excluded_because says coverage or temperature otherwise)';

CREATE OR REPLACE FUNCTION thermaliq.baseline(
	p_facility text,
	p_from timestamptz,
	p_to timestamptz,
	p_bucket interval DEFAULT '1 day',
	p_driver text DEFAULT 'useful_output',
	p_model text DEFAULT 'auto',
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass) -- cast at call time
RETURNS jsonb
LANGUAGE plpgsql STABLE STRICT PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_fit jsonb;
	v_total int;
	v_used int;
	v_cov int;
	v_temp int;
	v_fuel float8;
	v_useful float8;
	v_rho float8;
	v_monthly boolean := p_bucket >= interval '28 days';
	v_cv_limit float8;
	v_nmbe_limit float8;
	v_meets boolean;
BEGIN
	IF NOT p_model = ANY (ARRAY['2p', '3ph', '3pc', '4p', '5p', 'auto']) THEN
		RAISE EXCEPTION 'unknown change-point model "%"', p_model
			USING ERRCODE = 'invalid_parameter_value', HINT = 'Models are 2p, 3ph, 3pc, 4p, 5p and auto.';
	END IF;
	WITH b AS MATERIALIZED (
		SELECT * FROM thermaliq.baseline_buckets(p_facility, p_from, p_to, p_bucket, p_driver, p_readings)
	), f AS (
		SELECT thermaliq.changepoint_fit(b.fuel_kwh, b.driver, p_model) FILTER (WHERE b.used) AS fit,
			count(*)::int AS total, count(*) FILTER (WHERE b.used)::int AS used,
			count(*) FILTER (WHERE b.excluded_because = 'coverage')::int AS cov,
			count(*) FILTER (WHERE b.excluded_because = 'temperature')::int AS temp,
			sum(b.fuel_kwh) FILTER (WHERE b.used) AS fuel,
			sum(b.useful_output_kwh) FILTER (WHERE b.used) AS useful
		FROM b
	), r AS (
		-- lag-1 autocorrelation of the residuals of consecutive used buckets
		SELECT sum(res * res_prev) / nullif(sum(res * res), 0) AS rho
		FROM (SELECT res, lag(res) OVER (ORDER BY bucket_start) AS res_prev
			FROM (SELECT b.bucket_start, b.fuel_kwh - thermaliq.changepoint_predict(f.fit, b.driver) AS res
				FROM b, f WHERE b.used AND f.fit IS NOT NULL) u) l
	)
	SELECT f.fit, f.total, f.used, f.cov, f.temp, f.fuel, f.useful, r.rho
	INTO v_fit, v_total, v_used, v_cov, v_temp, v_fuel, v_useful, v_rho
	FROM f, r;
	v_cv_limit := CASE WHEN v_monthly THEN 15 ELSE 30 END;
	v_nmbe_limit := CASE WHEN v_monthly THEN 5 ELSE 10 END;
	v_meets := coalesce((v_fit->>'cv_rmse_pct')::float8 <= v_cv_limit
		AND abs((v_fit->>'nmbe_pct')::float8) <= v_nmbe_limit, false);
	RETURN coalesce(v_fit, jsonb_build_object('model', NULL, 'requested_model', p_model))
		|| jsonb_build_object(
			'facility_id', p_facility,
			'period_from', p_from,
			'period_to', p_to,
			'bucket', p_bucket::text,
			'driver', p_driver,
			'buckets_total', v_total,
			'buckets_used', v_used,
			'buckets_excluded', v_total - v_used,
			'buckets_excluded_coverage', v_cov,
			'buckets_excluded_temperature', v_temp,
			'min_coverage_pct', 90,
			'fuel_kwh', v_fuel,
			'useful_output_kwh', v_useful,
			'enpi_kwh_per_kwh', v_fuel / nullif(v_useful, 0),
			'residual_autocorrelation', v_rho,
			'ashrae14', jsonb_build_object(
				'granularity', CASE WHEN v_monthly THEN 'monthly' ELSE 'daily_or_hourly' END,
				'cv_rmse_limit_pct', v_cv_limit,
				'nmbe_limit_pct', v_nmbe_limit,
				'meets', v_meets),
			'meets_ashrae14', v_meets,
			'readings', p_readings::text);
END
$$;
COMMENT ON FUNCTION thermaliq.baseline(text, timestamptz, timestamptz, interval, text, text, regclass) IS
'Energy baseline of a facility (ASHRAE Guideline 14, ISO 50006): changepoint_fit of fuel_kwh against the driver over the used buckets of baseline_buckets, plus facility_id, period_from, period_to, bucket, driver, buckets_total, buckets_used, buckets_excluded (_coverage, _temperature), min_coverage_pct, fuel_kwh and useful_output_kwh of the used buckets, enpi_kwh_per_kwh (fuel per useful output), residual_autocorrelation (lag 1, time order), ashrae14 (granularity monthly for buckets of 28 days or more: CV(RMSE) <= 15 % and |NMBE| <= 5 %; daily or hourly otherwise: 30 % and 10 %; meets) and meets_ashrae14. model is null when too few buckets are usable';

-- The baseline's bucket, driver and model, checked; ERROR 22023
CREATE OR REPLACE FUNCTION thermaliq.baseline_check(p_facility text, p_baseline jsonb)
RETURNS interval
LANGUAGE plpgsql IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF p_baseline IS NULL OR jsonb_typeof(p_baseline) IS DISTINCT FROM 'object'
		OR p_baseline->>'bucket' IS NULL OR p_baseline->>'driver' IS NULL THEN
		RAISE EXCEPTION 'p_baseline is not a baseline'
			USING ERRCODE = 'invalid_parameter_value',
			HINT = 'Pass the jsonb that thermaliq.baseline() returns.';
	END IF;
	IF p_baseline->>'model' IS NULL OR p_baseline->'coefficients' IS NULL THEN
		RAISE EXCEPTION 'the baseline of facility "%" has no model', p_baseline->>'facility_id'
			USING ERRCODE = 'invalid_parameter_value',
			DETAIL = format('%s of its %s buckets were usable.', p_baseline->>'buckets_used', p_baseline->>'buckets_total'),
			HINT = 'Fit the baseline over a longer period or with a simpler model.';
	END IF;
	IF p_baseline->>'facility_id' IS DISTINCT FROM p_facility THEN
		RAISE EXCEPTION 'the baseline is of facility "%", not "%"', p_baseline->>'facility_id', p_facility
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	RETURN (p_baseline->>'bucket')::interval;
END
$$;
COMMENT ON FUNCTION thermaliq.baseline_check(text, jsonb) IS
'Checks that p_baseline is a baseline() result with a model and of facility p_facility (22023 otherwise) and returns its bucket';

CREATE OR REPLACE FUNCTION thermaliq.savings(
	p_facility text,
	p_baseline jsonb,
	p_from timestamptz,
	p_to timestamptz,
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass) -- cast at call time
RETURNS TABLE(bucket_start timestamptz, driver float8, actual_kwh float8,
	expected_kwh float8, savings_kwh float8, cusum_kwh float8)
LANGUAGE plpgsql STABLE STRICT PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_bucket interval := thermaliq.baseline_check(p_facility, p_baseline);
BEGIN
	RETURN QUERY
	SELECT s.bucket_start, s.driver, s.actual, s.expected, s.expected - s.actual,
		sum(s.expected - s.actual) OVER (ORDER BY s.bucket_start)
	FROM (SELECT b.bucket_start, b.driver,
			CASE WHEN b.used THEN b.fuel_kwh END AS actual,
			CASE WHEN b.used THEN thermaliq.changepoint_predict(p_baseline, b.driver) END AS expected
		FROM thermaliq.baseline_buckets(p_facility, p_from, p_to, v_bucket, p_baseline->>'driver', p_readings) b) s
	ORDER BY 1;
END
$$;
COMMENT ON FUNCTION thermaliq.savings(text, jsonb, timestamptz, timestamptz, regclass) IS
'Avoided energy of a reporting period against a baseline (IPMVP Option C, ISO 50015), in the baseline''s buckets and driver: actual_kwh (fuel, scaled to the whole bucket as in the baseline), expected_kwh (the baseline model at the bucket''s driver), savings_kwh = expected - actual (positive: less fuel than the baseline predicts), cusum_kwh = their running sum (ISO 50006 CUSUM); a bucket the baseline would leave out (coverage under 90 %, no driver) has NULL actual, expected and savings and carries the CUSUM on';

CREATE OR REPLACE FUNCTION thermaliq.savings_summary(
	p_facility text,
	p_baseline jsonb,
	p_from timestamptz,
	p_to timestamptz,
	p_confidence float8 DEFAULT 0.90,
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass) -- cast at call time
RETURNS jsonb
LANGUAGE plpgsql STABLE STRICT PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_bucket interval := thermaliq.baseline_check(p_facility, p_baseline);
	r record;
	v_fsu float8;
	v_rho float8 := greatest(coalesce((p_baseline->>'residual_autocorrelation')::float8, 0), 0);
BEGIN
	IF NOT (p_confidence > 0 AND p_confidence < 1) THEN
		RAISE EXCEPTION 'p_confidence must be between 0 and 1, not %', p_confidence
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT count(*)::int AS buckets, count(*) FILTER (WHERE b.used)::int AS used,
		sum(b.fuel_kwh) FILTER (WHERE b.used) AS actual,
		sum(thermaliq.changepoint_predict(p_baseline, b.driver)) FILTER (WHERE b.used) AS expected,
		sum(b.useful_output_kwh) FILTER (WHERE b.used) AS useful
	INTO r
	FROM thermaliq.baseline_buckets(p_facility, p_from, p_to, v_bucket, p_baseline->>'driver', p_readings) b;
	IF r.used > 0 AND r.expected <> 0 AND r.expected <> r.actual THEN
		v_fsu := thermaliq.savings_uncertainty_pct((p_baseline->>'cv_rmse_pct')::float8,
			(p_baseline->>'n')::int, (p_baseline->>'p')::int, least(v_rho, 0.999), r.used,
			(r.expected - r.actual) / r.expected, p_confidence);
	END IF;
	RETURN jsonb_build_object(
		'facility_id', p_facility,
		'period_from', p_from,
		'period_to', p_to,
		'bucket', v_bucket::text,
		'driver', p_baseline->>'driver',
		'model', p_baseline->>'model',
		'buckets_total', r.buckets,
		'buckets_used', r.used,
		'buckets_excluded', r.buckets - r.used,
		'actual_kwh', r.actual,
		'expected_kwh', r.expected,
		'savings_kwh', r.expected - r.actual,
		'savings_pct', 100 * (r.expected - r.actual) / nullif(r.expected, 0),
		'confidence', p_confidence,
		'savings_uncertainty_pct', v_fsu,
		'savings_uncertainty_kwh', v_fsu / 100 * abs(r.expected - r.actual),
		'savings_significant', v_fsu < 100,
		'baseline_cv_rmse_pct', (p_baseline->>'cv_rmse_pct')::float8,
		'baseline_n', (p_baseline->>'n')::int,
		'baseline_p', (p_baseline->>'p')::int,
		'residual_autocorrelation', (p_baseline->>'residual_autocorrelation')::float8,
		'autocorrelation_used', v_rho,
		'enpi', jsonb_build_object(
			'kwh_per_kwh_output', r.actual / nullif(r.useful, 0),
			'baseline_kwh_per_kwh_output', (p_baseline->>'enpi_kwh_per_kwh')::float8,
			'actual_to_expected', r.actual / nullif(r.expected, 0)),
		'standards', jsonb_build_object(
			'savings', 'IPMVP Option C / ISO 50015: expected from the baseline model at the period''s driver, less actual',
			'uncertainty', 'ASHRAE Guideline 14 Annex B (B-14), fractional savings uncertainty',
			'enpi', 'ISO 50006: energy per unit output and the ratio of actual to expected'));
END
$$;
COMMENT ON FUNCTION thermaliq.savings_summary(text, jsonb, timestamptz, timestamptz, float8, regclass) IS
'Savings of a reporting period as jsonb: actual_kwh, expected_kwh and savings_kwh over the used buckets, savings_pct, the fractional savings uncertainty of ASHRAE Guideline 14 Annex B at p_confidence (savings_uncertainty_pct of the savings, savings_uncertainty_kwh; n, p and the lag-1 residual autocorrelation of the baseline, used when positive (autocorrelation_used), m = used buckets), savings_significant (uncertainty below 100 %), and the ISO 50006 EnPIs: fuel per unit useful output in the period and in the baseline, and the ratio of actual to expected';

CREATE OR REPLACE FUNCTION thermaliq.cusum_svg(
	p_facility text,
	p_baseline jsonb,
	p_from timestamptz,
	p_to timestamptz,
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass) -- cast at call time
RETURNS text
LANGUAGE plpgsql STABLE STRICT PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	r record;
BEGIN
	SELECT array_agg(s.bucket_start ORDER BY s.bucket_start) AS t,
		array_agg(s.savings_kwh ORDER BY s.bucket_start) AS sv,
		array_agg(s.cusum_kwh ORDER BY s.bucket_start) AS cu
	INTO r
	FROM thermaliq.savings(p_facility, p_baseline, p_from, p_to, p_readings) s;
	RETURN thermaliq.cusum_svg_render(
		format('%s: CUSUM of savings against its %s baseline (%s, %s)', p_facility,
			p_baseline->>'model', p_baseline->>'driver', p_baseline->>'bucket'),
		coalesce(r.t, '{}'), coalesce(r.sv, '{}'), coalesce(r.cu, '{}'));
END
$$;
COMMENT ON FUNCTION thermaliq.cusum_svg(text, jsonb, timestamptz, timestamptz, regclass) IS
'The CUSUM chart of savings() as an SVG document: bars of savings per bucket (green saved, red overspent, none where a bucket is left out) and the running sum as a line, kWh on the vertical axis';

CREATE OR REPLACE FUNCTION thermaliq.cusum_svg_render(p_title text, p_bucket_start timestamptz[],
	p_savings_kwh float8[], p_cusum_kwh float8[])
RETURNS text
AS 'MODULE_PATHNAME', 'cusum_svg_render'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.cusum_svg_render(text, timestamptz[], float8[], float8[]) IS
'Renders a CUSUM chart as an SVG document from arrays of equal length (22023 otherwise): bucket starts in ascending order, savings per bucket (NULL: left out) and their running sum; used by cusum_svg()';
