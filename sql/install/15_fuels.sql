-- Fuels: thermaliq.fuels, the editable table every fuel function reads
-- (src/pg/fuel_sql.c), and its seed rows.
--
-- Heating values are per kg of fuel AS FIRED, at 25 degC. The LHV of every
-- seed row is computed from its HHV and ultimate analysis, so the two can
-- never disagree:
--
--     LHV = HHV - 2.442 MJ/kg x (8.936 x H + moisture)
--
-- 2.442 MJ/kg is the latent heat of water at 25 degC (IAPWS-95: 2441.7
-- kJ/kg), 8.936 = 18.015 / 2.016 kg of water formed per kg of hydrogen,
-- H and moisture are mass fractions. (This is the as-fired net calorific
-- value of ISO 1928 at constant pressure: fuel moisture is evaporated too.)
--
--     co2_kg_per_gj_lhv = C x 44.009 / 12.011 / LHV x 1000
--     exergy_factor_lhv = standard chemical exergy / LHV (Szargut, T0 =
--                         298.15 K, p0 = 101.325 kPa)
--
-- Sources, row by row (test/oracle/combustion_oracle.py recomputes every
-- derived number from these inputs):
--   methane, propane, hydrogen: pure gases. Molar gross calorific values at
--     25 degC from ISO 6976:1995 (CH4 890.63, C3H8 2219.17, H2 285.83
--     kJ/mol); composition from the formula with IUPAC atomic weights;
--     standard chemical exergies from Szargut, Morris & Steward, "Exergy
--     analysis of thermal, chemical and metallurgical processes" (1988):
--     CH4 831.65, C3H8 2154.0, H2 236.09 kJ/mol. Methane: 831.65 / 802.65
--     = 1.036 on LHV, 831.65 / 890.63 = 0.934 on HHV.
--   natural_gas: an illustrative pipeline H-gas, mol %: CH4 95.0, C2H6 2.5,
--     C3H8 0.5, N2 1.0, CO2 1.0 (replace it with your gas analysis); HHV and
--     analysis from ISO 6976:1995 component data (C2H6 1560.69 kJ/mol),
--     chemical exergy from Szargut's component exergies (C2H6 1495.84, N2
--     0.72, CO2 19.87 kJ/mol) plus the ideal mixing term R T0 sum x ln x.
--   Gas densities: real gas at 15 degC and 101.325 kPa, ISO 6976:1995
--     summation factors (hydrogen: Z = 1.0006, NIST); liquids at 15 degC.
--   fuel_oil_2, fuel_oil_6: representative analyses within the typical
--     ranges of Babcock & Wilcox, "Steam: its generation and use" (41st ed.,
--     fuel oils) and of the Engineering ToolBox "Fuel Oil and Combustion
--     Values"; HHV 45.60 and 42.90 MJ/kg agree with the Boie correlation
--     from the analysis within 0.4 %. Exergy factor: Szargut & Styrylska
--     (1964) for liquid fuels, phi = 1.0401 + 0.1728 h/c + 0.0432 o/c +
--     0.2169 s/c (1 - 2.0628 h/c).
--   bituminous_coal: Illinois No. 6, as received, from US DOE/NETL "Quality
--     Guidelines for Energy System Studies: Detailed Coal Specifications"
--     (moisture 11.12, C 63.75, H 4.50, N 1.25, S 2.51, ash 9.70, O 6.88 %,
--     HHV 27,113 kJ/kg; chlorine 0.29 % is not a column, so the fractions sum
--     to 0.9971). NETL's LHV (26,151 kJ/kg) leaves the fuel moisture out;
--     ours includes it (25.86 MJ/kg). Exergy: Szargut & Styrylska for coal,
--     phi_dry = 1.0437 + 0.1882 h/c + 0.0610 o/c + 0.0404 n/c, moist fuel
--     b = (LHV + 2.442 w) phi_dry + 9.417 s MJ/kg (Kotas, "The Exergy Method
--     of Thermal Plant Analysis", 1985).
--   wood: clean wood, dry basis C 50.0, H 6.1, O 43.2, N 0.2, S 0.02,
--     ash 0.48 %, HHV 20.0 MJ/kg (typical of untreated wood in the ECN
--     Phyllis2 database), fired at 20 % moisture (wet basis): every dry
--     value x 0.8. Exergy: Szargut & Styrylska for wood, phi_dry = (1.0412
--     + 0.2160 h/c - 0.2499 o/c (1 + 0.7884 h/c) + 0.0450 n/c) /
--     (1 - 0.3035 o/c), moisture and sulfur as for coal. Its CO2 factor is
--     the physical CO2 of combustion (biogenic carbon is not zeroed here).
--   Siegert coefficients (German 1. BImSchV, Anlage III, CO2 formula
--     q_A = (t_A - t_L) (A1 / CO2 + B)): natural gas 0.37 / 0.009,
--     heating oil EL (fuel_oil_2) 0.50 / 0.007, LPG (propane) 0.42 / 0.008;
--     the ordinance gives none for the other fuels, so they are NULL.
--
-- Dump and restore: the table is registered with pg_extension_config_dump
-- and an empty filter, so pg_dump writes ALL its rows, edited seed rows
-- included. On restore CREATE EXTENSION first inserts the seed rows again;
-- the trigger fuels_replace_seed (87_seed_triggers.sql) then lets a dumped row with the fuel_id of
-- an untouched seed row replace that row instead of failing on the primary
-- key. Consequences: edits survive dump/restore, user fuels too; a seed row
-- the user DELETEd comes back after a restore; and an INSERT of a seeded
-- fuel_id whose row is still exactly the shipped seed replaces it (an
-- edited or user-added row raises the usual unique violation).

CREATE TABLE thermaliq.fuels (
	fuel_id text PRIMARY KEY,
	name text,
	hhv_mj_kg float8 NOT NULL CHECK (hhv_mj_kg > 0 AND hhv_mj_kg < 'Infinity'),
	lhv_mj_kg float8 NOT NULL CHECK (lhv_mj_kg > 0 AND lhv_mj_kg < 'Infinity'),
	density_kg_m3 float8 CHECK (density_kg_m3 > 0 AND density_kg_m3 < 'Infinity'),
	carbon float8 NOT NULL DEFAULT 0 CHECK (carbon BETWEEN 0 AND 1),
	hydrogen float8 NOT NULL DEFAULT 0 CHECK (hydrogen BETWEEN 0 AND 1),
	oxygen float8 NOT NULL DEFAULT 0 CHECK (oxygen BETWEEN 0 AND 1),
	nitrogen float8 NOT NULL DEFAULT 0 CHECK (nitrogen BETWEEN 0 AND 1),
	sulfur float8 NOT NULL DEFAULT 0 CHECK (sulfur BETWEEN 0 AND 1),
	moisture float8 NOT NULL DEFAULT 0 CHECK (moisture BETWEEN 0 AND 1),
	ash float8 NOT NULL DEFAULT 0 CHECK (ash BETWEEN 0 AND 1),
	co2_kg_per_gj_lhv float8 CHECK (co2_kg_per_gj_lhv >= 0 AND co2_kg_per_gj_lhv < 'Infinity'),
	exergy_factor_lhv float8 CHECK (exergy_factor_lhv > 0 AND exergy_factor_lhv < 'Infinity'),
	siegert_a1 float8 CHECK (siegert_a1 > 0 AND siegert_a1 < 'Infinity'),
	siegert_b float8 CHECK (siegert_b >= 0 AND siegert_b < 'Infinity'),
	CONSTRAINT fuels_lhv_le_hhv CHECK (lhv_mj_kg <= hhv_mj_kg),
	CONSTRAINT fuels_fractions_sum_to_one CHECK (
		abs(carbon + hydrogen + oxygen + nitrogen + sulfur + moisture + ash - 1) <= 0.005),
	CONSTRAINT fuels_siegert_both_or_none CHECK ((siegert_a1 IS NULL) = (siegert_b IS NULL))
);

COMMENT ON TABLE thermaliq.fuels IS
'Fuels with heating values (MJ/kg as fired, 25 degC) and as-fired ultimate analysis (mass fractions summing to 1 +- 0.005); seeded with common fuels, editable (seed sources in the install script 15_fuels.sql). LHV = HHV - 2.442 (8.936 H + moisture). Dumped by pg_dump, edited seed rows included';
COMMENT ON COLUMN thermaliq.fuels.fuel_id IS 'Key used by every fuel function and by thermaliq.meters.fuel_id';
COMMENT ON COLUMN thermaliq.fuels.name IS 'Human-readable name';
COMMENT ON COLUMN thermaliq.fuels.hhv_mj_kg IS 'Higher (gross) heating value, MJ/kg as fired, water liquid at 25 degC';
COMMENT ON COLUMN thermaliq.fuels.lhv_mj_kg IS 'Lower (net) heating value, MJ/kg as fired; seed rows: HHV - 2.442 (8.936 H + moisture)';
COMMENT ON COLUMN thermaliq.fuels.density_kg_m3 IS 'Density, kg/m3: gases at 15 degC and 101.325 kPa (real gas, ISO 6976), liquids at 15 degC, NULL for solids';
COMMENT ON COLUMN thermaliq.fuels.carbon IS 'Carbon, mass fraction as fired';
COMMENT ON COLUMN thermaliq.fuels.hydrogen IS 'Hydrogen (excluding the hydrogen of the moisture), mass fraction as fired';
COMMENT ON COLUMN thermaliq.fuels.oxygen IS 'Oxygen (excluding the oxygen of the moisture), mass fraction as fired';
COMMENT ON COLUMN thermaliq.fuels.nitrogen IS 'Nitrogen, mass fraction as fired';
COMMENT ON COLUMN thermaliq.fuels.sulfur IS 'Sulfur, mass fraction as fired';
COMMENT ON COLUMN thermaliq.fuels.moisture IS 'Water, mass fraction as fired';
COMMENT ON COLUMN thermaliq.fuels.ash IS 'Ash, mass fraction as fired';
COMMENT ON COLUMN thermaliq.fuels.co2_kg_per_gj_lhv IS 'kg CO2 per GJ of LHV = C x 44.009/12.011 / LHV x 1000 (informative; co2_kg() computes from carbon and the heating value)';
COMMENT ON COLUMN thermaliq.fuels.exergy_factor_lhv IS 'Standard chemical exergy / LHV (Szargut); on the HHV basis fuel_exergy_kw uses exergy_factor_lhv x LHV / HHV';
COMMENT ON COLUMN thermaliq.fuels.siegert_a1 IS 'Siegert coefficient A1 of the 1. BImSchV CO2 formula, NULL when none is defined';
COMMENT ON COLUMN thermaliq.fuels.siegert_b IS 'Siegert coefficient B of the 1. BImSchV CO2 formula, NULL when none is defined';

-- The seed rows, in one place: the install inserts them, the restore
-- trigger compares against them.
CREATE FUNCTION thermaliq.fuel_seed_rows()
RETURNS SETOF thermaliq.fuels
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
SELECT * FROM (VALUES
	-- id, name, hhv, lhv, density,
	--  carbon, hydrogen, oxygen, nitrogen, sulfur, moisture, ash,
	--  co2 kg/GJ(LHV), exergy factor (LHV), siegert A1, B
	('methane', 'Methane (pure)', 55.5152::float8, 50.0308::float8, 0.6799::float8,
	 0.748675::float8, 0.251325::float8, 0.0::float8, 0.0::float8, 0.0::float8, 0.0::float8, 0.0::float8,
	 54.830::float8, 1.03614::float8, NULL::float8, NULL::float8),
	('natural_gas', 'Natural gas (pipeline H-gas, illustrative composition)', 52.9259, 47.7429, 0.7177,
	 0.727045, 0.237515, 0.018896, 0.016544, 0.0, 0.0, 0.0,
	 55.797, 1.03630, 0.37, 0.009),
	('propane', 'Propane (pure; LPG)', 50.3247, 46.3342, 1.8990,
	 0.817130, 0.182870, 0.0, 0.0, 0.0, 0.0, 0.0,
	 64.618, 1.05423, 0.42, 0.008),
	('hydrogen', 'Hydrogen (pure)', 141.7808, 119.9590, 0.0852,
	 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0,
	 0.0, 0.97623, NULL, NULL),
	('fuel_oil_2', 'Fuel oil No. 2 (distillate; heating oil EL)', 45.6000, 42.8063, 845.0,
	 0.869000, 0.128000, 0.000400, 0.000200, 0.002000, 0.000200, 0.000200,
	 74.383, 1.06593, 0.50, 0.007),
	('fuel_oil_6', 'Fuel oil No. 6 (residual; bunker C)', 42.9000, 40.5359, 980.0,
	 0.856000, 0.108000, 0.004000, 0.004000, 0.022000, 0.003000, 0.003000,
	 77.374, 1.06642, NULL, NULL),
	('bituminous_coal', 'Bituminous coal (Illinois No. 6, as received)', 27.1130, 25.8595, NULL,
	 0.637500, 0.045000, 0.068800, 0.012500, 0.025100, 0.111200, 0.097000,
	 90.328, 1.08468, NULL, NULL),
	('wood', 'Wood (clean, 20 % moisture)', 16.0000, 14.4467, NULL,
	 0.400000, 0.048800, 0.345600, 0.001600, 0.000160, 0.200000, 0.003840,
	 101.450, 1.16461, NULL, NULL)
) AS s(fuel_id, name, hhv_mj_kg, lhv_mj_kg, density_kg_m3,
       carbon, hydrogen, oxygen, nitrogen, sulfur, moisture, ash,
       co2_kg_per_gj_lhv, exergy_factor_lhv, siegert_a1, siegert_b)
$$;
COMMENT ON FUNCTION thermaliq.fuel_seed_rows() IS
'The fuel rows shipped with thermaliq (sources in the install script 15_fuels.sql); SELECT * FROM thermaliq.fuel_seed_rows() shows the original of an edited seed row';

INSERT INTO thermaliq.fuels SELECT * FROM thermaliq.fuel_seed_rows();

-- The seed-replace trigger (fuels_replace_seed, see the header) is in
-- 87_seed_triggers.sql.

SELECT pg_catalog.pg_extension_config_dump('thermaliq.fuels', '');

-- Every fuel function reads the table as the calling user.
GRANT SELECT ON thermaliq.fuels TO PUBLIC;
