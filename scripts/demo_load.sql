-- make demo: a month of a synthetic plant, in a fresh database.
SET client_min_messages = warning;
CREATE SCHEMA partman;
CREATE EXTENSION pg_partman SCHEMA partman;
CREATE EXTENSION thermaliq;
-- the synthetic plant generator is an extension of its own, never in production
CREATE EXTENSION thermaliq_demo;
-- pg_cron lives in the database named by cron.database_name (postgres);
-- schedules are set up there with cron.schedule_in_database().
SELECT thermaliq.create_readings_table('public.energy_readings', '1 month', 4,
	p_start_partition := now() - interval '40 days');
-- every meter, and the outdoor temperature: the hot-water boilers heat
-- buildings, so their fuel follows the weather (a baseline worth modelling)
SELECT thermaliq.generate_plant(:facilities, now() - interval '30 days', now(),
	p_meters := ARRAY['gas_flow', 'heat_out', 'elec', 'elec_kwh', 'fg_temp', 'fg_o2', 'ambient']) AS readings_written \gset
VACUUM ANALYZE public.energy_readings;
