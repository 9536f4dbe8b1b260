"""What the Python peers other than pandas share: the configuration, the summaries and the output.

The pandas peer (score.py) predates this module and keeps its own copy; polars (score_polars.py)
and DuckDB (score_duckdb.py) compute the same figures and print the same JSON through these helpers.
"""
import json
import math
import sys

from scipy import stats


def load_config(path):
    """The questionnaire as bench/run.js writes it, with the column lists every peer needs."""
    with open(path, encoding="utf-8") as f:
        cfg = json.load(f)
    dims = cfg["dimensions"]
    cfg["e_cols"] = [it["e"] for d in dims for it in d["items"]]
    cfg["p_cols"] = [it["p"] for d in dims for it in d["items"]]
    cfg["w_cols"] = [d["weight"] for d in dims]
    cfg["item_ids"] = [it["id"] for d in dims for it in d["items"]]
    cfg["dim_ids"] = [d["id"] for d in dims]
    return cfg


def half_of_items(k):
    """The half-of-items rule: a dimension score needs at least ceil(k / 2) (and 1) answered items."""
    return max(1, math.ceil(k / 2))


def num(x):
    """A float for JSON, None for missing (None or NaN) values."""
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def summary(mean, sd, n):
    """mean, sample sd, n and t-based 95% interval, from the aggregates of the non-missing values."""
    n = int(n)
    mean = num(mean) if n > 0 else None
    if n < 2:
        return {"mean": mean, "sd": None, "n": n, "ci95": None}
    sd = float(sd)
    half = float(stats.t.ppf(0.975, n - 1)) * sd / math.sqrt(n)
    return {"mean": mean, "sd": sd, "n": n, "ci95": [mean - half, mean + half]}


def alpha(k, item_variances, total_variance):
    """Cronbach's alpha from the item variances and the variance of their sum; None when undefined."""
    if k < 2 or total_variance is None or any(v is None for v in item_variances):
        return None
    if total_variance < 1e-12:
        return None
    return float(k / (k - 1) * (1 - sum(item_variances) / total_variance))


def emit(result, seconds):
    """Prints the result as JSON on stdout, with the seconds spent reading and computing."""
    result["seconds"] = seconds
    json.dump(result, sys.stdout, allow_nan=False)
    sys.stdout.write("\n")
