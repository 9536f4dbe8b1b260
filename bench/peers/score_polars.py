#!/usr/bin/env python3
"""SERVQUAL scoring with polars: the benchmark's second Python peer of `servqual score`.

Usage: score_polars.py RESPONSES.csv CONFIG.json

The same figures as the pandas peer (score.py, whose docstring lists them), written the way a
polars user would: `pl.read_csv` of the needed columns, then lazy expressions (nulls for blank
answers propagate through the item gaps), one `group_by` for the segments. Prints the same JSON.
"""
import sys
import time

t_start = time.perf_counter()
sys.dont_write_bytecode = True  # no __pycache__ beside common.py in the checkout

import polars as pl  # noqa: E402
from common import alpha, emit, half_of_items, load_config, num, summary  # noqa: E402


def main(path, config_path):
    cfg = load_config(config_path)
    dims, dim_ids, item_ids = cfg["dimensions"], cfg["dim_ids"], cfg["item_ids"]
    lo, hi = cfg["scale"]["min"], cfg["scale"]["max"]
    group = cfg.get("groupBy")

    header = pl.read_csv(path, n_rows=0).columns
    w_cols = cfg["w_cols"]
    have_weights = cfg["weightsSource"] == "respondents" and all(c in header for c in w_cols)
    numeric = cfg["e_cols"] + cfg["p_cols"] + (w_cols if have_weights else [])
    use = numeric + ([group] if group else [])

    t0 = time.perf_counter()
    schema = {c: pl.Float64 for c in numeric}
    if group:
        schema[group] = pl.Utf8
    df = pl.read_csv(path, columns=use, schema_overrides=schema, null_values=[""])
    t_read = time.perf_counter() - t0

    t0 = time.perf_counter()
    # Item gaps P - E; a reversed item has x' = min + max - x on both answers, so its gap is E - P.
    gaps = []
    for d in dims:
        for it in d["items"]:
            e, p = pl.col(it["e"]), pl.col(it["p"])
            gaps.append(((lo + hi - p) - (lo + hi - e) if it.get("reverse") else p - e).alias(f"gap:{it['id']}"))
    lf = df.lazy().with_columns(gaps)

    # Dimension scores: the mean of the answered gaps when at least half of the items are answered.
    scores = []
    for d in dims:
        cols = [pl.col(f"gap:{it['id']}") for it in d["items"]]
        answered = pl.sum_horizontal([c.is_not_null().cast(pl.Int32) for c in cols])
        scores.append(
            pl.when(answered >= half_of_items(len(cols)))
            .then(pl.sum_horizontal(cols) / answered)
            .otherwise(None)
            .alias(d["id"])
        )
    lf = lf.with_columns(scores)

    # Weights: own allocation when complete, non-negative and summing to 100 +- 1; else fixed.
    fixed = cfg["fixedWeights"]
    if have_weights:
        ws = [pl.col(c) for c in w_cols]
        total = pl.sum_horizontal(ws)
        valid = (
            pl.all_horizontal([c.is_not_null() for c in ws])
            & pl.all_horizontal([c >= 0 for c in ws])
            & ((total - 100).abs() <= 1 + 1e-9)
            & (total != 0)
        )
        weights = [pl.when(valid).then(c / total).otherwise(f).alias(f"w:{i}") for c, f, i in zip(ws, fixed, dim_ids)]
        fallback = ~valid
    else:
        weights = [pl.lit(f).alias(f"w:{i}") for f, i in zip(fixed, dim_ids)]
        fallback = pl.lit(cfg["weightsSource"] == "respondents")
    lf = lf.with_columns(weights + [fallback.alias("fallback")])

    complete = pl.all_horizontal([pl.col(i).is_not_null() for i in dim_ids])
    lf = lf.with_columns(
        pl.when(complete).then(pl.mean_horizontal(dim_ids)).otherwise(None).alias("unweighted"),
        pl.when(complete)
        .then(pl.sum_horizontal([pl.col(f"w:{i}") * pl.col(i) for i in dim_ids]))
        .otherwise(None)
        .alias("weighted"),
        complete.alias("complete"),
    )
    scored = lf.collect()

    score_cols = dim_ids + ["unweighted", "weighted"]
    agg = scored.select(
        [pl.col(c).mean().alias(f"mean:{c}") for c in score_cols]
        + [pl.col(c).std(ddof=1).alias(f"sd:{c}") for c in score_cols]
        + [pl.col(c).count().alias(f"n:{c}") for c in score_cols]
        + [pl.col(f"w:{i}").filter(pl.col("complete")).mean().alias(f"imp:{i}") for i in dim_ids]
        + [pl.col(f"gap:{i}").mean().alias(f"item:{i}") for i in item_ids]
        + [pl.col(f"gap:{i}").count().alias(f"itemn:{i}") for i in item_ids]
        + [pl.col("complete").sum().alias("scored"), pl.col("fallback").sum().alias("fallback")]
    ).row(0, named=True)

    # Cronbach's alpha over the respondents who answered every item of the dimension.
    alphas = []
    for d in dims:
        cols = [f"gap:{it['id']}" for it in d["items"]]
        full = scored.filter(pl.all_horizontal([pl.col(c).is_not_null() for c in cols]))
        v = full.select([pl.col(c).var(ddof=1) for c in cols] + [pl.sum_horizontal(cols).var(ddof=1).alias("total")])
        row = v.row(0) if full.height > 0 else [None] * (len(cols) + 1)
        alphas.append(alpha(len(cols), list(row[:-1]), row[-1]) if full.height >= 2 else None)

    def summary_of(c):
        return summary(agg[f"mean:{c}"], agg[f"sd:{c}"], agg[f"n:{c}"])

    result = {
        "tool": "polars",
        "rows": scored.height,
        "scored": int(agg["scored"]),
        "fallbackWeights": int(agg["fallback"]),
        "overall": {k: summary_of(k) for k in ("unweighted", "weighted")},
        "dimensions": [
            {"id": i, "gap": summary_of(i), "alpha": alphas[j], "importance": num(agg[f"imp:{i}"])}
            for j, i in enumerate(dim_ids)
        ],
        "items": [{"id": i, "gap": num(agg[f"item:{i}"]), "n": int(agg[f"itemn:{i}"])} for i in item_ids],
    }

    if group:
        seg = (
            scored.filter(pl.col(group).is_not_null())
            .group_by(group)
            .agg(
                [pl.len().alias("size")]
                + [pl.col(c).mean().alias(f"mean:{c}") for c in score_cols]
                + [pl.col(c).count().alias(f"n:{c}") for c in score_cols]
            )
            .sort(group)
        )
        result["segments"] = [
            {
                "column": group,
                "value": str(r[group]),
                "respondents": int(r["size"]),
                "overall": {k: {"mean": num(r[f"mean:{k}"]), "n": int(r[f"n:{k}"])} for k in ("unweighted", "weighted")},
                "dimensions": {i: {"mean": num(r[f"mean:{i}"]), "n": int(r[f"n:{i}"])} for i in dim_ids},
            }
            for r in seg.iter_rows(named=True)
        ]

    t_compute = time.perf_counter() - t0
    emit(result, {"read": t_read, "compute": t_compute, "total": time.perf_counter() - t_start})


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.stderr.write("usage: score_polars.py RESPONSES.csv CONFIG.json\n")
        sys.exit(2)
    main(sys.argv[1], sys.argv[2])
