-- pgTAP: baseline(), savings(), savings_summary(), cusum_svg() on a
-- hand-built facility whose daily energies and degree-days are derived by
-- hand below; the SQLSTATE of every error; exclusions counted.
--
-- Facility b78, days d = 0 .. 39 from 2026-10-01 00:00Z, samples every 10
-- minutes (within the default max_gap of 15 minutes):
--   oat  ambient_temperature T_d = 14 + 9 sin(0.45 d) degC, constant in a day
--   gas  fuel_input (natural gas, kW on HHV) F_d = 200 + 30 max(15.5 - T_d, 0)
--        + 5 sin(1.3 d) kW, constant in a day
--   heat heat_output 0.9 F_d kW
-- Linear interpolation joins the day's last sample (23:50) to the next
-- day's first, so the day's fuel is 23 5/6 F_d + (1/6)(F_d + F_{d+1})/2
-- = (24 - 1/12) F_d + F_{d+1}/12 kWh (day 39: the samples run on to
-- day 40, which has F_40 by the same formula). The day's mean temperature
-- is T_d exactly, so hdd:15.5 = max(15.5 - T_d, 0) degree-days.
-- Day 7: no gas samples from 06:00 to 12:00 (coverage 75 %, left out);
-- day 12: no temperature samples at all (no driver, left out).
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(32);

SELECT thermaliq.create_readings_table('public.b78_readings') IS NOT NULL AS created;
INSERT INTO thermaliq.facilities (facility_id, name, process_type) VALUES
	('b78', 'Hand-built hot-water boiler', 'hot_water_boiler'),
	('b78-noamb', 'No ambient meter', 'hot_water_boiler');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis) VALUES
	('b78', 'gas', 'fuel_input', 'rate', 'kW', 'natural_gas', 'hhv'),
	('b78', 'heat', 'heat_output', 'rate', 'kW', NULL, NULL),
	('b78', 'oat', 'ambient_temperature', 'rate', 'degC', NULL, NULL),
	('b78-noamb', 'gas', 'fuel_input', 'rate', 'kW', 'natural_gas', 'hhv');
CREATE TEMP TABLE days AS
SELECT d, 14 + 9 * sin(0.45 * d) AS t, 200 + 30 * greatest(15.5 - (14 + 9 * sin(0.45 * d)), 0) + 5 * sin(1.3 * d) AS f
FROM generate_series(0, 40) d;
INSERT INTO public.b78_readings (facility_id, meter_id, "timestamp", value, unit, quality)
SELECT 'b78', m, ts, CASE m WHEN 'gas' THEN f WHEN 'heat' THEN 0.9 * f ELSE t END,
	CASE m WHEN 'oat' THEN 'degC' ELSE 'kW' END, 0
FROM days, unnest(ARRAY['gas', 'heat', 'oat']) m,
	generate_series(timestamptz '2026-10-01 00:00Z' + d * interval '1 day',
		timestamptz '2026-10-01 23:50Z' + d * interval '1 day', '10 minutes') ts
WHERE NOT (m = 'gas' AND d = 7 AND ts >= '2026-10-08 06:00Z' AND ts < '2026-10-08 12:00Z')
  AND NOT (m = 'oat' AND d = 12)
  AND (d < 40 OR ts = timestamptz '2026-11-10 00:00Z');
-- the hand-derived daily values
CREATE TEMP TABLE want AS
SELECT a.d, (24 - 1.0 / 12) * a.f + b.f / 12 AS fuel_kwh, greatest(15.5 - a.t, 0) AS hdd
FROM days a JOIN days b ON b.d = a.d + 1 WHERE a.d < 40;
CREATE TEMP TABLE bl AS SELECT thermaliq.baseline('b78', '2026-10-01Z', '2026-10-31Z', '1 day', 'hdd:15.5', '2p',
	'public.b78_readings') AS b;
RESET client_min_messages;

SELECT is((SELECT count(*) FROM thermaliq.baseline_buckets('b78', '2026-10-01Z', '2026-10-31Z', '1 day', 'hdd:15.5',
	'public.b78_readings')), 30::bigint, '30 daily buckets');
SELECT is((SELECT string_agg(extract(day FROM bucket_start)::int - 1 || ':' || excluded_because, ',' ORDER BY bucket_start)
	FROM thermaliq.baseline_buckets('b78', '2026-10-01Z', '2026-10-31Z', '1 day', 'hdd:15.5', 'public.b78_readings')
	WHERE NOT used), '7:coverage,12:temperature', 'day 7 is left out for coverage, day 12 for its temperature');
SELECT is((SELECT count(*) FROM thermaliq.baseline_buckets('b78', '2026-10-01Z', '2026-10-31Z', '1 day', 'hdd:15.5',
	'public.b78_readings') b JOIN want w ON w.d = extract(day FROM b.bucket_start) - 1
	WHERE b.used AND (abs(b.fuel_kwh - w.fuel_kwh) > 1e-9 * w.fuel_kwh OR abs(b.driver - w.hdd) > 1e-9)), 0::bigint,
	'used days: fuel and degree-days as derived by hand (1e-9)');
SELECT ok((SELECT abs(b.fuel_kwh - w.fuel_kwh) < 1e-9 * w.fuel_kwh AND b.driver IS NULL
	FROM thermaliq.baseline_buckets('b78', '2026-10-01Z', '2026-10-31Z', '1 day', 'hdd:15.5', 'public.b78_readings') b
	JOIN want w ON w.d = 12 WHERE b.bucket_start = '2026-10-13Z'), 'day 12 has its fuel but no driver');
-- day 7: the gas samples 05:50 and 12:00 are 6 h 10 min apart, more than
-- max_gap: 37/6 h uncovered, coverage 100 (24 - 37/6) / 24 = 74.305... %
SELECT ok((SELECT abs(b.coverage_pct - 100 * (24 - 37.0 / 6) / 24) < 1e-9 FROM thermaliq.baseline_buckets('b78', '2026-10-01Z',
	'2026-10-31Z', '1 day', 'hdd:15.5', 'public.b78_readings') b WHERE b.bucket_start = '2026-10-08Z'), 'day 7: coverage 74.3 %');

-- the baseline is changepoint_fit of the hand-derived days (the inputs
-- agree to about 1e-15, so the numbers to 1e-9)
CREATE TEMP TABLE hf AS SELECT thermaliq.changepoint_fit(fuel_kwh, hdd, '2p') AS f
	FROM (SELECT * FROM want WHERE d < 30 AND d NOT IN (7, 12)) w;
SELECT is((SELECT count(*) FROM bl, hf, unnest(ARRAY['{coefficients,b0}', '{coefficients,b1}', '{std_errors,b1}', '{sse}',
	'{r2}', '{cv_rmse_pct}', '{n}', '{p}', '{mean_y}']::text[]) k
	WHERE NOT abs((b #>> k::text[])::float8 - (f #>> k::text[])::float8) <= 1e-9 * abs((f #>> k::text[])::float8)), 0::bigint,
	'baseline = changepoint_fit over the used days (hand-derived values), to 1e-9');
SELECT is((SELECT (b->>'buckets_total')::int * 10000 + (b->>'buckets_used')::int * 100
	+ (b->>'buckets_excluded_coverage')::int * 10 + (b->>'buckets_excluded_temperature')::int FROM bl),
	302811, '30 buckets, 28 used, 1 left out for coverage, 1 for temperature');
SELECT ok((SELECT abs((b->'coefficients'->>'b0')::float8 - 24 * 200) < 30 FROM bl),
	'intercept near 24 h x 200 kW: 4800 kWh a day without heating');
SELECT ok((SELECT abs((b->'coefficients'->>'b1')::float8 - 30 * 24) < 30 FROM bl),
	'slope near 24 h x 30 kW per degree: 720 kWh per degree-day');
SELECT is((SELECT b->'ashrae14' FROM bl),
	jsonb_build_object('granularity', 'daily_or_hourly', 'cv_rmse_limit_pct', 30, 'nmbe_limit_pct', 10,
		'meets', (SELECT (b->>'cv_rmse_pct')::float8 <= 30 AND abs((b->>'nmbe_pct')::float8) <= 10 FROM bl)),
	'daily buckets: the 30 % / 10 % criteria');
SELECT is((SELECT (b->>'meets_ashrae14')::boolean FROM bl), true, 'this baseline meets them');
SELECT ok((SELECT abs((b->>'enpi_kwh_per_kwh')::float8 - 1 / 0.9) < 1e-9 FROM bl), 'EnPI fuel / output = 1 / 0.9');
SELECT is((SELECT thermaliq.baseline('b78', '2026-10-01Z', '2026-11-01Z', '1 month', 'hdd:15.5', '2p',
	'public.b78_readings')->'ashrae14'->>'cv_rmse_limit_pct'), '15', 'monthly buckets: the 15 % criterion');
SELECT is((SELECT thermaliq.baseline('b78', '2026-10-01Z', '2026-11-01Z', '1 month', 'hdd:15.5', '2p',
	'public.b78_readings')->>'model'), NULL, 'one monthly bucket: no model (fewer than p + 2 buckets)');
-- useful_output driver: fuel = output / 0.9 exactly, a perfect 2p line
SELECT ok((SELECT abs((b->'coefficients'->>'b1')::float8 - 1 / 0.9) < 1e-9 AND (b->>'cv_rmse_pct')::float8 < 1e-9
	FROM (SELECT thermaliq.baseline('b78', '2026-10-01Z', '2026-10-31Z', '1 day', 'useful_output', '2p',
		'public.b78_readings') AS b) s), 'useful_output driver: b1 = 1/0.9, CV(RMSE) 0');
-- cooling degree-days of the same days: max(T_d - 18, 0)
SELECT is((SELECT count(*) FROM thermaliq.baseline_buckets('b78', '2026-10-01Z', '2026-10-31Z', '1 day', 'cdd:18',
	'public.b78_readings') b JOIN days ON days.d = extract(day FROM b.bucket_start) - 1
	WHERE b.driver IS NOT NULL AND abs(b.driver - greatest(days.t - 18, 0)) > 1e-9), 0::bigint, 'cdd:18 = max(T - 18, 0)');
-- 6-hour buckets (shorter than a day): a quarter of the day's degree-days
SELECT is((SELECT count(*) FROM thermaliq.baseline_buckets('b78', '2026-10-01Z', '2026-10-03Z', '6 hours', 'hdd:15.5',
	'public.b78_readings') b JOIN days ON days.d = floor(extract(epoch FROM b.bucket_start - '2026-10-01Z') / 86400)
	WHERE b.driver IS NULL OR abs(b.driver - 0.25 * greatest(15.5 - days.t, 0)) > 1e-9), 0::bigint,
	'6-hour buckets: a quarter of the day''s degree-days');

-- savings over days 30 .. 39 (no change: savings = expected - actual)
CREATE TEMP TABLE sv AS SELECT * FROM thermaliq.savings('b78', (SELECT b FROM bl), '2026-10-31Z', '2026-11-10Z',
	'public.b78_readings');
SELECT is((SELECT count(*) FROM sv), 10::bigint, 'ten reporting buckets');
SELECT is((SELECT count(*) FROM sv s JOIN want w ON w.d = 30 + extract(epoch FROM s.bucket_start - '2026-10-31Z') / 86400
	WHERE abs(s.actual_kwh - w.fuel_kwh) > 1e-9 * w.fuel_kwh OR abs(s.driver - w.hdd) > 1e-9
	   OR abs(s.expected_kwh - thermaliq.changepoint_predict((SELECT b FROM bl), w.hdd)) > 1e-9 * s.expected_kwh
	   OR s.savings_kwh <> s.expected_kwh - s.actual_kwh), 0::bigint,
	'actual, driver, expected (the model at the driver) and savings per bucket');
SELECT is((SELECT count(*) FROM (SELECT cusum_kwh, sum(savings_kwh) OVER (ORDER BY bucket_start) AS c FROM sv) s
	WHERE abs(cusum_kwh - c) > 1e-9), 0::bigint, 'cusum is the running sum of savings');
-- summary: Annex B with n, p, rho of the baseline and m = 10
CREATE TEMP TABLE ss AS SELECT thermaliq.savings_summary('b78', (SELECT b FROM bl), '2026-10-31Z', '2026-11-10Z', 0.90,
	'public.b78_readings') AS s;
SELECT ok((SELECT abs((s->>'savings_kwh')::float8 - (SELECT sum(savings_kwh) FROM sv)) < 1e-6 FROM ss), 'summary savings = sum');
SELECT ok((SELECT abs((s->>'savings_uncertainty_pct')::float8 - thermaliq.savings_uncertainty_pct(
		(b->>'cv_rmse_pct')::float8, 28, 2, greatest((b->>'residual_autocorrelation')::float8, 0), 10,
		((s->>'expected_kwh')::float8 - (s->>'actual_kwh')::float8) / (s->>'expected_kwh')::float8, 0.90)) < 1e-9
	FROM ss, bl), 'summary: fractional savings uncertainty with n 28, p 2, the baseline rho, m 10');
SELECT ok((SELECT abs((s->'enpi'->>'kwh_per_kwh_output')::float8 - 1 / 0.9) < 1e-9
	AND abs((s->'enpi'->>'actual_to_expected')::float8 - (s->>'actual_kwh')::float8 / (s->>'expected_kwh')::float8) < 1e-12
	FROM ss), 'ISO 50006 EnPIs: fuel per output, actual / expected');

-- the CUSUM chart
SELECT ok((SELECT thermaliq.cusum_svg('b78', (SELECT b FROM bl), '2026-10-31Z', '2026-11-10Z', 'public.b78_readings')
	LIKE '<?xml%<svg%</svg>%'), 'cusum_svg is an SVG document');
SELECT is((SELECT (length(x) - length(replace(x, 'class="savings"', ''))) / length('class="savings"')
	FROM (SELECT thermaliq.cusum_svg('b78', (SELECT b FROM bl), '2026-10-31Z', '2026-11-10Z', 'public.b78_readings') AS x) s),
	10, 'one bar per bucket');
SELECT throws_ok($$SELECT thermaliq.cusum_svg_render('x', ARRAY[now()], ARRAY[1.0, 2.0]::float8[], ARRAY[1.0]::float8[])$$,
	'22023', NULL, 'arrays of different lengths: 22023');

-- errors
SELECT throws_ok($$SELECT thermaliq.baseline('b78', '2026-10-01Z', '2026-10-31Z', '1 day', 'hdd', 'auto', 'public.b78_readings')$$,
	'22023', NULL, 'a driver without a base: 22023');
SELECT throws_ok($$SELECT thermaliq.baseline('b78', '2026-10-01Z', '2026-10-31Z', '1 day', 'useful_output', '6p', 'public.b78_readings')$$,
	'22023', NULL, 'unknown model: 22023');
SELECT throws_ok($$SELECT thermaliq.baseline('b78-noamb', '2026-10-01Z', '2026-10-31Z', '1 day', 'hdd:15', 'auto', 'public.b78_readings')$$,
	'22023', NULL, 'degree-days without an ambient meter: 22023');
SELECT throws_ok($$SELECT * FROM thermaliq.savings('b78-noamb', (SELECT b FROM bl), '2026-10-31Z', '2026-11-10Z', 'public.b78_readings')$$,
	'22023', NULL, 'the baseline of another facility: 22023');
SELECT throws_ok($$SELECT * FROM thermaliq.savings('b78', '{"bucket": "1 day"}', '2026-10-31Z', '2026-11-10Z', 'public.b78_readings')$$,
	'22023', NULL, 'not a baseline: 22023');
SELECT throws_ok($$SELECT thermaliq.savings_summary('b78', (SELECT b FROM bl), '2026-10-31Z', '2026-11-10Z', 1.2, 'public.b78_readings')$$,
	'22023', NULL, 'confidence 1.2: 22023');

SELECT * FROM finish();
ROLLBACK;
