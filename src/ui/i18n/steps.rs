//! Strings of the Steps view.

use super::{FieldText, FigureText};

/// The Steps view.
pub struct Steps {
    /// Title.
    pub title: &'static str,
    /// The question the view answers.
    pub lead: &'static str,
    /// Inputs.
    pub n: FieldText,
    /// Micro-batch.
    pub mbs: FieldText,
    /// Gradient accumulation.
    pub ga: FieldText,
    /// Devices.
    pub dev: FieldText,
    /// Epochs.
    pub epochs: FieldText,
    /// Sequence length.
    pub seq: FieldText,
    /// Drop last.
    pub drop_last: FieldText,
    /// Max steps.
    pub max_steps: FieldText,
    /// Peak LR.
    pub lr: FieldText,
    /// Warmup.
    pub warmup: FieldText,
    /// Schedule.
    pub sched: FieldText,
    /// Floor of cosine_min.
    pub min_lr: FieldText,
    /// Schedule option names, in `ScheduleKind::ALL` order.
    pub sched_names: [&'static str; 5],
    /// Outputs.
    pub effective_batch: FigureText,
    /// Per-device dataloader length.
    pub batches_per_epoch: FigureText,
    /// Updates per epoch.
    pub updates_per_epoch: FigureText,
    /// Total updates.
    pub total_updates: FigureText,
    /// "Num Epochs" as the Trainer logs it.
    pub epochs_logged: FigureText,
    /// `state.epoch` when training ends.
    pub epoch_final: FigureText,
    /// Examples seen.
    pub examples_seen: FigureText,
    /// Tokens seen.
    pub tokens_seen: FigureText,
    /// Warmup steps.
    pub warmup_steps: FigureText,
    /// Unit words.
    pub unit_examples: &'static str,
    /// "updates"
    pub unit_updates: &'static str,
    /// "micro-batches"
    pub unit_batches: &'static str,
    /// "tokens"
    pub unit_tokens: &'static str,
    /// "epochs"
    pub unit_epochs: &'static str,
    /// Sentence before the legacy count: older Trainer versions.
    pub legacy_title: &'static str,
    /// Why the legacy count differs.
    pub legacy_why: &'static str,
    /// Note when gradient accumulation is longer than an epoch, with a {batches} placeholder.
    pub accumulation_spans_epoch: &'static str,
    /// Note when the constant schedule ignores warmup.
    pub constant_ignores_warmup: &'static str,
    /// Note when warmup is longer than the run.
    pub warmup_longer: &'static str,
    /// Chart title.
    pub chart_title: &'static str,
    /// Chart x axis.
    pub chart_x: &'static str,
    /// Chart y axis.
    pub chart_y: &'static str,
    /// Label of epoch boundary marks.
    pub chart_epoch: &'static str,
    /// Chart text alternative, with {total}, {peak}, {warmup}, {sched} placeholders.
    pub chart_alt: &'static str,
    /// Heading of the explanatory notes.
    pub notes_title: &'static str,
    /// The notes: (heading, paragraph).
    pub notes: [(&'static str, &'static str); 4],
}

pub(super) static EN: Steps = Steps {
    title: "Steps",
    lead: "How many times will the optimizer update the model, and how much data will it see?",
    n: FieldText {
        label: "Examples in the data set",
        unit: "examples",
        hint: "N, e.g. 10k",
    },
    mbs: FieldText {
        label: "Micro-batch per device",
        unit: "examples",
        hint: "per_device_train_batch_size",
    },
    ga: FieldText {
        label: "Gradient accumulation",
        unit: "micro-batches",
        hint: "gradient_accumulation_steps",
    },
    dev: FieldText {
        label: "Data-parallel devices",
        unit: "GPUs",
        hint: "processes that each hold a copy of the model",
    },
    epochs: FieldText {
        label: "Epochs",
        unit: "passes",
        hint: "fractions allowed, e.g. 1.5",
    },
    seq: FieldText {
        label: "Tokens per example",
        unit: "tokens",
        hint: "sequence length (packed or padded)",
    },
    drop_last: FieldText {
        label: "Drop the last partial batch",
        unit: "",
        hint: "dataloader_drop_last",
    },
    max_steps: FieldText {
        label: "Max steps (optional)",
        unit: "updates",
        hint: "overrides epochs when set; empty = off",
    },
    lr: FieldText {
        label: "Peak learning rate",
        unit: "",
        hint: "the step size at the top of the schedule, e.g. 5e-5",
    },
    warmup: FieldText {
        label: "Warmup",
        unit: "",
        hint: "≥ 1: steps; below 1: fraction of the run (0.1 = 10 %)",
    },
    sched: FieldText {
        label: "Schedule",
        unit: "",
        hint: "as in Hugging Face transformers",
    },
    min_lr: FieldText {
        label: "Cosine floor",
        unit: "× peak",
        hint: "min_lr_rate, for cosine with a floor",
    },
    sched_names: [
        "Linear decay",
        "Cosine",
        "Cosine with a floor",
        "Constant",
        "Constant after warmup",
    ],
    effective_batch: FigureText {
        label: "Effective batch: examples per update",
        why: "micro-batch × gradient accumulation × devices. Each device computes gradients on its micro-batch, accumulates them over several micro-batches, then all devices average before one optimizer step. Hugging Face Trainer: total_train_batch_size (transformers trainer.py).",
    },
    batches_per_epoch: FigureText {
        label: "Micro-batches per device per epoch",
        why: "One device: ⌈N / micro-batch⌉ (⌊…⌋ when the last partial batch is dropped). Several devices: ⌈⌈N / micro-batch⌉ / devices⌉; accelerate pads the shards with the first examples so every device gets the same number of full batches. Source: accelerate data_loader.py, BatchSamplerShard.__len__.",
    },
    updates_per_epoch: FigureText {
        label: "Optimizer updates per epoch",
        why: "max(⌈micro-batches per epoch / accumulation⌉, 1): the last, shorter accumulation window of an epoch still counts as an update. Source: transformers ≥ 4.52 trainer.py (set_initial_training_values). With one device this is ⌈N / effective batch⌉: 10,000 examples at a batch of 100 make 100 updates per epoch. Accumulation longer than an epoch is allowed: the window closes at the epoch's last micro-batch, so each epoch makes exactly one update, from fewer examples than the effective batch (50 examples, micro-batch 8, accumulation 16, 2 epochs: 2 updates of 50 examples).",
    },
    total_updates: FigureText {
        label: "Total optimizer updates",
        why: "max_steps when it is set; otherwise ⌈epochs × updates per epoch⌉. This is also the length T of the learning-rate schedule. Source: transformers trainer.py.",
    },
    epochs_logged: FigureText {
        label: "Num Epochs (the Trainer's log)",
        why: "The epoch count the Trainer logs at the start and loops over: ⌈epochs⌉, or ⌈max_steps / updates per epoch⌉ when max_steps is set. With 2.5 epochs it logs 3, starts a third epoch and stops inside it once the update count is reached. Source: transformers 5.24.0 trainer.py (set_initial_training_values).",
    },
    epoch_final: FigureText {
        label: "Epoch at the end (state.epoch)",
        why: "Where the Trainer's epoch counter stands after the last update: whole epochs done plus the share of the last epoch's micro-batches consumed, epoch + (micro-batch + 1) / micro-batches per epoch. Updates come in whole accumulation windows, so it lands a little past a fractional request: 2.5 epochs of 1,000 examples at micro-batch 8 and accumulation 3 end at 2.504. Source: transformers 5.24.0 trainer.py (_run_epoch).",
    },
    examples_seen: FigureText {
        label: "Examples processed",
        why: "Full epochs × examples per epoch, plus the updates of a partial last epoch × effective batch. With several devices each epoch covers every device's full batches, including the few examples repeated as padding (accelerate even_batches).",
    },
    tokens_seen: FigureText {
        label: "Tokens processed",
        why: "Examples processed × tokens per example. With packed or fixed-length sequences this is exact; with padding it is an upper bound on the real (non-pad) tokens.",
    },
    warmup_steps: FigureText {
        label: "Warmup steps",
        why: "A warmup of 1 or more is a step count, cut to a whole number as Python's int() does (2.5 → 2 steps); a value in [0, 1) is a fraction of the run, rounded up: ⌈T × ratio⌉. Source: transformers 5.24 TrainingArguments.get_warmup_steps.",
    },
    unit_examples: "examples",
    unit_updates: "updates",
    unit_batches: "micro-batches",
    unit_tokens: "tokens",
    unit_epochs: "epochs",
    legacy_title: "transformers ≤ 4.51 counts",
    legacy_why: "Before 4.52 the Trainer floored micro-batches ÷ accumulation, so a last, shorter accumulation window was not counted as an update when it planned the run and its schedule.",
    accumulation_spans_epoch: "Gradient accumulation is longer than an epoch ({batches} micro-batches per device): the Trainer closes the window at the end of the epoch, so each epoch makes one update, from fewer examples than the effective batch.",
    constant_ignores_warmup: "The constant schedule has no warmup (get_constant_schedule); choose “Constant after warmup” to use one.",
    warmup_longer: "Warmup is longer than the run: the learning rate never reaches its peak.",
    chart_title: "Learning rate at each optimizer update",
    chart_x: "optimizer update",
    chart_y: "learning rate",
    chart_epoch: "epoch",
    chart_alt: "Learning-rate schedule ({sched}) over {total} updates: warmup {warmup} steps, peak {peak}.",
    notes_title: "Steps, updates, batch size and step size",
    notes: [
        (
            "A step is an update",
            "Each optimizer step changes the weights once. Gradient accumulation spreads one step over several forward and backward passes, so count updates, not passes: with accumulation 4, four micro-batches make one step.",
        ),
        (
            "Bigger batches, fewer steps",
            "An epoch holds a fixed number of examples. Double the effective batch and each update sees twice the data, so an epoch takes half as many updates: 10,000 examples need 100 updates at a batch of 100 and 50 at 200.",
        ),
        (
            "Step size is the learning rate",
            "The learning rate scales how far each update moves the weights. Too small and training crawls through many updates; too large and it overshoots and can diverge. The Batch & LR view shows why a larger batch tolerates a larger step, up to a limit.",
        ),
        (
            "The schedule lives on updates",
            "Warmup and decay are counted in optimizer updates, not examples. Change the batch and the same number of epochs gives a different number of updates, so the whole schedule stretches or shrinks with it.",
        ),
    ],
};

pub(super) static ZH: Steps = Steps {
    title: "步数",
    lead: "优化器一共会更新模型多少次？训练过程中又会看到多少数据？",
    n: FieldText {
        label: "数据集样本数",
        unit: "条",
        hint: "N，例如 10k 或 1万",
    },
    mbs: FieldText {
        label: "每卡 micro-batch",
        unit: "条",
        hint: "per_device_train_batch_size",
    },
    ga: FieldText {
        label: "梯度累积步数",
        unit: "个 micro-batch",
        hint: "gradient_accumulation_steps",
    },
    dev: FieldText {
        label: "数据并行设备数",
        unit: "张卡",
        hint: "每张卡各持有一份完整模型",
    },
    epochs: FieldText {
        label: "训练轮数（epoch）",
        unit: "轮",
        hint: "可以是小数，例如 1.5",
    },
    seq: FieldText {
        label: "每条样本的 token 数",
        unit: "token",
        hint: "序列长度（打包或补齐后）",
    },
    drop_last: FieldText {
        label: "丢弃最后不满的 batch",
        unit: "",
        hint: "dataloader_drop_last",
    },
    max_steps: FieldText {
        label: "最大步数（可选）",
        unit: "次更新",
        hint: "设置后覆盖 epoch；留空表示不设",
    },
    lr: FieldText {
        label: "峰值学习率",
        unit: "",
        hint: "学习率曲线最高处的步长，例如 5e-5",
    },
    warmup: FieldText {
        label: "预热（warmup）",
        unit: "",
        hint: "≥ 1 表示步数；小于 1 表示占总步数的比例（0.1 即 10%）",
    },
    sched: FieldText {
        label: "学习率调度",
        unit: "",
        hint: "与 Hugging Face transformers 一致",
    },
    min_lr: FieldText {
        label: "余弦下限",
        unit: "× 峰值",
        hint: "min_lr_rate，仅用于带下限的余弦",
    },
    sched_names: ["线性衰减", "余弦", "带下限的余弦", "恒定", "预热后恒定"],
    effective_batch: FigureText {
        label: "有效批量大小：每次更新用到的样本数",
        why: "micro-batch × 梯度累积步数 × 设备数。每张卡先在自己的 micro-batch 上算梯度，累积若干个 micro-batch，再在所有卡之间求平均，然后优化器才更新一次。对应 Hugging Face Trainer 的 total_train_batch_size（transformers trainer.py）。",
    },
    batches_per_epoch: FigureText {
        label: "每卡每个 epoch 的 micro-batch 数",
        why: "单卡：⌈N / micro-batch⌉（丢弃最后不满的 batch 时取 ⌊…⌋）。多卡：⌈⌈N / micro-batch⌉ / 设备数⌉；accelerate 会用开头的样本把各卡的分片补齐，保证每张卡拿到同样多的满 batch。出处：accelerate data_loader.py 中的 BatchSamplerShard.__len__。",
    },
    updates_per_epoch: FigureText {
        label: "每个 epoch 的参数更新次数",
        why: "⌈每个 epoch 的 micro-batch 数 / 梯度累积步数⌉，且至少为 1：epoch 末尾那个凑不满的累积窗口也算一次更新。出处：transformers ≥ 4.52 的 trainer.py（set_initial_training_values）。单卡时就是 ⌈N / 有效批量⌉：10,000 条样本、批量 100，每个 epoch 更新 100 次。梯度累积步数超过一个 epoch 的 micro-batch 数也可以：累积窗口在 epoch 的最后一个 micro-batch 处结束，所以每个 epoch 恰好更新一次，每次用到的样本比有效批量少（50 条样本、micro-batch 8、梯度累积 16、2 个 epoch：共 2 次更新，每次 50 条样本）。",
    },
    total_updates: FigureText {
        label: "参数更新总次数",
        why: "设置了 max_steps 就用它；否则为 ⌈epoch 数 × 每个 epoch 的更新次数⌉。它同时也是学习率调度的总长度 T。出处：transformers trainer.py。",
    },
    epochs_logged: FigureText {
        label: "Num Epochs（Trainer 日志）",
        why: "Trainer 开始训练时在日志里打印、并据此循环的 epoch 数：⌈epoch 数⌉；设置了 max_steps 时为 ⌈max_steps / 每个 epoch 的更新次数⌉。设为 2.5 个 epoch 时日志显示 3，Trainer 会开始第 3 个 epoch，更新次数用完就在其中途停下。出处：transformers 5.24.0 trainer.py（set_initial_training_values）。",
    },
    epoch_final: FigureText {
        label: "训练结束时的 epoch（state.epoch）",
        why: "最后一次更新之后 Trainer 的 epoch 计数：已完成的 epoch 数，加上最后一个 epoch 里已用掉的 micro-batch 占比，即 epoch + (i + 1) / n，其中 i 是最后一个 micro-batch 在该 epoch 中的序号（从 0 起），n 是每个 epoch 的 micro-batch 数。更新总是按完整的累积窗口进行，所以小数 epoch 会略微超出设定值：1,000 条样本、micro-batch 8、梯度累积 3、2.5 个 epoch，结束于 2.504。出处：transformers 5.24.0 trainer.py（_run_epoch）。",
    },
    examples_seen: FigureText {
        label: "处理的样本总数",
        why: "完整 epoch 数 × 每个 epoch 的样本数，加上最后不完整 epoch 的更新次数 × 有效批量。多卡时每个 epoch 按各卡的满 batch 计，其中包括为补齐而重复的少量样本（accelerate 的 even_batches）。",
    },
    tokens_seen: FigureText {
        label: "处理的 token 总数",
        why: "处理的样本总数 × 每条样本的 token 数。序列打包或定长时是精确值；有补齐（padding）时，这是真实（非 pad）token 数的上限。",
    },
    warmup_steps: FigureText {
        label: "预热步数",
        why: "warmup ≥ 1 时表示步数，像 Python 的 int() 一样截去小数部分（2.5 → 2 步）；在 [0, 1) 之间时表示占总步数的比例，向上取整：⌈T × 比例⌉。出处：transformers 5.24 TrainingArguments.get_warmup_steps。",
    },
    unit_examples: "条样本",
    unit_updates: "次更新",
    unit_batches: "个 micro-batch",
    unit_tokens: "个 token",
    unit_epochs: "轮",
    legacy_title: "transformers ≤ 4.51 的计数",
    legacy_why: "4.52 之前，Trainer 对“micro-batch 数 ÷ 梯度累积步数”向下取整，所以在规划训练和学习率调度时，不把 epoch 末尾那个较短的累积窗口算作一次更新。",
    accumulation_spans_epoch: "梯度累积步数超过了一个 epoch 的 micro-batch 数（每卡 {batches} 个）：Trainer 在 epoch 结束时关闭累积窗口，所以每个 epoch 只更新一次，每次用到的样本比有效批量少。",
    constant_ignores_warmup: "“恒定”调度没有预热（get_constant_schedule）；需要预热请选“预热后恒定”。",
    warmup_longer: "预热步数比整个训练还长：学习率永远到不了峰值。",
    chart_title: "每次参数更新时的学习率",
    chart_x: "参数更新次数",
    chart_y: "学习率",
    chart_epoch: "epoch",
    chart_alt: "学习率调度（{sched}），共 {total} 次更新：预热 {warmup} 步，峰值 {peak}。",
    notes_title: "步数、更新次数、批量大小与步长",
    notes: [
        (
            "一步就是一次更新",
            "优化器每走一步，权重就改变一次。梯度累积把一步拆成多次前向和反向传播，所以要数的是更新次数，而不是前向次数：梯度累积为 4 时，4 个 micro-batch 才换来一步。",
        ),
        (
            "批量越大，步数越少",
            "一个 epoch 的样本数是固定的。有效批量翻倍，每次更新用到的数据也翻倍，一个 epoch 所需的更新次数就减半：10,000 条样本，批量 100 时要更新 100 次，批量 200 时只要 50 次。",
        ),
        (
            "步长就是学习率",
            "学习率决定每次更新让权重移动多远。太小，训练要走很多步才慢慢收敛；太大，会越过最优点甚至发散。“批量与学习率”视图会解释为什么批量越大、可用的步长也越大，但有上限。",
        ),
        (
            "学习率调度按更新次数计",
            "预热和衰减都以优化器更新次数为单位，而不是样本数。改了批量大小，同样的 epoch 数对应的更新次数就变了，整条学习率曲线也随之拉长或压缩。",
        ),
    ],
};
