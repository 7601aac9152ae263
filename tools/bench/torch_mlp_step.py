"""Step time of an MLP 784-H-10 (ReLU) on MNIST in PyTorch, for docs/benchmarks.md.

Same step as `./jgrad example mnist --hidden H --optimizer sgd`: batch 100, softmax cross
entropy, plain SGD lr 0.1, shuffled mini-batches, one epoch of 600 steps; prints the median and
mean step time. Written for jgrad (torch 1.13.0a0 from Debian's python3-torch).

Env: MNIST_DIR (the four IDX files, e.g. data/mnist), HIDDEN (default 100), THREADS (default 1),
ANCHORS (folder of ../shared/anchors/mnist_idx.py). Unset OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
so that OpenBLAS uses its AVX-512 kernels.
"""
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", os.environ.get("THREADS", "1"))
sys.path.insert(0, os.environ.get("ANCHORS", "/work/shared/anchors"))

import torch  # noqa: E402
from mnist_idx import load_mnist  # noqa: E402

threads = int(os.environ.get("THREADS", "1"))
hidden = int(os.environ.get("HIDDEN", "100"))
torch.set_num_threads(threads)
torch.manual_seed(1)
xtr, ytr, _, _ = load_mnist()
xtr = torch.from_numpy(xtr.reshape(-1, 784))
ytr = torch.from_numpy(ytr).long()
model = torch.nn.Sequential(torch.nn.Linear(784, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, 10))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
times = []
perm = torch.randperm(60000)
for i in range(600):
    t0 = time.perf_counter()
    idx = perm[i * 100:(i + 1) * 100]
    loss = torch.nn.functional.cross_entropy(model(xtr[idx]), ytr[idx])
    opt.zero_grad()
    loss.backward()
    opt.step()
    times.append(time.perf_counter() - t0)
times.sort()
print(f"RESULT torch_mlp_step hidden={hidden} threads={threads} median_ms={1000 * times[len(times) // 2]:.3f} "
      f"mean_ms={1000 * sum(times) / len(times):.3f} final_loss={loss.item():.4f} torch={torch.__version__}")
