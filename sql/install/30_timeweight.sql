-- Time-weighted energy: thermaliq.tw_summary, time_weight(), its accessors
-- and rollup(tw_summary) (src/pg/tw_summary.c, maths in src/math/timeweight.c).
-- No COMBINEFUNC on purpose: the aggregate is order-sensitive and partial
-- states of one group could cover overlapping time ranges (API.md section 2).

CREATE TYPE thermaliq.tw_summary;

CREATE FUNCTION thermaliq.tw_summary_in(cstring) RETURNS thermaliq.tw_summary
AS 'MODULE_PATHNAME', 'tw_summary_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.tw_summary_in(cstring) IS
'Text input of tw_summary: the form tw_summary_out prints; malformed, inconsistent or other-version input is an error 22P02';

CREATE FUNCTION thermaliq.tw_summary_out(thermaliq.tw_summary) RETURNS cstring
AS 'MODULE_PATHNAME', 'tw_summary_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.tw_summary_out(thermaliq.tw_summary) IS
'Text output of tw_summary: (version:1,method:...,max_gap:<s>|none,first_time:<UTC>,first_val:...,last_time:<UTC>,last_val:...,integral:<value x s>,covered:<s>,samples:N,gaps:N); round-trips exactly';

CREATE FUNCTION thermaliq.tw_summary_recv(internal) RETURNS thermaliq.tw_summary
AS 'MODULE_PATHNAME', 'tw_summary_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.tw_summary_recv(internal) IS
'Binary input of tw_summary (version byte first); truncated, trailing or inconsistent data is an error';

CREATE FUNCTION thermaliq.tw_summary_send(thermaliq.tw_summary) RETURNS bytea
AS 'MODULE_PATHNAME', 'tw_summary_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.tw_summary_send(thermaliq.tw_summary) IS
'Binary output of tw_summary: version byte, method byte, then the fields as int64/float8';

CREATE TYPE thermaliq.tw_summary (
	INPUT = thermaliq.tw_summary_in,
	OUTPUT = thermaliq.tw_summary_out,
	RECEIVE = thermaliq.tw_summary_recv,
	SEND = thermaliq.tw_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE thermaliq.tw_summary IS
'Summary of a time-weighted series built by time_weight(): first/last point, method, max_gap, integral (value x seconds), covered time, sample and gap counts; read it with integral(), average(), coverage() ...; re-aggregate adjacent summaries with rollup()';

CREATE FUNCTION thermaliq.tw_summary_eq(thermaliq.tw_summary, thermaliq.tw_summary) RETURNS boolean
AS 'MODULE_PATHNAME', 'tw_summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.tw_summary_eq(thermaliq.tw_summary, thermaliq.tw_summary) IS
'True when every field of the two summaries is equal';

CREATE FUNCTION thermaliq.tw_summary_ne(thermaliq.tw_summary, thermaliq.tw_summary) RETURNS boolean
AS 'MODULE_PATHNAME', 'tw_summary_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.tw_summary_ne(thermaliq.tw_summary, thermaliq.tw_summary) IS
'True when some field of the two summaries differs';

CREATE OPERATOR thermaliq.= (
	LEFTARG = thermaliq.tw_summary, RIGHTARG = thermaliq.tw_summary,
	FUNCTION = thermaliq.tw_summary_eq, COMMUTATOR = OPERATOR(thermaliq.=),
	NEGATOR = OPERATOR(thermaliq.<>), RESTRICT = eqsel, JOIN = eqjoinsel
);
COMMENT ON OPERATOR thermaliq.= (thermaliq.tw_summary, thermaliq.tw_summary) IS
'tw_summary equality (every field)';

CREATE OPERATOR thermaliq.<> (
	LEFTARG = thermaliq.tw_summary, RIGHTARG = thermaliq.tw_summary,
	FUNCTION = thermaliq.tw_summary_ne, COMMUTATOR = OPERATOR(thermaliq.<>),
	NEGATOR = OPERATOR(thermaliq.=), RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR thermaliq.<> (thermaliq.tw_summary, thermaliq.tw_summary) IS
'tw_summary inequality';

-- time_weight: one C transition function for the three arities
CREATE FUNCTION thermaliq.time_weight_trans(internal, timestamptz, float8) RETURNS internal
AS 'MODULE_PATHNAME', 'time_weight_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.time_weight_trans(internal, timestamptz, float8) IS
'Transition function of time_weight(ts, value)';
CREATE FUNCTION thermaliq.time_weight_trans(internal, timestamptz, float8, text) RETURNS internal
AS 'MODULE_PATHNAME', 'time_weight_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.time_weight_trans(internal, timestamptz, float8, text) IS
'Transition function of time_weight(ts, value, method)';
CREATE FUNCTION thermaliq.time_weight_trans(internal, timestamptz, float8, text, interval) RETURNS internal
AS 'MODULE_PATHNAME', 'time_weight_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.time_weight_trans(internal, timestamptz, float8, text, interval) IS
'Transition function of time_weight(ts, value, method, max_gap)';

CREATE FUNCTION thermaliq.time_weight_final(internal) RETURNS thermaliq.tw_summary
AS 'MODULE_PATHNAME', 'time_weight_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.time_weight_final(internal) IS
'Final function of time_weight: sorts buffered out-of-order points if any; safe to call repeatedly (window use)';

CREATE AGGREGATE thermaliq.time_weight(ts timestamptz, value float8) (
	SFUNC = thermaliq.time_weight_trans, STYPE = internal,
	FINALFUNC = thermaliq.time_weight_final, PARALLEL = SAFE
);
COMMENT ON AGGREGATE thermaliq.time_weight(timestamptz, float8) IS
'Time-weighted summary of (ts, value) with linear (trapezoid) interpolation, no gap limit; rows with NULL ts or value are skipped; equal timestamps: the larger value wins; the result does not depend on input order or plan; NaN/Infinity: ERROR 22023';

CREATE AGGREGATE thermaliq.time_weight(ts timestamptz, value float8, method text) (
	SFUNC = thermaliq.time_weight_trans, STYPE = internal,
	FINALFUNC = thermaliq.time_weight_final, PARALLEL = SAFE
);
COMMENT ON AGGREGATE thermaliq.time_weight(timestamptz, float8, text) IS
'Time-weighted summary with method ''linear'' (trapezoid, default, also for NULL) or ''locf'' (step: each value holds until the next sample); unknown method: ERROR 22023';

CREATE AGGREGATE thermaliq.time_weight(ts timestamptz, value float8, method text, max_gap interval) (
	SFUNC = thermaliq.time_weight_trans, STYPE = internal,
	FINALFUNC = thermaliq.time_weight_final, PARALLEL = SAFE
);
COMMENT ON AGGREGATE thermaliq.time_weight(timestamptz, float8, text, interval) IS
'Time-weighted summary; a segment between consecutive samples longer than max_gap contributes neither integral nor coverage and counts in gap_count (NULL = no limit; must be positive and without months: ERROR 22023)';

-- rollup(tw_summary)
CREATE FUNCTION thermaliq.tw_rollup_trans(internal, thermaliq.tw_summary) RETURNS internal
AS 'MODULE_PATHNAME', 'tw_rollup_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.tw_rollup_trans(internal, thermaliq.tw_summary) IS
'Transition function of rollup(tw_summary): collects the summaries';

CREATE FUNCTION thermaliq.tw_rollup_final(internal) RETURNS thermaliq.tw_summary
AS 'MODULE_PATHNAME', 'tw_rollup_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.tw_rollup_final(internal) IS
'Final function of rollup(tw_summary): sorts by first_time and stitches';

CREATE AGGREGATE thermaliq.rollup(thermaliq.tw_summary) (
	SFUNC = thermaliq.tw_rollup_trans, STYPE = internal,
	FINALFUNC = thermaliq.tw_rollup_final, PARALLEL = SAFE
);
COMMENT ON AGGREGATE thermaliq.rollup(thermaliq.tw_summary) IS
'Summary of adjacent, non-overlapping tw_summary values in any order: adds the segment from one summary''s last point to the next one''s first point (unless longer than max_gap); overlapping ranges, or different method or max_gap: ERROR 22000 naming both ranges; NULLs skipped';

-- accessors
CREATE FUNCTION thermaliq.integral(s thermaliq.tw_summary, unit text DEFAULT 'hour') RETURNS float8
AS 'MODULE_PATHNAME', 'integral' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.integral(thermaliq.tw_summary, text) IS
'Time integral in value x unit (kW with ''hour'' gives kWh); unit microsecond, millisecond, second, minute, hour, day (86400 s) or week (plural forms accepted); unknown unit: ERROR 22023';

CREATE FUNCTION thermaliq.average(s thermaliq.tw_summary) RETURNS float8
AS 'MODULE_PATHNAME', 'average' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.average(thermaliq.tw_summary) IS
'Time-weighted mean: integral over covered time (gaps excluded); NULL when covered time is 0';

CREATE FUNCTION thermaliq.coverage(s thermaliq.tw_summary) RETURNS interval
AS 'MODULE_PATHNAME', 'coverage' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.coverage(thermaliq.tw_summary) IS
'Time covered by segments between samples, gaps longer than max_gap excluded (interval, no days part)';

CREATE FUNCTION thermaliq.gap_count(s thermaliq.tw_summary) RETURNS bigint
AS 'MODULE_PATHNAME', 'gap_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.gap_count(thermaliq.tw_summary) IS
'Number of segments longer than max_gap (excluded)';

CREATE FUNCTION thermaliq.sample_count(s thermaliq.tw_summary) RETURNS bigint
AS 'MODULE_PATHNAME', 'sample_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.sample_count(thermaliq.tw_summary) IS
'Number of samples used: distinct timestamps (rows with equal timestamps count once)';

CREATE FUNCTION thermaliq.first_time(s thermaliq.tw_summary) RETURNS timestamptz
AS 'MODULE_PATHNAME', 'first_time' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.first_time(thermaliq.tw_summary) IS 'Timestamp of the first sample';

CREATE FUNCTION thermaliq.last_time(s thermaliq.tw_summary) RETURNS timestamptz
AS 'MODULE_PATHNAME', 'last_time' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.last_time(thermaliq.tw_summary) IS 'Timestamp of the last sample';

CREATE FUNCTION thermaliq.first_val(s thermaliq.tw_summary) RETURNS float8
AS 'MODULE_PATHNAME', 'first_val' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.first_val(thermaliq.tw_summary) IS 'Value of the first sample (the largest of equal timestamps)';

CREATE FUNCTION thermaliq.last_val(s thermaliq.tw_summary) RETURNS float8
AS 'MODULE_PATHNAME', 'last_val' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.last_val(thermaliq.tw_summary) IS 'Value of the last sample (the largest of equal timestamps)';
