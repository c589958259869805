-- A synthetic plant for demos, tests and benchmarks: no network, no files.
-- Extension thermaliq_demo (not for production databases): it writes
-- facilities, meters and readings, and needs thermaliq.

CREATE FUNCTION thermaliq.generate_plant(
	p_facilities int DEFAULT 3,
	p_from timestamptz DEFAULT now() - interval '30 days',
	p_to timestamptz DEFAULT now(),
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass, -- cast at call time
	p_sample_interval interval DEFAULT '1 minute',
	p_seed float8 DEFAULT 0.42,
	p_prefix text DEFAULT 'plant',
	p_meters text[] DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE
AS $$
DECLARE
	v_rows bigint;
	v_hhv float8;
BEGIN
	IF p_facilities IS NULL OR p_facilities < 1 OR p_facilities > 100000 THEN
		RAISE EXCEPTION 'p_facilities must be between 1 and 100000, not %', p_facilities
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF p_from IS NULL OR p_to IS NULL OR p_to <= p_from THEN
		RAISE EXCEPTION 'p_to must be later than p_from'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF p_sample_interval IS NULL OR p_sample_interval < interval '1 second' THEN
		RAISE EXCEPTION 'p_sample_interval must be at least 1 second'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT hhv_mj_kg INTO v_hhv FROM thermaliq.fuels WHERE fuel_id = 'natural_gas';
	IF v_hhv IS NULL THEN
		RAISE EXCEPTION 'fuel "natural_gas" is missing from thermaliq.fuels'
			USING ERRCODE = 'undefined_object';
	END IF;
	PERFORM setseed(p_seed);

	-- Facility k: a steam boiler, a hot-water boiler or a process heater,
	-- 2-8 MW of fuel (HHV), ambient 15-25 degC.
	INSERT INTO thermaliq.facilities (facility_id, name, process_type, ambient_temperature_c)
	SELECT format('%s-%s', p_prefix, lpad(k::text, 3, '0')),
		format('%s %s', initcap(replace(pt, '_', ' ')), k),
		pt, 15 + (k % 3) * 5
	FROM generate_series(1, p_facilities) AS k,
		LATERAL (SELECT (ARRAY['steam_boiler', 'hot_water_boiler', 'process_heater'])[1 + (k - 1) % 3] AS pt) t
	ON CONFLICT (facility_id) DO NOTHING;

	-- Meters: sampling every 15 s to 5 min at the default p_sample_interval.
	-- Electricity is a kW rate meter on odd facilities and a kWh counter
	-- (with a reset half-way) on even ones, never both.
	INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis)
	SELECT format('%s-%s', p_prefix, lpad(k::text, 3, '0')), m.meter_id,
		CASE WHEN m.meter_id = 'heat_out'
			THEN (ARRAY['steam_output', 'hot_water_output', 'heat_output'])[1 + (k - 1) % 3]
			ELSE m.role END,
		m.kind, m.unit, m.fuel_id,
		CASE WHEN m.role = 'fuel_input' THEN (ARRAY['hhv', 'lhv'])[1 + (k - 1) % 2] END
	FROM generate_series(1, p_facilities) AS k
	CROSS JOIN (VALUES
		('gas_flow', 'fuel_input', 'rate', 'kg/h', 'natural_gas'),
		('heat_out', NULL, 'rate', 'kW', NULL),
		('elec', 'electric_input', 'rate', 'kW', NULL),
		('elec_kwh', 'electric_input', 'counter', 'kWh', NULL),
		('fg_temp', 'flue_gas_temperature', 'rate', 'degC', NULL),
		('fg_o2', 'flue_gas_o2', 'rate', '%', NULL),
		('ambient', 'ambient_temperature', 'rate', 'degC', NULL)
	) AS m(meter_id, role, kind, unit, fuel_id)
	WHERE (m.meter_id <> 'elec' OR k % 2 = 1) AND (m.meter_id <> 'elec_kwh' OR k % 2 = 0)
	  AND (p_meters IS NULL OR m.meter_id = ANY (p_meters))
	  -- the outdoor temperature only when asked for: it makes the weather
	  -- part of the load (below), which the other meters' defaults lack
	  AND (m.meter_id <> 'ambient' OR 'ambient' = ANY (p_meters))
	ON CONFLICT (facility_id, meter_id) DO NOTHING;

	EXECUTE format($q$
	INSERT INTO %s (facility_id, meter_id, "timestamp", value, unit, quality)
	WITH spec(meter_id, unit, every) AS (VALUES
		('gas_flow', 'kg/h', 0.25), ('heat_out', 'kW', 0.5), ('elec', 'kW', 1.0),
		('elec_kwh', 'kWh', 2.0), ('fg_temp', 'degC', 5.0), ('fg_o2', '%%', 2.0),
		('ambient', 'degC', 5.0)),
	samples AS (
		SELECT me.facility_id, me.meter_id, sp.unit, m.k, am.meter_id IS NOT NULL AS weather,
			-- jitter: up to +-20 %% of the meter's interval
			g + (random() - 0.5) * 0.4 * sp.every * $4 AS ts
		FROM thermaliq.meters me
		JOIN spec sp USING (meter_id)
		LEFT JOIN thermaliq.meters am ON am.facility_id = me.facility_id AND am.meter_id = 'ambient'
		CROSS JOIN LATERAL (SELECT substring(me.facility_id FROM '(\d+)$')::int AS k) m
		CROSS JOIN LATERAL generate_series($2, $3, sp.every * $4) AS g
		WHERE me.facility_id LIKE $5 || '-%%' AND m.k <= $1
	),
	-- Outdoor temperature (degC) of a facility with an ambient meter: a
	-- year's cycle (coldest mid-January), weather of a few days and the
	-- day's swing. Its hot-water boiler then heats buildings: the load is
	-- 0.3 plus 0.035 per degree of the day's mean below 15.5 degC.
	outdoor AS (
		SELECT s.*, t.day_c, t.day_c + 4 * sin(2 * pi() * (extract(epoch FROM s.ts) / 3600 - 9) / 24) AS outdoor_c
		FROM samples s,
		LATERAL (SELECT 10 + 9 * sin(2 * pi() * (extract(epoch FROM s.ts) / 86400 - 110) / 365.25)
			+ 3.5 * sin(2 * pi() * extract(epoch FROM s.ts) / 86400 / 6.3 + s.k)
			+ 2 * sin(2 * pi() * extract(epoch FROM s.ts) / 86400 / 2.7) AS day_c) t
	),
	shaped AS (
		SELECT s.*, 2000 + 1500 * (s.k %% 5) AS cap,
			greatest(0.2, least(1.0, CASE WHEN s.weather AND s.k %% 3 = 2 THEN
				0.30 + 0.035 * greatest(15.5 - s.day_c, 0)
				+ 0.08 * sin(2 * pi() * (extract(epoch FROM s.ts) / 3600 - 8) / 24)
			ELSE
				0.62 + 0.28 * sin(2 * pi() * (extract(epoch FROM s.ts) / 3600 - 8) / 24)
				- CASE WHEN extract(isodow FROM s.ts) >= 6 THEN 0.12 ELSE 0 END
				+ 0.05 * sin(2 * pi() * extract(epoch FROM s.ts) / 604800 + s.k) END
				+ 0.03 * (random() - 0.5))) AS load
		FROM outdoor s
		WHERE s.ts >= $2 AND s.ts < $3
		  -- about one hour in nine days is missing per meter (gaps)
		  AND hashtext(s.facility_id || s.meter_id || to_char(s.ts, 'YYYYMMDDHH24')) %% 211 <> 0
	),
	-- Stack temperature and O2 follow the load: hot-water boilers run a
	-- cool stack, process heaters a hot one.
	stack AS (
		SELECT sh.*,
			CASE sh.k %% 3 WHEN 1 THEN 120 + 70 * sh.load WHEN 2 THEN 70 + 40 * sh.load
				ELSE 180 + 90 * sh.load END AS fgt,
			2.5 + 3.0 * (1 - sh.load) AS o2,
			-- combustion air: the facility's ambient, or outdoors when metered
			CASE WHEN sh.weather THEN sh.outdoor_c ELSE 15 + (sh.k %% 3) * 5 END AS ambient
		FROM shaped sh
	),
	valued AS (
		SELECT facility_id, meter_id, ts, unit,
			CASE meter_id
				WHEN 'gas_flow' THEN cap * load * 3.6 / $6
				-- useful heat = fuel (HHV) less the flue-gas loss of natural
				-- gas at this stack temperature and O2 (a fit of
				-- combustion_losses(..., 'hhv') within 0.06 %%-points), 1 %%
				-- radiation and about 0.3 %% unaccounted; auxiliary
				-- electricity (about 1.3 %% of fuel) is not turned into heat
				WHEN 'heat_out' THEN cap * load * (1 - (9.70 + 0.00929 * (fgt - ambient)
					+ 0.5933 * (fgt - ambient) / (20.95 - o2)) / 100 - 0.01
					- 0.003 + 0.004 * (random() - 0.5))
				WHEN 'elec' THEN 0.004 * cap + 0.006 * cap * load + 2 * (random() - 0.5)
				WHEN 'elec_kwh' THEN 0.008 * cap * extract(epoch FROM ts - CASE
					WHEN ts >= $2 + ($3 - $2) / 2 THEN $2 + ($3 - $2) / 2 ELSE $2 - interval '400 days' END) / 3600
				WHEN 'fg_temp' THEN fgt + 3 * (random() - 0.5)
				WHEN 'fg_o2' THEN o2 + 0.3 * (random() - 0.5)
				WHEN 'ambient' THEN outdoor_c + 0.3 * (random() - 0.5)
			END AS value,
			random() AS r
		FROM stack
	)
	-- written in time order across meters, as a historian writes
	SELECT * FROM (
	SELECT facility_id, meter_id, ts,
		-- 0.4 %% bad samples are spikes, 0.2 %% stale repeats
		CASE WHEN r < 0.004 THEN value * 10 ELSE value END,
		unit,
		CASE WHEN r < 0.004 THEN 2 WHEN r < 0.006 THEN 3 ELSE 0 END::smallint
	FROM valued
	UNION ALL
	-- 0.1 %% duplicated timestamps: a rate meter re-sent with a slightly
	-- different value, a counter re-sent with the same reading
	SELECT facility_id, meter_id, ts,
		CASE WHEN meter_id = 'elec_kwh' THEN value ELSE value * 1.001 END, unit, 0::smallint
	FROM valued WHERE r > 0.999
	) AS u(facility_id, meter_id, ts, value, unit, quality)
	ORDER BY ts
	$q$, p_readings)
	USING p_facilities, p_from, p_to, p_sample_interval, p_prefix, v_hhv;
	GET DIAGNOSTICS v_rows = ROW_COUNT;
	RETURN v_rows;
END
$$;
COMMENT ON FUNCTION thermaliq.generate_plant(int, timestamptz, timestamptz, regclass, interval, float8, text, text[]) IS
'Writes a synthetic plant into the registry and p_readings: p_facilities steam/hot-water boilers and process heaters with daily load shapes, gas flow (kg/h), heat output (kW), electricity (kW rate, or a kWh counter with a reset), flue-gas temperature and O2, sampled every 15 s to 5 min (at the default p_sample_interval, which scales them) with jitter, gaps, duplicates, bad and stale samples; p_meters limits the meters (gas_flow, heat_out, elec, elec_kwh, fg_temp, fg_o2) and adds, when it names it, ambient (outdoor temperature, degC): then combustion air is outdoors and the hot-water boilers'' load follows the weather (0.3 + 0.035 per degC of the daily mean below 15.5 degC); returns the rows written';
