-- The 1.1 plant physics as functions (issue 14): outputs from primary
-- measurements by IF97, casing loss by load and from the surface, the
-- uncertainty budget. Water and steam numbers are python3-iapws (quoted);
-- the rest by hand below.
SET extra_float_digits = 0;

-- Acceptance: a steam boiler metered by flow, 10 t/h at 1.0 MPa, 250 degC,
-- feedwater 105 degC (compressed liquid at 1.0 MPa). iapws: h_out =
-- 2943.2221652336634, s_out = 6.926622739684809, h_in = 440.8632707499173,
-- s_in = 1.362452123472374. Heat 10000 (h_out - h_in) / 3600 = 6950.99693
-- kW; exergy at 15 degC: 10000 (2502.35889 - 288.15 x 5.56417062) / 3600
-- = 2497.34203 kW.
SELECT abs(h_out / 2943.2221652336634 - 1) < 1e-9 AS h_out_iapws,
       abs(s_out / 6.926622739684809 - 1) < 1e-9 AS s_out_iapws,
       abs(h_in / 440.8632707499173 - 1) < 1e-9 AS h_in_iapws,
       abs(s_in / 1.362452123472374 - 1) < 1e-9 AS s_in_iapws,
       round(heat_kw::numeric, 5) AS heat_kw, round(exergy_kw::numeric, 5) AS exergy_kw
FROM thermaliq.water_heat_flow(10000, 'steam', 1.0, 250, 105, 15);

-- Without a temperature: saturated steam at 1.0 MPa (iapws h'' =
-- 2777.1195376846617): 10000 x 2336.25627 / 3600 = 6489.60074 kW. Its
-- exergy share (Dh - T0 Ds)/Dh against the Carnot factor at saturation
-- 1 - 288.15/453.0356 = 0.36396 that 1.0 used.
SELECT round(heat_kw::numeric, 5) AS heat_kw, round((exergy_kw / heat_kw)::numeric, 5) AS exergy_share,
       round(thermaliq.carnot_factor(thermaliq.if97_tsat(1.0), 288.15)::numeric, 5) AS carnot_at_tsat
FROM thermaliq.water_heat_flow(10000, 'steam', 1.0, NULL, 105, 15);

-- Hot water 80/60 degC, saturated liquid (iapws h'(80) = 334.948695143379,
-- h'(60) = 251.15439313812058; s' 1.0753914097, 0.8312162521): 36000 kg/h
-- x 83.79430 / 3600 = 837.94302 kW; exergy 10 kg/s x (83.79430 - 288.15 x
-- 0.24417516) = 134.3523 kW.
SELECT round(heat_kw::numeric, 5) AS heat_kw, round(exergy_kw::numeric, 5) AS exergy_kw,
       round(h_out::numeric, 9) AS h_out, round(h_in::numeric, 9) AS h_in
FROM thermaliq.water_heat_flow(36000, 'water', NULL, 80, 60, 15);

-- NULL in, NULL out where the function is called on NULL input.
SELECT (SELECT count(*) FROM thermaliq.water_heat_flow(NULL, 'steam', 1.0, 250, 105, 15) WHERE heat_kw IS NOT NULL) AS null_flow_rows;

-- Casing loss by load: 1 % at 2000 kW rated is 4 % at 500 kW, 0.5 % at 4000 kW.
SELECT thermaliq.radiation_loss_pct(1.0, 2000, 500) AS at_25pct_load,
       thermaliq.radiation_loss_pct(1.0, 2000, 2000) AS at_rated,
       thermaliq.radiation_loss_pct(1.0, 2000, 4000) AS at_200pct_load;
-- From the surface: 50 m2 at 60 degC in 20 degC air, emissivity 0.9:
-- 50 (1.31 x 40^(4/3) + 0.9 x 5.670374419e-8 (333.15^4 - 293.15^4)) / 1000
-- = 50 (179.20548 + 251.76733) / 1000 = 21.548640 kW.
SELECT round(thermaliq.surface_loss_kw(50, 60, 20, 0.9)::numeric, 6) AS surface_kw,
       round(thermaliq.surface_loss_kw(50, 60, 20)::numeric, 6) AS default_emissivity,
       thermaliq.surface_loss_kw(50, 15, 20) AS colder_than_air;

-- Standard uncertainties from stated ones.
SELECT round(thermaliq.standard_uncertainty(1, 'rectangular')::numeric, 9) AS rect,
       round(thermaliq.standard_uncertainty(1, 'triangular')::numeric, 9) AS tri,
       round(thermaliq.standard_uncertainty(1.96, 'normal95')::numeric, 6) AS n95,
       thermaliq.standard_uncertainty(3, 'expanded_k2') AS k2,
       thermaliq.standard_uncertainty(0.7, 'standard') AS std;

-- The budget: eta = 100 U/F, two output meters of one role (group 1, r = 1)
-- U1 = 600, U2 = 400 kWh with 2 % rectangular limits, fuel 1250 kWh with a
-- 1 % rectangular limit: u_c^2 = (0.08 x 20/sqrt 3)^2 + (0.064 x 12.5/sqrt
-- 3)^2 = 2.56/3 + 0.64/3, u_c = 1.0327956, U95 = 2.0655911 points; shares
-- 48 %, 32 %, 20 %.
SELECT round((b ->> 'standard_uncertainty')::numeric, 7) AS u_c,
       round((b ->> 'expanded_uncertainty')::numeric, 7) AS u95,
       b ->> 'coverage_factor' AS k,
       (SELECT string_agg((t ->> 'name') || ' ' || round((t ->> 'share_pct')::numeric, 3), ', ')
        FROM jsonb_array_elements(b -> 'terms') t) AS shares
FROM thermaliq.uncertainty_budget('[
	{"name": "U1", "sensitivity": 0.08, "uncertainty": 12, "kind": "rectangular", "group": 1},
	{"name": "U2", "sensitivity": 0.08, "uncertainty": 8, "kind": "rectangular", "group": 1},
	{"name": "F", "sensitivity": -0.064, "uncertainty": 12.5, "kind": "rectangular", "group": 2}]') b;
-- The same meters independent (groups 1, 3): sqrt((0.96^2 + 0.64^2 + 0.8^2)/3) = 0.8106;
-- a random part adds in quadrature: sqrt(0.3^2 + 0.4^2) = 0.5.
SELECT round((thermaliq.uncertainty_combine('{0.08,0.08,-0.064}', ARRAY[12 / sqrt(3), 8 / sqrt(3), 12.5 / sqrt(3)],
         '{0,0,0}', '{1,3,2}'))[1]::numeric, 7) AS uncorrelated,
       thermaliq.uncertainty_combine('{1}', '{0.3}', '{0.4}', '{0}') AS b_and_s;
