#!/usr/bin/env python3
"""Reference values for SpearmanTest (hypersphere-experiments): scipy.stats.spearmanr on fixed samples with ties.

Run once with Debian's python3-scipy: /usr/bin/python3 tools/spearman_reference.py
The printed values are copied into SpearmanTest as literals.
"""
from scipy.stats import spearmanr, rankdata

samples = {
    "ties_both": ([1, 2, 2, 3, 5, 4, 4, 4], [0.3, 0.1, 0.2, 0.9, 0.5, 0.5, 0.7, 0.2]),
    "metric_like": ([0.41, 0.52, 0.38, 0.95, 0.61, 0.61, 1.2, 0.02, 0.33, 0.47],
                    [0.612, 0.598, 0.630, 0.402, 0.598, 0.575, 0.351, 0.190, 0.640, 0.598]),
}
for name, (x, y) in samples.items():
    rho = spearmanr(x, y).correlation
    print(f"{name}: rho = {rho!r}")
    print(f"  ranks x = {list(rankdata(x))}")
    print(f"  ranks y = {list(rankdata(y))}")
