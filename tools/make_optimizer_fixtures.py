#!/usr/bin/python3
"""Reference updates of torch.optim.SGD (momentum, weight decay), torch.optim.AdamW and
torch.nn.utils.clip_grad_norm_ in float64, for hypersphere's own optimisers (which keep their state explicit
for checkpoints). Run from the repository root: /usr/bin/python3 tools/make_optimizer_fixtures.py
Writes hypersphere-train/src/test/resources/reference/optimizers.json.
"""
import json
import os

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(__file__), "..", "hypersphere-train", "src", "test", "resources", "reference",
                   "optimizers.json")


def run(make_optimizer, w0, grads, lrs):
    w = torch.nn.Parameter(torch.tensor(w0))
    optimizer = make_optimizer([w])
    history = []
    for g, lr in zip(grads, lrs):
        for group in optimizer.param_groups:
            group["lr"] = lr
        w.grad = torch.tensor(g)
        optimizer.step()
        history.append(w.detach().numpy().copy().tolist())
    return history


def main():
    rng = np.random.default_rng(7)
    w0 = rng.standard_normal((3, 4))
    grads = [rng.standard_normal((3, 4)) for _ in range(4)]
    lrs = [0.1, 0.05, 0.05, 0.02]
    cases = [
        {"name": "sgd-momentum-wd", "optimizer": "sgd", "momentum": 0.9, "weight_decay": 5e-4,
         "after": run(lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, weight_decay=5e-4), w0, grads, lrs)},
        {"name": "sgd-plain", "optimizer": "sgd", "momentum": 0.0, "weight_decay": 0.0,
         "after": run(lambda p: torch.optim.SGD(p, lr=0.1), w0, grads, lrs)},
        {"name": "adamw", "optimizer": "adamw", "weight_decay": 0.05,
         "after": run(lambda p: torch.optim.AdamW(p, lr=0.1, weight_decay=0.05), w0, grads, lrs)},
    ]
    # clip_grad_norm_ over two parameters whose joint norm exceeds the bound
    a, b = torch.nn.Parameter(torch.zeros(3, 4)), torch.nn.Parameter(torch.zeros(2))
    a.grad, b.grad = torch.tensor(grads[0]) * 3, torch.tensor([4.0, -2.0])
    norm = torch.nn.utils.clip_grad_norm_([a, b], max_norm=1.5)
    clip = {"grad_a": (torch.tensor(grads[0]) * 3).tolist(), "grad_b": [4.0, -2.0], "max_norm": 1.5,
            "norm": float(norm), "clipped_a": a.grad.tolist(), "clipped_b": b.grad.tolist()}
    doc = {"generator": "tools/make_optimizer_fixtures.py", "torch": torch.__version__, "w0": w0.tolist(),
           "grads": [g.tolist() for g in grads], "lrs": lrs, "cases": cases, "clip": clip}
    tmp = OUT + ".tmp"
    with open(tmp, "w") as f:
        json.dump(doc, f)
    os.replace(tmp, OUT)
    print("wrote", os.path.relpath(OUT))


if __name__ == "__main__":
    main()
