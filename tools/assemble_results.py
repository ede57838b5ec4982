#!/usr/bin/env python3
"""Assembles RESULTS.md from experiment folders (their summary.md, written by `hypersphere experiment NAME`) and
benchmark result files, so that every number in RESULTS.md comes from a command's output, not from typing.

Usage: tools/assemble_results.py OUT.md EXPERIMENT_DIR... [--note TEXT] [--bench FILE.md ...]
Figures are not committed (they are generated output): their lines become a note naming the file the command writes.
"""
import re
import sys
from pathlib import Path


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    experiments = []
    benches = []
    current = experiments
    notes = []
    args = iter(argv[1:])
    for arg in args:
        if arg == "--bench":
            current = benches
            continue
        if arg == "--note":
            notes.append(next(args))
            continue
        current.append(Path(arg))
    parts = [
        "# Results\n",
        "Measured by the commands named in each section, on the machine each names; assembled by "
        "`tools/assemble_results.py` from the experiments' `summary.md` and the benchmarks' output. "
        "Figures are written by the same commands into their output folders (not committed).\n",
    ] + [note + "\n" for note in notes]
    for folder in experiments:
        summary = (folder / "summary.md").read_text(encoding="utf-8")
        summary = re.sub(r"^!\[([^\]]*)\]\(([^)]*)\)$",
                         lambda m: f"Figure: `{m.group(2)}` in the experiment's output folder.", summary, flags=re.M)
        parts.append(summary.replace("\n## ", "\n### ").replace("## ", "## ", 1))
    if benches:
        parts.append("## Benchmarks\n")
        for bench in benches:
            text = bench.read_text(encoding="utf-8")
            # nest the file's own headings under "## Benchmarks"
            text = re.sub(r"^(#+) ", lambda m: ("###" if len(m.group(1)) == 1 else "####") + " ", text, flags=re.M)
            parts.append(text)
    tmp = out.with_suffix(".md.tmp")
    tmp.write_text("\n".join(parts), encoding="utf-8")
    tmp.replace(out)
    print(f"wrote {out} ({len(experiments)} experiments, {len(benches)} benchmark files)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
