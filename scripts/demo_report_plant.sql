-- make demo: the plant part of the report (efficiency, heat balance, Sankey).
-- psql script; needs -v outdir=DIR (the Sankey SVG is written there).
\pset footer off
\set plant_from 'date_trunc(''day'', now()) - interval ''7 days'''
\set plant_to 'date_trunc(''day'', now())'

\echo
\echo '== daily first-law efficiency, last 7 full days (thermaliq.efficiency_series)'
SELECT f.facility_id, e.bucket_start::date AS day,
	round(e.fuel_input_kwh::numeric) AS fuel_kwh,
	round(e.electric_input_kwh::numeric) AS electric_kwh,
	round(e.useful_output_kwh::numeric) AS useful_kwh,
	round(e.first_law_efficiency_pct::numeric, 1) AS efficiency_pct,
	round(e.coverage_pct::numeric, 1) AS coverage_pct,
	round(e.quality_pct::numeric, 1) AS quality_pct
FROM thermaliq.facilities f,
	thermaliq.efficiency_series(f.facility_id, :plant_from, :plant_to, '1 day') e
ORDER BY 1, 2;

\echo '== heat balance of plant-001, last 7 full days (thermaliq.heat_balance)'
SELECT category, stream, round(energy_kwh::numeric) AS energy_kwh, round(share_pct::numeric, 2) AS share_pct
FROM thermaliq.heat_balance('plant-001', :plant_from, :plant_to);

\echo '== balance closure per facility (thermaliq.balance_closure)'
SELECT f.facility_id, round(c.input_kwh::numeric) AS input_kwh, round(c.output_kwh::numeric) AS output_kwh,
	round(c.loss_kwh::numeric) AS loss_kwh, round(c.unaccounted_kwh::numeric) AS unaccounted_kwh,
	round(c.closure_error_pct::numeric, 2) AS closure_error_pct, c.closure_class
FROM thermaliq.facilities f, thermaliq.balance_closure(f.facility_id, :plant_from, :plant_to) c
ORDER BY 1;

\echo '== Sankey flows of plant-001 (thermaliq.sankey)'
SELECT source, target, round(energy_kwh::numeric) AS energy_kwh
FROM thermaliq.sankey('plant-001', :plant_from, :plant_to);

SELECT thermaliq.sankey_svg('plant-001', :plant_from, :plant_to)
\g (format=unaligned tuples_only=on) :outdir/sankey-plant-001.svg
\echo '== Sankey diagram of plant-001 written to' :outdir/sankey-plant-001.svg
