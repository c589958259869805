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
