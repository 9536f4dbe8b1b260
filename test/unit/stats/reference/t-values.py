#!/usr/bin/env python3
"""Reference values of Student's t distribution for test/unit/stats/t-distribution.test.ts.

Run: python3 test/unit/stats/reference/t-values.py > test/unit/stats/reference/t-values.json && npx biome format --write test/unit/stats/reference/t-values.json
(mpmath 1.3; every value is computed at 60 digits and agrees with an 80-digit run to 35 digits:
near x = 1 betainc loses as many digits as 1 - x has leading zeros.)

Each input (df, t, p) is a double; the reference is exact for that double input:
- twoSidedP: P(|T| >= |t|) = I_x(df/2, 1/2) with x = df / (df + t^2), mpmath.betainc (regularized).
- quantile: the q > 0 with I_x(df/2, 1/2) = 2 min(p, 1 - p), by mpmath.findroot; negative when p < 0.5.
The grid covers df in {0.5, ..., 5e6}, t from 1e-8 to 40, and for each df the (double) t whose
p-value is 1e-20, 1e-50, 1e-100, 1e-200 and 1e-300 where that t is a finite double.
Values are printed with 25 significant digits.
"""
import json
import mpmath as mp

DFS = [0.5, 1, 1.5, 2, 3, 7.3, 10, 29, 100, 1000, 1e4, 1e5, 1e6, 5e6]
TS = [1e-8, 1e-4, 0.01, 0.1, 0.5, 1, 1.5, 1.96, 2, 2.5, 3, 4, 5, 7, 10, 15, 20, 30, 40]
TAIL_PS = [1e-20, 1e-50, 1e-100, 1e-200, 1e-300]
QUANTILE_PS = [0.5 + 1e-9, 0.6, 0.75, 0.9, 0.95, 0.975, 0.995, 0.9995, 1 - 1e-10, 0.025, 1e-5, 1e-20, 1e-100]


def two_sided(df, t, dps):
    with mp.workdps(dps):
        d, tt = mp.mpf(df), mp.mpf(t)
        return mp.betainc(d / 2, mp.mpf(1) / 2, 0, d / (d + tt * tt), regularized=True)


def quantile_abs(df, target, dps):
    """The q > 0 with two_sided(df, q) = target (an mpf), solved in log q."""
    with mp.workdps(dps):
        d = mp.mpf(df)
        f = lambda u: mp.log(mp.betainc(d / 2, mp.mpf(1) / 2, 0, d / (d + mp.exp(2 * u)), regularized=True)) - mp.log(target)
        # Bracket the root in u = log q by doubling steps away from q = 1 (f falls as u grows),
        # then solve in that bracket (Illinois), never evaluating far from the answer.
        lo, hi = mp.mpf(0), mp.mpf(0)
        step = mp.mpf(1) / 2
        if f(lo) > 0:
            while f(hi) > 0:
                lo, hi, step = hi, hi + step, step * 2
        else:
            while f(lo) < 0:
                lo, hi, step = lo - step, lo, step * 2
        u = mp.findroot(f, (lo, hi), solver="illinois", tol=mp.mpf(10) ** (-dps + 10), maxsteps=500)
        return mp.exp(u)


def agree(a, b):
    return a == b or abs(a - b) <= abs(b) * mp.mpf(10) ** -35


def main():
    rows = []
    for df in DFS:
        ts = list(TS)
        for p in TAIL_PS:
            q = quantile_abs(df, mp.mpf(p), 60)
            if q < mp.mpf('1e300'):
                ts.append(float(q))  # the nearest double; its exact p is computed below
        for t in ts:
            v = two_sided(df, t, 60)
            assert agree(v, two_sided(df, t, 80)), (df, t)
            rows.append({"df": df, "t": t, "p": mp.nstr(v, 25, min_fixed=1, max_fixed=0)})
    quantiles = []
    for df in DFS:
        for p in QUANTILE_PS:
            target = 2 * min(mp.mpf(p), 1 - mp.mpf(p))
            q = quantile_abs(df, target, 60)
            if q >= mp.mpf('1e300'):
                continue
            assert agree(q, quantile_abs(df, target, 80)), (df, p)
            q = q if p > 0.5 else -q
            quantiles.append({"df": df, "p": p, "q": mp.nstr(q, 25, min_fixed=1, max_fixed=0)})
    out = {
        "source": "test/unit/stats/reference/t-values.py (mpmath %s, 60 digits, checked at 80)" % mp.__version__,
        "twoSidedP": rows,
        "quantile": quantiles,
    }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
