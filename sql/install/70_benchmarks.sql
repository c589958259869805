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
	PRIMARY KEY (process_type, percentile)
);
COMMENT ON TABLE thermaliq.benchmarks IS
'First-law (input-output) efficiency percentiles per process_type on the stated heating_value_basis; analyze() restates the facility''s efficiency on that basis (fuel energy x HV ratio of its fuel) and interpolates its percentile linearly between rows. Editable: change the seed rows or add rows for your own process types; all rows are dumped by pg_dump';

-- benchmark_seed_rows: the shipped benchmark rows.
-- Representative fleet distributions of fuel-to-useful-heat efficiency on
-- the HHV basis of natural gas, read from public sources:
--  * US DOE/AMO, "Improving Steam System Performance: A Sourcebook for
--    Industry", 2nd ed. (2012) and Steam Tip Sheets #3/#4: typical gas-fired
--    firetube/watertube boilers 75-85 % (HHV), with economizer up to ~88 %;
--  * EN 12953 (shell boilers) / EN 303-1 (heating boilers up to 10 MW) and
--    the EU ecodesign hot-water boiler data: non-condensing 84-90 %,
--    condensing up to ~95 % (HHV equivalent);
--  * US DOE/AMO, "Improving Process Heating System Performance: A
--    Sourcebook for Industry", 3rd ed. (2015): fired heaters and furnaces
--    typically 60-85 %, best practice ~88-90 %.
-- "boiler" (the facilities default) uses the steam boiler distribution.
CREATE FUNCTION thermaliq.benchmark_seed_rows()
RETURNS SETOF thermaliq.benchmarks
LANGUAGE sql
IMMUTABLE
STRICT
PARALLEL SAFE
AS $$
SELECT pt, p, e, CASE
	WHEN pt IN ('steam_boiler', 'boiler') THEN 'US DOE/AMO Improving Steam System Performance sourcebook (2012), gas-fired boilers, HHV basis'
	WHEN pt = 'hot_water_boiler' THEN 'EN 303-1 / EN 12953 typical hot-water boiler efficiencies (non-condensing to condensing), HHV basis'
	ELSE 'US DOE/AMO Improving Process Heating System Performance sourcebook (2015), fired heaters, HHV basis'
	END, 'hhv'
FROM (VALUES
	('steam_boiler', 10, 74.0::float8), ('steam_boiler', 25, 78.0), ('steam_boiler', 50, 81.0),
	('steam_boiler', 75, 84.0), ('steam_boiler', 90, 87.0),
	('boiler', 10, 74.0), ('boiler', 25, 78.0), ('boiler', 50, 81.0),
	('boiler', 75, 84.0), ('boiler', 90, 87.0),
	('hot_water_boiler', 10, 78.0), ('hot_water_boiler', 25, 82.0), ('hot_water_boiler', 50, 85.0),
	('hot_water_boiler', 75, 89.0), ('hot_water_boiler', 90, 93.0),
	('process_heater', 10, 60.0), ('process_heater', 25, 67.0), ('process_heater', 50, 74.0),
	('process_heater', 75, 81.0), ('process_heater', 90, 87.0)
) AS v(pt, p, e)
$$;
COMMENT ON FUNCTION thermaliq.benchmark_seed_rows() IS
'The benchmark rows shipped with thermaliq (steam_boiler, boiler, hot_water_boiler, process_heater at percentiles 10/25/50/75/90; sources in the source column)';

INSERT INTO thermaliq.benchmarks SELECT * FROM thermaliq.benchmark_seed_rows();

-- benchmarks_replace_seed, the seed-replace trigger (as for fuels), is in
-- 87_seed_triggers.sql.
SELECT pg_catalog.pg_extension_config_dump('thermaliq.benchmarks', '');
