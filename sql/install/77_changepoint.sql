-- Change-point regression (API.md section 9): the changepoint_fit aggregate,
-- its prediction, and the savings-uncertainty helpers of ASHRAE 14 Annex B.
-- Function-only piece (CREATE OR REPLACE), re-run by the 1.0--1.1 update
-- (sql/upgrade/1.0--1.1/77_baseline.use). C bodies: src/pg/changepoint_sql.c,
-- maths: src/math/changepoint.c.

CREATE OR REPLACE FUNCTION thermaliq.changepoint_fit_trans(internal, float8, float8)
RETURNS internal
AS 'MODULE_PATHNAME', 'changepoint_fit_trans'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.changepoint_fit_trans(internal, float8, float8) IS
'Transition of changepoint_fit(y, x): keeps the point (x, y), 16 bytes per row; rows with a NULL are skipped, non-finite values are an error (22023)';

CREATE OR REPLACE FUNCTION thermaliq.changepoint_fit_trans(internal, float8, float8, text)
RETURNS internal
AS 'MODULE_PATHNAME', 'changepoint_fit_trans'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.changepoint_fit_trans(internal, float8, float8, text) IS
'Transition of changepoint_fit(y, x, model): keeps the point (x, y), 16 bytes per row; the model must be one of 2p, 3ph, 3pc, 4p, 5p, auto (22023), not NULL (22004), and the same on every row of a group (22023)';

CREATE OR REPLACE FUNCTION thermaliq.changepoint_fit_final(internal)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'changepoint_fit_final'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.changepoint_fit_final(internal) IS
'Final function of changepoint_fit: sorts a copy of the kept points by (x, y) and fits the model at the exact least-squares change points';

CREATE OR REPLACE AGGREGATE thermaliq.changepoint_fit(float8, float8) (
	SFUNC = thermaliq.changepoint_fit_trans,
	STYPE = internal,
	FINALFUNC = thermaliq.changepoint_fit_final,
	FINALFUNC_MODIFY = READ_ONLY,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE thermaliq.changepoint_fit(float8, float8) IS
'changepoint_fit(y, x): the 2p model y = b0 + b1 x, as changepoint_fit(y, x, ''2p'')';

CREATE OR REPLACE AGGREGATE thermaliq.changepoint_fit(float8, float8, text) (
	SFUNC = thermaliq.changepoint_fit_trans,
	STYPE = internal,
	FINALFUNC = thermaliq.changepoint_fit_final,
	FINALFUNC_MODIFY = READ_ONLY,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE thermaliq.changepoint_fit(float8, float8, text) IS
'Change-point regression of y on x (ASHRAE 14 inverse models) as jsonb: model, coefficients (b0, b1, b2, xcp, xcp2 as the model has them), std_errors, t_stats, n, p (parameters incl. change points), r2, rmse = sqrt(SSE/(n-p)), cv_rmse_pct = 100 rmse/mean(y), nmbe_pct = 100 sum(y-yhat)/((n-p) mean(y)), sse, mean_y, x_min, x_max, distinct_x, significant, segment_n. Models 2p: b0 + b1 x; 3ph: b0 + b1 max(xcp-x,0); 3pc: b0 + b1 max(x-xcp,0); 4p: b0 + b1 min(x-xcp,0) + b2 max(x-xcp,0); 5p: b0 + b1 min(x-xcp,0) + b2 max(x-xcp2,0); auto: the lowest CV(RMSE) passing the shape test (slopes |t| > 2, change points 2 se inside the data, max(3, n/10) points per segment), else 2p. Change points are the exact least-squares optimum in [min x, max x]. Rows with a NULL are skipped; NULL for fewer than p + 2 rows or too few distinct x (all x equal); independent of row order';

-- One expression, no FROM, CALLED ON NULL INPUT: the planner inlines it
-- (a NULL fit gives NULL all the same).
CREATE OR REPLACE FUNCTION thermaliq.changepoint_predict(p_fit jsonb, p_x float8)
RETURNS float8
LANGUAGE sql IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE
AS $$
	SELECT (p_fit #>> '{coefficients,b0}')::float8 + CASE p_fit->>'model'
		WHEN '2p' THEN (p_fit #>> '{coefficients,b1}')::float8 * p_x
		WHEN '3ph' THEN (p_fit #>> '{coefficients,b1}')::float8 * greatest((p_fit #>> '{coefficients,xcp}')::float8 - p_x, 0)
		WHEN '3pc' THEN (p_fit #>> '{coefficients,b1}')::float8 * greatest(p_x - (p_fit #>> '{coefficients,xcp}')::float8, 0)
		WHEN '4p' THEN (p_fit #>> '{coefficients,b1}')::float8 * least(p_x - (p_fit #>> '{coefficients,xcp}')::float8, 0)
			+ (p_fit #>> '{coefficients,b2}')::float8 * greatest(p_x - (p_fit #>> '{coefficients,xcp}')::float8, 0)
		WHEN '5p' THEN (p_fit #>> '{coefficients,b1}')::float8 * least(p_x - (p_fit #>> '{coefficients,xcp}')::float8, 0)
			+ (p_fit #>> '{coefficients,b2}')::float8 * greatest(p_x - (p_fit #>> '{coefficients,xcp2}')::float8, 0)
	END
$$;
COMMENT ON FUNCTION thermaliq.changepoint_predict(jsonb, float8) IS
'The value of a changepoint_fit result (or of a baseline''s fit) at x; NULL for an unknown model';

CREATE OR REPLACE FUNCTION thermaliq.student_t_quantile(p_confidence float8, p_df float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'student_t_quantile'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.student_t_quantile(float8, float8) IS
'Two-sided Student t quantile: t with P(|T| <= t) = p_confidence for p_df degrees of freedom (22023 outside 0 < confidence < 1, df > 0)';

CREATE OR REPLACE FUNCTION thermaliq.savings_uncertainty_pct(
	p_cv_rmse_pct float8, p_n int, p_p int, p_rho float8, p_m int,
	p_savings_fraction float8, p_confidence float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'savings_uncertainty_pct'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.savings_uncertainty_pct(float8, int, int, float8, int, float8, float8) IS
'Fractional savings uncertainty of ASHRAE Guideline 14 Annex B in percent of the savings: 100 t 1.26 CV sqrt((n/n'') (1 + 2/n'') / m) / F, CV = CV(RMSE) of the baseline (fraction), n baseline points, n'' = n (1 - rho)/(1 + rho) for a lag-1 residual autocorrelation rho > 0 (else n), m reporting points, F = savings / expected, t two-sided Student t at p_confidence with n - p degrees of freedom; NULL when F = 0';
