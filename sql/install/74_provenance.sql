-- Provenance: the SHA-256 of every input of an analysis.
-- Functions only (CREATE OR REPLACE): the update scripts re-run this piece.

-- ---------------------------------------------------------------------
-- Provenance
-- ---------------------------------------------------------------------

-- provenance_readings_digest: SHA-256 over the readings an analysis uses,
-- from the one read of analyze_read (src/plant/digest.c).
CREATE OR REPLACE FUNCTION thermaliq.provenance_readings_digest(p_facility text, p_from timestamptz,
	p_to timestamptz, p_readings regclass)
RETURNS text
AS 'MODULE_PATHNAME', 'provenance_readings_digest'
LANGUAGE C
STABLE
STRICT
PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.provenance_readings_digest(text, timestamptz, timestamptz, regclass) IS
'SHA-256 (hex) of the readings an analysis of [p_from, p_to] uses: rows of the registered meters in [p_from, p_to] plus, per meter, the rows at the nearest timestamp before p_from and after p_to (any, and the nearest usable) within max_gap of the range (the read window; no other partition is probed); per row a binary record of epoch microseconds, IEEE-754 bits of value, quality and unit; per (meter, UTC day) digests combined in meter_id (C collation) and day order (encoding thermaliq-provenance-v2)';

-- analyze_constants: the constants an analysis depends on.
CREATE OR REPLACE FUNCTION thermaliq.analyze_constants()
RETURNS jsonb
LANGUAGE plpgsql
STABLE
STRICT
PARALLEL SAFE
AS $$
-- plpgsql, not sql: analyze() and the provenance hash call it inside their
-- queries, where a SQL function is parsed and planned on every call
BEGIN
	RETURN jsonb_build_object(
		'extension', 'thermaliq',
		'extversion', (SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'thermaliq'),
		'water_steam', 'IAPWS-IF97 (2007 revision)',
		'kelvin_offset', 273.15,
		'coverage_factor', 2,
		'hours_per_year', 8766,
		'gap_factor', 2,
		'provenance_encoding', 'thermaliq-provenance-v2');
END
$$;
COMMENT ON FUNCTION thermaliq.analyze_constants() IS
'Constants of analyze(): extension version, water/steam formulation, Kelvin offset, GUM coverage factor, hours per year for annual savings, gap factor, provenance encoding version';

-- provenance_hash_inputs: the hash from the inputs document analyze()
-- builds (its "inputs": options after defaults, constants, the facility,
-- meter and fuel rows as to_jsonb gives them with extra_float_digits 3) and
-- a readings digest. The rows with intervals (facility_settings,
-- meter_settings) and the benchmark rows are read here, under fixed
-- DateStyle, IntervalStyle and TimeZone, so that nothing depends on the
-- caller's settings; analyze() passes its own document instead of having
-- the same rows read and converted twice.
CREATE OR REPLACE FUNCTION thermaliq.provenance_hash_inputs(p_facility text, p_from timestamptz,
	p_to timestamptz, p_inputs jsonb, p_readings_digest text)
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
		'thermaliq-provenance-v2',
		'constants=' || (p_inputs -> 'constants')::text,
		'period=' || (extract(epoch FROM p_from) * 1000000)::bigint::text || '/'
			|| (extract(epoch FROM p_to) * 1000000)::bigint::text,
		'options=' || (p_inputs -> 'options')::text,
		'facility=' || coalesce((p_inputs -> 'facility')::text, 'null'),
		'meters=' || coalesce(nullif(p_inputs -> 'meters', 'null')::text, '[]'),
		'facility_settings=' || coalesce((SELECT to_jsonb(s) FROM thermaliq.facility_settings s
			WHERE s.facility_id = p_facility)::text, 'null'),
		'meter_settings=' || coalesce((SELECT jsonb_agg(to_jsonb(s) ORDER BY s.meter_id COLLATE "C")
			FROM thermaliq.meter_settings s WHERE s.facility_id = p_facility)::text, '[]'),
		'fuels=' || coalesce(nullif(p_inputs -> 'fuels', 'null')::text, '[]'),
		'benchmarks=' || coalesce((SELECT jsonb_agg(to_jsonb(b) ORDER BY b.fuel_class COLLATE "C", b.condensing, b.percentile)
			FROM thermaliq.benchmarks b JOIN thermaliq.facilities f ON f.process_type = b.process_type
			WHERE f.facility_id = p_facility)::text, '[]'),
		'readings=' || p_readings_digest)
	INTO v_doc;
	RETURN encode(sha256(convert_to(v_doc, 'UTF8')), 'hex');
END
$$;
COMMENT ON FUNCTION thermaliq.provenance_hash_inputs(text, timestamptz, timestamptz, jsonb, text) IS
'Provenance hash from the inputs document of analyze() (keys options, constants, facility, meters, fuels: the rows as to_jsonb gives them, meters and fuels ordered by id in C collation) and a readings digest: SHA-256 of the encoding thermaliq-provenance-v2 of constants, period, options, facility row, meter rows, facility_settings and meter_settings rows, fuel rows, benchmark rows and the digest';

-- provenance_hash_digest: the hash from options already resolved and the
-- readings digest (provenance_hash and provenance_hash_resolved; analyze
-- passes its inputs document to provenance_hash_inputs instead).
CREATE OR REPLACE FUNCTION thermaliq.provenance_hash_digest(p_facility text, p_from timestamptz,
	p_to timestamptz, p_options jsonb, p_readings_digest text)
RETURNS text
LANGUAGE plpgsql
STABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
SET extra_float_digits = 3
AS $$
BEGIN
	RETURN thermaliq.provenance_hash_inputs(p_facility, p_from, p_to, jsonb_build_object(
		'constants', thermaliq.analyze_constants(),
		'options', p_options,
		'facility', (SELECT to_jsonb(f) FROM thermaliq.facilities f WHERE f.facility_id = p_facility),
		'meters', (SELECT jsonb_agg(to_jsonb(m) ORDER BY m.meter_id COLLATE "C")
			FROM thermaliq.meters m WHERE m.facility_id = p_facility),
		'fuels', (SELECT jsonb_agg(to_jsonb(f) ORDER BY f.fuel_id COLLATE "C")
			FROM thermaliq.fuels f WHERE f.fuel_id IN (SELECT m.fuel_id FROM thermaliq.meters m
				WHERE m.facility_id = p_facility))), p_readings_digest);
END
$$;
COMMENT ON FUNCTION thermaliq.provenance_hash_digest(text, timestamptz, timestamptz, jsonb, text) IS
'Provenance hash from options already passed through analyze_options() and a readings digest (provenance_readings_digest, or analyze_read''s readings_digest): SHA-256 of constants, period, options, facility row, meter rows, facility_settings and meter_settings rows, fuel rows, benchmark rows and the digest (provenance_hash_inputs)';

-- provenance_hash_resolved: the hash from options already resolved.
CREATE OR REPLACE FUNCTION thermaliq.provenance_hash_resolved(p_facility text, p_from timestamptz,
	p_to timestamptz, p_options jsonb, p_readings regclass)
RETURNS text
LANGUAGE sql
STABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT thermaliq.provenance_hash_digest(p_facility, p_from, p_to, p_options,
	thermaliq.provenance_readings_digest(p_facility, p_from, p_to, p_readings))
$$;
COMMENT ON FUNCTION thermaliq.provenance_hash_resolved(text, timestamptz, timestamptz, jsonb, regclass) IS
'Provenance hash from options already passed through analyze_options(): SHA-256 of constants, period, options, facility row, meter rows, facility_settings and meter_settings rows, fuel rows, benchmark rows and the readings digest';

-- provenance_hash: SHA-256 (hex) of every input of analyze().
CREATE OR REPLACE FUNCTION thermaliq.provenance_hash(p_facility text, p_from timestamptz, p_to timestamptz,
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
	PERFORM thermaliq.check_readings_table(p_readings);
	RETURN thermaliq.provenance_hash_resolved(p_facility, p_from, p_to,
		thermaliq.analyze_options(p_options), p_readings);
END
$$;
COMMENT ON FUNCTION thermaliq.provenance_hash(text, timestamptz, timestamptz, jsonb, regclass) IS
'SHA-256 (hex) of a canonical encoding of every input of analyze(): readings digest (rows of the period plus edge samples; epoch microseconds, IEEE bits), facility, meter, facility_settings, meter_settings, fuel and benchmark rows, constants with extversion, options after defaults. Independent of server settings: same inputs, same hash on any server';
