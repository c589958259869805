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
	-- tenancy (80_tenancy.sql): row-level security by facility, grants
	PERFORM thermaliq.readings_enable_tenancy(v_rel);
	RETURN v_rel;
END
$$;
COMMENT ON FUNCTION thermaliq.create_readings_table(text, text, int, interval, timestamptz) IS
'Creates a readings table partitioned by range on "timestamp", registers it with pg_partman (native, DEFAULT partition, p_premake partitions ahead, optional retention; p_start_partition for history older than the premake window) and creates the per-meter and covering indexes';
