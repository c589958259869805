-- 1.1: the row reader's check of a readings table, callable from plpgsql.
CREATE FUNCTION thermaliq.check_readings_table(p_readings regclass)
RETURNS regclass
AS 'MODULE_PATHNAME', 'check_readings_table'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.check_readings_table(regclass) IS
'Checks that p_readings has the readings columns with their types (facility_id, meter_id, unit text; timestamp timestamptz; value float8; quality smallint; 42804 otherwise) and that the caller may SELECT them (42501); returns p_readings';
