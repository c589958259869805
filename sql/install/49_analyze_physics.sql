-- The uncertainty budgets of analyze() (issue 14: JCGM 100 / ASME PTC 19.1).
-- Functions only (CREATE OR REPLACE): the update 1.0--1.1 re-runs this
-- piece (sql/upgrade/1.0--1.1/91_physics.use).

-- analyze_uncertainty: the budget tables of the two first-law methods.
-- Input-output (gross efficiency eta = 100 U / (F + E), PTC 4), per
-- meter: sensitivity c = 100 / (F + E) for an output, -100 U / (F + E)^2
-- for a fuel or electric meter; the stated uncertainty is the option
-- uncertainty_pct of its role x its energy, of kind uncertainty_kind
-- (default rectangular: a data-sheet limit, u = a / sqrt 3); meters of one
-- role share a correlation group (their systematic parts are fully
-- correlated). Heating value: c = -100 U F / (F + E)^2 per relative error
-- of the HV, when a fuel meter reads a mass or volume. Heat-loss method
-- (eta = 100 - losses): sensitivities of combustion_losses() by central
-- differences at the mean conditions, for flue-gas temperature, O2, air
-- temperature; assumption terms (all limits, rectangular): stratification
-- of temperature and O2 across the duct (PTC 4 grid traverse), radiation
-- (radiation_fraction % of the casing loss), air humidity (a meter or
-- setting: humidity_rh %RH; unknown: the loss between dry and saturated
-- air), fuel composition (composition_points), heating value (L x u_HV).
-- Random parts of the integrated energies are taken as negligible (the
-- mean of thousands of samples); the budget carries the column.
CREATE OR REPLACE FUNCTION thermaliq.analyze_uncertainty(
	p_facility text, p_me jsonb, p_fuel_kwh float8, p_electric_kwh float8, p_useful_kwh float8,
	p_opt jsonb, p_comb jsonb)
RETURNS jsonb
-- C (src/plant/uncertainty_report.c) since 1.1's speed work: as plpgsql it
-- ran a query per combustion_losses() call and per budget column (about
-- 0.45 ms of each analyze); the terms, numbers and their jsonb are the same
AS 'MODULE_PATHNAME', 'analyze_uncertainty'
LANGUAGE C
STABLE
CALLED ON NULL INPUT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION thermaliq.analyze_uncertainty(text, jsonb, float8, float8, float8, jsonb, jsonb) IS
'Uncertainty budgets of analyze() (JCGM 100:2008, ASME PTC 19.1; see uncertainty_budget; C, src/plant/uncertainty_report.c): input_output (gross efficiency: every energy meter with its role''s uncertainty_pct as a limit of kind uncertainty_kind, meters of one role fully correlated, the heating value when fuel is metered by mass or volume) and heat_loss (flue-gas temperature, O2 and air temperature through combustion_losses() sensitivities; stratification, composition, humidity, radiation and heating-value assumption terms); NULL parts when the method has no result';
