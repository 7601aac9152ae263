"""PyTorch-trained weights for jgrad.model.TorchWeightsTest: two small torch.nn.Sequential
networks, their weights as safetensors files, jgrad spec files describing the same layers, and
the class probabilities PyTorch computes on fixed inputs (pasted into the test as literals).

Run:  /usr/bin/python3 tools/golden/torch_model_golden.py core/src/test/resources/jgrad/model

Writes into OUT_DIR:
  torch_mlp.safetensors, torch_mlp.json          Linear, Tanh, BatchNorm1d, Dropout, Linear
                                                 without bias, Sigmoid, Linear; a bare spec
                                                 (jgrad infers 4 unscaled tabular features)
  torch_convnet.safetensors, torch_convnet.json  Conv2d (padding 1), BatchNorm2d, ReLU,
                                                 MaxPool2d, Conv2d without bias, AvgPool2d
                                                 (stride 1), Flatten, Linear, Softmax; a model
                                                 description with image input 2x8x8 and a
                                                 global scaling (mean 0.5, std 0.25)
and prints the probabilities of each network on its fixed inputs.

The weights are what `safetensors.torch.save_file(model.state_dict(), path)` writes: the Python
`safetensors` package cannot be installed here, so `save_file` below writes the layout itself,
exactly as the format specifies (https://github.com/huggingface/safetensors#format): an unsigned
64-bit little-endian header length N, N bytes of JSON padded with spaces to a multiple of 8, then
the little-endian row-major data; tensors ordered as the reference writer orders them (larger
dtype alignment first, then by name), batch norm's num_batches_tracked as a 0-d I64, no
__metadata__ (save_file without metadata writes none).

Fixed inputs are exact in float32 and easy to rebuild in Java: value i (row-major over the whole
batch) is ((i * 37) % 101) / 100.

Generated once with torch 1.13.1 (Debian python3-torch 1.13.1+dfsg-4), Python 3.11; tests never
call Python.
"""
import json
import os
import struct
import sys

import torch
from torch import nn


def fixed_input(*shape):
    n = 1
    for d in shape:
        n *= d
    values = [((i * 37) % 101) / 100.0 for i in range(n)]
    return torch.tensor(values, dtype=torch.float32).reshape(shape)


def warm_up_batch_norm(model, shape, steps=5):
    """A few training-mode passes so the running statistics and num_batches_tracked move."""
    model.train()
    with torch.no_grad():
        for _ in range(steps):
            model(torch.randn(*shape) * 2 + 0.3)
    model.eval()


def randomise_affine(model):
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.5, 0.5)


DTYPES = {torch.float32: ("F32", "<f", 4), torch.float64: ("F64", "<d", 8), torch.int64: ("I64", "<q", 8)}


def save_file(tensors, path):
    """safetensors.torch.save_file(tensors, path) without metadata, written by hand."""
    names = sorted(tensors, key=lambda k: (-DTYPES[tensors[k].dtype][2], k))
    header, data = {}, b""
    for name in names:
        t = tensors[name].contiguous()
        code, fmt, _ = DTYPES[t.dtype]
        begin = len(data)
        for v in t.flatten().tolist():
            data += struct.pack(fmt, v)
        header[name] = {"dtype": code, "shape": list(t.shape), "data_offsets": [begin, len(data)]}
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        f.write(data)


def show(name, probs):
    print(f"{name}: probabilities {list(probs.shape)}")
    for row in probs.tolist():
        print("    {" + ", ".join(repr(float(torch.tensor(v, dtype=torch.float32))) for v in row) + "},")


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    torch.manual_seed(20240607)

    mlp = nn.Sequential(nn.Linear(4, 6), nn.Tanh(), nn.BatchNorm1d(6), nn.Dropout(0.2),
                        nn.Linear(6, 5, bias=False), nn.Sigmoid(), nn.Linear(5, 3))
    randomise_affine(mlp)
    warm_up_batch_norm(mlp, (16, 4))
    mlp_spec = {"type": "sequential", "layers": [
        {"type": "linear", "in": 4, "out": 6},
        {"type": "tanh"},
        {"type": "batch_norm1d", "features": 6},
        {"type": "dropout", "p": 0.2},
        {"type": "linear", "in": 6, "out": 5, "bias": False},
        {"type": "sigmoid"},
        {"type": "linear", "in": 5, "out": 3}]}
    save_file(mlp.state_dict(), os.path.join(out_dir, "torch_mlp.safetensors"))
    with open(os.path.join(out_dir, "torch_mlp.json"), "w") as f:
        json.dump(mlp_spec, f, indent=2)
        f.write("\n")
    x = fixed_input(3, 4)
    with torch.no_grad():
        show("torch_mlp on fixed_input(3, 4)", torch.softmax(mlp(x), dim=1))

    conv = nn.Sequential(nn.Conv2d(2, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(4, 6, 3, bias=False), nn.AvgPool2d(2, stride=1), nn.Flatten(),
                         nn.Linear(6, 3), nn.Softmax(dim=1))
    randomise_affine(conv)
    warm_up_batch_norm(conv, (8, 2, 8, 8))
    conv_description = {
        "spec": {"type": "sequential", "layers": [
            {"type": "conv2d", "in_channels": 2, "out_channels": 4, "kernel": 3, "padding": 1},
            {"type": "batch_norm2d", "channels": 4},
            {"type": "relu"},
            {"type": "max_pool2d", "kernel": 2},
            {"type": "conv2d", "in_channels": 4, "out_channels": 6, "kernel": 3, "bias": False},
            {"type": "avg_pool2d", "kernel": 2, "stride": 1},
            {"type": "flatten"},
            {"type": "linear", "in": 6, "out": 3},
            {"type": "softmax"}]},
        "preprocessing": {"type": "image", "channels": 2, "height": 8, "width": 8,
                          "scaling": {"type": "global", "mean": 0.5, "std": 0.25}},
        "class_names": ["circle", "square", "triangle"]}
    save_file(conv.state_dict(), os.path.join(out_dir, "torch_convnet.safetensors"))
    with open(os.path.join(out_dir, "torch_convnet.json"), "w") as f:
        json.dump(conv_description, f, indent=2)
        f.write("\n")
    raw = fixed_input(2, 2, 8, 8)
    with torch.no_grad():
        show("torch_convnet on fixed_input(2, 2, 8, 8), standardised (x - 0.5) / 0.25",
             conv((raw - 0.5) / 0.25))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
