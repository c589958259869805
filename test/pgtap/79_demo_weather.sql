-- pgTAP: the demo generator's weather (thermaliq_demo): an outdoor
-- temperature meter only when p_meters names 'ambient', and then a
-- hot-water boiler whose fuel follows heating degree-days as the generator
-- says: load 0.3 + 0.035 per degC of daily mean below 15.5 degC, so fuel
-- per degree-day = 0.035 x cap x 24 h on HHV; facility 2 (cap 2000 + 1500 x 2
-- = 5000 kW) meters its gas on LHV, and natural gas LHV/HHV = the fuels
-- table's ratio. Generated 12 days from 2026-11-01 (fixed dates: the
-- DEFAULT partition takes them).
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(7);
CREATE EXTENSION IF NOT EXISTS thermaliq_demo;
SELECT thermaliq.create_readings_table('public.w79_readings') IS NOT NULL AS created;
SELECT thermaliq.generate_plant(2, '2026-11-01Z', '2026-11-13Z', 'public.w79_readings', p_prefix := 'w79',
	p_meters := ARRAY['gas_flow', 'heat_out', 'fg_temp', 'fg_o2', 'ambient']) > 0 AS generated;
SELECT thermaliq.generate_plant(1, '2026-11-01Z', '2026-11-02Z', 'public.w79_readings', p_prefix := 'w79n') > 0 AS generated;
RESET client_min_messages;

SELECT is((SELECT string_agg(facility_id || ':' || role || ':' || unit, ',' ORDER BY facility_id)
	FROM thermaliq.meters WHERE meter_id = 'ambient' AND facility_id LIKE 'w79%'),
	'w79-001:ambient_temperature:degC,w79-002:ambient_temperature:degC', 'an ambient meter when p_meters names it');
SELECT is((SELECT count(*) FROM thermaliq.meters WHERE facility_id = 'w79n-001' AND meter_id = 'ambient'), 0::bigint,
	'none by default (the default plant is unchanged)');
SELECT ok((SELECT min(value) > -25 AND max(value) < 40 AND count(*) > 3000 FROM public.w79_readings
	WHERE facility_id = 'w79-002' AND meter_id = 'ambient' AND quality = 0), 'outdoor temperatures, one every 5 minutes');

CREATE TEMP TABLE wb AS SELECT thermaliq.baseline('w79-002', '2026-11-01Z', '2026-11-13Z', '1 day', 'hdd:15.5', '2p',
	'public.w79_readings') AS b;
SELECT is((SELECT (b->>'buckets_used')::int >= 10 FROM wb), true, 'at least 10 of 12 days usable');
SELECT ok((SELECT abs((b->'coefficients'->>'b1')::float8
	/ (0.035 * 5000 * 24 * (SELECT lhv_mj_kg / hhv_mj_kg FROM thermaliq.fuels WHERE fuel_id = 'natural_gas')) - 1) < 0.05
	FROM wb), 'fuel per degree-day within 5 % of 0.035 x 5000 kW x 24 h (LHV)');
SELECT ok((SELECT (b->>'r2')::float8 > 0.95 AND (b->>'meets_ashrae14')::boolean FROM wb),
	'the weather explains the fuel (R2 > 0.95) and the baseline meets ASHRAE 14');
-- the steam boiler (facility 1) does not heat buildings: degree-days
-- explain its fuel far worse (its daily and weekly shape only happens to
-- correlate a little with 12 days of weather: R2 0.6 here)
SELECT ok((SELECT (b->>'r2')::float8 < 0.9 AND (b->'t_stats'->>'b1')::float8 < 20
	FROM (SELECT thermaliq.baseline('w79-001', '2026-11-01Z', '2026-11-13Z', '1 day', 'hdd:15.5', '2p',
		'public.w79_readings') AS b) s), 'facility 1: R2 under 0.9 and t(b1) under 20 against degree-days');

SELECT * FROM finish();
ROLLBACK;
