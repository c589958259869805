-- pgTAP: the 1.1 physics functions (issue 14): result columns, markings,
-- and the SQLSTATE of every error case. Numbers are checked in
-- sql/46_condensing.sql, sql/47_physics.sql and the unit tests.
BEGIN;
SELECT plan(43);

-- combustion_losses: the 1.0 columns, then the two 1.1 columns appended
SELECT is((SELECT proargnames[8:] FROM pg_proc
	WHERE oid = 'thermaliq.combustion_losses(text, float8, float8, float8, float8, text, float8)'::regprocedure),
	ARRAY['dry_flue_gas_pct', 'moisture_pct', 'co_pct', 'total_pct', 'combustion_efficiency_pct',
	      'excess_air_pct', 'dew_point_c', 'condensed_fraction'],
	'combustion_losses returns the 1.0 columns and dew_point_c, condensed_fraction');
SELECT ok((SELECT condensed_fraction = 0 FROM thermaliq.combustion_losses('natural_gas', 150, 20, 3)),
	'above the dew point nothing condenses');
SELECT ok((SELECT combustion_efficiency_pct > 100 FROM thermaliq.combustion_losses('natural_gas', 45, 20, 3, 0, 'lhv')),
	'a condensing efficiency above 100 % LHV is reported as such');
SELECT ok((SELECT abs(dew_point_c - 56.3) <= 0.3 FROM thermaliq.combustion_losses('natural_gas', 45, 20, 3, 0, 'lhv')),
	'natural gas 3 % O2: dew point 56.3 +- 0.3 degC');
SELECT ok((SELECT abs(combustion_efficiency_pct - 103.9) <= 0.2 FROM thermaliq.combustion_losses('natural_gas', 45, 20, 3, 0, 'lhv')),
	'natural gas 3 % O2, 45 degC stack: 103.9 +- 0.2 % LHV');

-- markings
SELECT is((SELECT string_agg(p.proname || ' ' || p.provolatile::text || p.proisstrict::text || p.proparallel::text, ', ' ORDER BY p.proname)
	FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
	WHERE n.nspname = 'thermaliq' AND p.proname IN ('combustion_losses', 'air_humidity_ratio',
		'radiation_loss_pct', 'surface_loss_kw', 'water_heat_flow', 'standard_uncertainty',
		'uncertainty_combine', 'uncertainty_budget')),
	'air_humidity_ratio itrues, combustion_losses strues, radiation_loss_pct itrues, standard_uncertainty itrues, surface_loss_kw itrues, uncertainty_budget itrues, uncertainty_combine itrues, water_heat_flow ifalses',
	'volatility, strictness and parallel safety as documented');
SELECT is((SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
	WHERE n.nspname = 'thermaliq' AND p.proname IN ('combustion_losses', 'air_humidity_ratio',
		'radiation_loss_pct', 'surface_loss_kw', 'water_heat_flow', 'standard_uncertainty',
		'uncertainty_combine', 'uncertainty_budget', 'output_streams', 'analyze_uncertainty',
		'fuel_class', 'benchmark_group', 'benchmark_percentile')
	  AND obj_description(p.oid, 'pg_proc') IS NULL), 0::bigint, 'every new function has a comment');
SELECT is((SELECT string_agg(p.proname || ' ' || p.provolatile::text || p.proparallel::text, ', ' ORDER BY p.proname)
	FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
	WHERE n.nspname = 'thermaliq' AND p.proname IN ('output_streams', 'analyze_uncertainty', 'fuel_class', 'benchmark_group')),
	'analyze_uncertainty ss, benchmark_group ss, fuel_class ss, output_streams sr',
	'plant and table-reading functions are STABLE; output_streams PARALLEL RESTRICTED (SPI)');
SELECT is((SELECT array_agg(thermaliq.fuel_class(fuel_id) ORDER BY fuel_id) FROM thermaliq.fuels
	WHERE fuel_id IN ('bituminous_coal', 'fuel_oil_2', 'hydrogen', 'natural_gas', 'wood')),
	ARRAY['solid', 'oil', 'gas', 'gas', 'biomass'], 'fuel classes of the seeded fuels (wood is biomass: biogenic CO2)');

-- errors of combustion_losses (22003 range, 22023 invalid)
SELECT throws_ok($$SELECT * FROM thermaliq.combustion_losses('natural_gas', 30, 40, 3)$$, '22003', NULL,
	'flue gas colder than the air: 22003');
SELECT throws_ok($$SELECT * FROM thermaliq.combustion_losses('natural_gas', -5, -10, 3, 0, 'lhv')$$, '22003', NULL,
	'flue gas below 0 degC under its dew point: 22003');
SELECT throws_ok($$SELECT * FROM thermaliq.combustion_losses('natural_gas', 45, 20, 3, 0, 'net')$$, '22023', NULL,
	'unknown basis: 22023');
SELECT throws_ok($$SELECT * FROM thermaliq.combustion_losses('no_such_fuel', 45, 20, 3)$$, '22023', NULL,
	'unknown fuel: 22023');

SELECT throws_ok($$SELECT * FROM thermaliq.combustion_losses('natural_gas', 180, 20, 3, 0, 'lhv', 120)$$, '22003', NULL,
	'humidity 120 %: 22003');
SELECT throws_ok($$SELECT * FROM thermaliq.combustion_losses('natural_gas', 180, 120, 3, 0, 'lhv', 50)$$, '22003', NULL,
	'humid air at 120 degC: 22003');

-- air_humidity_ratio
SELECT throws_ok($$SELECT thermaliq.air_humidity_ratio(120, 50)$$, '22003', NULL, 'air at 120 degC: 22003');
SELECT throws_ok($$SELECT thermaliq.air_humidity_ratio(-46, 50)$$, '22003', NULL, 'air at -46 degC: 22003');
-- below 0.01 degC over supercooled water (WMO-No. 8 Annex 4.B, RH over
-- water as hygrometers state it): 611.2 exp(17.62 t / (243.12 + t)) Pa,
-- -5 degC 50 %: w = 0.0012983948350805121 (test/unit/condensing_test.c)
SELECT ok(abs(thermaliq.air_humidity_ratio(-5, 50) / 0.0012983948350805121 - 1) < 1e-12,
	'air at -5 degC, 50 %: humidity ratio over supercooled water');
SELECT throws_ok($$SELECT thermaliq.air_humidity_ratio(20, 101)$$, '22003', NULL, '101 % RH: 22003');
SELECT throws_ok($$SELECT thermaliq.air_humidity_ratio(20, 'NaN')$$, '22003', NULL, 'NaN RH: 22003');
SELECT throws_ok($$SELECT thermaliq.air_humidity_ratio(99, 100, 90)$$, '22003', NULL, 'boiling air: 22003');
SELECT throws_ok($$SELECT thermaliq.air_humidity_ratio(20, 50, 0)$$, '22003', NULL, 'zero pressure: 22003');

-- casing loss
SELECT throws_ok($$SELECT thermaliq.radiation_loss_pct(1, 2000, 0)$$, '22003', NULL, 'zero load: 22003');
SELECT throws_ok($$SELECT thermaliq.radiation_loss_pct(25, 2000, 100)$$, '22003', NULL, 'rated loss 25 %: 22003');
SELECT throws_ok($$SELECT thermaliq.radiation_loss_pct('Infinity', 2000, 100)$$, '22003', NULL, 'infinite loss: 22003');
SELECT throws_ok($$SELECT thermaliq.surface_loss_kw(-1, 60, 20)$$, '22003', NULL, 'negative area: 22003');
SELECT throws_ok($$SELECT thermaliq.surface_loss_kw(50, 60, 20, 1.5)$$, '22003', NULL, 'emissivity 1.5: 22003');
SELECT throws_ok($$SELECT thermaliq.surface_loss_kw(50, 900, 20)$$, '22003', NULL, 'surface 900 degC: 22003');

-- water_heat_flow
SELECT throws_ok($$SELECT * FROM thermaliq.water_heat_flow(1000, 'steam', 1.0, 150, 105, 15)$$, '22003', NULL,
	'steam colder than saturation: 22003');
SELECT throws_ok($$SELECT * FROM thermaliq.water_heat_flow(1000, 'steam', 25, NULL, 105, 15)$$, '22003', NULL,
	'supercritical steam pressure: 22003');
SELECT throws_ok($$SELECT * FROM thermaliq.water_heat_flow(1000, 'steam', NULL, 250, 105, 15)$$, '22023', NULL,
	'steam without a pressure: 22023');
SELECT throws_ok($$SELECT * FROM thermaliq.water_heat_flow(1000, 'water', NULL, NULL, 60, 15)$$, '22023', NULL,
	'hot water without a supply temperature: 22023');
SELECT throws_ok($$SELECT * FROM thermaliq.water_heat_flow(1000, 'vapour', 1.0, 250, 105, 15)$$, '22023', NULL,
	'unknown kind: 22023');
SELECT throws_ok($$SELECT * FROM thermaliq.water_heat_flow(1000, 'water', NULL, 80, -20, 15)$$, '22003', NULL,
	'ice inlet: 22003');
SELECT throws_ok($$SELECT * FROM thermaliq.water_heat_flow(1000, 'water', NULL, 80, 60, -300)$$, '22003', NULL,
	'dead state below 0 K: 22003');
SELECT is((SELECT count(*) FROM thermaliq.water_heat_flow(1000, 'steam', 1.0, 250, NULL, 15) WHERE heat_kw IS NOT NULL),
	0::bigint, 'NULL inlet temperature: NULL result');

-- uncertainty
SELECT throws_ok($$SELECT thermaliq.standard_uncertainty(1, 'gaussian')$$, '22023', NULL, 'unknown kind: 22023');
SELECT throws_ok($$SELECT thermaliq.standard_uncertainty(-1, 'standard')$$, '22003', NULL, 'negative uncertainty: 22003');
SELECT throws_ok($$SELECT thermaliq.uncertainty_combine('{1,2}', '{1}', '{0}', '{0}')$$, '2202E', NULL,
	'arrays of different lengths: 2202E');
SELECT throws_ok($$SELECT thermaliq.uncertainty_combine('{1}', '{NULL}', '{0}', '{0}')$$, '22004', NULL,
	'NULL element: 22004');
SELECT throws_ok($$SELECT thermaliq.uncertainty_combine('{1}', '{-1}', '{0}', '{0}')$$, '22023', NULL,
	'negative systematic part: 22023');
SELECT throws_ok($$SELECT thermaliq.uncertainty_budget('{"name": "x"}')$$, '22023', NULL,
	'budget not an array: 22023');
SELECT is((SELECT round(sum((t ->> 'share_pct')::numeric), 9) FROM jsonb_array_elements(thermaliq.uncertainty_budget(
	'[{"name": "a", "uncertainty": 1, "random": 2, "group": 1}, {"name": "b", "sensitivity": -3, "uncertainty": 0.5, "kind": "triangular", "group": 1},
	  {"name": "c", "uncertainty": 0.2, "kind": "normal95"}]') -> 'terms') t), 100.000000000, 'budget shares add up to 100 %');

SELECT * FROM finish();
ROLLBACK;
