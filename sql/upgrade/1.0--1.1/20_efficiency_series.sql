-- 1.1: efficiency_series gains the column gap_meters (common coverage,
-- API.md section 5). A result type cannot be replaced: drop the 1.0
-- function here; 21_plant.use re-creates it from its install piece.
-- Nothing in the extension depends on it at the catalog level (analyze is
-- plpgsql and resolves it at run time).
DROP FUNCTION thermaliq.efficiency_series(text, timestamptz, timestamptz, interval, regclass);
