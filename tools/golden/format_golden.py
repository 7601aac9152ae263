"""Golden toString() output for jgrad's Tensor printing (TensorFormatTest).

Run with /usr/bin/python3 (torch 1.13.0a0); prints one Java string literal per case, in the
order the test lists them. The float32 inputs are the same literals the test builds.
"""
import torch

nan, inf = float('nan'), float('inf')
cases = [
    torch.tensor([1.5, 2.25, -3.0]),
    torch.tensor([1e-5, 1.0, 100.0]),
    torch.tensor([1.0, 2.0, 1e6]),           # integers with a wide range: scientific
    torch.tensor([1e8]),                      # integral up to 1e8: still integer style
    torch.tensor([1.0, nan, inf]),            # width from nonzero finite values only
    torch.tensor([-0.0, 10.0]),
    torch.tensor([0.0, 0.0]),
    torch.arange(30.0),                       # wraps at 80 columns
    (torch.arange(24.0) / 7).reshape(2, 12),  # wraps inside nested brackets
    torch.arange(2000.0),                     # summarised, scientific (max/min > 1000)
    torch.arange(12.0).reshape(2, 2, 3),
    torch.zeros(2, 0),
]
for t in cases:
    print('"' + str(t).replace('\n', '\\n') + '",')
print('# torch', torch.__version__)
