"""The scaling curve of the benchmark: time and queries of a run for each size measured.

Reads the results ``bench/measure.py`` wrote for each BENCH_SIZE (``.state/bench-results-1k.json``,
``-10k``, ``-100k``), prints a table and draws ``bench/scaling.png`` (matplotlib): wall time and
SQL queries against the number of invoices, ours beside OCA's where OCA was measured (it is not
run where it would take more than 10 minutes).

Usage: python bench/curve.py [STATE_DIR ...] (the first folder holding a size's results wins;
a 100k database may live in a cluster of its own, ``STATE_DIR=… BENCH_SIZE=100k make bench``)
"""

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter, NullFormatter

SIZES = ("1k", "10k", "100k")
OURS, OCA = "recouvrement_amiable", "account_credit_control"

states = [Path(folder) for folder in sys.argv[1:]] or [Path(".state")]


def results_of(size):
    for state in states:
        path = state / f"bench-results-{size}.json"
        if size == "10k" and not path.exists():
            path = state / "bench-results.json"  # written before BENCH_SIZE
        if path.exists():
            return json.loads(path.read_text())
    return None


rows = [row for row in map(results_of, SIZES) if row]
if not rows:
    sys.exit(f"no results in {', '.join(map(str, states))}: run make bench (BENCH_SIZE=…) first")

print("| invoices | debtors | ours: s | ours: queries | queries / debtor | OCA: s | OCA: queries |")
print("|---|---|---|---|---|---|---|")
for row in rows:
    ours, oca = row.get(OURS), row.get(OCA)
    oca_queries = f"{oca['queries']:,}" if oca else "—"
    print(
        f"| {row['invoices']:,} | {row['debtors']:,} | {ours['seconds']} | {ours['queries']:,} "
        f"| {ours['queries'] / row['debtors']:.2f} | {oca['seconds'] if oca else '—'} "
        f"| {oca_queries} |"
    )

figure, (time_axis, query_axis) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
for name, label, marker in (
    (OURS, "recouvrement_amiable", "o"),
    (OCA, "OCA account_credit_control", "s"),
):
    points = [(row["invoices"], row[name]) for row in rows if row.get(name)]
    if not points:
        continue
    invoices = [count for count, _result in points]
    for axis, key, text in ((time_axis, "seconds", "{:,.1f} s"), (query_axis, "queries", "{:,}")):
        values = [result[key] for _count, result in points]
        axis.plot(invoices, values, marker=marker, label=label)
        for count, value in zip(invoices, values, strict=True):
            axis.annotate(
                text.format(value), (count, value), textcoords="offset points", xytext=(4, -12)
            )
for axis, title in ((time_axis, "wall time of a run (s)"), (query_axis, "SQL queries of a run")):
    axis.set_xscale("log")
    axis.set_yscale("log")
    axis.set_xlabel("overdue invoices (5 per debtor on average)")
    axis.set_title(title)
    axis.grid(True, which="both", alpha=0.3)
    for scale in (axis.xaxis, axis.yaxis):
        scale.set_major_formatter(FuncFormatter(lambda value, _pos: f"{value:,.0f}"))
        scale.set_minor_formatter(NullFormatter())
    axis.legend()
out = Path(__file__).with_name("scaling.png")
figure.savefig(out, dpi=100)
print(f"chart written to {out}")
