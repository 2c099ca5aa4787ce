//! Strings of the Time & cost view.

use super::{FieldText, FigureText};

/// What a published run reported, one template per kind (`{x}`: the number).
pub struct ReportedText {
    /// Total training FLOPs.
    pub flops: &'static str,
    /// GPU-hours.
    pub gpu_hours: &'static str,
    /// Sustained TFLOP/s per GPU.
    pub tflops_per_gpu: &'static str,
}

/// The Time & cost view.
pub struct Compute {
    /// Title.
    pub title: &'static str,
    /// The question the view answers.
    pub lead: &'static str,
    /// Headings of the control groups: scenario, data, counting, hardware.
    pub groups: [&'static str; 4],
    /// Where the shared fields come from.
    pub shared_note: &'static str,
    /// Model preset.
    pub model: FieldText,
    /// Names of the presets and "custom" (the Memory view's key order).
    pub model_names: [&'static str; 11],
    /// Method.
    pub method: FieldText,
    /// Method names (full, lora, qlora).
    pub method_names: [&'static str; 3],
    /// Precision.
    pub prec: FieldText,
    /// Precision names, in `Precision::KEYS` order.
    pub prec_names: [&'static str; 4],
    /// Checkpointing.
    pub ckpt: FieldText,
    /// Checkpointing names (none, selective, full).
    pub ckpt_names: [&'static str; 3],
    /// Examples.
    pub n: FieldText,
    /// Epochs.
    pub epochs: FieldText,
    /// Tokens per example.
    pub seq: FieldText,
    /// Micro-batch.
    pub mbs: FieldText,
    /// Gradient accumulation.
    pub ga: FieldText,
    /// GPUs.
    pub gpus: FieldText,
    /// Card.
    pub gpu: FieldText,
    /// FLOPs count.
    pub flops: FieldText,
    /// Count names (detailed, 6n).
    pub flops_names: [&'static str; 2],
    /// Causal halving.
    pub causal: FieldText,
    /// Peak override.
    pub tflops: FieldText,
    /// Utilisation.
    pub mfu: FieldText,
    /// Price per GPU-hour.
    pub price: FieldText,
    /// The card's figures: {card}, {peak}, {watts}, {source}.
    pub peak_card: &'static str,
    /// The peak entered by hand: {peak}.
    pub peak_entered: &'static str,
    /// FLOPs per token.
    pub flops_per_token: FigureText,
    /// Training FLOPs.
    pub train_flops: FigureText,
    /// Seconds per update.
    pub step_seconds: FigureText,
    /// Wall-clock hours.
    pub wall_hours: FigureText,
    /// GPU-hours.
    pub gpu_hours: FigureText,
    /// Cluster tokens per second.
    pub tokens_per_second: FigureText,
    /// Energy.
    pub energy_kwh: FigureText,
    /// Cost.
    pub cost: FigureText,
    /// Units: FLOPs, FLOPs per token, seconds, hours, GPU-hours, tokens/s, kWh, price units.
    pub units: [&'static str; 8],
    /// Shown instead of the cost when no price is given.
    pub no_price: &'static str,
    /// What the FLOPs per token include: {terms}.
    pub included: &'static str,
    /// Term names for "included": forward, backward, weight gradients, recomputation,
    /// attention, LM head, adapters.
    pub included_terms: [&'static str; 7],
    /// Chart: time against GPUs, title.
    pub gpus_title: &'static str,
    /// Its axes: GPUs, hours.
    pub gpus_axes: [&'static str; 2],
    /// Its limit label: {limit}.
    pub gpus_limit: &'static str,
    /// Its mark: {gpus}.
    pub gpus_current: &'static str,
    /// Its text alternative: {hours}, {gpus}, {limit}, {best}.
    pub gpus_alt: &'static str,
    /// Chart: breakdown, title.
    pub breakdown_title: &'static str,
    /// Its bars: forward, backward, recompute, attention.
    pub breakdown_names: [&'static str; 4],
    /// Its y axis.
    pub breakdown_y: &'static str,
    /// Its first column.
    pub breakdown_term: &'static str,
    /// Its text alternative: {total}.
    pub breakdown_alt: &'static str,
    /// Published runs title.
    pub runs_title: &'static str,
    /// Paragraph before the table.
    pub runs_intro: &'static str,
    /// Columns: run, tokens, card, reported, our FLOPs, implied MFU, our GPU-hours at 40 %.
    pub runs_cols: [&'static str; 7],
    /// What was reported, one template per kind ({x}).
    pub runs_reported: ReportedText,
    /// Heading of the notes.
    pub notes_title: &'static str,
    /// The notes: (heading, paragraph).
    pub notes: [(&'static str, &'static str); 4],
}

pub(super) static EN: Compute = Compute {
    title: "Time & cost",
    lead: "How long will this run take, and what will it cost? FLOPs per token × tokens ÷ (GPUs × peak × utilisation), with the terms spelled out and checked against published runs.",
    groups: [
        "Model and method",
        "Data and batch",
        "Counting FLOPs",
        "Hardware and price",
    ],
    shared_note: "These fields are the Memory and Steps views' own: change them here or there, it is one scenario.",
    model: FieldText {
        label: "Model",
        unit: "",
        hint: "A custom shape is edited in the Memory view.",
    },
    model_names: [
        "GPT-2 (124M)",
        "Llama-2-7B",
        "Llama-2-13B",
        "Llama-3-8B",
        "Llama-3.2-1B",
        "Llama-3.2-3B",
        "Mistral-7B",
        "Qwen2.5-0.5B",
        "Qwen2.5-3B",
        "Qwen2.5-7B",
        "Custom (from the Memory view)",
    ],
    method: FieldText {
        label: "What trains",
        unit: "",
        hint: "LoRA and QLoRA skip the frozen weights' weight gradients.",
    },
    method_names: ["Full fine-tuning", "LoRA", "QLoRA"],
    prec: FieldText {
        label: "Precision",
        unit: "",
        hint: "fp32 runs at the card's FP32 peak; the others multiply in BF16.",
    },
    prec_names: [
        "fp32",
        "fp32 + bf16 autocast",
        "bf16 + fp32 master",
        "pure bf16",
    ],
    ckpt: FieldText {
        label: "Activation checkpointing",
        unit: "",
        hint: "Full recomputes each layer's forward in backward.",
    },
    ckpt_names: ["none", "selective (attention)", "full"],
    n: FieldText {
        label: "Examples",
        unit: "examples",
        hint: "",
    },
    epochs: FieldText {
        label: "Epochs",
        unit: "",
        hint: "",
    },
    seq: FieldText {
        label: "Tokens per example",
        unit: "tokens",
        hint: "Also the attention length s.",
    },
    mbs: FieldText {
        label: "Micro-batch per GPU",
        unit: "examples",
        hint: "",
    },
    ga: FieldText {
        label: "Gradient accumulation",
        unit: "micro-batches",
        hint: "",
    },
    gpus: FieldText {
        label: "GPUs",
        unit: "GPUs",
        hint: "Data parallel.",
    },
    gpu: FieldText {
        label: "Card",
        unit: "",
        hint: "",
    },
    flops: FieldText {
        label: "FLOPs count",
        unit: "",
        hint: "6N is Kaplan's rule; detailed adds the LM head and attention.",
    },
    flops_names: ["detailed (matmuls + attention)", "6N (Kaplan et al. 2020)"],
    causal: FieldText {
        label: "Skip the masked half of attention (causal kernels)",
        unit: "",
        hint: "",
    },
    tflops: FieldText {
        label: "Peak per GPU",
        unit: "TFLOP/s",
        hint: "Empty: the card's dense datasheet figure.",
    },
    mfu: FieldText {
        label: "Utilisation (MFU)",
        unit: "of peak",
        hint: "0.4 is typical of large published runs; small jobs often get less.",
    },
    price: FieldText {
        label: "Price per GPU-hour",
        unit: "",
        hint: "Optional, in any currency.",
    },
    peak_card: "{card}: {peak} TFLOP/s dense at this precision, {watts} W. Source: {source}.",
    peak_entered: "Peak entered by hand: {peak} TFLOP/s per GPU.",
    flops_per_token: FigureText {
        label: "FLOPs per token trained",
        why: "Forward 2 FLOPs per weight per token; backward twice that (input and weight gradients); attention 4·L·s·d_attn forward; recomputation adds a forward (Kaplan et al. 2020, §2.1; Narayanan et al. 2021, §5.1).",
    },
    train_flops: FigureText {
        label: "FLOPs for the whole run",
        why: "FLOPs per token × tokens seen (the Steps view's count: examples seen × tokens per example).",
    },
    step_seconds: FigureText {
        label: "Seconds per optimizer update",
        why: "Effective batch × tokens per example × FLOPs per token ÷ (GPUs × peak × utilisation).",
    },
    wall_hours: FigureText {
        label: "Wall-clock time",
        why: "Run FLOPs ÷ (GPUs × peak × utilisation). Utilisation is the share of the dense peak a run sustains (PaLM's MFU, Chowdhery et al. 2022, App. B).",
    },
    gpu_hours: FigureText {
        label: "GPU-hours",
        why: "Wall-clock hours × GPUs: what a cloud bill or a paper's compute table counts.",
    },
    tokens_per_second: FigureText {
        label: "Tokens per second, whole cluster",
        why: "GPUs × peak × utilisation ÷ FLOPs per token.",
    },
    energy_kwh: FigureText {
        label: "Energy of the cards",
        why: "Board power (datasheet) × GPU-hours ÷ 1000. Cards only, at full power: no CPU, network or cooling.",
    },
    cost: FigureText {
        label: "Cost",
        why: "GPU-hours × your price per GPU-hour.",
    },
    units: ["FLOPs", "FLOPs", "s", "h", "GPU-h", "tokens/s", "kWh", ""],
    no_price: "Enter a price per GPU-hour to see the cost.",
    included: "Counted per token: {terms}. Not counted: norms, softmax, activation functions, the optimizer step.",
    included_terms: [
        "forward of the weights",
        "input gradients",
        "weight gradients",
        "recomputation",
        "attention QKᵀ and A·V",
        "LM head",
        "LoRA adapters",
    ],
    gpus_title: "Time to finish against the number of GPUs",
    gpus_axes: ["GPUs", "hours"],
    gpus_limit: "data-parallel limit: {limit}",
    gpus_current: "{gpus} GPUs",
    gpus_alt: "Time to finish: {hours} h on {gpus} GPUs; it falls in proportion to the GPUs up to the data-parallel limit of {limit} GPUs, where it reaches {best} h.",
    breakdown_title: "FLOPs per token by term",
    breakdown_names: ["forward", "backward", "recompute", "attention"],
    breakdown_y: "GFLOPs per token",
    breakdown_term: "term",
    breakdown_alt: "FLOPs per token by term: {total} GFLOPs in all.",
    runs_title: "How close is this? Published training runs",
    runs_intro: "Each run re-entered with our detailed count (full training, no recomputation, full attention). Where a paper gives GPU-hours or FLOP/s per GPU, the utilisation it implies; and the GPU-hours this view computes at 40 %.",
    runs_cols: [
        "Run",
        "Tokens",
        "Card",
        "Published",
        "Our FLOPs",
        "Implied MFU",
        "Our GPU-hours at 40 %",
    ],
    runs_reported: ReportedText {
        flops: "{x} FLOPs",
        gpu_hours: "{x} GPU-hours",
        tflops_per_gpu: "{x} TFLOP/s per GPU",
    },
    notes_title: "Notes",
    notes: [
        (
            "Why 6 FLOPs per parameter per token",
            "A weight meets each token once in the forward pass: one multiply and one add, 2 FLOPs. Backward needs two products per weight, one to send the gradient on to the layer's input and one for the weight's own gradient: 4 FLOPs. Together 6·N per token (Kaplan et al. 2020, §2.1).",
        ),
        (
            "LoRA saves about a third, not more",
            "Frozen weights still pass gradients back to earlier layers, so only their weight-gradient product disappears: 4·N instead of 6·N, plus the small adapters. LoRA saves memory far more than time.",
        ),
        (
            "Utilisation",
            "No run reaches the datasheet peak. Large pre-training runs report 38 to 47 % of it (PaLM 540B 46.2 %, Chowdhery et al. 2022, Table 3; Llama 3 405B 38–43 %, Llama Team 2024, Table 4). Here the utilisation applies to all FLOPs the GPUs execute, recomputation included, so checkpointing costs time; strictly, with recomputation that is hardware FLOPs utilisation (HFU).",
        ),
        (
            "More GPUs, same batch",
            "At a fixed effective batch, data parallelism can use at most one sequence per GPU per micro-step: beyond that many GPUs the time stops falling, unless the model itself is split across GPUs (tensor or pipeline parallelism). In practice the time falls slower than 1/GPUs well before that, as communication grows.",
        ),
    ],
};

pub(super) static ZH: Compute = Compute {
    title: "时间与成本",
    lead: "这次训练要跑多久、花多少钱？每个 token 的 FLOPs × token 数 ÷（GPU 数 × 峰值算力 × 利用率），逐项列出，并与公开的训练记录对照。",
    groups: ["模型与方法", "数据与批量", "FLOPs 的算法", "硬件与价格"],
    shared_note: "这些字段与显存、步数视图共用：在这里或那里修改都一样，是同一个场景。",
    model: FieldText {
        label: "模型",
        unit: "",
        hint: "自定义结构请在显存视图中编辑。",
    },
    model_names: [
        "GPT-2（1.24 亿）",
        "Llama-2-7B",
        "Llama-2-13B",
        "Llama-3-8B",
        "Llama-3.2-1B",
        "Llama-3.2-3B",
        "Mistral-7B",
        "Qwen2.5-0.5B",
        "Qwen2.5-3B",
        "Qwen2.5-7B",
        "自定义（来自显存视图）",
    ],
    method: FieldText {
        label: "训练方式",
        unit: "",
        hint: "LoRA 和 QLoRA 不计算冻结权重的权重梯度。",
    },
    method_names: ["全参数微调", "LoRA", "QLoRA"],
    prec: FieldText {
        label: "精度",
        unit: "",
        hint: "fp32 按显卡的 FP32 峰值计；其余都以 BF16 做矩阵乘。",
    },
    prec_names: [
        "fp32",
        "fp32 + bf16 autocast",
        "bf16 + fp32 主权重",
        "纯 bf16",
    ],
    ckpt: FieldText {
        label: "激活检查点",
        unit: "",
        hint: "完全重计算会在反向时把每层的前向再算一遍。",
    },
    ckpt_names: ["不使用", "选择性（注意力）", "完全"],
    n: FieldText {
        label: "样本数",
        unit: "条",
        hint: "",
    },
    epochs: FieldText {
        label: "轮数（epoch）",
        unit: "",
        hint: "",
    },
    seq: FieldText {
        label: "每条样本的 token 数",
        unit: "token",
        hint: "也是注意力的长度 s。",
    },
    mbs: FieldText {
        label: "每卡微批量",
        unit: "条",
        hint: "",
    },
    ga: FieldText {
        label: "梯度累积步数",
        unit: "个微批量",
        hint: "",
    },
    gpus: FieldText {
        label: "GPU 数",
        unit: "张",
        hint: "数据并行。",
    },
    gpu: FieldText {
        label: "显卡",
        unit: "",
        hint: "",
    },
    flops: FieldText {
        label: "FLOPs 的算法",
        unit: "",
        hint: "6N 是 Kaplan 的经验公式；详细算法另加 LM head 和注意力。",
    },
    flops_names: ["详细（矩阵乘 + 注意力）", "6N（Kaplan 等 2020）"],
    causal: FieldText {
        label: "跳过注意力被掩码的一半（因果注意力算子）",
        unit: "",
        hint: "",
    },
    tflops: FieldText {
        label: "每卡峰值算力",
        unit: "TFLOP/s",
        hint: "留空则用该卡数据手册上的稠密峰值。",
    },
    mfu: FieldText {
        label: "利用率（MFU）",
        unit: "（占峰值的比例）",
        hint: "公开的大规模训练一般在 0.4 左右；小任务往往更低。",
    },
    price: FieldText {
        label: "每 GPU 小时价格",
        unit: "",
        hint: "可选，任意货币。",
    },
    peak_card: "{card}：该精度下稠密峰值 {peak} TFLOP/s，功耗 {watts} W。出处：{source}。",
    peak_entered: "手动输入的峰值：每卡 {peak} TFLOP/s。",
    flops_per_token: FigureText {
        label: "每个训练 token 的 FLOPs",
        why: "前向每个权重每个 token 2 FLOPs；反向是前向的两倍（输入梯度和权重梯度）；注意力前向 4·L·s·d_attn；重计算再加一次前向（Kaplan 等 2020，第 2.1 节；Narayanan 等 2021，第 5.1 节）。",
    },
    train_flops: FigureText {
        label: "整次训练的 FLOPs",
        why: "每个 token 的 FLOPs × 见过的 token 数（步数视图的算法：见过的样本数 × 每条样本的 token 数）。",
    },
    step_seconds: FigureText {
        label: "每次优化器更新的秒数",
        why: "有效批量 × 每条样本的 token 数 × 每个 token 的 FLOPs ÷（GPU 数 × 峰值 × 利用率）。",
    },
    wall_hours: FigureText {
        label: "墙钟时间",
        why: "整次训练的 FLOPs ÷（GPU 数 × 峰值 × 利用率）。利用率是训练实际达到的稠密峰值的比例（PaLM 的 MFU，Chowdhery 等 2022，附录 B）。",
    },
    gpu_hours: FigureText {
        label: "GPU 小时",
        why: "墙钟小时数 × GPU 数：云账单和论文算力表统计的就是它。",
    },
    tokens_per_second: FigureText {
        label: "整个集群每秒处理的 token 数",
        why: "GPU 数 × 峰值 × 利用率 ÷ 每个 token 的 FLOPs。",
    },
    energy_kwh: FigureText {
        label: "显卡耗电",
        why: "板卡功耗（数据手册）× GPU 小时 ÷ 1000。只算显卡，按满功耗计；不含 CPU、网络和散热。",
    },
    cost: FigureText {
        label: "费用",
        why: "GPU 小时 × 你填写的每 GPU 小时价格。",
    },
    units: [
        "FLOPs",
        "FLOPs",
        "秒",
        "小时",
        "GPU 小时",
        "token/秒",
        "千瓦时",
        "",
    ],
    no_price: "填写每 GPU 小时的价格即可看到费用。",
    included: "每个 token 计入：{terms}。不计入：归一化、softmax、激活函数、优化器更新。",
    included_terms: [
        "权重的前向",
        "输入梯度",
        "权重梯度",
        "重计算",
        "注意力的 QKᵀ 与 A·V",
        "LM head",
        "LoRA 适配器",
    ],
    gpus_title: "训练时长与 GPU 数",
    gpus_axes: ["GPU 数", "小时"],
    gpus_limit: "数据并行上限：{limit}",
    gpus_current: "{gpus} 张 GPU",
    gpus_alt: "训练时长：{gpus} 张 GPU 需 {hours} 小时；时长随 GPU 数成反比下降，直到数据并行上限 {limit} 张，此时为 {best} 小时。",
    breakdown_title: "每个 token 的 FLOPs 构成",
    breakdown_names: ["前向", "反向", "重计算", "注意力"],
    breakdown_y: "每 token GFLOPs",
    breakdown_term: "项",
    breakdown_alt: "每个 token 的 FLOPs 构成：共 {total} GFLOPs。",
    runs_title: "准不准？对照公开的训练记录",
    runs_intro: "每个训练都用我们的详细算法重算（全参数训练、不重计算、完整注意力）。论文给出 GPU 小时或每卡 FLOP/s 的，算出它隐含的利用率；并列出本视图按 40% 利用率算出的 GPU 小时。",
    runs_cols: [
        "训练",
        "token 数",
        "显卡",
        "论文数据",
        "我们算的 FLOPs",
        "隐含 MFU",
        "按 40% 算的 GPU 小时",
    ],
    runs_reported: ReportedText {
        flops: "{x} FLOPs",
        gpu_hours: "{x} GPU 小时",
        tflops_per_gpu: "每卡 {x} TFLOP/s",
    },
    notes_title: "说明",
    notes: [
        (
            "为什么每个参数每个 token 是 6 FLOPs",
            "前向时每个权重与每个 token 相遇一次：一次乘法一次加法，2 FLOPs。反向时每个权重要做两次乘积，一次把梯度传给这一层的输入，一次求权重自己的梯度：4 FLOPs。合计每个 token 6·N（Kaplan 等 2020，第 2.1 节）。",
        ),
        (
            "LoRA 只省约三分之一的计算",
            "冻结的权重仍要把梯度传回前面的层，只省掉了权重梯度那次乘积：4·N 而不是 6·N，再加上很小的适配器。LoRA 省的主要是显存，不是时间。",
        ),
        (
            "利用率",
            "没有训练能达到数据手册上的峰值。大规模预训练报告的是峰值的 38% 到 47%（PaLM 540B 为 46.2%，Chowdhery 等 2022，表 3；Llama 3 405B 为 38%–43%，Llama Team 2024，表 4）。这里的利用率作用于 GPU 实际执行的全部 FLOPs（含重计算），所以检查点会增加时间；严格地说，有重计算时它是硬件 FLOPs 利用率（HFU）。",
        ),
        (
            "有效批量不变时加卡",
            "有效批量固定时，数据并行最多让每张 GPU 每个微步处理一条序列：GPU 再多，时间也不再下降，除非把模型本身切到多张卡上（张量并行或流水线并行）。实际中由于通信开销，远在此之前时间就下降得比 1/GPU 数慢了。",
        ),
    ],
};
