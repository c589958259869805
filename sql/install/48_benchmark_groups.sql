-- Benchmark groups and fuel classes (issue 14): which rows of
-- thermaliq.benchmarks a facility is compared with, and whether a fuel's
-- CO2 is biogenic. Functions only (CREATE OR REPLACE): the update 1.0--1.1
-- re-runs this piece (sql/upgrade/1.0--1.1/95_benchmark_groups.use).

-- fuel_class: from the fuel's row, no name matching: oxygen >= 20 % by
-- mass with less than 60 % carbon is biomass (wood 35 % O, 40 % C; coal
-- 7 % O); ash above 1 % or moisture above 5 % is another solid; a density
-- below 10 kg/m3 (15 degC) is a gas; a denser fluid is an oil; a row
-- without density, ash or moisture to tell: 'any'.
CREATE OR REPLACE FUNCTION thermaliq.fuel_class(p_fuel text)
RETURNS text
LANGUAGE plpgsql
STABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
-- plpgsql, not sql: analyze() calls it inside its queries, where a SQL
-- function is parsed and planned again on every call; this plan is cached
DECLARE
	v_class text;
BEGIN
	SELECT CASE
		WHEN f.oxygen >= 0.20 AND f.carbon < 0.60 THEN 'biomass'
		WHEN f.ash > 0.01 OR f.moisture > 0.05 THEN 'solid'
		WHEN f.density_kg_m3 < 10 THEN 'gas'
		WHEN f.density_kg_m3 >= 10 THEN 'oil'
		ELSE 'any' END
	INTO v_class
	FROM thermaliq.fuels f WHERE f.fuel_id = p_fuel;
	RETURN v_class;
END
$$;
COMMENT ON FUNCTION thermaliq.fuel_class(text) IS
'Class of a fuel for benchmarks and CO2 reporting, from its row of thermaliq.fuels: biomass (oxygen >= 20 % and carbon < 60 % by mass; its CO2 is reported as biogenic), solid (ash > 1 % or moisture > 5 %), gas (density below 10 kg/m3), oil (denser), any (not decidable); NULL for an unknown fuel. STABLE: reads thermaliq.fuels';

-- benchmark_group: the rows of a process type that fit a facility best:
-- its fuel class, then condensing as it runs; else the class 'any', else
-- non-condensing.
CREATE OR REPLACE FUNCTION thermaliq.benchmark_group(
	p_process_type text, p_fuel_class text, p_condensing boolean,
	OUT fuel_class text, OUT condensing boolean)
RETURNS record
LANGUAGE plpgsql
STABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
-- plpgsql, not sql: its plan is cached (a SQL function called from
-- analyze() is parsed and planned on every call); no fitting row: NULLs
BEGIN
	SELECT b.fuel_class, b.condensing
	INTO fuel_class, condensing
	FROM thermaliq.benchmarks b
	WHERE b.process_type = p_process_type
	  AND b.fuel_class IN (p_fuel_class, 'any')
	  AND (b.condensing = p_condensing OR NOT b.condensing)
	ORDER BY b.fuel_class = p_fuel_class DESC, b.condensing = p_condensing DESC
	LIMIT 1;
END
$$;
COMMENT ON FUNCTION thermaliq.benchmark_group(text, text, boolean) IS
'The benchmark group (fuel_class, condensing) of thermaliq.benchmarks to compare a facility with: rows of its process type and fuel class, condensing as it runs, else non-condensing of that class, else the class ''any'' (condensing, then non-condensing); NULLs when the process type has no fitting rows';

-- benchmark_percentile (group form): linear interpolation between the
-- rows of one group, clamped to the rows' range.
CREATE OR REPLACE FUNCTION thermaliq.benchmark_percentile(
	p_process_type text, p_fuel_class text, p_condensing boolean, p_efficiency_pct float8)
RETURNS float8
LANGUAGE plpgsql
STABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_p0 float8;          -- previous row
	v_e0 float8;
	v_row record;
BEGIN
	FOR v_row IN SELECT b.percentile::float8 AS p, b.efficiency_pct AS e
		FROM thermaliq.benchmarks b
		WHERE b.process_type = p_process_type AND b.fuel_class = p_fuel_class
		  AND b.condensing = p_condensing
		ORDER BY b.percentile
	LOOP
		IF p_efficiency_pct <= v_row.e THEN
			IF v_p0 IS NULL OR v_row.e = v_e0 THEN
				RETURN coalesce(v_p0, v_row.p);
			END IF;
			RETURN v_p0 + (p_efficiency_pct - v_e0) * (v_row.p - v_p0) / (v_row.e - v_e0);
		END IF;
		v_p0 := v_row.p;
		v_e0 := v_row.e;
	END LOOP;
	RETURN v_p0;  -- above the top row (NULL when there are no rows)
END
$$;
COMMENT ON FUNCTION thermaliq.benchmark_percentile(text, text, boolean, float8) IS
'Percentile of an efficiency within one benchmark group (process type, fuel class, condensing) of thermaliq.benchmarks: linear between adjacent rows (ordered by percentile), clamped to the lowest/highest row; NULL when the group has no rows';
