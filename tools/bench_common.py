"""Shared pieces of hypersphere's benchmark baselines (tools/bench_*.py): thread settings, Debian packages, machine
description, timing statistics and the JSON result the Java `hypersphere bench` command reads.

Thread counts must be fixed before torch / faiss / numpy load their OpenMP and OpenBLAS pools, so every script calls
`threads_from_args()` before importing them.
"""
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time


def threads_from_args(argv):
    """The value of --threads in argv (default 2), exported to OpenMP / OpenBLAS / MKL before they load."""
    n = 2
    for i, a in enumerate(argv):
        if a == "--threads" and i + 1 < len(argv):
            n = int(argv[i + 1])
        elif a.startswith("--threads="):
            n = int(a.split("=", 1)[1])
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(n)
    return n


def ensure_modules(modules_to_packages, allow_install=True):
    """Imports each module; installs the missing ones' Debian packages with apt-get (once), or exits with a message."""
    missing = []
    for module, packages in modules_to_packages.items():
        try:
            __import__(module)
        except ImportError:
            missing.append((module, packages))
    if not missing:
        return
    packages = sorted({p for _, ps in missing for p in ps})
    if not allow_install or shutil.which("apt-get") is None:
        sys.exit(f"missing Python modules {[m for m, _ in missing]}: install the Debian packages {' '.join(packages)}")
    print(f"installing {' '.join(packages)} with apt-get (missing {[m for m, _ in missing]})", file=sys.stderr)
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(sudo + ["apt-get", "install", "-y", "--no-install-recommends"] + packages, check=True, env=env,
                   stdout=sys.stderr)
    for module, _ in missing:
        __import__(module)


def machine(threads):
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"cores": os.cpu_count(), "cpu_model": model, "python": platform.python_version(), "threads": threads,
            "env": {v: os.environ.get(v) for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}}


def load_average():
    try:
        return list(os.getloadavg())
    except OSError:
        return []


def samples(unit, values):
    """The same summary as the Java side's Samples: median, min, max, (max - min) / median."""
    med = statistics.median(values)
    return {"unit": unit, "median": med, "min": min(values), "max": max(values),
            "relative_spread": (max(values) - min(values)) / abs(med) if med else 0.0,
            "repetitions": len(values), "values": list(values)}


def now():
    return time.perf_counter()


def write_json(path, result):
    text = json.dumps(result, indent=2)
    if path:
        tmp = path + ".tmp"
        with open(tmp, "w") as f:
            f.write(text + "\n")
        os.replace(tmp, path)
    else:
        print(text)
