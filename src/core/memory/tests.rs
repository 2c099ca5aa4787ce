//! Tests of the whole estimate (published worked examples, values printed by the scripts in
//! `tests/reference/`, and no-panic properties).

use super::activations::{Attention, Checkpointing};
use super::gpu::GPUS;
use super::lora::LoraConfig;
use super::model::ModelConfig;
use super::model::{PRESETS, preset};
use super::optimizer_state::Optimizer;
use super::overhead::Overhead;
use super::precision::Precision;
use super::zero::Zero;
use super::*;

fn input(model: &str, method: Method, prec: Precision, opt: Optimizer) -> MemoryInput {
    let m = preset(model).unwrap_or_else(|e| panic!("{e}"));
    MemoryInput::new(
        m,
        method,
        prec,
        opt,
        1,
        2048,
        Attention::Flash,
        Checkpointing::None,
        Zero { stage: 0, gpus: 1 },
        1,
        Overhead::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn est(i: &MemoryInput) -> MemoryEstimate {
    i.estimate().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn sixteen_bytes_per_parameter() {
    // Mixed-precision Adam keeps 2Ψ + 2Ψ + 12Ψ = 16Ψ bytes (Rajbhandari et al. 2020, ZeRO,
    // arXiv:1910.02054, §3.1): Llama-2-7B × 16 B = 107,814,649,856 B
    // (`python tests/reference/memory_arithmetic.py`).
    let e = est(&input(
        "llama-2-7b",
        Method::Full,
        Precision::Bf16Master,
        Optimizer::AdamW,
    ));
    let s = e.states;
    assert_eq!(s.weights + s.grads + s.optimizer, 107_814_649_856);
    assert_eq!(
        (
            e.bytes_per_param.weights,
            e.bytes_per_param.grads,
            e.bytes_per_param.optimizer
        ),
        (2.0, 2.0, 12.0)
    );
    // bf16 weights + bf16 grads + fp32 master = 8 B, plus the fp32 states: none for SGD, one for
    // momentum (`momentum_buffer`, torch/optim/sgd.py) and Lion (`exp_avg`, google/automl
    // lion/lion_pytorch.py), two for SophiaG (`exp_avg`, `hessian`, Liuhong99/Sophia sophia.py).
    let total = |opt| {
        let e = est(&input(
            "llama-2-7b",
            Method::Full,
            Precision::Bf16Master,
            opt,
        ));
        (e.states.weights + e.states.grads + e.states.optimizer) as f64 / 6_738_415_616.0
    };
    assert_eq!(total(Optimizer::Sgd), 8.0);
    assert_eq!(total(Optimizer::Momentum), 12.0);
    assert_eq!(total(Optimizer::Lion), 12.0);
    assert_eq!(total(Optimizer::Sophia), 16.0);
    // 8-bit AdamW: 2 B of states + two fp32 absmax per 256 values (bitsandbytes 0.50.2
    // `init_state` on the meta-device model, tests/reference/bnb_bytes.py): 10.03125 B/param.
    assert_eq!(total(Optimizer::AdamW8bit), 10.03125);
    // Variants: pure fp32 Adam 16 B; amp 18 B (bf16 cast copy); pure bf16 8 B.
    let prec = |p| {
        let e = est(&input("llama-2-7b", Method::Full, p, Optimizer::AdamW));
        (e.states.weights + e.states.grads + e.states.optimizer) as f64 / 6_738_415_616.0
    };
    assert_eq!(prec(Precision::Fp32), 16.0);
    assert_eq!(prec(Precision::Amp), 18.0);
    assert_eq!(prec(Precision::PureBf16), 8.0);
}

#[test]
fn adafactor_is_exact_per_matrix() {
    // GPT-2: every matrix gets rows + cols fp32 values, vectors their length (Shazeer & Stern 2018).
    let i = input("gpt2", Method::Full, Precision::Fp32, Optimizer::Adafactor);
    let m = &i.model;
    let want: u64 = m
        .tensors()
        .iter()
        .map(|t| {
            if t.cols > 1 {
                (t.rows + t.cols) * t.count * 4
            } else {
                t.rows * t.count * 4
            }
        })
        .sum();
    assert_eq!(est(&i).states.optimizer, u128::from(want));
    // wte 50257+768, wpe 1024+768, per layer c_attn 2304+768, attn c_proj 768+768,
    // c_fc 3072+768, mlp c_proj 768+3072; biases 2304+768+3072+768; 4 LN vectors; ln_f 2·768.
    let by_hand = 4 * (51_025 + 1792 + 12 * (3072 + 1536 + 3840 + 3840 + 6912 + 4 * 768) + 2 * 768);
    assert_eq!(want, by_hand);
}

#[test]
fn lora_reference_memory() {
    // LoRA r = 8 on q_proj, v_proj: 4,194,304 trainable (tests/reference/peft_lora_counts.py)
    // × 16 B (fp32 weights, grads, m, v) = 67.1 MB; the frozen bf16 base is 13.48 GB.
    let m = preset("llama-2-7b").unwrap_or_else(|e| panic!("{e}"));
    let l = LoraConfig::new(&m, 8, vec!["q_proj", "v_proj"]).unwrap_or_else(|e| panic!("{e}"));
    let e = est(&input(
        "llama-2-7b",
        Method::Lora(l.clone()),
        Precision::Bf16Master,
        Optimizer::AdamW,
    ));
    assert_eq!(
        (e.params_trainable, e.params_all),
        (4_194_304, 6_742_609_920)
    );
    assert_eq!(
        e.states.grads + e.states.optimizer + 4 * 4_194_304,
        16 * 4_194_304
    );
    assert_eq!(e.states.weights, 2 * 6_738_415_616 + 4 * 4_194_304);
    // QLoRA (Dettmers et al. 2023, §3): NF4 linears with double quantisation, bf16 embeddings,
    // head and norms ≈ 3.87 GB; bitsandbytes 0.50.2 `quantize_4bit` on each linear shape gives
    // 3,865,592,704 B (`python tests/reference/bnb_bytes.py`).
    let q = est(&input(
        "llama-2-7b",
        Method::Qlora {
            lora: l,
            double_quant: true,
        },
        Precision::Bf16Master,
        Optimizer::AdamW,
    ));
    let base = q.states.weights - 4 * 4_194_304;
    assert_eq!(base, 3_865_592_704);
    assert_eq!((base as f64 / 1e7).round() / 100.0, 3.87, "{base}");
}

#[test]
fn from_fields_defaults_and_errors() {
    let fields = |pairs: &'static [(&'static str, &'static str)]| {
        MemoryInput::from_fields(move |k| pairs.iter().find(|(a, _)| *a == k).map(|(_, v)| *v))
    };
    let d = fields(&[]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (d.model.params_total(), d.mbs, d.seq, d.prec),
        (6_738_415_616, 1, 2048, Precision::Bf16Master)
    );
    let l = fields(&[("model", "gpt2"), ("method", "lora")]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(l.params_trainable(), 294_912);
    let bad = |p: &'static [(&'static str, &'static str)]| fields(p).err().map(|e| e.field);
    assert_eq!(
        bad(&[
            ("model", "custom"),
            ("hidden", "4096"),
            ("layers", "0"),
            ("heads", "32"),
            ("ffn", "1"),
            ("vocab", "9")
        ]),
        Some("layers")
    );
    assert_eq!(
        bad(&[
            ("model", "custom"),
            ("hidden", "100"),
            ("layers", "2"),
            ("heads", "3"),
            ("ffn", "1"),
            ("vocab", "9")
        ]),
        Some("heads")
    );
    assert_eq!(
        bad(&[
            ("model", "custom"),
            ("hidden", "96"),
            ("layers", "2"),
            ("heads", "4"),
            ("kv_heads", "3"),
            ("ffn", "1"),
            ("vocab", "9")
        ]),
        Some("kv_heads")
    );
    assert_eq!(bad(&[("method", "lora"), ("r", "5000")]), Some("r"));
    assert_eq!(
        bad(&[("model", "config"), ("config", "{oops")]),
        Some("config")
    );
    assert_eq!(
        bad(&[("model", "config"), ("config", r#"{"model_type":"bert"}"#)]),
        Some("config")
    );
    assert_eq!(bad(&[("mbs", "0")]), Some("mbs"));
    assert_eq!(bad(&[("seq", "2e6")]), Some("seq"));
    assert_eq!(bad(&[("zero", "4")]), Some("zero"));
    assert_eq!(bad(&[("opt", "adam")]), Some("opt"));
}

#[test]
fn max_mbs_search() {
    let mut i = input(
        "llama-3.2-1b",
        Method::Full,
        Precision::Bf16Master,
        Optimizer::AdamW,
    );
    i.ckpt = Checkpointing::Full;
    for gpu in GPUS {
        let n = i.max_mbs(gpu.bytes());
        let fits = |mbs: u64| i.with_mbs(mbs).estimate().is_ok_and(|e| e.fits(gpu));
        if n == 0 {
            assert!(!fits(1));
        } else {
            assert!(fits(n));
            assert!(n == MAX_MBS || !fits(n + 1));
        }
    }
    // 16 B/param of Llama-2-13B (208 GB) fits no single card: 0.
    let big = input(
        "llama-2-13b",
        Method::Full,
        Precision::Bf16Master,
        Optimizer::AdamW,
    );
    assert_eq!(big.max_mbs(GPUS[GPUS.len() - 1].bytes()), 0);
    assert_eq!(big.max_mbs(u64::MAX), MAX_MBS);
}

/// A small deterministic generator for the property tests (64-bit LCG, Knuth's constants).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 11
    }
    fn pick(&mut self, xs: &[u64]) -> u64 {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

#[test]
fn never_panics_and_grows_with_batch_and_sequence() {
    let mut g = Lcg(7);
    let edge = [
        0,
        1,
        2,
        3,
        7,
        64,
        4096,
        65_536,
        1_048_576,
        10_000_000,
        u64::MAX,
    ];
    let words = ["", "full", "lora", "qlora", "x"];
    let mut valid = 0;
    for _ in 0..3000 {
        let n = |g: &mut Lcg| g.pick(&edge).to_string();
        let vals: Vec<(&str, String)> = vec![
            (
                "model",
                if g.next().is_multiple_of(2) {
                    "custom".into()
                } else {
                    PRESETS[(g.next() % 10) as usize].into()
                },
            ),
            (
                "family",
                ["llama", "gpt2", "qwen2", "mistral", "t5"][(g.next() % 5) as usize].into(),
            ),
            ("hidden", n(&mut g)),
            ("layers", n(&mut g)),
            ("heads", n(&mut g)),
            ("kv_heads", n(&mut g)),
            ("ffn", n(&mut g)),
            ("vocab", n(&mut g)),
            ("method", words[(g.next() % 5) as usize].into()),
            ("r", n(&mut g)),
            ("prec", Precision::KEYS[(g.next() % 4) as usize].into()),
            ("opt", Optimizer::KEYS[(g.next() % 7) as usize].into()),
            ("mbs", n(&mut g)),
            ("seq", n(&mut g)),
            ("attn", ["eager", "flash"][(g.next() % 2) as usize].into()),
            (
                "ckpt",
                ["none", "selective", "full"][(g.next() % 3) as usize].into(),
            ),
            ("gpus", n(&mut g)),
            ("zero", (g.next() % 5).to_string()),
            ("ga", n(&mut g)),
        ];
        let r = MemoryInput::from_fields(|k| {
            vals.iter().find(|(a, _)| *a == k).map(|(_, v)| v.as_str())
        });
        if let Ok(i) = r {
            valid += 1;
            let e = est(&i);
            let parts = [
                e.weights,
                e.grads,
                e.optimizer,
                e.activations,
                e.logits,
                e.overhead,
            ];
            let sum = parts.iter().fold(0u64, |a, &b| a.saturating_add(b));
            assert_eq!(e.total, sum);
            assert!(
                e.bytes_per_param.weights.is_finite() && e.bytes_per_param.optimizer.is_finite()
            );
            if i.mbs < MAX_MBS {
                assert!(est(&i.with_mbs(i.mbs + 1)).total >= e.total);
            }
            if i.seq < MAX_SEQ {
                let mut longer = i.clone();
                longer.seq += 1;
                assert!(est(&longer).total >= e.total);
            }
            let _ = i.max_mbs(GPUS[0].bytes());
        }
    }
    // The generator must reach valid inputs often enough for the checks above to bite.
    assert!(valid >= 100, "only {valid} valid inputs");
}

#[test]
fn custom_fields_rebuild_every_preset_and_pasted_config() {
    // A pasted config becomes the custom fields; reading them back gives the same model.
    let rebuild = |m: &ModelConfig| {
        let texts = m.field_texts();
        MemoryInput::from_fields(|k| {
            if k == "model" {
                return Some("custom");
            }
            texts.iter().find(|(a, _)| *a == k).map(|(_, v)| v.as_str())
        })
        .map(|i| i.model)
    };
    for name in PRESETS {
        let m = preset(name).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(rebuild(&m).as_ref(), Ok(&m), "{name}");
    }
    // mistralai/Mistral-Nemo-Base-2407 config.json: head_dim 128 ≠ 5120 / 32 = 160.
    let nemo = hf_config::parse(
        r#"{"model_type":"mistral","hidden_size":5120,"num_hidden_layers":40,
        "num_attention_heads":32,"num_key_value_heads":8,"head_dim":128,
        "intermediate_size":14336,"vocab_size":131072,"tie_word_embeddings":false}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(nemo.head_dim, 128);
    assert_eq!(rebuild(&nemo).as_ref(), Ok(&nemo));
    // 12.25B: the HF hub figure for Mistral-Nemo-Base-2407 (safetensors "12.2B").
    assert_eq!(nemo.params_total(), 12_247_782_400);
}

#[test]
fn both_moments_add_up_and_the_peak_is_the_larger() {
    let m = preset("llama-3-8b").unwrap_or_else(|e| panic!("{e}"));
    let l = LoraConfig::new(&m, 8, vec!["q_proj", "v_proj"]).unwrap_or_else(|e| panic!("{e}"));
    for method in [Method::Full, Method::Lora(l)] {
        for ga in [1, 4] {
            for seq in [16, 2048] {
                let mut i = input(
                    "llama-3-8b",
                    method.clone(),
                    Precision::Bf16Master,
                    Optimizer::AdamW,
                );
                i.ga = ga;
                i.seq = seq;
                let e = est(&i);
                for p in [e.backward, e.step] {
                    assert_eq!(p.list().iter().sum::<u64>(), p.total);
                }
                assert_eq!(e.total, e.backward.total.max(e.step.total));
                let peak = if e.phase == Phase::BackwardStart {
                    e.backward
                } else {
                    e.step
                };
                assert_eq!(
                    peak.list(),
                    [
                        e.weights,
                        e.grads,
                        e.optimizer,
                        e.activations,
                        e.logits,
                        e.overhead
                    ]
                );
                assert_eq!(e.step.grads as u128, e.states.grads);
                assert_eq!(e.backward.grads, if ga > 1 { e.step.grads } else { 0 });
            }
        }
    }
    // Full fine-tuning at a short sequence peaks at the optimizer step (all gradients alive).
    let mut i = input(
        "llama-3-8b",
        Method::Full,
        Precision::Bf16Master,
        Optimizer::AdamW,
    );
    i.seq = 16;
    assert_eq!(est(&i).phase, Phase::OptimizerStep);
}
