-- Cumulative meters: thermaliq.meter_summary, meter_agg(), delta(),
-- reset_count() and rollup(meter_summary) (src/pg/meter_summary.c, rules in
-- src/math/meter.h). No COMBINEFUNC, as for time_weight.

CREATE TYPE thermaliq.meter_summary;

CREATE FUNCTION thermaliq.meter_summary_in(cstring) RETURNS thermaliq.meter_summary
AS 'MODULE_PATHNAME', 'meter_summary_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.meter_summary_in(cstring) IS
'Text input of meter_summary: the form meter_summary_out prints; malformed, inconsistent or other-version input is an error 22P02';

CREATE FUNCTION thermaliq.meter_summary_out(thermaliq.meter_summary) RETURNS cstring
AS 'MODULE_PATHNAME', 'meter_summary_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.meter_summary_out(thermaliq.meter_summary) IS
'Text output of meter_summary: (version:1,rollover:...|none,max_rate:...|none,first_time:<UTC>,first_val:...,last_time:<UTC>,last_val:...,delta:...,samples:N,resets:N,rollovers:N,rejected:N); round-trips exactly';

CREATE FUNCTION thermaliq.meter_summary_recv(internal) RETURNS thermaliq.meter_summary
AS 'MODULE_PATHNAME', 'meter_summary_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.meter_summary_recv(internal) IS
'Binary input of meter_summary (version byte first); truncated, trailing or inconsistent data is an error';

CREATE FUNCTION thermaliq.meter_summary_send(thermaliq.meter_summary) RETURNS bytea
AS 'MODULE_PATHNAME', 'meter_summary_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.meter_summary_send(thermaliq.meter_summary) IS
'Binary output of meter_summary: version byte, two flag bytes, then the fields as int64/float8';

CREATE TYPE thermaliq.meter_summary (
	INPUT = thermaliq.meter_summary_in,
	OUTPUT = thermaliq.meter_summary_out,
	RECEIVE = thermaliq.meter_summary_recv,
	SEND = thermaliq.meter_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE thermaliq.meter_summary IS
'Summary of a cumulative meter built by meter_agg(): first/last reading, rollover and max_rate, delta, sample, reset, rollover and rejected counts; read it with delta(), reset_count() ...; re-aggregate adjacent summaries with rollup()';

CREATE FUNCTION thermaliq.meter_summary_eq(thermaliq.meter_summary, thermaliq.meter_summary) RETURNS boolean
AS 'MODULE_PATHNAME', 'meter_summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.meter_summary_eq(thermaliq.meter_summary, thermaliq.meter_summary) IS
'True when every field of the two summaries is equal';

CREATE FUNCTION thermaliq.meter_summary_ne(thermaliq.meter_summary, thermaliq.meter_summary) RETURNS boolean
AS 'MODULE_PATHNAME', 'meter_summary_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.meter_summary_ne(thermaliq.meter_summary, thermaliq.meter_summary) IS
'True when some field of the two summaries differs';

CREATE OPERATOR thermaliq.= (
	LEFTARG = thermaliq.meter_summary, RIGHTARG = thermaliq.meter_summary,
	FUNCTION = thermaliq.meter_summary_eq, COMMUTATOR = OPERATOR(thermaliq.=),
	NEGATOR = OPERATOR(thermaliq.<>), RESTRICT = eqsel, JOIN = eqjoinsel
);
COMMENT ON OPERATOR thermaliq.= (thermaliq.meter_summary, thermaliq.meter_summary) IS
'meter_summary equality (every field)';

CREATE OPERATOR thermaliq.<> (
	LEFTARG = thermaliq.meter_summary, RIGHTARG = thermaliq.meter_summary,
	FUNCTION = thermaliq.meter_summary_ne, COMMUTATOR = OPERATOR(thermaliq.<>),
	NEGATOR = OPERATOR(thermaliq.=), RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR thermaliq.<> (thermaliq.meter_summary, thermaliq.meter_summary) IS
'meter_summary inequality';

CREATE FUNCTION thermaliq.meter_agg_trans(internal, timestamptz, float8) RETURNS internal
AS 'MODULE_PATHNAME', 'meter_agg_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.meter_agg_trans(internal, timestamptz, float8) IS
'Transition function of meter_agg(ts, reading)';
CREATE FUNCTION thermaliq.meter_agg_trans(internal, timestamptz, float8, float8, float8) RETURNS internal
AS 'MODULE_PATHNAME', 'meter_agg_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.meter_agg_trans(internal, timestamptz, float8, float8, float8) IS
'Transition function of meter_agg(ts, reading, rollover, max_rate)';

CREATE FUNCTION thermaliq.meter_agg_final(internal) RETURNS thermaliq.meter_summary
AS 'MODULE_PATHNAME', 'meter_agg_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.meter_agg_final(internal) IS
'Final function of meter_agg: sorts buffered out-of-order readings if any; safe to call repeatedly (window use)';

CREATE AGGREGATE thermaliq.meter_agg(ts timestamptz, reading float8) (
	SFUNC = thermaliq.meter_agg_trans, STYPE = internal,
	FINALFUNC = thermaliq.meter_agg_final, PARALLEL = SAFE
);
COMMENT ON AGGREGATE thermaliq.meter_agg(timestamptz, float8) IS
'Consumption of a cumulative counter, readings taken in time order whatever the input order: a rise adds cur - prev; a drop is a reset, the new reading counts from zero (adds cur; reset_count + 1); rows with NULL ts or reading are skipped; equal timestamps: the larger reading wins';

CREATE AGGREGATE thermaliq.meter_agg(ts timestamptz, reading float8, rollover float8, max_rate float8) (
	SFUNC = thermaliq.meter_agg_trans, STYPE = internal,
	FINALFUNC = thermaliq.meter_agg_final, PARALLEL = SAFE
);
COMMENT ON AGGREGATE thermaliq.meter_agg(timestamptz, float8, float8, float8) IS
'Consumption of a counter: a rise adds cur - prev; a drop adds rollover - prev + cur when rollover is given (wrap-around, rollover_count + 1; if that is negative, prev was above rollover and the drop is a reset), otherwise cur (reset, reset_count + 1); a step (of any kind) above max_rate x hours since the previous reading is rejected: not added, rejected_count + 1, and the next step starts from the rejected reading; NULL rollover or max_rate disables it; non-positive values: ERROR 22023';

CREATE FUNCTION thermaliq.meter_rollup_trans(internal, thermaliq.meter_summary) RETURNS internal
AS 'MODULE_PATHNAME', 'meter_rollup_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.meter_rollup_trans(internal, thermaliq.meter_summary) IS
'Transition function of rollup(meter_summary): collects the summaries';

CREATE FUNCTION thermaliq.meter_rollup_final(internal) RETURNS thermaliq.meter_summary
AS 'MODULE_PATHNAME', 'meter_rollup_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.meter_rollup_final(internal) IS
'Final function of rollup(meter_summary): sorts by first_time and stitches';

CREATE AGGREGATE thermaliq.rollup(thermaliq.meter_summary) (
	SFUNC = thermaliq.meter_rollup_trans, STYPE = internal,
	FINALFUNC = thermaliq.meter_rollup_final, PARALLEL = SAFE
);
COMMENT ON AGGREGATE thermaliq.rollup(thermaliq.meter_summary) IS
'Summary of adjacent, non-overlapping meter_summary values in any order: the step from one summary''s last reading to the next one''s first follows the meter_agg rules; overlapping ranges or different rollover/max_rate: ERROR 22000 naming both ranges; NULLs skipped';

CREATE FUNCTION thermaliq.delta(s thermaliq.meter_summary) RETURNS float8
AS 'MODULE_PATHNAME', 'delta' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.delta(thermaliq.meter_summary) IS
'Consumption over the range (reading units), resets and rollovers handled, implausible steps left out';

CREATE FUNCTION thermaliq.reset_count(s thermaliq.meter_summary) RETURNS bigint
AS 'MODULE_PATHNAME', 'reset_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.reset_count(thermaliq.meter_summary) IS
'Number of drops treated as resets (not counting rollovers or rejected steps)';

CREATE FUNCTION thermaliq.rollover_count(s thermaliq.meter_summary) RETURNS bigint
AS 'MODULE_PATHNAME', 'rollover_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.rollover_count(thermaliq.meter_summary) IS
'Number of drops treated as wrap-arounds of a counter with a rollover value';

CREATE FUNCTION thermaliq.rejected_count(s thermaliq.meter_summary) RETURNS bigint
AS 'MODULE_PATHNAME', 'rejected_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.rejected_count(thermaliq.meter_summary) IS
'Number of steps rejected as implausible (rate above max_rate per hour)';
