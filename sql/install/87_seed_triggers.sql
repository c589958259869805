-- The seed-replace triggers of thermaliq.fuels and thermaliq.benchmarks:
-- pg_dump writes all their rows (pg_extension_config_dump with an empty
-- filter), CREATE EXTENSION on restore inserts the seed rows first, and the
-- trigger lets a dumped row replace the untouched seed row of its key
-- instead of failing on the primary key (15_fuels.sql says the whole rule).
--
-- Each trigger reads and writes only the table it fires on, named by
-- TG_TABLE_SCHEMA and TG_TABLE_NAME, never thermaliq.fuels by name: on a
-- distributed engine the trigger fires on a shard placement (Citus names it
-- fuels_102008), and a query of the logical table from inside it would be
-- routed back through the coordinator (refused or a deadlock); reading the
-- placement itself stays local. On a plain server the two are the same
-- table. Logical replication applies rows without firing these triggers
-- (they are ORIGIN triggers), so a subscriber receives rows exactly as the
-- publisher has them (86_shards.sql empties the subscriber's copy first).
-- Functions and triggers only (CREATE OR REPLACE): the update re-runs this
-- piece (sql/upgrade/1.0--1.1/87_seed_triggers.use).

CREATE OR REPLACE FUNCTION thermaliq.fuels_replace_seed()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_current thermaliq.fuels;
	v_seed thermaliq.fuels;
BEGIN
	EXECUTE format('SELECT * FROM %I.%I f WHERE f.fuel_id = $1', TG_TABLE_SCHEMA, TG_TABLE_NAME)
	INTO v_current USING NEW.fuel_id;
	IF v_current.fuel_id IS NULL THEN
		RETURN NEW;
	END IF;
	SELECT * INTO v_seed FROM thermaliq.fuel_seed_rows() s WHERE s.fuel_id = NEW.fuel_id;
	IF NOT FOUND OR v_current IS DISTINCT FROM v_seed THEN
		RETURN NEW;		-- the primary key reports the duplicate
	END IF;
	EXECUTE format('UPDATE %I.%I f SET name = $1.name, hhv_mj_kg = $1.hhv_mj_kg, lhv_mj_kg = $1.lhv_mj_kg, '
		'density_kg_m3 = $1.density_kg_m3, carbon = $1.carbon, hydrogen = $1.hydrogen, '
		'oxygen = $1.oxygen, nitrogen = $1.nitrogen, sulfur = $1.sulfur, '
		'moisture = $1.moisture, ash = $1.ash, co2_kg_per_gj_lhv = $1.co2_kg_per_gj_lhv, '
		'exergy_factor_lhv = $1.exergy_factor_lhv, siegert_a1 = $1.siegert_a1, '
		'siegert_b = $1.siegert_b WHERE f.fuel_id = $1.fuel_id', TG_TABLE_SCHEMA, TG_TABLE_NAME)
	USING NEW;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION thermaliq.fuels_replace_seed() IS
'Trigger function: an INSERT (or a restore COPY) of a fuel_id whose row is still the untouched seed row replaces that row instead of failing, so pg_dump can dump all rows of thermaliq.fuels; reads and writes only the table it fires on (TG_TABLE_NAME), so it also runs on a Citus reference table''s placements';

CREATE OR REPLACE TRIGGER fuels_replace_seed
BEFORE INSERT ON thermaliq.fuels
FOR EACH ROW EXECUTE FUNCTION thermaliq.fuels_replace_seed();
COMMENT ON TRIGGER fuels_replace_seed ON thermaliq.fuels IS
'Replaces an untouched seed row on INSERT/restore of the same fuel_id (see thermaliq.fuels_replace_seed)';

CREATE OR REPLACE FUNCTION thermaliq.benchmarks_replace_seed()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_current thermaliq.benchmarks;
	v_seed thermaliq.benchmarks;
BEGIN
	EXECUTE format('SELECT * FROM %I.%I b WHERE b.process_type = $1 AND b.fuel_class = $2 '
		'AND b.condensing = $3 AND b.percentile = $4', TG_TABLE_SCHEMA, TG_TABLE_NAME)
	INTO v_current USING NEW.process_type, NEW.fuel_class, NEW.condensing, NEW.percentile;
	IF v_current.process_type IS NULL THEN
		RETURN NEW;
	END IF;
	SELECT * INTO v_seed FROM thermaliq.benchmark_seed_rows() s
	WHERE s.process_type = NEW.process_type AND s.fuel_class = NEW.fuel_class
		AND s.condensing = NEW.condensing AND s.percentile = NEW.percentile;
	IF NOT FOUND OR v_current IS DISTINCT FROM v_seed THEN
		RETURN NEW;		-- the primary key reports the duplicate
	END IF;
	EXECUTE format('UPDATE %I.%I b SET efficiency_pct = $1.efficiency_pct, source = $1.source, '
		'heating_value_basis = $1.heating_value_basis '
		'WHERE b.process_type = $1.process_type AND b.fuel_class = $1.fuel_class '
		'AND b.condensing = $1.condensing AND b.percentile = $1.percentile', TG_TABLE_SCHEMA, TG_TABLE_NAME)
	USING NEW;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION thermaliq.benchmarks_replace_seed() IS
'Trigger function: an INSERT (or a restore COPY) of a (process_type, fuel_class, condensing, percentile) whose row is still the untouched seed row replaces that row instead of failing, so pg_dump can dump all rows of thermaliq.benchmarks; reads and writes only the table it fires on (TG_TABLE_NAME), so it also runs on a Citus reference table''s placements';

CREATE OR REPLACE TRIGGER benchmarks_replace_seed
BEFORE INSERT ON thermaliq.benchmarks
FOR EACH ROW EXECUTE FUNCTION thermaliq.benchmarks_replace_seed();
COMMENT ON TRIGGER benchmarks_replace_seed ON thermaliq.benchmarks IS
'Replaces an untouched seed row on INSERT/restore of the same key (see thermaliq.benchmarks_replace_seed)';
