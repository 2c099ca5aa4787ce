#!/usr/bin/env python3
"""Parameter counts of the model presets and PEFT LoRA trainable/total counts.

Builds every model on PyTorch's meta device from its Hugging Face config fields (no weights are
downloaded or allocated), counts parameters the way transformers does, then wraps the model
with PEFT `get_peft_model` and reads `get_nb_trainable_parameters()` (the two numbers
`print_trainable_parameters` prints; "all params" includes the adapters).

Generates the vectors of:
  src/core/memory/model.rs       tests `reference_totals`, `computed_totals_match_published_figures`
  src/core/memory/hf_config.rs   test `parses_the_supported_families`
  src/core/memory/lora.rs        tests `matches_peft_printouts`, `gpt2_names_and_rank_limits`
  src/core/memory/tests.rs       tests `lora_reference_memory`, `from_fields_defaults_and_errors`,
                                 `custom_fields_rebuild_every_preset_and_pasted_config`

Run (versions used: torch 2.15.0, transformers 5.24.0, peft 0.21.2, accelerate 1.16.0):
  python tests/reference/peft_lora_counts.py
Exits non-zero if any number differs from the one the Rust tests expect.
"""

import sys

import torch
import transformers
import peft
from transformers import AutoConfig, AutoModelForCausalLM
from peft import LoraConfig, get_peft_model

# The fields of each preset: the models' config.json values (src/core/memory/model.rs `preset`).
LLAMA_LIKE = {
    # name: (model_type, hidden, layers, heads, kv_heads, ffn, vocab, tied, extra)
    "llama-2-7b": ("llama", 4096, 32, 32, 32, 11008, 32000, False, {}),
    "llama-2-13b": ("llama", 5120, 40, 40, 40, 13824, 32000, False, {}),
    "llama-3-8b": ("llama", 4096, 32, 32, 8, 14336, 128256, False, {}),
    "llama-3.2-1b": ("llama", 2048, 16, 32, 8, 8192, 128256, True, {}),
    "llama-3.2-3b": ("llama", 3072, 28, 24, 8, 8192, 128256, True, {}),
    "mistral-7b": ("mistral", 4096, 32, 32, 8, 14336, 32000, False, {}),
    "qwen2.5-0.5b": ("qwen2", 896, 24, 14, 2, 4864, 151936, True, {}),
    "qwen2.5-3b": ("qwen2", 2048, 36, 16, 2, 11008, 151936, True, {}),
    "qwen2.5-7b": ("qwen2", 3584, 28, 28, 4, 18944, 152064, False, {}),
    # mistralai/Mistral-Nemo-Base-2407: head_dim 128 differs from hidden / heads = 160.
    "mistral-nemo": ("mistral", 5120, 40, 32, 8, 14336, 131072, False, {"head_dim": 128}),
}

# Expected by the Rust tests.
WANT_TOTAL = {
    "gpt2": 124_439_808,
    "llama-2-7b": 6_738_415_616,
    "llama-2-13b": 13_015_864_320,
    "llama-3-8b": 8_030_261_248,
    "llama-3.2-1b": 1_235_814_400,
    "llama-3.2-3b": 3_212_749_824,
    "mistral-7b": 7_241_732_096,
    "qwen2.5-0.5b": 494_032_768,
    "qwen2.5-3b": 3_085_938_688,
    "qwen2.5-7b": 7_615_616_512,
    "mistral-nemo": 12_247_782_400,
}
WANT_PER_LAYER = {"llama-2-7b": 202_383_360, "gpt2": 7_087_872}
WANT_LINEAR = {"llama-2-7b": 6_476_005_376}
# (model, r, target_modules or None for PEFT's default) -> (trainable, all params)
WANT_LORA = [
    ("llama-2-7b", 8, None, (4_194_304, 6_742_609_920)),
    ("llama-2-7b", 16, ["q_proj", "v_proj"], (8_388_608, 6_746_804_224)),
    ("gpt2", 8, None, (294_912, 124_734_720)),
    ("llama-2-13b", 8, ["q_proj", "v_proj"], (6_553_600, 13_022_417_920)),
    ("llama-3.2-3b", 32, ["q_proj", "v_proj"], (9_175_040, 3_221_924_864)),
    ("llama-3.2-3b", 64, ["q_proj", "v_proj"], (18_350_080, 3_231_099_904)),
    ("llama-3.2-3b", 10, ["gate_proj", "up_proj", "down_proj"], (9_461_760, 3_222_211_584)),
    # PEFT matches target names by suffix: "c_proj" adapts attn.c_proj and mlp.c_proj.
    ("gpt2", 8, ["c_attn", "c_proj"], (811_008, 125_250_816)),
]


def config(name):
    if name == "gpt2":
        # transformers' GPT2Config defaults are the `gpt2` checkpoint's shape.
        return AutoConfig.for_model("gpt2")
    mt, d, n_layers, n_h, n_kv, ffn, vocab, tied, extra = LLAMA_LIKE[name]
    return AutoConfig.for_model(
        mt,
        hidden_size=d,
        num_hidden_layers=n_layers,
        num_attention_heads=n_h,
        num_key_value_heads=n_kv,
        intermediate_size=ffn,
        vocab_size=vocab,
        tie_word_embeddings=tied,
        **extra,
    )


def build(name):
    with torch.device("meta"):
        return AutoModelForCausalLM.from_config(config(name))


def per_layer(model):
    layers = model.transformer.h if hasattr(model, "transformer") else model.model.layers
    return sum(p.numel() for p in layers[0].parameters())


def linear_in_layers(model):
    layers = model.transformer.h if hasattr(model, "transformer") else model.model.layers
    n = 0
    for layer in layers:
        for m in layer.modules():
            if isinstance(m, torch.nn.Linear):
                n += m.weight.numel()
    return n


def main():
    print(f"torch {torch.__version__}, transformers {transformers.__version__}, peft {peft.__version__}")
    bad = 0

    def check(label, got, want):
        nonlocal bad
        ok = want is None or got == want
        bad += not ok
        print(f"  {label:<48} {got!s:>28}  {'ok' if ok else f'MISMATCH (Rust test: {want})'}")

    print("parameter counts (model.num_parameters(), tied weights once):")
    for name in WANT_TOTAL:
        m = build(name)
        check(f"{name} total", m.num_parameters(), WANT_TOTAL[name])
        if name in WANT_PER_LAYER:
            check(f"{name} per layer", per_layer(m), WANT_PER_LAYER[name])
        if name in WANT_LINEAR:
            check(f"{name} linear weights in decoder layers", linear_in_layers(m), WANT_LINEAR[name])

    print("config defaults when tie_word_embeddings is missing:")
    for mt in ("llama", "mistral", "qwen2", "gpt2"):
        print(f"  {mt:<10} tie_word_embeddings = {AutoConfig.for_model(mt).tie_word_embeddings}")

    print("LoRA (peft get_peft_model, get_nb_trainable_parameters):")
    for name, r, targets, want in WANT_LORA:
        m = build(name)
        kw = {"r": r, "task_type": "CAUSAL_LM"}
        if targets is not None:
            kw["target_modules"] = targets
        pm = get_peft_model(m, LoraConfig(**kw))
        got = pm.get_nb_trainable_parameters()
        check(f"{name} r={r} {','.join(targets) if targets else '(default targets)'}", got, want)
        if targets is None:
            print(f"    default targets: {sorted(pm.peft_config['default'].target_modules)}")

    if bad:
        print(f"{bad} mismatch(es)")
        sys.exit(1)
    print("all match")


if __name__ == "__main__":
    main()
