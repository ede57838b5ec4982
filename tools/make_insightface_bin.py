#!/usr/bin/python3
"""Small insightface-style evaluation .bin files for hypersphere-eval's reader tests.

insightface ships its verification sets (lfw.bin, cfp_fp.bin, agedb_30.bin...) as a pickle of
(list of encoded images, list of bool): image 2i and 2i+1 form pair i. Two generations exist:
  - the original files, pickled by Python 2 (protocol 2): the images are Python 2 `str` (opcodes
    SHORT_BINSTRING / BINSTRING), which Python 3 can only read with pickle.load(f, encoding='bytes');
  - newer files pickled by Python 3, whose images are `bytes` or numpy uint8 arrays holding the encoded bytes
    (numpy pickles its arrays through _frombuffer at protocol 5 and _reconstruct + BUILD at protocol 2).
This script writes one of each, with 16x16 RGB images drawn from a closed form the Java test recomputes:
    R = (16 x + 7 i) mod 256,  G = (16 y + 13 i) mod 256,  B = 40 i mod 256     (image i, column x, row y)
(PNG: exact; JPEG quality 95 for the Python 2 file, as the real files are JPEG: approximate).
Python 3 cannot emit Python 2 `str` opcodes, so the Python 2 pickle is written opcode by opcode as cPickle
(protocol 2) writes it, then checked by loading it the way insightface does.

Run from the repository root (Debian's python3-numpy and python3-pil):
    /usr/bin/python3 tools/make_insightface_bin.py
It rewrites hypersphere-eval/src/test/resources/bin/*.bin.
"""
import io
import os
import pickle
import struct

import numpy as np
from PIL import Image

OUT = os.path.join(os.path.dirname(__file__), "..", "hypersphere-eval", "src", "test", "resources", "bin")
os.makedirs(OUT, exist_ok=True)
PAIRS = 6
ISSAME = [True, False, True, True, False, False]


def image(i):
    y, x = np.mgrid[0:16, 0:16]
    rgb = np.stack([(16 * x + 7 * i) % 256, (16 * y + 13 * i) % 256, np.full_like(x, (40 * i) % 256)], axis=-1)
    return Image.fromarray(rgb.astype(np.uint8), "RGB")


def encode(img, fmt):
    buffer = io.BytesIO()
    if fmt == "JPEG":
        img.save(buffer, fmt, quality=95, subsampling=0)
    else:
        img.save(buffer, fmt)
    return buffer.getvalue()


def python2_protocol2(images, issame):
    """cPickle.dump((images, issame), f, protocol=2) as Python 2.7 writes it."""
    out = bytearray(b"\x80\x02")
    memo = [0]

    def put():
        out.extend(b"q" + bytes([memo[0]]) if memo[0] < 256 else b"r" + struct.pack("<I", memo[0]))
        memo[0] += 1

    def save_list(items, save_item):
        out.extend(b"]")
        put()
        for start in range(0, len(items), 1000):      # cPickle batches APPENDS by 1000
            out.extend(b"(")
            for item in items[start:start + 1000]:
                save_item(item)
            out.extend(b"e")

    def save_str(s):
        if len(s) < 256:
            out.extend(b"U" + bytes([len(s)]) + s)
        else:
            out.extend(b"T" + struct.pack("<i", len(s)) + s)
        put()

    save_list(images, save_str)
    save_list(issame, lambda b: out.extend(b"\x88" if b else b"\x89"))
    out.extend(b"\x86")
    put()
    out.extend(b".")
    return bytes(out)


def main():
    count = 2 * PAIRS
    jpegs = [encode(image(i), "JPEG") for i in range(count)]
    pngs = [encode(image(i), "PNG") for i in range(count)]

    py2 = python2_protocol2(jpegs, ISSAME)
    try:
        pickle.loads(py2)                                 # insightface's first attempt fails on Python 3...
        raise SystemExit("expected a UnicodeDecodeError for Python 2 str holding JPEG bytes")
    except UnicodeDecodeError:
        pass
    bins, issame = pickle.loads(py2, encoding="bytes")    # ...and its fallback reads it
    assert bins == jpegs and issame == ISSAME
    with open(os.path.join(OUT, "py2_jpeg.bin"), "wb") as f:
        f.write(py2)

    with open(os.path.join(OUT, "py3_numpy_png.bin"), "wb") as f:
        pickle.dump(([np.frombuffer(b, dtype=np.uint8) for b in pngs], ISSAME), f, protocol=pickle.HIGHEST_PROTOCOL)
    # Protocol 2 pickles numpy arrays through numpy.core.multiarray._reconstruct + BUILD, and bytes through
    # _codecs.encode: the layout of .bin files written by Python 3 tools that kept protocol=2 for Python 2 readers.
    with open(os.path.join(OUT, "py3_numpy_protocol2_png.bin"), "wb") as f:
        pickle.dump(([np.frombuffer(b, dtype=np.uint8) for b in pngs], ISSAME), f, protocol=2)
    with open(os.path.join(OUT, "py3_bytes_png.bin"), "wb") as f:
        pickle.dump((pngs, ISSAME), f, protocol=pickle.HIGHEST_PROTOCOL)
    print("wrote", sorted(os.listdir(OUT)), "protocol", pickle.HIGHEST_PROTOCOL)


if __name__ == "__main__":
    main()
