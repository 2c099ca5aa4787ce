#!/usr/bin/env python3
"""McCandlish et al. 2018 worked examples and the batch-size learning-rate rules, in numpy.

McCandlish, Kaplan, Amodei et al. 2018, "An Empirical Model of Large-Batch Training",
arXiv:1812.06162:
  * §2.2, eqs. 2.4-2.10 on a two-parameter quadratic: H = diag(1, 10), G = (1, 1),
    Σ = diag(4, 1). The closed forms are checked against a Monte-Carlo average of the loss
    after one noisy step (fixed RNG seed), which needs nothing but the quadratic itself.
  * eqs. 2.11-2.12 and App. D: steps and examples relative to their minima at B_crit = 1000.
  * App. A.1, eqs. A.1-A.2: the two-batch estimator of |G|² and tr Σ (|G|² = 4, tr Σ = 100,
    B_small = 32, B_big = 512), exactly and from simulated gradient norms.
Learning-rate rules when the batch grows κ times:
  * linear, Goyal et al. 2017 (arXiv:1706.02677, §2.1): η = 0.1·b/256 for ResNet-50;
  * square root, Krizhevsky 2014 (arXiv:1404.5997) for SGD;
  * Malladi et al. 2022 (arXiv:2205.10287) for Adam: η·√κ, 1 − β → κ(1 − β), ε/√κ;
  * McCandlish eq. 2.6: η ∝ ε_opt(B) = ε_max/(1 + B_noise/B).

Generates the vectors of:
  src/core/noise_scale.rs       tests `mccandlish_worked_example`, `critical_batch_table`
  src/core/noise_estimate.rs    test `mccandlish_two_batch_example`
  src/core/lr_scaling.rs        tests `malladi_adam_example`, `goyal_linear_example`,
                                `mccandlish_ratio_and_critical_flag`
  src/chart/lr/norm_fit.rs      the example curve of its tests
  tests/e2e/lr.test.mjs         the same values read from the page

Run:
  python tests/reference/noise_scale.py
Exits non-zero if a value differs from the one the Rust tests expect.
"""

import sys

import numpy as np

bad = 0


def check(label, got, want, rel=1e-12):
    global bad
    ok = abs(got - want) <= rel * max(abs(want), 1e-300)
    bad += not ok
    print(f"  {label:<44} {got:>22.15g}  {'ok' if ok else f'MISMATCH (Rust test: {want!r})'}")


def quadratic_example():
    print("McCandlish et al. 2018 §2.2: H = diag(1, 10), G = (1, 1), Σ = diag(4, 1)")
    H = np.diag([1.0, 10.0])
    G = np.array([1.0, 1.0])
    S = np.diag([4.0, 1.0])
    g2 = G @ G
    curv = G @ H @ G
    tr_hs = np.trace(H @ S)
    tr_s = np.trace(S)
    check("|G|²", g2, 2.0)
    check("GᵀHG", curv, 11.0)
    check("tr(HΣ)", tr_hs, 14.0)
    check("tr Σ", tr_s, 5.0)
    eps_max = g2 / curv  # eq. 2.6
    dl_max = 0.5 * g2**2 / curv  # eq. 2.7
    b_noise = tr_hs / curv  # eq. 2.8
    b_simple = tr_s / g2  # eq. 2.9
    check("ε_max (eq. 2.6)", eps_max, 2 / 11)
    check("ΔL_max (eq. 2.7)", dl_max, 2 / 11)
    check("B_noise (eq. 2.8)", b_noise, 14 / 11)
    check("B_simple (eq. 2.9)", b_simple, 2.5)

    def eps_opt(b):
        return eps_max / (1 + b_noise / b)

    def improvement(eps, b):  # eqs. 2.4-2.5
        return eps * g2 - 0.5 * eps**2 * (curv + tr_hs / b)

    check("ε_opt(1)", eps_opt(1), 0.08)
    check("ε_opt(4)", eps_opt(4), 8 / 58)
    check("ε_opt(4) to 6 digits", eps_opt(4), 0.137931, 1e-5)
    check("ε_opt(100) to 6 digits", eps_opt(100), 0.179533, 1e-5)
    check("ΔL at ε_opt(1) (eq. 2.7)", improvement(eps_opt(1), 1), 0.08)
    check("ΔL_opt(1) = ΔL_max/(1 + B_noise)", dl_max / (1 + b_noise), 0.08)
    worse = improvement(2 * eps_opt(1) * 1.01, 1)
    print(f"  ΔL just beyond 2ε_opt(1): {worse:.3g} (< 0: the loss goes up)")
    bad_sign = not worse < 0
    # Monte Carlo: one step θ → θ − ε·G_est on L(θ) = Gᵀθ' + ½θ'ᵀHθ' around θ, with
    # G_est = G + noise of covariance Σ/B; the mean loss drop is the eq. 2.4 improvement.
    rng = np.random.default_rng(20181216)
    n = 2_000_000
    for b, eps in [(1, eps_opt(1)), (4, eps_opt(4))]:
        noise = rng.multivariate_normal(np.zeros(2), S / b, size=n)
        step = eps * (G + noise)
        drop = step @ G - 0.5 * np.einsum("ij,jk,ik->i", step, H, step)
        mc = drop.mean()
        se = drop.std() / np.sqrt(n)
        ok = abs(mc - improvement(eps, b)) < 5 * se
        bad_sign |= not ok
        print(f"  Monte Carlo ΔL at B = {b}: {mc:.5f} ± {se:.5f} vs eq. 2.4 {improvement(eps, b):.5f}"
              f"  {'ok' if ok else 'MISMATCH'}")
    return bad_sign


def critical_batch():
    print("McCandlish et al. 2018 eqs. 2.11-2.12, App. D: B_crit = 1000")
    bc = 1000.0
    for b, s, e in [(100.0, 11.0, 1.1), (1000.0, 2.0, 2.0), (10000.0, 1.1, 11.0)]:
        s_ratio = 1 + bc / b
        e_ratio = 1 + b / bc
        check(f"S/S_min at B = {b:g}", s_ratio, s, 1e-14)
        check(f"E/E_min at B = {b:g}", e_ratio, e, 1e-14)
        check(f"(S/S_min − 1)(E/E_min − 1) at B = {b:g}", (s_ratio - 1) * (e_ratio - 1), 1.0, 1e-14)
    check("B_crit = E_min/S_min, 2e9 / 2e6", 2e9 / 2e6, 1000.0)
    check("ε_opt(B_noise)/ε_max", 1 / (1 + bc / bc), 0.5)


def two_batch():
    print("McCandlish et al. 2018 App. A.1: |G|² = 4, tr Σ = 100, B_small = 32, B_big = 512")
    g2, tr = 4.0, 100.0
    bs, bb = 32.0, 512.0
    ns = g2 + tr / bs  # eq. A.1
    nb = g2 + tr / bb
    check("E|G_32|² (eq. A.1)", ns, 7.125, 0)
    check("E|G_512|² (eq. A.1)", nb, 4.1953125, 0)
    est_g2 = (bb * nb - bs * ns) / (bb - bs)  # eq. A.2
    est_s = (ns - nb) / (1 / bs - 1 / bb)
    check("|𝒢|² (eq. A.2)", est_g2, 4.0, 0)
    check("𝒮 (eq. A.2)", est_s, 100.0, 0)
    check("B_simple = 𝒮/|𝒢|²", est_s / est_g2, 25.0, 0)
    # Simulated per-example gradients: d = 100 coordinates, G_i = 0.2 and per-example variance 1,
    # so |G|² = 4 and tr Σ = 100. Averaging the unbiased estimates over many steps and dividing
    # (as the paper does) recovers B_simple = 25.
    rng = np.random.default_rng(1812)
    d, steps = 100, 4000
    G = np.full(d, 0.2)
    acc_g2 = acc_s = 0.0
    for _ in range(steps):
        # A batch mean of B draws has covariance Σ/B; the small batch is part of the big one.
        small = rng.standard_normal((int(bs), d)).sum(axis=0)
        rest = rng.standard_normal((int(bb - bs), d)).sum(axis=0)
        gs = G + small / bs
        gb = G + (small + rest) / bb
        n_s, n_b = gs @ gs, gb @ gb
        acc_g2 += (bb * n_b - bs * n_s) / (bb - bs)
        acc_s += (n_s - n_b) / (1 / bs - 1 / bb)
    ratio = acc_s / acc_g2
    ok = abs(ratio - 25.0) < 1.5
    print(f"  simulated, {steps} steps: |𝒢|² {acc_g2 / steps:.3f}, 𝒮 {acc_s / steps:.2f}, "
          f"B_simple {ratio:.2f}  {'ok' if ok else 'MISMATCH'}")
    return not ok


def lr_rules():
    print("Learning-rate rules")
    check("Goyal et al. 2017: 0.1·8192/256", 0.1 * 8192 / 256, 3.2)
    check("square root: 0.1·√(8192/256)", 0.1 * np.sqrt(8192 / 256), 0.1 * 32**0.5)
    k = 1024 / 256
    check("Malladi et al. 2022, κ = 4: lr 1e-4·√κ", 1e-4 * np.sqrt(k), 2e-4)
    check("β₁ = 1 − κ(1 − 0.9)", 1 - k * (1 - 0.9), 0.6)
    check("β₂ = 1 − κ(1 − 0.999)", 1 - k * (1 - 0.999), 0.996)
    check("ε = 1e-8/√κ", 1e-8 / np.sqrt(k), 5e-9)

    def frac(bn, b):
        return 1 / (1 + bn / b)

    check("McCandlish eq. 2.6: 0.1·ε_opt(1000)/ε_opt(100), B_noise 1000",
          0.1 * frac(1000, 1000) / frac(1000, 100), 0.55)


def main():
    global bad
    extra = quadratic_example()
    critical_batch()
    extra |= two_batch()
    lr_rules()
    bad += int(extra)
    if bad:
        print(f"{bad} mismatch(es)")
        sys.exit(1)
    print("all match")


if __name__ == "__main__":
    main()
