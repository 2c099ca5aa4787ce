"""The default NQM sweep of the Simulator, vectorised with numpy: the yardstick `.ci/bench` compares
the Rust kernel `default_sweep` (src/core/sim/bench.rs) with.

Same work as `config::default_sweep`: the noisy quadratic of d = 100 (h_i = 1/i, per-example
gradient noise of covariance H, so a batch of B adds sqrt(h_i/B) z_i with z_i ~ N(0, 1)),
6 optimizers (SGD, momentum, Adam, AdamW, SophiaG, Lion with the library defaults used in
src/core/sim/optim) x 7 batch sizes (1, 4, ..., 4096) x 13 learning rates (1e-3 ... 10, log-spaced),
800 updates each, the exact loss after every update, runs stopped (frozen) at divergence
(loss > 1e6 x initial or not finite). All 91 (B, rate) runs of one optimizer advance together as
one (91, 100) array per update, each with its own normal draws (as many as the Rust runs draw).
It does not reproduce the Rust runs' numbers (a different generator); it does the same amount of
arithmetic. The Rust kernel also measures the noise scale (10,000 per-example gradients and one
reference run, about 2 % of its work); this script does not.

Run: /work/venv/bin/python tests/bench/nqm_sweep_numpy.py  (prints `numpy default_sweep ms <best of 3>`)
"""

import time

import numpy as np

D = 100
STEPS = 800
BATCHES = np.array([1, 4, 16, 64, 256, 1024, 4096], dtype=np.float64)
RATES = 1e-3 * (1e4 ** (np.arange(13) / 12))
H = 1.0 / np.arange(1, D + 1)
SQRT_H = np.sqrt(H)
SOPHIA_EPS = 1e-15


def sweep_one(opt, rng):
    """All (B, rate) runs of one optimizer; returns the final losses (NaN where diverged)."""
    b = np.repeat(BATCHES, len(RATES))[:, None]
    lr = np.tile(RATES, len(BATCHES))[:, None]
    runs = b.shape[0]
    theta = np.broadcast_to(rng.standard_normal(D), (runs, D)).copy()
    initial = 0.5 * np.sum(H * theta[0] ** 2)
    noise = SQRT_H / np.sqrt(b)
    alive = np.ones(runs, dtype=bool)
    m = np.zeros((runs, D))
    v = np.zeros((runs, D))
    hess = np.zeros((runs, D))
    losses = np.empty((STEPS, runs))
    for t in range(1, STEPS + 1):
        g = H * theta + noise * rng.standard_normal((runs, D))
        old = theta.copy()
        if opt == "sgd":
            theta -= lr * g
        elif opt == "momentum":  # torch SGD momentum 0.9, dampening 0: b_1 = g
            m = g if t == 1 else 0.9 * m + g
            theta -= lr * m
        elif opt in ("adam", "adamw"):  # torch Adam / AdamW (weight_decay 1e-2, decoupled)
            if opt == "adamw":
                theta *= 1.0 - lr * 1e-2
            m = 0.9 * m + 0.1 * g
            v = 0.999 * v + 0.001 * g * g
            denom = np.sqrt(v) / np.sqrt(1.0 - 0.999**t) + 1e-8
            theta -= (lr / (1.0 - 0.9**t)) * m / denom
        elif opt == "sophia":  # SophiaG: rho 0.04, betas (0.965, 0.99), wd 0.1, h every 10
            theta *= 1.0 - lr * 0.1
            m = 0.965 * m + 0.035 * g
            ratio = np.minimum(np.abs(m) / (0.04 * b * hess + SOPHIA_EPS), 1.0)
            theta -= lr * np.sign(m) * ratio
            if t % 10 == 0:
                hess = 0.99 * hess + 0.01 * (H / b)
        elif opt == "lion":  # lion-pytorch: betas (0.9, 0.99), wd 0
            c = 0.9 * m + 0.1 * g
            theta -= lr * np.sign(c)
            m = 0.99 * m + 0.01 * g
        loss = 0.5 * np.sum(H * theta * theta, axis=1)
        bad = ~np.isfinite(loss) | (loss > 1e6 * initial)
        alive &= ~bad
        theta[~alive] = old[~alive]
        losses[t - 1] = np.where(alive, loss, np.nan)
    tail = STEPS // 10
    return np.where(alive, losses[-tail:].mean(axis=0), np.nan)


def main():
    best = float("inf")
    checksum = 0.0
    for _ in range(3):
        rng = np.random.default_rng(1)
        start = time.perf_counter()
        finals = [sweep_one(o, rng) for o in ("sgd", "momentum", "adam", "adamw", "sophia", "lion")]
        best = min(best, (time.perf_counter() - start) * 1e3)
        checksum = float(sum(np.nanmin(f.reshape(len(BATCHES), -1), axis=1).sum() for f in finals))
    print(f"numpy default_sweep ms {best:.3f} runs {6 * len(BATCHES) * len(RATES)} "
          f"updates {STEPS} numpy {np.__version__} checksum {checksum:.6g}")


if __name__ == "__main__":
    main()
