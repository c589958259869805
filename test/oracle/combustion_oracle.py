#!/usr/bin/python3
"""
combustion_oracle.py
    Independent reference for the fuels seed data (sql/install/15_fuels.sql)
    and for the combustion / exergy tests (test/unit/combustion_test.c,
    sql/45_combustion.sql, test/pgtap/45_combustion.sql).

Written separately from src/math/combustion.c (plain Python, no shared
code); it shares only the published data: atomic weights (IUPAC
conventional), ISO 6976:1995 molar calorific values at 25 degC, Szargut's
standard chemical exergies, the Szargut-Styrylska correlations and the
NASA CEA (McBride, Zehe & Gordon, NASA TP-2002-211556) / NASA TM-4513 (SO2)
ideal-gas polynomials.

    /usr/bin/python3 test/oracle/combustion_oracle.py seed    # fuel rows
    /usr/bin/python3 test/oracle/combustion_oracle.py cases   # test values
"""
import math
import sys

# --- atomic and molar masses, kg/kmol (IUPAC conventional atomic weights)
C, H, O, N, S, AR = 12.011, 1.008, 15.999, 14.007, 32.06, 39.948
M = {
    "O2": 2 * O, "N2": 2 * N, "H2O": 2 * H + O, "CO2": C + 2 * O,
    "CO": C + O, "SO2": S + 2 * O, "Ar": AR, "H2": 2 * H,
}
R = 8.314462618           # kJ/(kmol K)
HFG25 = 2442.0            # kJ/kg, latent heat of water at 25 degC (IAPWS-95: 2441.7)
H2O_PER_H = M["H2O"] / M["H2"]   # kg water per kg hydrogen
AIR = {"N2": 0.7808, "O2": 0.2095, "Ar": 0.0093, "CO2": 0.0004}
M_AIR = sum(x * M[k] for k, x in AIR.items())
HC_CO = 282980.0          # kJ/kmol, CO + 1/2 O2 -> CO2

# --- NASA 9-coefficient (CEA) polynomials, 200-1000 K and 1000-6000 K
NASA9 = {
    "N2": [(200, 1000, [2.210371497e+04, -3.818461820e+02, 6.082738360e+00, -8.530914410e-03,
                        1.384646189e-05, -9.625793620e-09, 2.519705809e-12, 7.108460860e+02]),
           (1000, 6000, [5.877124060e+05, -2.239249073e+03, 6.066949220e+00, -6.139685500e-04,
                         1.491806679e-07, -1.923105485e-11, 1.061954386e-15, 1.283210415e+04])],
    "O2": [(200, 1000, [-3.425563420e+04, 4.847000970e+02, 1.119010961e+00, 4.293889240e-03,
                        -6.836300520e-07, -2.023372700e-09, 1.039040018e-12, -3.391454870e+03]),
           (1000, 6000, [-1.037939022e+06, 2.344830282e+03, 1.819732036e+00, 1.267847582e-03,
                         -2.188067988e-07, 2.053719572e-11, -8.193467050e-16, -1.689010929e+04])],
    "CO2": [(200, 1000, [4.943650540e+04, -6.264116010e+02, 5.301725240e+00, 2.503813816e-03,
                         -2.127308728e-07, -7.689988780e-10, 2.849677801e-13, -4.528198460e+04]),
            (1000, 6000, [1.176962419e+05, -1.788791477e+03, 8.291523190e+00, -9.223156780e-05,
                          4.863676880e-09, -1.891053312e-12, 6.330036590e-16, -3.908350590e+04])],
    "H2O": [(200, 1000, [-3.947960830e+04, 5.755731020e+02, 9.317826530e-01, 7.222712860e-03,
                         -7.342557370e-06, 4.955043490e-09, -1.336933246e-12, -3.303974310e+04]),
            (1000, 6000, [1.034972096e+06, -2.412698562e+03, 4.646110780e+00, 2.291998307e-03,
                          -6.836830480e-07, 9.426468930e-11, -4.822380530e-15, -1.384286509e+04])],
    "CO": [(200, 1000, [1.489045326e+04, -2.922285939e+02, 5.724527170e+00, -8.176235030e-03,
                        1.456903469e-05, -1.087746302e-08, 3.027941827e-12, -1.303131878e+04]),
           (1000, 6000, [4.619197250e+05, -1.944704863e+03, 5.916714180e+00, -5.664282830e-04,
                         1.398814540e-07, -1.787680361e-11, 9.620935570e-16, -2.466261084e+03])],
    "Ar": [(200, 1000, [0.0, 0.0, 2.5, 0.0, 0.0, 0.0, 0.0, -7.453750000e+02]),
           (1000, 6000, [2.010538475e+01, -5.992661070e-02, 2.500069401e+00, -3.992141160e-08,
                         1.205272140e-11, -1.819015576e-15, 1.078576636e-19, -7.449939610e+02])],
}
# NASA 7-coefficient (TM-4513), 300-1000 K and 1000-5000 K
NASA7_SO2 = [(300, 1000, [3.2665338, 0.0053237902, 6.8437552e-07, -5.2810047e-09, 2.5590454e-12, -36908.148]),
             (1000, 5000, [5.2451364, 0.0019704204, -8.0375769e-07, 1.5149969e-10, -1.0558004e-14, -37558.227])]


def h9(a, t):
    """H(T) in kJ/kmol from one NASA-9 range (arbitrary datum)."""
    return R * (-a[0] / t + a[1] * math.log(t) + a[2] * t + a[3] * t ** 2 / 2 + a[4] * t ** 3 / 3
                + a[5] * t ** 4 / 4 + a[6] * t ** 5 / 5 + a[7])


def h7(a, t):
    return R * (a[0] * t + a[1] * t ** 2 / 2 + a[2] * t ** 3 / 3 + a[3] * t ** 4 / 4 + a[4] * t ** 5 / 5 + a[5])


def dh(sp, t1, t2):
    """H(t2) - H(t1), kJ/kmol, piecewise over the 1000 K break."""
    if sp == "SO2":
        ranges, fn = NASA7_SO2, h7
    else:
        ranges, fn = NASA9[sp], h9
    lo, hi = ranges[0][2], ranges[1][2]

    def H(t):  # continuous: the high range is anchored to the low one at 1000 K
        if t <= 1000.0:
            return fn(lo, t)
        return fn(lo, 1000.0) + fn(hi, t) - fn(hi, 1000.0)
    return H(t2) - H(t1)


# --- fuels -----------------------------------------------------------------
def lhv_from_hhv(hhv, h, w):
    return hhv - HFG25 / 1000.0 * (H2O_PER_H * h + w)


def phi_liquid(c, h, o, s):      # Szargut & Styrylska (1964), liquid fuels
    return 1.0401 + 0.1728 * h / c + 0.0432 * o / c + 0.2169 * s / c * (1 - 2.0628 * h / c)


def phi_coal_dry(c, h, o, n):    # Szargut & Styrylska, solid fuels o/c <= 0.667
    return 1.0437 + 0.1882 * h / c + 0.0610 * o / c + 0.0404 * n / c


def phi_wood_dry(c, h, o, n):    # Szargut & Styrylska, wood, o/c <= 2.67
    return (1.0412 + 0.2160 * h / c - 0.2499 * o / c * (1 + 0.7884 * h / c) + 0.0450 * n / c) / (1 - 0.3035 * o / c)


def exergy_solid(phi_dry, lhv, w, s):
    """Kotas (1985): b = (LHV + r w) phi_dry + 9.417 s, MJ/kg."""
    return (lhv + HFG25 / 1000.0 * w) * phi_dry + 9.417 * s


# ISO 6976:1995 molar gross calorific values at 25 degC (kJ/mol) and
# summation factors at 15 degC; molar masses from the atomic weights above
# (so the ultimate analysis sums to 1 exactly); Szargut standard chemical
# exergies (kJ/mol, T0 = 298.15 K, p0 = 101.325 kPa).
GAS = {
    #          M        HHV25     s15      b_ch    (C, H atoms, O2, N2)
    "CH4":  (16.043,  890.63,  0.0447, 831.65, 1, 4, 0, 0),
    "C2H6": (30.070, 1560.69,  0.0922, 1495.84, 2, 6, 0, 0),
    "C3H8": (44.097, 2219.17,  0.1338, 2154.0, 3, 8, 0, 0),
    "H2":   (2.016,  285.83, None,    236.09, 0, 2, 0, 0),
    "N2":   (28.014,   0.0,   0.0173,   0.72, 0, 0, 0, 1),
    "CO2":  (44.009,    0.0,   0.0748,  19.87, 1, 0, 1, 0),
}


def gas_fuel(comp):
    """comp: mole fractions. Returns the seed row quantities."""
    mm = sum(x * GAS[k][0] for k, x in comp.items())
    hhv = sum(x * GAS[k][1] for k, x in comp.items()) / mm
    c = sum(x * GAS[k][4] for k, x in comp.items()) * C / mm
    h = sum(x * GAS[k][5] for k, x in comp.items()) * H / mm
    o = sum(x * GAS[k][6] for k, x in comp.items()) * 2 * O / mm
    n = sum(x * GAS[k][7] for k, x in comp.items()) * 2 * N / mm
    lhv = lhv_from_hhv(hhv, h, 0.0)
    mix = R * 298.15 / 1000.0 * sum(x * math.log(x) for x in comp.values() if x > 0)
    bch = (sum(x * GAS[k][3] for k, x in comp.items()) + mix) / mm
    if list(comp) == ["H2"]:
        z = 1.0006   # NIST (Lemmon) at 15 degC, 101.325 kPa
    else:
        z = 1 - sum(x * GAS[k][2] for k, x in comp.items()) ** 2
    rho = 101.325 * mm / (8.314510 * 288.15) / z
    return dict(hhv=hhv, lhv=lhv, c=c, h=h, o=o, n=n, s=0.0, w=0.0, a=0.0, phi=bch / lhv, rho=rho)


def solid_liquid(kind, hhv, c, h, o, n, s, w, a, rho):
    lhv = lhv_from_hhv(hhv, h, w)
    if kind == "liquid":
        phi = phi_liquid(c, h, o, s)
        b = phi * (lhv + HFG25 / 1000.0 * w)
    elif kind == "coal":
        b = exergy_solid(phi_coal_dry(c, h, o, n), lhv, w, s)
    else:
        b = exergy_solid(phi_wood_dry(c, h, o, n), lhv, w, s)
    return dict(hhv=hhv, lhv=lhv, c=c, h=h, o=o, n=n, s=s, w=w, a=a, phi=b / lhv, rho=rho)


def fuels():
    f = {}
    f["methane"] = gas_fuel({"CH4": 1.0})
    f["natural_gas"] = gas_fuel({"CH4": 0.950, "C2H6": 0.025, "C3H8": 0.005, "N2": 0.010, "CO2": 0.010})
    f["propane"] = gas_fuel({"C3H8": 1.0})
    f["hydrogen"] = gas_fuel({"H2": 1.0})
    f["fuel_oil_2"] = solid_liquid("liquid", 45.60, 0.8690, 0.1280, 0.0004, 0.0002, 0.0020, 0.0002, 0.0002, 845.0)
    f["fuel_oil_6"] = solid_liquid("liquid", 42.90, 0.8560, 0.1080, 0.0040, 0.0040, 0.0220, 0.0030, 0.0030, 980.0)
    # Illinois No. 6, as received (NETL QGESS), chlorine 0.29 % not tracked
    f["bituminous_coal"] = solid_liquid("coal", 27.113, 0.6375, 0.0450, 0.0688, 0.0125, 0.0251, 0.1112, 0.0970, None)
    # clean wood, dry: C 50.0 H 6.1 O 43.2 N 0.2 S 0.02 ash 0.48 %, HHV 20.0 MJ/kg; 20 % moisture
    f["wood"] = solid_liquid("wood", 0.8 * 20.0, 0.8 * 0.500, 0.8 * 0.061, 0.8 * 0.432, 0.8 * 0.002,
                             0.8 * 0.0002, 0.20, 0.8 * 0.0048, None)
    for r in f.values():
        r["co2"] = r["c"] * M["CO2"] / C / r["lhv"] * 1000.0
    return f


def boie(r):
    return 35.16 * r["c"] + 116.225 * r["h"] - 11.09 * r["o"] + 6.28 * r["n"] + 10.465 * r["s"]


# --- combustion losses -------------------------------------------------------
def losses(r, tfg_c, tair_c, o2_pct, co_ppm=0.0, basis="hhv"):
    nC, nS, nNf = r["c"] / C, r["s"] / S, r["n"] / M["N2"]
    o2st = r["c"] / C + r["h"] / (4 * H) + r["s"] / S - r["o"] / M["O2"]
    y_o2, y_co = o2_pct / 100.0, co_ppm * 1e-6
    k = (1 - AIR["O2"]) / AIR["O2"]
    ndry = (nC + nS + nNf + k * o2st) / (1 - 0.5 * y_co - (y_o2 - 0.5 * y_co) / AIR["O2"])
    n_co = y_co * ndry
    e = (y_o2 - 0.5 * y_co) * ndry / o2st
    air = (1 + e) * o2st / AIR["O2"]
    prod = {
        "CO2": nC - n_co + AIR["CO2"] * air, "CO": n_co, "SO2": nS,
        "N2": nNf + AIR["N2"] * air, "Ar": AIR["Ar"] * air, "O2": e * o2st + 0.5 * n_co,
    }
    assert abs(sum(prod.values()) - ndry) < 1e-12 * ndry
    assert abs(prod["O2"] / ndry - y_o2) < 1e-12
    t1, t2 = tair_c + 273.15, tfg_c + 273.15
    q_dry = sum(n * dh(sp, t1, t2) for sp, n in prod.items())
    m_w = H2O_PER_H * r["h"] + r["w"]
    q_w = m_w / M["H2O"] * dh("H2O", t1, t2)
    if basis == "hhv":
        q_w += m_w * HFG25
    q_co = n_co * HC_CO
    hv = (r["hhv"] if basis == "hhv" else r["lhv"]) * 1000.0
    out = dict(dry=100 * q_dry / hv, moist=100 * q_w / hv, co=100 * q_co / hv)
    out["total"] = out["dry"] + out["moist"] + out["co"]
    out["eff"] = 100 - out["total"]
    out["excess"] = 100 * e
    out.update(o2st=o2st, ndry=ndry, e=e, air=air, prod=prod, q_dry=q_dry, q_w=q_w, q_co=q_co, m_w=m_w,
               stoich_air=o2st * M_AIR / AIR["O2"])
    return out


def co2max_pct(r):
    o2st = r["c"] / C + r["h"] / (4 * H) + r["s"] / S - r["o"] / M["O2"]
    air = o2st / AIR["O2"]
    ndry = r["c"] / C + r["s"] / S + r["n"] / M["N2"] + (1 - AIR["O2"]) * air
    return 100 * (r["c"] / C + AIR["CO2"] * air) / ndry


def main():
    f = fuels()
    what = sys.argv[1] if len(sys.argv) > 1 else "cases"
    if what == "seed":
        for k, r in f.items():
            tot = r["c"] + r["h"] + r["o"] + r["n"] + r["s"] + r["w"] + r["a"]
            print(f"{k:16s} hhv {r['hhv']:.4f} lhv {r['lhv']:.4f} boie {boie(r):.3f} rho {r['rho']}"
                  f" C {r['c']:.6f} H {r['h']:.6f} O {r['o']:.6f} N {r['n']:.6f} S {r['s']:.6f}"
                  f" W {r['w']:.4f} A {r['a']:.4f} sum {tot:.6f} co2 {r['co2']:.3f} phi {r['phi']:.5f}"
                  f" phi_hhv {r['phi'] * r['lhv'] / r['hhv']:.5f} co2max {co2max_pct(r):.3f}")
        return
    print(f"M_air {M_AIR:.5f}  H2O/H {H2O_PER_H:.6f}")
    for sp in ["N2", "O2", "CO2", "H2O", "CO", "Ar", "SO2"]:
        print(f"dh {sp:4s} 298.15->500 {dh(sp, 298.15, 500.0):.3f}  298.15->1000 {dh(sp, 298.15, 1000.0):.3f}"
              f"  298.15->453.15 {dh(sp, 298.15, 453.15):.6f}")
    m = f["methane"]
    for basis in ("hhv", "lhv"):
        L = losses(m, 180.0, 25.0, 3.0, 0.0, basis)
        print(f"methane 180/25 3% {basis}: dry {L['dry']:.9f} moist {L['moist']:.9f} co {L['co']:.9f}"
              f" total {L['total']:.9f} eff {L['eff']:.9f} excess {L['excess']:.9f}")
        print(f"   o2st {L['o2st']:.9f} ndry {L['ndry']:.9f} e {L['e']:.9f} air {L['air']:.9f}"
              f" q_dry {L['q_dry']:.6f} q_w {L['q_w']:.6f} m_w {L['m_w']:.9f} stoich_air {L['stoich_air']:.9f}")
        print("   prod", {k: round(v, 9) for k, v in L["prod"].items()})
    for basis in ("hhv", "lhv"):
        L = losses(m, 180.0, 25.0, 3.0, 200.0, basis)
        print(f"methane 180/25 3% 200ppm {basis}: dry {L['dry']:.9f} moist {L['moist']:.9f} co {L['co']:.9f}"
              f" total {L['total']:.9f} eff {L['eff']:.9f} excess {L['excess']:.9f} q_co {L['q_co']:.6f}")
    for fid in ("natural_gas", "fuel_oil_2", "fuel_oil_6", "bituminous_coal", "wood", "propane", "hydrogen"):
        for basis in ("hhv", "lhv"):
            L = losses(f[fid], 160.0, 20.0, 4.0, 50.0, basis)
            print(f"{fid} 160/20 4% 50ppm {basis}: dry {L['dry']:.9f} moist {L['moist']:.9f} co {L['co']:.9f}"
                  f" total {L['total']:.9f} eff {L['eff']:.9f} excess {L['excess']:.9f}")
    for fid in ("methane", "natural_gas", "propane", "fuel_oil_2", "hydrogen", "bituminous_coal", "wood"):
        r = f[fid]
        print(f"{fid} stoich_air {losses(r, 100, 20, 3)['stoich_air']:.9f} co2max {co2max_pct(r):.6f}")


if __name__ == "__main__":
    main()
