#!/usr/bin/python3
"""Reference values for hypersphere-data's bilinear resize, computed once with PyTorch.

PyTorch's F.interpolate(mode="bilinear", align_corners=False, antialias=False) uses the half-pixel convention of
OpenCV's INTER_LINEAR (what insightface resizes with). The input is a fixed 2-channel 5x7 image of integer values;
outputs are taken at a smaller (3x4), a larger (8x11) and a mixed (4x9) size, in float64.

Run from the repository root (needs Debian's python3-torch):
    /usr/bin/python3 tools/make_data_fixtures.py
It rewrites hypersphere-data/src/test/resources/reference/bilinear.json.
"""
import json
import os

import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "hypersphere-data", "src", "test", "resources", "reference")

C, H, W = 2, 5, 7
image = torch.tensor([[[float((c * 97 + y * 31 + x * x * 13) % 256) for x in range(W)] for y in range(H)] for c in range(C)],
                     dtype=torch.float64)
cases = []
for (oh, ow) in [(3, 4), (8, 11), (4, 9)]:
    out = F.interpolate(image.unsqueeze(0), size=(oh, ow), mode="bilinear", align_corners=False)[0]
    cases.append({"height": oh, "width": ow, "output": out.flatten().tolist()})

os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "bilinear.json"), "w") as f:
    json.dump({"generator": "torch " + torch.__version__ + " F.interpolate bilinear align_corners=False",
               "channels": C, "height": H, "width": W, "input": image.flatten().tolist(), "cases": cases}, f, indent=1)
print("wrote", os.path.join(OUT, "bilinear.json"))
