#!/usr/bin/python3
"""Small .npy files written by NumPy itself, for hypersphere-core's Npy reader tests.

Run from the repository root (Debian's python3-numpy):
    /usr/bin/python3 tools/make_npy_fixtures.py
It rewrites hypersphere-core/src/test/resources/npy/*.npy. The values are simple closed forms that the Java test
recomputes (value of row i, column j = i + j / 10, or i * 1000 - 7 for the vectors), so the files are checked
against NumPy's writer, not against the code under test.
"""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "hypersphere-core", "src", "test", "resources", "npy")
os.makedirs(OUT, exist_ok=True)


def matrix(rows, cols, dtype):
    i, j = np.meshgrid(np.arange(rows), np.arange(cols), indexing="ij")
    return (i + j / 10.0).astype(dtype)


def save(name, array, version=None):
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        np.lib.format.write_array(f, array, version=version)


save("f4_3x4.npy", matrix(3, 4, np.float32))
save("f8_2x5.npy", matrix(2, 5, np.float64))
save("f4_3x4_v2.npy", matrix(3, 4, np.float32), version=(2, 0))
save("i8_6.npy", (np.arange(6) * 1000 - 7).astype(np.int64))
save("i4_6.npy", (np.arange(6) * 1000 - 7).astype(np.int32))
save("f4_big_endian.npy", matrix(2, 2, ">f4"))
save("f4_fortran.npy", np.asfortranarray(matrix(2, 3, np.float32)))
save("f4_3d.npy", np.zeros((2, 2, 2), dtype=np.float32))
save("u1_4.npy", np.arange(4, dtype=np.uint8))
# A 2048x4 file, larger than one read chunk would be if chunks were tiny; checks the streaming arithmetic.
save("f4_2048x4.npy", matrix(2048, 4, np.float32))
print("wrote", sorted(os.listdir(OUT)))
