-- Plant analysis (API.md section 3, second half), in pieces:
-- 70 benchmarks, 71 calculations (tables), 72 options, 73 the composable
-- parts of analyze, 74 provenance, 75 analyze, 76 calculate. This part
-- only composes: every energy comes from efficiency_series / heat_balance /
-- balance_closure (src/plant), every property from the physics functions.

-- ---------------------------------------------------------------------
-- Benchmarks
-- ---------------------------------------------------------------------
CREATE TABLE thermaliq.benchmarks (
	process_type text NOT NULL CHECK (process_type <> ''),
	percentile int NOT NULL CHECK (percentile BETWEEN 0 AND 100),
	efficiency_pct float8 NOT NULL CHECK (efficiency_pct > 0 AND efficiency_pct <= 200),
	source text,
	heating_value_basis text NOT NULL DEFAULT 'hhv'
		CONSTRAINT benchmarks_heating_value_basis_valid CHECK (heating_value_basis IN ('lhv', 'hhv')),
	-- 1.1 (issue 14): a distribution per fuel class and condensing or not
	fuel_class text NOT NULL DEFAULT 'any'
		CONSTRAINT benchmarks_fuel_class_valid CHECK (fuel_class IN ('any', 'gas', 'oil', 'solid', 'biomass')),
	condensing boolean NOT NULL DEFAULT false,
	CONSTRAINT benchmarks_pkey PRIMARY KEY (process_type, fuel_class, condensing, percentile)
);
COMMENT ON TABLE thermaliq.benchmarks IS
'First-law (input-output) efficiency percentiles per process_type, fuel_class (gas, oil, solid, biomass, or any) and condensing or not, on the stated heating_value_basis; analyze() picks the group of the facility (benchmark_group: its fuel''s class and whether its flue gas is below the water dew point, falling back to fuel_class ''any'' and to non-condensing), restates the facility''s efficiency on the group''s basis (fuel energy x HV ratio of its fuel) and interpolates its percentile linearly between rows. Editable: change the seed rows or add rows for your own process types; all rows are dumped by pg_dump';

-- benchmark_seed_rows: the shipped benchmark rows (1.1: by fuel class and
-- condensing, each on the basis its source states). Fleet distributions of
-- fuel-to-useful-heat efficiency read from public sources, representative,
-- not certified:
--  * steam boilers, HHV: US DOE/AMO "Improving Steam System Performance: A
--    Sourcebook for Industry", 2nd ed. (2012) and Steam Tip Sheet #4
--    (combustion efficiency tables): gas-fired 75-85 %; a non-condensing
--    gas boiler tops out near 85-86 % HHV (stack ~120 degC, 2-3 % O2), so
--    its p90 is 85; oil 77-86 %; coal 72-86 %; with a condensing economizer
--    (Steam Tip Sheet #26A) 84-92 %;
--  * biomass steam boilers, HHV: US EPA CHP Partnership "Biomass Combined
--    Heat and Power Catalog of Technologies" (2007): 60-80 %;
--  * hot-water boilers, net (LHV) basis as the standards state them: EN
--    303-1 / EN 15502-1 useful efficiency and EU Regulation 813/2013
--    (ecodesign) data: non-condensing gas 86-94 %, condensing 94-106 %
--    (at low return temperatures), oil a point lower; biomass EN 303-5
--    classes 75-91 %; the 'any' rows are the 1.0 hot-water rows, which were
--    EN 303-1 net values labelled HHV (now labelled LHV);
--  * process heaters, HHV: US DOE/AMO "Improving Process Heating System
--    Performance: A Sourcebook for Industry", 3rd ed. (2015): 60-87 %.
-- "boiler" (the facilities default) uses the steam boiler distributions.
CREATE FUNCTION thermaliq.benchmark_seed_rows()
RETURNS SETOF thermaliq.benchmarks
LANGUAGE sql
IMMUTABLE
STRICT
PARALLEL SAFE
AS $$
SELECT pt, p, e, src, basis, fc, cond
FROM (VALUES
	('steam', 'any', false, 'hhv', 'US DOE/AMO Improving Steam System Performance sourcebook (2012), all fuels, non-condensing, HHV basis',
	 ARRAY[74.0, 78.0, 81.0, 83.0, 86.0]::float8[]),
	('steam', 'gas', false, 'hhv', 'US DOE/AMO Improving Steam System Performance sourcebook (2012) and Steam Tip Sheet #4, gas-fired, non-condensing (ceiling ~85 %), HHV basis',
	 ARRAY[75.0, 78.0, 81.0, 83.0, 85.0]),
	('steam', 'gas', true, 'hhv', 'US DOE/AMO Steam Tip Sheet #26A (condensing economizers), gas-fired, HHV basis',
	 ARRAY[84.0, 86.0, 88.0, 90.0, 92.0]),
	('steam', 'oil', false, 'hhv', 'US DOE/AMO Improving Steam System Performance sourcebook (2012), oil-fired, HHV basis',
	 ARRAY[77.0, 80.0, 82.0, 84.0, 86.0]),
	('steam', 'solid', false, 'hhv', 'US DOE/AMO Improving Steam System Performance sourcebook (2012), coal-fired, HHV basis',
	 ARRAY[72.0, 76.0, 80.0, 83.0, 86.0]),
	('steam', 'biomass', false, 'hhv', 'US EPA CHP Partnership, Biomass CHP Catalog of Technologies (2007), biomass boilers, HHV basis',
	 ARRAY[60.0, 65.0, 70.0, 75.0, 80.0]),
	('hot_water_boiler', 'any', false, 'lhv', 'EN 303-1 / EN 12953 typical hot-water boiler efficiencies (the 1.0 rows), net (LHV) basis',
	 ARRAY[78.0, 82.0, 85.0, 89.0, 93.0]),
	('hot_water_boiler', 'gas', false, 'lhv', 'EN 303-1 / EN 15502-1 and EU Regulation 813/2013 data, gas, non-condensing, net (LHV) basis',
	 ARRAY[86.0, 88.0, 90.0, 92.0, 94.0]),
	('hot_water_boiler', 'gas', true, 'lhv', 'EN 15502-1 and EU Regulation 813/2013 data, gas, condensing, net (LHV) basis',
	 ARRAY[94.0, 97.0, 100.0, 103.0, 106.0]),
	('hot_water_boiler', 'oil', false, 'lhv', 'EN 303-1 and EU Regulation 813/2013 data, oil, non-condensing, net (LHV) basis',
	 ARRAY[85.0, 87.0, 89.0, 91.0, 93.0]),
	('hot_water_boiler', 'oil', true, 'lhv', 'EN 15034 and EU Regulation 813/2013 data, oil, condensing, net (LHV) basis',
	 ARRAY[93.0, 95.0, 97.0, 99.0, 101.0]),
	('hot_water_boiler', 'biomass', false, 'lhv', 'EN 303-5 boiler classes, biomass, net (LHV) basis',
	 ARRAY[75.0, 80.0, 85.0, 88.0, 91.0]),
	('process_heater', 'any', false, 'hhv', 'US DOE/AMO Improving Process Heating System Performance sourcebook (2015), fired heaters, HHV basis',
	 ARRAY[60.0, 67.0, 74.0, 81.0, 87.0])
) AS g(grp, fc, cond, basis, src, effs),
LATERAL unnest(CASE g.grp WHEN 'steam' THEN ARRAY['steam_boiler', 'boiler'] ELSE ARRAY[g.grp] END) AS t(pt),
LATERAL unnest(ARRAY[10, 25, 50, 75, 90], g.effs) AS v(p, e)
$$;
COMMENT ON FUNCTION thermaliq.benchmark_seed_rows() IS
'The benchmark rows shipped with thermaliq: steam_boiler and boiler (all fuels; gas non-condensing and condensing; oil; coal; biomass; HHV), hot_water_boiler (all fuels; gas and oil non-condensing and condensing; biomass; LHV, as EN 303-1/EN 15502 state them), process_heater (HHV), at percentiles 10/25/50/75/90; sources in the source column';

INSERT INTO thermaliq.benchmarks SELECT * FROM thermaliq.benchmark_seed_rows();

-- benchmarks_replace_seed, the seed-replace trigger (as for fuels), is in
-- 87_seed_triggers.sql.
SELECT pg_catalog.pg_extension_config_dump('thermaliq.benchmarks', '');
