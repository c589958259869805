-- thermaliq 1.0 as released: the install script of version 1.0, frozen. Never edit it; change sql/install/ and add an upgrade piece in sql/upgrade/1.0--1.1/
\echo Use "CREATE EXTENSION thermaliq" to load this file. \quit

-- ---- sql/install/15_fuels.sql
-- Fuels: thermaliq.fuels, the editable table every fuel function reads
-- (src/pg/fuel_sql.c), and its seed rows.
--
-- Heating values are per kg of fuel AS FIRED, at 25 degC. The LHV of every
-- seed row is computed from its HHV and ultimate analysis, so the two can
-- never disagree:
--
--     LHV = HHV - 2.442 MJ/kg x (8.936 x H + moisture)
--
-- 2.442 MJ/kg is the latent heat of water at 25 degC (IAPWS-95: 2441.7
-- kJ/kg), 8.936 = 18.015 / 2.016 kg of water formed per kg of hydrogen,
-- H and moisture are mass fractions. (This is the as-fired net calorific
-- value of ISO 1928 at constant pressure: fuel moisture is evaporated too.)
--
--     co2_kg_per_gj_lhv = C x 44.009 / 12.011 / LHV x 1000
--     exergy_factor_lhv = standard chemical exergy / LHV (Szargut, T0 =
--                         298.15 K, p0 = 101.325 kPa)
--
-- Sources, row by row (test/oracle/combustion_oracle.py recomputes every
-- derived number from these inputs):
--   methane, propane, hydrogen: pure gases. Molar gross calorific values at
--     25 degC from ISO 6976:1995 (CH4 890.63, C3H8 2219.17, H2 285.83
--     kJ/mol); composition from the formula with IUPAC atomic weights;
--     standard chemical exergies from Szargut, Morris & Steward, "Exergy
--     analysis of thermal, chemical and metallurgical processes" (1988):
--     CH4 831.65, C3H8 2154.0, H2 236.09 kJ/mol. Methane: 831.65 / 802.65
--     = 1.036 on LHV, 831.65 / 890.63 = 0.934 on HHV.
--   natural_gas: an illustrative pipeline H-gas, mol %: CH4 95.0, C2H6 2.5,
--     C3H8 0.5, N2 1.0, CO2 1.0 (replace it with your gas analysis); HHV and
--     analysis from ISO 6976:1995 component data (C2H6 1560.69 kJ/mol),
--     chemical exergy from Szargut's component exergies (C2H6 1495.84, N2
--     0.72, CO2 19.87 kJ/mol) plus the ideal mixing term R T0 sum x ln x.
--   Gas densities: real gas at 15 degC and 101.325 kPa, ISO 6976:1995
--     summation factors (hydrogen: Z = 1.0006, NIST); liquids at 15 degC.
--   fuel_oil_2, fuel_oil_6: representative analyses within the typical
--     ranges of Babcock & Wilcox, "Steam: its generation and use" (41st ed.,
--     fuel oils) and of the Engineering ToolBox "Fuel Oil and Combustion
--     Values"; HHV 45.60 and 42.90 MJ/kg agree with the Boie correlation
--     from the analysis within 0.4 %. Exergy factor: Szargut & Styrylska
--     (1964) for liquid fuels, phi = 1.0401 + 0.1728 h/c + 0.0432 o/c +
--     0.2169 s/c (1 - 2.0628 h/c).
--   bituminous_coal: Illinois No. 6, as received, from US DOE/NETL "Quality
--     Guidelines for Energy System Studies: Detailed Coal Specifications"
--     (moisture 11.12, C 63.75, H 4.50, N 1.25, S 2.51, ash 9.70, O 6.88 %,
--     HHV 27,113 kJ/kg; chlorine 0.29 % is not a column, so the fractions sum
--     to 0.9971). NETL's LHV (26,151 kJ/kg) leaves the fuel moisture out;
--     ours includes it (25.86 MJ/kg). Exergy: Szargut & Styrylska for coal,
--     phi_dry = 1.0437 + 0.1882 h/c + 0.0610 o/c + 0.0404 n/c, moist fuel
--     b = (LHV + 2.442 w) phi_dry + 9.417 s MJ/kg (Kotas, "The Exergy Method
--     of Thermal Plant Analysis", 1985).
--   wood: clean wood, dry basis C 50.0, H 6.1, O 43.2, N 0.2, S 0.02,
--     ash 0.48 %, HHV 20.0 MJ/kg (typical of untreated wood in the ECN
--     Phyllis2 database), fired at 20 % moisture (wet basis): every dry
--     value x 0.8. Exergy: Szargut & Styrylska for wood, phi_dry = (1.0412
--     + 0.2160 h/c - 0.2499 o/c (1 + 0.7884 h/c) + 0.0450 n/c) /
--     (1 - 0.3035 o/c), moisture and sulfur as for coal. Its CO2 factor is
--     the physical CO2 of combustion (biogenic carbon is not zeroed here).
--   Siegert coefficients (German 1. BImSchV, Anlage III, CO2 formula
--     q_A = (t_A - t_L) (A1 / CO2 + B)): natural gas 0.37 / 0.009,
--     heating oil EL (fuel_oil_2) 0.50 / 0.007, LPG (propane) 0.42 / 0.008;
--     the ordinance gives none for the other fuels, so they are NULL.
--
-- Dump and restore: the table is registered with pg_extension_config_dump
-- and an empty filter, so pg_dump writes ALL its rows, edited seed rows
-- included. On restore CREATE EXTENSION first inserts the seed rows again;
-- the trigger fuels_replace_seed then lets a dumped row with the fuel_id of
-- an untouched seed row replace that row instead of failing on the primary
-- key. Consequences: edits survive dump/restore, user fuels too; a seed row
-- the user DELETEd comes back after a restore; and an INSERT of a seeded
-- fuel_id whose row is still exactly the shipped seed replaces it (an
-- edited or user-added row raises the usual unique violation).

CREATE TABLE thermaliq.fuels (
	fuel_id text PRIMARY KEY,
	name text,
	hhv_mj_kg float8 NOT NULL CHECK (hhv_mj_kg > 0 AND hhv_mj_kg < 'Infinity'),
	lhv_mj_kg float8 NOT NULL CHECK (lhv_mj_kg > 0 AND lhv_mj_kg < 'Infinity'),
	density_kg_m3 float8 CHECK (density_kg_m3 > 0 AND density_kg_m3 < 'Infinity'),
	carbon float8 NOT NULL DEFAULT 0 CHECK (carbon BETWEEN 0 AND 1),
	hydrogen float8 NOT NULL DEFAULT 0 CHECK (hydrogen BETWEEN 0 AND 1),
	oxygen float8 NOT NULL DEFAULT 0 CHECK (oxygen BETWEEN 0 AND 1),
	nitrogen float8 NOT NULL DEFAULT 0 CHECK (nitrogen BETWEEN 0 AND 1),
	sulfur float8 NOT NULL DEFAULT 0 CHECK (sulfur BETWEEN 0 AND 1),
	moisture float8 NOT NULL DEFAULT 0 CHECK (moisture BETWEEN 0 AND 1),
	ash float8 NOT NULL DEFAULT 0 CHECK (ash BETWEEN 0 AND 1),
	co2_kg_per_gj_lhv float8 CHECK (co2_kg_per_gj_lhv >= 0 AND co2_kg_per_gj_lhv < 'Infinity'),
	exergy_factor_lhv float8 CHECK (exergy_factor_lhv > 0 AND exergy_factor_lhv < 'Infinity'),
	siegert_a1 float8 CHECK (siegert_a1 > 0 AND siegert_a1 < 'Infinity'),
	siegert_b float8 CHECK (siegert_b >= 0 AND siegert_b < 'Infinity'),
	CONSTRAINT fuels_lhv_le_hhv CHECK (lhv_mj_kg <= hhv_mj_kg),
	CONSTRAINT fuels_fractions_sum_to_one CHECK (
		abs(carbon + hydrogen + oxygen + nitrogen + sulfur + moisture + ash - 1) <= 0.005),
	CONSTRAINT fuels_siegert_both_or_none CHECK ((siegert_a1 IS NULL) = (siegert_b IS NULL))
);

COMMENT ON TABLE thermaliq.fuels IS
'Fuels with heating values (MJ/kg as fired, 25 degC) and as-fired ultimate analysis (mass fractions summing to 1 +- 0.005); seeded with common fuels, editable (seed sources in the install script 15_fuels.sql). LHV = HHV - 2.442 (8.936 H + moisture). Dumped by pg_dump, edited seed rows included';
COMMENT ON COLUMN thermaliq.fuels.fuel_id IS 'Key used by every fuel function and by thermaliq.meters.fuel_id';
COMMENT ON COLUMN thermaliq.fuels.name IS 'Human-readable name';
COMMENT ON COLUMN thermaliq.fuels.hhv_mj_kg IS 'Higher (gross) heating value, MJ/kg as fired, water liquid at 25 degC';
COMMENT ON COLUMN thermaliq.fuels.lhv_mj_kg IS 'Lower (net) heating value, MJ/kg as fired; seed rows: HHV - 2.442 (8.936 H + moisture)';
COMMENT ON COLUMN thermaliq.fuels.density_kg_m3 IS 'Density, kg/m3: gases at 15 degC and 101.325 kPa (real gas, ISO 6976), liquids at 15 degC, NULL for solids';
COMMENT ON COLUMN thermaliq.fuels.carbon IS 'Carbon, mass fraction as fired';
COMMENT ON COLUMN thermaliq.fuels.hydrogen IS 'Hydrogen (excluding the hydrogen of the moisture), mass fraction as fired';
COMMENT ON COLUMN thermaliq.fuels.oxygen IS 'Oxygen (excluding the oxygen of the moisture), mass fraction as fired';
COMMENT ON COLUMN thermaliq.fuels.nitrogen IS 'Nitrogen, mass fraction as fired';
COMMENT ON COLUMN thermaliq.fuels.sulfur IS 'Sulfur, mass fraction as fired';
COMMENT ON COLUMN thermaliq.fuels.moisture IS 'Water, mass fraction as fired';
COMMENT ON COLUMN thermaliq.fuels.ash IS 'Ash, mass fraction as fired';
COMMENT ON COLUMN thermaliq.fuels.co2_kg_per_gj_lhv IS 'kg CO2 per GJ of LHV = C x 44.009/12.011 / LHV x 1000 (informative; co2_kg() computes from carbon and the heating value)';
COMMENT ON COLUMN thermaliq.fuels.exergy_factor_lhv IS 'Standard chemical exergy / LHV (Szargut); on the HHV basis fuel_exergy_kw uses exergy_factor_lhv x LHV / HHV';
COMMENT ON COLUMN thermaliq.fuels.siegert_a1 IS 'Siegert coefficient A1 of the 1. BImSchV CO2 formula, NULL when none is defined';
COMMENT ON COLUMN thermaliq.fuels.siegert_b IS 'Siegert coefficient B of the 1. BImSchV CO2 formula, NULL when none is defined';

-- The seed rows, in one place: the install inserts them, the restore
-- trigger compares against them.
CREATE FUNCTION thermaliq.fuel_seed_rows()
RETURNS SETOF thermaliq.fuels
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
SELECT * FROM (VALUES
	-- id, name, hhv, lhv, density,
	--  carbon, hydrogen, oxygen, nitrogen, sulfur, moisture, ash,
	--  co2 kg/GJ(LHV), exergy factor (LHV), siegert A1, B
	('methane', 'Methane (pure)', 55.5152::float8, 50.0308::float8, 0.6799::float8,
	 0.748675::float8, 0.251325::float8, 0.0::float8, 0.0::float8, 0.0::float8, 0.0::float8, 0.0::float8,
	 54.830::float8, 1.03614::float8, NULL::float8, NULL::float8),
	('natural_gas', 'Natural gas (pipeline H-gas, illustrative composition)', 52.9259, 47.7429, 0.7177,
	 0.727045, 0.237515, 0.018896, 0.016544, 0.0, 0.0, 0.0,
	 55.797, 1.03630, 0.37, 0.009),
	('propane', 'Propane (pure; LPG)', 50.3247, 46.3342, 1.8990,
	 0.817130, 0.182870, 0.0, 0.0, 0.0, 0.0, 0.0,
	 64.618, 1.05423, 0.42, 0.008),
	('hydrogen', 'Hydrogen (pure)', 141.7808, 119.9590, 0.0852,
	 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0,
	 0.0, 0.97623, NULL, NULL),
	('fuel_oil_2', 'Fuel oil No. 2 (distillate; heating oil EL)', 45.6000, 42.8063, 845.0,
	 0.869000, 0.128000, 0.000400, 0.000200, 0.002000, 0.000200, 0.000200,
	 74.383, 1.06593, 0.50, 0.007),
	('fuel_oil_6', 'Fuel oil No. 6 (residual; bunker C)', 42.9000, 40.5359, 980.0,
	 0.856000, 0.108000, 0.004000, 0.004000, 0.022000, 0.003000, 0.003000,
	 77.374, 1.06642, NULL, NULL),
	('bituminous_coal', 'Bituminous coal (Illinois No. 6, as received)', 27.1130, 25.8595, NULL,
	 0.637500, 0.045000, 0.068800, 0.012500, 0.025100, 0.111200, 0.097000,
	 90.328, 1.08468, NULL, NULL),
	('wood', 'Wood (clean, 20 % moisture)', 16.0000, 14.4467, NULL,
	 0.400000, 0.048800, 0.345600, 0.001600, 0.000160, 0.200000, 0.003840,
	 101.450, 1.16461, NULL, NULL)
) AS s(fuel_id, name, hhv_mj_kg, lhv_mj_kg, density_kg_m3,
       carbon, hydrogen, oxygen, nitrogen, sulfur, moisture, ash,
       co2_kg_per_gj_lhv, exergy_factor_lhv, siegert_a1, siegert_b)
$$;
COMMENT ON FUNCTION thermaliq.fuel_seed_rows() IS
'The fuel rows shipped with thermaliq (sources in the install script 15_fuels.sql); SELECT * FROM thermaliq.fuel_seed_rows() shows the original of an edited seed row';

INSERT INTO thermaliq.fuels SELECT * FROM thermaliq.fuel_seed_rows();

-- Lets pg_restore put back a dumped row over the identical-key seed row
-- that CREATE EXTENSION has just inserted (see the header).
CREATE FUNCTION thermaliq.fuels_replace_seed()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_current thermaliq.fuels;
	v_seed thermaliq.fuels;
BEGIN
	SELECT * INTO v_current FROM thermaliq.fuels f WHERE f.fuel_id = NEW.fuel_id;
	IF NOT FOUND THEN
		RETURN NEW;
	END IF;
	SELECT * INTO v_seed FROM thermaliq.fuel_seed_rows() s WHERE s.fuel_id = NEW.fuel_id;
	IF NOT FOUND OR v_current IS DISTINCT FROM v_seed THEN
		RETURN NEW;		-- the primary key reports the duplicate
	END IF;
	UPDATE thermaliq.fuels f
	SET name = NEW.name, hhv_mj_kg = NEW.hhv_mj_kg, lhv_mj_kg = NEW.lhv_mj_kg,
		density_kg_m3 = NEW.density_kg_m3, carbon = NEW.carbon, hydrogen = NEW.hydrogen,
		oxygen = NEW.oxygen, nitrogen = NEW.nitrogen, sulfur = NEW.sulfur,
		moisture = NEW.moisture, ash = NEW.ash, co2_kg_per_gj_lhv = NEW.co2_kg_per_gj_lhv,
		exergy_factor_lhv = NEW.exergy_factor_lhv, siegert_a1 = NEW.siegert_a1,
		siegert_b = NEW.siegert_b
	WHERE f.fuel_id = NEW.fuel_id;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION thermaliq.fuels_replace_seed() IS
'Trigger function: an INSERT (or a restore COPY) of a fuel_id whose row is still the untouched seed row replaces that row instead of failing, so pg_dump can dump all rows of thermaliq.fuels';

CREATE TRIGGER fuels_replace_seed
BEFORE INSERT ON thermaliq.fuels
FOR EACH ROW EXECUTE FUNCTION thermaliq.fuels_replace_seed();
COMMENT ON TRIGGER fuels_replace_seed ON thermaliq.fuels IS
'Replaces an untouched seed row on INSERT/restore of the same fuel_id (see thermaliq.fuels_replace_seed)';

SELECT pg_catalog.pg_extension_config_dump('thermaliq.fuels', '');

-- Every fuel function reads the table as the calling user.
GRANT SELECT ON thermaliq.fuels TO PUBLIC;

-- ---- sql/install/20_units.sql
-- Units: convert() and the unit table it reads (src/math/units.c).

CREATE FUNCTION thermaliq.convert(p_value float8, p_from text, p_to text)
RETURNS float8
AS 'MODULE_PATHNAME', 'convert'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.convert(float8, text, text) IS
'p_value converted from unit p_from to unit p_to of the same dimension (power, energy, temperature, pressure, mass/volume flow, mass, volume); unknown unit or dimension mismatch: ERROR 22023';

CREATE FUNCTION thermaliq.unit_dimension(p_unit text)
RETURNS text
AS 'MODULE_PATHNAME', 'unit_dimension'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.unit_dimension(text) IS
'Dimension of a unit (power, energy, temperature, pressure, mass flow, volume flow, mass, volume, fraction, concentration), NULL when thermaliq does not know the unit';

CREATE FUNCTION thermaliq.units(
	OUT unit text, OUT canonical text, OUT dimension text, OUT si_unit text,
	OUT si_factor float8, OUT si_offset float8)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'units'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION thermaliq.units() IS
'Every unit spelling convert() accepts: si = (value + si_offset) * si_factor';

-- ---- sql/install/25_storage.sql
-- Storage: the plant registry (facilities, meters) and partitioned readings
-- tables managed by pg_partman 4.7 (API.md section 1).

CREATE TABLE thermaliq.facilities (
	facility_id text PRIMARY KEY CHECK (facility_id <> ''),
	name text,
	process_type text NOT NULL DEFAULT 'boiler' CHECK (process_type <> ''),
	ambient_temperature_c float8 NOT NULL DEFAULT 25
		CONSTRAINT facilities_ambient_temperature_c_range
		CHECK (ambient_temperature_c BETWEEN -60 AND 60),
	owner_role name
);
COMMENT ON TABLE thermaliq.facilities IS
'Plants and sites; process_type selects the benchmark group, ambient_temperature_c is the dead state for exergy and the default combustion air temperature';
COMMENT ON COLUMN thermaliq.facilities.owner_role IS
'Role that owns this facility''s data (for row-level security set up by the operator)';

CREATE TABLE thermaliq.meters (
	facility_id text NOT NULL REFERENCES thermaliq.facilities ON DELETE CASCADE,
	meter_id text NOT NULL CHECK (meter_id <> ''),
	role text NOT NULL CONSTRAINT meters_role_valid CHECK (role IN (
		'fuel_input', 'electric_input', 'heat_output', 'steam_output',
		'hot_water_output', 'flue_gas_temperature', 'flue_gas_o2',
		'combustion_air_temperature', 'flue_gas_co', 'blowdown_flow',
		'ambient_temperature')),
	kind text NOT NULL DEFAULT 'rate' CONSTRAINT meters_kind_valid CHECK (kind IN ('rate', 'counter')),
	unit text NOT NULL CONSTRAINT meters_unit_known CHECK (thermaliq.unit_dimension(unit) IS NOT NULL),
	fuel_id text REFERENCES thermaliq.fuels ON UPDATE CASCADE,
	heating_value_basis text CONSTRAINT meters_heating_value_basis_valid
		CHECK (heating_value_basis IN ('lhv', 'hhv')),
	CONSTRAINT meters_fuel_has_basis CHECK (role <> 'fuel_input' OR heating_value_basis IS NOT NULL),
	PRIMARY KEY (facility_id, meter_id)
);
COMMENT ON TABLE thermaliq.meters IS
'One measured series per row: its role in the heat balance, rate (instantaneous) or counter (cumulative), the unit the historian writes, and for fuel meters the fuel and the heating-value basis';

-- The CHECK constraints are the guarantee; this trigger only turns their
-- terse messages into ones that say what is valid.
CREATE FUNCTION thermaliq.meters_validate()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF NEW.role IS NOT NULL AND NEW.role NOT IN (
		'fuel_input', 'electric_input', 'heat_output', 'steam_output',
		'hot_water_output', 'flue_gas_temperature', 'flue_gas_o2',
		'combustion_air_temperature', 'flue_gas_co', 'blowdown_flow',
		'ambient_temperature') THEN
		RAISE EXCEPTION 'invalid meter role "%"', NEW.role
			USING ERRCODE = 'check_violation', CONSTRAINT = 'meters_role_valid',
			HINT = 'Valid roles are fuel_input, electric_input, heat_output, steam_output, hot_water_output, flue_gas_temperature, flue_gas_o2, combustion_air_temperature, flue_gas_co, blowdown_flow and ambient_temperature.';
	END IF;
	IF NEW.kind IS NOT NULL AND NEW.kind NOT IN ('rate', 'counter') THEN
		RAISE EXCEPTION 'invalid meter kind "%"', NEW.kind
			USING ERRCODE = 'check_violation', CONSTRAINT = 'meters_kind_valid',
			HINT = 'A meter is a "rate" (instantaneous kW, kg/h, degC, ...) or a "counter" (cumulative kWh, m3, kg, ...).';
	END IF;
	IF NEW.heating_value_basis IS NOT NULL AND NEW.heating_value_basis NOT IN ('lhv', 'hhv') THEN
		RAISE EXCEPTION 'invalid heating value basis "%"', NEW.heating_value_basis
			USING ERRCODE = 'check_violation', CONSTRAINT = 'meters_heating_value_basis_valid',
			HINT = 'Use ''lhv'' (lower, net) or ''hhv'' (higher, gross) heating value.';
	END IF;
	IF NEW.role = 'fuel_input' AND NEW.heating_value_basis IS NULL THEN
		RAISE EXCEPTION 'fuel meter "%" needs a heating value basis', NEW.meter_id
			USING ERRCODE = 'check_violation', CONSTRAINT = 'meters_fuel_has_basis',
			HINT = 'Set heating_value_basis to ''lhv'' or ''hhv''; thermaliq never mixes bases silently.';
	END IF;
	IF NEW.unit IS NOT NULL AND thermaliq.unit_dimension(NEW.unit) IS NULL THEN
		RAISE EXCEPTION 'unknown unit "%" for meter "%"', NEW.unit, NEW.meter_id
			USING ERRCODE = 'check_violation', CONSTRAINT = 'meters_unit_known',
			HINT = 'SELECT * FROM thermaliq.units() lists the units thermaliq knows.';
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION thermaliq.meters_validate() IS
'Trigger: explains meter registry CHECK violations (SQLSTATE 23514) with the valid values';

CREATE TRIGGER meters_validate BEFORE INSERT OR UPDATE ON thermaliq.meters
	FOR EACH ROW EXECUTE FUNCTION thermaliq.meters_validate();

SELECT pg_catalog.pg_extension_config_dump('thermaliq.facilities', '');
SELECT pg_catalog.pg_extension_config_dump('thermaliq.meters', '');

-- create_readings_table: a range-partitioned readings table under pg_partman.
CREATE FUNCTION thermaliq.create_readings_table(
	p_table text DEFAULT 'public.energy_readings',
	p_interval text DEFAULT '1 month',
	p_premake int DEFAULT 4,
	p_retention interval DEFAULT NULL,
	p_start_partition timestamptz DEFAULT NULL)
RETURNS regclass
LANGUAGE plpgsql
VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE
-- No SET search_path clause: pg_partman's create_parent sets search_path
-- with set_config(..., false) and "restores" the value it saw, which would
-- leak a function-level setting into the caller's session. Every name
-- below is schema-qualified or in pg_catalog.
AS $$
DECLARE
	v_ident text[];
	v_schema text;
	v_name text;
	v_qualified text;
	v_partman name;
	v_rel regclass;
BEGIN
	IF p_table IS NULL OR p_interval IS NULL OR p_premake IS NULL THEN
		RAISE EXCEPTION 'p_table, p_interval and p_premake must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF p_premake < 1 THEN
		RAISE EXCEPTION 'p_premake must be at least 1, not %', p_premake
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF p_retention IS NOT NULL AND p_retention <= interval '0' THEN
		RAISE EXCEPTION 'p_retention must be a positive interval, not %', p_retention
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	v_ident := parse_ident(p_table);
	IF array_length(v_ident, 1) = 1 THEN
		v_schema := current_schema();
		v_name := v_ident[1];
	ELSIF array_length(v_ident, 1) = 2 THEN
		v_schema := v_ident[1];
		v_name := v_ident[2];
	ELSE
		RAISE EXCEPTION 'invalid table name "%"', p_table
			USING ERRCODE = 'invalid_name', HINT = 'Give schema.table or table.';
	END IF;
	IF v_schema IS NULL THEN
		RAISE EXCEPTION 'no schema to create "%" in', p_table
			USING ERRCODE = 'invalid_schema_name';
	END IF;
	v_qualified := format('%I.%I', v_schema, v_name);

	SELECT n.nspname INTO v_partman
	FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
	WHERE e.extname = 'pg_partman';
	IF v_partman IS NULL THEN
		RAISE EXCEPTION 'pg_partman is not installed in this database'
			USING ERRCODE = 'undefined_object',
			HINT = 'CREATE SCHEMA partman; CREATE EXTENSION pg_partman SCHEMA partman;';
	END IF;

	EXECUTE format($f$
		CREATE TABLE %s (
			facility_id text NOT NULL,
			meter_id text NOT NULL,
			"timestamp" timestamptz NOT NULL,
			value double precision,
			unit text NOT NULL,
			quality smallint NOT NULL DEFAULT 0 CHECK (quality BETWEEN 0 AND 3)
		) PARTITION BY RANGE ("timestamp")$f$, v_qualified);
	EXECUTE format('COMMENT ON TABLE %s IS %L', v_qualified,
		'Meter readings (thermaliq): quality 0 good, 1 uncertain, 2 bad, 3 stale; partitioned by pg_partman');
	-- Ordered per-meter reads become index-only scans once VACUUM has set
	-- the visibility map; the second index serves "latest readings" pages.
	EXECUTE format('CREATE INDEX ON %s (facility_id, meter_id, "timestamp") INCLUDE (value, unit, quality)',
		v_qualified);
	EXECUTE format('CREATE INDEX ON %s (facility_id, "timestamp" DESC) INCLUDE (value, unit, quality)',
		v_qualified);

	EXECUTE format('SELECT %I.create_parent(p_parent_table := $1, p_control := $2, '
		'p_type := $3, p_interval := $4, p_premake := $5, p_start_partition := $6)', v_partman)
	USING v_schema || '.' || v_name, 'timestamp', 'native', p_interval, p_premake,
		to_char(p_start_partition AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00';

	IF p_retention IS NOT NULL THEN
		EXECUTE format('UPDATE %I.part_config SET retention = $1, retention_keep_table = false, '
			'retention_keep_index = false WHERE parent_table = $2', v_partman)
		USING p_retention::text, v_schema || '.' || v_name;
	END IF;

	v_rel := v_qualified::regclass;
	RETURN v_rel;
END
$$;
COMMENT ON FUNCTION thermaliq.create_readings_table(text, text, int, interval, timestamptz) IS
'Creates a readings table partitioned by range on "timestamp", registers it with pg_partman (native, DEFAULT partition, p_premake partitions ahead, optional retention; p_start_partition for history older than the premake window) and creates the per-meter and covering indexes';

-- ---- sql/install/30_timeweight.sql
-- Time-weighted energy: thermaliq.tw_summary, time_weight(), its accessors
-- and rollup(tw_summary) (src/pg/tw_summary.c, maths in src/math/timeweight.c).
-- No COMBINEFUNC on purpose: the aggregate is order-sensitive and partial
-- states of one group could cover overlapping time ranges (API.md section 2).

CREATE TYPE thermaliq.tw_summary;

CREATE FUNCTION thermaliq.tw_summary_in(cstring) RETURNS thermaliq.tw_summary
AS 'MODULE_PATHNAME', 'tw_summary_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.tw_summary_in(cstring) IS
'Text input of tw_summary: the form tw_summary_out prints; malformed, inconsistent or other-version input is an error 22P02';

CREATE FUNCTION thermaliq.tw_summary_out(thermaliq.tw_summary) RETURNS cstring
AS 'MODULE_PATHNAME', 'tw_summary_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.tw_summary_out(thermaliq.tw_summary) IS
'Text output of tw_summary: (version:1,method:...,max_gap:<s>|none,first_time:<UTC>,first_val:...,last_time:<UTC>,last_val:...,integral:<value x s>,covered:<s>,samples:N,gaps:N); round-trips exactly';

CREATE FUNCTION thermaliq.tw_summary_recv(internal) RETURNS thermaliq.tw_summary
AS 'MODULE_PATHNAME', 'tw_summary_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.tw_summary_recv(internal) IS
'Binary input of tw_summary (version byte first); truncated, trailing or inconsistent data is an error';

CREATE FUNCTION thermaliq.tw_summary_send(thermaliq.tw_summary) RETURNS bytea
AS 'MODULE_PATHNAME', 'tw_summary_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.tw_summary_send(thermaliq.tw_summary) IS
'Binary output of tw_summary: version byte, method byte, then the fields as int64/float8';

CREATE TYPE thermaliq.tw_summary (
	INPUT = thermaliq.tw_summary_in,
	OUTPUT = thermaliq.tw_summary_out,
	RECEIVE = thermaliq.tw_summary_recv,
	SEND = thermaliq.tw_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE thermaliq.tw_summary IS
'Summary of a time-weighted series built by time_weight(): first/last point, method, max_gap, integral (value x seconds), covered time, sample and gap counts; read it with integral(), average(), coverage() ...; re-aggregate adjacent summaries with rollup()';

CREATE FUNCTION thermaliq.tw_summary_eq(thermaliq.tw_summary, thermaliq.tw_summary) RETURNS boolean
AS 'MODULE_PATHNAME', 'tw_summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.tw_summary_eq(thermaliq.tw_summary, thermaliq.tw_summary) IS
'True when every field of the two summaries is equal';

CREATE FUNCTION thermaliq.tw_summary_ne(thermaliq.tw_summary, thermaliq.tw_summary) RETURNS boolean
AS 'MODULE_PATHNAME', 'tw_summary_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.tw_summary_ne(thermaliq.tw_summary, thermaliq.tw_summary) IS
'True when some field of the two summaries differs';

CREATE OPERATOR thermaliq.= (
	LEFTARG = thermaliq.tw_summary, RIGHTARG = thermaliq.tw_summary,
	FUNCTION = thermaliq.tw_summary_eq, COMMUTATOR = OPERATOR(thermaliq.=),
	NEGATOR = OPERATOR(thermaliq.<>), RESTRICT = eqsel, JOIN = eqjoinsel
);
COMMENT ON OPERATOR thermaliq.= (thermaliq.tw_summary, thermaliq.tw_summary) IS
'tw_summary equality (every field)';

CREATE OPERATOR thermaliq.<> (
	LEFTARG = thermaliq.tw_summary, RIGHTARG = thermaliq.tw_summary,
	FUNCTION = thermaliq.tw_summary_ne, COMMUTATOR = OPERATOR(thermaliq.<>),
	NEGATOR = OPERATOR(thermaliq.=), RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR thermaliq.<> (thermaliq.tw_summary, thermaliq.tw_summary) IS
'tw_summary inequality';

-- time_weight: one C transition function for the three arities
CREATE FUNCTION thermaliq.time_weight_trans(internal, timestamptz, float8) RETURNS internal
AS 'MODULE_PATHNAME', 'time_weight_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.time_weight_trans(internal, timestamptz, float8) IS
'Transition function of time_weight(ts, value)';
CREATE FUNCTION thermaliq.time_weight_trans(internal, timestamptz, float8, text) RETURNS internal
AS 'MODULE_PATHNAME', 'time_weight_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.time_weight_trans(internal, timestamptz, float8, text) IS
'Transition function of time_weight(ts, value, method)';
CREATE FUNCTION thermaliq.time_weight_trans(internal, timestamptz, float8, text, interval) RETURNS internal
AS 'MODULE_PATHNAME', 'time_weight_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.time_weight_trans(internal, timestamptz, float8, text, interval) IS
'Transition function of time_weight(ts, value, method, max_gap)';

CREATE FUNCTION thermaliq.time_weight_final(internal) RETURNS thermaliq.tw_summary
AS 'MODULE_PATHNAME', 'time_weight_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.time_weight_final(internal) IS
'Final function of time_weight: sorts buffered out-of-order points if any; safe to call repeatedly (window use)';

CREATE AGGREGATE thermaliq.time_weight(ts timestamptz, value float8) (
	SFUNC = thermaliq.time_weight_trans, STYPE = internal,
	FINALFUNC = thermaliq.time_weight_final, PARALLEL = SAFE
);
COMMENT ON AGGREGATE thermaliq.time_weight(timestamptz, float8) IS
'Time-weighted summary of (ts, value) with linear (trapezoid) interpolation, no gap limit; rows with NULL ts or value are skipped; equal timestamps: the larger value wins; the result does not depend on input order or plan; NaN/Infinity: ERROR 22023';

CREATE AGGREGATE thermaliq.time_weight(ts timestamptz, value float8, method text) (
	SFUNC = thermaliq.time_weight_trans, STYPE = internal,
	FINALFUNC = thermaliq.time_weight_final, PARALLEL = SAFE
);
COMMENT ON AGGREGATE thermaliq.time_weight(timestamptz, float8, text) IS
'Time-weighted summary with method ''linear'' (trapezoid, default, also for NULL) or ''locf'' (step: each value holds until the next sample); unknown method: ERROR 22023';

CREATE AGGREGATE thermaliq.time_weight(ts timestamptz, value float8, method text, max_gap interval) (
	SFUNC = thermaliq.time_weight_trans, STYPE = internal,
	FINALFUNC = thermaliq.time_weight_final, PARALLEL = SAFE
);
COMMENT ON AGGREGATE thermaliq.time_weight(timestamptz, float8, text, interval) IS
'Time-weighted summary; a segment between consecutive samples longer than max_gap contributes neither integral nor coverage and counts in gap_count (NULL = no limit; must be positive and without months: ERROR 22023)';

-- rollup(tw_summary)
CREATE FUNCTION thermaliq.tw_rollup_trans(internal, thermaliq.tw_summary) RETURNS internal
AS 'MODULE_PATHNAME', 'tw_rollup_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.tw_rollup_trans(internal, thermaliq.tw_summary) IS
'Transition function of rollup(tw_summary): collects the summaries';

CREATE FUNCTION thermaliq.tw_rollup_final(internal) RETURNS thermaliq.tw_summary
AS 'MODULE_PATHNAME', 'tw_rollup_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.tw_rollup_final(internal) IS
'Final function of rollup(tw_summary): sorts by first_time and stitches';

CREATE AGGREGATE thermaliq.rollup(thermaliq.tw_summary) (
	SFUNC = thermaliq.tw_rollup_trans, STYPE = internal,
	FINALFUNC = thermaliq.tw_rollup_final, PARALLEL = SAFE
);
COMMENT ON AGGREGATE thermaliq.rollup(thermaliq.tw_summary) IS
'Summary of adjacent, non-overlapping tw_summary values in any order: adds the segment from one summary''s last point to the next one''s first point (unless longer than max_gap); overlapping ranges, or different method or max_gap: ERROR 22000 naming both ranges; NULLs skipped';

-- accessors
CREATE FUNCTION thermaliq.integral(s thermaliq.tw_summary, unit text DEFAULT 'hour') RETURNS float8
AS 'MODULE_PATHNAME', 'integral' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.integral(thermaliq.tw_summary, text) IS
'Time integral in value x unit (kW with ''hour'' gives kWh); unit microsecond, millisecond, second, minute, hour, day (86400 s) or week (plural forms accepted); unknown unit: ERROR 22023';

CREATE FUNCTION thermaliq.average(s thermaliq.tw_summary) RETURNS float8
AS 'MODULE_PATHNAME', 'average' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.average(thermaliq.tw_summary) IS
'Time-weighted mean: integral over covered time (gaps excluded); NULL when covered time is 0';

CREATE FUNCTION thermaliq.coverage(s thermaliq.tw_summary) RETURNS interval
AS 'MODULE_PATHNAME', 'coverage' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.coverage(thermaliq.tw_summary) IS
'Time covered by segments between samples, gaps longer than max_gap excluded (interval, no days part)';

CREATE FUNCTION thermaliq.gap_count(s thermaliq.tw_summary) RETURNS bigint
AS 'MODULE_PATHNAME', 'gap_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.gap_count(thermaliq.tw_summary) IS
'Number of segments longer than max_gap (excluded)';

CREATE FUNCTION thermaliq.sample_count(s thermaliq.tw_summary) RETURNS bigint
AS 'MODULE_PATHNAME', 'sample_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.sample_count(thermaliq.tw_summary) IS
'Number of samples used: distinct timestamps (rows with equal timestamps count once)';

CREATE FUNCTION thermaliq.first_time(s thermaliq.tw_summary) RETURNS timestamptz
AS 'MODULE_PATHNAME', 'first_time' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.first_time(thermaliq.tw_summary) IS 'Timestamp of the first sample';

CREATE FUNCTION thermaliq.last_time(s thermaliq.tw_summary) RETURNS timestamptz
AS 'MODULE_PATHNAME', 'last_time' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.last_time(thermaliq.tw_summary) IS 'Timestamp of the last sample';

CREATE FUNCTION thermaliq.first_val(s thermaliq.tw_summary) RETURNS float8
AS 'MODULE_PATHNAME', 'first_val' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.first_val(thermaliq.tw_summary) IS 'Value of the first sample (the largest of equal timestamps)';

CREATE FUNCTION thermaliq.last_val(s thermaliq.tw_summary) RETURNS float8
AS 'MODULE_PATHNAME', 'last_val' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.last_val(thermaliq.tw_summary) IS 'Value of the last sample (the largest of equal timestamps)';

-- ---- sql/install/31_meter.sql
-- Cumulative meters: thermaliq.meter_summary, meter_agg(), delta(),
-- reset_count() and rollup(meter_summary) (src/pg/meter_summary.c, rules in
-- src/math/meter.h). No COMBINEFUNC, as for time_weight.

CREATE TYPE thermaliq.meter_summary;

CREATE FUNCTION thermaliq.meter_summary_in(cstring) RETURNS thermaliq.meter_summary
AS 'MODULE_PATHNAME', 'meter_summary_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.meter_summary_in(cstring) IS
'Text input of meter_summary: the form meter_summary_out prints; malformed, inconsistent or other-version input is an error 22P02';

CREATE FUNCTION thermaliq.meter_summary_out(thermaliq.meter_summary) RETURNS cstring
AS 'MODULE_PATHNAME', 'meter_summary_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.meter_summary_out(thermaliq.meter_summary) IS
'Text output of meter_summary: (version:1,rollover:...|none,max_rate:...|none,first_time:<UTC>,first_val:...,last_time:<UTC>,last_val:...,delta:...,samples:N,resets:N,rollovers:N,rejected:N); round-trips exactly';

CREATE FUNCTION thermaliq.meter_summary_recv(internal) RETURNS thermaliq.meter_summary
AS 'MODULE_PATHNAME', 'meter_summary_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.meter_summary_recv(internal) IS
'Binary input of meter_summary (version byte first); truncated, trailing or inconsistent data is an error';

CREATE FUNCTION thermaliq.meter_summary_send(thermaliq.meter_summary) RETURNS bytea
AS 'MODULE_PATHNAME', 'meter_summary_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.meter_summary_send(thermaliq.meter_summary) IS
'Binary output of meter_summary: version byte, two flag bytes, then the fields as int64/float8';

CREATE TYPE thermaliq.meter_summary (
	INPUT = thermaliq.meter_summary_in,
	OUTPUT = thermaliq.meter_summary_out,
	RECEIVE = thermaliq.meter_summary_recv,
	SEND = thermaliq.meter_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE thermaliq.meter_summary IS
'Summary of a cumulative meter built by meter_agg(): first/last reading, rollover and max_rate, delta, sample, reset, rollover and rejected counts; read it with delta(), reset_count() ...; re-aggregate adjacent summaries with rollup()';

CREATE FUNCTION thermaliq.meter_summary_eq(thermaliq.meter_summary, thermaliq.meter_summary) RETURNS boolean
AS 'MODULE_PATHNAME', 'meter_summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.meter_summary_eq(thermaliq.meter_summary, thermaliq.meter_summary) IS
'True when every field of the two summaries is equal';

CREATE FUNCTION thermaliq.meter_summary_ne(thermaliq.meter_summary, thermaliq.meter_summary) RETURNS boolean
AS 'MODULE_PATHNAME', 'meter_summary_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.meter_summary_ne(thermaliq.meter_summary, thermaliq.meter_summary) IS
'True when some field of the two summaries differs';

CREATE OPERATOR thermaliq.= (
	LEFTARG = thermaliq.meter_summary, RIGHTARG = thermaliq.meter_summary,
	FUNCTION = thermaliq.meter_summary_eq, COMMUTATOR = OPERATOR(thermaliq.=),
	NEGATOR = OPERATOR(thermaliq.<>), RESTRICT = eqsel, JOIN = eqjoinsel
);
COMMENT ON OPERATOR thermaliq.= (thermaliq.meter_summary, thermaliq.meter_summary) IS
'meter_summary equality (every field)';

CREATE OPERATOR thermaliq.<> (
	LEFTARG = thermaliq.meter_summary, RIGHTARG = thermaliq.meter_summary,
	FUNCTION = thermaliq.meter_summary_ne, COMMUTATOR = OPERATOR(thermaliq.<>),
	NEGATOR = OPERATOR(thermaliq.=), RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR thermaliq.<> (thermaliq.meter_summary, thermaliq.meter_summary) IS
'meter_summary inequality';

CREATE FUNCTION thermaliq.meter_agg_trans(internal, timestamptz, float8) RETURNS internal
AS 'MODULE_PATHNAME', 'meter_agg_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.meter_agg_trans(internal, timestamptz, float8) IS
'Transition function of meter_agg(ts, reading)';
CREATE FUNCTION thermaliq.meter_agg_trans(internal, timestamptz, float8, float8, float8) RETURNS internal
AS 'MODULE_PATHNAME', 'meter_agg_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.meter_agg_trans(internal, timestamptz, float8, float8, float8) IS
'Transition function of meter_agg(ts, reading, rollover, max_rate)';

CREATE FUNCTION thermaliq.meter_agg_final(internal) RETURNS thermaliq.meter_summary
AS 'MODULE_PATHNAME', 'meter_agg_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.meter_agg_final(internal) IS
'Final function of meter_agg: sorts buffered out-of-order readings if any; safe to call repeatedly (window use)';

CREATE AGGREGATE thermaliq.meter_agg(ts timestamptz, reading float8) (
	SFUNC = thermaliq.meter_agg_trans, STYPE = internal,
	FINALFUNC = thermaliq.meter_agg_final, PARALLEL = SAFE
);
COMMENT ON AGGREGATE thermaliq.meter_agg(timestamptz, float8) IS
'Consumption of a cumulative counter, readings taken in time order whatever the input order: a rise adds cur - prev; a drop is a reset, the new reading counts from zero (adds cur; reset_count + 1); rows with NULL ts or reading are skipped; equal timestamps: the larger reading wins';

CREATE AGGREGATE thermaliq.meter_agg(ts timestamptz, reading float8, rollover float8, max_rate float8) (
	SFUNC = thermaliq.meter_agg_trans, STYPE = internal,
	FINALFUNC = thermaliq.meter_agg_final, PARALLEL = SAFE
);
COMMENT ON AGGREGATE thermaliq.meter_agg(timestamptz, float8, float8, float8) IS
'Consumption of a counter: a rise adds cur - prev; a drop adds rollover - prev + cur when rollover is given (wrap-around, rollover_count + 1; if that is negative, prev was above rollover and the drop is a reset), otherwise cur (reset, reset_count + 1); a step (of any kind) above max_rate x hours since the previous reading is rejected: not added, rejected_count + 1, and the next step starts from the rejected reading; NULL rollover or max_rate disables it; non-positive values: ERROR 22023';

CREATE FUNCTION thermaliq.meter_rollup_trans(internal, thermaliq.meter_summary) RETURNS internal
AS 'MODULE_PATHNAME', 'meter_rollup_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.meter_rollup_trans(internal, thermaliq.meter_summary) IS
'Transition function of rollup(meter_summary): collects the summaries';

CREATE FUNCTION thermaliq.meter_rollup_final(internal) RETURNS thermaliq.meter_summary
AS 'MODULE_PATHNAME', 'meter_rollup_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.meter_rollup_final(internal) IS
'Final function of rollup(meter_summary): sorts by first_time and stitches';

CREATE AGGREGATE thermaliq.rollup(thermaliq.meter_summary) (
	SFUNC = thermaliq.meter_rollup_trans, STYPE = internal,
	FINALFUNC = thermaliq.meter_rollup_final, PARALLEL = SAFE
);
COMMENT ON AGGREGATE thermaliq.rollup(thermaliq.meter_summary) IS
'Summary of adjacent, non-overlapping meter_summary values in any order: the step from one summary''s last reading to the next one''s first follows the meter_agg rules; overlapping ranges or different rollover/max_rate: ERROR 22000 naming both ranges; NULLs skipped';

CREATE FUNCTION thermaliq.delta(s thermaliq.meter_summary) RETURNS float8
AS 'MODULE_PATHNAME', 'delta' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.delta(thermaliq.meter_summary) IS
'Consumption over the range (reading units), resets and rollovers handled, implausible steps left out';

CREATE FUNCTION thermaliq.reset_count(s thermaliq.meter_summary) RETURNS bigint
AS 'MODULE_PATHNAME', 'reset_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.reset_count(thermaliq.meter_summary) IS
'Number of drops treated as resets (not counting rollovers or rejected steps)';

CREATE FUNCTION thermaliq.rollover_count(s thermaliq.meter_summary) RETURNS bigint
AS 'MODULE_PATHNAME', 'rollover_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.rollover_count(thermaliq.meter_summary) IS
'Number of drops treated as wrap-arounds of a counter with a rollover value';

CREATE FUNCTION thermaliq.rejected_count(s thermaliq.meter_summary) RETURNS bigint
AS 'MODULE_PATHNAME', 'rejected_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.rejected_count(thermaliq.meter_summary) IS
'Number of steps rejected as implausible (rate above max_rate per hour)';

-- ---- sql/install/40_if97.sql
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

-- ---- sql/install/45_combustion.sql
-- Fuels, combustion losses and exergy (src/pg/fuel_sql.c, combustion_sql.c,
-- exergy_sql.c over src/math/combustion.c and exergy.c).
--
-- Functions that take p_fuel read the editable table thermaliq.fuels, so
-- they are STABLE (not IMMUTABLE): an index or a materialized view over
-- them would go stale when a fuel row is edited. The pure maths is
-- IMMUTABLE. All are STRICT and PARALLEL SAFE (the fuel lookup only reads).
-- p_basis is 'lhv' or 'hhv' (any case); anything else, an unknown fuel or
-- an incomplete fuel row: ERROR 22023. NaN/Infinity arguments and values
-- outside a stated range: ERROR 22003 naming the bound.

CREATE FUNCTION thermaliq.fuel_power_kw(p_fuel text, p_flow_kg_h float8, p_basis text)
RETURNS float8
AS 'MODULE_PATHNAME', 'fuel_power_kw'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.fuel_power_kw(text, float8, text) IS
'Fuel power in kW of a mass flow in kg/h: p_flow_kg_h x heating value (MJ/kg, basis p_basis = ''lhv'' or ''hhv'') / 3.6. STABLE: reads thermaliq.fuels';

CREATE FUNCTION thermaliq.stoichiometric_air(p_fuel text)
RETURNS float8
AS 'MODULE_PATHNAME', 'stoichiometric_air'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.stoichiometric_air(text) IS
'Stoichiometric dry air, kg per kg fuel as fired, from the ultimate analysis: O2 = C/12.011 + H/4.032 + S/32.06 - O/31.998 kmol/kg, air = O2 x 28.966 / 0.2095 (methane: 17.24). STABLE: reads thermaliq.fuels';

CREATE FUNCTION thermaliq.excess_air_pct(p_o2_dry_pct float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'excess_air_pct'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.excess_air_pct(float8) IS
'Excess air in % from dry flue-gas O2 in %, by the fuel-independent approximation 100 x O2 / (20.95 - O2) (exact for pure carbon; combustion_losses() gives the mass balance of the actual fuel). O2 outside [0, 20.95): ERROR 22003';

CREATE FUNCTION thermaliq.co2_kg(p_fuel text, p_energy_kwh float8, p_basis text)
RETURNS float8
AS 'MODULE_PATHNAME', 'co2_kg'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.co2_kg(text, float8, text) IS
'kg CO2 from burning the fuel that delivers p_energy_kwh on basis p_basis: kWh x 3.6 / HV x carbon x 44.009/12.011. STABLE: reads thermaliq.fuels';

CREATE FUNCTION thermaliq.combustion_losses(
	p_fuel text, p_flue_gas_temp_c float8, p_air_temp_c float8, p_o2_dry_pct float8,
	p_co_ppm float8 DEFAULT 0, p_basis text DEFAULT 'hhv')
RETURNS TABLE(dry_flue_gas_pct float8, moisture_pct float8, co_pct float8,
	total_pct float8, combustion_efficiency_pct float8, excess_air_pct float8)
AS 'MODULE_PATHNAME', 'combustion_losses'
LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 1;
COMMENT ON FUNCTION thermaliq.combustion_losses(text, float8, float8, float8, float8, text) IS
'Heat-loss method, one row, percentages of the fuel input on basis p_basis: dry flue gas (mass balance of the ultimate analysis at the measured dry O2 and CO, NASA ideal-gas enthalpies from air to flue-gas temperature), moisture (water from H and fuel moisture; on HHV including the 2442 kJ/kg latent heat, on LHV sensible only: same useful heat on both bases), CO (282.98 MJ/kmol), total, combustion efficiency = 100 - total, and the excess air of that mass balance. Air humidity and unburnt carbon in ash are neglected; temperatures in degC within [-50, 1500], flue gas not colder than the air. STABLE: reads thermaliq.fuels';

CREATE FUNCTION thermaliq.siegert_loss_pct(
	p_fuel text, p_flue_gas_temp_c float8, p_air_temp_c float8, p_co2_dry_pct float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'siegert_loss_pct'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.siegert_loss_pct(text, float8, float8, float8) IS
'Flue-gas loss in % of the LHV input by Siegert (1. BImSchV): (t_fg - t_air) x (A1 / CO2 + B) with the fuel''s siegert_a1/siegert_b (ERROR 22023 with a hint when NULL); CO2 in % dry, above 0 and at most the fuel''s stoichiometric CO2. STABLE: reads thermaliq.fuels';

CREATE FUNCTION thermaliq.carnot_factor(p_t_k float8, p_t0_k float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'carnot_factor'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.carnot_factor(float8, float8) IS
'Carnot factor 1 - T0/T (temperatures in K, both > 0); negative for T below T0';

CREATE FUNCTION thermaliq.heat_exergy_kw(p_q_kw float8, p_t_k float8, p_t0_k float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'heat_exergy_kw'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.heat_exergy_kw(float8, float8, float8) IS
'Exergy in kW of a heat flow p_q_kw at constant temperature p_t_k with ambient p_t0_k: Q (1 - T0/T)';

CREATE FUNCTION thermaliq.stream_heat_exergy_kw(
	p_q_kw float8, p_t_in_k float8, p_t_out_k float8, p_t0_k float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'stream_heat_exergy_kw'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.stream_heat_exergy_kw(float8, float8, float8, float8) IS
'Exergy in kW of heat p_q_kw exchanged by a stream between p_t_in_k and p_t_out_k (constant cp): Q (1 - T0/Tm), Tm = (Tin - Tout) / ln(Tin/Tout) the log-mean thermodynamic temperature (Tin when equal)';

CREATE FUNCTION thermaliq.fuel_exergy_kw(p_fuel text, p_power_kw float8, p_basis text)
RETURNS float8
AS 'MODULE_PATHNAME', 'fuel_exergy_kw'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.fuel_exergy_kw(text, float8, text) IS
'Chemical exergy in kW of a fuel input of p_power_kw on basis p_basis: P x exergy_factor_lhv on LHV, P x exergy_factor_lhv x LHV/HHV on HHV, so one fuel flow has one exergy whatever the basis (methane: 1.036 on LHV, 0.934 on HHV). STABLE: reads thermaliq.fuels';

-- ---- sql/install/60_plant.sql
-- Plant calculations next to the data (API.md section 3, first half):
-- efficiency_series, heat_balance, balance_closure, sankey, sankey_svg.
-- The C bodies live in src/plant/ (one grep for the function name finds it).

-- Per-facility settings of the plant calculations. A facility without a row
-- uses the column defaults.
CREATE TABLE thermaliq.facility_settings (
	facility_id text PRIMARY KEY REFERENCES thermaliq.facilities ON DELETE CASCADE,
	max_gap interval NOT NULL DEFAULT '15 minutes'
		CONSTRAINT facility_settings_max_gap_range
		CHECK (max_gap > interval '0' AND max_gap <= interval '31 days'),
	radiation_loss_pct float8 NOT NULL DEFAULT 1.0
		CONSTRAINT facility_settings_radiation_loss_pct_range
		CHECK (radiation_loss_pct >= 0 AND radiation_loss_pct <= 20)
);
COMMENT ON TABLE thermaliq.facility_settings IS
'Settings of the plant calculations per facility: max_gap (samples further apart are not interpolated across; that time is uncovered; default 15 minutes) and radiation_loss_pct (radiation and convection loss of the shell as a percentage of fuel input, default 1 %, cf. the ABMA radiation loss chart)';

-- Per-meter settings: an override of max_gap (e.g. for a counter read once
-- a day) and, for counters, meter_agg's rollover and max_rate.
CREATE TABLE thermaliq.meter_settings (
	facility_id text NOT NULL,
	meter_id text NOT NULL,
	max_gap interval
		CONSTRAINT meter_settings_max_gap_range
		CHECK (max_gap > interval '0' AND max_gap <= interval '31 days'),
	rollover float8 CONSTRAINT meter_settings_rollover_positive
		CHECK (rollover > 0 AND rollover < 'Infinity'),
	max_rate float8 CONSTRAINT meter_settings_max_rate_positive
		CHECK (max_rate > 0 AND max_rate < 'Infinity'),
	PRIMARY KEY (facility_id, meter_id),
	FOREIGN KEY (facility_id, meter_id) REFERENCES thermaliq.meters ON DELETE CASCADE
);
COMMENT ON TABLE thermaliq.meter_settings IS
'Per-meter settings of the plant calculations: max_gap overrides facility_settings.max_gap (NULL: the facility''s); for counters, rollover (the reading at which the register wraps to 0) and max_rate (largest plausible consumption per hour), both in the meter''s registry unit, with the rules of meter_agg: a drop is a reset unless a rollover is given, a faster step is rejected and not counted';

SELECT pg_catalog.pg_extension_config_dump('thermaliq.facility_settings', '');
SELECT pg_catalog.pg_extension_config_dump('thermaliq.meter_settings', '');

CREATE FUNCTION thermaliq.efficiency_series(
	p_facility text,
	p_from timestamptz,
	p_to timestamptz,
	p_bucket interval DEFAULT '1 hour',
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass) -- cast at call time
RETURNS TABLE(bucket_start timestamptz, fuel_input_kwh float8,
	electric_input_kwh float8, useful_output_kwh float8,
	first_law_efficiency_pct float8, coverage_pct float8, quality_pct float8)
AS 'MODULE_PATHNAME', 'efficiency_series'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION thermaliq.efficiency_series(text, timestamptz, timestamptz, interval, regclass) IS
'Energy per bucket [p_from + k p_bucket, p_from + (k+1) p_bucket) (last clipped to p_to): fuel (on the meters'' basis), electricity and useful output (steam, hot water, heat) in kWh, integrated with edge interpolation so buckets add up to the whole range; first-law efficiency = 100 useful / (fuel + electric), NULL when that is 0; coverage_pct = least share of the bucket covered by any energy meter; quality_pct = share of the energy meters'' rows in the bucket that are usable (quality 0/1, finite value)';

CREATE FUNCTION thermaliq.heat_balance(
	p_facility text,
	p_from timestamptz,
	p_to timestamptz,
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass) -- cast at call time
RETURNS TABLE(category text, stream text, energy_kwh float8, share_pct float8)
AS 'MODULE_PATHNAME', 'heat_balance'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION thermaliq.heat_balance(text, timestamptz, timestamptz, regclass) IS
'Heat balance over [p_from, p_to): input rows (each fuel meter on its basis, each electric meter), output rows (each useful output meter), loss rows (dry_flue_gas, moisture, co from the heat-loss method at the flue-gas conditions averaged with the fuel power as weight; radiation as facility_settings.radiation_loss_pct of fuel input; blowdown when metered as a heat flow) and one unaccounted row = input - output - losses (may be negative); share_pct = 100 energy / total input';

CREATE FUNCTION thermaliq.balance_closure(
	p_facility text,
	p_from timestamptz,
	p_to timestamptz,
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass) -- cast at call time
RETURNS TABLE(input_kwh float8, output_kwh float8, loss_kwh float8,
	unaccounted_kwh float8, closure_error_pct float8, closure_class text)
AS 'MODULE_PATHNAME', 'balance_closure'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION thermaliq.balance_closure(text, timestamptz, timestamptz, regclass) IS
'Totals of heat_balance and the closure error 100 |unaccounted| / input with its class: excellent (< 1 %), good (1-2 %), marginal (2-5 %), reject (> 5 %); NULL error and class when there is no input';

CREATE FUNCTION thermaliq.sankey(
	p_facility text,
	p_from timestamptz,
	p_to timestamptz,
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass) -- cast at call time
RETURNS TABLE(source text, target text, energy_kwh float8)
AS 'MODULE_PATHNAME', 'sankey'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION thermaliq.sankey(text, timestamptz, timestamptz, regclass) IS
'Sankey links from the heat_balance rows: each input -> the facility node, the facility node -> each output and loss; a positive unaccounted remainder is a link to "unaccounted", a negative one a link from it, so the node balances exactly';

CREATE FUNCTION thermaliq.sankey_svg(
	p_facility text,
	p_from timestamptz,
	p_to timestamptz,
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass) -- cast at call time
RETURNS text
AS 'MODULE_PATHNAME', 'sankey_svg'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION thermaliq.sankey_svg(text, timestamptz, timestamptz, regclass) IS
'The sankey() flows as a self-contained SVG document: band widths proportional to energy, labels with kWh and percent of input, useful outputs in blue to the right, losses in red drawn downward';

-- ---- sql/install/70_analyze.sql
-- Plant analysis (API.md section 3, second half): thermaliq.benchmarks,
-- thermaliq.calculations, analyze(), calculate(), provenance_hash() and
-- their helpers. This file only composes: every energy comes from
-- efficiency_series / heat_balance / balance_closure (src/plant), every
-- property from the physics functions (fuels, combustion, exergy, IF97).

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

-- benchmarks_replace_seed: lets pg_restore put a dumped row over the
-- identical-key seed row CREATE EXTENSION has just inserted (as for fuels).
CREATE FUNCTION thermaliq.benchmarks_replace_seed()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_current thermaliq.benchmarks;
	v_seed thermaliq.benchmarks;
BEGIN
	SELECT * INTO v_current FROM thermaliq.benchmarks b
	WHERE b.process_type = NEW.process_type AND b.percentile = NEW.percentile;
	IF NOT FOUND THEN
		RETURN NEW;
	END IF;
	SELECT * INTO v_seed FROM thermaliq.benchmark_seed_rows() s
	WHERE s.process_type = NEW.process_type AND s.percentile = NEW.percentile;
	IF NOT FOUND OR v_current IS DISTINCT FROM v_seed THEN
		RETURN NEW;		-- the primary key reports the duplicate
	END IF;
	UPDATE thermaliq.benchmarks b SET efficiency_pct = NEW.efficiency_pct, source = NEW.source,
		heating_value_basis = NEW.heating_value_basis
	WHERE b.process_type = NEW.process_type AND b.percentile = NEW.percentile;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION thermaliq.benchmarks_replace_seed() IS
'Trigger function: an INSERT (or a restore COPY) of a (process_type, percentile) whose row is still the untouched seed row replaces that row instead of failing, so pg_dump can dump all rows of thermaliq.benchmarks';
CREATE TRIGGER benchmarks_replace_seed
BEFORE INSERT ON thermaliq.benchmarks
FOR EACH ROW EXECUTE FUNCTION thermaliq.benchmarks_replace_seed();
COMMENT ON TRIGGER benchmarks_replace_seed ON thermaliq.benchmarks IS
'Replaces an untouched seed row on INSERT/restore of the same key (see thermaliq.benchmarks_replace_seed)';

SELECT pg_catalog.pg_extension_config_dump('thermaliq.benchmarks', '');

-- ---------------------------------------------------------------------
-- Calculations (stored results of calculate())
-- ---------------------------------------------------------------------
CREATE TABLE thermaliq.calculations (
	calculation_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	facility_id text NOT NULL,
	period_from timestamptz NOT NULL,
	period_to timestamptz NOT NULL,
	status text NOT NULL DEFAULT 'pending'
		CONSTRAINT calculations_status_valid CHECK (status IN ('pending', 'completed', 'failed')),
	created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
	finished_at timestamptz,
	result jsonb,
	provenance_hash text,
	error text,
	-- never a half-written result
	CONSTRAINT calculations_completed_whole CHECK (status <> 'completed'
		OR (result IS NOT NULL AND provenance_hash IS NOT NULL AND finished_at IS NOT NULL AND error IS NULL)),
	CONSTRAINT calculations_failed_no_result CHECK (status <> 'failed'
		OR (result IS NULL AND provenance_hash IS NULL AND error IS NOT NULL AND finished_at IS NOT NULL)),
	CONSTRAINT calculations_pending_empty CHECK (status <> 'pending' OR result IS NULL)
);
CREATE INDEX ON thermaliq.calculations (facility_id, period_from);
COMMENT ON TABLE thermaliq.calculations IS
'One row per calculate() call: pending while analyze() runs, then completed (result = analyze() output, provenance_hash) or failed (error = SQLSTATE: message, no result). facility_id has no foreign key so that the history outlives registry edits';

SELECT pg_catalog.pg_extension_config_dump('thermaliq.calculations', '');
SELECT pg_catalog.pg_extension_config_dump('thermaliq.calculations_calculation_id_seq', '');

-- ---------------------------------------------------------------------
-- Options
-- ---------------------------------------------------------------------

-- analyze_default_options: every option of analyze() with its default.
CREATE FUNCTION thermaliq.analyze_default_options()
RETURNS jsonb
LANGUAGE sql
IMMUTABLE
STRICT
PARALLEL SAFE
AS $$
SELECT '{
	"energy_price_per_kwh": 0.04,
	"currency": "EUR",
	"capex": {"economizer": 60000, "combustion_tuning": 5000,
	          "insulation": 15000, "blowdown_heat_recovery": 25000},
	"uncertainty_pct": {"fuel_input": 1.0, "electric_input": 0.5,
	                    "heat_output": 2.0, "steam_output": 2.0, "hot_water_output": 2.0,
	                    "flue_gas_temperature": 2.0, "flue_gas_o2": 0.2},
	"steam_pressure_mpa": 1.0,
	"steam_supply_c": null,
	"steam_return_c": null,
	"hot_water_supply_c": 80,
	"hot_water_return_c": 60,
	"process_heat_supply_c": 150,
	"process_heat_return_c": 120,
	"target_stack_temperature_c": 120,
	"stack_k_per_pct": 22,
	"target_o2_pct": 2.0,
	"target_radiation_loss_pct": 1.0,
	"makeup_water_c": 15,
	"blowdown_recovery_fraction": 0.8,
	"expected_interval": null
}'::jsonb
$$;
COMMENT ON FUNCTION thermaliq.analyze_default_options() IS
'Defaults of analyze() options: energy_price_per_kwh (currency per kWh of fuel on the meter basis), currency, capex per opportunity, uncertainty_pct per meter role (relative %, flue_gas_temperature in K, flue_gas_o2 in %-points), steam_pressure_mpa (steam at saturation: steam_supply_c/steam_return_c NULL = if97_tsat), hot water and process heat supply/return degC, target_stack_temperature_c and stack_k_per_pct (economizer: +1 % per 22 K), target_o2_pct, target_radiation_loss_pct, makeup_water_c, blowdown_recovery_fraction, expected_interval (NULL = median sample interval)';

-- analyze_options: validates p_options (22023 naming the key) and returns
-- the options after defaults, steam temperatures resolved.
CREATE FUNCTION thermaliq.analyze_options(p_options jsonb)
RETURNS jsonb
LANGUAGE plpgsql
IMMUTABLE
CALLED ON NULL INPUT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
SET extra_float_digits = 3  -- resolved temperatures are exact in jsonb
AS $$
DECLARE
	v_def jsonb := thermaliq.analyze_default_options();
	v_opt jsonb;
	v_key text;
	v_val jsonb;
	v_sub text;
	v_subval jsonb;
	v_num float8;
	v_iv interval;
BEGIN
	IF p_options IS NULL THEN
		p_options := '{}';
	END IF;
	IF jsonb_typeof(p_options) <> 'object' THEN
		RAISE EXCEPTION 'options must be a JSON object, not %', jsonb_typeof(p_options)
			USING ERRCODE = 'invalid_parameter_value',
			HINT = 'SELECT thermaliq.analyze_default_options() lists the options and their defaults.';
	END IF;
	v_opt := v_def;
	FOR v_key, v_val IN SELECT key, value FROM jsonb_each(p_options) LOOP
		IF NOT v_def ? v_key THEN
			RAISE EXCEPTION 'unknown option "%"', v_key
				USING ERRCODE = 'invalid_parameter_value',
				HINT = 'SELECT thermaliq.analyze_default_options() lists the options and their defaults.';
		END IF;
		CASE
		WHEN v_key = 'currency' THEN
			IF jsonb_typeof(v_val) <> 'string' THEN
				RAISE EXCEPTION 'option "%" must be a string', v_key USING ERRCODE = 'invalid_parameter_value';
			END IF;
			v_opt := jsonb_set(v_opt, ARRAY[v_key], v_val);
		WHEN v_key IN ('capex', 'uncertainty_pct') THEN
			IF jsonb_typeof(v_val) <> 'object' THEN
				RAISE EXCEPTION 'option "%" must be a JSON object', v_key
					USING ERRCODE = 'invalid_parameter_value',
					DETAIL = format('Valid keys: %s.', (SELECT string_agg(k, ', ' ORDER BY k) FROM jsonb_object_keys(v_def -> v_key) k));
			END IF;
			FOR v_sub, v_subval IN SELECT key, value FROM jsonb_each(v_val) LOOP
				IF NOT (v_def -> v_key) ? v_sub THEN
					RAISE EXCEPTION 'unknown option "%.%"', v_key, v_sub
						USING ERRCODE = 'invalid_parameter_value',
						DETAIL = format('Valid keys: %s.', (SELECT string_agg(k, ', ' ORDER BY k) FROM jsonb_object_keys(v_def -> v_key) k));
				END IF;
				IF jsonb_typeof(v_subval) <> 'number' OR (v_subval #>> '{}')::float8 < 0 THEN
					RAISE EXCEPTION 'option "%.%" must be a non-negative number', v_key, v_sub
						USING ERRCODE = 'invalid_parameter_value';
				END IF;
				v_opt := jsonb_set(v_opt, ARRAY[v_key, v_sub], v_subval);
			END LOOP;
		WHEN v_key = 'expected_interval' THEN
			IF jsonb_typeof(v_val) = 'string' THEN
				v_iv := thermaliq.analyze_interval(v_key, v_val #>> '{}');
			ELSIF jsonb_typeof(v_val) = 'object' THEN
				FOR v_sub, v_subval IN SELECT key, value FROM jsonb_each(v_val) LOOP
					IF jsonb_typeof(v_subval) <> 'string' THEN
						RAISE EXCEPTION 'option "%.%" must be an interval string', v_key, v_sub
							USING ERRCODE = 'invalid_parameter_value';
					END IF;
					v_iv := thermaliq.analyze_interval(v_key || '.' || v_sub, v_subval #>> '{}');
				END LOOP;
			ELSIF jsonb_typeof(v_val) <> 'null' THEN
				RAISE EXCEPTION 'option "%" must be an interval string, an object {meter_id: interval} or null', v_key
					USING ERRCODE = 'invalid_parameter_value';
			END IF;
			v_opt := jsonb_set(v_opt, ARRAY[v_key], v_val);
		ELSE
			IF v_key IN ('steam_supply_c', 'steam_return_c') AND jsonb_typeof(v_val) = 'null' THEN
				CONTINUE;
			END IF;
			IF jsonb_typeof(v_val) <> 'number' THEN
				RAISE EXCEPTION 'option "%" must be a number', v_key
					USING ERRCODE = 'invalid_parameter_value',
					DETAIL = format('Got a JSON %s.', jsonb_typeof(v_val));
			END IF;
			v_num := (v_val #>> '{}')::float8;
			IF (v_key LIKE '%\_c' AND v_num <= -273.15)
			   OR (v_key IN ('energy_price_per_kwh', 'target_radiation_loss_pct') AND v_num < 0)
			   OR (v_key IN ('steam_pressure_mpa', 'stack_k_per_pct') AND v_num <= 0)
			   OR (v_key = 'target_o2_pct' AND (v_num < 0 OR v_num >= 20.9))
			   OR (v_key = 'blowdown_recovery_fraction' AND (v_num < 0 OR v_num > 1)) THEN
				RAISE EXCEPTION 'option "%" is out of range: %', v_key, v_val
					USING ERRCODE = 'invalid_parameter_value';
			END IF;
			v_opt := jsonb_set(v_opt, ARRAY[v_key], v_val);
		END CASE;
	END LOOP;

	-- Steam is delivered at saturation of steam_pressure_mpa unless given.
	IF jsonb_typeof(v_opt -> 'steam_supply_c') = 'null' THEN
		v_opt := jsonb_set(v_opt, '{steam_supply_c}', to_jsonb(
			thermaliq.if97_tsat((v_opt ->> 'steam_pressure_mpa')::float8) - 273.15));
	END IF;
	IF jsonb_typeof(v_opt -> 'steam_return_c') = 'null' THEN
		v_opt := jsonb_set(v_opt, '{steam_return_c}', v_opt -> 'steam_supply_c');
	END IF;
	FOREACH v_key IN ARRAY ARRAY['steam', 'hot_water', 'process_heat'] LOOP
		IF (v_opt ->> (v_key || '_supply_c'))::float8 < (v_opt ->> (v_key || '_return_c'))::float8 THEN
			RAISE EXCEPTION 'option "%_supply_c" must not be below "%_return_c"', v_key, v_key
				USING ERRCODE = 'invalid_parameter_value',
				DETAIL = format('Supply %s degC, return %s degC.', v_opt ->> (v_key || '_supply_c'), v_opt ->> (v_key || '_return_c'));
		END IF;
	END LOOP;
	RETURN v_opt;
END
$$;
COMMENT ON FUNCTION thermaliq.analyze_options(jsonb) IS
'Validates analyze() options (unknown key or wrong type: ERROR 22023 naming the key) and returns them merged over analyze_default_options(), steam temperatures resolved to saturation';

-- analyze_interval: parses an interval option, positive, else 22023.
CREATE FUNCTION thermaliq.analyze_interval(p_key text, p_text text)
RETURNS interval
LANGUAGE plpgsql
IMMUTABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_iv interval;
BEGIN
	BEGIN
		v_iv := p_text::interval;
	EXCEPTION WHEN invalid_datetime_format OR datetime_field_overflow OR interval_field_overflow THEN
		RAISE EXCEPTION 'option "%" is not a valid interval: "%"', p_key, p_text
			USING ERRCODE = 'invalid_parameter_value';
	END;
	IF extract(epoch FROM v_iv) <= 0 THEN
		RAISE EXCEPTION 'option "%" must be a positive interval, not "%"', p_key, p_text
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	RETURN v_iv;
END
$$;
COMMENT ON FUNCTION thermaliq.analyze_interval(text, text) IS
'Parses the interval option p_key (ERROR 22023 when invalid or not positive)';

-- ---------------------------------------------------------------------
-- Small composable pieces (each tested on its own)
-- ---------------------------------------------------------------------

-- benchmark_percentile: linear interpolation of an efficiency between the
-- benchmark rows of a process type, clamped to the rows' range.
CREATE FUNCTION thermaliq.benchmark_percentile(p_process_type text, p_efficiency_pct float8)
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
		FROM thermaliq.benchmarks b WHERE b.process_type = p_process_type
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
COMMENT ON FUNCTION thermaliq.benchmark_percentile(text, float8) IS
'Percentile of an efficiency within thermaliq.benchmarks for a process type: linear between adjacent rows (ordered by percentile), clamped to the lowest/highest row; NULL when the process type has no rows';

-- efficiency_uncertainty: GUM first-order propagation for eta = U/(F+E).
CREATE FUNCTION thermaliq.efficiency_uncertainty(
	p_useful float8, p_u_rel_useful float8,
	p_fuel float8, p_u_rel_fuel float8,
	p_electric float8, p_u_rel_electric float8)
RETURNS float8
LANGUAGE sql
IMMUTABLE
STRICT
PARALLEL SAFE
AS $$
SELECT CASE WHEN p_useful > 0 AND p_fuel + p_electric > 0 THEN
	sqrt(p_u_rel_useful ^ 2
	     + (p_fuel * p_u_rel_fuel) ^ 2 / (p_fuel + p_electric) ^ 2
	     + (p_electric * p_u_rel_electric) ^ 2 / (p_fuel + p_electric) ^ 2)
END
$$;
COMMENT ON FUNCTION thermaliq.efficiency_uncertainty(float8, float8, float8, float8, float8, float8) IS
'Relative standard uncertainty of eta = U/(F+E) (GUM, uncorrelated): sqrt(u_rel(U)^2 + (F u_rel(F))^2/(F+E)^2 + (E u_rel(E))^2/(F+E)^2); relative uncertainties as fractions';

-- analyze_opportunity: one improvement opportunity as JSON, savings by
-- savings_kwh = input x (1 - current/target).
CREATE FUNCTION thermaliq.analyze_opportunity(
	p_name text, p_current_pct float8, p_target_pct float8,
	p_input_kwh float8, p_hours float8, p_price float8, p_capex float8,
	p_fuel text, p_basis text, p_detail jsonb)
RETURNS jsonb
LANGUAGE plpgsql
STABLE
CALLED ON NULL INPUT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_savings float8;
	v_cost float8;
	v_annual float8;
BEGIN
	IF p_target_pct IS NULL OR p_current_pct IS NULL OR p_target_pct <= p_current_pct OR p_input_kwh IS NULL THEN
		RETURN jsonb_build_object('name', p_name, 'applicable', false,
			'current_efficiency_pct', p_current_pct, 'target_efficiency_pct', p_target_pct,
			'savings_kwh', 0, 'cost_savings', 0, 'annual_cost_savings', 0,
			'capex', p_capex, 'payback_years', NULL, 'co2_savings_kg', 0) || coalesce(p_detail, '{}');
	END IF;
	v_savings := p_input_kwh * (1 - p_current_pct / p_target_pct);
	v_cost := v_savings * p_price;
	v_annual := v_cost * 8766 / p_hours;
	RETURN jsonb_build_object('name', p_name, 'applicable', true,
		'current_efficiency_pct', p_current_pct, 'target_efficiency_pct', p_target_pct,
		'savings_kwh', v_savings, 'cost_savings', v_cost, 'annual_cost_savings', v_annual,
		'capex', p_capex,
		'payback_years', CASE WHEN v_annual > 0 THEN p_capex / v_annual END,
		'co2_savings_kg', CASE WHEN p_fuel IS NOT NULL THEN thermaliq.co2_kg(p_fuel, v_savings, p_basis) END)
		|| coalesce(p_detail, '{}');
END
$$;
COMMENT ON FUNCTION thermaliq.analyze_opportunity(text, float8, float8, float8, float8, float8, float8, text, text, jsonb) IS
'One improvement opportunity: savings_kwh = input_kwh x (1 - current/target), cost_savings = savings_kwh x price, annual_cost_savings scaled to 8766 h, payback_years = capex / annual_cost_savings, co2_savings_kg = co2_kg(fuel, savings_kwh, basis); not applicable (zeros) unless target > current';

-- analyze_mean: time-weighted mean of a facility's rate meters of one role
-- in [p_from, p_to] (good and uncertain samples), in p_unit.
CREATE FUNCTION thermaliq.analyze_mean(p_facility text, p_role text, p_unit text,
	p_from timestamptz, p_to timestamptz, p_readings regclass)
RETURNS float8
LANGUAGE plpgsql
STABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_mean float8;
BEGIN
	EXECUTE format($q$
		SELECT avg(a) FROM (
			SELECT thermaliq.average(thermaliq.time_weight(r."timestamp",
				CASE WHEN m.unit = $4 THEN r.value ELSE thermaliq.convert(r.value, m.unit, $4) END)) AS a
			FROM thermaliq.meters m
			JOIN %s r ON r.facility_id = m.facility_id AND r.meter_id = m.meter_id
			WHERE m.facility_id = $1 AND m.role = $5 AND m.kind = 'rate'
			  AND r."timestamp" >= $2 AND r."timestamp" <= $3
			  AND r.value IS NOT NULL AND r.quality < 2
			GROUP BY m.meter_id) s$q$, p_readings)
	INTO v_mean USING p_facility, p_from, p_to, p_unit, p_role;
	RETURN v_mean;
END
$$;
COMMENT ON FUNCTION thermaliq.analyze_mean(text, text, text, timestamptz, timestamptz, regclass) IS
'Time-weighted mean (thermaliq.average of time_weight, linear) of the rate meters of one role over [p_from, p_to], converted to p_unit, quality 0/1 only; mean over meters when several; NULL without samples';

-- analyze_data_quality: completeness, bad/stale shares and gaps per meter.
CREATE FUNCTION thermaliq.analyze_data_quality(p_facility text, p_from timestamptz,
	p_to timestamptz, p_expected jsonb, p_readings regclass)
RETURNS jsonb
LANGUAGE plpgsql
STABLE
CALLED ON NULL INPUT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_result jsonb;
BEGIN
	EXECUTE format($q$
	WITH m AS (
		SELECT meter_id, role,
			extract(epoch FROM CASE
				WHEN jsonb_typeof($4) = 'string' THEN ($4 #>> '{}')::interval
				WHEN jsonb_typeof($4) = 'object' THEN ($4 ->> meter_id)::interval END)::float8 AS opt_s
		FROM thermaliq.meters WHERE facility_id = $1),
	r AS (
		SELECT r.meter_id, r."timestamp" AS ts, r.value, r.quality
		FROM %s r
		WHERE r.facility_id = $1 AND r."timestamp" >= $2 AND r."timestamp" < $3
		  AND r.meter_id IN (SELECT meter_id FROM m)),
	t AS (SELECT DISTINCT meter_id, ts FROM r),
	d AS (
		SELECT meter_id, extract(epoch FROM ts - lag(ts) OVER w)::float8 AS dt, false AS edge
		FROM t WINDOW w AS (PARTITION BY meter_id ORDER BY ts)),
	e AS (
		SELECT meter_id, extract(epoch FROM min(ts) - $2)::float8 AS first_s,
			extract(epoch FROM $3 - max(ts))::float8 AS last_s
		FROM t GROUP BY meter_id),
	med AS (
		SELECT meter_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY dt) AS median_s
		FROM d WHERE dt IS NOT NULL GROUP BY meter_id),
	c AS (
		SELECT meter_id, count(*) AS n,
			count(*) FILTER (WHERE value IS NOT NULL AND quality < 2) AS valid,
			count(*) FILTER (WHERE quality = 1) AS uncertain,
			count(*) FILTER (WHERE quality = 2) AS bad,
			count(*) FILTER (WHERE quality = 3) AS stale,
			count(*) FILTER (WHERE value IS NULL) AS null_values
		FROM r GROUP BY meter_id),
	x AS (
		SELECT m.meter_id, m.role, coalesce(c.n, 0) AS n, coalesce(c.valid, 0) AS valid,
			coalesce(c.uncertain, 0) AS uncertain, coalesce(c.bad, 0) AS bad,
			coalesce(c.stale, 0) AS stale, coalesce(c.null_values, 0) AS null_values,
			coalesce(m.opt_s, med.median_s) AS exp_s,
			CASE WHEN m.opt_s IS NOT NULL THEN 'option' WHEN med.median_s IS NOT NULL THEN 'median' END AS exp_src,
			e.first_s, e.last_s
		FROM m LEFT JOIN c USING (meter_id) LEFT JOIN med USING (meter_id) LEFT JOIN e USING (meter_id)),
	g AS (
		SELECT x.meter_id, count(*) AS gaps, sum(iv) AS gap_s
		FROM x CROSS JOIN LATERAL (
			SELECT dt AS iv FROM d WHERE d.meter_id = x.meter_id AND d.dt IS NOT NULL
			UNION ALL SELECT x.first_s UNION ALL SELECT x.last_s
			UNION ALL SELECT $5 WHERE x.n = 0) ivs
		WHERE ivs.iv > 2 * x.exp_s OR (x.n = 0 AND ivs.iv IS NOT NULL)
		GROUP BY x.meter_id),
	per AS (
		SELECT x.*, coalesce(g.gaps, 0) AS gaps, coalesce(g.gap_s, 0) AS gap_s,
			CASE WHEN x.n = 0 THEN 0
			     WHEN x.exp_s > 0 THEN least(100, 100 * x.valid * x.exp_s / $5) END AS completeness
		FROM x LEFT JOIN g USING (meter_id))
	SELECT jsonb_build_object(
		'completeness_pct', avg(completeness)::float8,
		'bad_pct', CASE WHEN sum(n) > 0 THEN (100 * sum(bad) / sum(n))::float8 END,
		'stale_pct', CASE WHEN sum(n) > 0 THEN (100 * sum(stale) / sum(n))::float8 END,
		'uncertain_pct', CASE WHEN sum(n) > 0 THEN (100 * sum(uncertain) / sum(n))::float8 END,
		'gap_count', sum(gaps)::bigint,
		'gap_seconds', sum(gap_s)::float8,
		'samples', sum(n)::bigint,
		'meters', jsonb_agg(jsonb_build_object(
			'meter_id', meter_id, 'role', role, 'samples', n, 'valid_samples', valid,
			'uncertain', uncertain, 'bad', bad, 'stale', stale, 'null_values', null_values,
			'expected_interval_s', exp_s, 'expected_interval_source', exp_src,
			'expected_samples', CASE WHEN exp_s > 0 THEN $5 / exp_s END,
			'completeness_pct', completeness,
			'bad_pct', CASE WHEN n > 0 THEN 100 * bad::float8 / n END,
			'stale_pct', CASE WHEN n > 0 THEN 100 * stale::float8 / n END,
			'gap_count', gaps, 'gap_seconds', gap_s) ORDER BY meter_id COLLATE "C"))
	FROM per$q$, p_readings)
	INTO v_result
	USING p_facility, p_from, p_to, coalesce(p_expected, 'null'::jsonb),
		extract(epoch FROM p_to - p_from)::float8;
	RETURN v_result;
END
$$;
COMMENT ON FUNCTION thermaliq.analyze_data_quality(text, timestamptz, timestamptz, jsonb, regclass) IS
'Data quality of a facility''s meters over [p_from, p_to): per meter samples, valid (value and quality 0/1), uncertain/bad/stale/NULL counts, expected interval (option, else median sample interval), completeness_pct = min(100, 100 x valid x expected / period), gaps = intervals (edges of the period included) longer than 2 x expected; overall completeness is the mean over meters';

-- ---------------------------------------------------------------------
-- Provenance
-- ---------------------------------------------------------------------

-- provenance_readings_digest: SHA-256 over the readings an analysis reads.
CREATE FUNCTION thermaliq.provenance_readings_digest(p_facility text, p_from timestamptz,
	p_to timestamptz, p_readings regclass)
RETURNS text
LANGUAGE plpgsql
STABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_meters text[];
	v_times timestamptz[];
	v_kinds int[];
	v_lo timestamptz;
	v_hi timestamptz;
	v_digest text;
BEGIN
	-- Rows in [p_from, p_to] plus, per meter, every row at the nearest
	-- timestamp before p_from and after p_to (any sample and the nearest
	-- good one), which the integration uses to interpolate to the edges.
	-- One line per row: epoch microseconds | IEEE bits of value | quality |
	-- unit; per (meter, UTC day) a SHA-256, then a SHA-256 over those.
	-- Nothing depends on DateStyle, TimeZone, extra_float_digits or the
	-- database collation.
	--
	-- The edge timestamps are looked up within a day of the period first
	-- (a partition or two), anywhere only for the meters without one there:
	-- the same timestamps, planned over few partitions.
	EXECUTE format($q$
	SELECT array_agg(m.meter_id ORDER BY m.meter_id, t.k), array_agg(t.ts ORDER BY m.meter_id, t.k),
		array_agg(t.k ORDER BY m.meter_id, t.k)
	FROM thermaliq.meters m
	CROSS JOIN LATERAL (VALUES
		(1, (SELECT max(r."timestamp") FROM %1$s r WHERE r.facility_id = $1 AND r.meter_id = m.meter_id
			AND r."timestamp" < $2 AND r."timestamp" >= $2 - interval '1 day')),
		(2, (SELECT max(r."timestamp") FROM %1$s r WHERE r.facility_id = $1 AND r.meter_id = m.meter_id
			AND r."timestamp" < $2 AND r."timestamp" >= $2 - interval '1 day'
			AND r.value IS NOT NULL AND r.quality < 2)),
		(3, (SELECT min(r."timestamp") FROM %1$s r WHERE r.facility_id = $1 AND r.meter_id = m.meter_id
			AND r."timestamp" > $3 AND r."timestamp" <= $3 + interval '1 day')),
		(4, (SELECT min(r."timestamp") FROM %1$s r WHERE r.facility_id = $1 AND r.meter_id = m.meter_id
			AND r."timestamp" > $3 AND r."timestamp" <= $3 + interval '1 day'
			AND r.value IS NOT NULL AND r.quality < 2))) AS t(k, ts)
	WHERE m.facility_id = $1 AND t.ts IS NOT NULL$q$, p_readings)
	INTO v_meters, v_times, v_kinds USING p_facility, p_from, p_to;
	-- Edges not found within a day: search anywhere, (meter, kind) by
	-- (meter, kind); a CASE runs only the subquery of the missing kind.
	IF coalesce(cardinality(v_kinds), 0) < 4 * (SELECT count(*) FROM thermaliq.meters WHERE facility_id = p_facility) THEN
	EXECUTE format($q$
	SELECT coalesce($4, '{}') || coalesce(array_agg(meter_id), '{}'),
		coalesce($5, '{}') || coalesce(array_agg(ts), '{}')
	FROM (SELECT m.meter_id, CASE k.k
			WHEN 1 THEN (SELECT max(r."timestamp") FROM %1$s r WHERE r.facility_id = $1 AND r.meter_id = m.meter_id
				AND r."timestamp" < $2 - interval '1 day')
			WHEN 2 THEN (SELECT max(r."timestamp") FROM %1$s r WHERE r.facility_id = $1 AND r.meter_id = m.meter_id
				AND r."timestamp" < $2 - interval '1 day' AND r.value IS NOT NULL AND r.quality < 2)
			WHEN 3 THEN (SELECT min(r."timestamp") FROM %1$s r WHERE r.facility_id = $1 AND r.meter_id = m.meter_id
				AND r."timestamp" > $3 + interval '1 day')
			ELSE (SELECT min(r."timestamp") FROM %1$s r WHERE r.facility_id = $1 AND r.meter_id = m.meter_id
				AND r."timestamp" > $3 + interval '1 day' AND r.value IS NOT NULL AND r.quality < 2) END AS ts
		FROM thermaliq.meters m CROSS JOIN generate_series(1, 4) AS k(k)
		WHERE m.facility_id = $1
		  AND NOT EXISTS (SELECT 1 FROM unnest($4, $6) AS w(meter_id, k)
			WHERE w.meter_id = m.meter_id AND w.k = k.k)) e
	WHERE ts IS NOT NULL$q$, p_readings)
	INTO v_meters, v_times USING p_facility, p_from, p_to, v_meters, v_times, v_kinds;
	END IF;
	-- The same row may be the edge of two kinds; DISTINCT keeps one lookup.
	SELECT array_agg(meter_id ORDER BY meter_id, ts), array_agg(ts ORDER BY meter_id, ts)
	INTO v_meters, v_times
	FROM (SELECT DISTINCT meter_id, ts FROM unnest(v_meters, v_times) AS u(meter_id, ts)) d;
	SELECT least(min(t), p_from), greatest(max(t), p_to) INTO v_lo, v_hi FROM unnest(v_times) t;

	EXECUTE format($q$
	WITH rows AS (
		SELECT r.meter_id, r."timestamp", r.value, r.quality, r.unit
		FROM %1$s r
		WHERE r.facility_id = $1 AND r."timestamp" >= $2 AND r."timestamp" <= $3
		  AND r.meter_id IN (SELECT meter_id FROM thermaliq.meters WHERE facility_id = $1)
		UNION ALL
		SELECT r.meter_id, r."timestamp", r.value, r.quality, r.unit
		FROM unnest($4::text[], $5::timestamptz[]) AS e(meter_id, ts)
		JOIN %1$s r ON r.facility_id = $1 AND r.meter_id = e.meter_id AND r."timestamp" = e.ts
		WHERE r."timestamp" >= $6 AND r."timestamp" <= $7),
	enc AS (
		SELECT meter_id, (extract(epoch FROM "timestamp") * 1000000)::bigint AS us, value, quality, unit
		FROM rows),
	chunk AS (
		SELECT meter_id, floor(us / 86400000000.0)::bigint AS day,
			sha256(convert_to(string_agg(
				us::text || '|' || coalesce(encode(float8send(value), 'hex'), 'null') || '|'
				|| quality::text || '|' || unit,
				E'\n' ORDER BY us, value, quality, unit COLLATE "C"), 'UTF8')) AS h
		FROM enc GROUP BY meter_id, floor(us / 86400000000.0)::bigint)
	SELECT encode(sha256(convert_to(coalesce(string_agg(
		to_jsonb(meter_id)::text || '|' || day::text || '|' || encode(h, 'hex'),
		E'\n' ORDER BY meter_id COLLATE "C", day), ''), 'UTF8')), 'hex')
	FROM chunk$q$, p_readings)
	INTO v_digest USING p_facility, p_from, p_to, v_meters, v_times, v_lo, v_hi;
	RETURN v_digest;
END
$$;
COMMENT ON FUNCTION thermaliq.provenance_readings_digest(text, timestamptz, timestamptz, regclass) IS
'SHA-256 (hex) of the readings an analysis of [p_from, p_to] reads (registered meters, plus the nearest samples before and after): per row epoch microseconds, IEEE-754 bits of value, quality, unit; per (meter, UTC day) digests combined in meter_id (C collation) and day order';

-- analyze_constants: the constants an analysis depends on.
CREATE FUNCTION thermaliq.analyze_constants()
RETURNS jsonb
LANGUAGE sql
STABLE
STRICT
PARALLEL SAFE
AS $$
SELECT jsonb_build_object(
	'extension', 'thermaliq',
	'extversion', (SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'thermaliq'),
	'water_steam', 'IAPWS-IF97 (2007 revision)',
	'kelvin_offset', 273.15,
	'coverage_factor', 2,
	'hours_per_year', 8766,
	'gap_factor', 2,
	'provenance_encoding', 'thermaliq-provenance-v1')
$$;
COMMENT ON FUNCTION thermaliq.analyze_constants() IS
'Constants of analyze(): extension version, water/steam formulation, Kelvin offset, GUM coverage factor, hours per year for annual savings, gap factor, provenance encoding version';

-- provenance_hash_resolved: the hash from options already resolved.
CREATE FUNCTION thermaliq.provenance_hash_resolved(p_facility text, p_from timestamptz,
	p_to timestamptz, p_options jsonb, p_readings regclass)
RETURNS text
LANGUAGE plpgsql
STABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
SET extra_float_digits = 3
SET DateStyle = 'ISO, YMD'
SET IntervalStyle = 'postgres'
SET TimeZone = 'UTC'
AS $$
DECLARE
	v_doc text;
BEGIN
	-- float8 values inside jsonb print in the shortest exact form
	-- (extra_float_digits > 0), keys are sorted by jsonb itself.
	SELECT concat_ws(E'\n',
		'thermaliq-provenance-v1',
		'constants=' || thermaliq.analyze_constants()::text,
		'period=' || (extract(epoch FROM p_from) * 1000000)::bigint::text || '/'
			|| (extract(epoch FROM p_to) * 1000000)::bigint::text,
		'options=' || p_options::text,
		'facility=' || coalesce((SELECT to_jsonb(f) FROM thermaliq.facilities f
			WHERE f.facility_id = p_facility)::text, 'null'),
		'meters=' || coalesce((SELECT jsonb_agg(to_jsonb(m) ORDER BY m.meter_id COLLATE "C")
			FROM thermaliq.meters m WHERE m.facility_id = p_facility)::text, '[]'),
		'facility_settings=' || coalesce((SELECT to_jsonb(s) FROM thermaliq.facility_settings s
			WHERE s.facility_id = p_facility)::text, 'null'),
		'meter_settings=' || coalesce((SELECT jsonb_agg(to_jsonb(s) ORDER BY s.meter_id COLLATE "C")
			FROM thermaliq.meter_settings s WHERE s.facility_id = p_facility)::text, '[]'),
		'fuels=' || coalesce((SELECT jsonb_agg(to_jsonb(f) ORDER BY f.fuel_id COLLATE "C")
			FROM thermaliq.fuels f WHERE f.fuel_id IN (SELECT m.fuel_id FROM thermaliq.meters m
				WHERE m.facility_id = p_facility))::text, '[]'),
		'benchmarks=' || coalesce((SELECT jsonb_agg(to_jsonb(b) ORDER BY b.percentile)
			FROM thermaliq.benchmarks b JOIN thermaliq.facilities f ON f.process_type = b.process_type
			WHERE f.facility_id = p_facility)::text, '[]'),
		'readings=' || thermaliq.provenance_readings_digest(p_facility, p_from, p_to, p_readings))
	INTO v_doc;
	RETURN encode(sha256(convert_to(v_doc, 'UTF8')), 'hex');
END
$$;
COMMENT ON FUNCTION thermaliq.provenance_hash_resolved(text, timestamptz, timestamptz, jsonb, regclass) IS
'Provenance hash from options already passed through analyze_options(): SHA-256 of constants, period, options, facility row, meter rows, facility_settings and meter_settings rows, fuel rows, benchmark rows and the readings digest';

-- provenance_hash: SHA-256 (hex) of every input of analyze().
CREATE FUNCTION thermaliq.provenance_hash(p_facility text, p_from timestamptz, p_to timestamptz,
	p_options jsonb DEFAULT '{}',
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass) -- cast at call time
RETURNS text
LANGUAGE plpgsql
STABLE
CALLED ON NULL INPUT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
SET extra_float_digits = 3
AS $$
BEGIN
	IF p_facility IS NULL OR p_from IS NULL OR p_to IS NULL OR p_readings IS NULL THEN
		RAISE EXCEPTION 'p_facility, p_from, p_to and p_readings must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	RETURN thermaliq.provenance_hash_resolved(p_facility, p_from, p_to,
		thermaliq.analyze_options(p_options), p_readings);
END
$$;
COMMENT ON FUNCTION thermaliq.provenance_hash(text, timestamptz, timestamptz, jsonb, regclass) IS
'SHA-256 (hex) of a canonical encoding of every input of analyze(): readings digest (rows of the period plus edge samples; epoch microseconds, IEEE bits), facility, meter, facility_settings, meter_settings, fuel and benchmark rows, constants with extversion, options after defaults. Independent of server settings: same inputs, same hash on any server';

-- ---------------------------------------------------------------------
-- analyze and calculate
-- ---------------------------------------------------------------------

-- analyze: the whole efficiency report of one facility and period as jsonb.
CREATE FUNCTION thermaliq.analyze(p_facility text, p_from timestamptz, p_to timestamptz,
	p_options jsonb DEFAULT '{}',
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass) -- cast at call time
RETURNS jsonb
LANGUAGE plpgsql
STABLE
CALLED ON NULL INPUT
PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
SET extra_float_digits = 3
AS $$
DECLARE
	v_opt jsonb;
	v_fac thermaliq.facilities;
	v_hours float8;
	v_t0_k float8;
	v_basis text;
	v_fuel text;          -- fuel used for CO2 and combustion losses
	v_fuel_meters int;
	v_F float8;
	v_E float8;
	v_U float8;
	v_I float8;
	v_cov float8;
	v_qual float8;
	v_eta float8;
	v_hb jsonb;
	v_closure jsonb;
	v_loss float8;
	v_losses jsonb;
	v_eta_hl float8;
	v_rad float8;
	v_me jsonb;           -- per-meter energies
	v_exF float8;
	v_exU float8;
	v_eta2 float8;
	v_streams jsonb;
	v_bench jsonb;
	v_pct float8;
	v_bbasis text;        -- heating value basis of the benchmark rows
	v_eta_b float8;       -- input-output efficiency restated on that basis
	v_unc jsonb;
	v_upct jsonb;
	v_urel_U float8;
	v_urel_XU float8;
	v_urel1 float8;
	v_urel2 float8;
	v_u_hl float8;
	v_tfg float8;
	v_o2 float8;
	v_tair float8;
	v_co float8;
	v_bd float8;
	v_opps jsonb := '[]';
	v_target float8;
	v_gain float8;
	v_l0 float8;
	v_l1 float8;
	v_price float8;
	v_capex jsonb;
	v_qbd float8;
	v_dq jsonb;
	v_inputs jsonb;
	v_hash text;
BEGIN
	IF p_facility IS NULL OR p_from IS NULL OR p_to IS NULL OR p_readings IS NULL THEN
		RAISE EXCEPTION 'p_facility, p_from, p_to and p_readings must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF NOT isfinite(p_from) OR NOT isfinite(p_to) THEN
		RAISE EXCEPTION 'p_from and p_to must be finite'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF p_to <= p_from THEN
		RAISE EXCEPTION 'p_to must be later than p_from'
			USING ERRCODE = 'invalid_parameter_value',
			DETAIL = format('p_from is %s, p_to is %s.', p_from, p_to);
	END IF;
	v_opt := thermaliq.analyze_options(p_options);
	SELECT * INTO v_fac FROM thermaliq.facilities WHERE facility_id = p_facility;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unknown facility "%"', p_facility
			USING ERRCODE = 'invalid_parameter_value',
			HINT = 'Register it in thermaliq.facilities.';
	END IF;
	SELECT count(*), min(heating_value_basis), count(DISTINCT heating_value_basis)
	INTO v_fuel_meters, v_basis, v_pct
	FROM thermaliq.meters WHERE facility_id = p_facility AND role = 'fuel_input';
	IF v_fuel_meters = 0 THEN
		RAISE EXCEPTION 'facility "%" has no fuel_input meter', p_facility
			USING ERRCODE = 'invalid_parameter_value',
			HINT = 'Register the fuel meter in thermaliq.meters with role fuel_input, its fuel_id and heating_value_basis.';
	END IF;
	IF v_pct > 1 THEN
		RAISE EXCEPTION 'fuel meters of facility "%" mix heating value bases', p_facility
			USING ERRCODE = 'invalid_parameter_value',
			DETAIL = 'An efficiency is stated on one basis; thermaliq never mixes bases silently.';
	END IF;
	v_hours := extract(epoch FROM p_to - p_from)::float8 / 3600;
	v_t0_k := v_fac.ambient_temperature_c + 273.15;
	v_price := (v_opt ->> 'energy_price_per_kwh')::float8;
	v_capex := v_opt -> 'capex';

	-- Energies of the whole period: one bucket of efficiency_series.
	SELECT sum(s.fuel_input_kwh), sum(s.electric_input_kwh), sum(s.useful_output_kwh),
		avg(s.coverage_pct), avg(s.quality_pct)
	INTO v_F, v_E, v_U, v_cov, v_qual
	FROM thermaliq.efficiency_series(p_facility, p_from, p_to,
		make_interval(secs => extract(epoch FROM p_to - p_from)::float8), p_readings) s;
	v_F := coalesce(v_F, 0);
	v_E := coalesce(v_E, 0);
	v_U := coalesce(v_U, 0);
	IF v_F <= 0 THEN
		RAISE EXCEPTION 'no fuel input for facility "%" between % and %', p_facility, p_from, p_to
			USING ERRCODE = 'no_data_found',
			HINT = 'Check the fuel meter''s readings for the period.';
	END IF;
	v_I := v_F + v_E;
	v_eta := 100 * v_U / v_I;

	-- Heat balance and closure, as heat_balance/balance_closure give them.
	SELECT coalesce(jsonb_agg(jsonb_build_object('category', h.category, 'stream', h.stream,
		'energy_kwh', h.energy_kwh, 'share_pct', h.share_pct) ORDER BY h.o), '[]') INTO v_hb
	FROM thermaliq.heat_balance(p_facility, p_from, p_to, p_readings)
		WITH ORDINALITY AS h(category, stream, energy_kwh, share_pct, o);
	SELECT to_jsonb(c) INTO v_closure
	FROM thermaliq.balance_closure(p_facility, p_from, p_to, p_readings) c;

	-- Heat-loss method: 100 - sum of loss rows as % of fuel input.
	SELECT sum((x ->> 'energy_kwh')::float8),
		jsonb_agg(jsonb_build_object('stream', x ->> 'stream', 'energy_kwh', (x ->> 'energy_kwh')::float8,
			'pct_of_fuel', 100 * (x ->> 'energy_kwh')::float8 / v_F)),
		sum((x ->> 'energy_kwh')::float8) FILTER (WHERE x ->> 'stream' ~* '(radiation|surface|casing|shell|convection)')
	INTO v_loss, v_losses, v_rad
	FROM jsonb_array_elements(v_hb) x WHERE x ->> 'category' = 'loss';
	-- Without flue-gas losses (no flue-gas meters) there is no heat-loss result.
	v_eta_hl := CASE WHEN v_hb @> '[{"category": "loss", "stream": "dry_flue_gas"}]'
		THEN 100 - 100 * v_loss / v_F END;

	-- Per-meter energies: a group's total when it has one meter, else the
	-- heat_balance row whose stream is the meter_id (NULL when absent).
	WITH m AS (
		SELECT meter_id, role, fuel_id, heating_value_basis AS basis,
			CASE WHEN role = 'fuel_input' THEN 'input' WHEN role = 'electric_input' THEN 'electric'
				ELSE 'output' END AS grp
		FROM thermaliq.meters
		WHERE facility_id = p_facility
		  AND role IN ('fuel_input', 'electric_input', 'heat_output', 'steam_output', 'hot_water_output')),
	n AS (SELECT grp, count(*) AS k FROM m GROUP BY grp),
	hb AS (SELECT x ->> 'category' AS cat, x ->> 'stream' AS stream, (x ->> 'energy_kwh')::float8 AS e
		FROM jsonb_array_elements(v_hb) x)
	SELECT jsonb_agg(jsonb_build_object('meter_id', m.meter_id, 'role', m.role, 'fuel_id', m.fuel_id,
		'basis', m.basis, 'energy_kwh',
		CASE WHEN n.k = 1 THEN CASE m.grp WHEN 'input' THEN v_F WHEN 'electric' THEN v_E ELSE v_U END
		ELSE (SELECT hb.e FROM hb WHERE hb.stream = m.meter_id
			AND hb.cat = CASE m.grp WHEN 'output' THEN 'output' ELSE 'input' END LIMIT 1) END)
		ORDER BY m.meter_id COLLATE "C")
	INTO v_me
	FROM m JOIN n USING (grp);

	-- Fuel for CO2 and combustion: the fuel meter with most energy.
	SELECT x ->> 'fuel_id' INTO v_fuel FROM jsonb_array_elements(v_me) x
	WHERE x ->> 'role' = 'fuel_input'
	ORDER BY (x ->> 'energy_kwh')::float8 DESC NULLS LAST, x ->> 'meter_id' LIMIT 1;

	-- Second law: exergy out / exergy in, dead state = facility ambient.
	SELECT sum(thermaliq.fuel_exergy_kw(x ->> 'fuel_id', (x ->> 'energy_kwh')::float8, x ->> 'basis'))
		+ CASE WHEN bool_or(x ->> 'energy_kwh' IS NULL) THEN NULL ELSE 0 END
	INTO v_exF
	FROM jsonb_array_elements(v_me) x WHERE x ->> 'role' = 'fuel_input';
	SELECT jsonb_agg(s.j || jsonb_build_object('exergy_kwh', CASE WHEN s.e IS NOT NULL THEN
			CASE WHEN s.ts = s.tr THEN thermaliq.heat_exergy_kw(s.e, s.ts + 273.15, v_t0_k)
			ELSE thermaliq.stream_heat_exergy_kw(s.e, s.ts + 273.15, s.tr + 273.15, v_t0_k) END END)
		ORDER BY s.j ->> 'meter_id')
	INTO v_streams
	FROM (SELECT jsonb_build_object('meter_id', x ->> 'meter_id', 'role', x ->> 'role',
			'energy_kwh', (x ->> 'energy_kwh')::float8,
			'supply_c', (v_opt ->> (t.p || '_supply_c'))::float8,
			'return_c', (v_opt ->> (t.p || '_return_c'))::float8) AS j,
			(x ->> 'energy_kwh')::float8 AS e,
			(v_opt ->> (t.p || '_supply_c'))::float8 AS ts,
			(v_opt ->> (t.p || '_return_c'))::float8 AS tr
		FROM jsonb_array_elements(v_me) x
		CROSS JOIN LATERAL (SELECT CASE x ->> 'role' WHEN 'steam_output' THEN 'steam'
			WHEN 'hot_water_output' THEN 'hot_water' ELSE 'process_heat' END AS p) t
		WHERE x ->> 'role' IN ('heat_output', 'steam_output', 'hot_water_output')) s;
	SELECT sum((x ->> 'exergy_kwh')::float8)
		+ CASE WHEN bool_or(x ->> 'exergy_kwh' IS NULL) THEN NULL ELSE 0 END
	INTO v_exU FROM jsonb_array_elements(coalesce(v_streams, '[]')) x;
	IF v_streams IS NULL THEN
		v_exU := 0;
	END IF;
	v_eta2 := CASE WHEN v_exF + v_E > 0 THEN 100 * v_exU / (v_exF + v_E) END;

	-- Benchmark, on the benchmark rows' basis: the same useful heat over
	-- the fuel energy restated with each fuel's HV ratio (never compare an
	-- LHV efficiency with HHV benchmarks).
	SELECT min(b.heating_value_basis), count(DISTINCT b.heating_value_basis)
	INTO v_bbasis, v_pct
	FROM thermaliq.benchmarks b WHERE b.process_type = v_fac.process_type;
	IF v_pct > 1 THEN
		RAISE EXCEPTION 'benchmarks of process type "%" mix heating value bases', v_fac.process_type
			USING ERRCODE = 'invalid_parameter_value',
			HINT = 'Give every thermaliq.benchmarks row of a process type the same heating_value_basis.';
	END IF;
	IF v_bbasis IS NULL OR v_bbasis = v_basis THEN
		v_eta_b := v_eta;
	ELSE
		SELECT 100 * v_U / (sum((x ->> 'energy_kwh')::float8
				* CASE v_bbasis WHEN 'hhv' THEN f.hhv_mj_kg / f.lhv_mj_kg ELSE f.lhv_mj_kg / f.hhv_mj_kg END)
			+ v_E)
		INTO v_eta_b
		FROM jsonb_array_elements(v_me) x
		JOIN thermaliq.fuels f ON f.fuel_id = x ->> 'fuel_id'
		WHERE x ->> 'role' = 'fuel_input';
	END IF;
	v_pct := thermaliq.benchmark_percentile(v_fac.process_type, v_eta_b);
	SELECT jsonb_build_object('process_type', v_fac.process_type,
		'efficiency_pct', v_eta_b,
		'heating_value_basis', v_bbasis,
		'percentile', v_pct,
		'position', CASE WHEN v_pct IS NULL THEN NULL
			WHEN v_eta_b < min(b.efficiency_pct) THEN 'below_range'
			WHEN v_eta_b > max(b.efficiency_pct) THEN 'above_range' ELSE 'within_range' END,
		'method', 'linear interpolation between adjacent percentile rows, clamped to the range',
		'rows', coalesce(jsonb_agg(jsonb_build_object('percentile', b.percentile,
			'efficiency_pct', b.efficiency_pct, 'source', b.source) ORDER BY b.percentile), '[]'))
	INTO v_bench
	FROM thermaliq.benchmarks b WHERE b.process_type = v_fac.process_type;

	-- Mean combustion conditions for the opportunities and the heat-loss
	-- uncertainty.
	v_tfg := thermaliq.analyze_mean(p_facility, 'flue_gas_temperature', 'degC', p_from, p_to, p_readings);
	v_o2 := thermaliq.analyze_mean(p_facility, 'flue_gas_o2', '%', p_from, p_to, p_readings);
	v_tair := coalesce(thermaliq.analyze_mean(p_facility, 'combustion_air_temperature', 'degC', p_from, p_to, p_readings),
		v_fac.ambient_temperature_c);
	v_co := coalesce(thermaliq.analyze_mean(p_facility, 'flue_gas_co', 'ppm', p_from, p_to, p_readings), 0);
	v_bd := thermaliq.analyze_mean(p_facility, 'blowdown_flow', 'kg/h', p_from, p_to, p_readings);

	-- Economizer: +1 % per stack_k_per_pct K down to the target stack
	-- temperature (US DOE Steam Tip #3: 1 % per 40 degF).
	IF v_tfg IS NULL THEN
		v_opps := v_opps || jsonb_build_array(jsonb_build_object('name', 'economizer', 'applicable', false,
			'reason', 'no flue_gas_temperature meter with readings', 'savings_kwh', 0));
	ELSE
		v_gain := greatest(0, v_tfg - (v_opt ->> 'target_stack_temperature_c')::float8)
			/ (v_opt ->> 'stack_k_per_pct')::float8;
		v_opps := v_opps || jsonb_build_array(thermaliq.analyze_opportunity('economizer', v_eta, v_eta + v_gain,
			v_I, v_hours, v_price, (v_capex ->> 'economizer')::float8, v_fuel, v_basis,
			jsonb_build_object('flue_gas_temperature_c', v_tfg,
				'target_stack_temperature_c', (v_opt ->> 'target_stack_temperature_c')::float8,
				'rule', format('+1 %% efficiency per %s K flue-gas temperature reduction', v_opt ->> 'stack_k_per_pct'),
				'reason', CASE WHEN v_gain > 0 THEN 'flue-gas temperature above the target stack temperature'
					ELSE 'flue-gas temperature at or below the target stack temperature' END)));
	END IF;

	-- Combustion tuning: losses at the measured O2 minus losses at target O2.
	IF v_o2 IS NULL OR v_tfg IS NULL THEN
		v_opps := v_opps || jsonb_build_array(jsonb_build_object('name', 'combustion_tuning', 'applicable', false,
			'reason', 'needs flue_gas_o2 and flue_gas_temperature meters with readings', 'savings_kwh', 0));
	ELSE
		IF v_o2 > (v_opt ->> 'target_o2_pct')::float8 THEN
			SELECT total_pct INTO v_l0 FROM thermaliq.combustion_losses(v_fuel, v_tfg, v_tair, v_o2, v_co, v_basis);
			SELECT total_pct INTO v_l1 FROM thermaliq.combustion_losses(v_fuel, v_tfg, v_tair,
				(v_opt ->> 'target_o2_pct')::float8, v_co, v_basis);
			v_gain := greatest(0, v_l0 - v_l1);
		ELSE
			v_l0 := NULL; v_l1 := NULL; v_gain := 0;
		END IF;
		v_opps := v_opps || jsonb_build_array(thermaliq.analyze_opportunity('combustion_tuning', v_eta, v_eta + v_gain,
			v_I, v_hours, v_price, (v_capex ->> 'combustion_tuning')::float8, v_fuel, v_basis,
			jsonb_build_object('flue_gas_o2_pct', v_o2, 'target_o2_pct', (v_opt ->> 'target_o2_pct')::float8,
				'flue_gas_temperature_c', v_tfg, 'combustion_air_temperature_c', v_tair, 'flue_gas_co_ppm', v_co,
				'losses_now_pct', v_l0, 'losses_at_target_pct', v_l1,
				'rule', 'combustion_losses() total at the measured O2 minus at the target O2, same temperatures',
				'reason', CASE WHEN v_gain > 0 THEN 'flue-gas O2 above target' ELSE 'flue-gas O2 at or below target' END)));
	END IF;

	-- Insulation: radiation/surface loss rows of heat_balance above target.
	IF v_rad IS NULL THEN
		v_opps := v_opps || jsonb_build_array(jsonb_build_object('name', 'insulation', 'applicable', false,
			'reason', 'heat_balance has no radiation/surface loss row', 'savings_kwh', 0));
	ELSE
		v_gain := greatest(0, 100 * v_rad / v_F - (v_opt ->> 'target_radiation_loss_pct')::float8);
		v_opps := v_opps || jsonb_build_array(thermaliq.analyze_opportunity('insulation', v_eta, v_eta + v_gain,
			v_I, v_hours, v_price, (v_capex ->> 'insulation')::float8, v_fuel, v_basis,
			jsonb_build_object('radiation_loss_pct', 100 * v_rad / v_F,
				'target_radiation_loss_pct', (v_opt ->> 'target_radiation_loss_pct')::float8,
				'rule', 'efficiency gain = radiation loss % of fuel - target %',
				'reason', CASE WHEN v_gain > 0 THEN 'surface losses above target' ELSE 'surface losses at or below target' END)));
	END IF;

	-- Blowdown heat recovery: saturated liquid at steam pressure down to
	-- make-up water temperature, blowdown_recovery_fraction recovered.
	IF v_bd IS NULL THEN
		v_opps := v_opps || jsonb_build_array(jsonb_build_object('name', 'blowdown_heat_recovery', 'applicable', false,
			'reason', 'no blowdown_flow meter with readings', 'savings_kwh', 0));
	ELSE
		v_qbd := v_bd * v_hours
			* ((thermaliq.if97_px((v_opt ->> 'steam_pressure_mpa')::float8, 0)).h
			   - (thermaliq.if97_pt(0.101325, (v_opt ->> 'makeup_water_c')::float8 + 273.15)).h) / 3600
			* (v_opt ->> 'blowdown_recovery_fraction')::float8;
		v_target := CASE WHEN v_qbd > 0 AND v_qbd < v_U THEN v_eta * v_U / (v_U - v_qbd) END;
		v_opps := v_opps || jsonb_build_array(thermaliq.analyze_opportunity('blowdown_heat_recovery', v_eta,
			coalesce(v_target, v_eta), v_I, v_hours, v_price, (v_capex ->> 'blowdown_heat_recovery')::float8,
			v_fuel, v_basis,
			jsonb_build_object('blowdown_kg', v_bd * v_hours, 'recovered_heat_kwh', v_qbd,
				'rule', 'target = eta x U / (U - recovered heat): recovered heat displaces fuel at the current efficiency',
				'reason', CASE WHEN v_target IS NOT NULL THEN 'blowdown heat can be recovered' ELSE 'no recoverable blowdown heat' END)));
	END IF;

	-- Uncertainty (GUM, k = 2): instruments of one role fully correlated,
	-- roles independent; relative percentages from options.
	v_upct := v_opt -> 'uncertainty_pct';
	SELECT CASE WHEN bool_or(x ->> 'energy_kwh' IS NULL) OR v_U <= 0 THEN
			max((v_upct ->> (x ->> 'role'))::float8) / 100
		ELSE sqrt(sum(((x ->> 'energy_kwh')::float8 * (v_upct ->> (x ->> 'role'))::float8 / 100) ^ 2)) / v_U END
	INTO v_urel_U
	FROM (SELECT x, x ->> 'role' AS role FROM jsonb_array_elements(v_me) x) y(x, role)
	WHERE role IN ('heat_output', 'steam_output', 'hot_water_output')
	GROUP BY ();
	SELECT CASE WHEN bool_or(x ->> 'exergy_kwh' IS NULL) OR v_exU <= 0 THEN
			max((v_upct ->> (x ->> 'role'))::float8) / 100
		ELSE sqrt(sum(((x ->> 'exergy_kwh')::float8 * (v_upct ->> (x ->> 'role'))::float8 / 100) ^ 2)) / v_exU END
	INTO v_urel_XU
	FROM jsonb_array_elements(coalesce(v_streams, '[]')) x;
	v_urel1 := thermaliq.efficiency_uncertainty(v_U, v_urel_U, v_F, (v_upct ->> 'fuel_input')::float8 / 100,
		v_E, (v_upct ->> 'electric_input')::float8 / 100);
	v_urel2 := thermaliq.efficiency_uncertainty(v_exU, v_urel_XU, v_exF, (v_upct ->> 'fuel_input')::float8 / 100,
		v_E, (v_upct ->> 'electric_input')::float8 / 100);
	-- Heat-loss method: sensitivities of combustion_losses() to flue-gas
	-- temperature (+-1 K) and O2 (+-0.1 %-point) at the mean conditions.
	IF v_eta_hl IS NOT NULL AND v_tfg IS NOT NULL AND v_o2 IS NOT NULL THEN
		SELECT sqrt(
			(((SELECT total_pct FROM thermaliq.combustion_losses(v_fuel, v_tfg + 1, v_tair, v_o2, v_co, v_basis))
			 - (SELECT total_pct FROM thermaliq.combustion_losses(v_fuel, v_tfg - 1, v_tair, v_o2, v_co, v_basis))) / 2
			 * (v_upct ->> 'flue_gas_temperature')::float8) ^ 2
			+ (((SELECT total_pct FROM thermaliq.combustion_losses(v_fuel, v_tfg, v_tair, v_o2 + 0.1, v_co, v_basis))
			 - (SELECT total_pct FROM thermaliq.combustion_losses(v_fuel, v_tfg, v_tair, greatest(v_o2 - 0.1, 0), v_co, v_basis)))
			 / (v_o2 + 0.1 - greatest(v_o2 - 0.1, 0))
			 * (v_upct ->> 'flue_gas_o2')::float8) ^ 2)
		INTO v_u_hl;
	END IF;
	v_unc := jsonb_build_object(
		'method', 'GUM (JCGM 100:2008) first-order propagation; meters of one role fully correlated, roles independent',
		'coverage_factor', 2,
		'instrument_uncertainty_pct', v_upct,
		'first_law_input_output', jsonb_build_object('efficiency_pct', v_eta,
			'relative_standard_uncertainty', v_urel1,
			'standard_uncertainty_pct', v_eta * v_urel1,
			'expanded_uncertainty_pct', 2 * v_eta * v_urel1),
		'first_law_heat_loss', jsonb_build_object('efficiency_pct', v_eta_hl,
			'standard_uncertainty_pct', v_u_hl,
			'expanded_uncertainty_pct', 2 * v_u_hl,
			'inputs', 'flue_gas_temperature (K), flue_gas_o2 (%-points) through combustion_losses()'),
		'second_law', jsonb_build_object('efficiency_pct', v_eta2,
			'relative_standard_uncertainty', v_urel2,
			'standard_uncertainty_pct', v_eta2 * v_urel2,
			'expanded_uncertainty_pct', 2 * v_eta2 * v_urel2));

	-- Data quality.
	v_dq := thermaliq.analyze_data_quality(p_facility, p_from, p_to, v_opt -> 'expected_interval', p_readings)
		|| jsonb_build_object('series_coverage_pct', v_cov, 'series_quality_pct', v_qual);

	v_inputs := jsonb_build_object(
		'facility', to_jsonb(v_fac),
		'meters', (SELECT jsonb_agg(to_jsonb(m) ORDER BY m.meter_id COLLATE "C")
			FROM thermaliq.meters m WHERE m.facility_id = p_facility),
		'fuels', (SELECT coalesce(jsonb_agg(to_jsonb(f) ORDER BY f.fuel_id COLLATE "C"), '[]')
			FROM thermaliq.fuels f WHERE f.fuel_id IN (SELECT m.fuel_id FROM thermaliq.meters m
				WHERE m.facility_id = p_facility)),
		'facility_settings', (SELECT to_jsonb(s) FROM thermaliq.facility_settings s
			WHERE s.facility_id = p_facility),
		'meter_settings', (SELECT coalesce(jsonb_agg(to_jsonb(s) ORDER BY s.meter_id COLLATE "C"), '[]')
			FROM thermaliq.meter_settings s WHERE s.facility_id = p_facility),
		'period', jsonb_build_object('from', p_from, 'to', p_to, 'hours', v_hours),
		'readings', p_readings::text,
		'options', v_opt,
		'constants', thermaliq.analyze_constants());
	v_hash := thermaliq.provenance_hash_resolved(p_facility, p_from, p_to, v_opt, p_readings);

	RETURN jsonb_build_object(
		'facility_id', p_facility,
		'period', v_inputs -> 'period',
		'inputs', v_inputs,
		'energy', jsonb_build_object('fuel_input_kwh', v_F, 'electric_input_kwh', v_E,
			'useful_output_kwh', v_U, 'input_kwh', v_I, 'heating_value_basis', v_basis,
			'meters', v_me),
		'first_law', jsonb_build_object(
			'input_output_efficiency_pct', v_eta,
			'heat_loss_efficiency_pct', v_eta_hl,
			'heating_value_basis', v_basis,
			'losses', coalesce(v_losses, '[]'),
			'loss_kwh', v_loss),
		'second_law', jsonb_build_object(
			'efficiency_pct', v_eta2,
			'dead_state_k', v_t0_k,
			'fuel_exergy_kwh', v_exF,
			'electric_exergy_kwh', v_E,
			'input_exergy_kwh', v_exF + v_E,
			'output_exergy_kwh', v_exU,
			'streams', coalesce(v_streams, '[]')),
		'heat_balance', jsonb_build_object('rows', v_hb, 'closure', v_closure),
		'benchmark', v_bench,
		'opportunities', v_opps,
		'opportunity_totals', (SELECT jsonb_build_object(
			'savings_kwh', sum((o ->> 'savings_kwh')::float8),
			'cost_savings', sum((o ->> 'cost_savings')::float8),
			'co2_savings_kg', sum((o ->> 'co2_savings_kg')::float8),
			'currency', v_opt ->> 'currency',
			'note', 'upper bound: opportunities interact and are not strictly additive')
			FROM jsonb_array_elements(v_opps) o WHERE (o ->> 'applicable')::boolean),
		'uncertainty', v_unc,
		'data_quality', v_dq,
		'provenance_hash', v_hash);
END
$$;
COMMENT ON FUNCTION thermaliq.analyze(text, timestamptz, timestamptz, jsonb, regclass) IS
'Efficiency report of a facility over [p_from, p_to) as jsonb: facility_id, period, inputs (facility row, meters, fuels, period, readings table, options after defaults, constants), energy (efficiency_series totals and per-meter energies), first_law (input_output_efficiency_pct = 100 U/(F+E); heat_loss_efficiency_pct = 100 - heat_balance loss rows as % of fuel), second_law (exergy out / exergy in, fuel_exergy_kw on the meter basis, stream_heat_exergy_kw at supply/return temperatures, dead state = facility ambient), heat_balance (rows, closure), benchmark (percentile interpolated in thermaliq.benchmarks), opportunities (economizer, combustion_tuning, insulation, blowdown_heat_recovery: savings_kwh = input x (1 - current/target), cost, payback, CO2), opportunity_totals, uncertainty (GUM, k = 2), data_quality, provenance_hash. Options: see analyze_default_options()';

-- calculate: runs analyze() and stores the outcome in thermaliq.calculations.
CREATE FUNCTION thermaliq.calculate(p_facility text, p_from timestamptz, p_to timestamptz,
	p_options jsonb DEFAULT '{}',
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass) -- cast at call time
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
CALLED ON NULL INPUT
PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_id bigint;
	v_result jsonb;
	v_state text;
	v_msg text;
BEGIN
	IF p_facility IS NULL OR p_from IS NULL OR p_to IS NULL OR p_readings IS NULL THEN
		RAISE EXCEPTION 'p_facility, p_from, p_to and p_readings must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	INSERT INTO thermaliq.calculations (facility_id, period_from, period_to, status)
	VALUES (p_facility, p_from, p_to, 'pending')
	RETURNING calculation_id INTO v_id;
	BEGIN
		-- A subtransaction: whatever analyze() did is undone on error.
		v_result := thermaliq.analyze(p_facility, p_from, p_to, p_options, p_readings);
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_msg = MESSAGE_TEXT;
		UPDATE thermaliq.calculations
		SET status = 'failed', finished_at = clock_timestamp(), error = v_state || ': ' || v_msg
		WHERE calculation_id = v_id;
		RETURN v_id;
	END;
	UPDATE thermaliq.calculations
	SET status = 'completed', finished_at = clock_timestamp(), result = v_result,
		provenance_hash = v_result ->> 'provenance_hash'
	WHERE calculation_id = v_id;
	RETURN v_id;
END
$$;
COMMENT ON FUNCTION thermaliq.calculate(text, timestamptz, timestamptz, jsonb, regclass) IS
'Runs analyze() in a subtransaction and stores it in thermaliq.calculations: completed with result and provenance_hash, or failed with error = "SQLSTATE: message" and no result; returns calculation_id';

-- ---- sql/install/90_generator.sql
-- A synthetic plant for demos, tests and benchmarks: no network, no files.

CREATE FUNCTION thermaliq.generate_plant(
	p_facilities int DEFAULT 3,
	p_from timestamptz DEFAULT now() - interval '30 days',
	p_to timestamptz DEFAULT now(),
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass, -- cast at call time
	p_sample_interval interval DEFAULT '1 minute',
	p_seed float8 DEFAULT 0.42,
	p_prefix text DEFAULT 'plant',
	p_meters text[] DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE
AS $$
DECLARE
	v_rows bigint;
	v_hhv float8;
BEGIN
	IF p_facilities IS NULL OR p_facilities < 1 OR p_facilities > 100000 THEN
		RAISE EXCEPTION 'p_facilities must be between 1 and 100000, not %', p_facilities
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF p_from IS NULL OR p_to IS NULL OR p_to <= p_from THEN
		RAISE EXCEPTION 'p_to must be later than p_from'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF p_sample_interval IS NULL OR p_sample_interval < interval '1 second' THEN
		RAISE EXCEPTION 'p_sample_interval must be at least 1 second'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT hhv_mj_kg INTO v_hhv FROM thermaliq.fuels WHERE fuel_id = 'natural_gas';
	IF v_hhv IS NULL THEN
		RAISE EXCEPTION 'fuel "natural_gas" is missing from thermaliq.fuels'
			USING ERRCODE = 'undefined_object';
	END IF;
	PERFORM setseed(p_seed);

	-- Facility k: a steam boiler, a hot-water boiler or a process heater,
	-- 2-8 MW of fuel (HHV), ambient 15-25 degC.
	INSERT INTO thermaliq.facilities (facility_id, name, process_type, ambient_temperature_c)
	SELECT format('%s-%s', p_prefix, lpad(k::text, 3, '0')),
		format('%s %s', initcap(replace(pt, '_', ' ')), k),
		pt, 15 + (k % 3) * 5
	FROM generate_series(1, p_facilities) AS k,
		LATERAL (SELECT (ARRAY['steam_boiler', 'hot_water_boiler', 'process_heater'])[1 + (k - 1) % 3] AS pt) t
	ON CONFLICT (facility_id) DO NOTHING;

	-- Meters: sampling every 15 s to 5 min at the default p_sample_interval.
	-- Electricity is a kW rate meter on odd facilities and a kWh counter
	-- (with a reset half-way) on even ones, never both.
	INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis)
	SELECT format('%s-%s', p_prefix, lpad(k::text, 3, '0')), m.meter_id,
		CASE WHEN m.meter_id = 'heat_out'
			THEN (ARRAY['steam_output', 'hot_water_output', 'heat_output'])[1 + (k - 1) % 3]
			ELSE m.role END,
		m.kind, m.unit, m.fuel_id,
		CASE WHEN m.role = 'fuel_input' THEN (ARRAY['hhv', 'lhv'])[1 + (k - 1) % 2] END
	FROM generate_series(1, p_facilities) AS k
	CROSS JOIN (VALUES
		('gas_flow', 'fuel_input', 'rate', 'kg/h', 'natural_gas'),
		('heat_out', NULL, 'rate', 'kW', NULL),
		('elec', 'electric_input', 'rate', 'kW', NULL),
		('elec_kwh', 'electric_input', 'counter', 'kWh', NULL),
		('fg_temp', 'flue_gas_temperature', 'rate', 'degC', NULL),
		('fg_o2', 'flue_gas_o2', 'rate', '%', NULL)
	) AS m(meter_id, role, kind, unit, fuel_id)
	WHERE (m.meter_id <> 'elec' OR k % 2 = 1) AND (m.meter_id <> 'elec_kwh' OR k % 2 = 0)
	  AND (p_meters IS NULL OR m.meter_id = ANY (p_meters))
	ON CONFLICT (facility_id, meter_id) DO NOTHING;

	EXECUTE format($q$
	INSERT INTO %s (facility_id, meter_id, "timestamp", value, unit, quality)
	WITH spec(meter_id, unit, every) AS (VALUES
		('gas_flow', 'kg/h', 0.25), ('heat_out', 'kW', 0.5), ('elec', 'kW', 1.0),
		('elec_kwh', 'kWh', 2.0), ('fg_temp', 'degC', 5.0), ('fg_o2', '%%', 2.0)),
	samples AS (
		SELECT me.facility_id, me.meter_id, sp.unit, m.k,
			-- jitter: up to +-20 %% of the meter's interval
			g + (random() - 0.5) * 0.4 * sp.every * $4 AS ts
		FROM thermaliq.meters me
		JOIN spec sp USING (meter_id)
		CROSS JOIN LATERAL (SELECT substring(me.facility_id FROM '(\d+)$')::int AS k) m
		CROSS JOIN LATERAL generate_series($2, $3, sp.every * $4) AS g
		WHERE me.facility_id LIKE $5 || '-%%' AND m.k <= $1
	),
	shaped AS (
		SELECT s.*, 2000 + 1500 * (s.k %% 5) AS cap,
			greatest(0.2, least(1.0,
				0.62 + 0.28 * sin(2 * pi() * (extract(epoch FROM s.ts) / 3600 - 8) / 24)
				- CASE WHEN extract(isodow FROM s.ts) >= 6 THEN 0.12 ELSE 0 END
				+ 0.05 * sin(2 * pi() * extract(epoch FROM s.ts) / 604800 + s.k)
				+ 0.03 * (random() - 0.5))) AS load
		FROM samples s
		WHERE s.ts >= $2 AND s.ts < $3
		  -- about one hour in nine days is missing per meter (gaps)
		  AND hashtext(s.facility_id || s.meter_id || to_char(s.ts, 'YYYYMMDDHH24')) %% 211 <> 0
	),
	-- Stack temperature and O2 follow the load: hot-water boilers run a
	-- cool stack, process heaters a hot one.
	stack AS (
		SELECT sh.*,
			CASE sh.k %% 3 WHEN 1 THEN 120 + 70 * sh.load WHEN 2 THEN 70 + 40 * sh.load
				ELSE 180 + 90 * sh.load END AS fgt,
			2.5 + 3.0 * (1 - sh.load) AS o2,
			15 + (sh.k %% 3) * 5 AS ambient
		FROM shaped sh
	),
	valued AS (
		SELECT facility_id, meter_id, ts, unit,
			CASE meter_id
				WHEN 'gas_flow' THEN cap * load * 3.6 / $6
				-- useful heat = fuel (HHV) less the flue-gas loss of natural
				-- gas at this stack temperature and O2 (a fit of
				-- combustion_losses(..., 'hhv') within 0.06 %%-points), 1 %%
				-- radiation and about 0.3 %% unaccounted; auxiliary
				-- electricity (about 1.3 %% of fuel) is not turned into heat
				WHEN 'heat_out' THEN cap * load * (1 - (9.70 + 0.00929 * (fgt - ambient)
					+ 0.5933 * (fgt - ambient) / (20.95 - o2)) / 100 - 0.01
					- 0.003 + 0.004 * (random() - 0.5))
				WHEN 'elec' THEN 0.004 * cap + 0.006 * cap * load + 2 * (random() - 0.5)
				WHEN 'elec_kwh' THEN 0.008 * cap * extract(epoch FROM ts - CASE
					WHEN ts >= $2 + ($3 - $2) / 2 THEN $2 + ($3 - $2) / 2 ELSE $2 - interval '400 days' END) / 3600
				WHEN 'fg_temp' THEN fgt + 3 * (random() - 0.5)
				WHEN 'fg_o2' THEN o2 + 0.3 * (random() - 0.5)
			END AS value,
			random() AS r
		FROM stack
	)
	-- written in time order across meters, as a historian writes
	SELECT * FROM (
	SELECT facility_id, meter_id, ts,
		-- 0.4 %% bad samples are spikes, 0.2 %% stale repeats
		CASE WHEN r < 0.004 THEN value * 10 ELSE value END,
		unit,
		CASE WHEN r < 0.004 THEN 2 WHEN r < 0.006 THEN 3 ELSE 0 END::smallint
	FROM valued
	UNION ALL
	-- 0.1 %% duplicated timestamps: a rate meter re-sent with a slightly
	-- different value, a counter re-sent with the same reading
	SELECT facility_id, meter_id, ts,
		CASE WHEN meter_id = 'elec_kwh' THEN value ELSE value * 1.001 END, unit, 0::smallint
	FROM valued WHERE r > 0.999
	) AS u(facility_id, meter_id, ts, value, unit, quality)
	ORDER BY ts
	$q$, p_readings)
	USING p_facilities, p_from, p_to, p_sample_interval, p_prefix, v_hhv;
	GET DIAGNOSTICS v_rows = ROW_COUNT;
	RETURN v_rows;
END
$$;
COMMENT ON FUNCTION thermaliq.generate_plant(int, timestamptz, timestamptz, regclass, interval, float8, text, text[]) IS
'Writes a synthetic plant into the registry and p_readings: p_facilities steam/hot-water boilers and process heaters with daily load shapes, gas flow (kg/h), heat output (kW), electricity (kW rate, or a kWh counter with a reset), flue-gas temperature and O2, sampled every 15 s to 5 min (at the default p_sample_interval, which scales them) with jitter, gaps, duplicates, bad and stale samples; p_meters limits the meters (gas_flow, heat_out, elec, elec_kwh, fg_temp, fg_o2); returns the rows written';

-- ---- sql/install/99_grants.sql
-- Privileges. The schema and the functions are usable by every role, like
-- any built-in function; reference data (fuels: 15_fuels.sql; benchmarks)
-- is readable by all. The plant registry, the readings and the stored
-- calculations stay private to their owners: the operator grants SELECT on
-- thermaliq.facilities, thermaliq.meters, thermaliq.facility_settings,
-- thermaliq.meter_settings and the readings table to the roles that
-- analyse, and SELECT, INSERT, UPDATE on thermaliq.calculations to those
-- that call calculate() (see README, "HTTP front").
GRANT USAGE ON SCHEMA thermaliq TO PUBLIC;
GRANT SELECT ON thermaliq.benchmarks TO PUBLIC;
