//! Reading a pasted Hugging Face `config.json` into a [`ModelConfig`].
//!
//! Supported families: Llama, Mistral, Qwen2 (keys `hidden_size`, `num_hidden_layers`,
//! `num_attention_heads`, `num_key_value_heads` (missing → = heads), `intermediate_size`,
//! `vocab_size`, `tie_word_embeddings`, optional `head_dim`) and GPT-2 (`n_embd`, `n_layer`,
//! `n_head`, `n_inner` (null or missing → 4·n_embd), `n_positions`, `vocab_size`).
//! The family comes from `model_type`, else from `architectures`.
//!
//! Defaults when a key is missing follow transformers' config classes
//! (`LlamaConfig`, `MistralConfig`, `Qwen2Config`, `GPT2Config` in transformers 4.x/5.x):
//! `tie_word_embeddings` defaults to false for Llama, Mistral and Qwen2 and to true for GPT-2;
//! GPT-2's other defaults are those of the `gpt2` checkpoint (768, 12, 12, 1024, 50257).
//! Parsing uses `serde_json`; malformed JSON is [`ErrorKind::Malformed`], other families are
//! [`ErrorKind::Unsupported`] naming what was found. All errors carry the field `config`.

use super::model::{Family, ModelConfig};
use crate::core::error::{ErrorKind, Found, InputError, Syntax};
use serde_json::Value;

/// The URL/field key of the pasted config.
pub const FIELD: &str = "config";

/// Largest accepted pasted text, in bytes (a real config.json is a few kB).
pub const MAX_TEXT: usize = 1_000_000;

/// Parses a pasted `config.json`.
pub fn parse(text: &str) -> Result<ModelConfig, InputError> {
    let err = |kind| InputError::new(FIELD, kind);
    if text.trim().is_empty() {
        return Err(err(ErrorKind::Empty));
    }
    if text.len() > MAX_TEXT {
        return Err(err(ErrorKind::AboveMax(MAX_TEXT as f64)));
    }
    let v: Value = serde_json::from_str(text).map_err(|e| {
        err(ErrorKind::Malformed(Syntax::Json {
            line: e.line(),
            column: e.column(),
        }))
    })?;
    let obj = v
        .as_object()
        .ok_or_else(|| err(ErrorKind::Malformed(Syntax::NotAnObject)))?;
    let family = family_of(&v)?;
    let int = |key: &'static str| -> Result<Option<u64>, InputError> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(x) => x
                .as_u64()
                .map(Some)
                .ok_or_else(|| err(ErrorKind::Malformed(Syntax::NotWhole(key)))),
        }
    };
    let need = |key: &'static str| -> Result<u64, InputError> {
        int(key)?.ok_or_else(|| err(ErrorKind::Malformed(Syntax::Missing(key))))
    };
    let tied = |default: bool| -> Result<bool, InputError> {
        match obj.get("tie_word_embeddings") {
            None | Some(Value::Null) => Ok(default),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(err(ErrorKind::Malformed(Syntax::NotBool(
                "tie_word_embeddings",
            )))),
        }
    };
    // Errors from shape validation keep their own field names (heads, kv_heads, ...).
    match family {
        Family::Gpt2 => {
            let d = int("n_embd")?.unwrap_or(768);
            let ffn = int("n_inner")?.unwrap_or_else(|| d.saturating_mul(4));
            ModelConfig::new(
                family,
                d,
                int("n_layer")?.unwrap_or(12),
                int("n_head")?.unwrap_or(12),
                int("n_head")?.unwrap_or(12),
                None,
                ffn,
                int("vocab_size")?.unwrap_or(50257),
                tied(true)?,
                int("n_positions")?.unwrap_or(1024),
            )
        }
        _ => {
            let heads = need("num_attention_heads")?;
            ModelConfig::new(
                family,
                need("hidden_size")?,
                need("num_hidden_layers")?,
                heads,
                int("num_key_value_heads")?.unwrap_or(heads),
                int("head_dim")?,
                need("intermediate_size")?,
                need("vocab_size")?,
                tied(false)?,
                0,
            )
        }
    }
}

/// The family from `model_type`, falling back to `architectures[0]`.
fn family_of(v: &Value) -> Result<Family, InputError> {
    let model_type = v.get("model_type").and_then(Value::as_str).unwrap_or("");
    let arch = v
        .get("architectures")
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .and_then(Value::as_str)
        .unwrap_or("");
    let by_type = match model_type {
        "llama" => Some(Family::Llama),
        "mistral" => Some(Family::Mistral),
        "qwen2" => Some(Family::Qwen2),
        "gpt2" => Some(Family::Gpt2),
        _ => None,
    };
    let by_arch = match arch {
        "LlamaForCausalLM" => Some(Family::Llama),
        "MistralForCausalLM" => Some(Family::Mistral),
        "Qwen2ForCausalLM" => Some(Family::Qwen2),
        "GPT2LMHeadModel" => Some(Family::Gpt2),
        _ => None,
    };
    match (model_type.is_empty(), by_type, by_arch) {
        (_, Some(f), _) => Ok(f),
        (true, None, Some(f)) => Ok(f),
        _ => {
            let found = if !model_type.is_empty() {
                Found::ModelType(model_type.to_string())
            } else if !arch.is_empty() {
                Found::Architecture(arch.to_string())
            } else {
                Found::Nothing
            };
            Err(InputError::new(FIELD, ErrorKind::Unsupported(found)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // meta-llama/Llama-2-7b-hf config.json (the fields that matter).
    const LLAMA2: &str = r#"{"architectures":["LlamaForCausalLM"],"hidden_size":4096,
      "intermediate_size":11008,"model_type":"llama","num_attention_heads":32,
      "num_hidden_layers":32,"num_key_value_heads":32,"tie_word_embeddings":false,
      "vocab_size":32000,"torch_dtype":"float16"}"#;
    // Qwen/Qwen2.5-7B-Instruct config.json as published (search: HF config copies).
    const QWEN7: &str = r#"{"architectures":["Qwen2ForCausalLM"],"attention_dropout":0.0,
      "hidden_act":"silu","hidden_size":3584,"intermediate_size":18944,"model_type":"qwen2",
      "num_attention_heads":28,"num_hidden_layers":28,"num_key_value_heads":4,
      "rope_scaling":null,"sliding_window":null,"tie_word_embeddings":false,"vocab_size":152064}"#;
    // The gpt2 checkpoint's config.json (n_inner null).
    const GPT2: &str = r#"{"architectures":["GPT2LMHeadModel"],"model_type":"gpt2","n_ctx":1024,
      "n_embd":768,"n_head":12,"n_inner":null,"n_layer":12,"n_positions":1024,"vocab_size":50257}"#;

    #[test]
    fn parses_the_supported_families() {
        assert_eq!(parse(LLAMA2).map(|m| m.params_total()), Ok(6_738_415_616));
        assert_eq!(parse(QWEN7).map(|m| m.params_total()), Ok(7_615_616_512));
        assert_eq!(parse(GPT2).map(|m| m.params_total()), Ok(124_439_808));
        assert_eq!(parse(GPT2).map(|m| (m.ffn, m.tied)), Ok((3072, true)));
        // Missing num_key_value_heads means MHA; missing tie_word_embeddings means untied.
        let no_kv = LLAMA2
            .replace(r#""num_key_value_heads":32,"#, "")
            .replace(r#""tie_word_embeddings":false,"#, "");
        assert_eq!(parse(&no_kv).map(|m| (m.kv_heads, m.tied)), Ok((32, false)));
    }

    #[test]
    fn bad_configs_are_errors_at_the_field() {
        let e = parse("{not json").unwrap_err();
        assert_eq!(e.field, "config");
        assert!(matches!(e.kind, ErrorKind::Malformed(_)));
        let e = parse(r#"{"model_type":"t5","d_model":512}"#).unwrap_err();
        assert_eq!(
            e.kind,
            ErrorKind::Unsupported(Found::ModelType("t5".into()))
        );
        let e = parse(r#"{"architectures":["FalconForCausalLM"]}"#).unwrap_err();
        assert_eq!(
            e.kind,
            ErrorKind::Unsupported(Found::Architecture("FalconForCausalLM".into()))
        );
        assert!(matches!(
            parse("[1,2]").unwrap_err().kind,
            ErrorKind::Malformed(_)
        ));
        assert_eq!(parse("  ").unwrap_err().kind, ErrorKind::Empty);
        let zero = LLAMA2.replace(r#""num_hidden_layers":32"#, r#""num_hidden_layers":0"#);
        assert_eq!(parse(&zero).unwrap_err().field, "layers");
        let neg = LLAMA2.replace(r#""hidden_size":4096"#, r#""hidden_size":-1"#);
        assert!(matches!(
            parse(&neg).unwrap_err().kind,
            ErrorKind::Malformed(_)
        ));
        let bad_kv = LLAMA2.replace(r#""num_key_value_heads":32"#, r#""num_key_value_heads":3"#);
        assert_eq!(parse(&bad_kv).unwrap_err().field, "kv_heads");
    }
}
