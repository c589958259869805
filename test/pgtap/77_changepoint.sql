-- pgTAP: changepoint_fit's contract: catalog markings, the edge cases with
-- their documented result (NULLs skipped, too few rows, all x equal, a
-- change point beyond the data, a perfect fit), every error's SQLSTATE,
-- numbers computed by hand in the comments, and the savings helpers.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(41);

-- catalog: volatility, strictness, parallel safety, comments, no combine
SELECT is((SELECT count(*) FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
	WHERE p.proname = 'changepoint_fit' AND p.pronamespace = 'thermaliq'::regnamespace
	  AND a.aggcombinefn = 0 AND p.proparallel = 's'), 2::bigint,
	'two changepoint_fit aggregates, PARALLEL SAFE, without a combine function');
SELECT is((SELECT count(*) FROM pg_proc p WHERE p.pronamespace = 'thermaliq'::regnamespace
	AND p.proname IN ('changepoint_fit', 'changepoint_fit_trans', 'changepoint_fit_final', 'changepoint_predict',
		'student_t_quantile', 'savings_uncertainty_pct')
	AND obj_description(p.oid, 'pg_proc') IS NULL), 0::bigint, 'every changepoint function has a comment');
SELECT is((SELECT string_agg(p.proname || ':' || p.provolatile::text || p.proisstrict::text || p.proparallel::text, ',' ORDER BY p.proname)
	FROM pg_proc p WHERE p.pronamespace = 'thermaliq'::regnamespace
	AND p.proname IN ('changepoint_predict', 'student_t_quantile', 'savings_uncertainty_pct')),
	'changepoint_predict:ifalses,savings_uncertainty_pct:itrues,student_t_quantile:itrues',
	'scalars are IMMUTABLE PARALLEL SAFE, the C ones STRICT (changepoint_predict is inlined: NULL in, NULL out)');

-- hand-computed 2p: x 0 1 2 3, y 0 2 4.5 6: xbar 1.5, ybar 3.125, Sxx 5,
-- Sxy 10.25, b1 = 2.05, b0 = 0.05, residuals -0.05 -0.1 0.35 -0.2,
-- SSE 0.175, SST 21.1875, r2 = 1 - 0.175/21.1875, rmse = sqrt(0.175/2),
-- CV = 100 rmse / 3.125 = 9.4657276529593...; se(b1) = rmse/sqrt(5)
CREATE TEMP TABLE h(x float8, y float8);
INSERT INTO h VALUES (0, 0), (1, 2), (2, 4.5), (3, 6);
CREATE TEMP TABLE r AS SELECT thermaliq.changepoint_fit(y, x) AS f FROM h;
SELECT is((SELECT f->>'model' FROM r), '2p', 'the two-argument form fits 2p');
SELECT ok((SELECT abs((f->'coefficients'->>'b1')::float8 - 2.05) < 1e-14 FROM r), 'b1 = 2.05');
SELECT ok((SELECT abs((f->'coefficients'->>'b0')::float8 - 0.05) < 1e-14 FROM r), 'b0 = 0.05');
SELECT ok((SELECT abs((f->>'sse')::float8 - 0.175) < 1e-14 FROM r), 'SSE = 0.175');
SELECT ok((SELECT abs((f->>'r2')::float8 - (1 - 0.175 / 21.1875)) < 1e-14 FROM r), 'r2 = 1 - SSE/SST');
SELECT ok((SELECT abs((f->>'cv_rmse_pct')::float8 - 100 * sqrt(0.175 / 2) / 3.125) < 1e-12 FROM r),
	'CV(RMSE) = 100 sqrt(SSE/(n-p)) / mean(y), n - p = 2');
SELECT ok((SELECT abs((f->>'nmbe_pct')::float8) < 1e-12 FROM r), 'NMBE 0 (least squares with an intercept)');
SELECT ok((SELECT abs((f->'std_errors'->>'b1')::float8 - sqrt(0.175 / 2 / 5)) < 1e-14 FROM r), 'se(b1) = s / sqrt(Sxx)');
SELECT ok((SELECT abs((f->'t_stats'->>'b1')::float8 - 2.05 / sqrt(0.175 / 2 / 5)) < 1e-11 FROM r), 't(b1) = b1 / se');
SELECT is((SELECT (f->>'n')::int * 10 + (f->>'p')::int FROM r), 42, 'n = 4, p = 2');
SELECT ok((SELECT abs(thermaliq.changepoint_predict(f, 10) - (0.05 + 20.5)) < 1e-12 FROM r), 'changepoint_predict at x = 10');

-- NULLs are skipped: same result with rows holding a NULL
INSERT INTO h VALUES (NULL, 100), (7, NULL), (NULL, NULL);
SELECT is((SELECT thermaliq.changepoint_fit(y, x)::text FROM h), (SELECT f::text FROM r), 'rows with a NULL are skipped');
-- fewer than p + 2 rows: NULL (2p needs 4, 3ph 5, 4p 6, 5p 7)
SELECT is((SELECT thermaliq.changepoint_fit(y, x) FROM h WHERE x < 2.5), NULL, '3 rows: 2p is NULL');
SELECT is((SELECT thermaliq.changepoint_fit(y, x, '3ph') FROM h), NULL, '4 rows: 3ph is NULL');
SELECT is((SELECT thermaliq.changepoint_fit(y, x, 'auto') FROM h WHERE x < 2.5), NULL, '3 rows: auto is NULL');
SELECT is((SELECT thermaliq.changepoint_fit(y, x, '5p') FROM generate_series(1, 6) x, LATERAL (SELECT x * x AS y) s), NULL,
	'6 rows: 5p is NULL');
SELECT isnt((SELECT thermaliq.changepoint_fit(y, x, '5p') FROM generate_series(1, 7) x, LATERAL (SELECT x * x AS y) s), NULL,
	'7 rows: 5p fits');
SELECT is((SELECT thermaliq.changepoint_fit(y, x) FROM h WHERE false), NULL, 'no rows: NULL');
-- all x equal: no slope can be fitted, NULL for every model
SELECT is((SELECT count(f) FROM (SELECT thermaliq.changepoint_fit(g::float8, 5.0, m) AS f
	FROM generate_series(1, 20) g, unnest(ARRAY['2p', '3ph', '3pc', '4p', '5p', 'auto']) m GROUP BY m) s), 0::bigint,
	'all x equal: NULL for every model');

-- a perfect fit: y = 10 + 2x exactly, CV(RMSE) 0, r2 1, t statistics null (se 0)
CREATE TEMP TABLE pf AS SELECT thermaliq.changepoint_fit(10 + 2 * x, x::float8) AS f FROM generate_series(-3, 12) x;
SELECT is((SELECT (f->>'cv_rmse_pct')::float8 FROM pf), 0::float8, 'perfect fit: CV(RMSE) 0');
SELECT is((SELECT (f->>'r2')::float8 FROM pf), 1::float8, 'perfect fit: r2 1');
SELECT is((SELECT f->'t_stats'->'b1' FROM pf), 'null'::jsonb, 'perfect fit: t statistic null (se 0)');
SELECT is((SELECT (f->'coefficients'->>'b1')::float8 FROM pf), 2::float8, 'perfect fit: b1 = 2');
-- a perfect 3ph: y = 50 + 4 max(12 - x, 0), x = 0..30: xcp = 12 exactly
SELECT ok((SELECT abs((c->>'b0')::float8 - 50) < 1e-12 AND abs((c->>'b1')::float8 - 4) < 1e-12 AND (c->>'xcp')::float8 = 12
	FROM (SELECT thermaliq.changepoint_fit(50 + 4 * greatest(12 - x, 0), x::float8, '3ph')->'coefficients' AS c
	FROM generate_series(0, 30) x) s), 'perfect 3ph: coefficients to 1e-12, the change point exactly');

-- a change point outside the data: 3ph with true xcp 25 on x 0..19 is a
-- line there; the search keeps xcp in [min x, max x], so xcp = 19 and
-- b0 = 50 + 3 (25 - 19) = 68; auto calls it a 2p line
SELECT ok((SELECT abs((c->>'b0')::float8 - 68) < 1e-12 AND abs((c->>'b1')::float8 - 3) < 1e-12 AND (c->>'xcp')::float8 = 19
	FROM (SELECT thermaliq.changepoint_fit(50 + 3 * (25 - x), x::float8, '3ph')->'coefficients' AS c
	FROM generate_series(0, 19) x) s), 'change point beyond the data: xcp = max x, b0 = 68, b1 = 3');
SELECT is((SELECT thermaliq.changepoint_fit(50 + 3 * (25 - x) + (x % 3) * 0.1, x::float8, 'auto')->>'model'
	FROM generate_series(0, 19) x), '2p', '... and auto picks the 2p line');

-- errors
SELECT throws_ok($$SELECT thermaliq.changepoint_fit(1, 2, '6p')$$, '22023', NULL, 'unknown model: 22023');
SELECT throws_ok($$SELECT thermaliq.changepoint_fit(1, 2, NULL)$$, '22004', NULL, 'NULL model: 22004');
SELECT throws_ok($$SELECT thermaliq.changepoint_fit(x, x, CASE WHEN x < 3 THEN '2p' ELSE '3ph' END) FROM generate_series(1, 5) x$$,
	'22023', NULL, 'a model that changes within a group: 22023');
SELECT throws_ok($$SELECT thermaliq.changepoint_fit('NaN', 2)$$, '22023', NULL, 'NaN: 22023');
SELECT throws_ok($$SELECT thermaliq.changepoint_fit(1, '-Infinity')$$, '22023', NULL, 'infinite x: 22023');

-- a long 5p search (30000 distinct x: 4.5e8 interval pairs) can be
-- cancelled: statement_timeout ends it with 57014
CREATE TEMP TABLE cancel_result (state text);
SET LOCAL statement_timeout = '500ms';
DO $$
BEGIN
	PERFORM thermaliq.changepoint_fit(sin(g), g::float8, '5p') FROM generate_series(1, 30000) g;
	INSERT INTO cancel_result VALUES ('finished');
EXCEPTION WHEN query_canceled THEN
	INSERT INTO cancel_result VALUES (SQLSTATE);
END
$$;
RESET statement_timeout;
SELECT is((SELECT state FROM cancel_result), '57014', 'a long 5p search is cancelled by statement_timeout (57014)');

-- Student t and the Annex B uncertainty: t(90 %, 1) = tan(0.45 pi) (Cauchy)
SELECT ok(abs(thermaliq.student_t_quantile(0.90, 1) - tan(pi() * 0.45)) < 1e-12, 't(90 %, 1) = tan(0.45 pi)');
SELECT ok(abs(thermaliq.student_t_quantile(0.95, 2) - 0.95 * sqrt(2 / (1 - 0.95 ^ 2))) < 1e-12, 't(95 %, 2) closed form');
-- CV 10 %, n 12, p 2, no autocorrelation, m 12, F 0.2, 90 %:
-- 100 * 1.26 * t(90 %, 10) * 0.1 * sqrt((1 + 2/12) / 12) / 0.2, t = 1.812461123
SELECT ok(abs(thermaliq.savings_uncertainty_pct(10, 12, 2, 0, 12, 0.2, 0.90)
	- 100 * 1.26 * 1.812461123 * 0.1 * sqrt((1 + 2.0 / 12) / 12) / 0.2) < 1e-6, 'FSU of Annex B');
SELECT is(thermaliq.savings_uncertainty_pct(10, 12, 2, 0, 12, 0, 0.90), NULL, 'FSU with no savings: NULL');
SELECT throws_ok($$SELECT thermaliq.savings_uncertainty_pct(10, 12, 2, 0, 12, 0.2, 1.5)$$, '22023', NULL, 'confidence 1.5: 22023');
SELECT throws_ok($$SELECT thermaliq.savings_uncertainty_pct(10, 2, 2, 0, 12, 0.2, 0.9)$$, '22023', NULL, 'n <= p: 22023');

SELECT * FROM finish();
ROLLBACK;
