-- analyze_read (API.md sections 3 and 5): everything analyze() takes from
-- the readings, from one pruned read in C (src/plant/report.c) with the
-- plant functions' rules. Functions only (CREATE OR REPLACE): the 1.0--1.1
-- update re-runs this piece (21_plant.use).

-- analyze_expected_seconds: the expected_interval option in seconds.
CREATE OR REPLACE FUNCTION thermaliq.analyze_expected_seconds(p_expected jsonb)
RETURNS jsonb
LANGUAGE sql
STABLE
CALLED ON NULL INPUT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT CASE jsonb_typeof(p_expected)
	WHEN 'string' THEN to_jsonb(extract(epoch FROM (p_expected #>> '{}')::interval)::float8)
	WHEN 'object' THEN (SELECT coalesce(jsonb_object_agg(e.key,
		extract(epoch FROM (e.value #>> '{}')::interval)::float8), '{}')
		FROM jsonb_each(p_expected) e)
END
$$;
COMMENT ON FUNCTION thermaliq.analyze_expected_seconds(jsonb) IS
'The expected_interval option of analyze() in seconds: an interval string becomes a number, an object {meter_id: interval} an object {meter_id: seconds}; anything else NULL (the median sample interval is used)';

-- analyze_read: the one read of analyze().
CREATE OR REPLACE FUNCTION thermaliq.analyze_read(p_facility text, p_from timestamptz, p_to timestamptz,
	p_expected_s jsonb, p_readings regclass)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'analyze_read'
LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED;
COMMENT ON FUNCTION thermaliq.analyze_read(text, timestamptz, timestamptz, jsonb, regclass) IS
'Everything analyze() takes from the readings of a facility over [p_from, p_to), from one read of [p_from - max_gap, p_to + max_gap) with the rules of the plant functions: energy (fuel, electric, useful output and per-meter kWh on the time every energy meter covers, coverage_pct, quality_pct, gap_meters), heat_balance rows and closure as heat_balance/balance_closure give them, conditions (flue-gas temperature, O2, CO and combustion-air temperature weighted by fuel power as heat_balance uses them; blowdown kg/h; steam_pressure_mpa and ambient_humidity_pct time-weighted over the period''s samples), output_streams (per useful-output meter metered_as, energy_kwh and, for a mass flow, exergy_kwh as output_streams() gives them), data_quality (per meter counts, expected interval, completeness, gaps, uncovered hours; the energy meters that miss time) and readings_digest (provenance, of exactly the rows used). p_expected_s: NULL, seconds, or {meter_id: seconds}. ERROR 22023 for an unknown facility, 22004 for a NULL argument';
