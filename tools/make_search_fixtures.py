#!/usr/bin/python3
"""Fixture for the search commands' end-to-end test: a tiny ONNX "face embedder" made with PyTorch that needs no
training. It takes a grey face crop (N x 1 x 64 x 48, raw 0..255 scaled by 1/255 through its description file),
averages 8 x 8 blocks (an 8 x 6 thumbnail, 48 values) and subtracts each thumbnail's mean, so that the cosine of two
embeddings is the correlation of the thumbnails: good enough to tell ORL identities apart, and deterministic.

Run from the repository root (Debian's python3-torch 1.13):
    /usr/bin/python3 tools/make_search_fixtures.py
It rewrites hypersphere-cli/src/test/resources/dev/hypersphere/cli/thumbnail-embedder.onnx (+ .onnx.json).
"""
import json
import os

import torch
from torch import nn

OUT = os.path.join(os.path.dirname(__file__), "..", "hypersphere-cli", "src", "test", "resources", "dev", "hypersphere", "cli")


class Thumbnail(nn.Module):
    def forward(self, x):
        t = nn.functional.avg_pool2d(x, 8).flatten(1)
        return t - t.mean(dim=1, keepdim=True)


def main():
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, "thumbnail-embedder.onnx")
    torch.onnx.export(Thumbnail().eval(), torch.zeros(1, 1, 64, 48), path, input_names=["crop"], output_names=["embedding"],
                      dynamic_axes={"crop": {0: "n"}, "embedding": {0: "n"}}, opset_version=13)
    with open(path + ".json", "w") as f:
        json.dump({"input": "crop", "output": "embedding", "height": 64, "width": 48, "channels": 1,
                   "mean": [0.0], "std": [255.0]}, f, indent=2)
        f.write("\n")
    print("wrote", path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
