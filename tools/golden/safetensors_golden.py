"""Golden safetensors files for jgrad.io.SafeTensorsTest, written by independent writers.

Run:  python safetensors_golden.py OUT_DIR            writes the golden files into OUT_DIR
      python safetensors_golden.py --check FILE       reads a jgrad-written file with the
                                                      reference library and prints it

Writes:
  struct_writer.safetensors     by the hand-written writer below (only struct + json), with
                                the JSON keys in a different order from the data and a
                                header padded with spaces, as the spec allows;
  reference.safetensors         by the reference implementation, safetensors 0.8.0
                                (safetensors.numpy.save_file, numpy 2.4.6), if it is installed.
Generated once with Python 3.11.7; tests never call Python.
Checked once the other way: a file written by jgrad's SafeTensors.save (float32, float64, a
scalar, an empty tensor, non-ASCII metadata) loads with safetensors 0.8.0 via --check, values,
shapes, dtypes and metadata intact.
"""
import json
import struct
import sys

import numpy as np


def tensors():
    # name -> (dtype, shape, values); values chosen to be exact in float16/float32
    return {
        "layer2.bias": ("F64", [3], [0.1, -2.5, 1e-300]),
        "layer1.weight": ("F32", [2, 3], [1.0, -2.0, 3.5, 0.25, -0.125, 1e-20]),
        "scalar": ("F32", [], [42.0]),
        "empty": ("F32", [0, 4], []),
        "half": ("F16", [2], [1.5, -0.25]),
    }


def struct_writer(path):
    fmt = {"F64": "<d", "F32": "<f", "F16": "<e"}
    data = b""
    header = {"__metadata__": {"architecture": "Sequential(Linear(3, 2))", "note": "struct writer"}}
    # data in the order layer1.weight, layer2.bias, scalar, empty, half; JSON keys in another order
    order = ["layer1.weight", "layer2.bias", "scalar", "empty", "half"]
    spans = {}
    for name in order:
        dtype, shape, values = tensors()[name]
        begin = len(data)
        for v in values:
            data += struct.pack(fmt[dtype], v)
        spans[name] = [begin, len(data)]
    for name in sorted(tensors(), reverse=True):
        dtype, shape, _ = tensors()[name]
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": spans[name]}
    text = json.dumps(header).encode("utf-8")
    text += b" " * (16 - len(text) % 16)  # padding with spaces is allowed
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        f.write(data)


def reference_writer(path):
    from safetensors.numpy import save_file
    np_types = {"F64": np.float64, "F32": np.float32, "F16": np.float16}
    arrays = {name: np.array(values, dtype=np_types[dtype]).reshape(shape)
              for name, (dtype, shape, values) in tensors().items()}
    save_file(arrays, path, metadata={"architecture": "reference"})


def check(path):
    from safetensors import safe_open
    from safetensors.numpy import load_file
    with safe_open(path, framework="np") as f:
        print("metadata", f.metadata())
    for name, array in load_file(path).items():
        print(name, array.dtype, list(array.shape), array.ravel().tolist())


if __name__ == "__main__":
    if sys.argv[1] == "--check":
        check(sys.argv[2])
    else:
        out = sys.argv[1]
        struct_writer(out + "/struct_writer.safetensors")
        try:
            reference_writer(out + "/reference.safetensors")
        except ImportError:
            print("safetensors not installed: reference.safetensors not written")
