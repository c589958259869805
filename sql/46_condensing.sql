-- Condensing and humid air (issue 14, item 1-2): combustion_losses() with
-- dew_point_c and condensed_fraction, air_humidity_ratio().
-- Reference values: test/oracle/condensing_oracle.py, an independent
-- molecule-by-molecule balance of the seeded gas with python3-iapws water
-- properties (numbers quoted below); test/unit/condensing_test.c derives
-- the same by hand where it can.
SET extra_float_digits = 0;

-- The result has the 1.0 columns and the two 1.1 columns, appended.
SELECT unnest(proargnames[8:]) FROM pg_proc
WHERE oid = 'thermaliq.combustion_losses(text, float8, float8, float8, float8, text, float8)'::regprocedure;

-- Acceptance: natural gas, 3 % O2, 45 degC stack, 20 degC air. Oracle:
-- dew point 56.2795740 degC, 47.2010 % of the water condensed, efficiency
-- 103.8898 % LHV and 93.7159 % HHV (C: ideal-gas vapour, h_fg credit;
-- within 0.01 points, see condensing_test.c). On LHV above 100 %.
SELECT p_basis, round(dew_point_c::numeric, 2) AS dew_point_c,
       round(condensed_fraction::numeric, 4) AS condensed_fraction,
       round(moisture_pct::numeric, 2) AS moisture_pct,
       round(combustion_efficiency_pct::numeric, 2) AS efficiency_pct,
       abs(combustion_efficiency_pct - CASE p_basis WHEN 'lhv' THEN 103.889769237 ELSE 93.7159258756 END) < 0.01 AS oracle_0_01
FROM unnest(ARRAY['lhv', 'hhv']) p_basis,
     thermaliq.combustion_losses('natural_gas', 45, 20, 3, 0, p_basis);

-- One useful heat on both bases: LHV (100 - total_lhv) = HHV (100 - total_hhv).
SELECT abs(f.lhv_mj_kg * (100 - l.total_pct) / (f.hhv_mj_kg * (100 - h.total_pct)) - 1) < 1e-6 AS same_useful_heat
FROM thermaliq.fuels f,
     thermaliq.combustion_losses('natural_gas', 45, 20, 3, 0, 'lhv') l,
     thermaliq.combustion_losses('natural_gas', 45, 20, 3, 0, 'hhv') h
WHERE f.fuel_id = 'natural_gas';

-- Stack temperatures across the dew point: nothing condenses above it, the
-- fraction grows below it; the dew point depends on the O2 only.
SELECT t, o2, round(dew_point_c::numeric, 2) AS dew_point_c,
       round(condensed_fraction::numeric, 4) AS condensed_fraction,
       round(combustion_efficiency_pct::numeric, 2) AS efficiency_lhv
FROM (VALUES (120), (60), (56), (50), (45), (35), (30)) a(t),
     (VALUES (3.0), (6.0)) b(o2),
     thermaliq.combustion_losses('natural_gas', t, 20, o2, 0, 'lhv')
ORDER BY o2, t DESC;

-- Fuels: hydrogen has the highest dew point, then the gases and wood (20 %
-- moisture); fuel oils and the coal (less hydrogen per flue gas) lower.
SELECT fuel_id, round(dew_point_c::numeric, 1) AS dew_point_c_at_3pct_o2
FROM thermaliq.fuels, thermaliq.combustion_losses(fuel_id, 150, 20, 3, 0, 'hhv')
ORDER BY dew_point_c DESC;

-- Humidity ratio: by hand at 300 K saturated, psat = 3.53658941 kPa (IF97
-- verification table): 18.015/28.96603 x 3.53658941 / (101.325 -
-- 3.53658941) = 0.0224927; 35 degC saturated: oracle 0.0365806728.
SELECT round(thermaliq.air_humidity_ratio(26.85, 100)::numeric, 7) AS w_300k,
       round(thermaliq.air_humidity_ratio(35, 100)::numeric, 8) AS w_35c,
       round(thermaliq.air_humidity_ratio(35, 60)::numeric, 8) AS w_35c_60pct,
       thermaliq.air_humidity_ratio(20, 0) AS w_dry,
       round(thermaliq.air_humidity_ratio(35, 100, 90)::numeric, 8) AS w_35c_90kpa;

-- Humid combustion air (7th argument, relative humidity at the air
-- temperature): natural gas, 180 degC stack, 35 degC air. Oracle: dry
-- 93.30138 %, 60 % RH 93.06800 %, saturated 92.90327 % LHV (0.398 points,
-- issue 14: up to 0.4); dew point 56.28 -> 59.34 -> 61.20 degC. Humid and
-- condensing (40 degC stack, 25 degC air at 60 %, 3.5 % O2): oracle dew
-- point 57.594 degC, 63.18 % condensed, 106.787 % LHV.
SELECT rh, round(dew_point_c::numeric, 2) AS dew_point_c,
       round(combustion_efficiency_pct::numeric, 3) AS efficiency_lhv,
       abs(combustion_efficiency_pct - CASE rh WHEN 0 THEN 93.3013758365 WHEN 60 THEN 93.0680008753
           ELSE 92.9032665493 END) < 0.01 AS oracle_0_01
FROM (VALUES (0), (60), (100)) v(rh),
     thermaliq.combustion_losses('natural_gas', 180, 35, 3, 0, 'lhv', rh);
SELECT round(dew_point_c::numeric, 2) AS dew_point_c, round(condensed_fraction::numeric, 4) AS condensed_fraction,
       abs(combustion_efficiency_pct - 106.786913009) < 0.01 AS oracle_0_01
FROM thermaliq.combustion_losses('natural_gas', 40, 25, 3.5, 0, 'lhv', 60);

-- Errors (SQLSTATE 22003 each: test/pgtap/46_physics.sql), NULL in NULL
-- out (STRICT).
\set VERBOSITY terse
SELECT thermaliq.air_humidity_ratio(120, 50);
SELECT thermaliq.air_humidity_ratio(20, 101);
SELECT thermaliq.air_humidity_ratio(-46, 50);
SELECT thermaliq.air_humidity_ratio(20, 'NaN');
SELECT thermaliq.air_humidity_ratio(99, 100, 90);
SELECT thermaliq.air_humidity_ratio(20, NULL) IS NULL AS strict_null;
SELECT * FROM thermaliq.combustion_losses('natural_gas', 30, 40, 3, 0, 'lhv');
SELECT * FROM thermaliq.combustion_losses('natural_gas', 180, 120, 3, 0, 'lhv', 50);
SELECT * FROM thermaliq.combustion_losses('natural_gas', 180, 20, 3, 0, 'lhv', 120);
\set VERBOSITY default
