#!/usr/bin/env python3
"""Bytes bitsandbytes really allocates: 8-bit AdamW states and NF4 (QLoRA) weights.

* 8-bit AdamW (Dettmers et al. 2022, block-wise quantisation): bitsandbytes 0.50.2
  `bitsandbytes/optim/optimizer.py`, `Optimizer2State.init_state`: tensors with fewer than
  `min_8bit_size = 4096` elements keep two fp32 states; larger ones get two uint8 states and one
  fp32 absmax per block of 256 elements per state (the block was 2048 up to bitsandbytes 0.43;
  0.44.0 changed it to 256). The script calls `init_state` of a real `bnb.optim.AdamW8bit` on
  small CPU tensors, and on the meta-device Llama-2-7B for the whole-model bytes per parameter.
* NF4 with double quantisation (Dettmers et al. 2023, QLoRA, §3): bitsandbytes
  `bitsandbytes/functional.py` `quantize_4bit(blocksize=64, compress_statistics=True)`: packed
  4-bit values (n/2 bytes), uint8 absmax per 64-block, fp32 absmax per 256 of those, one fp32
  offset. Run on random bf16 CPU tensors of each Llama-2-7B linear shape. (Each quantised tensor
  also carries its 16-entry NF4 code and a 256-entry dynamic code for the nested constants,
  1,088 B, which the app leaves out: 0.24 MB over Llama-2-7B's 224 linears.)

Generates the vectors of:
  src/core/memory/optimizer_state.rs  test `per_tensor_sizes`
  src/core/memory/tests.rs            tests `sixteen_bytes_per_parameter` (8-bit AdamW row),
                                      `lora_reference_memory` (QLoRA weights)
  src/core/memory/nf4.rs              test `reference_bits`

Run (bitsandbytes 0.50.2 on CPU, torch 2.15.0, transformers 5.24.0):
  pip install bitsandbytes==0.50.2
  python tests/reference/bnb_bytes.py
Exits non-zero if a value differs from the one the Rust tests expect.
"""

import sys

import torch
import bitsandbytes as bnb
import bitsandbytes.functional as F
from transformers import AutoConfig, AutoModelForCausalLM

bad = 0


def check(label, got, want):
    global bad
    ok = got == want
    bad += not ok
    print(f"  {label:<52} {got!s:>18}  {'ok' if ok else f'MISMATCH (Rust test: {want})'}")


def state_bytes(opt, p):
    skip = ("qmap1", "qmap2")  # one code table per optimizer, shared by every tensor
    return sum(
        v.numel() * v.element_size()
        for k, v in opt.state[p].items()
        if torch.is_tensor(v) and k not in skip
    )


def init_all(opt):
    for group in opt.param_groups:
        for i, p in enumerate(group["params"]):
            opt.init_state(group, p, 0, i)


def adam8bit():
    print(f"bitsandbytes {bnb.__version__} AdamW8bit state bytes (init_state):")
    shapes = {(4096, 4096): 34_078_720, (4095,): 32_760, (4096,): 8_320, (1000, 5): 10_160}
    params = {s: torch.nn.Parameter(torch.zeros(s)) for s in shapes}
    opt = bnb.optim.AdamW8bit(list(params.values()))
    init_all(opt)
    for s, want in shapes.items():
        check(f"shape {s}", state_bytes(opt, params[s]), want)

    # Whole model: Llama-2-7B on the meta device, bf16 weights + bf16 grads + fp32 master.
    cfg = AutoConfig.for_model(
        "llama", hidden_size=4096, num_hidden_layers=32, num_attention_heads=32,
        num_key_value_heads=32, intermediate_size=11008, vocab_size=32000,
        tie_word_embeddings=False,
    )
    with torch.device("meta"):
        model = AutoModelForCausalLM.from_config(cfg)
    ps = list(model.parameters())
    opt = bnb.optim.AdamW8bit(ps)
    init_all(opt)
    n = sum(p.numel() for p in ps)
    states = sum(state_bytes(opt, p) for p in ps)
    per_param = (2 + 2 + 4) + states / n
    check("Llama-2-7B 8-bit AdamW optimizer state bytes", states, 2 * n + 8 * n // 256)
    check("  + bf16 weights, grads, fp32 master: B/param", per_param, 10.03125)


def nf4_bytes(shape, dq):
    w = torch.randn(shape, dtype=torch.bfloat16)
    q, st = F.quantize_4bit(w, blocksize=64, compress_statistics=dq, quant_type="nf4")
    b = q.numel() * q.element_size() + st.absmax.numel() * st.absmax.element_size()
    if st.nested:
        b += st.state2.absmax.numel() * st.state2.absmax.element_size()
        b += st.offset.numel() * st.offset.element_size()
        assert st.state2.blocksize == 256
    assert st.blocksize == 64
    return b


def rust_nf4(n, dq):  # src/core/memory/nf4.rs `tensor_bytes`
    blocks = -(-n // 64)
    consts = blocks + 4 * -(-blocks // 256) + 4 if dq else 4 * blocks
    return -(-n // 2) + consts


def nf4():
    print("NF4 (quantize_4bit, blocksize 64):")
    n = 4096 * 4096
    check("4096x4096 with double quantisation", nf4_bytes((4096, 4096), True), 8_388_608 + 262_144 + 4096 + 4)
    check("4096x4096 without", nf4_bytes((4096, 4096), False), 8_388_608 + 1_048_576)
    bits_dq = (nf4_bytes((4096, 4096), True) - n // 2 - 4) * 8 / n
    bits = (nf4_bytes((4096, 4096), False) - n // 2) * 8 / n
    print(f"  constants: {bits} bit/param without DQ, {bits_dq} with DQ (+ 32 bit per tensor)")
    # Llama-2-7B: per layer q, k, v, o 4096x4096, gate and up 11008x4096 (out x in), down
    # 4096x11008; 32 layers. Embeddings, head and the 65 RMSNorm vectors stay bf16.
    linears = [((4096, 4096), 4 * 32), ((11008, 4096), 2 * 32), ((4096, 11008), 32)]
    q = 0
    for shape, count in linears:
        got = nf4_bytes(shape, True)
        check(f"  {shape} with DQ (as nf4.rs)", got, rust_nf4(shape[0] * shape[1], True))
        q += got * count
    bf16 = 2 * (2 * 32000 * 4096 + 65 * 4096)
    total = q + bf16
    print(f"  Llama-2-7B QLoRA base: {q:,} B NF4 + {bf16:,} B bf16 = {total:,} B")
    check("  = GB to 2 decimals", round(total / 1e9, 2), 3.87)


def main():
    adam8bit()
    nf4()
    if bad:
        print(f"{bad} mismatch(es)")
        sys.exit(1)
    print("all match")


if __name__ == "__main__":
    main()
