//! Strings of the Memory view.

use super::{FieldText, FigureText};

/// Text of one "how close is this?" row (same order as `core::memory::measured::ROWS`).
pub struct MeasuredText {
    /// Who measured it.
    pub source: &'static str,
    /// The configuration in words.
    pub config: &'static str,
    /// Why our estimate differs, where it does.
    pub note: &'static str,
}

/// The Memory view.
pub struct Memory {
    /// Title.
    pub title: &'static str,
    /// The question the view answers.
    pub lead: &'static str,
    /// Headings of the control groups: model, method, precision & optimizer, batch, GPUs.
    pub groups: [&'static str; 5],
    /// Model preset.
    pub model: FieldText,
    /// Names of the presets and "custom", in the view's key order.
    pub model_names: [&'static str; 11],
    /// Custom: family.
    pub family: FieldText,
    /// Family names (llama, mistral, qwen2, gpt2).
    pub family_names: [&'static str; 4],
    /// Custom: hidden size.
    pub hidden: FieldText,
    /// Custom: layers.
    pub layers: FieldText,
    /// Custom: attention heads.
    pub heads: FieldText,
    /// Custom: key/value heads.
    pub kv_heads: FieldText,
    /// Custom: head width.
    pub head_dim: FieldText,
    /// Custom: MLP width.
    pub ffn: FieldText,
    /// Custom: vocabulary.
    pub vocab: FieldText,
    /// Custom: tied head.
    pub tied: FieldText,
    /// Custom: learned positions (GPT-2).
    pub n_positions: FieldText,
    /// Pasted config.json.
    pub config: FieldText,
    /// Upload button label.
    pub config_file: &'static str,
    /// After a good paste: "{family}", "{params}" placeholders.
    pub config_loaded: &'static str,
    /// After a bad paste.
    pub config_kept: &'static str,
    /// After a config of another family: what is supported.
    pub config_supported: &'static str,
    /// Method.
    pub method: FieldText,
    /// Method names (full, lora, qlora).
    pub method_names: [&'static str; 3],
    /// LoRA rank.
    pub r: FieldText,
    /// LoRA targets.
    pub targets: FieldText,
    /// QLoRA double quantisation.
    pub dq: FieldText,
    /// Precision.
    pub prec: FieldText,
    /// Precision names, in `Precision::KEYS` order.
    pub prec_names: [&'static str; 4],
    /// Optimizer.
    pub opt: FieldText,
    /// Optimizer names, in `Optimizer::KEYS` order.
    pub opt_names: [&'static str; 7],
    /// Micro-batch.
    pub mbs: FieldText,
    /// Sequence length.
    pub seq: FieldText,
    /// Gradient accumulation.
    pub ga: FieldText,
    /// Attention implementation.
    pub attn: FieldText,
    /// Attention names (eager, flash).
    pub attn_names: [&'static str; 2],
    /// Checkpointing.
    pub ckpt: FieldText,
    /// Checkpointing names (none, selective, full).
    pub ckpt_names: [&'static str; 3],
    /// Data-parallel GPUs.
    pub gpus: FieldText,
    /// ZeRO stage.
    pub zero: FieldText,
    /// ZeRO stage names (0..3).
    pub zero_names: [&'static str; 4],
    /// Chosen card.
    pub gpu: FieldText,
    /// Display unit.
    pub unit: FieldText,
    /// Unit names (GB, GiB).
    pub unit_names: [&'static str; 2],
    /// Peak per GPU.
    pub mem_total: FigureText,
    /// Weights.
    pub mem_weights: FigureText,
    /// Gradients.
    pub mem_grads: FigureText,
    /// Optimizer states.
    pub mem_optimizer: FigureText,
    /// Activations.
    pub mem_activations: FigureText,
    /// Logits.
    pub mem_logits: FigureText,
    /// Overhead.
    pub mem_overhead: FigureText,
    /// Largest micro-batch on the chosen card.
    pub max_mbs: FigureText,
    /// Base parameters.
    pub params_total: FigureText,
    /// Trainable parameters.
    pub params_trainable: FigureText,
    /// PEFT "all params".
    pub params_all: FigureText,
    /// Unit word for parameter counts.
    pub unit_params: &'static str,
    /// Unit word for micro-batches.
    pub unit_seqs: &'static str,
    /// Peak set at the start of backward: "{other}" = the optimizer-step total.
    pub phase_backward: &'static str,
    /// Peak set at the optimizer step: "{other}" = the start-of-backward total.
    pub phase_step: &'static str,
    /// Names of the six parts.
    pub part_names: [&'static str; 6],
    /// Names of the two moments (start of backward, optimizer step).
    pub moment_names: [&'static str; 2],
    /// Word before the peak bar's total.
    pub peak_word: &'static str,
    /// Chart title.
    pub chart_title: &'static str,
    /// Chart y axis: "{unit}" placeholder.
    pub chart_y: &'static str,
    /// Chart text alternative: {peak}, {moment}, {card}, {cap}, {unit}.
    pub chart_alt: &'static str,
    /// Parts table title.
    pub parts_title: &'static str,
    /// Parts table columns: part, at the peak, start of backward, optimizer step, bytes/param, convention.
    pub parts_cols: [&'static str; 6],
    /// Precision convention sources, in `Precision::KEYS` order.
    pub prec_sources: [&'static str; 4],
    /// Optimizer state sources, in `Optimizer::KEYS` order.
    pub opt_sources: [&'static str; 7],
    /// Added to the optimizer source under bf16-master.
    pub master_source: &'static str,
    /// LoRA weights convention.
    pub lora_weights_source: &'static str,
    /// QLoRA weights convention.
    pub qlora_weights_source: &'static str,
    /// LoRA gradients convention.
    pub adapter_grads_source: &'static str,
    /// Activations convention.
    pub act_source: &'static str,
    /// Logits convention.
    pub logits_source: &'static str,
    /// Overhead convention.
    pub overhead_source: &'static str,
    /// "per parameter" / "per trainable parameter" suffixes.
    pub per_param: [&'static str; 2],
    /// GPU list title.
    pub gpu_title: &'static str,
    /// GPU list columns: card, capacity, fits?, headroom, largest micro-batch.
    pub gpu_cols: [&'static str; 5],
    /// Fits / does not fit.
    pub fits: [&'static str; 2],
    /// "How close is this?" title.
    pub measured_title: &'static str,
    /// Paragraph before the table.
    pub measured_intro: &'static str,
    /// Columns: source, configuration, measured, ours, error.
    pub measured_cols: [&'static str; 5],
    /// The rows' words.
    pub measured_rows: [MeasuredText; 5],
    /// Heading of the explanatory notes.
    pub notes_title: &'static str,
    /// The notes: (heading, paragraph).
    pub notes: [(&'static str, &'static str); 6],
}

pub(super) static EN: Memory = Memory {
    title: "Memory",
    lead: "Will this fine-tuning run fit on my GPU? Exact parameter counts, every part of the peak, and how close the estimate comes to measured runs.",
    groups: [
        "Model",
        "What trains",
        "Numbers and optimizer",
        "Batch and activations",
        "GPUs and display",
    ],
    model: FieldText {
        label: "Model",
        unit: "",
        hint: "each preset is its Hugging Face config.json",
    },
    model_names: [
        "GPT-2 (124M)",
        "Llama-2-7B",
        "Llama-2-13B",
        "Llama-3-8B",
        "Llama-3.2-1B",
        "Llama-3.2-3B",
        "Mistral-7B-v0.1",
        "Qwen2.5-0.5B",
        "Qwen2.5-3B",
        "Qwen2.5-7B",
        "Custom (fields or config.json)",
    ],
    family: FieldText {
        label: "Architecture family",
        unit: "",
        hint: "decides biases, norms and the MLP",
    },
    family_names: ["Llama", "Mistral", "Qwen2", "GPT-2"],
    hidden: FieldText {
        label: "Hidden size",
        unit: "d",
        hint: "hidden_size (GPT-2: n_embd)",
    },
    layers: FieldText {
        label: "Layers",
        unit: "L",
        hint: "num_hidden_layers",
    },
    heads: FieldText {
        label: "Attention heads",
        unit: "",
        hint: "num_attention_heads; must divide the hidden size unless a head width is given",
    },
    kv_heads: FieldText {
        label: "Key/value heads",
        unit: "",
        hint: "num_key_value_heads (GQA); must divide the heads",
    },
    head_dim: FieldText {
        label: "Head width (optional)",
        unit: "",
        hint: "head_dim; empty = hidden ÷ heads",
    },
    ffn: FieldText {
        label: "MLP width",
        unit: "",
        hint: "intermediate_size (GPT-2: n_inner or 4d)",
    },
    vocab: FieldText {
        label: "Vocabulary",
        unit: "tokens",
        hint: "vocab_size",
    },
    tied: FieldText {
        label: "LM head shares the embedding",
        unit: "",
        hint: "tie_word_embeddings",
    },
    n_positions: FieldText {
        label: "Learned positions",
        unit: "",
        hint: "n_positions (GPT-2 only)",
    },
    config: FieldText {
        label: "Paste a config.json",
        unit: "",
        hint: "Llama, Mistral, Qwen2 or GPT-2; the numbers go into the custom fields (and the link)",
    },
    config_file: "or upload the file",
    config_loaded: "Read a {family} config: {params} parameters. The custom fields now hold it.",
    config_kept: "The estimate still uses the last model that was read.",
    config_supported: "Supported: Llama, Mistral, Qwen2 (model_type llama, mistral, qwen2) and GPT-2 (gpt2).",
    method: FieldText {
        label: "Method",
        unit: "",
        hint: "what receives gradients",
    },
    method_names: [
        "Full fine-tuning",
        "LoRA (16-bit base)",
        "QLoRA (4-bit NF4 base)",
    ],
    r: FieldText {
        label: "LoRA rank r",
        unit: "",
        hint: "PEFT default 8; at most the smallest adapted dimension",
    },
    targets: FieldText {
        label: "Adapted modules",
        unit: "",
        hint: "PEFT's default for the family is pre-selected",
    },
    dq: FieldText {
        label: "Double quantisation",
        unit: "",
        hint: "bnb_4bit_use_double_quant: quantise the block constants too",
    },
    prec: FieldText {
        label: "Precision",
        unit: "",
        hint: "how weights, gradients and states are stored",
    },
    prec_names: [
        "fp32 everywhere",
        "AMP: fp32 weights, bf16 autocast",
        "bf16 + fp32 master and states (16 B)",
        "pure bf16, states included",
    ],
    opt: FieldText {
        label: "Optimizer",
        unit: "",
        hint: "its states are kept for every trainable parameter",
    },
    opt_names: [
        "AdamW",
        "AdamW 8-bit (bitsandbytes)",
        "SGD",
        "SGD with momentum",
        "SophiaG",
        "Lion",
        "Adafactor",
    ],
    mbs: FieldText {
        label: "Micro-batch per GPU",
        unit: "sequences",
        hint: "per_device_train_batch_size",
    },
    seq: FieldText {
        label: "Sequence length",
        unit: "tokens",
        hint: "tokens per sequence (longest in the batch)",
    },
    ga: FieldText {
        label: "Gradient accumulation",
        unit: "micro-batches",
        hint: "above 1, gradients stay in memory between micro-batches",
    },
    attn: FieldText {
        label: "Attention",
        unit: "",
        hint: "eager keeps the s × s softmax; FlashAttention/SDPA does not",
    },
    attn_names: ["Eager", "FlashAttention / SDPA"],
    ckpt: FieldText {
        label: "Activation checkpointing",
        unit: "",
        hint: "recompute in backward instead of keeping",
    },
    ckpt_names: ["None", "Selective (attention core)", "Full (every layer)"],
    gpus: FieldText {
        label: "Data-parallel GPUs",
        unit: "GPUs",
        hint: "N_d; matters with ZeRO",
    },
    zero: FieldText {
        label: "ZeRO stage",
        unit: "",
        hint: "DeepSpeed ZeRO / FSDP sharding",
    },
    zero_names: [
        "0: no sharding",
        "1: optimizer states",
        "2: + gradients",
        "3: + weights",
    ],
    gpu: FieldText {
        label: "Your card",
        unit: "",
        hint: "for the capacity line and the largest micro-batch",
    },
    unit: FieldText {
        label: "Show bytes in",
        unit: "",
        hint: "GB = 10⁹ bytes, GiB = 2³⁰ bytes (7.4 % larger)",
    },
    unit_names: ["GB (10⁹ bytes)", "GiB (2³⁰ bytes)"],
    mem_total: FigureText {
        label: "Peak memory per GPU",
        why: "The larger of two moments: the start of backward (weights, optimizer states, every saved activation, the logits, and gradients only if they are accumulated across micro-batches) and the optimizer step (weights, states and all gradients; activations are freed). PyTorch frees each activation as backward uses it, and zero_grad(set_to_none=True), the default since PyTorch 2.0 that the Hugging Face Trainer calls after each step, deletes the gradients, so with accumulation 1 they never coexist with the activations. The CUDA context and allocator slack come on top.",
    },
    mem_weights: FigureText {
        label: "Weights",
        why: "Parameters × bytes per weight. bf16 weights take 2 B (ZeRO, Rajbhandari et al. 2019, §3.1); fp32 4 B; AMP adds the 2 B bf16 copy that autocast caches for backward. LoRA: a frozen 16-bit base plus adapters kept in fp32 (PEFT autocast_adapter_dtype=True). QLoRA: the decoder's linear layers in NF4, 4 bits plus one fp32 constant per 64 weights, or 8/64 + 32/(64·256) = 0.127 bit with double quantisation (Dettmers et al. 2023, §3; bitsandbytes quantize_4bit, blocksize 64); embeddings, head and norms stay 16-bit. ZeRO-3 splits the weights over the GPUs.",
    },
    mem_grads: FigureText {
        label: "Gradients at the peak",
        why: "One gradient per trainable parameter, in the parameter's dtype (bf16 2 B, fp32 4 B, LoRA adapters 4 B). This figure shows what is alive at the peak: at the start of backward with accumulation 1 there are none yet. The table below gives the full size. ZeRO-2 and -3 split gradients over the GPUs (Rajbhandari et al. 2019, §5).",
    },
    mem_optimizer: FigureText {
        label: "Optimizer states",
        why: "Per trainable parameter: AdamW keeps m and v (2 × 4 B, torch.optim.AdamW); 8-bit AdamW 2 × 1 B plus one fp32 absmax per block of 256 values (bitsandbytes 0.44 and later), with tensors under 4096 values left in 32 bit (Dettmers et al. 2022; bitsandbytes min_8bit_size); momentum and Lion one buffer; SGD none; SophiaG two; Adafactor only a row and a column vector per matrix (Shazeer & Stern 2018, §3). bf16-master adds the 4 B fp32 master copy. ZeRO-1 and up split the states over the GPUs.",
    },
    mem_activations: FigureText {
        label: "Activations at the peak",
        why: "The tensors autograd saves for backward, counted from transformers' modeling_llama.py. Korthikanti et al. 2022 (§4.1) give sbh(34 + 5as/h) bytes per layer for a GPT block; for a Llama block with grouped-query attention and SwiGLU the count becomes 8d + 4wd + 3wq + 2wk + 4wf + 4a bytes per token (w = 2 for bf16, q = query width, k = key/value width, f = MLP width) with FlashAttention, which keeps no s × s scores. Eager attention adds the fp32 softmax and its bf16 copy, (4 + 2)·a·s per token. Selective checkpointing drops the attention core; full checkpointing keeps 2sbh per layer plus one rebuilt layer. LoRA adds each adapter's fp32 input copy and its r-wide output.",
    },
    mem_logits: FigureText {
        label: "Logits and loss at the peak",
        why: "The LM head makes s·b·V logits. transformers upcasts them to fp32 for the loss (transformers 5.24.0, loss/loss_utils.py, ForCausalLMLoss); at the backward peak the logits themselves, cross-entropy's saved fp32 log-softmax and the fp32 gradients of the loss step and of the logits are alive at once: 2 + 4 + 4 + 4 = 14 bytes per logit in bf16, 16 in fp32. With Llama 3's 128,256-token vocabulary (vocab_size in its config.json) this rivals the activations.",
    },
    mem_overhead: FigureText {
        label: "CUDA context and allocator slack",
        why: "Two conventions, not derivations: 512 MiB for the CUDA context (driver state, kernels, cuBLAS workspaces; reported sizes run from about 300 MiB with lazy module loading to over 1 GiB), which torch.cuda.memory_reserved() does not include, plus 5 % of the tensor peak for the caching allocator's rounding and fragmentation (PyTorch docs, CUDA semantics → memory management).",
    },
    max_mbs: FigureText {
        label: "Largest micro-batch that fits your card",
        why: "The largest micro-batch whose peak stays within the card's capacity, found by binary search (the peak only grows with the batch; capped at 4096). 0 means even one sequence does not fit: try LoRA or QLoRA, checkpointing, ZeRO with more GPUs, or a shorter sequence. Gradient accumulation then makes up the batch size you want.",
    },
    params_total: FigureText {
        label: "Parameters in the model",
        why: "Exact, from config.json: embeddings V·d; per layer the attention projections (with GQA, k and v are n_kv·head_dim wide), the gated MLP 3·d·f, two norms, and Qwen2's q/k/v biases; the final norm; the LM head V·d unless tied. GPT-2 adds biases on every linear, LayerNorm biases and learned positions (transformers 5.24.0, models/*/modeling_*.py). Llama-2-7B: 6,738,415,616.",
    },
    params_trainable: FigureText {
        label: "Trainable parameters",
        why: "Full fine-tuning trains all of them. LoRA (Hu et al. 2021) adds A (r × d_in) and B (d_out × r) to each adapted matrix: r·(d_in + d_out) each, times the layers. This is the “trainable params” PEFT's print_trainable_parameters prints; Llama-2-7B with r = 8 on q_proj and v_proj: 4,194,304.",
    },
    params_all: FigureText {
        label: "All parameters (PEFT's count)",
        why: "PEFT's “all params”: the base model plus the adapters. For 4-bit models PEFT counts each packed byte as two weights, so QLoRA reports the same total. Llama-2-7B + r = 8 on q, v: 6,742,609,920.",
    },
    unit_params: "parameters",
    unit_seqs: "sequences",
    phase_backward: "The peak comes at the start of backward, when every saved activation and the logits are alive. At the optimizer step the GPU holds {other}.",
    phase_step: "The peak comes at the optimizer step, when every gradient is alive and the activations are gone. At the start of backward the GPU holds {other}.",
    part_names: [
        "weights",
        "gradients",
        "optimizer",
        "activations",
        "logits",
        "overhead",
    ],
    moment_names: ["start of backward", "optimizer step"],
    peak_word: "peak",
    chart_title: "What fills the GPU, at the two moments that can set the peak",
    chart_y: "{unit} per GPU",
    chart_alt: "Stacked bars of memory per GPU. The peak, {peak} {unit}, comes at the {moment}; the {card} holds {cap} {unit}.",
    parts_title: "The parts, their bytes per parameter and the conventions behind them",
    parts_cols: [
        "part",
        "at the peak",
        "start of backward",
        "optimizer step",
        "bytes per parameter",
        "convention and source",
    ],
    prec_sources: [
        "fp32 throughout: 4 B weights, 4 B gradients (torch.float32, PyTorch's default dtype)",
        "torch.amp autocast: fp32 weights and gradients plus the 2 B bf16 weight copy kept for backward (Adam: 18 B per parameter)",
        "ZeRO (Rajbhandari et al. 2019, §3.1): 2 B bf16 weights + 2 B bf16 gradients + 12 B fp32 master and Adam states = 16 B",
        "bf16 model trained with torch.optim, whose states take the parameter's dtype; no master copy (Adam: 8 B)",
    ],
    opt_sources: [
        "torch.optim.AdamW: exp_avg and exp_avg_sq",
        "Dettmers et al. 2022: block-wise 8-bit states (bitsandbytes 0.44 and later use blocks of 256); bitsandbytes keeps tensors under 4096 values in 32 bit",
        "torch.optim.SGD without momentum: no state",
        "torch.optim.SGD: one momentum_buffer",
        "SophiaG (Liu et al. 2023, sophia.py): exp_avg and hessian",
        "Lion (Chen et al. 2023, lion_pytorch.py): exp_avg",
        "Shazeer & Stern 2018, §3; transformers Adafactor: exp_avg_sq_row + exp_avg_sq_col per matrix",
    ],
    master_source: " + 4 B fp32 master copy (Rajbhandari et al. 2019, §3.1)",
    lora_weights_source: "frozen base in 16 bit; adapters in fp32 (PEFT autocast_adapter_dtype=True), bf16 under pure bf16",
    qlora_weights_source: "decoder linears in NF4 with block constants (Dettmers et al. 2023, §3; bitsandbytes blocksize 64); embeddings, head and norms 16-bit; adapters fp32",
    adapter_grads_source: "adapters only, in the adapters' dtype (PEFT)",
    act_source: "Korthikanti et al. 2022, §4.1, re-derived for GQA and SwiGLU from transformers' modeling code (see the notes)",
    logits_source: "s·b·V × (2 + 4 + 4 + 4) B: bf16 logits, fp32 upcast, log-softmax, gradient (transformers 5.24.0, loss/loss_utils.py, ForCausalLMLoss)",
    overhead_source: "512 MiB CUDA context + 5 % allocator slack: conventions, not measurements",
    per_param: ["per parameter", "per trainable parameter"],
    gpu_title: "Which cards fit this run?",
    gpu_cols: [
        "card",
        "capacity",
        "fits?",
        "room left",
        "largest micro-batch",
    ],
    fits: ["fits", "does not fit"],
    measured_title: "How close is this? Our estimate against published measurements",
    measured_intro: "Each row re-enters a published run's exact set-up. The PEFT runs report torch.cuda.max_memory_reserved() minus the memory at start-up, which leaves out the CUDA context, so those rows are compared without it. Target: within ±15 %.",
    measured_cols: ["source", "configuration", "measured", "ours", "error"],
    measured_rows: [
        MeasuredText {
            source: "PEFT method comparison (MetaMathQA), full fine-tuning",
            config: "Llama-3.2-3B, all weights, bf16 weights and AdamW states (8 B per parameter), micro-batch 4, ≤ 768 tokens, SDPA, one L40S",
            note: "The peak is the start of backward, before any gradient exists.",
        },
        MeasuredText {
            source: "PEFT method comparison (MetaMathQA), LoRA r = 32",
            config: "Llama-3.2-3B, LoRA r = 32 on q_proj and v_proj, bf16 base, fp32 adapters, AdamW, micro-batch 4, ≤ 768 tokens",
            note: "The run's maximum also covers evaluation (generation with a KV cache); at 768 tokens training dominates.",
        },
        MeasuredText {
            source: "PEFT method comparison (MetaMathQA), LoRA r = 64",
            config: "as r = 32, with r = 64",
            note: "",
        },
        MeasuredText {
            source: "PEFT method comparison (MetaMathQA), LoRA on the MLP",
            config: "Llama-3.2-3B, LoRA r = 10 on gate_proj, up_proj and down_proj, otherwise as r = 32",
            note: "Adapters on the MLP make PEFT keep fp32 copies of the wide down_proj input; we count them, and slightly over-estimate.",
        },
        MeasuredText {
            source: "LongLoRA (Chen et al. 2023), efficiency table, plain LoRA",
            config: "Llama-2-7B, LoRA r = 8 on q, k, v, o, 8192 tokens, micro-batch 1, FlashAttention-2, full checkpointing, DeepSpeed ZeRO-2 on 8 × A100, accumulation 8",
            note: "We under-estimate: DeepSpeed keeps communication buckets (5·10⁸ elements each by default) that we do not model, and the paper does not say which tool measured its “GB”.",
        },
    ],
    notes_title: "Where the bytes go",
    notes: [
        (
            "Why 16, 18 or 20 bytes per parameter?",
            "Calculators disagree because they assume different storage. The ZeRO paper's 16 B (Rajbhandari et al. 2019, §3.1) is bf16 weights (2) + bf16 gradients (2) + fp32 master copy, m and v (12). Keeping fp32 weights under autocast adds a 2 B bf16 copy: 18 B. Adding an fp32 gradient buffer gives 20 B. Pick the precision above; the table names the convention in use.",
        ),
        (
            "The peak is a moment, not a sum",
            "Activations and gradients rarely coexist. Forward builds up activations; backward frees them layer by layer while it writes gradients; the optimizer step then needs the gradients but no activations. So the peak is the larger of the two bars, not the sum of all parts. Gradient accumulation above 1 keeps gradients alive through the next forward pass and changes this.",
        ),
        (
            "Activations for Llama blocks",
            "Korthikanti et al. 2022 count 34 bytes per token per hidden unit for a GPT block (4h GeLU MLP, dropout masks). A Llama block differs: RMSNorm keeps an fp32 copy of its input (4d twice), SwiGLU keeps four f-wide tensors (gate, its SiLU, up, their product), grouped-query attention keeps K and V only n_kv·head_dim wide, and there is no dropout. Summing the tensors transformers saves gives 8d + 4wd + 3wq + 2wk + 4wf + 4a bytes per token with FlashAttention: about 47.5d for Llama-2-7B, not 34d.",
        ),
        (
            "LoRA and QLoRA",
            "LoRA (Hu et al. 2021) freezes the base and trains r·(d_in + d_out) values per adapted matrix; PEFT adapts q_proj and v_proj by default (c_attn for GPT-2) and keeps the adapters in fp32. Gradients and optimizer states shrink to almost nothing, but the frozen weights and the activations stay. QLoRA (Dettmers et al. 2023) stores the frozen linear layers in 4-bit NF4, cutting the weights about fourfold.",
        ),
        (
            "ZeRO across GPUs",
            "With N_d data-parallel GPUs, ZeRO-1 splits the optimizer states, ZeRO-2 also the gradients and ZeRO-3 also the weights, each into N_d shares (Rajbhandari et al. 2019, §5). Activations are not split: each GPU processes its own micro-batch.",
        ),
        (
            "What this estimate leaves out",
            "Temporary buffers of the optimizer step (foreach AdamW), DeepSpeed communication buckets, tensor and pipeline parallelism, the KV cache of evaluation or generation, and fragmentation beyond the 5 % slack. The measured table shows what that costs in practice.",
        ),
    ],
};

pub(super) static ZH: Memory = Memory {
    title: "显存",
    lead: "这次微调放得进我的显卡吗？精确的参数量、峰值显存的每一部分，以及估算与实测差多少。",
    groups: [
        "模型",
        "训练哪些参数",
        "数值精度与优化器",
        "批量与激活值",
        "显卡与单位",
    ],
    model: FieldText {
        label: "模型",
        unit: "",
        hint: "每个预设都取自该模型的 Hugging Face config.json",
    },
    model_names: [
        "GPT-2（1.24 亿）",
        "Llama-2-7B",
        "Llama-2-13B",
        "Llama-3-8B",
        "Llama-3.2-1B",
        "Llama-3.2-3B",
        "Mistral-7B-v0.1",
        "Qwen2.5-0.5B",
        "Qwen2.5-3B",
        "Qwen2.5-7B",
        "自定义（手填或粘贴 config.json）",
    ],
    family: FieldText {
        label: "架构系列",
        unit: "",
        hint: "决定偏置、归一化层和 MLP 的结构",
    },
    family_names: ["Llama", "Mistral", "Qwen2", "GPT-2"],
    hidden: FieldText {
        label: "隐藏层维度",
        unit: "d",
        hint: "hidden_size（GPT-2 为 n_embd）",
    },
    layers: FieldText {
        label: "层数",
        unit: "L",
        hint: "num_hidden_layers",
    },
    heads: FieldText {
        label: "注意力头数",
        unit: "",
        hint: "num_attention_heads；未填头维度时须整除隐藏层维度",
    },
    kv_heads: FieldText {
        label: "KV 头数",
        unit: "",
        hint: "num_key_value_heads（GQA）；须整除注意力头数",
    },
    head_dim: FieldText {
        label: "头维度（可选）",
        unit: "",
        hint: "head_dim；留空即隐藏层维度 ÷ 头数",
    },
    ffn: FieldText {
        label: "MLP 中间维度",
        unit: "",
        hint: "intermediate_size（GPT-2 为 n_inner 或 4d）",
    },
    vocab: FieldText {
        label: "词表大小",
        unit: "个 token",
        hint: "vocab_size",
    },
    tied: FieldText {
        label: "输出层与词嵌入共享权重",
        unit: "",
        hint: "tie_word_embeddings",
    },
    n_positions: FieldText {
        label: "可学习位置数",
        unit: "",
        hint: "n_positions（仅 GPT-2）",
    },
    config: FieldText {
        label: "粘贴 config.json",
        unit: "",
        hint: "支持 Llama、Mistral、Qwen2、GPT-2；读出的数值会填入自定义字段，也写进链接",
    },
    config_file: "或上传文件",
    config_loaded: "已读取 {family} 配置：共 {params} 个参数，已填入下方自定义字段。",
    config_kept: "估算仍沿用上一次成功读取的模型。",
    config_supported: "目前支持 Llama、Mistral、Qwen2（model_type 为 llama、mistral、qwen2）和 GPT-2（gpt2）。",
    method: FieldText {
        label: "微调方式",
        unit: "",
        hint: "哪些参数要计算梯度",
    },
    method_names: ["全参数微调", "LoRA（16 位基座）", "QLoRA（4 位 NF4 基座）"],
    r: FieldText {
        label: "LoRA 秩 r",
        unit: "",
        hint: "PEFT 默认 8；不能超过被适配矩阵的最小维度",
    },
    targets: FieldText {
        label: "适配的模块",
        unit: "",
        hint: "默认勾选 PEFT 对该系列的默认模块",
    },
    dq: FieldText {
        label: "双重量化",
        unit: "",
        hint: "bnb_4bit_use_double_quant：把分块常数也量化",
    },
    prec: FieldText {
        label: "数值精度",
        unit: "",
        hint: "权重、梯度和优化器状态各用几个字节",
    },
    prec_names: [
        "全程 fp32",
        "AMP：fp32 权重 + bf16 自动混合精度",
        "bf16 + fp32 主权重与状态（16 B）",
        "纯 bf16（状态也是 bf16）",
    ],
    opt: FieldText {
        label: "优化器",
        unit: "",
        hint: "每个可训练参数都要保存它的状态",
    },
    opt_names: [
        "AdamW",
        "8 位 AdamW(bitsandbytes)",
        "SGD",
        "带动量的 SGD",
        "SophiaG",
        "Lion",
        "Adafactor",
    ],
    mbs: FieldText {
        label: "每卡 micro-batch",
        unit: "条序列",
        hint: "per_device_train_batch_size",
    },
    seq: FieldText {
        label: "序列长度",
        unit: "token",
        hint: "每条序列的 token 数（按批内最长计）",
    },
    ga: FieldText {
        label: "梯度累积步数",
        unit: "个 micro-batch",
        hint: "大于 1 时，梯度要在 micro-batch 之间一直留在显存里",
    },
    attn: FieldText {
        label: "注意力实现",
        unit: "",
        hint: "eager 要保存 s × s 的 softmax，FlashAttention/SDPA 不用",
    },
    attn_names: ["Eager", "FlashAttention / SDPA"],
    ckpt: FieldText {
        label: "梯度检查点（激活重计算）",
        unit: "",
        hint: "反向时重算，而不是一直保存",
    },
    ckpt_names: ["不用", "选择性（只重算注意力核心）", "完整（每层都重算）"],
    gpus: FieldText {
        label: "数据并行卡数",
        unit: "张卡",
        hint: "N_d；配合 ZeRO 才会影响每卡显存",
    },
    zero: FieldText {
        label: "ZeRO 阶段",
        unit: "",
        hint: "DeepSpeed ZeRO / FSDP 分片",
    },
    zero_names: [
        "0：不分片",
        "1：分片优化器状态",
        "2：再分片梯度",
        "3：再分片权重",
    ],
    gpu: FieldText {
        label: "你的显卡",
        unit: "",
        hint: "用于容量线和最大 micro-batch",
    },
    unit: FieldText {
        label: "显示单位",
        unit: "",
        hint: "GB = 10⁹ 字节，GiB = 2³⁰ 字节（大 7.4%）",
    },
    unit_names: ["GB（10⁹ 字节）", "GiB（2³⁰ 字节）"],
    mem_total: FigureText {
        label: "每卡峰值显存",
        why: "取两个时刻中较大的一个。反向传播刚开始时：权重、优化器状态、所有保存的激活值和 logits 都在显存里，梯度只有在跨 micro-batch 累积时才在。优化器更新时：权重、状态和全部梯度都在，激活值已经释放。PyTorch 在反向中用完一个激活值就释放它；PyTorch 2.0 起默认的 zero_grad(set_to_none=True)（Hugging Face Trainer 每步之后都会调用）会删掉梯度，所以梯度累积为 1 时，梯度和激活值不会同时存在。CUDA 上下文和分配器余量另外加上。",
    },
    mem_weights: FigureText {
        label: "权重",
        why: "参数量 × 每个权重的字节数。bf16 权重占 2 B（ZeRO，Rajbhandari 等，2019，§3.1），fp32 占 4 B；AMP 还要加上 autocast 为反向缓存的 2 B bf16 副本。LoRA：冻结的 16 位基座，加上以 fp32 保存的适配器（PEFT 的 autocast_adapter_dtype=True）。QLoRA：解码层里的线性层存成 NF4，每个权重 4 位，每 64 个权重再配一个 fp32 常数；开启双重量化后常数只占 8/64 + 32/(64·256) = 0.127 位（Dettmers 等，2023，§3；bitsandbytes quantize_4bit，blocksize 64）。词嵌入、输出层和归一化层保持 16 位。ZeRO-3 把权重分到各张卡上。",
    },
    mem_grads: FigureText {
        label: "峰值时的梯度",
        why: "每个可训练参数一个梯度，精度与参数相同（bf16 为 2 B，fp32 为 4 B，LoRA 适配器为 4 B）。这里显示的是峰值那一刻实际占用的量：梯度累积为 1 时，反向刚开始还没有任何梯度。完整大小见下表。ZeRO-2 和 ZeRO-3 会把梯度分到各张卡上（Rajbhandari 等，2019，§5）。",
    },
    mem_optimizer: FigureText {
        label: "优化器状态",
        why: "按每个可训练参数计：AdamW 保存一阶矩 m 和二阶矩 v（2 × 4 B，torch.optim.AdamW）；8 位 AdamW 是 2 × 1 B，每 256 个值再加一个 fp32 absmax（bitsandbytes 0.44 起），少于 4096 个元素的张量仍用 32 位（Dettmers 等，2022；bitsandbytes min_8bit_size）；动量 SGD 和 Lion 各一份缓冲；SGD 没有状态；SophiaG 两份；Adafactor 每个矩阵只存一行一列两个向量（Shazeer 与 Stern，2018，§3）。bf16 主权重方案另加 4 B 的 fp32 主权重。ZeRO-1 及以上把状态分到各张卡上。",
    },
    mem_activations: FigureText {
        label: "峰值时的激活值",
        why: "即 autograd 为反向保存的张量，按 transformers 的 modeling_llama.py 逐一统计。Korthikanti 等（2022，§4.1）给出 GPT 块每层 sbh(34 + 5as/h) 字节；换成带分组查询注意力（GQA）和 SwiGLU 的 Llama 块，用 FlashAttention（不保存 s × s 分数）时每个 token 为 8d + 4wd + 3wq + 2wk + 4wf + 4a 字节（bf16 时 w = 2，q 为查询宽度，k 为键/值宽度，f 为 MLP 宽度）。eager 注意力还要加上 fp32 的 softmax 及其 bf16 副本，每个 token (4 + 2)·a·s 字节。选择性检查点去掉注意力核心；完整检查点每层只留 2sbh，再加上一层重算时的激活值。LoRA 还要保存每个适配器的 fp32 输入副本和 r 维的中间结果。",
    },
    mem_logits: FigureText {
        label: "峰值时的 logits 与损失",
        why: "输出层产生 s·b·V 个 logits。transformers 为计算损失把它们转成 fp32（5.24.0 版 loss/loss_utils.py 中的 ForCausalLMLoss）；反向传播的峰值时刻，logits 本身、交叉熵保存的 fp32 log-softmax、损失这一步的 fp32 梯度和 logits 的 fp32 梯度同时存在：bf16 下每个 logit 共 2 + 4 + 4 + 4 = 14 字节，fp32 下 16 字节。Llama 3 的词表有 128,256 个 token（见其 config.json 的 vocab_size），这一项能和激活值相当。",
    },
    mem_overhead: FigureText {
        label: "CUDA 上下文与分配器余量",
        why: "两项都是约定，不是推导：CUDA 上下文按 512 MiB 计（驱动状态、内核、cuBLAS 工作区；实际从启用懒加载时的约 300 MiB 到超过 1 GiB 不等），它不计入 torch.cuda.memory_reserved()；再加峰值张量的 5%，对应缓存分配器的取整和碎片（PyTorch 文档 CUDA semantics → memory management）。",
    },
    max_mbs: FigureText {
        label: "你的显卡能放下的最大 micro-batch",
        why: "峰值不超过显卡容量的最大 micro-batch，用二分查找求出（峰值随批量单调增加；上限 4096）。为 0 表示一条序列都放不下：可以改用 LoRA 或 QLoRA、打开梯度检查点、用 ZeRO 加卡，或缩短序列。想要的批量大小再用梯度累积凑足。",
    },
    params_total: FigureText {
        label: "模型参数量",
        why: "由 config.json 精确算出：词嵌入 V·d；每层的注意力投影（GQA 下 k、v 的宽度是 n_kv·head_dim）、门控 MLP 3·d·f、两个归一化层，Qwen2 还有 q/k/v 偏置；最后一个归一化层；不共享权重时再加输出层 V·d。GPT-2 另有每个线性层的偏置、LayerNorm 偏置和可学习位置编码（transformers 5.24.0 的 models/*/modeling_*.py）。Llama-2-7B：6,738,415,616。",
    },
    params_trainable: FigureText {
        label: "可训练参数量",
        why: "全参数微调时就是全部参数。LoRA（Hu 等，2021）给每个被适配的矩阵加上 A（r × d_in）和 B（d_out × r），即 r·(d_in + d_out) 个参数，再乘以层数。这正是 PEFT 的 print_trainable_parameters 打印的 trainable params；Llama-2-7B 在 q_proj、v_proj 上用 r = 8：4,194,304。",
    },
    params_all: FigureText {
        label: "全部参数（PEFT 的口径）",
        why: "PEFT 的 all params：基座模型加适配器。对 4 位模型，PEFT 把每个打包字节算作两个权重，所以 QLoRA 报出的总数不变。Llama-2-7B 加 q、v 上 r = 8 的适配器：6,742,609,920。",
    },
    unit_params: "个参数",
    unit_seqs: "条序列",
    phase_backward: "峰值出现在反向传播刚开始时：所有保存的激活值和 logits 都还在。到优化器更新时，显存占用为 {other}。",
    phase_step: "峰值出现在优化器更新时：全部梯度都在，激活值已释放。反向传播刚开始时，显存占用为 {other}。",
    part_names: ["权重", "梯度", "优化器", "激活值", "logits", "额外开销"],
    moment_names: ["反向开始", "优化器更新"],
    peak_word: "峰值",
    chart_title: "显存里装了什么：可能成为峰值的两个时刻",
    chart_y: "每卡 {unit}",
    chart_alt: "每卡显存的堆叠柱状图。峰值 {peak} {unit}，出现在{moment}时刻；{card} 容量为 {cap} {unit}。",
    parts_title: "各部分大小、每参数字节数及其依据",
    parts_cols: [
        "部分",
        "峰值时",
        "反向开始",
        "优化器更新",
        "每参数字节数",
        "约定与出处",
    ],
    prec_sources: [
        "全程 fp32：权重 4 B，梯度 4 B（PyTorch 默认的 torch.float32）",
        "torch.amp 自动混合精度：fp32 权重和梯度，外加为反向保留的 2 B bf16 权重副本（Adam 共 18 B/参数）",
        "ZeRO（Rajbhandari 等，2019，§3.1）：bf16 权重 2 B + bf16 梯度 2 B + fp32 主权重与 Adam 状态 12 B = 16 B",
        "bf16 模型直接用 torch.optim 训练，状态随参数同为 bf16，没有主权重（Adam 共 8 B）",
    ],
    opt_sources: [
        "torch.optim.AdamW：exp_avg 与 exp_avg_sq",
        "Dettmers 等，2022：分块 8 位状态（bitsandbytes 0.44 起块大小为 256）；bitsandbytes 对少于 4096 个元素的张量保留 32 位",
        "不带动量的 torch.optim.SGD：无状态",
        "torch.optim.SGD：一份 momentum_buffer",
        "SophiaG（Liu 等，2023，sophia.py）：exp_avg 与 hessian",
        "Lion（Chen 等，2023，lion_pytorch.py）：exp_avg",
        "Shazeer 与 Stern，2018，§3；transformers Adafactor：每个矩阵 exp_avg_sq_row + exp_avg_sq_col",
    ],
    master_source: " + 4 B fp32 主权重（Rajbhandari 等，2019，§3.1）",
    lora_weights_source: "冻结基座为 16 位；适配器为 fp32（PEFT 的 autocast_adapter_dtype=True），纯 bf16 时为 bf16",
    qlora_weights_source: "解码层线性层为带分块常数的 NF4（Dettmers 等，2023，§3；bitsandbytes blocksize 64）；词嵌入、输出层和归一化层 16 位；适配器 fp32",
    adapter_grads_source: "只有适配器有梯度，精度与适配器相同（PEFT）",
    act_source: "Korthikanti 等，2022，§4.1；按 transformers 的建模代码针对 GQA 和 SwiGLU 重新推导（见下方说明）",
    logits_source: "s·b·V × (2 + 4 + 4 + 4) B：bf16 logits、fp32 副本、log-softmax、梯度（transformers 5.24.0 的 loss/loss_utils.py，ForCausalLMLoss）",
    overhead_source: "CUDA 上下文 512 MiB + 分配器余量 5%：是约定，不是实测",
    per_param: ["/参数", "/可训练参数"],
    gpu_title: "哪些显卡放得下？",
    gpu_cols: ["显卡", "容量", "放得下吗", "剩余", "最大 micro-batch"],
    fits: ["放得下", "放不下"],
    measured_title: "估得准吗？与公开实测值对比",
    measured_intro: "每一行都按公开实验的设置原样输入。PEFT 的结果记录的是 torch.cuda.max_memory_reserved() 减去启动时的占用，不含 CUDA 上下文，所以这几行的估算也不计上下文。目标：误差在 ±15% 以内。",
    measured_cols: ["出处", "配置", "实测", "估算", "误差"],
    measured_rows: [
        MeasuredText {
            source: "PEFT 方法对比（MetaMathQA），全参数微调",
            config: "Llama-3.2-3B，全部权重，bf16 权重与 AdamW 状态（每参数 8 B），micro-batch 4，≤ 768 token，SDPA，单张 L40S",
            note: "峰值在反向刚开始时，那时还没有梯度。",
        },
        MeasuredText {
            source: "PEFT 方法对比（MetaMathQA），LoRA r = 32",
            config: "Llama-3.2-3B，q_proj、v_proj 上 r = 32 的 LoRA，bf16 基座，fp32 适配器，AdamW，micro-batch 4，≤ 768 token",
            note: "该实验的最大值也包含评测（带 KV 缓存的生成）；768 token 时以训练为主。",
        },
        MeasuredText {
            source: "PEFT 方法对比（MetaMathQA），LoRA r = 64",
            config: "同 r = 32，只是 r = 64",
            note: "",
        },
        MeasuredText {
            source: "PEFT 方法对比（MetaMathQA），MLP 上的 LoRA",
            config: "Llama-3.2-3B，gate_proj、up_proj、down_proj 上 r = 10 的 LoRA，其余同 r = 32",
            note: "适配 MLP 时，PEFT 会为很宽的 down_proj 输入保存 fp32 副本；我们计入了它，结果略偏高。",
        },
        MeasuredText {
            source: "LongLoRA（Chen 等，2023）的效率表，普通 LoRA",
            config: "Llama-2-7B，q、k、v、o 上 r = 8 的 LoRA，8192 token，micro-batch 1，FlashAttention-2，完整检查点，8 张 A100 上 DeepSpeed ZeRO-2，梯度累积 8",
            note: "估算偏低：DeepSpeed 的通信缓冲区（默认每个 5·10⁸ 个元素）没有建模，论文也没说明 “GB” 是用什么工具测的。",
        },
    ],
    notes_title: "显存都花在哪里",
    notes: [
        (
            "每个参数到底 16、18 还是 20 字节？",
            "各家计算器结果不同，是因为假设的存储方式不同。ZeRO 论文的 16 B（Rajbhandari 等，2019，§3.1）= bf16 权重 2 + bf16 梯度 2 + fp32 主权重、m、v 共 12。autocast 下保留 fp32 权重，还要多一份 2 B 的 bf16 副本，就是 18 B；再加一份 fp32 梯度缓冲就是 20 B。在上面选好精度，表格会写明用的是哪种约定。",
        ),
        (
            "峰值是某一时刻，不是各项之和",
            "激活值和梯度很少同时存在。前向过程中激活值不断累积；反向时逐层释放激活值、同时写入梯度；优化器更新需要梯度，但不再需要激活值。所以峰值是两根柱子中较高的那根，而不是所有部分相加。梯度累积大于 1 时，梯度会一直留到下一次前向，情况就不同了。",
        ),
        (
            "Llama 块的激活值",
            "Korthikanti 等（2022）对 GPT 块（4h GeLU MLP，带 dropout 掩码）算出每个 token 每个隐藏单元 34 字节。Llama 块不一样：RMSNorm 会保存输入的 fp32 副本（两处各 4d），SwiGLU 要保存四个 f 维张量（gate、其 SiLU、up、两者乘积），分组查询注意力的 K、V 只有 n_kv·head_dim 宽，而且没有 dropout。把 transformers 实际保存的张量加起来，用 FlashAttention 时每个 token 为 8d + 4wd + 3wq + 2wk + 4wf + 4a 字节：Llama-2-7B 约 47.5d，而不是 34d。",
        ),
        (
            "LoRA 与 QLoRA",
            "LoRA（Hu 等，2021）冻结基座，每个被适配的矩阵只训练 r·(d_in + d_out) 个参数；PEFT 默认适配 q_proj 和 v_proj（GPT-2 为 c_attn），适配器以 fp32 保存。梯度和优化器状态几乎可以忽略，但冻结的权重和激活值还在。QLoRA（Dettmers 等，2023）把冻结的线性层存成 4 位 NF4，权重大约缩小到四分之一。",
        ),
        (
            "多卡上的 ZeRO",
            "有 N_d 张数据并行的卡时，ZeRO-1 把优化器状态分成 N_d 份，ZeRO-2 再分梯度，ZeRO-3 再分权重（Rajbhandari 等，2019，§5）。激活值不分片：每张卡各算自己的 micro-batch。",
        ),
        (
            "这个估算没有计入什么",
            "优化器更新时的临时缓冲（foreach 版 AdamW）、DeepSpeed 的通信缓冲区、张量并行和流水线并行、评测或生成时的 KV 缓存，以及超过 5% 余量的碎片。实测对比表显示了这些在实际中的影响。",
        ),
    ],
};
