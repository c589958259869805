-- make demo: energy baselines and savings (API.md section 9): each
-- facility's baseline over days -29 .. -10 (hot-water boilers against
-- heating degree-days at 15.5 degC, the others against useful output),
-- its ASHRAE 14 statistics, the savings of the last 9 full days and their
-- uncertainty and EnPIs. demo.sh writes the CUSUM charts.
\pset footer off
\set bl_from 'date_trunc(''day'', now()) - interval ''29 days'''
\set bl_to 'date_trunc(''day'', now()) - interval ''9 days'''
\set rp_to 'date_trunc(''day'', now())'

CREATE TEMP TABLE demo_baseline AS
SELECT f.facility_id, d.driver,
	thermaliq.baseline(f.facility_id, :bl_from, :bl_to, '1 day', d.driver, 'auto') AS b
FROM thermaliq.facilities f,
	LATERAL (SELECT CASE WHEN f.process_type = 'hot_water_boiler' THEN 'hdd:15.5' ELSE 'useful_output' END AS driver) d;

\echo
\echo '== energy baselines, days -29 .. -10 (thermaliq.baseline, model auto)'
SELECT facility_id, driver, b->>'model' AS model,
	round((b->'coefficients'->>'b0')::numeric, 1) AS b0,
	round((b->'coefficients'->>'b1')::numeric, 4) AS b1,
	round((b->'coefficients'->>'b2')::numeric, 4) AS b2,
	round((b->'coefficients'->>'xcp')::numeric, 2) AS xcp,
	round((b->'t_stats'->>'b1')::numeric, 1) AS t_b1
FROM demo_baseline ORDER BY 1;

\echo '== baseline fit statistics (ASHRAE Guideline 14: daily CV(RMSE) <= 30 %, |NMBE| <= 10 %)'
SELECT facility_id, (b->>'n')::int AS n, (b->>'p')::int AS p,
	round((b->>'r2')::numeric, 4) AS r2,
	round((b->>'cv_rmse_pct')::numeric, 2) AS cv_rmse_pct,
	round((b->>'nmbe_pct')::numeric, 6) AS nmbe_pct,
	(b->>'buckets_used')::int AS days_used, (b->>'buckets_excluded')::int AS days_left_out,
	(b->>'meets_ashrae14')::boolean AS meets_ashrae14,
	round((b->>'enpi_kwh_per_kwh')::numeric, 4) AS enpi_kwh_per_kwh
FROM demo_baseline ORDER BY 1;

\echo '== savings of the last 9 full days against the baseline (thermaliq.savings), plant-002'
SELECT s.bucket_start::date AS day, round(s.driver::numeric, 2) AS driver,
	round(s.actual_kwh::numeric) AS actual_kwh, round(s.expected_kwh::numeric) AS expected_kwh,
	round(s.savings_kwh::numeric) AS savings_kwh, round(s.cusum_kwh::numeric) AS cusum_kwh
FROM demo_baseline d, thermaliq.savings(d.facility_id, d.b, :bl_to, :rp_to) s
WHERE d.facility_id = 'plant-002' ORDER BY 1;

\echo '== savings summary (ASHRAE 14 Annex B uncertainty at 90 %, ISO 50006 EnPIs)'
SELECT d.facility_id, round((s->>'actual_kwh')::numeric) AS actual_kwh,
	round((s->>'expected_kwh')::numeric) AS expected_kwh,
	round((s->>'savings_kwh')::numeric) AS savings_kwh,
	round((s->>'savings_pct')::numeric, 2) AS savings_pct,
	round((s->>'savings_uncertainty_kwh')::numeric) AS u90_kwh,
	(s->>'savings_significant')::boolean AS significant,
	round((s->'enpi'->>'kwh_per_kwh_output')::numeric, 4) AS enpi_kwh_per_kwh,
	round((s->'enpi'->>'actual_to_expected')::numeric, 4) AS actual_to_expected
FROM demo_baseline d, thermaliq.savings_summary(d.facility_id, d.b, :bl_to, :rp_to) s
ORDER BY 1;
