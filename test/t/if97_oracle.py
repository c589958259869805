#!/usr/bin/python3
"""Oracle for test/t/040_if97_sweep.pl: IAPWS-IF97 states from Debian's
python3-iapws (IAPWS97 class), printed as tab-separated rows.

Usage: if97_oracle.py N SEED  ->  rows
  kind  a  b  region  p  t  v  h  u  s  cp  cv  w  x
kind 'pt' (a = p MPa, b = T K), 'ph' (a = p, b = h), 'ps' (a = p, b = s),
'px' (a = p, b = x), 'tx' (a = T, b = x). Empty fields are \\N (NULL).
The points are random with a fixed seed, spread over every region; the
(p,h) and (p,s) points take h and s from (p,T) states, so both sides solve
the same inverse problem.
"""
import math
import random
import sys
import warnings

from iapws import IAPWS97
from iapws.iapws97 import _t_P, _PSat_T

warnings.simplefilter("ignore")
N = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 97)
PMIN = 0.000611212677444
PS623 = 16.5291642526


def fmt(v):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "\\N"
    return repr(float(v))


def row(kind, a, b, st):
    two = st.region == 4 and 0 < st.x < 1
    vals = [st.region, st.P, st.T, st.v, st.h, st.h - st.P * 1000 * st.v,
            st.s] + [None if two else getattr(st, k, None)
                     for k in ("cp", "cv", "w")] + [
            st.x if kind in ("px", "tx") or st.region == 4 else None]
    print("\t".join([kind, repr(float(a)), repr(float(b))] +
                    [str(vals[0])] + [fmt(v) for v in vals[1:]]))


def pt_points(n):
    pts = []
    for _ in range(n):
        u = rng.random()
        if u < 0.55:        # regions 1 and 2, whole range
            p = math.exp(rng.uniform(math.log(PMIN), math.log(100)))
            t = rng.uniform(273.15, 1073.15)
        elif u < 0.8:       # region 3 between 623.15 K and B23
            p = rng.uniform(PS623 + 1e-6, 100)
            t = rng.uniform(623.15, _t_P(p))
        elif u < 0.9:       # near the critical point, region 3 side
            p = rng.uniform(21.0, 23.5)
            t = rng.uniform(640.0, 660.0)
        else:               # region 5
            p = math.exp(rng.uniform(math.log(PMIN), math.log(50)))
            t = rng.uniform(1073.16, 2273.15)
        pts.append((p, t))
    return pts


def main():
    pts = pt_points(N)
    for p, t in pts:
        try:
            st = IAPWS97(P=p, T=t)
        except Exception:
            continue
        if st.region is None or not st.status:
            continue
        row("pt", p, t, st)
        # the same state from (p,h) and (p,s), solved by python-iapws
        for kind, key, val in (("ph", "h", st.h), ("ps", "s", st.s)):
            try:
                st2 = IAPWS97(**{"P": p, key: val})
                if st2.status and st2.region is not None:
                    row(kind, p, val, st2)
            except Exception:
                pass
    # two-phase and saturated states. python-iapws refines saturated
    # densities in region 3 only for IAPWS97(P=.., x=0 or 1) (Tx and
    # 0 < x < 1 use the SR5-05 backward values unrefined), so the oracle
    # mixes its own refined x = 0 and x = 1 states.
    for _ in range(N // 10):
        x = rng.choice([0.0, 1.0, rng.random()])
        p = math.exp(rng.uniform(math.log(PMIN * 1.001), math.log(22.0)))
        t = rng.uniform(273.16, 646.0)
        for kind, a, ps in (("px", p, p), ("tx", t, _PSat_T(t))):
            try:
                liq = IAPWS97(P=ps, x=0)
                vap = IAPWS97(P=ps, x=1)
            except Exception:
                continue
            st = vap if x == 1 else liq
            v = liq.v + x * (vap.v - liq.v)
            h = liq.h + x * (vap.h - liq.h)
            s = liq.s + x * (vap.s - liq.s)
            ends = x in (0.0, 1.0)
            vals = [ps, t if kind == "tx" else liq.T, v, h, h - ps * 1000 * v,
                    s, st.cp if ends else None, st.cv if ends else None,
                    st.w if ends else None, x]
            print("\t".join([kind, repr(float(a)), repr(float(x)), "4"] +
                            [fmt(z) for z in vals]))

main()
