-- make demo: the plant part of the report (efficiency, heat balance, Sankey).
-- psql script; needs -v outdir=DIR (the Sankey SVG is written there).
\pset footer off
\set plant_from 'date_trunc(''day'', now()) - interval ''29 days'''
\set plant_to 'date_trunc(''day'', now())'

\echo
\echo '== daily first-law efficiency, last 29 full days (thermaliq.efficiency_series)'
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

\echo '== heat balance per facility, last 29 full days (thermaliq.heat_balance)'
SELECT f.facility_id, h.category, h.stream, round(h.energy_kwh::numeric) AS energy_kwh,
	round(h.share_pct::numeric, 2) AS share_pct
FROM thermaliq.facilities f, thermaliq.heat_balance(f.facility_id, :plant_from, :plant_to) h
ORDER BY 1;

\echo '== balance closure per facility (thermaliq.balance_closure)'
SELECT f.facility_id, round(c.input_kwh::numeric) AS input_kwh, round(c.output_kwh::numeric) AS output_kwh,
	round(c.loss_kwh::numeric) AS loss_kwh, round(c.unaccounted_kwh::numeric) AS unaccounted_kwh,
	round(c.closure_error_pct::numeric, 2) AS closure_error_pct, c.closure_class
FROM thermaliq.facilities f, thermaliq.balance_closure(f.facility_id, :plant_from, :plant_to) c
ORDER BY 1;

\echo '== Sankey flows of plant-001 (thermaliq.sankey)'
SELECT source, target, round(energy_kwh::numeric) AS energy_kwh
FROM thermaliq.sankey('plant-001', :plant_from, :plant_to);


\echo '== analysis per facility, last 29 full days (thermaliq.analyze)'
SELECT f.facility_id,
	round((r #>> '{first_law,input_output_efficiency_pct}')::numeric, 2) AS eta_io_pct,
	round((r #>> '{first_law,heat_loss_efficiency_pct}')::numeric, 2) AS eta_heat_loss_pct,
	round((r #>> '{uncertainty,first_law_input_output,expanded_uncertainty_pct}')::numeric, 2) AS u_k2_pct,
	round((r #>> '{second_law,efficiency_pct}')::numeric, 2) AS eta_exergy_pct,
	round((r #>> '{benchmark,percentile}')::numeric) AS benchmark_percentile,
	round((r #>> '{opportunity_totals,savings_kwh}')::numeric) AS savings_kwh
FROM thermaliq.facilities f,
	thermaliq.analyze(f.facility_id, :plant_from, :plant_to) r
ORDER BY 1;
