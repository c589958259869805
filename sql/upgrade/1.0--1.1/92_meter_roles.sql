-- 1.1 (issue 14): meter roles for outputs from primary measurements
-- (steam_pressure, steam_temperature, feedwater_temperature,
-- supply_temperature, return_temperature) and the combustion air's
-- humidity (ambient_humidity). The CHECK and the trigger that explains it
-- as in sql/install/25_storage.sql.
ALTER TABLE thermaliq.meters DROP CONSTRAINT meters_role_valid;
ALTER TABLE thermaliq.meters ADD CONSTRAINT meters_role_valid CHECK (role IN (
		'fuel_input', 'electric_input', 'heat_output', 'steam_output',
		'hot_water_output', 'flue_gas_temperature', 'flue_gas_o2',
		'combustion_air_temperature', 'flue_gas_co', 'blowdown_flow',
		'ambient_temperature', 'steam_pressure', 'steam_temperature',
		'feedwater_temperature', 'supply_temperature', 'return_temperature',
		'ambient_humidity'));

CREATE OR REPLACE FUNCTION thermaliq.meters_validate()
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
