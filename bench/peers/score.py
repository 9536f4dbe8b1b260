#!/usr/bin/env python3
"""SERVQUAL scoring with pandas: the benchmark's Python peer of `servqual score`.

Usage: score.py RESPONSES.csv CONFIG.json

CONFIG.json is written by bench/run.js from the questionnaire (column names per item and dimension,
reverse flags, scale, weight source and normalised fixed weights, the segment column).

Computes the contract's core (/work/shared/SPEC.md, "The numbers"), vectorised (pandas to read
and group, NumPy arrays for the row-wise arithmetic, as an analyst tuning for speed would):
item gaps P - E (reversed items flipped), dimension scores under the half-of-items rule, each
respondent's weights (own 100-point allocation when complete, non-negative and summing to 100 +- 1,
else the fixed weights), unweighted and weighted overall, mean/sd/n/ci95 of every dimension's
scores and of both overalls, Cronbach's alpha per dimension over complete respondents, and the
means per segment. Prints the results as JSON on stdout (dimension gap means are compared with
servqual's by the runner), with the seconds spent reading and computing.
"""
import json
import math
import sys
import time

t_start = time.perf_counter()

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from scipy import stats  # noqa: E402


def num(x):
    """A float for JSON, None for missing (NaN) values."""
    return None if x is None or math.isnan(x) else float(x)


def summary(s: pd.Series) -> dict:
    """mean, sample sd, n and t-based 95% interval of the non-missing values of s."""
    s = s.dropna()
    n = int(s.size)
    mean = float(s.mean()) if n > 0 else None
    if n < 2:
        return {"mean": mean, "sd": None, "n": n, "ci95": None}
    sd = float(s.std(ddof=1))
    half = float(stats.t.ppf(0.975, n - 1)) * sd / math.sqrt(n)
    return {"mean": mean, "sd": sd, "n": n, "ci95": [mean - half, mean + half]}


def cronbach_alpha(x: np.ndarray):
    """Cronbach's alpha of the columns of x (complete rows only); None when undefined."""
    n, k = x.shape
    if k < 2 or n < 2:
        return None
    total_var = x.sum(axis=1).var(ddof=1)
    if total_var < 1e-12:
        return None
    return float(k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / total_var))


def main(path: str, config_path: str) -> None:
    with open(config_path, encoding="utf-8") as f:
        cfg = json.load(f)
    dims = cfg["dimensions"]
    lo, hi = cfg["scale"]["min"], cfg["scale"]["max"]
    group = cfg.get("groupBy")

    header = pd.read_csv(path, nrows=0).columns
    e_cols = [it["e"] for d in dims for it in d["items"]]
    p_cols = [it["p"] for d in dims for it in d["items"]]
    w_cols = [d["weight"] for d in dims]
    have_weights = cfg["weightsSource"] == "respondents" and all(c in header for c in w_cols)
    numeric = e_cols + p_cols + (w_cols if have_weights else [])
    use = numeric + ([group] if group else [])

    t0 = time.perf_counter()
    dtypes = {c: "float64" for c in numeric}
    if group:
        dtypes[group] = "category"
    df = pd.read_csv(path, usecols=use, dtype=dtypes, keep_default_na=False, na_values=[""])
    t_read = time.perf_counter() - t0

    t0 = time.perf_counter()
    # Item gaps P - E (respondents x items); a reversed item has x' = min + max - x on both
    # answers. NaN (a blank answer) propagates, so an item with any answer missing is missing.
    E = df[e_cols].to_numpy()
    P = df[p_cols].to_numpy()
    rev = np.array([it.get("reverse", False) for d in dims for it in d["items"]])
    if rev.any():
        E = np.where(rev, lo + hi - E, E)
        P = np.where(rev, lo + hi - P, P)
    gaps = P - E
    answered = ~np.isnan(gaps)
    item_ids = [it["id"] for d in dims for it in d["items"]]
    dim_ids = [d["id"] for d in dims]

    # Dimension scores: mean of the answered item gaps if at least half (rounded up) are answered.
    # Cronbach's alpha on the same columns, over the respondents who answered all of them.
    D = np.empty((len(df), len(dims)))
    alphas = []
    start = 0
    for j, d in enumerate(dims):
        k = len(d["items"])
        cols = slice(start, start + k)
        start += k
        count = answered[:, cols].sum(axis=1)
        total = np.nansum(gaps[:, cols], axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            D[:, j] = np.where(count >= max(1, math.ceil(k / 2)), total / count, np.nan)
        alphas.append(cronbach_alpha(gaps[count == k, cols]))

    # Weights: own allocation when complete, non-negative and summing to 100 +- 1; else fixed.
    fixed = np.asarray(cfg["fixedWeights"], dtype="float64")
    if have_weights:
        W = df[w_cols].to_numpy()
        total = W.sum(axis=1)  # NaN when any cell is blank
        valid = (~np.isnan(total) & (W >= 0).all(axis=1) & (np.abs(total - 100) <= 1 + 1e-9)
                 & (total != 0))
        with np.errstate(invalid="ignore", divide="ignore"):
            weights = W / total[:, None]
        weights[~valid] = fixed
        fallback = int((~valid).sum())
    else:
        weights = np.broadcast_to(fixed, (len(df), len(dims)))
        fallback = len(df) if cfg["weightsSource"] == "respondents" else 0

    all_dims = ~np.isnan(D).any(axis=1)
    scores = pd.DataFrame(D, columns=dim_ids, index=df.index)
    scores["unweighted"] = np.where(all_dims, D.mean(axis=1), np.nan)
    scores["weighted"] = np.where(all_dims, (weights * D).sum(axis=1), np.nan)
    importance = weights[all_dims].mean(axis=0)
    item_n = answered.sum(axis=0)
    item_mean = np.nansum(gaps, axis=0) / item_n

    result = {
        "tool": "pandas",
        "rows": int(len(df)),
        "scored": int(all_dims.sum()),
        "fallbackWeights": fallback,
        "overall": {k: summary(scores[k]) for k in ("unweighted", "weighted")},
        "dimensions": [
            {"id": i, "gap": summary(scores[i]), "alpha": alphas[j], "importance": num(importance[j])}
            for j, i in enumerate(dim_ids)
        ],
        "items": [{"id": i, "gap": num(m), "n": int(n)} for i, m, n in zip(item_ids, item_mean, item_n)],
    }

    if group:
        g = scores.groupby(df[group], observed=True, sort=True)
        means, counts, sizes = g.mean(), g.count(), g.size()
        result["segments"] = [
            {
                "column": group,
                "value": str(value),
                "respondents": int(sizes[value]),
                "overall": {k: {"mean": num(means.at[value, k]), "n": int(counts.at[value, k])}
                            for k in ("unweighted", "weighted")},
                "dimensions": {i: {"mean": num(means.at[value, i]), "n": int(counts.at[value, i])}
                               for i in dim_ids},
            }
            for value in sorted(means.index)
        ]

    t_compute = time.perf_counter() - t0
    result["seconds"] = {"read": t_read, "compute": t_compute,
                         "total": time.perf_counter() - t_start}
    json.dump(result, sys.stdout, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.stderr.write("usage: score.py RESPONSES.csv CONFIG.json\n")
        sys.exit(2)
    main(sys.argv[1], sys.argv[2])
