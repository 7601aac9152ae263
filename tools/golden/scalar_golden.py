"""Golden values for jgrad.scalar.ValueTest: a few expressions evaluated with PyTorch in float64.

Run once with the interpreter that has torch (here /usr/bin/python3, torch 1.13.0a0):
    /usr/bin/python3 tools/golden/scalar_golden.py
and paste the printed Java literals into ValueTest. The expressions must match the Java ones
written next to the literals.
"""
import torch

torch.set_default_dtype(torch.float64)


def leaf(x):
    return torch.tensor(x, dtype=torch.float64, requires_grad=True)


def report(name, out, leaves):
    out.backward()
    grads = ", ".join(repr(v.grad.item()) for v in leaves)
    print(f"// {name}")
    print(f"{{{out.item()!r}, {grads}}},")


# 1. micrograd's test_sanity_check: x = -4
x = leaf(-4.0)
z = 2 * x + 2 + x
q = z.relu() + z * x
h = (z * z).relu()
y = h + q + q * x
report("sanity: y(x)", y, [x])

# 2. micrograd's test_more_ops: a = -4, b = 2
a, b = leaf(-4.0), leaf(2.0)
c = a + b
d = a * b + b ** 3
c = c + c + 1
c = c + 1 + c + (-a)
d = d + d * 2 + (b + a).relu()
d = d + 3 * d + (b - a).relu()
e = c - d
f = e ** 2
g = f / 2.0
g = g + 10.0 / f
report("more ops: g(a, b)", g, [a, b])

# 3. the ops micrograd lacks: tanh, exp, log, sigmoid, div by a value, neg, sub: u = 0.7, v = -1.3
u, v = leaf(0.7), leaf(-1.3)
s = (u * v).tanh() + (u - v).exp() / (u * u + 1).log()
t = (v * 3.0).sigmoid() * (-u) + s.pow(0.5) - v / u
out = t * (t * 0.2).sigmoid() - (u + 2.5).log() * v.exp()
report("new ops: out(u, v)", out, [u, v])

# 4. a tanh neuron (the curriculum's second example): x1=2, x2=0, w1=-3, w2=1, b=6.8813735870195432
x1, x2, w1, w2, bias = leaf(2.0), leaf(0.0), leaf(-3.0), leaf(1.0), leaf(6.8813735870195432)
o = (x1 * w1 + x2 * w2 + bias).tanh()
report("tanh neuron: o(x1, x2, w1, w2, b)", o, [x1, x2, w1, w2, bias])
