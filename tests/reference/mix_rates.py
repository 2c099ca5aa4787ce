#!/usr/bin/env python3
"""Multi-task mixing rates the way seqio computes them, and multilingual α-sampling.

seqio (google/seqio) computes a task's rate in `seqio/utils.py`, `mixing_rate_num_examples`
(seqio 0.0.20, lines 1337-1382): rate = n_examples * scale; if maximum: rate = min(rate,
maximum); if temperature != 1: rate = rate ** (1 / temperature). A `Mixture` passes the rates
as weights to `tf.data.Dataset.sample_from_datasets` (`seqio/dataset_providers.py`,
`Mixture.get_dataset`), so task i is drawn with probability rate_i / Σ rate. seqio itself imports TensorFlow at module level, which this environment does not
have, so `seqio_rate` below restates those five lines. To run seqio's own function instead,
pass the path of a downloaded seqio wheel (`pip download seqio==0.0.20 --no-deps`):
the script then extracts `mixing_rate_num_examples` from the wheel's `seqio/utils.py` source
with `ast`, runs it on a stub task, and checks both agree.

Multilingual sampling: XLM-R (Conneau et al. 2020, arXiv:1911.02116, §3) q_i =
p_i^α / Σ_j p_j^α with p_i = n_i / Σ n and α = 0.3; mT5 (Xue et al. 2021, §3) p(L) ∝ |L|^α with
α = 0.3 (`multilingual_t5/tasks.py`: DEFAULT_TEMPERATURE = 1.0 / 0.3 passed to seqio); mBERT
(google-research/bert `multilingual.md`) exponent S = 0.7.

Generates the vectors of:
  src/core/mix.rs                 tests `t5_table`, `multilingual_alpha`, `rows_parse_independently`
  src/chart/data/mix_shares.rs    test `draws_labels_bars_and_the_current_mark`
  tests/e2e/data.test.mjs         the T5 and multilingual tests

Run:
  python tests/reference/mix_rates.py [path/to/seqio-0.0.20-py2.py3-none-any.whl]
Exits non-zero if a value differs from the one the Rust tests expect (at their tolerance).
"""

import ast
import sys
import zipfile

T5 = [1e6, 1e5, 1e4]
ML = [1e9, 1e7]


def seqio_rate(n, maximum=None, scale=1.0, temperature=1.0):
    """seqio 0.0.20 `seqio/utils.py` `mixing_rate_num_examples`, minus the task lookup."""
    ret = n * scale
    if maximum:
        ret = min(ret, maximum)
    if temperature != 1.0:
        ret = ret ** (1.0 / temperature)
    return ret


def normalise(rates):
    total = sum(rates)
    return [r / total for r in rates]


def mix(ns, maximum=None, temperature=1.0, rate=seqio_rate):
    return normalise([rate(n, maximum=maximum, temperature=temperature) for n in ns])


def xlmr(ns, alpha):
    p = normalise(ns)
    return normalise([x**alpha for x in p])


def seqio_from_wheel(path):
    """seqio's own `mixing_rate_num_examples`, taken from the wheel's source text."""
    with zipfile.ZipFile(path) as z:
        src = z.read("seqio/utils.py").decode()
    tree = ast.parse(src)
    fn = next(
        node
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name == "mixing_rate_num_examples"
    )
    module = ast.Module(body=[fn], type_ignores=[])

    class Logging:
        @staticmethod
        def warning(*_args, **_kw):
            pass

    env = {"Optional": __import__("typing").Optional, "logging": Logging}
    exec(compile(module, "seqio/utils.py", "exec"), env)
    real = env["mixing_rate_num_examples"]

    class Task:
        cache_dir = None
        name = "stub"

        def __init__(self, n):
            self.n = n

        def num_input_examples(self, split):
            return self.n

    def rate(n, maximum=None, temperature=1.0):
        return real(Task(n), maximum=maximum, temperature=temperature)

    return rate


def main():
    bad = 0

    def check(label, got, want, tol):
        nonlocal bad
        ok = len(got) == len(want) and all(abs(g - w) <= tol for g, w in zip(got, want))
        bad += not ok
        shown = ", ".join(f"{g:.10f}" for g in got)
        print(f"  {label:<34} ({shown})  {'ok' if ok else f'MISMATCH (Rust test: {want})'}")

    rates = [("restated", seqio_rate)]
    if len(sys.argv) > 1:
        rates.append(("seqio wheel", seqio_from_wheel(sys.argv[1])))

    for which, rate in rates:
        print(f"T5 mixing, e = (1e6, 1e5, 1e4), seqio rate ({which}):")
        check("proportional (no K, T = 1)", mix(T5, rate=rate), [0.9009, 0.0901, 0.0090], 5e-5)
        check("K = 2^16", mix(T5, 2**16, rate=rate), [0.46456, 0.46456, 0.07089], 5e-6)
        check("K = 2^21, T = 2", mix(T5, 2**21, 2.0, rate=rate), [0.70610, 0.22329, 0.07061], 5e-6)
        check("T = 1e6 (≈ equal)", mix(T5, None, 1e6, rate=rate), [1 / 3] * 3, 1e-5)
        print(f"multilingual, n = (1e9, 1e7), seqio rate with T = 1/α ({which}):")
        check("α = 1 (proportional)", mix(ML, rate=rate), [0.9901, 0.0099], 5e-5)
        check("mBERT S = 0.7", mix(ML, None, 1 / 0.7, rate=rate), [0.9617, 0.0383], 5e-5)
        check("mT5 α = 0.3", mix(ML, None, 1 / 0.3, rate=rate), [0.7992, 0.2008], 5e-5)

    print("XLM-R form on probabilities (Conneau et al. 2020):")
    check("α = 0.3", xlmr(ML, 0.3), mix(ML, None, 1 / 0.3), 1e-12)
    r = xlmr([1000.0, 1.0], 0.7)
    ratio = r[0] / r[1]
    ok = abs(ratio - 125.8925) < 1e-3
    bad += not ok
    print(f"  mBERT: 1000x the data is sampled {ratio:.6f}x as often  {'ok' if ok else 'MISMATCH'}")

    if bad:
        print(f"{bad} mismatch(es)")
        sys.exit(1)
    print("all match")


if __name__ == "__main__":
    main()
