#!/usr/bin/env python3
"""Memory arithmetic of the Memory view's reference tests, from the papers' formulas.

* Activations per layer of a GPT block, Korthikanti et al. 2022 ("Reducing Activation
  Recomputation in Large Transformer Models", arXiv:2205.05198, §4.1): sbh(34 + 5as/h) bytes
  with no recomputation, 34sbh with selective recomputation (§5; also what FlashAttention
  leaves), 2sbh with full recomputation (the layer input).
* Logits: s·b·V elements per micro-batch (Llama-3-8B, V = 128256).
* Model states, ZeRO (Rajbhandari et al. 2020, arXiv:1910.02054): mixed-precision Adam keeps
  2Ψ + 2Ψ + KΨ bytes with K = 12 (§3.1); per GPU under ZeRO-DP stages 1-3 (§5, Fig. 1):
  4Ψ + KΨ/N_d, 2Ψ + (2 + K)Ψ/N_d, (4 + K)Ψ/N_d.
* Byte units: GB = 10^9 B, GiB = 2^30 B.
Ψ for Llama-2-7B = 6,738,415,616 comes from tests/reference/peft_lora_counts.py.

Generates the vectors of:
  src/core/memory/activations.rs  tests `korthikanti_reference_example`, `logits_reference_example`
  src/core/memory/tests.rs        test `sixteen_bytes_per_parameter` (16 B/param)
  src/core/memory/zero.rs         test `reference_table`
  src/core/memory/byte_unit.rs    test `units`
  tests/e2e/memory.test.mjs       states, ZeRO and logits values

Run:
  python tests/reference/memory_arithmetic.py
Exits non-zero if a value differs from the one the Rust tests expect.
"""

import sys

LLAMA2_7B = 6_738_415_616
bad = 0


def check(label, got, want):
    global bad
    ok = got == want
    bad += not ok
    print(f"  {label:<50} {got!s:>18}  {'ok' if ok else f'MISMATCH (Rust test: {want})'}")


def activations():
    print("Korthikanti et al. 2022 §4.1, s = 2048, b = 1, h = 4096, a = 32 (bytes per layer):")
    s, b, h, a = 2048, 1, 4096, 32
    full = s * b * h * 34 + 5 * a * s * s * b  # = sbh(34 + 5as/h)
    assert full * h == s * b * h * (34 * h + 5 * a * s)
    check("no recomputation, sbh(34 + 5as/h)", full, 956_301_312)
    check("selective / FlashAttention, 34sbh", 34 * s * b * h, 285_212_672)
    check("full recomputation, 2sbh", 2 * s * b * h, 16_777_216)
    for label, x in [("no recomputation", full), ("34sbh", 34 * s * b * h), ("2sbh", 2 * s * b * h)]:
        print(f"    x 32 layers, {label}: {32 * x / 1e9:.3f} GB")

    print("Logits, Llama-3-8B (V = 128256), s = 2048, b = 1:")
    n = 2048 * 1 * 128256
    check("elements s·b·V", n, 262_668_288)
    check("GB in bf16 (3 decimals)", round(2 * n / 1e9, 3), 0.525)
    check("GB in fp32 (3 decimals)", round(4 * n / 1e9, 3), 1.051)


def states():
    print("Model states, ZeRO §3.1 (bf16 weights 2 + bf16 grads 2 + fp32 master/m/v 12):")
    check("Llama-2-7B x 16 B", 16 * LLAMA2_7B, 107_814_649_856)
    print("  state bytes per parameter by optimizer (bf16 weights + grads + fp32 master = 8 B):")
    for name, state in [("SGD", 0), ("SGD momentum", 4), ("Lion", 4), ("SophiaG", 8), ("AdamW", 8)]:
        print(f"    {name:<14} {8 + state} B")

    def per_gpu(psi, stage, nd, k=12):
        w, g, o = 2 * psi, 2 * psi, k * psi
        if stage >= 1:
            o = -(-o // nd)
        if stage >= 2:
            g = -(-g // nd)
        if stage >= 3:
            w = -(-w // nd)
        return w + g + o

    print("ZeRO-DP per GPU (§5, Fig. 1), 7.5B params, N_d = 64 (GB):")
    p = 7_500_000_000
    check("baseline", per_gpu(p, 0, 64) / 1e9, 120.0)
    check("ZeRO-1 (3 decimals)", round(per_gpu(p, 1, 64) / 1e9, 3), 31.406)
    check("ZeRO-2 (2 decimals)", round(per_gpu(p, 2, 64) / 1e9, 2), 16.64)
    check("ZeRO-3 (3 decimals)", round(per_gpu(p, 3, 64) / 1e9, 3), 1.875)
    print("Llama-2-7B, N_d = 8 (GB, 2 decimals; bytes for the e2e test):")
    for stage, want, exact in [(0, 107.81, None), (1, 37.06, None), (2, 25.27, 25_269_058_560), (3, 13.48, 13_476_831_232)]:
        got = per_gpu(LLAMA2_7B, stage, 8)
        check(f"stage {stage}", round(got / 1e9, 2), want)
        if exact is not None:
            check(f"stage {stage} bytes", got, exact)


def units():
    print("Units: 7e9 params x 16 B")
    b = 7_000_000_000 * 16
    check("GB", b / 1e9, 112.0)
    check("GiB (2 decimals)", round(b / 2**30, 2), 104.31)


def main():
    activations()
    states()
    units()
    if bad:
        print(f"{bad} mismatch(es)")
        sys.exit(1)
    print("all match")


if __name__ == "__main__":
    main()
