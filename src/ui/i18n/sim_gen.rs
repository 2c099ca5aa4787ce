//! Strings of the Simulator's held-out loss section (training against held-out loss, the
//! generalisation gap, the one-click experiment).

use super::FieldText;

/// The held-out loss section of the Simulator view.
pub struct SimGen {
    /// Section title.
    pub title: &'static str,
    /// What the section shows and the claim it tests.
    pub intro: &'static str,
    /// `sim_n`.
    pub n: FieldText,
    /// `sim_label_noise`.
    pub label_noise: FieldText,
    /// `sim_epochs`.
    pub epochs: FieldText,
    /// The experiment button.
    pub load: &'static str,
    /// What the experiment sets: `{params}`, `{n}`, `{noise}` (a percentage), `{opt}`, `{lr}`,
    /// `{bs}`, `{epochs}`, `{seeds}`.
    pub load_hint: &'static str,
    /// Shown on the quadratic, which has no held-out split.
    pub needs_data: &'static str,
    /// Chart caption (above the chart).
    pub chart_title: &'static str,
    /// Vertical axis.
    pub y: &'static str,
    /// The two line styles: training, held-out.
    pub kinds: [&'static str; 2],
    /// The chart's one-line summary; `{n}` settings, `{x}` the axis.
    pub alt: &'static str,
    /// Under the chart.
    pub caption: &'static str,
    /// Table columns: optimizer, B, updates, training, held-out, gap, gap's seed range.
    pub table_heads: [&'static str; 7],
    /// `{opt}`, `{small}`, `{large}`, `{us}`, `{ul}` (updates per run), `{hs}`, `{hl}`, `{gs}`,
    /// `{gl}`, `{n}`: the means compared.
    pub summary: &'static str,
    /// Training loss, small against large batch: lower, higher, overlapping (`{small}`, `{large}`).
    pub train_cmp: [&'static str; 3],
    /// Held-out loss, the same three cases.
    pub heldout_cmp: [&'static str; 3],
    /// The gap, the same three cases.
    pub gap_cmp: [&'static str; 3],
    /// With one seed there is no range to compare.
    pub one_seed: &'static str,
    /// With one batch size there is nothing to compare.
    pub one_batch: &'static str,
    /// Without an epoch budget, the batch sizes saw different amounts of data.
    pub no_budget: &'static str,
    /// Heading of the literature's answer.
    pub literature_title: &'static str,
    /// The literature's answer, two sentences.
    pub literature: &'static str,
}

pub(super) static EN: SimGen = SimGen {
    title: "Held-out loss: do small batches generalise better?",
    intro: "Training loss is measured on the examples the model learns from, held-out loss on examples it never sees; their difference at the end is the generalisation gap. \"Small batches are noisier but may generalise better\" is a claim about it, to be tested at the same number of epochs for every batch size.",
    n: FieldText {
        label: "Training examples",
        unit: "examples",
        hint: "data sets only; 1 to 10,000; the held-out split has a fifth as many, at least 1,000",
    },
    label_noise: FieldText {
        label: "Label noise",
        unit: "fraction",
        hint: "data sets only; 0 to 0.5 of the training labels replaced by another class; held-out labels stay clean",
    },
    epochs: FieldText {
        label: "Epoch budget",
        unit: "epochs",
        hint: "data sets only; blank = the updates above for every batch size; a number = that many passes over the training set for every batch size (updates = epochs × ⌈n/B⌉)",
    },
    load: "Load the experiment",
    load_hint: "The two-layer MLP ({params} parameters) on {n} examples with {noise} of the labels flipped, {opt} at rate {lr} for B = {bs}, {epochs} epochs each, {seeds} seeds. Every other Simulator input goes back to its default.",
    needs_data: "The noisy quadratic draws fresh examples at every step, so it has no held-out set. Choose softmax regression or the MLP, or load the experiment.",
    chart_title: "Training and held-out loss",
    y: "loss (nats)",
    kinds: ["training", "held-out"],
    alt: "Training and held-out loss of {n} settings against {x}.",
    caption: "Colour: optimizer, light to dark: small to large batch. Solid: loss on the whole training set; dashed: on the held-out split; 25 evaluations per run. Lines: mean over seeds; bands: lowest to highest run.",
    table_heads: [
        "Optimizer",
        "Batch size",
        "Updates",
        "Training loss",
        "Held-out loss",
        "Gap (held-out − training)",
        "Gap, seed range",
    ],
    summary: "{opt}: at B = {small} ({us} updates), held-out loss {hs} and gap {gs}; at B = {large} ({ul} updates), held-out loss {hl} and gap {gl} (means of {n} seeds).",
    train_cmp: [
        "Every run at B = {small} ended with a lower training loss than every run at B = {large}: the small batch fit the training set, flipped labels included, more closely.",
        "Every run at B = {small} ended with a higher training loss than every run at B = {large}.",
        "The training losses at B = {small} and B = {large} overlap across seeds.",
    ],
    heldout_cmp: [
        "Held-out loss: lower at B = {small} in every run, so in this setting the small batch generalised better.",
        "Held-out loss: higher at B = {small} in every run, so in this setting the small batch generalised worse.",
        "Held-out loss: the ranges over seeds overlap, so these seeds show no difference between B = {small} and B = {large}.",
    ],
    gap_cmp: [
        "The gap is smaller at B = {small} in every run.",
        "The gap is larger at B = {small} in every run.",
        "The gaps overlap across seeds.",
    ],
    one_seed: "One seed per setting gives no seed range: use 2 seeds or more before reading a difference.",
    one_batch: "Choose at least two batch sizes to compare.",
    no_budget: "No epoch budget is set: every batch size made the same number of updates, so the larger batches saw more examples. Set the epoch budget to compare at equal data.",
    literature_title: "What the literature found",
    literature: "Keskar et al. (2017) saw large batches reach sharper minima with a larger generalisation gap when every batch size trained for the same epochs with the same recipe, and Hoffer et al. (2017) and Smith & Le (2018) traced much of that gap to fewer updates and less gradient noise (noise scale ≈ learning rate × N / B), closing most of it by training longer or scaling the learning rate with B. Shallue et al. (2019) retuned the learning rate and its schedule for every batch size across many workloads and found no consistent loss of held-out performance at large batches, so a gap seen at one fixed rate, as here, says more about the tuning than about the batch size.",
};

pub(super) static ZH: SimGen = SimGen {
    title: "留出集损失：小批量的泛化更好吗？",
    intro: "训练损失在模型学习用的样本上计算，留出集损失在模型从未见过的样本上计算。训练结束时两者之差就是泛化差距，“小批量噪声更大，但可能泛化更好”说的正是它。比较不同批量时应固定 epoch 数，让每次运行看到相同的样本。",
    n: FieldText {
        label: "训练样本数",
        unit: "个样本",
        hint: "仅用于数据集任务；1 到 1 万；留出集取其五分之一，至少 1000 个",
    },
    label_noise: FieldText {
        label: "标签噪声",
        unit: "比例",
        hint: "仅用于数据集任务；0 到 0.5，训练标签中按此比例换成其他类别；留出集标签保持干净",
    },
    epochs: FieldText {
        label: "epoch 预算",
        unit: "个 epoch",
        hint: "仅用于数据集任务；留空：所有批量都用上面的更新次数；填数字：每个批量都遍历训练集这么多遍（更新次数 = epoch 数 × ⌈n/B⌉）",
    },
    load: "载入实验",
    load_hint: "两层 MLP（{params} 个参数），{n} 个训练样本，其中 {noise} 的标签被翻转；{opt}，学习率 {lr}，B = {bs}，各训练 {epochs} 个 epoch，{seeds} 个随机种子。模拟器的其他输入全部恢复默认值。",
    needs_data: "带噪声的二次模型每一步都抽取新样本，因此没有留出集。请选择 Softmax 回归或 MLP，或者直接载入实验。",
    chart_title: "训练损失与留出集损失",
    y: "损失（nats）",
    kinds: ["训练集", "留出集"],
    alt: "{n} 组设置的训练损失和留出集损失随{x}的变化。",
    caption: "颜色区分优化器，由浅到深对应批量由小到大。实线是整个训练集上的损失，虚线是留出集上的损失，每次运行评估 25 次。线是各随机种子的均值，阴影带覆盖最低到最高的一次运行。",
    table_heads: [
        "优化器",
        "批量大小",
        "更新次数",
        "训练损失",
        "留出集损失",
        "差距（留出集 − 训练集）",
        "差距的种子范围",
    ],
    summary: "{opt}：B = {small} 时（{us} 次更新），留出集损失 {hs}，差距 {gs}；B = {large} 时（{ul} 次更新），留出集损失 {hl}，差距 {gl}（{n} 个随机种子的均值）。",
    train_cmp: [
        "B = {small} 的每次运行，最终训练损失都低于 B = {large} 的每次运行：小批量把训练集（包括被翻转的标签）拟合得更紧。",
        "B = {small} 的每次运行，最终训练损失都高于 B = {large} 的每次运行。",
        "B = {small} 和 B = {large} 的训练损失在不同种子间有重叠。",
    ],
    heldout_cmp: [
        "留出集损失：B = {small} 的每次运行都更低，所以在这一设置下小批量泛化得更好。",
        "留出集损失：B = {small} 的每次运行都更高，所以在这一设置下小批量泛化得更差。",
        "留出集损失：种子范围有重叠，这些种子看不出 B = {small} 和 B = {large} 之间的差别。",
    ],
    gap_cmp: [
        "B = {small} 的每次运行，差距都更小。",
        "B = {small} 的每次运行，差距都更大。",
        "差距在不同种子间有重叠。",
    ],
    one_seed: "每组设置只有一个随机种子，没有种子范围：至少用 2 个种子再判断差别。",
    one_batch: "至少选两个批量大小才能比较。",
    no_budget: "没有设置 epoch 预算：每个批量的更新次数相同，批量越大看到的样本越多。设置 epoch 预算后才是在相同数据量下比较。",
    literature_title: "文献的结论",
    literature: "Keskar 等（2017）在所有批量训练相同 epoch 数、沿用同一套超参数时，看到大批量收敛到更尖锐的极小值，泛化差距更大；Hoffer 等（2017）和 Smith 与 Le（2018）则发现，这一差距主要来自更新次数更少、梯度噪声更小（噪声尺度约为 学习率 × N / B），训练更久或随 B 放大学习率就能消除大部分差距。Shallue 等（2019）在大量任务上为每个批量重新调节学习率及其调度，没有发现大批量在留出集上一致变差，因此像这里这样在同一个固定学习率下看到的差距，更多反映的是调参，而不是批量本身。",
};
