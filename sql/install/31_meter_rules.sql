-- The counter rule of API.md section 5 (1.1): meter_agg with a step-back
-- tolerance, and the comments that state the rule. Functions, aggregates
-- and comments only (CREATE OR REPLACE): the update scripts re-run this
-- piece (sql/upgrade/1.0--1.1/31_meter_rules.use).

CREATE OR REPLACE FUNCTION thermaliq.meter_agg_trans(internal, timestamptz, float8, float8, float8, float8) RETURNS internal
AS 'MODULE_PATHNAME', 'meter_agg_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.meter_agg_trans(internal, timestamptz, float8, float8, float8, float8) IS
'Transition function of meter_agg(ts, reading, rollover, max_rate, stepback_tolerance)';

CREATE OR REPLACE AGGREGATE thermaliq.meter_agg(ts timestamptz, reading float8, rollover float8,
	max_rate float8, stepback_tolerance float8) (
	SFUNC = thermaliq.meter_agg_trans, STYPE = internal,
	FINALFUNC = thermaliq.meter_agg_final, PARALLEL = SAFE
);
COMMENT ON AGGREGATE thermaliq.meter_agg(timestamptz, float8, float8, float8, float8) IS
'Consumption of a counter, readings taken in time order whatever the input order. The register R is the highest reading since the last reset. A reading cur >= R adds cur - R; a drop of at most stepback_tolerance x |R| (a re-sent or rounded value; NULL: 0.01) adds nothing and R stays; a larger drop adds rollover - R + cur when rollover is given (wrap-around, rollover_count + 1; if that is negative, a reset), otherwise cur (reset, reset_count + 1); a step above max_rate x hours since the previous reading is rejected: not added, rejected_count + 1, R = that reading. NULL rollover or max_rate disables it; non-positive rollover/max_rate or a tolerance outside [0, 1): ERROR 22023. Example: 1000, 1010, 1009.9, 1020 give 20; 100, 130, 170, 5, 25 give 95 and one reset';

COMMENT ON AGGREGATE thermaliq.meter_agg(timestamptz, float8) IS
'Consumption of a cumulative counter: meter_agg(ts, reading, NULL, NULL, 0.01): a rise adds the increase over the highest reading since the last reset, a drop of at most 1 % of it is a re-sent value (nothing added), a larger drop a reset (the new reading counts from zero; reset_count + 1); rows with NULL ts or reading are skipped; equal timestamps: the larger reading wins';

COMMENT ON AGGREGATE thermaliq.meter_agg(timestamptz, float8, float8, float8) IS
'meter_agg(ts, reading, rollover, max_rate, 0.01): the counter rule with the default step-back tolerance of 1 % of the register; see the five-argument form';

COMMENT ON AGGREGATE thermaliq.rollup(thermaliq.meter_summary) IS
'Summary of adjacent, non-overlapping meter_summary values in any order: the step from one summary''s register to the next one''s first reading follows the meter_agg rules; after a step-back the next summary''s rises count only above the register. Overlapping ranges or different rollover/max_rate/stepback: ERROR 22000 naming both ranges; NULLs skipped';

COMMENT ON FUNCTION thermaliq.delta(thermaliq.meter_summary) IS
'Consumption over the range (reading units): resets and rollovers handled, step-backs within the tolerance and implausible steps not counted';

COMMENT ON TYPE thermaliq.meter_summary IS
'Summary of a cumulative meter built by meter_agg(): first/last reading, rollover, max_rate and step-back tolerance, delta, the register (highest reading since the last reset) and the head (up to the first reset) that rollup() needs, sample, reset, rollover and rejected counts; read it with delta(), reset_count() ...; re-aggregate adjacent summaries with rollup()';

COMMENT ON FUNCTION thermaliq.meter_summary_in(cstring) IS
'Text input of meter_summary: the form meter_summary_out prints, or the version 1 form of thermaliq 1.0 (read with step-back tolerance 0, its rule); malformed or inconsistent input is an error 22P02';

COMMENT ON FUNCTION thermaliq.meter_summary_out(thermaliq.meter_summary) IS
'Text output of meter_summary: (version:2,rollover:...|none,max_rate:...|none,stepback:...,first_time:<UTC>,first_val:...,last_time:<UTC>,last_val:...,delta:...,register:...,head_max:...,head_break:none|reset|rollover|rejected,samples:N,resets:N,rollovers:N,rejected:N); round-trips exactly';

COMMENT ON FUNCTION thermaliq.meter_summary_recv(internal) IS
'Binary input of meter_summary (version byte first; version 1 of thermaliq 1.0 is read too); truncated, trailing or inconsistent data is an error 22P03';

COMMENT ON FUNCTION thermaliq.meter_summary_send(thermaliq.meter_summary) IS
'Binary output of meter_summary: version byte 2, two flag bytes, rollover, max_rate, stepback, first_time, first_val, last_time, last_val, delta, register, head_max as int64/float8, the head_break byte, then the four counts as int64';
