-- convert(): exact conversions against their definitions, and the errors.
-- Each row: the conversion, the reference value (from the unit definitions:
-- Btu_IT = 1055.05585262 J, lb = 0.45359237 kg, psi from lbf with g_n) and
-- whether they agree to 1e-12 relative.
SELECT f, t, v, ref, abs(thermaliq.convert(v, f, t) - ref) <= 1e-12 * greatest(abs(ref), 1e-300) AS ok
FROM (VALUES
	(1::float8, 'MMBtu', 'kWh', 293.07107017222222),   -- 1.05505585262e9 / 3.6e6
	(1, 'therm', 'kWh', 29.307107017222222),
	(1, 'kWh', 'MJ', 3.6),
	(1, 'GJ', 'kWh', 277.77777777777778),
	(1, 'MW', 'kW', 1000),
	(1, 'MMBtu/h', 'kW', 293.07107017222222),
	(3412.1416331279, 'Btu/h', 'kW', 0.99999999999999999), -- 1 kW = 3412.14163312794 Btu/h
	(0, 'degC', 'K', 273.15),
	(0, 'degC', 'degF', 32),
	(32, 'degF', 'K', 273.15),
	(212, 'degF', 'degC', 100),
	(-40, 'degF', 'degC', -40),
	(373.15, 'K', 'degC', 100),
	(1, 'bar', 'kPa', 100),
	(1, 'MPa', 'bar', 10),
	(1, 'psi', 'kPa', 6.894757293168361),
	(1, 'atm', 'bar', 1.01325),
	(1, 't/h', 'kg/h', 1000),
	(1000, 'lb/h', 'kg/h', 453.59237),
	(1, 'm3/h', 'L/s', 0.27777777777777778),
	(1, 'kcal', 'kJ', 4.1868),
	(1, 'kWh', 'kWh', 1)
) AS c(v, f, t, ref);

-- case-insensitive spellings that are unambiguous
SELECT thermaliq.convert(1, 'KW', 'kw') AS kw, thermaliq.convert(1, 'mwh', 'KWH') AS mwh_kwh;
SELECT thermaliq.unit_dimension('kg/h'), thermaliq.unit_dimension('nonsense') IS NULL AS unknown_is_null;
SELECT count(*) > 50 AS many_units, count(*) FILTER (WHERE si_factor <= 0) AS bad_factors FROM thermaliq.units();

-- errors, with their SQLSTATE
\set VERBOSITY sqlstate
SELECT thermaliq.convert(1, 'furlong', 'kW');
SELECT thermaliq.convert(1, 'kW', 'kWh');
SELECT thermaliq.convert('NaN', 'kW', 'W');
SELECT thermaliq.convert('Infinity', 'kW', 'W');
SELECT thermaliq.convert(-300, 'degC', 'K');
SELECT thermaliq.convert(1e308, 'GW', 'W');
\set VERBOSITY default
SELECT thermaliq.convert(1, 'kW', 'degC');
SELECT thermaliq.convert(1, 'furlong', 'kW');
SELECT thermaliq.convert(NULL, 'kW', 'W') IS NULL AS strict;
