-- efficiency_series (API.md sections 3 and 5): energies per bucket on the
-- time every energy meter covers, with the meters that miss time.
-- Functions only (CREATE OR REPLACE): the 1.0--1.1 update drops the 1.0
-- function (its result type changed: gap_meters) and re-runs this piece.
CREATE OR REPLACE FUNCTION thermaliq.efficiency_series(
	p_facility text,
	p_from timestamptz,
	p_to timestamptz,
	p_bucket interval DEFAULT '1 hour',
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass) -- cast at call time
RETURNS TABLE(bucket_start timestamptz, fuel_input_kwh float8,
	electric_input_kwh float8, useful_output_kwh float8,
	first_law_efficiency_pct float8, coverage_pct float8, quality_pct float8,
	gap_meters text[])
AS 'MODULE_PATHNAME', 'efficiency_series'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION thermaliq.efficiency_series(text, timestamptz, timestamptz, interval, regclass) IS
'Energy per bucket [p_from + k p_bucket, p_from + (k+1) p_bucket) (last clipped to p_to): fuel (on the meters'' basis), electricity and useful output (steam, hot water, heat) in kWh, each integrated with edge interpolation over the time of the bucket that every energy meter covers (a counter covers every interval between two good reads), so input and output describe the same time and buckets add up to the whole range; first-law efficiency = 100 useful / (fuel + electric), NULL when that or the coverage is 0; coverage_pct = share of the bucket covered by all energy meters; quality_pct = share of the energy meters'' rows in the bucket that are usable (quality 0/1, finite value); gap_meters = the energy meters with uncovered time in the bucket (''{}'' when none)';
