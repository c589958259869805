-- pgTAP: the fuels table (seed consistency, CHECK constraints, dump/restore
-- trigger) and the error contract of the fuel, combustion and exergy
-- functions. Numbers are derived in test/unit/combustion_test.c.
BEGIN;
SELECT plan(59);

-- the table
SELECT has_table('thermaliq', 'fuels', 'thermaliq.fuels exists');
SELECT col_is_pk('thermaliq', 'fuels', 'fuel_id', 'fuel_id is the primary key');
SELECT columns_are('thermaliq', 'fuels', ARRAY['fuel_id', 'name', 'hhv_mj_kg', 'lhv_mj_kg',
	'density_kg_m3', 'carbon', 'hydrogen', 'oxygen', 'nitrogen', 'sulfur', 'moisture', 'ash',
	'co2_kg_per_gj_lhv', 'exergy_factor_lhv', 'siegert_a1', 'siegert_b'], 'fuels has the documented columns');
SELECT col_not_null('thermaliq', 'fuels', 'hhv_mj_kg', 'hhv_mj_kg NOT NULL');
SELECT col_not_null('thermaliq', 'fuels', 'lhv_mj_kg', 'lhv_mj_kg NOT NULL');
SELECT ok((SELECT 'thermaliq.fuels'::regclass = ANY (extconfig) FROM pg_extension WHERE extname = 'thermaliq'),
	'fuels is an extension configuration table (dumped by pg_dump)');
SELECT is((SELECT extcondition[array_position(extconfig, 'thermaliq.fuels'::regclass)]
	FROM pg_extension WHERE extname = 'thermaliq'), '', 'all rows are dumped (empty filter)');

-- the seeds
SELECT bag_has('SELECT fuel_id FROM thermaliq.fuels',
	$$VALUES ('methane'), ('natural_gas'), ('propane'), ('fuel_oil_2'), ('fuel_oil_6'),
	         ('bituminous_coal'), ('wood'), ('hydrogen')$$,
	'the documented fuels are seeded');
SELECT is((SELECT count(*) FROM thermaliq.fuels f
	WHERE abs(f.lhv_mj_kg / (f.hhv_mj_kg - 2.442 * (18.015 / 2.016 * f.hydrogen + f.moisture)) - 1) > 0.01),
	0::bigint, 'every seeded LHV = HHV - 2.442 (8.936 H + moisture) within 1 %');
SELECT is((SELECT count(*) FROM thermaliq.fuels f
	WHERE abs(f.lhv_mj_kg - (f.hhv_mj_kg - 2.442 * (18.015 / 2.016 * f.hydrogen + f.moisture))) > 1e-4),
	0::bigint, 'in fact to the 4 decimals stored');
SELECT is((SELECT count(*) FROM thermaliq.fuels
	WHERE abs(carbon + hydrogen + oxygen + nitrogen + sulfur + moisture + ash - 1) > 0.005),
	0::bigint, 'every seeded analysis sums to 1 within 0.005');
SELECT is((SELECT count(*) FROM thermaliq.fuels
	WHERE abs(co2_kg_per_gj_lhv - carbon * 44.009 / 12.011 / lhv_mj_kg * 1000) > 1e-3),
	0::bigint, 'every seeded CO2 factor = C x 44.009/12.011 / LHV');
SELECT is((SELECT count(*) FROM thermaliq.fuels WHERE exergy_factor_lhv IS NULL), 0::bigint,
	'every seeded fuel has an exergy factor');
SELECT is((SELECT count(*) FROM thermaliq.fuels
	WHERE abs(hhv_mj_kg / (35.16 * carbon + 116.225 * hydrogen - 11.09 * oxygen + 6.28 * nitrogen + 10.465 * sulfur) - 1) > 0.01
	  AND fuel_id <> 'hydrogen'),
	0::bigint, 'every seeded HHV agrees with the Boie correlation from its analysis within 1 % (hydrogen aside)');
SELECT results_eq('SELECT fuel_id FROM thermaliq.fuels WHERE siegert_a1 IS NOT NULL ORDER BY 1',
	ARRAY['fuel_oil_2', 'natural_gas', 'propane'], 'Siegert coefficients for gas, heating oil and LPG only');
SELECT results_eq('SELECT * FROM thermaliq.fuels ORDER BY fuel_id',
	'SELECT * FROM thermaliq.fuel_seed_rows() ORDER BY fuel_id', 'the table holds exactly fuel_seed_rows()');

-- CHECK constraints reject bad rows (23514), NOT NULL (23502)
SELECT throws_ok($$INSERT INTO thermaliq.fuels (fuel_id, hhv_mj_kg, lhv_mj_kg, carbon, hydrogen)
	VALUES ('bad', 50, 45, 1.5, -0.5)$$, '23514', NULL, 'a fraction above 1 is rejected');
SELECT throws_ok($$INSERT INTO thermaliq.fuels (fuel_id, hhv_mj_kg, lhv_mj_kg, carbon, hydrogen)
	VALUES ('bad', 50, 45, 0.7, 0.2)$$, '23514', NULL, 'fractions summing to 0.9 are rejected');
SELECT throws_ok($$INSERT INTO thermaliq.fuels (fuel_id, hhv_mj_kg, lhv_mj_kg, carbon, hydrogen)
	VALUES ('bad', 45, 50, 0.75, 0.25)$$, '23514', NULL, 'LHV above HHV is rejected');
SELECT throws_ok($$INSERT INTO thermaliq.fuels (fuel_id, hhv_mj_kg, lhv_mj_kg, carbon, hydrogen)
	VALUES ('bad', -50, -55, 0.75, 0.25)$$, '23514', NULL, 'a negative heating value is rejected');
SELECT throws_ok($$INSERT INTO thermaliq.fuels (fuel_id, hhv_mj_kg, lhv_mj_kg, carbon, hydrogen)
	VALUES ('bad', 'NaN', 50, 0.75, 0.25)$$, '23514', NULL, 'a NaN heating value is rejected');
SELECT throws_ok($$INSERT INTO thermaliq.fuels (fuel_id, hhv_mj_kg, lhv_mj_kg, carbon, hydrogen, moisture)
	VALUES ('bad', 50, 45, 0.75, 0.25, 'NaN')$$, '23514', NULL, 'a NaN fraction is rejected');
SELECT throws_ok($$INSERT INTO thermaliq.fuels (fuel_id, hhv_mj_kg, lhv_mj_kg, carbon, hydrogen, siegert_a1)
	VALUES ('bad', 50, 45, 0.75, 0.25, 0.4)$$, '23514', NULL, 'A1 without B is rejected');
SELECT throws_ok($$UPDATE thermaliq.fuels SET exergy_factor_lhv = 0 WHERE fuel_id = 'methane'$$,
	'23514', NULL, 'a zero exergy factor is rejected');
SELECT throws_ok($$INSERT INTO thermaliq.fuels (fuel_id, lhv_mj_kg, carbon, hydrogen)
	VALUES ('bad', 45, 0.75, 0.25)$$, '23502', NULL, 'a missing HHV is rejected');

-- user fuels work at once; the restore trigger
INSERT INTO thermaliq.fuels (fuel_id, name, hhv_mj_kg, lhv_mj_kg, carbon, hydrogen, exergy_factor_lhv)
VALUES ('my_gas', 'test gas', 55.5, 50.0, 0.75, 0.25, 1.04);
SELECT is(thermaliq.fuel_power_kw('my_gas', 36, 'lhv'), 500::float8, 'a user fuel is usable at once: 36 kg/h x 50 MJ/kg / 3.6 = 500 kW');
SELECT throws_ok($$INSERT INTO thermaliq.fuels (fuel_id, hhv_mj_kg, lhv_mj_kg, carbon, hydrogen)
	VALUES ('my_gas', 50, 45, 0.75, 0.25)$$, '23505', NULL, 'a duplicate user fuel is a unique violation');
INSERT INTO thermaliq.fuels SELECT * FROM thermaliq.fuels WHERE fuel_id = 'propane';
SELECT is((SELECT count(*) FROM thermaliq.fuels WHERE fuel_id = 'propane'), 1::bigint,
	'restoring an untouched seed row replaces it (no duplicate, no error)');
INSERT INTO thermaliq.fuels (fuel_id, name, hhv_mj_kg, lhv_mj_kg, exergy_factor_lhv, carbon, hydrogen)
SELECT 'wood', 'restored edit', 16.5, 15.0, 1.16, s.carbon, s.hydrogen + s.oxygen + s.nitrogen + s.sulfur + s.moisture + s.ash
FROM thermaliq.fuel_seed_rows() s WHERE s.fuel_id = 'wood';
SELECT is((SELECT name || ' ' || hhv_mj_kg FROM thermaliq.fuels WHERE fuel_id = 'wood'), 'restored edit 16.5',
	'a dumped edit of a seed row is restored over the seed');
SELECT throws_ok($$INSERT INTO thermaliq.fuels SELECT * FROM thermaliq.fuel_seed_rows() WHERE fuel_id = 'wood'$$,
	'23505', NULL, 'an edited seed row is not silently overwritten');

-- the acceptance numbers
SELECT ok(abs(thermaliq.stoichiometric_air('methane') / 17.2 - 1) <= 0.005,
	'methane stoichiometric air 17.2 kg/kg within 0.5 %');
SELECT ok(abs(thermaliq.fuel_exergy_kw('methane', 1, 'lhv') - 1.04) < 0.005, 'methane exergy factor near 1.04 on LHV');
SELECT ok(abs(thermaliq.fuel_exergy_kw('methane', 1, 'hhv') - 0.93) < 0.005, 'methane exergy factor near 0.93 on HHV');
SELECT is((SELECT count(*) FROM thermaliq.fuels
	WHERE abs(thermaliq.fuel_exergy_kw(fuel_id, thermaliq.fuel_power_kw(fuel_id, 100, 'lhv'), 'lhv')
	        - thermaliq.fuel_exergy_kw(fuel_id, thermaliq.fuel_power_kw(fuel_id, 100, 'hhv'), 'hhv')) > 1e-9),
	0::bigint, 'the same fuel flow has the same exergy on either basis, every fuel');
SELECT is((SELECT count(*) FROM thermaliq.fuels f,
	thermaliq.combustion_losses(f.fuel_id, 180, 25, 3, 0, 'hhv') h,
	thermaliq.combustion_losses(f.fuel_id, 180, 25, 3, 0, 'lhv') l
	WHERE abs((f.hhv_mj_kg * h.combustion_efficiency_pct - f.lhv_mj_kg * l.combustion_efficiency_pct) / 100
	          - (f.hhv_mj_kg - f.lhv_mj_kg - 2.442 * (18.015 / 2.016 * f.hydrogen + f.moisture))) > 1e-9),
	0::bigint, 'useful heat HHV x eff_hhv - LHV x eff_lhv is exactly the rounding of the stored LHV, every fuel');
SELECT ok((SELECT abs(thermaliq.siegert_loss_pct('natural_gas', 180, 25,
		100 * 0.727045 / 12.011 / ((0.727045 / 12.011 + 0.016544 / 28.014
		 + 0.7905 / 0.2095 * (0.727045 / 12.011 + 0.237515 / 4.032 - 0.018896 / 31.998)) / (1 - 0.03 / 0.2095)))
	- l.total_pct) < 0.3 FROM thermaliq.combustion_losses('natural_gas', 180, 25, 3, 0, 'lhv') l),
	'Siegert agrees with the LHV mass balance within 0.3 %-points for natural gas at 3 % O2');
SELECT ok((SELECT excess_air_pct < thermaliq.excess_air_pct(3) FROM thermaliq.combustion_losses('methane', 180, 25, 3)),
	'the mass-balance excess air of methane (14.96 %) is below the simple formula (16.71 %)');

-- error contract: unknown fuel or basis 22023, ranges and NaN 22003
SELECT throws_ok($$SELECT thermaliq.fuel_power_kw('nope', 1, 'lhv')$$, '22023', 'unknown fuel "nope"', 'unknown fuel');
SELECT throws_ok($$SELECT thermaliq.fuel_power_kw('methane', 1, 'gcv')$$, '22023', 'unknown heating value basis "gcv"', 'unknown basis');
SELECT throws_ok($$SELECT thermaliq.co2_kg('methane', 1, '')$$, '22023', NULL, 'empty basis');
SELECT throws_ok($$SELECT * FROM thermaliq.combustion_losses('nope', 180, 25, 3)$$, '22023', NULL, 'combustion_losses: unknown fuel');
SELECT throws_ok($$SELECT * FROM thermaliq.combustion_losses('methane', 180, 25, 3, 0, 'xhv')$$, '22023', NULL, 'combustion_losses: unknown basis');
SELECT throws_ok($$SELECT thermaliq.siegert_loss_pct('wood', 180, 25, 10)$$, '22023', 'fuel "wood" has no Siegert coefficients', 'Siegert without coefficients');
SELECT throws_ok($$SELECT thermaliq.fuel_exergy_kw('nope', 1, 'lhv')$$, '22023', NULL, 'fuel_exergy_kw: unknown fuel');
SELECT throws_ok($$SELECT thermaliq.excess_air_pct(20.95)$$, '22003', 'O2 20.95 % is outside the range [0, 20.95)', 'O2 at the air value');
SELECT throws_ok($$SELECT thermaliq.excess_air_pct('NaN')$$, '22003', NULL, 'O2 NaN');
SELECT throws_ok($$SELECT * FROM thermaliq.combustion_losses('methane', 180, 25, -1)$$, '22003', NULL, 'negative O2');
SELECT throws_ok($$SELECT * FROM thermaliq.combustion_losses('methane', 100, 120, 3)$$, '22003', NULL, 'flue gas colder than air');
SELECT throws_ok($$SELECT * FROM thermaliq.combustion_losses('methane', 'Infinity', 25, 3)$$, '22003', NULL, 'infinite flue gas temperature');
SELECT throws_ok($$SELECT * FROM thermaliq.combustion_losses('methane', 180, -80, 3)$$, '22003', NULL, 'air below -50 degC');
SELECT throws_ok($$SELECT * FROM thermaliq.combustion_losses('methane', 180, 25, 3, 'NaN')$$, '22003', NULL, 'CO NaN');
SELECT throws_ok($$SELECT thermaliq.siegert_loss_pct('natural_gas', 180, 25, 0)$$, '22003', NULL, 'Siegert CO2 0');
SELECT throws_ok($$SELECT thermaliq.fuel_power_kw('methane', 'NaN', 'lhv')$$, '22003', NULL, 'flow NaN');
SELECT throws_ok($$SELECT thermaliq.co2_kg('methane', '-Infinity', 'lhv')$$, '22003', NULL, 'energy -Infinity');
SELECT throws_ok($$SELECT thermaliq.carnot_factor(-1, 300)$$, '22003', 'p_t_k -1 K is not above the lower bound 0 K', 'negative T');
SELECT throws_ok($$SELECT thermaliq.heat_exergy_kw(1, 300, 0)$$, '22003', NULL, 'T0 = 0 K');
SELECT throws_ok($$SELECT thermaliq.stream_heat_exergy_kw(1, 'NaN', 300, 300)$$, '22003', NULL, 'stream T NaN');

-- a non-superuser can use the fuel functions (SELECT on fuels is granted to PUBLIC)
CREATE ROLE tq_fuel_reader NOLOGIN;
GRANT USAGE ON SCHEMA thermaliq TO tq_fuel_reader;
SET LOCAL ROLE tq_fuel_reader;
SELECT ok(thermaliq.fuel_power_kw('natural_gas', 3.6, 'hhv') = 52.9259, 'an ordinary role reads fuels through the functions');
SELECT throws_ok($$UPDATE thermaliq.fuels SET hhv_mj_kg = 1 WHERE fuel_id = 'methane'$$, '42501', NULL,
	'an ordinary role cannot edit the fuels');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
