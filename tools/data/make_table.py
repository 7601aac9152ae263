#!/usr/bin/env python3
"""Writes a synthetic classification table that jgrad has never seen, and a logistic-regression baseline.

    python3 tools/data/make_table.py OUT_DIR [--rows 3000] [--seed 7]

OUT_DIR gets train.csv (2/3 of the rows) and test.csv (1/3): a header line, six numeric columns on
very different scales (age, income, tenure_months, monthly_charges, support_calls, discount) and a
label column `plan` with the names bronze, silver and gold. The plan depends on the features in a
non-linear way (a product of two features, a square), with 5 % of the labels flipped at random, so
a linear model cannot fit it well and a small MLP can. The script then fits a plain multinomial
logistic regression (standardised features, full-batch gradient descent to convergence, NumPy
only) on train.csv and prints its test accuracy and loss: the baseline `./jgrad train` should match
or beat. Used for the README's "train, evaluate and predict on your own CSV" figures (numpy 2.x).
"""
import argparse
import os

import numpy as np


def make(rows, seed):
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(rows, 6))
    a = z[:, 0] * z[:, 1] + 0.5 * z[:, 2]          # an interaction: not linear in the features
    b = z[:, 3] - 0.8 * z[:, 4] ** 2 + 0.3 * z[:, 5]
    plan = np.where(a > 0.3, "gold", np.where(b > -0.5, "silver", "bronze"))
    flip = rng.random(rows) < 0.05
    plan[flip] = rng.choice(["bronze", "silver", "gold"], size=flip.sum())
    cols = {
        "age": 40 + 12 * z[:, 0],
        "income": 52000 + 15000 * z[:, 1],
        "tenure_months": 30 + 10 * z[:, 2],
        "monthly_charges": 70 + 20 * z[:, 3],
        "support_calls": 3 + 1.5 * z[:, 4],
        "discount": 0.1 + 0.04 * z[:, 5],
    }
    return cols, plan


def write(path, cols, plan, idx):
    names = list(cols)
    with open(path, "w") as f:
        f.write(",".join(names + ["plan"]) + "\n")
        for i in idx:
            f.write(",".join(f"{cols[n][i]:.4f}" for n in names) + "," + plan[i] + "\n")


def read(path):
    with open(path) as f:
        header = f.readline().strip().split(",")
        rows = [line.strip().split(",") for line in f if line.strip()]
    x = np.array([[float(v) for v in r[:-1]] for r in rows])
    y = [r[-1] for r in rows]
    return header, x, y


def logistic_regression(train_x, train_y, test_x, test_y):
    classes = sorted(set(train_y))
    yi = np.array([classes.index(v) for v in train_y])
    ti = np.array([classes.index(v) for v in test_y])
    mean, std = train_x.mean(0), train_x.std(0)
    xs, ts = (train_x - mean) / std, (test_x - mean) / std
    w = np.zeros((xs.shape[1], len(classes)))
    b = np.zeros(len(classes))
    onehot = np.eye(len(classes))[yi]
    for _ in range(20000):  # full batch, convex: converges
        s = xs @ w + b
        p = np.exp(s - s.max(1, keepdims=True))
        p /= p.sum(1, keepdims=True)
        g = (p - onehot) / len(xs)
        w -= 0.5 * xs.T @ g
        b -= 0.5 * g.sum(0)
    s = ts @ w + b
    p = np.exp(s - s.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    acc = (p.argmax(1) == ti).mean()
    loss = -np.log(p[np.arange(len(ti)), ti]).mean()
    return acc, loss


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--rows", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    cols, plan = make(args.rows, args.seed)
    cut = args.rows * 2 // 3
    write(os.path.join(args.out, "train.csv"), cols, plan, range(cut))
    write(os.path.join(args.out, "test.csv"), cols, plan, range(cut, args.rows))
    _, tx, ty = read(os.path.join(args.out, "train.csv"))
    _, vx, vy = read(os.path.join(args.out, "test.csv"))
    acc, loss = logistic_regression(tx, ty, vx, vy)
    print(f"wrote {args.out}/train.csv ({cut} rows) and {args.out}/test.csv ({args.rows - cut} rows)")
    print(f"logistic regression baseline on test.csv: accuracy {100 * acc:.2f}%, loss {loss:.4f}")


if __name__ == "__main__":
    main()
