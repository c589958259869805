-- pgTAP: one error module, one SQLSTATE per kind of bad input, no XX000
-- and no silent NaN/Infinity (issue #10, deliverable 3). Before:
--   if97_ps(9.3e-71, 81.9)         XX000 "iteration did not converge"
--   if97_pt(5e-324, 1073.15)       v = Infinity, s = -Infinity
--   carnot_factor(1e-300, 298.15)  -2.98e302
--   fuel_power_kw('methane', 1e308, 'hhv')  Infinity
--   time_weight NaN 22023, convert NaN 22003: now 22003 everywhere.
BEGIN;
SELECT plan(24);
SET LOCAL search_path = thermaliq, public;

-- ---- the four probes: 22003, the message naming the bound
SELECT throws_ok($$SELECT if97_ps(9.3e-71, 81.9)$$, '22003',
	'pressure 9.3e-71 MPa is below the lower limit of 1e-20 MPa', 'if97_ps(9.3e-71, 81.9) is 22003 naming the bound (was XX000)');
SELECT throws_ok($$SELECT if97_pt(5e-324, 1073.15)$$, '22003',
	'pressure 4.940656458e-324 MPa is below the lower limit of 1e-20 MPa', 'if97_pt(5e-324, 1073.15) is 22003 (was v = Infinity)');
SELECT throws_ok($$SELECT carnot_factor(1e-300, 298.15)$$, '22003',
	'p_t_k 1e-300 K is below the lower bound 1 K', 'carnot_factor(1e-300, 298.15) is 22003 (was -2.98e302)');
-- methane HHV 55.5152 MJ/kg: 1e308 kg/h x 55.5152 / 3.6 = 1.54e309 kW > 1.8e308;
-- the largest flow is 1.7976931348623157e308 x 3.6 / 55.5152 = 1.16575e+307 kg/h
SELECT throws_ok($$SELECT fuel_power_kw('methane', 1e308, 'hhv')$$, '22003',
	'p_flow_kg_h 1e+308 kg/h is beyond the limit of 1.16575e+307 kg/h', 'fuel_power_kw(methane, 1e308) is 22003 naming the limit (was Infinity)');

-- ---- the ranges still hold inside: values from the references
-- IF97 Table 15 (region 2): T = 300 K, p = 0.0035 MPa: v = 39.4913866 m3/kg
SELECT is(round((if97_pt(0.0035, 300)).v::numeric, 7), 39.4913866, 'region 2 at 0.0035 MPa, 300 K is IF97 Table 15');
-- at the floor, an ideal gas: v = R T / p = 0.461526 x 1073.15 / 1e-20 / 1000
SELECT ok(abs((if97_pt(1e-20, 1073.15)).v / (0.461526 * 1073.15 / 1e-20 / 1000) - 1) < 1e-9,
	'at 1e-20 MPa the vapour is the ideal gas R T / p');
-- below the triple-point pressure T(p,s) starts from the ideal gas: it used
-- to fail (XX000) for every s at 1e-6 MPa; the state of if97_pt round-trips
SELECT is(round((if97_ps(1e-6, (if97_pt(1e-6, 500)).s)).t_k::numeric, 6), 500.000000,
	'if97_ps at 1e-6 MPa finds T = 500 K back (was XX000)');
SELECT is(round((if97_ph(1e-9, (if97_pt(1e-9, 1500)).h)).t_k::numeric, 6), 1500.000000,
	'if97_ph at 1e-9 MPa finds T = 1500 K back');
SELECT is(round((if97_ps(9.3e-70 * 1e50, (if97_pt(9.3e-20, 800)).s)).t_k::numeric, 6), 800.000000,
	'if97_ps just above the floor finds T = 800 K back');
SELECT is(carnot_factor(1, 300), -299::float8, 'carnot_factor at the 1 K bound is 1 - 300 = -299');
SELECT is(fuel_power_kw('methane', 3.6, 'hhv'), 55.5152::float8, '3.6 kg/h of methane is 55.5152 kW HHV');

-- ---- every other overflow of a product is 22003 too
SELECT throws_ok($$SELECT heat_exergy_kw(1e308, 1, 1e300)$$, '22003', NULL, 'heat_exergy_kw overflow is 22003');
SELECT throws_ok($$SELECT stream_heat_exergy_kw(1e308, 1, 2, 1e300)$$, '22003', NULL, 'stream_heat_exergy_kw overflow is 22003');
SELECT throws_ok($$SELECT co2_kg('methane', 1e308, 'lhv')$$, '22003', NULL, 'co2_kg overflow is 22003');
SELECT throws_ok($$SELECT convert(1e308, 'MWh', 'kWh')$$, '22003', NULL, 'convert overflow is 22003');

-- ---- NaN is 22003 everywhere
SELECT throws_ok($$SELECT if97_pt('NaN', 300)$$, '22003', NULL, 'NaN in if97_pt: 22003');
SELECT throws_ok($$SELECT carnot_factor('NaN', 300)$$, '22003', NULL, 'NaN in carnot_factor: 22003');
SELECT throws_ok($$SELECT fuel_power_kw('methane', 'NaN', 'hhv')$$, '22003', NULL, 'NaN in fuel_power_kw: 22003');
SELECT throws_ok($$SELECT convert('NaN'::float8, 'kW', 'MW')$$, '22003', NULL, 'NaN in convert: 22003');
SELECT throws_ok($$SELECT excess_air_pct('NaN')$$, '22003', NULL, 'NaN in excess_air_pct: 22003');
SELECT throws_ok($$SELECT time_weight(now(), 'NaN')$$, '22003', NULL, 'NaN in time_weight: 22003');
SELECT throws_ok($$SELECT meter_agg(now(), 1::float8, 'NaN'::float8, NULL)$$, '22003', NULL, 'NaN rollover in meter_agg: 22003');

-- ---- a choice that does not exist is 22023
SELECT throws_ok($$SELECT fuel_power_kw('methane', 1, 'gross')$$, '22023', NULL, 'an unknown basis is 22023');
SELECT throws_ok($$SELECT convert(1, 'kW', 'parsec')$$, '22023', NULL, 'an unknown unit is 22023');

SELECT * FROM finish();
ROLLBACK;
