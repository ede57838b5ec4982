#!/usr/bin/python3
"""The PyTorch-eager baseline of `hypersphere bench train-step` (and its --quick form).

One training step, as hypersphere's TrainingStep runs it: forward through the backbone (the twins in
tools/backbone_reference.py, plus the small demo net here), the ArcFace head (s 64, m 0.5, classic fallback; cosines
of normalised x and W, the target angle as 2·atan2(|x̂−ŵ|, |x̂+ŵ|), one-hot select, as hypersphere's MarginHead),
mean cross-entropy, backward, the loss and batch accuracy read back,
global-norm clipping at 5, SGD (lr 0.1, momentum 0.9, weight decay 5e-4), gradients zeroed. One fixed random float32 batch, labels drawn over `classes`.

Timing: `warmup` untimed steps, then `reps` repetitions of `steps` steps (each repetition's value: mean seconds per
step); then `phase_steps` steps timed phase by phase (CPU eager ops are synchronous, so wall-clock marks between
phases are exact).

Threads: --threads N sets torch.set_num_threads(N) and OMP/OpenBLAS/MKL threads (before torch loads). Debian's
python3-torch (and libopenblas0-openmp) are installed with apt-get when missing (--no-install: fail instead).

    /usr/bin/python3 tools/bench_train_step.py --backbone iresnet18 --batch 64 --classes 10000 --threads 2 --json out.json
"""
import argparse
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_common as bc  # noqa: E402

THREADS = bc.threads_from_args(sys.argv)

INPUTS = {"smallnet": (128, 1, 32, 32), "lenet++": (2, 1, 28, 28), "iresnet18": (512, 3, 112, 112),
          "iresnet50": (512, 3, 112, 112), "mobilefacenet": (512, 3, 112, 112), "iresnet-lite": (256, 3, 64, 64)}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--backbone", default="iresnet18", choices=sorted(INPUTS))
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--classes", type=int, default=10000)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--steps", type=int, default=3)
    p.add_argument("--phase-steps", type=int, default=3)
    p.add_argument("--no-install", action="store_true")
    p.add_argument("--json")
    a = p.parse_args()
    bc.ensure_modules({"torch": ["python3-torch", "libopenblas0-openmp"]}, allow_install=not a.no_install)
    load_before = bc.load_average()

    import torch
    import torch.nn.functional as F
    from torch import nn
    import backbone_reference as ref

    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    d, c, h, w = INPUTS[a.backbone]
    if a.backbone == "smallnet":
        backbone = smallnet(ref, nn, d)
    else:
        backbone = ref.build(a.backbone, d, c, h, w)
    backbone.train()
    weight = nn.Parameter(torch.randn(a.classes, d) * 0.01)
    params = [q for q in backbone.parameters() if q.requires_grad] + [weight]
    sgd = torch.optim.SGD(params, lr=0.1, momentum=0.9, weight_decay=5e-4)
    images = torch.randn(a.batch, c, h, w)
    labels = torch.randint(0, a.classes, (a.batch,))
    s, m = 64.0, 0.5
    threshold, fallback = math.cos(math.pi - m), m * math.sin(math.pi - m)

    def head(x, y):
        xn = F.normalize(x, dim=1)
        wn = F.normalize(weight, dim=1)
        cos = xn.mm(wn.t())
        cos_t = cos.gather(1, y.view(-1, 1))
        wy = F.normalize(weight[y], dim=1)
        theta = 2 * torch.atan2((xn - wy).norm(dim=1, keepdim=True), (xn + wy).norm(dim=1, keepdim=True))
        target = torch.where(cos_t > threshold, torch.cos(theta + m), cos_t - fallback)
        one_hot = F.one_hot(y, a.classes).to(cos.dtype)
        logits = (cos * (1 - one_hot) + one_hot * target) * s
        return logits, F.cross_entropy(logits, y)

    phases = {k: [] for k in ("input", "forward", "head", "backward", "readback", "optimizer")}

    def step(timed=False):
        t0 = bc.now()
        x, y = images, labels   # already tensors: no copy on this side
        t1 = bc.now()
        emb = backbone(x)
        t2 = bc.now()
        logits, loss = head(emb, y)
        t3 = bc.now()
        loss.backward()
        t4 = bc.now()
        value = loss.item()
        accuracy = (logits.argmax(1) == y).double().mean().item()
        t5 = bc.now()
        norm = torch.nn.utils.clip_grad_norm_(params, 5.0)
        if math.isfinite(float(norm)) and math.isfinite(value):
            sgd.step()
        sgd.zero_grad(set_to_none=False)
        t6 = bc.now()
        if timed:
            for key, dt in zip(phases, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5)):
                phases[key].append(dt)
        return value, accuracy

    total = a.warmup + a.reps * a.steps + a.phase_steps
    done = 0

    def progress(label, seconds):
        nonlocal done
        done += 1
        print(f"pytorch {a.backbone} step {done}/{total} ({label}): {seconds:.3f} s", file=sys.stderr, flush=True)

    for _ in range(a.warmup):
        t = bc.now()
        step()
        progress("warm-up", bc.now() - t)
    per_rep = []
    for _ in range(a.reps):
        t_rep = bc.now()
        for _ in range(a.steps):
            t = bc.now()
            step()
            progress("timed", bc.now() - t)
        per_rep.append((bc.now() - t_rep) / a.steps)
    last = None
    for _ in range(a.phase_steps):
        t = bc.now()
        last = step(timed=True)
        progress("phases", bc.now() - t)
    if last is None:   # one repetition of an interleaved run: no phase timing asked for
        last = step()

    result = {
        "engine": f"PyTorch {torch.__version__} eager (Debian python3-torch)",
        "backbone": a.backbone, "input": [c, h, w], "embedding_dim": d, "batch": a.batch, "classes": a.classes,
        "head": "arcface s 64 m 0.5 classic", "threads": a.threads, "torch_threads": torch.get_num_threads(),
        "torch_interop_threads": torch.get_num_interop_threads(),
        "warmup_steps": a.warmup, "steps_per_rep": a.steps,
        "step_seconds": bc.samples("s/step", per_rep) if per_rep else None,   # --reps 0: phase timing only
        "phase_seconds": {k: (sum(v) / len(v) if v else None) for k, v in phases.items()},
        "last_loss": last[0], "last_accuracy": last[1],
        "machine": bc.machine(a.threads), "load_average_before": load_before, "load_average_after": bc.load_average(),
    }
    bc.write_json(a.json, result)


def smallnet(ref, nn, d):
    """hypersphere's SmallConvNet: 3 × [conv3×3 (16, 32, 64, no bias) + BN + PReLU + maxpool 2], FC to d, BN1d."""
    layers, c_in = [], 1
    for c in (16, 32, 64):
        layers += [nn.Conv2d(c_in, c, 3, padding=1, bias=False), ref.bn2d(c), nn.PReLU(c), nn.MaxPool2d(2, 2)]
        c_in = c
    layers.append(nn.Flatten())
    return ref.Embedding(nn.Sequential(*layers), 64 * 4 * 4, d)


if __name__ == "__main__":
    main()
