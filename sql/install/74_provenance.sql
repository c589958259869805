-- Provenance: the SHA-256 of every input of an analysis.
-- Functions only (CREATE OR REPLACE): the update scripts re-run this piece.

-- ---------------------------------------------------------------------
-- Provenance
-- ---------------------------------------------------------------------

-- provenance_readings_digest: SHA-256 over the readings an analysis reads.
CREATE OR REPLACE FUNCTION thermaliq.provenance_readings_digest(p_facility text, p_from timestamptz,
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
CREATE OR REPLACE FUNCTION thermaliq.analyze_constants()
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
CREATE OR REPLACE FUNCTION thermaliq.provenance_hash_resolved(p_facility text, p_from timestamptz,
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
		'benchmarks=' || coalesce((SELECT jsonb_agg(to_jsonb(b) ORDER BY b.fuel_class COLLATE "C", b.condensing, b.percentile)
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
