#!/usr/bin/python3
"""The FAISS baseline of `hypersphere bench eval` (exact top-k search by inner product).

Reads gallery.npy (G×d float32, unit rows) and queries.npy (Q×d) written by hypersphere's Npy writer, builds a
faiss.IndexFlatIP over the gallery (not timed) and times `index.search(queries, k)` `reps` times after one warm-up
search; writes the ids of the last search to ids.npy (Q·k int64, row-major) for the agreement check, and the timings
as JSON. Threads: faiss.omp_set_num_threads(--threads), OpenMP / OpenBLAS variables set before faiss loads. Debian's
python3-faiss is installed with apt-get when missing (--no-install: fail instead).

    /usr/bin/python3 tools/bench_search.py --dir DIR --k 10 --reps 3 --threads 2 --json out.json
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_common as bc  # noqa: E402

THREADS = bc.threads_from_args(sys.argv)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dir", required=True)
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--no-install", action="store_true")
    p.add_argument("--json")
    a = p.parse_args()
    bc.ensure_modules({"numpy": ["python3-numpy"], "faiss": ["python3-faiss"]}, allow_install=not a.no_install)
    load_before = bc.load_average()
    import faiss
    import numpy as np

    faiss.omp_set_num_threads(a.threads)
    gallery = np.ascontiguousarray(np.load(os.path.join(a.dir, "gallery.npy")), dtype=np.float32)
    queries = np.ascontiguousarray(np.load(os.path.join(a.dir, "queries.npy")), dtype=np.float32)
    index = faiss.IndexFlatIP(gallery.shape[1])
    index.add(gallery)
    index.search(queries, a.k)   # warm-up
    seconds, ids = [], None
    for r in range(a.reps):
        t = bc.now()
        _, ids = index.search(queries, a.k)
        seconds.append(bc.now() - t)
        print(f"faiss rep {r + 1}/{a.reps}: {queries.shape[0] / seconds[-1]:.0f} queries/s", file=sys.stderr, flush=True)
    np.save(os.path.join(a.dir, "ids.npy"), ids.astype(np.int64).reshape(-1))
    rates = [queries.shape[0] / s for s in seconds]
    bc.write_json(a.json, {
        "engine": f"FAISS {faiss.__version__} IndexFlatIP (Debian python3-faiss)",
        "gallery": list(gallery.shape), "queries": list(queries.shape), "k": a.k, "threads": a.threads,
        "faiss_threads": faiss.omp_get_max_threads(),
        "queries_per_second": bc.samples("queries/s", rates),
        "machine": bc.machine(a.threads), "load_average_before": load_before, "load_average_after": bc.load_average(),
    })


if __name__ == "__main__":
    main()
