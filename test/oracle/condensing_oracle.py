#!/usr/bin/python3
"""
condensing_oracle.py
    Independent reference for the condensing heat-loss method and air
    humidity (src/math/combustion.c, test/unit/condensing_test.c,
    test/t/046_physics_oracle.pl).

Written apart from the C code and from combustion_oracle.py's mass
balance: this one balances one kmol of the GAS MIXTURE by its molecules
(CH4, C2H6, C3H8, N2, CO2), solves the air from the dry O2 with its own
algebra, and takes every water property from IAPWS (python3-iapws,
IAPWS-IF97): saturation pressure and temperature, vapour enthalpy at low
pressure, saturated-liquid enthalpy of the condensate. Shared with the C
code are only published data: IUPAC atomic weights, ISO 6976 molar gross
calorific values (25 degC), the composition of dry air, the NASA CEA
polynomials for the dry gases (imported from combustion_oracle.py, which
holds the published coefficients), and thermaliq's LHV convention
(LHV = HHV - 2.442 MJ per kg of water formed).

    /usr/bin/python3 test/oracle/condensing_oracle.py

prints one line "case key value" per number the tests use.
"""
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from combustion_oracle import dh  # NASA CEA dry-gas polynomials (published data)
from iapws import IAPWS97
from iapws.iapws97 import _PSat_T, _TSat_P

C, H, O, N, AR = 12.011, 1.008, 15.999, 14.007, 39.948
M_H2O = 2 * H + O
AIR = {"N2": 0.7808, "O2": 0.2095, "Ar": 0.0093, "CO2": 0.0004}
M_AIR = AIR["N2"] * 2 * N + AIR["O2"] * 2 * O + AIR["Ar"] * AR + AIR["CO2"] * (C + 2 * O)
P_ATM = 101.325  # kPa
# molecule: (molar mass, ISO 6976 gross calorific value kJ/mol at 25 degC, C atoms, H atoms)
MOL = {
    "CH4": (C + 4 * H, 890.63, 1, 4),
    "C2H6": (2 * C + 6 * H, 1560.69, 2, 6),
    "C3H8": (3 * C + 8 * H, 2219.17, 3, 8),
    "N2": (2 * N, 0.0, 0, 0),
    "CO2": (C + 2 * O, 0.0, 1, 0),
}
GASES = {
    "natural_gas": {"CH4": 0.950, "C2H6": 0.025, "C3H8": 0.005, "N2": 0.010, "CO2": 0.010},
    "methane": {"CH4": 1.0},
}


def h_vap(t_k):
    """Water vapour enthalpy at 0.7 kPa (near the ideal-gas limit), kJ/kg, IF97 region 2."""
    return IAPWS97(T=t_k, P=0.0007).h


def case(gas, tfg_c, tair_c, o2_pct, rh_pct=0.0, basis="lhv"):
    comp = GASES[gas]
    # per kmol of fuel gas
    m_fuel = sum(x * MOL[k][0] for k, x in comp.items())
    n_c = sum(x * MOL[k][2] for k, x in comp.items() if k != "CO2")
    n_h2 = sum(x * MOL[k][3] for k, x in comp.items()) / 2
    x_co2, x_n2 = comp.get("CO2", 0.0), comp.get("N2", 0.0)
    hhv = sum(x * MOL[k][1] for k, x in comp.items()) * 1000.0   # kJ/kmol fuel
    water_formed = n_h2                                          # kmol H2O
    lhv = hhv - 2442.0 * water_formed * M_H2O
    o2_need = n_c + n_h2 / 2
    y = o2_pct / 100.0
    # dry products: CO2 (fuel C + fuel CO2 + air CO2), N2, Ar, O2 left over
    #   n_dry = n_c + x_co2 + x_n2 + a (1 - 0.2095) + (0.2095 a - o2_need)
    #         = n_c + x_co2 + x_n2 + a - o2_need
    #   0.2095 a - o2_need = y n_dry
    a = (o2_need + y * (n_c + x_co2 + x_n2 - o2_need)) / (AIR["O2"] - y)
    prod = {"CO2": n_c + x_co2 + AIR["CO2"] * a, "N2": x_n2 + AIR["N2"] * a,
            "Ar": AIR["Ar"] * a, "O2": AIR["O2"] * a - o2_need}
    n_dry = sum(prod.values())
    assert abs(prod["O2"] / n_dry - y) < 1e-12
    # air humidity: psat by IF97, omega per kg dry air
    t_air = tair_c + 273.15
    pv = rh_pct / 100.0 * _PSat_T(t_air) * 1000.0
    omega = (M_H2O / M_AIR) * pv / (P_ATM - pv)
    n_w = water_formed + omega * a * M_AIR / M_H2O
    p_w = P_ATM * n_w / (n_dry + n_w)
    dew_c = _TSat_P(p_w / 1000.0) - 273.15
    t_fg = tfg_c + 273.15
    if t_fg < dew_c + 273.15:
        ps = _PSat_T(t_fg) * 1000.0
        n_v = n_dry * ps / (P_ATM - ps)
    else:
        n_v = n_w
    n_cond = n_w - n_v
    q_dry = sum(n * dh(sp, t_air, t_fg) for sp, n in prod.items())
    # water against vapour at the air temperature: vapour part leaves as
    # vapour at T_fg, condensate as saturated liquid at T_fg
    h0 = h_vap(t_air)
    q_w = n_v * M_H2O * (h_vap(t_fg) - h0)
    if n_cond > 0:
        q_w += n_cond * M_H2O * (IAPWS97(T=t_fg, x=0).h - h0)
    hv = lhv
    if basis == "hhv":
        q_w += 2442.0 * water_formed * M_H2O
        hv = hhv
    eff = 100.0 * (1.0 - (q_dry + q_w) / hv)
    return {
        "dew_point_c": dew_c,
        "condensed_fraction": n_cond / n_w,
        "efficiency_pct": eff,
        "total_pct": 100.0 - eff,
        "dry_pct": 100.0 * q_dry / hv,
        "moisture_pct": 100.0 * q_w / hv,
        "excess_air_pct": 100.0 * (a * AIR["O2"] / o2_need - 1.0),
        "omega": omega,
        "m_fuel": m_fuel,
    }


CASES = {
    # the acceptance case: natural gas, 3 % O2, 45 degC stack, 20 degC dry air
    "ng45": ("natural_gas", 45.0, 20.0, 3.0, 0.0, "lhv"),
    "ng45hhv": ("natural_gas", 45.0, 20.0, 3.0, 0.0, "hhv"),
    # deep condensing, methane on HHV
    "ch4_30hhv": ("methane", 30.0, 15.0, 2.0, 0.0, "hhv"),
    # above the dew point: no condensation (the 1.0 result)
    "ng120": ("natural_gas", 120.0, 20.0, 3.0, 0.0, "lhv"),
    # humid air: 35 degC, 100 % and 60 % RH, 180 degC stack, and its dry twin
    "ng180dry": ("natural_gas", 180.0, 35.0, 3.0, 0.0, "lhv"),
    "ng180rh100": ("natural_gas", 180.0, 35.0, 3.0, 100.0, "lhv"),
    "ng180rh60": ("natural_gas", 180.0, 35.0, 3.0, 60.0, "lhv"),
    # humid air and condensing together
    "ng40rh60": ("natural_gas", 40.0, 25.0, 3.5, 60.0, "lhv"),
}


def main():
    for name, args in CASES.items():
        r = case(*args)
        for k in ("dew_point_c", "condensed_fraction", "efficiency_pct", "total_pct", "dry_pct",
                  "moisture_pct", "excess_air_pct", "omega"):
            print(f"{name} {k} {r[k]:.12g}")


if __name__ == "__main__":
    main()
