#!/usr/bin/python3
"""Independent oracle for thermaliq.changepoint_fit (test/t/075_changepoint_oracle.pl).

Generates noisy data from known change-point models, fits every model with
numpy least squares and an exhaustive search of the change points (a fine
grid over [min x, max x], then golden section on the numpy SSE inside the
best grid cells to machine precision), and writes

  DIR/points.tsv    case, x, y
  DIR/expected.tsv  case, model, key, value    (model 'auto' rows: key 'model')

Conventions are those of API.md section 9 and src/math/changepoint.h:
p counts change points; s^2 = SSE/(n-p); CV(RMSE) = 100 sqrt(SSE/(n-p))/mean y;
NMBE = 100 sum(y-yhat)/((n-p) mean y); se(b) = s sqrt(diag((A'A)^-1)) at the
change points; se(xcp) from the full Jacobian (coefficients and change points).
Nothing here calls or copies thermaliq's code.
"""
import sys

import numpy as np

GOLD = (3 - 5 ** 0.5) / 2


def design(model, x, c):
    one = np.ones_like(x)
    if model == '2p':
        return np.column_stack([one, x])
    if model == '3ph':
        return np.column_stack([one, np.maximum(c[0] - x, 0)])
    if model == '3pc':
        return np.column_stack([one, np.maximum(x - c[0], 0)])
    if model == '4p':
        return np.column_stack([one, np.minimum(x - c[0], 0), np.maximum(x - c[0], 0)])
    return np.column_stack([one, np.minimum(x - c[0], 0), np.maximum(x - c[1], 0)])


def sse(model, x, y, c):
    a = design(model, x, c)
    b, *_ = np.linalg.lstsq(a, y, rcond=None)
    r = y - a @ b
    return float(r @ r)


def golden(f, lo, hi, iters=200):
    """Minimum of f on [lo, hi] by golden section (to machine precision)."""
    x1 = lo + GOLD * (hi - lo)
    x2 = hi - GOLD * (hi - lo)
    f1, f2 = f(x1), f(x2)
    for _ in range(iters):
        if hi - lo <= 4e-16 * (abs(lo) + abs(hi)) + 1e-300:
            break
        if f1 <= f2:
            hi, x2, f2 = x2, x1, f1
            x1 = lo + GOLD * (hi - lo)
            f1 = f(x1)
        else:
            lo, x1, f1 = x1, x2, f2
            x2 = hi - GOLD * (hi - lo)
            f2 = f(x2)
    return (x1, f1) if f1 <= f2 else (x2, f2)


def search(model, x, y, grid=4000, grid5=120):
    lo, hi = float(x.min()), float(x.max())
    if model == '2p':
        return []
    if model != '5p':
        g = np.linspace(lo, hi, grid + 1)
        e = np.array([sse(model, x, y, [c]) for c in g])
        best = None
        # refine the best few grid cells (the optimum may sit at a kink)
        for k in np.argsort(e)[:3]:
            a, b = g[max(k - 1, 0)], g[min(k + 1, grid)]
            c, v = golden(lambda c: sse(model, x, y, [c]), a, b)
            for cc, vv in ((c, v), (g[k], e[k])):
                if best is None or vv < best[1]:
                    best = ([cc], vv)
        return best[0]
    g = np.linspace(lo, hi, grid5 + 1)
    e = np.full((grid5 + 1, grid5 + 1), np.inf)
    for i in range(grid5 + 1):
        for j in range(i, grid5 + 1):
            e[i, j] = sse(model, x, y, [g[i], g[j]])
    best = None
    flat = np.argsort(e, axis=None)[:3]
    for f in flat:
        i, j = np.unravel_index(f, e.shape)
        a1, b1 = g[max(i - 1, 0)], g[min(i + 1, grid5)]
        a2, b2 = g[max(j - 1, 0)], g[min(j + 1, grid5)]

        def inner(c1):
            c2, v = golden(lambda c2: sse(model, x, y, [c1, c2]), max(a2, c1), b2, 90)
            inner.last = c2
            return v
        c1, v = golden(inner, a1, min(b1, b2), 90)
        inner(c1)
        c2 = inner.last
        # polish: alternate exact-precision 1-D golden steps in c1 and c2
        for _ in range(30):
            c1, _v = golden(lambda t: sse(model, x, y, [t, c2]), max(a1, c1 - (b1 - a1) / 50), min(c2, c1 + (b1 - a1) / 50))
            c2, v = golden(lambda t: sse(model, x, y, [c1, t]), max(c1, c2 - (b2 - a2) / 50), min(b2, c2 + (b2 - a2) / 50))
        if best is None or v < best[1]:
            best = ([c1, c2], v)
    return best[0]


def jacobian_cols(model, x, c, b):
    if model == '3ph':
        return [np.where(x < c[0], b[1], 0.0)]
    if model == '3pc':
        return [np.where(x > c[0], -b[1], 0.0)]
    if model == '4p':
        return [np.where(x < c[0], -b[1], np.where(x > c[0], -b[2], 0.0))]
    if model == '5p':
        return [np.where(x < c[0], -b[1], 0.0), np.where(x > c[1], -b[2], 0.0)]
    return []


def fit(model, x, y):
    c = search(model, x, y)
    # an optimum on a kink (a data x) is taken as that x exactly; that
    # point then has a zero change-point derivative (x < c, x > c strict)
    span = float(x.max() - x.min())
    for k in range(len(c)):
        near = x[np.argmin(np.abs(x - c[k]))]
        if abs(near - c[k]) <= 1e-10 * span:
            c[k] = float(near)
    a = design(model, x, c)
    b, *_ = np.linalg.lstsq(a, y, rcond=None)
    r = y - a @ b
    n, p = len(y), {'2p': 2, '3ph': 3, '3pc': 3, '4p': 4, '5p': 5}[model]
    e = float(r @ r)
    my = float(y.mean())
    s2 = e / (n - p)
    out = {'sse': e, 'r2': 1 - e / float(((y - my) ** 2).sum()), 'rmse': s2 ** 0.5,
           'cv_rmse_pct': 100 * s2 ** 0.5 / my, 'nmbe_pct': 100 * float(r.sum()) / ((n - p) * my),
           'n': n, 'p': p}
    cov = np.linalg.inv(a.T @ a) * s2
    for k in range(a.shape[1]):
        out['b%d' % k] = float(b[k])
        out['se_b%d' % k] = float(cov[k, k] ** 0.5)
    if c:
        j = np.column_stack([a] + jacobian_cols(model, x, c, b))
        covj = np.linalg.inv(j.T @ j) * s2
        for k, name in enumerate(['xcp', 'xcp2'][:len(c)]):
            out[name] = float(c[k])
            out['se_' + name] = float(covj[a.shape[1] + k, a.shape[1] + k] ** 0.5)
    return out


def truth(model, x, b, c):
    return design(model, x, c) @ np.array(b)


def main():
    out = sys.argv[1]
    rng = np.random.default_rng(1050)
    # (case, true model, coefficients, change points, n, x range, noise sd, x rounding)
    cases = [
        ('2p-a', '2p', [120, 3.5], [], 120, (-5, 30), 3.0, None),
        ('3ph-a', '3ph', [200, 12.0], [14.0], 150, (-10, 30), 6.0, None),
        ('3ph-b', '3ph', [50, 2.0], [8.5], 365, (-8, 28), 2.0, 0.1),
        ('3pc-a', '3pc', [300, 9.0], [18.0], 150, (0, 35), 5.0, None),
        ('4p-a', '4p', [150, -6.0, 4.0], [15.0], 160, (-5, 32), 4.0, None),
        ('5p-a', '5p', [100, -5.0, 7.0], [10.0, 21.0], 180, (-5, 35), 4.0, None),
    ]
    with open(out + '/points.tsv', 'w') as pf, open(out + '/expected.tsv', 'w') as ef:
        for name, model, b, c, n, (lo, hi), sd, rnd in cases:
            x = rng.uniform(lo, hi, n)
            if rnd:
                x = np.round(x / rnd) * rnd
            y = truth(model, x, b, c) + rng.normal(0, sd, n)
            for xi, yi in zip(x, y):
                pf.write('%s\t%r\t%r\n' % (name, float(xi), float(yi)))
            ef.write('%s\tauto\tmodel\t%s\n' % (name, model))
            for m in ('2p', '3ph', '3pc', '4p', '5p'):
                # the true model always; the others on two cases, where only
                # the optimal SSE and its statistics are unique (a wrong
                # model's change points may sit on a flat SSE or the data edge)
                if m != model and name not in ('3ph-a', '4p-a'):
                    continue
                r = fit(m, x, y)
                for k, v in r.items():
                    if m == model or k in ('sse', 'r2', 'rmse', 'cv_rmse_pct', 'n', 'p'):
                        ef.write('%s\t%s\t%s\t%r\n' % (name, m, k, v))


if __name__ == '__main__':
    main()
