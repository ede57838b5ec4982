#!/usr/bin/python3
"""Outputs and gradients of hypersphere's small backbones, with weights both sides can compute.

Every tensor listed by backbone_reference.tensors_in_order (parameters and running statistics, in the order the
Java blocks hold them) is filled from a formula of its position p in that list and the row-major index i of
the element:

    u = sin(0.7 i + 1.3 p + 0.5)
    weight (conv, linear): u / sqrt(fan_in)      bias, beta, running_mean: 0.1 u
    alpha (PReLU): 0.25 + 0.05 u                 gamma: 1 + 0.1 u              running_var: 1.25 + 0.25 u

and the input x[n, c, h, w] (row-major index i) is sin(0.37 i + 0.1), all computed in float64 and rounded once to
the case's precision (float64, or float32 for MobileFaceNet). The fixture holds, per backbone: the
kind and shape of every tensor (so the Java test can check that both sides line up), the output in inference
mode (running statistics) and in training mode (batch statistics), the embedding batch norm's running statistics
after that training forward (momentum 0.1), and for the loss L = sum(output * r), r[n, k] = cos(0.3 i), the
gradient of L with respect to the input (sum and sum of squares) and to every trainable tensor (sum and sum of
squares each).

Run from the repository root (needs Debian's python3-torch):
    /usr/bin/python3 tools/backbone_forward_fixtures.py
It rewrites hypersphere-models/src/test/resources/reference/backbone_forward.json.
"""
import json
import math
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import backbone_reference as ref  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "hypersphere-models", "src", "test",
                   "resources", "reference", "backbone_forward.json")
BATCH = 3

# name, embedding dim, channels, height, width, precision. MobileFaceNet runs in float32: grouped and depthwise
# convolutions in float64 take libtorch's slow path (a minute per pass on 2 cores), too slow for a unit test.
SPECS = [
    ("lenet++", 2, 1, 28, 28, "float64"),
    ("lenet++", 3, 1, 28, 28, "float64"),
    ("sfnet20", 512, 3, 112, 96, "float64"),
    ("iresnet18", 512, 3, 112, 112, "float64"),
    ("mobilefacenet", 512, 3, 112, 112, "float64"),  # float32 differed by 1 % between Intel and AMD hosts (batch-norm statistics of small maps)
    ("iresnet-lite", 256, 3, 64, 64, "float64"),
]
DTYPES = {"float64": torch.float64, "float32": torch.float32}


def formula(kind, p, shape, dtype):
    n = int(np.prod(shape))
    u = np.sin(0.7 * np.arange(n, dtype=np.float64) + 1.3 * p + 0.5)
    if kind == "weight":
        fan_in = int(np.prod(shape[1:]))
        v = u / math.sqrt(fan_in)
    elif kind in ("bias", "beta", "running_mean"):
        v = 0.1 * u
    elif kind == "alpha":
        v = 0.25 + 0.05 * u
    elif kind == "gamma":
        v = 1.0 + 0.1 * u
    elif kind == "running_var":
        v = 1.25 + 0.25 * u
    else:
        raise ValueError(kind)
    return torch.from_numpy(v.reshape(shape)).to(dtype)  # computed in float64, then rounded once


def fill(model, dtype):
    tensors = ref.tensors_in_order(model)
    with torch.no_grad():
        for p, (kind, t) in enumerate(tensors):
            t.copy_(formula(kind, p, tuple(t.shape), dtype))
    return tensors


def run(name, d, c, h, w, precision):
    dtype = DTYPES[precision]
    torch.set_default_dtype(dtype)
    model = ref.build(name, d, c, h, w)
    tensors = fill(model, dtype)
    x = torch.from_numpy(np.sin(0.37 * np.arange(BATCH * c * h * w, dtype=np.float64) + 0.1)
                         .reshape(BATCH, c, h, w)).to(dtype)
    model.eval()
    with torch.no_grad():
        inference = model(x)

    model.train()
    x.requires_grad_(True)
    training = model(x)
    r = torch.from_numpy(np.cos(0.3 * np.arange(training.numel(), dtype=np.float64)).reshape(training.shape)).to(dtype)
    loss = (training * r).sum()
    loss.backward()

    grads = []
    for kind, t in tensors:
        if isinstance(t, torch.nn.Parameter) and t.requires_grad:
            g = t.grad
            grads.append({"sum": g.sum().item(), "sumOfSquares": (g * g).sum().item()})
        else:
            grads.append(None)
    bn = model.features
    return {
        "name": name, "embeddingDim": d, "channels": c, "height": h, "width": w, "batch": BATCH,
        "precision": precision,
        "tensors": [{"kind": kind, "shape": list(t.shape)} for kind, t in tensors],
        "inference": inference.flatten().tolist(),
        "training": training.detach().flatten().tolist(),
        "loss": loss.item(),
        "embeddingRunningMean": bn.running_mean.tolist(),
        "embeddingRunningVar": bn.running_var.tolist(),
        "inputGradient": {"sum": x.grad.sum().item(), "sumOfSquares": (x.grad * x.grad).sum().item()},
        "gradients": grads,
    }


def main():
    torch.set_num_threads(2)
    cases = []
    for spec in SPECS:
        case = run(*spec)
        cases.append(case)
        print(f"{spec[0]:14s} d={spec[1]:<4d} {len(case['tensors'])} tensors, loss {case['loss']:.6g}")
    tmp = OUT + ".tmp"
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(tmp, "w") as f:
        json.dump({"generator": "tools/backbone_forward_fixtures.py", "torch": str(torch.__version__),
                   "cases": cases}, f)
        f.write("\n")
    os.replace(tmp, OUT)
    print("wrote", os.path.relpath(OUT))


if __name__ == "__main__":
    main()
