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
		'ambient_temperature', 'steam_pressure', 'steam_temperature',
		'feedwater_temperature', 'supply_temperature', 'return_temperature',
		'ambient_humidity')),
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
		'ambient_temperature', 'steam_pressure', 'steam_temperature',
		'feedwater_temperature', 'supply_temperature', 'return_temperature',
		'ambient_humidity') THEN
		RAISE EXCEPTION 'invalid meter role "%"', NEW.role
			USING ERRCODE = 'check_violation', CONSTRAINT = 'meters_role_valid',
			HINT = 'Valid roles are fuel_input, electric_input, heat_output, steam_output, hot_water_output, flue_gas_temperature, flue_gas_o2, combustion_air_temperature, flue_gas_co, blowdown_flow, ambient_temperature, steam_pressure, steam_temperature, feedwater_temperature, supply_temperature, return_temperature and ambient_humidity.';
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

-- create_readings_table and the maintenance of readings tables are in
-- 26_readings_table.sql (functions only, re-run by the 1.0--1.1 update).
