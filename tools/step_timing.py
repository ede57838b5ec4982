#!/usr/bin/python3
"""One training step of a backbone in PyTorch eager mode, timed the way hypersphere's StepTiming times it.

The step: forward through the backbone of tools/backbone_reference.py, a linear softmax head over `classes`
classes with mean cross-entropy, backward, and SGD (lr 0.1, momentum 0.9, weight decay 5e-4) on one fixed random
float32 batch; `warmup` untimed steps, then `steps` timed ones; images/s from the median step.

Run from the repository root (Debian's python3-torch):
    /usr/bin/python3 tools/step_timing.py --backbone iresnet18 --batch 64 --threads 2 [--json out.json]
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import backbone_reference as ref  # noqa: E402

DEFAULTS = {"lenet++": (2, 1, 28, 28), "sfnet20": (512, 3, 112, 96), "iresnet18": (512, 3, 112, 112),
            "iresnet34": (512, 3, 112, 112), "iresnet50": (512, 3, 112, 112), "iresnet100": (512, 3, 112, 112),
            "mobilefacenet": (512, 3, 112, 112)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backbone", default="iresnet18", choices=sorted(DEFAULTS))
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--classes", type=int, default=1000)
    parser.add_argument("--json")
    a = parser.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    d, c, h, w = DEFAULTS[a.backbone]
    backbone = ref.build(a.backbone, d, c, h, w)
    head = nn.Linear(d, a.classes)
    backbone.train()
    params = [p for p in list(backbone.parameters()) + list(head.parameters()) if p.requires_grad]
    sgd = torch.optim.SGD(params, lr=0.1, momentum=0.9, weight_decay=5e-4)
    images = torch.randn(a.batch, c, h, w)
    labels = torch.randint(0, a.classes, (a.batch,))

    seconds = []
    total = a.warmup + a.steps
    start = time.perf_counter()
    for step in range(total):
        t0 = time.perf_counter()
        sgd.zero_grad(set_to_none=False)
        loss = nn.functional.cross_entropy(head(backbone(images)), labels)
        loss.backward()
        sgd.step()
        elapsed = time.perf_counter() - t0
        if step >= a.warmup:
            seconds.append(elapsed)
        eta = (time.perf_counter() - start) / (step + 1) * (total - step - 1)
        print(f"{a.backbone} step {step + 1}/{total}{' (warm-up)' if step < a.warmup else ''}: {elapsed:.2f} s "
              f"({a.batch / elapsed:.1f} images/s), ETA {eta:.0f} s", file=sys.stderr)

    median = statistics.median(seconds)
    result = {
        "engine": f"PyTorch {torch.__version__} eager",
        "backbone": a.backbone, "input": [c, h, w], "embeddingDim": d,
        "step": f"forward + softmax cross-entropy over {a.classes} classes + backward + SGD "
                "(momentum 0.9, weight decay 5e-4), float32, one fixed random batch",
        "batch": a.batch, "threads": a.threads, "warmupSteps": a.warmup,
        "stepSeconds": seconds, "medianStepSeconds": median, "imagesPerSecond": a.batch / median,
        "loadAverageAtEnd": os.getloadavg()[0],
    }
    text = json.dumps(result, indent=2)
    if a.json:
        tmp = a.json + ".tmp"
        with open(tmp, "w") as f:
            f.write(text + "\n")
        os.replace(tmp, a.json)
        print("wrote", a.json)
    else:
        print(text)


if __name__ == "__main__":
    main()
