-- Cumulative meters: thermaliq.meter_summary, meter_agg(), delta(),
-- reset_count() and rollup(meter_summary) (src/pg/meter_summary.c, rules in
-- src/math/meter.h). No COMBINEFUNC, as for time_weight.
-- The counter rule (1.1: step-back tolerance) and the comments that state
-- it live in 31_meter_rules.sql, which the update scripts re-run.

CREATE TYPE thermaliq.meter_summary;

CREATE FUNCTION thermaliq.meter_summary_in(cstring) RETURNS thermaliq.meter_summary
AS 'MODULE_PATHNAME', 'meter_summary_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION thermaliq.meter_summary_out(thermaliq.meter_summary) RETURNS cstring
AS 'MODULE_PATHNAME', 'meter_summary_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION thermaliq.meter_summary_recv(internal) RETURNS thermaliq.meter_summary
AS 'MODULE_PATHNAME', 'meter_summary_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION thermaliq.meter_summary_send(thermaliq.meter_summary) RETURNS bytea
AS 'MODULE_PATHNAME', 'meter_summary_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE thermaliq.meter_summary (
	INPUT = thermaliq.meter_summary_in,
	OUTPUT = thermaliq.meter_summary_out,
	RECEIVE = thermaliq.meter_summary_recv,
	SEND = thermaliq.meter_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);

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

CREATE AGGREGATE thermaliq.meter_agg(ts timestamptz, reading float8, rollover float8, max_rate float8) (
	SFUNC = thermaliq.meter_agg_trans, STYPE = internal,
	FINALFUNC = thermaliq.meter_agg_final, PARALLEL = SAFE
);

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

CREATE FUNCTION thermaliq.delta(s thermaliq.meter_summary) RETURNS float8
AS 'MODULE_PATHNAME', 'delta' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

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
