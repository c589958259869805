-- 1.1: combustion_losses() returns two more columns (dew_point_c,
-- condensed_fraction), a new result type: drop the 1.0 function, the next
-- piece (91_physics.use) creates it again from sql/install/46_condensing.sql.
DROP FUNCTION thermaliq.combustion_losses(text, float8, float8, float8, float8, text);
