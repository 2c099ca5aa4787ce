#!/usr/bin/env python3
"""Reference numbers for the noisy-quadratic-model tests in src/core/sim/nqm.rs and nqm_exact.rs.

The noisy quadratic model of Zhang et al. 2019 ("Which Algorithmic Choices Matter at Which Batch
Sizes? Insights From a Noisy Quadratic Model", arXiv:1907.04164; code gd-zhang/noisy-quadratic-model
`nqm.ipynb`): loss ½ Σ hᵢθᵢ², one example's gradient Hθ + noise of covariance H, so a batch of B
has noise variance hᵢ/B per coordinate; θ₀ ~ N(0, I).

This script does not reuse the Rust recurrences. It propagates the exact mean-zero covariance of
the state under the update rule itself, in float64 with numpy:

* SGD with preconditioner P = H^{-p}: θ ← θ − αP(Hθ + ξ), so per coordinate
  E[θ²] ← (1 − αh^{1−p})² E[θ²] + α² h^{−2p} · h/B.
* PyTorch SGD momentum (torch `sgd.py`, dampening 0): b ← βb + g, θ ← θ − αb, i.e. the linear map
  (θ, αb) ← A (θ, αb) + n ξ with A = [[1 − αh, −β], [αh, β]] and n = (−α, α), so the 2×2
  covariance moves as Σ ← A Σ Aᵀ + (h/B) · n nᵀ.

Steady states are the fixed points of these maps, solved as linear systems.

Usage (from the repository root; checked with numpy 2.4.6):

    python tests/reference/nqm_exact.py
"""

import math

import numpy as np


def sgd_second_moment(h, alpha, batch, steps, p=0.0):
    """E[θ²] per coordinate after each of `steps` SGD updates (list of arrays, index 0 = start)."""
    h = np.asarray(h, dtype=np.float64)
    a = alpha * h ** (1.0 - p)
    q = alpha**2 * h ** (-2.0 * p) * h / batch
    s = np.ones_like(h)
    out = [s.copy()]
    for _ in range(steps):
        s = (1.0 - a) ** 2 * s + q
        out.append(s.copy())
    return out


def loss(h, s):
    return 0.5 * float(np.sum(np.asarray(h) * s))


def momentum_cov_map(h, alpha, beta, batch):
    """(A, N): the state x = (θ, u) with u = αb (b the torch momentum buffer) moves as
    x ← A x + n ξ, with ξ the batch gradient noise of variance h/B, so Σ ← A Σ Aᵀ + N.

    torch: b' = βb + hθ + ξ; θ' = θ − αb' = θ − βu − αhθ − αξ; u' = αb' = βu + αhθ + αξ.
    (On the first update torch sets b = g, which is the same as b = 0 before it.)
    """
    A = np.array([[1.0 - alpha * h, -beta], [alpha * h, beta]])
    n = np.array([-alpha, alpha])
    N = np.outer(n, n) * h / batch
    return A, N


def momentum_second_moment(h, alpha, beta, batch, steps):
    A, N = momentum_cov_map(h, alpha, beta, batch)
    cov = np.array([[1.0, 0.0], [0.0, 0.0]])
    out = [float(cov[0, 0])]
    for _ in range(steps):
        cov = A @ cov @ A.T + N
        out.append(float(cov[0, 0]))
    return out


def momentum_steady_state(h, alpha, beta, batch):
    """Fixed point of Σ = A Σ Aᵀ + N, via vec(Σ) = (I − A⊗A)⁻¹ vec(N)."""
    A, N = momentum_cov_map(h, alpha, beta, batch)
    vec = np.linalg.solve(np.eye(4) - np.kron(A, A), N.reshape(-1))
    return float(vec.reshape(2, 2)[0, 0])


def main():
    print("numpy", np.__version__)
    print()

    d = 10_000
    h = 1.0 / np.arange(1, d + 1, dtype=np.float64)
    print("nqm.rs initial_loss_and_caps: ½ Σ_{i=1}^{10^4} 1/i =", repr(0.5 * math.fsum(h.tolist())))
    print()

    print("nqm_exact.rs one_dimensional_checks (h = 1, s0 = 1):")
    s = sgd_second_moment([1.0], 0.1, 1, 10)
    print("  SGD α=0.1 B=1: s(1) =", repr(float(s[1][0])), " loss(1) =", repr(loss([1.0], s[1])))
    print("  SGD α=0.1 B=1: s(10) =", repr(float(s[10][0])))
    s = sgd_second_moment([1.0], 0.1, 10, 10)
    print("  SGD α=0.1 B=10: s(10) =", repr(float(s[10][0])))
    a, b = 0.5, 4
    s_star = (a * a * 1.0 / b) / (1.0 - (1.0 - a) ** 2)
    print("  SGD α=0.5 B=4: steady-state loss =", repr(0.5 * s_star), " a/(2B(2−a)) =", repr(a / (2 * b * (2 - a))))
    m = momentum_second_moment(1.0, 0.1, 0.9, 1, 3)
    print("  momentum α=0.1 β=0.9 B=1: s(0..3) =", [repr(v) for v in m])
    mss = 0.5 * momentum_steady_state(1.0, 0.1, 0.9, 1)
    alpha, beta, bb, hh = 0.1, 0.9, 1, 1.0
    formula = (1 + beta) * alpha * hh / (2 * bb * (2 * beta + 2 - alpha * hh) * (1 - beta))
    print("  momentum α=0.1 β=0.9 B=1: steady-state loss =", repr(mss), " closed form =", repr(formula))
    print()

    print("nqm_exact.rs dimension_ten_thousand_checks (hᵢ = 1/i, d = 10^4, unbinned, s0 = 1):")
    s = sgd_second_moment(h, 1.0, 1, 100)
    print("  SGD α=1 B=1: loss(100) =", repr(loss(h, s[100])))
    s = sgd_second_moment(h, 1.0, 1024, 1000)
    print("  SGD α=1 B=1024: loss(100) =", repr(loss(h, s[100])), " loss(1000) =", repr(loss(h, s[1000])))
    s = sgd_second_moment(h, 1.0, 1024, 100, p=0.5)
    print("  P=H^-0.5 α=1 B=1024: loss(100) =", repr(loss(h, s[100])))


if __name__ == "__main__":
    main()
