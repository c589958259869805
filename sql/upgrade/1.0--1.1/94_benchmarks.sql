-- 1.1 (issue 14): benchmark distributions per fuel class and condensing
-- or not, each on the basis its source states (sql/install/70_benchmarks.sql).
-- The untouched 1.0 seed rows go (while the 1.0 seed function still says
-- which they are); edited and user rows stay, in the 'any' non-condensing
-- group of their process type.
DELETE FROM thermaliq.benchmarks b
USING thermaliq.benchmark_seed_rows() s
WHERE b.process_type = s.process_type AND b.percentile = s.percentile
  AND b.efficiency_pct = s.efficiency_pct AND b.source IS NOT DISTINCT FROM s.source
  AND b.heating_value_basis = s.heating_value_basis;
ALTER TABLE thermaliq.benchmarks
	ADD COLUMN fuel_class text NOT NULL DEFAULT 'any'
		CONSTRAINT benchmarks_fuel_class_valid CHECK (fuel_class IN ('any', 'gas', 'oil', 'solid', 'biomass')),
	ADD COLUMN condensing boolean NOT NULL DEFAULT false,
	DROP CONSTRAINT benchmarks_pkey,
	ADD CONSTRAINT benchmarks_pkey PRIMARY KEY (process_type, fuel_class, condensing, percentile);
COMMENT ON TABLE thermaliq.benchmarks IS
'First-law (input-output) efficiency percentiles per process_type, fuel_class (gas, oil, solid, biomass, or any) and condensing or not, on the stated heating_value_basis; analyze() picks the group of the facility (benchmark_group: its fuel''s class and whether its flue gas is below the water dew point, falling back to fuel_class ''any'' and to non-condensing), restates the facility''s efficiency on the group''s basis (fuel energy x HV ratio of its fuel) and interpolates its percentile linearly between rows. Editable: change the seed rows or add rows for your own process types; all rows are dumped by pg_dump';

CREATE OR REPLACE FUNCTION thermaliq.benchmark_seed_rows()
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

-- benchmarks_replace_seed (the new key) is defined by 87_seed_triggers.use,
-- which runs before this piece; its trigger fires for the rows below.

INSERT INTO thermaliq.benchmarks SELECT * FROM thermaliq.benchmark_seed_rows()
ON CONFLICT DO NOTHING;
