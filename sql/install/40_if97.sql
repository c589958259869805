-- Water and steam, IAPWS-IF97 (src/math/if97.c, glue src/pg/if97_sql.c).
-- Units: p MPa absolute, T K, v m3/kg, rho kg/m3, h and u kJ/kg, s, cp, cv
-- kJ/(kg K), w m/s. Outside the formulation (273.15-1073.15 K up to 100 MPa,
-- 1073.15-2273.15 K up to 50 MPa), NaN or infinite arguments: ERROR 22003
-- naming the bound.

CREATE TYPE thermaliq.water_props AS (
	region int,
	p_mpa float8,
	t_k float8,
	v float8,
	rho float8,
	h float8,
	u float8,
	s float8,
	cp float8,
	cv float8,
	w float8,
	x float8
);
COMMENT ON TYPE thermaliq.water_props IS
'IAPWS-IF97 state: region (1 liquid, 2 vapour, 3 near-critical, 4 saturation line or two-phase, 5 high-temperature steam), p MPa, T K, v m3/kg, rho kg/m3, h and u kJ/kg, s, cp, cv kJ/(kg K), w m/s, x vapour quality (NULL outside region 4; cp, cv, w NULL for 0 < x < 1)';

CREATE FUNCTION thermaliq.if97_pt(p_mpa float8, t_k float8)
RETURNS thermaliq.water_props
AS 'MODULE_PATHNAME', 'if97_pt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.if97_pt(float8, float8) IS
'IAPWS-IF97 properties of water/steam at pressure p_mpa (MPa) and temperature t_k (K), regions 1, 2, 3 and 5 chosen by the formulation (B23 boundary); out of range: ERROR 22003';

CREATE FUNCTION thermaliq.if97_ph(p_mpa float8, h float8)
RETURNS thermaliq.water_props
AS 'MODULE_PATHNAME', 'if97_ph'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.if97_ph(float8, float8) IS
'IAPWS-IF97 properties at pressure p_mpa (MPa) and specific enthalpy h (kJ/kg); backward equations refined by Newton on the forward equations; inside the two-phase dome region 4 with quality x; h outside the range at that pressure: ERROR 22003';

CREATE FUNCTION thermaliq.if97_ps(p_mpa float8, s float8)
RETURNS thermaliq.water_props
AS 'MODULE_PATHNAME', 'if97_ps'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.if97_ps(float8, float8) IS
'IAPWS-IF97 properties at pressure p_mpa (MPa) and specific entropy s (kJ/(kg K)); backward equations refined by Newton on the forward equations; inside the two-phase dome region 4 with quality x; s outside the range at that pressure: ERROR 22003';

CREATE FUNCTION thermaliq.if97_px(p_mpa float8, x float8)
RETURNS thermaliq.water_props
AS 'MODULE_PATHNAME', 'if97_px'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.if97_px(float8, float8) IS
'IAPWS-IF97 saturation state (region 4) at pressure p_mpa (0.000611213-22.064 MPa) and vapour quality x (0 saturated liquid .. 1 saturated vapour); x outside [0,1] or p outside the saturation line: ERROR 22003';

CREATE FUNCTION thermaliq.if97_tx(t_k float8, x float8)
RETURNS thermaliq.water_props
AS 'MODULE_PATHNAME', 'if97_tx'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.if97_tx(float8, float8) IS
'IAPWS-IF97 saturation state (region 4) at temperature t_k (273.15-647.096 K) and vapour quality x (0 saturated liquid .. 1 saturated vapour); x outside [0,1] or T outside the saturation line: ERROR 22003';

CREATE FUNCTION thermaliq.if97_psat(t_k float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'if97_psat'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.if97_psat(float8) IS
'IAPWS-IF97 saturation pressure (MPa) at temperature t_k (273.15-647.096 K); outside: ERROR 22003';

CREATE FUNCTION thermaliq.if97_tsat(p_mpa float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'if97_tsat'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.if97_tsat(float8) IS
'IAPWS-IF97 saturation temperature (K) at pressure p_mpa (0.000611213-22.064 MPa); outside: ERROR 22003';

CREATE FUNCTION thermaliq.water_exergy_kj_kg(p_mpa float8, t_k float8, p0_mpa float8, t0_k float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'water_exergy_kj_kg'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.water_exergy_kj_kg(float8, float8, float8, float8) IS
'Specific flow exergy of water/steam in kJ/kg, (h - h0) - t0_k (s - s0), state (p_mpa, t_k) against the dead state (p0_mpa, t0_k), IAPWS-IF97; out of range: ERROR 22003';
