-- Fuels, combustion losses and exergy (issue 4, items 2-4).
-- Reference values: the hand calculation in test/unit/combustion_test.c and
-- the independent oracle test/oracle/combustion_oracle.py (9 digits).
SET extra_float_digits = 0;

-- The seeded fuels and their documented consistency.
SELECT fuel_id, hhv_mj_kg, lhv_mj_kg,
       abs(lhv_mj_kg - (hhv_mj_kg - 2.442 * (18.015 / 2.016 * hydrogen + moisture))) < 1e-4 AS lhv_formula,
       abs(carbon + hydrogen + oxygen + nitrogen + sulfur + moisture + ash - 1) <= 0.005 AS sums_to_1,
       abs(co2_kg_per_gj_lhv - carbon * 44.009 / 12.011 / lhv_mj_kg * 1000) < 1e-3 AS co2_factor,
       exergy_factor_lhv, siegert_a1, siegert_b
FROM thermaliq.fuels ORDER BY fuel_id;

-- Volatility as documented: fuel functions STABLE, pure maths IMMUTABLE.
SELECT p.proname, p.provolatile, p.proisstrict, p.proparallel
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = 'thermaliq'
  AND p.proname IN ('fuel_power_kw', 'stoichiometric_air', 'excess_air_pct', 'co2_kg',
                    'combustion_losses', 'siegert_loss_pct', 'carnot_factor', 'heat_exergy_kw',
                    'stream_heat_exergy_kw', 'fuel_exergy_kw')
ORDER BY p.proname;

-- Pure methane exactly from its formula (the seeded row is rounded to
-- 4-6 digits): C = 12.011/16.043, H = 4.032/16.043, HHV = 890.63/16.043
-- (ISO 6976:1995, 25 degC), LHV = HHV - 2.442 x 8.936 H = 50.030838.
BEGIN;
INSERT INTO thermaliq.fuels (fuel_id, name, hhv_mj_kg, lhv_mj_kg, carbon, hydrogen, exergy_factor_lhv)
SELECT 'ch4_exact', 'methane from its formula', 890.63 / 16.043,
       890.63 / 16.043 - 2.442 * (18.015 / 2.016) * (4.032 / 16.043),
       12.011 / 16.043, 4.032 / 16.043, 831.65 / (890.63 - 2.442 * 18.015 * 2);

-- Stoichiometric air: A = 0.0623325 + 0.0623326 = 0.1246650 kmol O2/kg,
-- x 28.96603 / 0.2095 = 17.236512 kg/kg, 17.2 within 0.5 %.
SELECT round(thermaliq.stoichiometric_air('ch4_exact')::numeric, 6) AS stoich_air,
       abs(thermaliq.stoichiometric_air('ch4_exact') / 17.2 - 1) <= 0.005 AS within_half_pct,
       abs(thermaliq.stoichiometric_air('methane') / 17.2 - 1) <= 0.005 AS seeded_within_half_pct;

-- Hand calculation (combustion_test.c): 3 % O2 dry, flue gas 180 degC,
-- air 25 degC, no CO. n_dry = 0.6217622 kmol/kg, excess air e = 14.962 %;
-- dry gas 2917.624 kJ/kg, water 2.245839 kg/kg: sensible 658.937 kJ/kg,
-- latent 5484.339 kJ/kg.
--   HHV: dry 2917.624/55515.18 = 5.255544 %, moisture 6143.277/55515.18 =
--        11.065941 %, total 16.321484 %, efficiency 83.678516 %
--   LHV: dry 2917.624/50030.84 = 5.831652 %, moisture 658.937/50030.84 =
--        1.317062 %, total 7.148714 %, efficiency 92.851286 %
SELECT 'hhv' AS basis, round(dry_flue_gas_pct::numeric, 6) AS dry, round(moisture_pct::numeric, 6) AS moisture,
       co_pct, round(total_pct::numeric, 6) AS total, round(combustion_efficiency_pct::numeric, 6) AS efficiency,
       round(excess_air_pct::numeric, 6) AS excess_air,
       abs(dry_flue_gas_pct - 5.255543621) < 1e-8 AND abs(moisture_pct - 11.065940859) < 1e-8
       AND abs(total_pct - 16.321484480) < 1e-8 AND abs(excess_air_pct - 14.962395543) < 1e-8 AS oracle_1e8
FROM thermaliq.combustion_losses('ch4_exact', 180, 25, 3)
UNION ALL
SELECT 'lhv', round(dry_flue_gas_pct::numeric, 6), round(moisture_pct::numeric, 6),
       co_pct, round(total_pct::numeric, 6), round(combustion_efficiency_pct::numeric, 6),
       round(excess_air_pct::numeric, 6),
       abs(dry_flue_gas_pct - 5.831652015) < 1e-8 AND abs(moisture_pct - 1.317062026) < 1e-8
       AND abs(total_pct - 7.148714040) < 1e-8 AND abs(excess_air_pct - 14.962395543) < 1e-8
FROM thermaliq.combustion_losses('ch4_exact', 180, 25, 3, 0, 'LHV');

-- Both bases, same useful heat: HHV x eff_hhv = LHV x eff_lhv = 46.4543 MJ/kg.
SELECT round((f.hhv_mj_kg * h.combustion_efficiency_pct / 100)::numeric, 4) AS useful_hhv,
       round((f.lhv_mj_kg * l.combustion_efficiency_pct / 100)::numeric, 4) AS useful_lhv,
       abs(f.hhv_mj_kg * h.combustion_efficiency_pct - f.lhv_mj_kg * l.combustion_efficiency_pct) < 1e-9 AS same
FROM thermaliq.fuels f,
     thermaliq.combustion_losses(f.fuel_id, 180, 25, 3, 0, 'hhv') h,
     thermaliq.combustion_losses(f.fuel_id, 180, 25, 3, 0, 'lhv') l
WHERE f.fuel_id = 'ch4_exact';

-- 200 ppm CO: n_CO = 1.24297e-4 kmol/kg x 282980 kJ/kmol = 35.1738 kJ/kg,
-- 0.063359 % of HHV (oracle), total 16.382233 %, excess air 14.905956 %.
SELECT round(co_pct::numeric, 6) AS co, round(total_pct::numeric, 6) AS total,
       round(excess_air_pct::numeric, 6) AS excess_air,
       abs(co_pct - 0.063358819) < 1e-8 AND abs(total_pct - 16.382232927) < 1e-8 AS oracle_1e8
FROM thermaliq.combustion_losses('ch4_exact', 180, 25, 3, 200);

-- Methane chemical exergy: 831.65 / 802.6447 = 1.036137 per kW(LHV),
-- 831.65 / 890.63 = 0.933777 per kW(HHV); 100 kg/h has the same exergy
-- (1439.9669 kW = 100/3600 x 831.65/16.043 x 1000) whatever the basis.
SELECT round(thermaliq.fuel_exergy_kw('ch4_exact', 1, 'lhv')::numeric, 6) AS factor_lhv,
       round(thermaliq.fuel_exergy_kw('ch4_exact', 1, 'hhv')::numeric, 6) AS factor_hhv,
       round(thermaliq.fuel_exergy_kw('ch4_exact', thermaliq.fuel_power_kw('ch4_exact', 100, 'lhv'), 'lhv')::numeric, 4) AS ex_lhv,
       round(thermaliq.fuel_exergy_kw('ch4_exact', thermaliq.fuel_power_kw('ch4_exact', 100, 'hhv'), 'hhv')::numeric, 4) AS ex_hhv,
       abs(thermaliq.fuel_exergy_kw('ch4_exact', thermaliq.fuel_power_kw('ch4_exact', 100, 'lhv'), 'lhv')
           - 100.0 / 3600 * 831.65 / 16.043 * 1000) < 1e-9 AS exact;
ROLLBACK;

-- The seeded fuels: methane near 1.04 on LHV, 0.93 on HHV; every fuel has
-- one exergy per kg/h whatever the basis.
SELECT fuel_id,
       round(thermaliq.fuel_exergy_kw(fuel_id, 1, 'lhv')::numeric, 4) AS per_kw_lhv,
       round(thermaliq.fuel_exergy_kw(fuel_id, 1, 'hhv')::numeric, 4) AS per_kw_hhv,
       abs(thermaliq.fuel_exergy_kw(fuel_id, thermaliq.fuel_power_kw(fuel_id, 100, 'lhv'), 'lhv')
           - thermaliq.fuel_exergy_kw(fuel_id, thermaliq.fuel_power_kw(fuel_id, 100, 'hhv'), 'hhv')) < 1e-9 AS basis_free
FROM thermaliq.fuels ORDER BY fuel_id;

-- Seeded methane (rounded seed) against the oracle: within 1e-4 %-points.
SELECT abs(total_pct - 16.321484480) < 1e-4 AS hhv_total, abs(excess_air_pct - 14.962395543) < 1e-4 AS excess
FROM thermaliq.combustion_losses('methane', 180, 25, 3);

-- Other fuels, 160/20 degC, 4 % O2, 50 ppm CO, both bases, vs the oracle
-- (unrounded seed inputs, so 1e-3 %-points).
SELECT f.fuel_id, b.basis, round(c.total_pct::numeric, 3) AS total, round(c.excess_air_pct::numeric, 2) AS excess_air,
       abs(c.total_pct - o.total) < 1e-3 AS oracle
FROM (VALUES ('natural_gas', 'hhv', 15.894359739), ('natural_gas', 'lhv', 6.763813337),
             ('fuel_oil_2', 'hhv', 12.190345106), ('fuel_oil_2', 'lhv', 6.459619857),
             ('fuel_oil_6', 'hhv', 11.596817051), ('fuel_oil_6', 'lhv', 6.441102348),
             ('bituminous_coal', 'hhv', 10.861816556), ('bituminous_coal', 'lhv', 6.540874553),
             ('wood', 'hhv', 16.254767173), ('wood', 'lhv', 7.250526786),
             ('propane', 'hhv', 13.974667896), ('propane', 'lhv', 6.565737651))
     AS o(fuel_id, basis, total)
JOIN thermaliq.fuels f USING (fuel_id)
CROSS JOIN LATERAL (SELECT o.basis) b
CROSS JOIN LATERAL thermaliq.combustion_losses(f.fuel_id, 160, 20, 4, 50, b.basis) c
ORDER BY 1, 2;

-- Simple excess air 100 x 3 / 17.95 = 16.713092 %, fuel power, CO2.
SELECT round(thermaliq.excess_air_pct(3)::numeric, 6) AS excess_air_3,
       thermaliq.excess_air_pct(0) AS excess_air_0,
       round(thermaliq.fuel_power_kw('natural_gas', 1000, 'hhv')::numeric, 4) AS ng_kw_hhv,  -- 1000 x 52.9259 / 3.6
       round(thermaliq.fuel_power_kw('natural_gas', 1000, 'LHV')::numeric, 4) AS ng_kw_lhv,  -- 1000 x 47.7429 / 3.6
       round(thermaliq.co2_kg('natural_gas', 1000, 'lhv')::numeric, 4) AS ng_co2_lhv,       -- 3600/47.7429 x 0.727045 x 3.664058
       round(thermaliq.co2_kg('natural_gas', 1000, 'hhv')::numeric, 4) AS ng_co2_hhv,
       abs(thermaliq.co2_kg('natural_gas', 1000, 'lhv') - 3.6 * 55.797) < 1e-2 AS matches_factor,
       thermaliq.co2_kg('hydrogen', 1000, 'hhv') AS h2_co2;

-- Siegert: natural gas 155 K x (0.37/10 + 0.009) = 7.13 %; heating oil
-- 155 K x (0.50/13 + 0.007) = 7.046538 %; LPG 155 K x (0.42/12 + 0.008) = 6.665 %.
SELECT round(thermaliq.siegert_loss_pct('natural_gas', 180, 25, 10)::numeric, 6) AS ng,
       round(thermaliq.siegert_loss_pct('fuel_oil_2', 180, 25, 13)::numeric, 6) AS oil,
       round(thermaliq.siegert_loss_pct('propane', 180, 25, 12)::numeric, 6) AS lpg;

-- Exergy of heat: 1 - 300/600 = 0.5; 100 kW at 600 K: 50 kW; below T0 the
-- factor is negative; log-mean 100 K / ln(400/300) = 347.605950 K gives
-- 100 x (1 - 298.15/347.605950) = 14.227590 kW.
SELECT thermaliq.carnot_factor(600, 300) AS carnot,
       thermaliq.carnot_factor(150, 300) AS carnot_cold,
       thermaliq.heat_exergy_kw(100, 600, 300) AS heat_ex,
       round(thermaliq.stream_heat_exergy_kw(100, 400, 300, 298.15)::numeric, 6) AS stream_ex,
       round(thermaliq.stream_heat_exergy_kw(100, 300, 400, 298.15)::numeric, 6) AS stream_ex_heated,
       thermaliq.stream_heat_exergy_kw(100, 400, 400, 300) AS stream_isothermal;

-- Errors: basis and fuel 22023, ranges and NaN/Infinity 22003.
\set VERBOSITY terse
SELECT thermaliq.fuel_power_kw('methane', 100, 'gross');
SELECT thermaliq.fuel_power_kw('unobtainium', 100, 'lhv');
SELECT * FROM thermaliq.combustion_losses('methane', 180, 25, 3, 0, 'net');
SELECT * FROM thermaliq.combustion_losses('methane', 20, 25, 3);
SELECT * FROM thermaliq.combustion_losses('methane', 180, 25, 21);
SELECT * FROM thermaliq.combustion_losses('methane', 'NaN', 25, 3);
SELECT * FROM thermaliq.combustion_losses('methane', 1600, 25, 3);
SELECT * FROM thermaliq.combustion_losses('hydrogen', 180, 25, 3, 10);
SELECT thermaliq.excess_air_pct(20.95);
SELECT thermaliq.excess_air_pct('Infinity');
SELECT thermaliq.siegert_loss_pct('methane', 180, 25, 10);
SELECT thermaliq.siegert_loss_pct('natural_gas', 180, 25, 15);
SELECT thermaliq.carnot_factor(0, 300);
SELECT thermaliq.heat_exergy_kw('NaN', 400, 300);
SELECT thermaliq.stream_heat_exergy_kw(100, 400, -5, 300);
SELECT thermaliq.fuel_exergy_kw('methane', '-Infinity', 'lhv');
\set VERBOSITY sqlstate
SELECT thermaliq.co2_kg('methane', 1, 'mixed');
SELECT thermaliq.stoichiometric_air('nope');
SELECT thermaliq.fuel_exergy_kw('nope', 1, 'lhv');
SELECT thermaliq.carnot_factor(300, 'NaN');
\set VERBOSITY default

-- STRICT: NULL in, NULL out.
SELECT thermaliq.fuel_power_kw(NULL, 1, 'lhv') IS NULL AS null_fuel,
       thermaliq.carnot_factor(NULL, 300) IS NULL AS null_t,
       (SELECT count(*) FROM thermaliq.combustion_losses('methane', 180, 25, NULL)) AS null_rows;

-- Edits are seen at once (STABLE, cached per statement only).
BEGIN;
UPDATE thermaliq.fuels SET hhv_mj_kg = 60 WHERE fuel_id = 'methane';
SELECT round(thermaliq.fuel_power_kw('methane', 3.6, 'hhv')::numeric, 6) AS after_edit;
ROLLBACK;
SELECT round(thermaliq.fuel_power_kw('methane', 3.6, 'hhv')::numeric, 6) AS after_rollback;
