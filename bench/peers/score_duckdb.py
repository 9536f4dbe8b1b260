#!/usr/bin/env python3
"""SERVQUAL scoring with DuckDB: the benchmark's SQL peer of `servqual score`.

Usage: score_duckdb.py RESPONSES.csv CONFIG.json

The same figures as the pandas peer (score.py, whose docstring lists them), written the way a
DuckDB user would: `read_csv` of the needed columns into a table, one query that derives gaps,
dimension scores and weights per respondent (NULL for a blank answer propagates), then aggregate
queries over it and a GROUP BY for the segments. Prints the same JSON.
"""
import sys
import time

t_start = time.perf_counter()
sys.dont_write_bytecode = True  # no __pycache__ beside common.py in the checkout

import duckdb  # noqa: E402
from common import alpha, emit, half_of_items, load_config, num, summary  # noqa: E402


def q(name):
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def lit(value):
    """A SQL string literal."""
    return "'" + str(value).replace("'", "''") + "'"


def main(path, config_path):
    cfg = load_config(config_path)
    dims, dim_ids, item_ids = cfg["dimensions"], cfg["dim_ids"], cfg["item_ids"]
    lo, hi = cfg["scale"]["min"], cfg["scale"]["max"]
    group = cfg.get("groupBy")
    con = duckdb.connect()

    header = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM read_csv({lit(path)}, header = true)").fetchall()]
    w_cols = cfg["w_cols"]
    have_weights = cfg["weightsSource"] == "respondents" and all(c in header for c in w_cols)
    numeric = cfg["e_cols"] + cfg["p_cols"] + (w_cols if have_weights else [])

    t0 = time.perf_counter()
    types = ", ".join(f"{lit(c)}: 'DOUBLE'" for c in numeric) + (f", {lit(group)}: 'VARCHAR'" if group else "")
    select = ", ".join(q(c) for c in numeric + ([group] if group else []))
    con.execute(
        f"CREATE TABLE answers AS SELECT {select} FROM read_csv({lit(path)}, header = true, "
        f"nullstr = '', types = {{{types}}})"
    )
    t_read = time.perf_counter() - t0

    t0 = time.perf_counter()
    # Item gaps P - E; a reversed item has x' = min + max - x on both answers.
    gaps = []
    for d in dims:
        for it in d["items"]:
            e, p = q(it["e"]), q(it["p"])
            expr = f"(({lo} + {hi} - {p}) - ({lo} + {hi} - {e}))" if it.get("reverse") else f"({p} - {e})"
            gaps.append(f"{expr} AS {q('gap:' + it['id'])}")
    # Dimension scores: the mean of the answered gaps when at least half of the items are answered.
    scores = []
    for d in dims:
        cols = [q("gap:" + it["id"]) for it in d["items"]]
        answered = " + ".join(f"({c} IS NOT NULL)::INTEGER" for c in cols)
        total = " + ".join(f"coalesce({c}, 0)" for c in cols)
        scores.append(
            f"CASE WHEN {answered} >= {half_of_items(len(cols))} THEN ({total}) / ({answered}) END AS {q(d['id'])}"
        )
    # Weights: own allocation when complete, non-negative and summing to 100 +- 1; else fixed.
    fixed = cfg["fixedWeights"]
    if have_weights:
        total = " + ".join(q(c) for c in w_cols)  # NULL when any cell is blank
        valid = (
            f"(({total}) IS NOT NULL AND {' AND '.join(f'{q(c)} >= 0' for c in w_cols)} "
            f"AND abs(({total}) - 100) <= 1 + 1e-9 AND ({total}) <> 0)"
        )
        weights = [f"CASE WHEN {valid} THEN {q(c)} / ({total}) ELSE {f!r} END" for c, f in zip(w_cols, fixed)]
        fallback = f"NOT {valid}"
    else:
        weights = [repr(float(f)) for f in fixed]
        fallback = "true" if cfg["weightsSource"] == "respondents" else "false"
    weight_cols = [f"{w} AS {q('w:' + i)}" for w, i in zip(weights, dim_ids)]
    complete = " AND ".join(f"{q(i)} IS NOT NULL" for i in dim_ids)
    keep = f"{q(group)}, " if group else ""
    weighted_sum = " + ".join(f"{q('w:' + i)} * {q(i)}" for i in dim_ids)
    con.execute(
        f"CREATE TABLE gaps AS SELECT {keep}{', '.join(gaps)}, {', '.join(weight_cols)}, {fallback} AS fallback "
        f"FROM answers"
    )
    con.execute(f"CREATE TABLE dims AS SELECT *, {', '.join(scores)} FROM gaps")
    con.execute(
        f"CREATE TABLE scored AS SELECT *, {complete} AS complete, "
        f"CASE WHEN {complete} THEN ({' + '.join(q(i) for i in dim_ids)}) / {len(dim_ids)} END AS unweighted, "
        f"CASE WHEN {complete} THEN {weighted_sum} END "
        f"AS weighted FROM dims"
    )

    score_cols = dim_ids + ["unweighted", "weighted"]
    aggregates = (
        [f"avg({q(c)})" for c in score_cols]
        + [f"stddev_samp({q(c)})" for c in score_cols]
        + [f"count({q(c)})" for c in score_cols]
        + [f"avg({q('w:' + i)}) FILTER (WHERE complete)" for i in dim_ids]
        + [f"avg({q('gap:' + i)})" for i in item_ids]
        + [f"count({q('gap:' + i)})" for i in item_ids]
        + ["count(*)", "count(*) FILTER (WHERE complete)", "count(*) FILTER (WHERE fallback)"]
    )
    row = con.execute(f"SELECT {', '.join(aggregates)} FROM scored").fetchone()
    m = len(score_cols)
    means, sds, ns = row[:m], row[m : 2 * m], row[2 * m : 3 * m]
    rest = row[3 * m :]
    importance, rest = rest[: len(dim_ids)], rest[len(dim_ids) :]
    item_means, item_ns, (rows, scored, fallbacks) = (
        rest[: len(item_ids)],
        rest[len(item_ids) : 2 * len(item_ids)],
        rest[2 * len(item_ids) :],
    )
    by = {c: summary(means[j], sds[j], ns[j]) for j, c in enumerate(score_cols)}

    # Cronbach's alpha over the respondents who answered every item of the dimension.
    alphas = []
    for d in dims:
        cols = [q("gap:" + it["id"]) for it in d["items"]]
        v = con.execute(
            f"SELECT {', '.join(f'var_samp({c})' for c in cols)}, var_samp({' + '.join(cols)}) FROM scored "
            f"WHERE {' AND '.join(f'{c} IS NOT NULL' for c in cols)}"
        ).fetchone()
        alphas.append(alpha(len(cols), list(v[:-1]), v[-1]))

    result = {
        "tool": "duckdb",
        "rows": int(rows),
        "scored": int(scored),
        "fallbackWeights": int(fallbacks),
        "overall": {k: by[k] for k in ("unweighted", "weighted")},
        "dimensions": [
            {"id": i, "gap": by[i], "alpha": alphas[j], "importance": num(importance[j])} for j, i in enumerate(dim_ids)
        ],
        "items": [{"id": i, "gap": num(mn), "n": int(n)} for i, mn, n in zip(item_ids, item_means, item_ns)],
    }

    if group:
        seg = con.execute(
            f"SELECT {q(group)}, count(*), {', '.join(f'avg({q(c)}), count({q(c)})' for c in score_cols)} "
            f"FROM scored WHERE {q(group)} IS NOT NULL GROUP BY {q(group)} ORDER BY {q(group)}"
        ).fetchall()

        def cell(r, c):
            j = 2 + 2 * score_cols.index(c)
            return {"mean": num(r[j]), "n": int(r[j + 1])}

        result["segments"] = [
            {
                "column": group,
                "value": str(r[0]),
                "respondents": int(r[1]),
                "overall": {k: cell(r, k) for k in ("unweighted", "weighted")},
                "dimensions": {i: cell(r, i) for i in dim_ids},
            }
            for r in seg
        ]

    t_compute = time.perf_counter() - t0
    emit(result, {"read": t_read, "compute": t_compute, "total": time.perf_counter() - t_start})


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.stderr.write("usage: score_duckdb.py RESPONSES.csv CONFIG.json\n")
        sys.exit(2)
    main(sys.argv[1], sys.argv[2])
