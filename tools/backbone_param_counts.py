#!/usr/bin/python3
"""Parameter counts of hypersphere's backbones, counted in PyTorch from tools/backbone_reference.py.

Counts follow PyTorch's conventions: `parameters` is sum(p.numel() for p in model.parameters()) (the frozen
scale of the embedding batch norm included, as in insightface), `trainable` leaves that scale out, and
`runningStatistics` counts the batch norms' running means and variances (buffers in PyTorch, parameters of
type RUNNING_MEAN / RUNNING_VAR in DJL).

Run from the repository root (needs Debian's python3-torch):
    /usr/bin/python3 tools/backbone_param_counts.py
It rewrites hypersphere-models/src/test/resources/reference/backbone_param_counts.json.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import backbone_reference as ref  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "hypersphere-models", "src", "test",
                   "resources", "reference", "backbone_param_counts.json")

# name, embedding dim, channels, height, width
SPECS = [
    ("lenet++", 2, 1, 28, 28),
    ("lenet++", 3, 1, 28, 28),
    ("sfnet20", 512, 3, 112, 96),
    ("sfnet20", 512, 3, 112, 112),
    ("iresnet18", 512, 3, 112, 112),
    ("iresnet34", 512, 3, 112, 112),
    ("iresnet50", 512, 3, 112, 112),
    ("iresnet100", 512, 3, 112, 112),
    ("iresnet50", 128, 3, 112, 112),
    ("mobilefacenet", 512, 3, 112, 112),
    ("mobilefacenet", 128, 3, 112, 112),
    ("iresnet-lite", 256, 3, 64, 64),
    ("iresnet-lite", 512, 3, 96, 96),
]


def main():
    rows = []
    for name, d, c, h, w in SPECS:
        model = ref.build(name, d, c, h, w)
        row = {"name": name, "embeddingDim": d, "channels": c, "height": h, "width": w}
        row.update(ref.parameter_counts(model))
        rows.append(row)
        print(f"{name:14s} d={d:<4d} {c}x{h}x{w}: {row['parameters']:>11,d} parameters, "
              f"{row['trainable']:>11,d} trainable, {row['runningStatistics']:>7,d} running statistics")
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    tmp = OUT + ".tmp"
    with open(tmp, "w") as f:
        json.dump({"generator": "tools/backbone_param_counts.py", "torch": str(__import__("torch").__version__),
                   "backbones": rows}, f, indent=1)
        f.write("\n")
    os.replace(tmp, OUT)
    print("wrote", os.path.relpath(OUT))


if __name__ == "__main__":
    main()
