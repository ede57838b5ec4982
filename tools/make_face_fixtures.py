#!/usr/bin/python3
"""Fixtures for hypersphere-face, made independently of the Java code:

1. Tiny ONNX face embedders (torch.onnx.export from PyTorch, fixed seed): a small conv net in insightface's style
   (input N×3×112×112, (x − 127.5)/127.5, output N×16), and a grey one with a fixed batch of 1 (1×1×64×48) that
   is fed by a description file (BGR does not apply; mean 100, std 50). Their outputs for a few generated images
   are computed here in float64 from the same weights (not by ONNX Runtime, not by Java).
2. Least-squares similarity (Umeyama 1991, the SVD form as skimage's _umeyama writes it) for random point sets,
   noiseless and noisy, one of them with a reflected target, in float64.

The images are integer patterns the Java test regenerates exactly: pixel(k, c, y, x) =
(7x + 13y + 29c + 101k + (x·y) mod 17) mod 256.

Run from the repository root (Debian's python3-torch 1.13, numpy):
    /usr/bin/python3 tools/make_face_fixtures.py
It rewrites hypersphere-face/src/test/resources/dev/hypersphere/face/{embed,align}/*.
"""
import json
import os

import numpy as np
import torch
from torch import nn

ROOT = os.path.join(os.path.dirname(__file__), "..", "hypersphere-face", "src", "test", "resources", "dev", "hypersphere", "face")
EMBED = os.path.join(ROOT, "embed")
ALIGN = os.path.join(ROOT, "align")
os.makedirs(EMBED, exist_ok=True)
os.makedirs(ALIGN, exist_ok=True)


class TinyEmbedder(nn.Module):
    def __init__(self, channels, dim):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, 4, 3, stride=2, padding=1)
        self.bn1 = nn.BatchNorm2d(4)
        self.conv2 = nn.Conv2d(4, 8, 3, stride=2, padding=1)
        self.fc = nn.Linear(8, dim)

    def forward(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        x = torch.relu(self.conv2(x))
        x = x.mean(dim=(2, 3))
        return self.fc(x)


def pattern(k, channels, height, width):
    c, y, x = np.meshgrid(np.arange(channels), np.arange(height), np.arange(width), indexing="ij")
    return ((7 * x + 13 * y + 29 * c + 101 * k + (x * y) % 17) % 256).astype(np.float64)


def make_embedder(name, channels, height, width, dim, seed, batch_dynamic, mean, std, bgr):
    torch.manual_seed(seed)
    net = TinyEmbedder(channels, dim)
    with torch.no_grad():   # BatchNorm statistics that are not the identity, so that inference mode matters
        net.bn1.running_mean.copy_(torch.randn(4) * 0.1)
        net.bn1.running_var.copy_(torch.rand(4) + 0.5)
    net.eval()
    path = os.path.join(EMBED, name + ".onnx")
    dummy = torch.zeros(1, channels, height, width)
    dynamic = {"data": {0: "batch"}, "embedding": {0: "batch"}} if batch_dynamic else None
    torch.onnx.export(net, dummy, path, input_names=["data"], output_names=["embedding"], dynamic_axes=dynamic,
                      opset_version=13, do_constant_folding=True)
    images = [pattern(k, 3 if channels == 3 else 1, height, width) for k in range(3)]
    rows = []
    net64 = net.double()
    for img in images:   # the model's preprocessing, worked here in float64
        x = img.copy()
        if bgr and channels == 3:
            x = x[::-1].copy()
        x = (x - np.array(mean).reshape(-1, 1, 1)) / np.array(std).reshape(-1, 1, 1)
        with torch.no_grad():
            rows.append(net64(torch.from_numpy(x[None])).numpy()[0].tolist())
    return {"model": name + ".onnx", "channels": channels, "height": height, "width": width, "dim": dim,
            "mean": mean, "std": std, "bgr": bgr, "images": len(images), "embeddings": rows}


def umeyama(src, dst):
    """skimage.transform._geometric._umeyama(src, dst, estimate_scale=True), written out in float64."""
    num, dim = src.shape
    src_mean = src.mean(axis=0)
    dst_mean = dst.mean(axis=0)
    src_demean = src - src_mean
    dst_demean = dst - dst_mean
    A = dst_demean.T @ src_demean / num
    d = np.ones((dim,), dtype=np.float64)
    if np.linalg.det(A) < 0:
        d[dim - 1] = -1
    T = np.eye(dim + 1, dtype=np.float64)
    U, S, V = np.linalg.svd(A)
    rank = np.linalg.matrix_rank(A)
    if rank == dim - 1:
        if np.linalg.det(U) * np.linalg.det(V) > 0:
            T[:dim, :dim] = U @ V
        else:
            s = d[dim - 1]
            d[dim - 1] = -1
            T[:dim, :dim] = U @ np.diag(d) @ V
            d[dim - 1] = s
    else:
        T[:dim, :dim] = U @ np.diag(d) @ V
    scale = 1.0 / src_demean.var(axis=0).sum() * (S @ d)
    T[:dim, dim] = dst_mean - scale * (T[:dim, :dim] @ src_mean.T)
    T[:dim, :dim] *= scale
    return T[:2, :]


def umeyama_cases():
    rng = np.random.default_rng(2024)
    arcface = np.array([[38.2946, 51.6963], [73.5318, 51.5014], [56.0252, 71.7366], [41.5493, 92.3655], [70.7299, 92.2041]])
    cases = []
    for i in range(6):
        src = rng.uniform(0, 400, size=(5, 2))
        if i == 0:
            dst = arcface.copy()
        elif i == 5:
            dst = arcface.copy()
            src = arcface[:, ::-1] * 3 + 17   # a mirrored configuration: the best rotation cannot fit it exactly
        else:
            angle = rng.uniform(-np.pi, np.pi)
            scale = rng.uniform(0.2, 3)
            rot = scale * np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
            dst = src @ rot.T + rng.uniform(-50, 50, size=2) + rng.normal(0, 2.0, size=(5, 2))
        m = umeyama(src, dst)
        cases.append({"src": src.ravel().tolist(), "dst": dst.ravel().tolist(), "matrix": m.ravel().tolist()})
    return cases


if __name__ == "__main__":
    fixtures = [
        make_embedder("tiny_embedder", 3, 112, 112, 16, 7, True, [127.5], [127.5], False),
        make_embedder("tiny_grey_fixed", 1, 64, 48, 8, 11, False, [100.0], [50.0], False),
    ]
    with open(os.path.join(EMBED, "tiny_grey_fixed.onnx.json"), "w") as f:
        json.dump({"input": "data", "output": "embedding", "channel_order": "RGB", "mean": 100.0, "std": [50.0]}, f, indent=1)
        f.write("\n")
    with open(os.path.join(EMBED, "reference.json"), "w") as f:
        json.dump(fixtures, f, indent=1)
        f.write("\n")
    with open(os.path.join(ALIGN, "umeyama.json"), "w") as f:
        json.dump(umeyama_cases(), f, indent=1)
        f.write("\n")
    print("wrote", EMBED, ALIGN)
