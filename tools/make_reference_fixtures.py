#!/usr/bin/python3
"""Reference values for hypersphere's heads and losses, computed once with PyTorch in float64.

Each head and loss is written here the way its reference implementation writes it (named per function), not
the way hypersphere's Java code does, so the Java tests compare against an independent computation:
values, the mean cross-entropy loss, and autograd gradients with respect to the embeddings and W.

Run from the repository root (needs Debian's python3-torch and python3-numpy):
    /usr/bin/python3 tools/make_reference_fixtures.py
It rewrites hypersphere-core/src/test/resources/reference/{heads,losses}.json. Inputs are drawn from a fixed
seed and rounded to float32, so that a float32 run of the Java code sees exactly the same inputs.
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(__file__), "..", "hypersphere-core", "src", "test", "resources", "reference")
N, D, C = 12, 16, 10


def f32(a):
    """Round to float32 and back, so both precisions in the Java test see the same inputs."""
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def make_inputs(rng, rows_w, far_from_target=()):
    x = f32(rng.standard_normal((N, D)) * 3.0)
    w = f32(rng.standard_normal((rows_w, D)) * 0.5)
    y = rng.integers(0, C, size=N)
    k = rows_w // C
    # Some samples point away from their class centre, so that the angle passes π − m (ArcFace's fallback).
    for i in far_from_target:
        x[i] = f32(-3.0 * w[y[i] * k] + 0.05 * rng.standard_normal(D))
    return x, w, y


def mean_ce(logits, y):
    return F.cross_entropy(logits, y)


# --- heads, each in the style of its reference implementation -------------------------------------------------

def softmax_head(x, w, b, y, **_):
    return x @ w.t() + b


def normface(x, w, y, s):
    return s * F.linear(F.normalize(x), F.normalize(w))


def cosface(x, w, y, s, m):
    # pytorch-metric-learning CosFaceLoss / insightface CombinedMarginLoss (m3 branch)
    cos = F.linear(F.normalize(x), F.normalize(w))
    one_hot = torch.zeros_like(cos).scatter_(1, y.view(-1, 1), 1.0)
    return s * (cos - one_hot * m)


def arcface_sine_form(cos, y, s, m, easy_margin):
    # insightface (PyTorch, before 2022) / arcface-pytorch ArcMarginProduct: the sine formulation with fallback
    cos_m, sin_m = math.cos(m), math.sin(m)
    th, mm = math.cos(math.pi - m), math.sin(math.pi - m) * m
    sine = torch.sqrt((1.0 - cos.pow(2)).clamp(0, 1))
    phi = cos * cos_m - sine * sin_m
    if easy_margin:
        phi = torch.where(cos > 0, phi, cos)
    else:
        phi = torch.where(cos > th, phi, cos - mm)
    one_hot = torch.zeros_like(cos).scatter_(1, y.view(-1, 1), 1.0)
    return s * (one_hot * phi + (1.0 - one_hot) * cos)


def arcface(x, w, y, s, m, mode):
    cos = F.linear(F.normalize(x), F.normalize(w))
    if mode == "detached":
        # insightface CombinedMarginLoss since Dec 2022 (m1 == 1, m3 == 0 branch), verbatim in spirit:
        logits = cos.clamp(-1, 1)
        index = torch.arange(len(y))
        target_logit = logits[index, y]
        with torch.no_grad():
            target_logit.arccos_()
            logits.arccos_()
            final_target_logit = target_logit + m
            logits[index, y] = final_target_logit
            logits.cos_()
        return logits * s
    return arcface_sine_form(cos, y, s, m, easy_margin=(mode == "easy-margin"))


def subcenter_arcface(x, w, y, s, m, k):
    # insightface sub-center ArcFace: C*K logits reshaped to (N, C, K), max over K, then the ArcFace margin
    cos_all = F.linear(F.normalize(x), F.normalize(w))
    cos = cos_all.view(-1, C, k).max(dim=2)[0]
    return arcface_sine_form(cos, y, s, m, easy_margin=False)


def combined(x, w, y, s, m1, m2, m3):
    # ArcFace paper / insightface MXNet combined margin: cos(m1*theta + m2) - m3 on the target
    cos = F.linear(F.normalize(x), F.normalize(w))
    theta = torch.acos(cos.clamp(-1, 1))
    target = torch.cos(m1 * theta + m2) - m3
    one_hot = torch.zeros_like(cos).scatter_(1, y.view(-1, 1), 1.0)
    return s * (one_hot * target + (1.0 - one_hot) * cos)


def sphereface_lambda(iteration, base=1000.0, gamma=0.12, power=1.0, lambda_min=5.0):
    # Caffe MarginInnerProductLayer: lambda = max(lambda_min, base * (1 + gamma * iter)^(-power))
    return max(lambda_min, base * (1.0 + gamma * iteration) ** (-power))


def sphereface_psi(cos, m):
    theta = torch.acos(cos.clamp(-1, 1))
    k = torch.floor(m * theta / math.pi).detach()
    return (-1.0) ** k * torch.cos(m * theta) - 2.0 * k


def sphereface_original(x, w, y, m, iteration):
    # sphereface_pytorch (AngleLinear + AngleLoss) with the Caffe lambda schedule: W normalised, x not
    xlen = x.pow(2).sum(1).pow(0.5).view(-1, 1)
    cos = (x @ F.normalize(w).t()) / xlen
    phi = sphereface_psi(cos, m)
    cos_x, phi_x = cos * xlen, phi * xlen
    lam = sphereface_lambda(iteration)
    one_hot = torch.zeros_like(cos).scatter_(1, y.view(-1, 1), 1.0)
    output = cos_x - one_hot * cos_x / (1 + lam) + one_hot * phi_x / (1 + lam)
    return output


def sphereface_normalized(x, w, y, m, s):
    cos = F.linear(F.normalize(x), F.normalize(w))
    one_hot = torch.zeros_like(cos).scatter_(1, y.view(-1, 1), 1.0)
    return s * (one_hot * sphereface_psi(cos, m) + (1.0 - one_hot) * cos)


HEAD_CASES = [
    ("softmax", softmax_head, "softmax", {}, ()),
    ("normface", normface, "normface", {"s": 64.0}, ()),
    ("cosface", cosface, "cosface", {"s": 64.0, "m": 0.35}, ()),
    ("arcface-classic", arcface, "arcface", {"s": 64.0, "m": 0.5, "mode": "classic"}, (1, 5)),
    ("arcface-easy-margin", arcface, "arcface", {"s": 64.0, "m": 0.5, "mode": "easy-margin"}, (1, 5)),
    ("arcface-detached", arcface, "arcface", {"s": 64.0, "m": 0.5, "mode": "detached"}, (1, 5)),
    ("combined", combined, "combined", {"s": 64.0, "m1": 1.2, "m2": 0.3, "m3": 0.2}, (1,)),
    ("subcenter-arcface", subcenter_arcface, "subcenter-arcface", {"s": 64.0, "m": 0.5, "k": 3}, (1, 5)),
]
for m in (1, 2, 3, 4):
    HEAD_CASES.append((f"sphereface-m{m}-iter1", sphereface_original, "sphereface",
                       {"m": m, "variant": "original", "iteration": 1}, ()))
    HEAD_CASES.append((f"sphereface-m{m}-normalized", sphereface_normalized, "sphereface",
                       {"m": m, "variant": "normalized", "s": 30.0}, ()))
HEAD_CASES.append(("sphereface-m4-iter10000", sphereface_original, "sphereface",
                   {"m": 4, "variant": "original", "iteration": 10000}, ()))


def head_case(rng, name, fn, head, params, far):
    k = params.get("k", 1)
    x, w, y = make_inputs(rng, C * k, far)
    tx = torch.tensor(x, requires_grad=True)
    tw = torch.tensor(w, requires_grad=True)
    ty = torch.tensor(y, dtype=torch.long)
    kwargs = {p: v for p, v in params.items() if p not in ("mode", "variant")}
    if "mode" in params:
        kwargs["mode"] = params["mode"]
    case = {"name": name, "head": head, "params": params, "classes": C, "x": x.tolist(), "w": w.tolist(),
            "labels": y.tolist()}
    if head == "softmax":
        b = f32(rng.standard_normal(C) * 0.1)
        tb = torch.tensor(b, requires_grad=True)
        logits = fn(tx, tw, tb, ty)
        case["b"] = b.tolist()
    else:
        logits = fn(tx, tw, ty, **kwargs)
    loss = mean_ce(logits, ty)
    loss.backward()
    case.update({"logits": logits.detach().numpy().tolist(), "loss": loss.item(),
                 "grad_x": tx.grad.numpy().tolist(), "grad_w": tw.grad.numpy().tolist()})
    if head == "softmax":
        case["grad_b"] = tb.grad.numpy().tolist()
    if far:
        cos = F.linear(F.normalize(torch.tensor(x)), F.normalize(torch.tensor(w)))
        if k > 1:
            cos = cos.view(-1, C, k).max(dim=2)[0]
        target = cos[torch.arange(N), ty]
        case["beyond_pi_minus_m"] = int((target <= math.cos(math.pi - params.get("m", params.get("m2", 0)))).sum())
    return case


# --- losses ------------------------------------------------------------------------------------------------------

def align_loss(x, y, alpha=2):
    # Wang & Isola, official code
    return (x - y).norm(p=2, dim=1).pow(alpha).mean()


def uniform_loss(x, t=2):
    # Wang & Isola, official code
    return torch.pdist(x, p=2).pow(2).mul(-t).exp().mean().log()


def nt_xent(x, y, temperature):
    # SimCLR's NT-Xent: 2N anchors, positive = the other view, self excluded
    z = F.normalize(torch.cat([x, y], 0))
    sim = z @ z.t() / temperature
    sim = sim.masked_fill(torch.eye(len(z), dtype=torch.bool), float("-inf"))
    n = len(x)
    target = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)])
    return F.cross_entropy(sim, target)


def center_loss(x, centres, y):
    # Wen et al. Caffe CenterLossLayer: loss = sum ||x_i - c_yi||^2 / N / 2
    return (x - centres[y]).pow(2).sum() / len(x) / 2


def center_update(x, centres, y, alpha):
    # Wen et al., the paper's update rule, written as a plain loop
    c = centres.copy()
    for j in range(len(c)):
        members = [i for i in range(len(y)) if y[i] == j]
        delta = sum((c[j] - x[i] for i in members), np.zeros(c.shape[1]))
        c[j] = c[j] - alpha * delta / (1 + len(members))
    return c


def loss_cases(rng):
    cases = []
    x = f32(F.normalize(torch.tensor(rng.standard_normal((N, D)))).numpy())
    y = f32(F.normalize(torch.tensor(x + 0.3 * rng.standard_normal((N, D)))).numpy())
    for alpha in (2.0, 1.0, 3.0):
        tx, ty = torch.tensor(x, requires_grad=True), torch.tensor(y, requires_grad=True)
        value = align_loss(tx, ty, alpha)
        value.backward()
        cases.append({"name": f"align-alpha{alpha:g}", "loss": "align", "params": {"alpha": alpha},
                      "x": x.tolist(), "y": y.tolist(), "value": value.item(),
                      "grad_x": tx.grad.numpy().tolist(), "grad_y": ty.grad.numpy().tolist()})
    for t in (2.0, 0.5):
        tx = torch.tensor(x, requires_grad=True)
        value = uniform_loss(tx, t)
        value.backward()
        cases.append({"name": f"uniform-t{t:g}", "loss": "uniform", "params": {"t": t}, "x": x.tolist(),
                      "value": value.item(), "grad_x": tx.grad.numpy().tolist()})
    for tau in (0.5, 0.1):
        tx, ty = torch.tensor(x, requires_grad=True), torch.tensor(y, requires_grad=True)
        value = nt_xent(tx, ty, tau)
        value.backward()
        cases.append({"name": f"infonce-tau{tau:g}", "loss": "infonce", "params": {"temperature": tau},
                      "x": x.tolist(), "y": y.tolist(), "value": value.item(),
                      "grad_x": tx.grad.numpy().tolist(), "grad_y": ty.grad.numpy().tolist()})
    raw = f32(rng.standard_normal((N, D)) * 2.0)
    centres = f32(rng.standard_normal((C, D)))
    labels = rng.integers(0, C, size=N)
    tx = torch.tensor(raw, requires_grad=True)
    value = center_loss(tx, torch.tensor(centres), torch.tensor(labels))
    value.backward()
    cases.append({"name": "center", "loss": "center", "params": {"alpha": 0.5}, "x": raw.tolist(),
                  "centres": centres.tolist(), "labels": labels.tolist(), "classes": C, "value": value.item(),
                  "grad_x": tx.grad.numpy().tolist(),
                  "centres_after_update": center_update(raw, centres, labels, 0.5).tolist()})
    return cases


def main():
    rng = np.random.default_rng(20261128)
    heads = [head_case(rng, *case) for case in HEAD_CASES]
    losses = loss_cases(rng)
    meta = {"generator": "tools/make_reference_fixtures.py", "torch": torch.__version__, "dtype": "float64"}
    for name, cases in (("heads", heads), ("losses", losses)):
        path = os.path.join(OUT, name + ".json")
        tmp = path + ".tmp"
        with open(tmp, "w") as f:
            json.dump({**meta, "cases": cases}, f)
        os.replace(tmp, path)
        print(f"wrote {len(cases)} cases to {os.path.relpath(path)}")
    for case in heads:
        if "beyond_pi_minus_m" in case:
            print(f"  {case['name']}: {case['beyond_pi_minus_m']} samples beyond pi - m")


if __name__ == "__main__":
    main()
