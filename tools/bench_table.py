#!/usr/bin/python3
"""Markdown table of `hypersphere bench NAME --json FILE` results (one row per case), for RESULTS-bench.md.

    /usr/bin/python3 tools/bench_table.py results/*.json > table.md
"""
import json
import sys


def fmt(v):
    a = abs(v)
    if a >= 1000:
        return f"{v:.0f}"
    if a >= 10:
        return f"{v:.1f}"
    if a >= 0.1:
        return f"{v:.3f}"
    return f"{v:.4g}"


def samples(s):
    if s is None:
        return "—"
    return f"{fmt(s['median'])} {s['unit']} (±{100 * s['relative_spread'] / 2:.0f} %)"


def main(paths):
    print("| benchmark | case | ours (median, ±half spread) | baseline | ratio | target | met? | machine | reps | command |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for path in paths:
        with open(path) as f:
            doc = json.load(f)
        m = doc["machine"]
        before, after = m.get("load_average_before") or ["?"], m.get("load_average_after") or ["?"]
        machine = (f"{m['cores']}× {m['cpu_model']}, JDK {m['jdk'].split()[-1]}, {m['threads']} thr, "
                   f"load {before[0]:.1f}→{after[0]:.1f}" if before[0] != "?" else "")
        for r in doc["results"]:
            met = {True: "yes", False: "**no**", None: "—"}[r["met"]]
            ratio = "—" if r["ratio"] is None else f"{r['ratio']:.3f}"
            reps = r["ours"]["repetitions"]
            print(f"| {doc['benchmark']} | {r['case']} | {samples(r['ours'])} | {samples(r['baseline'])} | {ratio} "
                  f"({r['ratio_means']}) | {r['target']} | {met} | {machine} | {reps} | `{doc['command']}` |")


if __name__ == "__main__":
    main(sys.argv[1:])
