#!/usr/bin/python3
"""The backbones of hypersphere-models written a second time, in PyTorch, from their published descriptions.

This is the independent side of the backbone tests: each network is written here from its paper and its
reference implementation's layer list (not from the Java code), so the Java tests can compare parameter counts
and, with the same deterministic weights on both sides, outputs and gradients.

- LeNet++: Wen et al., "A Discriminative Feature Learning Approach for Deep Face Recognition" (ECCV 2016),
  Table 1: three stages of two 5x5 convolutions (32, 64, 128 filters, padding 2) with PReLU, each stage
  followed by 2x2 max pooling (stride 2), then one fully connected layer to the 2-D (or 3-D) feature.
- SFNet-20: Liu et al., "SphereFace" (CVPR 2017), Table 2, 20 layers: four stages (64, 128, 256, 512) of a
  stride-2 3x3 convolution + PReLU and [1, 2, 4, 1] residual units of two 3x3 convolutions + PReLU; the
  convolutions have biases and there is no batch normalisation (the Caffe model and sphereface_pytorch's
  sphere20a); FC to 512.
- IResNet-18/34/50/100: Deng et al., "ArcFace" (CVPR 2019), section 3 / insightface arcface_torch iresnet.py:
  conv3x3(64)+BN+PReLU stem, improved residual units BN-conv3x3-BN-PReLU-conv3x3(stride)-BN with a 1x1
  conv + BN shortcut at each stage start, [2,2,2,2] / [3,4,6,3] / [3,4,14,3] / [3,13,30,3] units, then
  BN2d - flatten - FC(512*7*7 -> d) - BN1d.
- MobileFaceNet ("mbf"): Chen et al. 2018 as widened in insightface arcface_torch mobilefacenet.py (scale 2,
  blocks (1, 4, 6, 2)): depthwise-separable bottlenecks, 1x1 conv to 512, a 7x7 global depthwise conv (GDC),
  FC without bias and BN1d.

Every backbone ends with BatchNorm1d(d, eps=1e-5) on the embedding whose scale is fixed at 1 and not trained
(insightface's `features` layer). All batch norms use eps 1e-5 and momentum 0.1 (PyTorch's defaults), rounded
as DJL rounds them (see EPS below).

`tensors_in_order(model)` lists every parameter and running statistic in the order hypersphere's blocks hold
them (module by module, in forward order; within a module weight, bias, running_mean, running_var), which is how
the Java tests give both sides the same weights.
"""
import numpy as np
import torch
from torch import nn

# PyTorch's defaults are eps 1e-5 and momentum 0.1. DJL's BatchNorm API carries both as float32 and hands the
# engine (double) 1e-5f and (double)(1f - 0.9f): the reference uses the same two numbers, so that the float64
# comparison checks the layers rather than that rounding (1e-5f = 1e-5·(1 - 2.5e-9); 1f - 0.9f = 0.1·(1 + 2.4e-7)).
EPS = float(np.float32(1e-5))
MOMENTUM = float(np.float32(1) - np.float32(0.9))


def bn2d(c):
    return nn.BatchNorm2d(c, eps=EPS, momentum=MOMENTUM)


def embedding_norm(d):
    """insightface's `features`: BatchNorm1d whose scale stays 1 (requires_grad False)."""
    bn = nn.BatchNorm1d(d, eps=EPS, momentum=MOMENTUM)
    nn.init.constant_(bn.weight, 1.0)
    bn.weight.requires_grad = False
    return bn


class Residual(nn.Module):
    """body(x) + shortcut(x); the shortcut is the identity when None."""

    def __init__(self, body, shortcut=None):
        super().__init__()
        self.body = body
        self.shortcut = shortcut

    def forward(self, x):
        return self.body(x) + (x if self.shortcut is None else self.shortcut(x))


class Embedding(nn.Module):
    """trunk (ends flat) -> linear -> BN1d."""

    def __init__(self, trunk, in_features, d, bias=True):
        super().__init__()
        self.trunk = trunk
        self.fc = nn.Linear(in_features, d, bias=bias)
        self.features = embedding_norm(d)

    def forward(self, x):
        return self.features(self.fc(self.trunk(x)))


# --- LeNet++ ---------------------------------------------------------------------------------------------------

def lenet_pp(d=2, channels=1, height=28, width=28):
    layers = []
    c_in = channels
    for c in (32, 64, 128):
        for _ in range(2):
            layers += [nn.Conv2d(c_in, c, 5, stride=1, padding=2), nn.PReLU(c)]
            c_in = c
        layers.append(nn.MaxPool2d(2, 2))
    h, w = height, width
    for _ in range(3):
        h, w = h // 2, w // 2
    layers.append(nn.Flatten())
    return Embedding(nn.Sequential(*layers), 128 * h * w, d)


# --- SFNet-20 (SphereFace-20) -----------------------------------------------------------------------------------

def sfnet(units, d=512, channels=3, height=112, width=96):
    layers = []
    c_in = channels
    h, w = height, width
    for c, n in zip((64, 128, 256, 512), units):
        layers += [nn.Conv2d(c_in, c, 3, stride=2, padding=1), nn.PReLU(c)]
        h, w = (h - 1) // 2 + 1, (w - 1) // 2 + 1
        for _ in range(n):
            layers.append(Residual(nn.Sequential(
                nn.Conv2d(c, c, 3, stride=1, padding=1), nn.PReLU(c),
                nn.Conv2d(c, c, 3, stride=1, padding=1), nn.PReLU(c))))
        c_in = c
    layers.append(nn.Flatten())
    return Embedding(nn.Sequential(*layers), 512 * h * w, d)


def sfnet20(d=512, channels=3, height=112, width=96):
    return sfnet((1, 2, 4, 1), d, channels, height, width)


# --- IResNet ----------------------------------------------------------------------------------------------------

def improved_unit(c_in, c, stride):
    body = nn.Sequential(
        bn2d(c_in),
        nn.Conv2d(c_in, c, 3, stride=1, padding=1, bias=False),
        bn2d(c),
        nn.PReLU(c),
        nn.Conv2d(c, c, 3, stride=stride, padding=1, bias=False),
        bn2d(c))
    shortcut = None
    if stride != 1 or c_in != c:
        shortcut = nn.Sequential(nn.Conv2d(c_in, c, 1, stride=stride, bias=False), bn2d(c))
    return Residual(body, shortcut)


IRESNET_UNITS = {18: (2, 2, 2, 2), 34: (3, 4, 6, 3), 50: (3, 4, 14, 3), 100: (3, 13, 30, 3)}


def iresnet(depth, d=512, channels=3):
    layers = [nn.Conv2d(channels, 64, 3, stride=1, padding=1, bias=False), bn2d(64), nn.PReLU(64)]
    c_in = 64
    for c, n in zip((64, 128, 256, 512), IRESNET_UNITS[depth]):
        for i in range(n):
            layers.append(improved_unit(c_in, c, 2 if i == 0 else 1))
            c_in = c
    layers += [bn2d(512), nn.Flatten()]  # insightface's dropout(p=0) is the identity
    return Embedding(nn.Sequential(*layers), 512 * 7 * 7, d)


def iresnet_lite(d=256, channels=3, height=64, width=64, units=(1, 2, 3, 1), widths=(32, 64, 128, 256)):
    """hypersphere's iresnet-lite: the same improved units at a quarter of the width, a stride-2 stem."""
    assert height % 32 == 0 and width % 32 == 0
    layers = [nn.Conv2d(channels, widths[0], 3, stride=2, padding=1, bias=False), bn2d(widths[0]), nn.PReLU(widths[0])]
    c_in = widths[0]
    for c, n in zip(widths, units):
        for i in range(n):
            layers.append(improved_unit(c_in, c, 2 if i == 0 else 1))
            c_in = c
    layers += [bn2d(c_in), nn.Flatten()]
    return Embedding(nn.Sequential(*layers), c_in * (height // 32) * (width // 32), d)


# --- MobileFaceNet (insightface mbf) ----------------------------------------------------------------------------

def conv_bn(c_in, c_out, k, stride, padding, groups=1, prelu=True):
    layers = [nn.Conv2d(c_in, c_out, k, stride=stride, padding=padding, groups=groups, bias=False),
              bn2d(c_out)]
    if prelu:
        layers.append(nn.PReLU(c_out))
    return layers


def bottleneck(c_in, c_out, expanded, stride):
    """1x1 expand + PReLU, 3x3 depthwise (stride) + PReLU, 1x1 linear projection."""
    return nn.Sequential(*conv_bn(c_in, expanded, 1, 1, 0),
                         *conv_bn(expanded, expanded, 3, stride, 1, groups=expanded),
                         *conv_bn(expanded, c_out, 1, 1, 0, prelu=False))


def mobilefacenet(d=512, channels=3, blocks=(1, 4, 6, 2), scale=2):
    c1, c2 = 64 * scale, 128 * scale
    layers = conv_bn(channels, c1, 3, 2, 1)
    assert blocks[0] == 1
    layers += conv_bn(c1, c1, 3, 1, 1, groups=64)  # insightface keeps 64 groups here, not depthwise
    layers.append(bottleneck(c1, c1, 128, 2))
    layers += [Residual(bottleneck(c1, c1, 128, 1)) for _ in range(blocks[1])]
    layers.append(bottleneck(c1, c2, 256, 2))
    layers += [Residual(bottleneck(c2, c2, 256, 1)) for _ in range(blocks[2])]
    layers.append(bottleneck(c2, c2, 512, 2))
    layers += [Residual(bottleneck(c2, c2, 256, 1)) for _ in range(blocks[3])]
    layers += conv_bn(c2, 512, 1, 1, 0)
    layers += conv_bn(512, 512, 7, 1, 0, groups=512, prelu=False)  # GDC
    layers.append(nn.Flatten())
    return Embedding(nn.Sequential(*layers), 512, d, bias=False)


# --- by name ------------------------------------------------------------------------------------------------------

def build(name, d, channels, height, width):
    if name == "lenet++":
        return lenet_pp(d, channels, height, width)
    if name == "sfnet20":
        return sfnet20(d, channels, height, width)
    if name == "iresnet-lite":
        return iresnet_lite(d, channels, height, width)
    if name.startswith("iresnet"):
        assert (height, width) == (112, 112)
        return iresnet(int(name[len("iresnet"):]), d, channels)
    if name == "mobilefacenet":
        assert (height, width) == (112, 112)
        return mobilefacenet(d, channels)
    raise ValueError(name)


def tensors_in_order(model):
    """(kind, tensor) for every parameter and running statistic, module by module in registration order."""
    out = []
    for module in model.modules():
        if isinstance(module, (nn.Conv2d, nn.Linear)):
            out.append(("weight", module.weight))
            if module.bias is not None:
                out.append(("bias", module.bias))
        elif isinstance(module, nn.PReLU):
            out.append(("alpha", module.weight))
        elif isinstance(module, (nn.BatchNorm1d, nn.BatchNorm2d)):
            out += [("gamma", module.weight), ("beta", module.bias),
                    ("running_mean", module.running_mean), ("running_var", module.running_var)]
    return out


def parameter_counts(model):
    params = list(model.parameters())
    return {
        "parameters": sum(p.numel() for p in params),
        "trainable": sum(p.numel() for p in params if p.requires_grad),
        "runningStatistics": sum(b.numel() for n, b in model.named_buffers() if not n.endswith("num_batches_tracked")),
    }
