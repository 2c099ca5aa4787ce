#!/usr/bin/env python3
"""Reference trajectories for the optimizer tests in src/core/sim/optim/{sgd,adam,lion}.rs.

Runs the real library optimizers (torch.optim.SGD, Adam, AdamW; lion_pytorch.Lion) in float64
on the scalar problem the Rust harness `run_scalar` uses: f(x) = x² (g = 2x), x₀ = 1, constant
lr, and prints x after each update with every digit (repr), plus the library versions.

Usage (from the repository root):

    /work/venv/bin/python tests/reference/optim_trajectories.py

Needs torch (checked with 2.15.0) and lion-pytorch (checked with 0.2.5).
"""

import importlib.metadata as md

import torch
from lion_pytorch import Lion

torch.set_default_dtype(torch.float64)


def run_scalar(make_opt, steps):
    """x after each of `steps` updates of f(x) = x² from x₀ = 1 (mirrors `test_vectors::run_scalar`)."""
    x = torch.nn.Parameter(torch.tensor([1.0]))
    opt = make_opt([x])
    xs = []
    for _ in range(steps):
        opt.zero_grad(set_to_none=True)
        x.grad = 2.0 * x.detach().clone()
        opt.step()
        xs.append(x.item())
    state = opt.state[x]
    return xs, state


def show(name, xs):
    print(f"{name:<34} " + ", ".join(repr(v) for v in xs))


def main():
    import importlib

    for mod in ("torch.optim.sgd", "torch.optim.adam", "torch.optim.adamw"):
        print("torch", torch.__version__, importlib.import_module(mod).__file__)
    import lion_pytorch.lion_pytorch as lp

    print("lion-pytorch", md.version("lion-pytorch"), lp.__file__)
    print()

    # sgd.rs: torch_test_vectors
    show("SGD lr=0.1", run_scalar(lambda p: torch.optim.SGD(p, foreach=False, lr=0.1), 3)[0])
    show("SGD lr=0.1 wd=0.1", run_scalar(lambda p: torch.optim.SGD(p, foreach=False, lr=0.1, weight_decay=0.1), 3)[0])
    show("SGD lr=0.1 momentum=0.9", run_scalar(lambda p: torch.optim.SGD(p, foreach=False, lr=0.1, momentum=0.9), 3)[0])
    show(
        "SGD lr=0.1 momentum=0.9 nesterov",
        run_scalar(lambda p: torch.optim.SGD(p, foreach=False, lr=0.1, momentum=0.9, nesterov=True), 3)[0],
    )
    # sgd.rs: first_step_ignores_dampening
    show(
        "SGD lr=0.1 momentum=0.9 damp=0.5",
        run_scalar(lambda p: torch.optim.SGD(p, foreach=False, lr=0.1, momentum=0.9, dampening=0.5), 2)[0],
    )

    # adam.rs: torch_test_vectors (foreach=False: the single-tensor path the Rust code follows)
    show("Adam lr=0.1", run_scalar(lambda p: torch.optim.Adam(p, lr=0.1, foreach=False), 3)[0])
    show(
        "Adam lr=0.1 wd=0.1 (L2)",
        run_scalar(lambda p: torch.optim.Adam(p, lr=0.1, weight_decay=0.1, foreach=False), 3)[0],
    )
    show("AdamW lr=0.1 (wd=0.01)", run_scalar(lambda p: torch.optim.AdamW(p, lr=0.1, foreach=False), 3)[0])
    show(
        "AdamW lr=0.1 wd=0.1",
        run_scalar(lambda p: torch.optim.AdamW(p, lr=0.1, weight_decay=0.1, foreach=False), 3)[0],
    )

    # lion.rs: official_test_vectors
    show("Lion lr=0.1", run_scalar(lambda p: Lion(p, lr=0.1), 3)[0])
    show("Lion lr=0.1 wd=0.1", run_scalar(lambda p: Lion(p, lr=0.1, weight_decay=0.1), 3)[0])
    _, st = run_scalar(lambda p: Lion(p, lr=0.1), 3)
    show("Lion lr=0.1 exp_avg after 3", [st["exp_avg"].item()])


if __name__ == "__main__":
    main()
