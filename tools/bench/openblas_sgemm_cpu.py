"""OpenBLAS sgemm through numpy, 1 thread, GFLOP/s on the thread's CPU time (docs/benchmarks.md, sixth round).

The counterpart of `./jgrad bench gemm --threads 1 --clock cpu`: on a loaded machine the wall time of
`sgemm_table.py` counts the time other processes hold the core, which jgrad's CPU clock leaves out.
Square float32 C = A @ B; per size a warm-up, then the best of 5 batches of at least 0.3 s of CPU.
Run with OpenBLAS free to pick its AVX-512 kernel:
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 /usr/bin/python3 tools/bench/openblas_sgemm_cpu.py
Env: SIZES (default 64,128,256,512,1024).
"""
import os
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy loads OpenBLAS

import numpy as np  # noqa: E402

try:
    sizes = [int(s) for s in os.environ.get("SIZES", "64,128,256,512,1024").split(",")]
except ValueError:
    raise SystemExit("openblas_sgemm_cpu.py: SIZES must be a comma list of whole numbers, got %r" % os.environ["SIZES"])
if min(sizes) < 1:
    raise SystemExit("openblas_sgemm_cpu.py: every size in SIZES must be at least 1")

for n in sizes:
    a = np.random.rand(n, n).astype(np.float32)
    b = np.random.rand(n, n).astype(np.float32)
    c = np.empty((n, n), np.float32)
    for _ in range(3):
        np.matmul(a, b, out=c)
    best = float("inf")
    for _ in range(5):
        reps, t0 = 0, time.thread_time()
        while time.thread_time() - t0 < 0.3:
            np.matmul(a, b, out=c)
            reps += 1
        best = min(best, (time.thread_time() - t0) / reps)
    print(n, round(2 * n ** 3 / best / 1e9, 1))
