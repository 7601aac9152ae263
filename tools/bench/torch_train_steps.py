"""PyTorch's side of `./jgrad bench train` (docs/benchmarks.md, issue 11): the same training steps,
timed the same way, to run in the same minutes as jgrad's table.

Workloads (batch 100, float32, MNIST standardised with mean 0.1307 and std 0.3081, batches drawn
from a shuffled permutation, the batch gather counted in the step as jgrad counts its loading):
  mlp   MLP 784-50-10 with a sigmoid hidden layer, softmax cross entropy, SGD lr 0.1
  conv  SimpleConvNet: conv 30x5x5 - ReLU - max pool 2 - Linear 4320-100 - ReLU - Linear 100-10,
        Adam lr 0.001
Each workload: WARMUP steps, then ROUNDS rounds of STEPS steps; prints the median step time of the
best round, the median over all rounds and the process CPU time per step, per thread count.

Run as the issue says, with glibc told to keep freed buffers (otherwise torch's conv step swings
from page faults) and OpenBLAS free to pick its AVX-512 kernel:
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE MALLOC_MMAP_THRESHOLD_=1000000000 \
      MALLOC_TRIM_THRESHOLD_=1000000000 MNIST_DIR=data/mnist THREADS=1,2 \
      /usr/bin/python3 tools/bench/torch_train_steps.py
Env: MNIST_DIR, THREADS (comma list, default 1,2), WORKLOADS (default mlp,conv), STEPS (default
200), ROUNDS (default 5), WARMUP (default 100), ANCHORS (folder of ../shared/anchors/mnist_idx.py).
Written for jgrad with Debian's torch 1.13.0a0 (python3-torch).
"""
import os
import sys
import time

threads_list = [int(t) for t in os.environ.get("THREADS", "1,2").split(",")]
# OpenBLAS reads its own thread count once, at load time: allow the largest requested.
os.environ.setdefault("OPENBLAS_NUM_THREADS", str(max(threads_list)))
sys.path.insert(0, os.environ.get("ANCHORS", "/work/shared/anchors"))

import torch  # noqa: E402
from mnist_idx import load_mnist  # noqa: E402

steps = int(os.environ.get("STEPS", "200"))
rounds = int(os.environ.get("ROUNDS", "5"))
warmup = int(os.environ.get("WARMUP", "100"))
workloads = os.environ.get("WORKLOADS", "mlp,conv").split(",")

xtr, ytr, _, _ = load_mnist()
xtr = torch.from_numpy(xtr).sub(0.1307).div(0.3081)  # load_mnist gives floats in [0, 1]
images = {"mlp": xtr.reshape(-1, 784).contiguous(), "conv": xtr.unsqueeze(1).contiguous()}
ytr = torch.from_numpy(ytr).long()


def mlp():
    torch.manual_seed(1)
    model = torch.nn.Sequential(torch.nn.Linear(784, 50), torch.nn.Sigmoid(),
                                torch.nn.Linear(50, 10))
    return model, torch.optim.SGD(model.parameters(), lr=0.1)


def conv():
    torch.manual_seed(1)
    model = torch.nn.Sequential(
        torch.nn.Conv2d(1, 30, kernel_size=5), torch.nn.ReLU(), torch.nn.MaxPool2d(2, 2), torch.nn.Flatten(),
        torch.nn.Linear(30 * 12 * 12, 100), torch.nn.ReLU(), torch.nn.Linear(100, 10))
    return model, torch.optim.Adam(model.parameters(), lr=0.001)


def run(build, x, threads):
    torch.set_num_threads(threads)
    model, opt = build()
    perm = torch.randperm(60000)
    pos = [0]

    def step():
        if pos[0] + 100 > 60000:
            pos[0] = 0
        idx = perm[pos[0]:pos[0] + 100]
        pos[0] += 100
        loss = torch.nn.functional.cross_entropy(model(x[idx]), ytr[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        return loss

    for _ in range(warmup):
        step()
    medians = []
    cpu0 = time.process_time()
    for _ in range(rounds):
        times = []
        for _ in range(steps):
            t0 = time.perf_counter()
            step()
            times.append(time.perf_counter() - t0)
        times.sort()
        medians.append(1000 * times[len(times) // 2])
    cpu_ms = 1000 * (time.process_time() - cpu0) / (rounds * steps)
    medians.sort()
    return medians[0], medians[len(medians) // 2], cpu_ms


builders = {"mlp": (mlp, "MLP 784-50-10 sigmoid, SGD"), "conv": (conv, "SimpleConvNet, Adam")}
print(f"torch {torch.__version__}, mkldnn {torch.backends.mkldnn.is_available()}, "
      f"load {open('/proc/loadavg').read().split()[:3]}")
for name in workloads:
    build, title = builders[name]
    for t in threads_list:
        best, med, cpu = run(build, images[name], t)
        print(f"RESULT torch workload={name} threads={t} best_round_median_ms={best:.3f} median_of_rounds_ms={med:.3f}"
              f" cpu_ms_per_step={cpu:.3f}"
              f"  ({title})")
