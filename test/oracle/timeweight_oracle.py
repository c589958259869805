#!/usr/bin/python3
"""Independent oracle for time_weight() and meter_agg() (numpy/pandas).

  timeweight_oracle.py data     CSV rows: series,ts_us,value (value may be
                                empty = NULL), irregular, with gaps,
                                duplicate timestamps and shuffled order
  timeweight_oracle.py expect   CSV rows: series,method,max_gap_s,
                                integral_kwh,average,coverage_s,gap_count,
                                sample_count
  timeweight_oracle.py meter    CSV rows: series,rollover,max_rate,delta,
                                resets,rollovers,rejected

Deterministic (fixed seed). Computes everything from the rows with pandas
(sort, collapse equal timestamps to the max, trapezoids/steps, mask gaps),
sharing no code with src/math. Run by /usr/bin/python3 (Debian's numpy).
"""
import math
import sys

import numpy as np
import pandas as pd

T0 = 1_767_225_600_000_000  # 2026-01-01 00:00:00 UTC in microseconds


def rate_series(rng, name, n):
    """Irregular kW samples with gaps, duplicates and NULLs."""
    dt = rng.integers(1_000_000, 120_000_000, n)           # 1 s .. 2 min
    gaps = rng.random(n) < 0.01
    dt[gaps] += rng.integers(20 * 60_000_000, 90 * 60_000_000, gaps.sum())
    dt[rng.random(n) < 0.03] = 0                            # duplicates
    ts = T0 + np.cumsum(dt) + rng.integers(0, 1000, n) * (rng.random(n) < 0.5)
    val = 500 + np.cumsum(rng.normal(0, 5, n)) + rng.normal(0, 1, n)
    df = pd.DataFrame({"series": name, "ts": ts, "value": val})
    df.loc[rng.random(n) < 0.01, "value"] = np.nan          # NULL values
    return df


def counter_series(rng, name, n):
    """Cumulative kWh counter with two resets, a wrap at 1e6 and a spike."""
    ts = T0 + np.cumsum(rng.integers(30_000_000, 600_000_000, n))
    inc = rng.uniform(0, 50, n)
    val = 999_000 + np.cumsum(inc)
    val = np.where(val >= 1_000_000, val - 1_000_000, val)  # rollover
    val[n // 3:] -= val[n // 3] - 3.0                       # reset to ~3
    val[2 * n // 3:] -= val[2 * n // 3] - 1.5               # reset to ~1.5
    val[n // 2] += 250_000                                  # implausible spike
    df = pd.DataFrame({"series": name, "ts": ts, "value": val})
    dup = df.sample(10, random_state=1).copy()
    dup["value"] -= 0.5                                     # duplicates, smaller
    # re-sent values: a reading slightly below the previous one, half-way to
    # the next (step-backs within 1 % of a large register; after the resets
    # to ~3 a drop of 0.3 exceeds 1 % and is a reset)
    idx = rng.choice(np.arange(1, n - 2), 40, replace=False)
    resent = pd.DataFrame({"series": name, "ts": (ts[idx] + ts[idx + 1]) // 2,
                           "value": val[idx] - rng.uniform(0.05, 0.3, 40)})
    return pd.concat([df, dup, resent])


def data():
    rng = np.random.default_rng(20260101)
    df = pd.concat([rate_series(rng, "a", 3000), rate_series(rng, "b", 1500),
                    counter_series(rng, "c", 2000)])
    return df.sample(frac=1.0, random_state=7)              # shuffled


def clean(df):
    df = df.dropna(subset=["value"])
    return df.groupby("ts", as_index=False)["value"].max().sort_values("ts")


def tw(df, method, max_gap_s):
    d = clean(df)
    t = d["ts"].to_numpy(dtype=np.int64)
    v = d["value"].to_numpy(dtype=np.float64)
    dt = np.diff(t)
    keep = np.ones_like(dt, dtype=bool) if max_gap_s is None else dt <= max_gap_s * 1_000_000
    if method == "linear":
        area = (v[:-1] + v[1:]) / 2 * (dt / 1e6)
    else:
        area = v[:-1] * (dt / 1e6)
    integral_s = np.sum(area[keep])
    covered_s = np.sum(dt[keep]) / 1e6
    return (integral_s / 3600.0, integral_s / covered_s, covered_s,
            int((~keep).sum()), len(t))


def meter(df, rollover, max_rate, stepback):
    """API.md section 5, read literally: the register is the highest reading
    since the last reset; a drop within stepback x register is no
    consumption; otherwise a wrap (rollover) or a reset; a step faster than
    max_rate per hour since the previous reading is rejected."""
    d = clean(df)
    t = d["ts"].to_numpy(dtype=np.int64)
    v = d["value"].to_numpy(dtype=np.float64)
    reg = v[0]
    steps, resets, wraps, rejected = [], 0, 0, 0
    for i in range(1, len(v)):
        cur = v[i]
        if cur >= reg:
            step, kind = cur - reg, "rise"
        elif reg - cur <= stepback * abs(reg):
            continue
        elif rollover is not None and rollover - reg + cur >= 0:
            step, kind = rollover - reg + cur, "wrap"
        else:
            step, kind = cur, "reset"
        reg = cur
        if max_rate is not None and step > max_rate * (t[i] - t[i - 1]) / 3.6e9:
            rejected += 1
            continue
        steps.append(step)
        resets += kind == "reset"
        wraps += kind == "wrap"
    return (math.fsum(steps), resets, wraps, rejected)


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "data"
    df = data()
    out = sys.stdout
    if mode == "data":
        for r in df.itertuples(index=False):
            val = "" if np.isnan(r.value) else repr(float(r.value))
            out.write(f"{r.series},{r.ts},{val}\n")
    elif mode == "expect":
        for s in ("a", "b"):
            for method in ("linear", "locf"):
                for gap in (None, 900):
                    res = tw(df[df.series == s], method, gap)
                    out.write(",".join([s, method, "" if gap is None else str(gap)] +
                                       [repr(float(x)) if isinstance(x, float) else str(x)
                                        for x in res]) + "\n")
    elif mode == "meter":
        for roll, rate, sb in ((None, None, 0.01), (1_000_000.0, None, 0.01),
                               (1_000_000.0, 10_000.0, 0.01), (None, 10_000.0, 0.01),
                               (None, None, 0.0), (1_000_000.0, 10_000.0, 0.0),
                               (None, None, 1e-7)):
            res = meter(df[df.series == "c"], roll, rate, sb)
            out.write(",".join(["c", "" if roll is None else repr(roll),
                                "" if rate is None else repr(rate), repr(sb)] +
                               [repr(float(res[0]))] + [str(x) for x in res[1:]]) + "\n")
    else:
        sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
