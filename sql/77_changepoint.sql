-- changepoint_fit on a deterministic heating load: daily fuel 400 kWh plus
-- 25 kWh per degree below 15.5 degC, with a small deterministic wobble
-- (sin of the day) so that the fit is not exact. Each model, and auto.
CREATE TEMP TABLE heat AS
SELECT d, t, 400 + 25 * greatest(15.5 - t, 0) + 6 * sin(d * 1.7) AS kwh
FROM generate_series(1, 120) d, LATERAL (SELECT -4 + 30 * ((d * 37) % 120) / 120.0 AS t) s;
SELECT m AS model, f->>'model' AS fitted, (f->>'n')::int AS n, (f->>'p')::int AS p,
	round((f->'coefficients'->>'b0')::numeric, 2) AS b0,
	round((f->'coefficients'->>'b1')::numeric, 3) AS b1,
	round((f->'coefficients'->>'b2')::numeric, 3) AS b2,
	round((f->'coefficients'->>'xcp')::numeric, 2) AS xcp,
	round((f->'coefficients'->>'xcp2')::numeric, 2) AS xcp2,
	round((f->>'cv_rmse_pct')::numeric, 3) AS cv_rmse_pct,
	round((f->>'nmbe_pct')::numeric, 6) AS nmbe_pct,
	f->>'significant' AS significant
FROM unnest(ARRAY['2p', '3ph', '3pc', '4p', '5p', 'auto']) m,
	LATERAL (SELECT thermaliq.changepoint_fit(kwh, t, m) AS f FROM heat) s;
-- the prediction of the auto fit at 0 and 20 degC: 400 + 25 * 15.5 and 400
SELECT round(thermaliq.changepoint_predict(f, 0)::numeric, 1) AS at_0c,
	round(thermaliq.changepoint_predict(f, 20)::numeric, 1) AS at_20c
FROM (SELECT thermaliq.changepoint_fit(kwh, t, 'auto') AS f FROM heat) s;
