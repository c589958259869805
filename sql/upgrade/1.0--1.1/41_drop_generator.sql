-- 1.1: the demo generator left the production extension; it is the
-- separate extension thermaliq_demo (demo/, CREATE EXTENSION thermaliq_demo).
DROP FUNCTION thermaliq.generate_plant(int, timestamptz, timestamptz, regclass, interval, float8, text, text[]);
