#!/usr/bin/env python3
"""Reference numbers for the SophiaG tests in src/core/sim/optim/sophia.rs.

Imports the official `SophiaG` class from a checkout of github.com/Liuhong99/Sophia (its code is
not copied here) and runs it in float64:

1. the training loop of the official `train_sophiag.py` on a fixed three-coordinate quadratic:
   every iteration takes a gradient and calls `step(bs=...)` then `zero_grad`; when
   `iter_num % hess_interval == hess_interval - 1` (checked before `iter_num += 1`), that same
   iteration then takes a gradient on sampled labels at the updated parameters and calls
   `update_hessian()` then `zero_grad`. So with hess_interval = 10 the estimate is folded in after
   updates 10, 20, 30, … (1-based) and first used by updates 11, 21, 31, …
2. the three single-step cases of the unit tests (no Hessian yet; a given Hessian; the ρ·bs factor).

Usage (from the repository root; checked with torch 2.15.0 and Liuhong99/Sophia at commit
a7e157229b71d58cf995d32854f1be15c265b350):

    git clone https://github.com/Liuhong99/Sophia /tmp/Sophia
    /work/venv/bin/python tests/reference/sophia_trajectory.py --sophia-dir /tmp/Sophia
"""

import argparse
import subprocess
import sys

import torch

torch.set_default_dtype(torch.float64)

# The fixed problem, mirrored by `FixedQuadratic` in sophia.rs:
# loss ½ Σ hᵢ xᵢ², training gradient g = h ⊙ x (no noise), and the gradient of the loss on sampled
# labels stood in for by ĝ = c ⊙ x at the parameters after the step, so update_hessian folds in
# (c ⊙ x)². Batch size bs = 8, constant lr, SophiaG's default betas, rho and weight decay.
H = [2.0, 0.5, 0.125]
C = [40.0, 3.0, 20.0]
X0 = [1.0, -0.5, 2.0]
BS = 8
LR = 0.05
HESS_INTERVAL = 10
ITERS = 25


def unclipped(optimizer, x):
    """Coordinates whose last step was not clipped (the official `num_effective` test)."""
    st = optimizer.state[x]
    return int(torch.sum(st["exp_avg"].abs() < 0.04 * BS * st["hessian"]).item())


def loss_of(x):
    return 0.5 * sum(h * v * v for h, v in zip(H, x.tolist()))


def train_loop(SophiaG):
    """The control flow of train_sophiag.py (lines 289-421 at the commit above), one process,
    no gradient accumulation, no grad clipping."""
    h = torch.tensor(H)
    c = torch.tensor(C)
    x = torch.nn.Parameter(torch.tensor(X0))
    optimizer = SophiaG([x], lr=LR)  # defaults: betas=(0.965, 0.99), rho=0.04, weight_decay=0.1
    iter_num = 0
    losses, refreshed_after = [(loss_of(x), 0)], []
    while iter_num < ITERS:
        if iter_num % HESS_INTERVAL != HESS_INTERVAL - 1:
            x.grad = h * x.detach()
            optimizer.step(bs=BS)
            optimizer.zero_grad(set_to_none=True)
            iter_num += 1
            losses.append((loss_of(x), unclipped(optimizer, x)))
        else:
            x.grad = h * x.detach()
            optimizer.step(bs=BS)
            optimizer.zero_grad(set_to_none=True)
            iter_num += 1
            losses.append((loss_of(x), unclipped(optimizer, x)))
            x.grad = c * x.detach()
            optimizer.update_hessian()
            optimizer.zero_grad(set_to_none=True)
            refreshed_after.append(iter_num)
            print(f"  hessian after update {iter_num}: {[repr(v) for v in optimizer.state[x]['hessian'].tolist()]}")
    st = optimizer.state[x]
    return losses, refreshed_after, x.detach().tolist(), st


def one_step(SophiaG, x0, grad, lr, bs, hess_grad=None, **kw):
    x = torch.nn.Parameter(torch.tensor(x0))
    opt = SophiaG([x], lr=lr, **kw)
    if hess_grad is not None:
        x.grad = torch.tensor(hess_grad)
        opt.update_hessian()
        opt.zero_grad(set_to_none=True)
        print("  hessian", [repr(v) for v in opt.state[x]["hessian"].tolist()])
    xs = []
    for g in grad:
        x.grad = torch.tensor(g) if callable(g) is False else g(x)
        opt.step(bs=bs)
        opt.zero_grad(set_to_none=True)
        xs.append([repr(v) for v in x.detach().tolist()])
    print("  exp_avg", [repr(v) for v in opt.state[x]["exp_avg"].tolist()])
    return xs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sophia-dir", required=True, help="a checkout of github.com/Liuhong99/Sophia")
    args = ap.parse_args()
    sys.path.insert(0, args.sophia_dir)
    from sophia import SophiaG

    try:
        commit = subprocess.run(
            ["git", "-C", args.sophia_dir, "rev-parse", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        commit = "?"
    print("torch", torch.__version__, "| Liuhong99/Sophia", commit or "?", "sophia.py")
    print()

    print(f"train_sophiag.py loop: H={H} C={C} x0={X0} bs={BS} lr={LR} hess_interval={HESS_INTERVAL}")
    losses, refreshed, x, st = train_loop(SophiaG)
    print("  refreshed after updates", refreshed)
    print("  update, loss after it, coordinates it did not clip:")
    for u, (l, n) in enumerate(losses):
        print(f"    {u:2d} {l!r} {n}")
    print("  x after", ITERS, [repr(v) for v in x])
    print("  exp_avg", [repr(v) for v in st["exp_avg"].tolist()])
    print("  hessian", [repr(v) for v in st["hessian"].tolist()])
    print()

    print("h = 0, lr=0.1, defaults, f(x) = x², x0 = 1 (two steps):")
    x = torch.nn.Parameter(torch.tensor([1.0]))
    opt = SophiaG([x], lr=0.1)
    for _ in range(2):
        x.grad = 2.0 * x.detach()
        opt.step(bs=1)
        opt.zero_grad(set_to_none=True)
        print("  x", repr(x.item()))
    print()

    print("given Hessian: x0 = 1, g = 2, lr = 0.1, rho = 1, wd = 0, bs = 1, update_hessian with (10, 1, 0):")
    print("  x", one_step(SophiaG, [1.0] * 3, [[2.0] * 3], 0.1, 1, [10.0, 1.0, 0.0], rho=1.0, weight_decay=0.0))
    print()

    print("rho*bs factor: rho = 0.04, bs = 5120, h = 1e-3, x0 = 1, g = 2, lr = 0.1, wd = 0:")
    x = torch.nn.Parameter(torch.tensor([1.0]))
    opt = SophiaG([x], lr=0.1, weight_decay=0.0)
    x.grad = torch.tensor([2.0])
    opt.step(bs=5120)  # creates the state (h = 0 for this first step is overwritten below)
    x.data.fill_(1.0)
    opt.state[x]["exp_avg"].zero_()
    opt.state[x]["hessian"].fill_(1e-3)
    x.grad = torch.tensor([2.0])
    opt.step(bs=5120)
    print("  x", repr(x.item()))


if __name__ == "__main__":
    main()
