#!/usr/bin/python3
"""Independent reference for the index benchmark: recall@10 of faiss's HNSW (IndexHNSWFlat, inner product) against
exact search on seeded random unit vectors, at the same graph parameters (M, efConstruction = Lucene's beam width)
and search widths (efSearch = our ef). Shows what recall a textbook HNSW reaches on this data, so that the Lucene
numbers of IndexBenchmark can be judged. One thread.

    /usr/bin/python3 tools/hnsw_recall_reference.py N DIM [M] [EF_CONSTRUCTION] [EF,EF,...]
"""
import sys
import time

import faiss
import numpy as np

n, dim = int(sys.argv[1]), int(sys.argv[2])
m = int(sys.argv[3]) if len(sys.argv) > 3 else 16
efc = int(sys.argv[4]) if len(sys.argv) > 4 else 100
efs = [int(e) for e in (sys.argv[5] if len(sys.argv) > 5 else "100,500,1000,2000").split(",")]
faiss.omp_set_num_threads(1)
rng = np.random.default_rng(42)
data = rng.standard_normal((n, dim)).astype(np.float32)
data /= np.linalg.norm(data, axis=1, keepdims=True)
queries = rng.standard_normal((1000, dim)).astype(np.float32)
queries /= np.linalg.norm(queries, axis=1, keepdims=True)
exact = faiss.IndexFlatIP(dim)
exact.add(data)
_, truth = exact.search(queries, 10)
index = faiss.IndexHNSWFlat(dim, m, faiss.METRIC_INNER_PRODUCT)
index.hnsw.efConstruction = efc
t = time.time()
index.add(data)
print(f"n {n} dim {dim} M {m} efConstruction {efc}: build {time.time() - t:.1f} s")
for ef in efs:
    index.hnsw.efSearch = ef
    t = time.time()
    _, found = index.search(queries, 10)
    per = (time.time() - t) / len(queries) * 1e3
    recall = np.mean([len(set(found[i]) & set(truth[i])) / 10 for i in range(len(queries))])
    print(f"efSearch {ef:5d}: recall@10 {recall:.4f}, {per:.2f} ms/query")
