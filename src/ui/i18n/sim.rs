//! Strings of the Simulator view.

use super::{FieldText, FigureText};

/// The Simulator view.
pub struct Sim {
    /// Title.
    pub title: &'static str,
    /// The question the view answers.
    pub lead: &'static str,
    /// Task.
    pub task: FieldText,
    /// Task names, in `Task::KEYS` order.
    pub task_names: [&'static str; 3],
    /// Optimizers (checkboxes).
    pub opts: FieldText,
    /// Optimizer names, in `OptimizerKind::ALL` order.
    pub opt_names: [&'static str; 7],
    /// Batch sizes.
    pub bs: FieldText,
    /// The shared rate rule.
    pub lr: FieldText,
    /// Summary of the per-optimizer rates.
    pub lr_opt_summary: &'static str,
    /// Per-optimizer rates.
    pub lr_opt: LrOpt,
    /// Updates per run.
    pub steps: FieldText,
    /// First seed.
    pub seed: FieldText,
    /// Seeds averaged.
    pub seeds: FieldText,
    /// x axis.
    pub x: FieldText,
    /// x axis names, in `XAxis::KEYS` order.
    pub x_names: [&'static str; 3],
    /// Target loss.
    pub target: FieldText,
    /// Schedule.
    pub sched: FieldText,
    /// Schedule names, in `ScheduleKind::ALL` order.
    pub sched_names: [&'static str; 5],
    /// Warmup.
    pub warmup: FieldText,
    /// Optimizer shown in the sweep chart.
    pub sweep_opt: FieldText,
    /// Button: copy the Steps view's schedule and warmup.
    pub use_steps_schedule: &'static str,
    /// Button: run the sweep.
    pub run_sweep: &'static str,
    /// Button: cancel.
    pub cancel: &'static str,
    /// Status while the runs are computed.
    pub status_runs: &'static str,
    /// Status while the sweep is computed.
    pub status_sweep: &'static str,
    /// Status after a finished job, with {ms}.
    pub status_done: &'static str,
    /// Status after a cancel.
    pub status_cancelled: &'static str,
    /// Status after a job finished by {n} workers: {wall} ms on the clock, {ms} ms computing.
    pub status_done_workers: &'static str,
    /// Shown when no worker could start: nothing is computed, and why.
    pub status_no_workers: &'static str,
    /// Heading of the runs table.
    pub table_title: &'static str,
    /// Table headers: optimizer, B, rate used, final loss, best rate, largest stable rate,
    /// steps to target, examples to target.
    pub table_heads: [&'static str; 8],
    /// Shown for a setting whose runs all diverged.
    pub diverged: &'static str,
    /// Shown when a setting did not reach the target.
    pub not_reached: &'static str,
    /// Shown with `sim_lr = auto` when the sweep found no stable rate.
    pub no_rate: &'static str,
    /// Figure: measured B_simple.
    pub b_simple: FigureText,
    /// Figure: B_noise (exact where H is known).
    pub b_noise: FigureText,
    /// Figure: critical batch of one optimizer (label prefix; the name follows).
    pub critical_batch: FigureText,
    /// Unit "examples".
    pub unit_examples: &'static str,
    /// Loss chart title.
    pub loss_title: &'static str,
    /// Loss chart x titles, in `XAxis::KEYS` order.
    pub loss_x: [&'static str; 3],
    /// Loss chart y title.
    pub loss_y: &'static str,
    /// Legend of the exact curves.
    pub exact_label: &'static str,
    /// Label of the target line.
    pub target_label: &'static str,
    /// The word before a divergence's update number.
    pub step_word: &'static str,
    /// The note under the loss chart on what is drawn.
    pub loss_caption: &'static str,
    /// Loss chart alternative text, with {n} curves and {x}.
    pub loss_alt: &'static str,
    /// Sweep chart title.
    pub sweep_title: &'static str,
    /// Sweep chart axes.
    pub sweep_x: &'static str,
    /// Sweep chart y.
    pub sweep_y: &'static str,
    /// Sweep legend: best, largest stable, SGD noise-floor rate, diverged.
    pub sweep_legend: [&'static str; 4],
    /// Under the sweep chart: how the dashed line is drawn.
    pub sweep_caption: &'static str,
    /// Sweep chart alternative text, with {opt}.
    pub sweep_alt: &'static str,
    /// Shown before the sweep has run.
    pub sweep_empty: &'static str,
    /// Shown when the inputs changed since the sweep.
    pub sweep_stale: &'static str,
    /// Target chart title (steps).
    pub steps_title: &'static str,
    /// Target chart title (examples).
    pub examples_title: &'static str,
    /// Target chart x.
    pub batch_x: &'static str,
    /// Target chart y (steps).
    pub steps_y: &'static str,
    /// Target chart y (examples).
    pub examples_y: &'static str,
    /// Legend of the fits.
    pub fit_label: &'static str,
    /// Label of the critical-batch mark.
    pub bcrit_label: &'static str,
    /// Target charts alternative text.
    pub target_alt: &'static str,
    /// Heading of the notes.
    pub notes_title: &'static str,
    /// The notes: (heading, paragraph).
    pub notes: [(&'static str, &'static str); 5],
}

/// The per-optimizer rate fields, one named entry per optimizer (read by optimizer, not by
/// position).
pub struct LrOpt {
    /// SGD's rate (`lr_sgd`).
    pub sgd: FieldText,
    /// Momentum's rate (`lr_momentum`).
    pub momentum: FieldText,
    /// Nesterov's rate (`lr_nesterov`).
    pub nesterov: FieldText,
    /// Adam's rate (`lr_adam`).
    pub adam: FieldText,
    /// AdamW's rate (`lr_adamw`).
    pub adamw: FieldText,
    /// Sophia's rate (`lr_sophia`).
    pub sophia: FieldText,
    /// Lion's rate (`lr_lion`).
    pub lion: FieldText,
}

pub(super) static EN: Sim = Sim {
    title: "Simulator",
    lead: "Noisy training, simulated in your browser: the loss for several batch sizes and optimizers, then a learning-rate sweep that finds the largest stable step, the best step and the critical batch.",
    task: FieldText {
        label: "Problem",
        unit: "",
        hint: "the noisy quadratic has exact theory; the data sets have real minibatches from 10,000 examples",
    },
    task_names: [
        "Noisy quadratic (d = 100)",
        "Softmax regression (10k examples)",
        "Two-layer MLP (10k examples)",
    ],
    opts: FieldText {
        label: "Optimizers",
        unit: "",
        hint: "PyTorch defaults; Sophia and Lion as in their official code",
    },
    opt_names: [
        "SGD", "Momentum", "Nesterov", "Adam", "AdamW", "Sophia", "Lion",
    ],
    bs: FieldText {
        label: "Batch sizes",
        unit: "examples",
        hint: "comma list, 1 to 4096, at most 8",
    },
    lr: FieldText {
        label: "Learning rate (all optimizers)",
        unit: "",
        hint: "blank: a rate that suits each optimizer; a number; or auto = the sweep's best rate per optimizer and batch",
    },
    lr_opt_summary: "Rates per optimizer",
    lr_opt: LrOpt {
        sgd: FieldText {
            label: "SGD rate",
            unit: "",
            hint: "blank: use the rule above",
        },
        momentum: FieldText {
            label: "Momentum rate",
            unit: "",
            hint: "blank: use the rule above",
        },
        nesterov: FieldText {
            label: "Nesterov rate",
            unit: "",
            hint: "blank: use the rule above",
        },
        adam: FieldText {
            label: "Adam rate",
            unit: "",
            hint: "blank: use the rule above",
        },
        adamw: FieldText {
            label: "AdamW rate",
            unit: "",
            hint: "blank: use the rule above",
        },
        sophia: FieldText {
            label: "Sophia rate",
            unit: "",
            hint: "blank: use the rule above",
        },
        lion: FieldText {
            label: "Lion rate",
            unit: "",
            hint: "blank: use the rule above",
        },
    },
    steps: FieldText {
        label: "Updates per run",
        unit: "updates",
        hint: "optimizer steps",
    },
    seed: FieldText {
        label: "Seed",
        unit: "",
        hint: "same seed, same curves",
    },
    seeds: FieldText {
        label: "Runs averaged",
        unit: "seeds",
        hint: "the curve is their mean, the band their spread",
    },
    x: FieldText {
        label: "Horizontal axis",
        unit: "",
        hint: "epochs only on the data sets",
    },
    x_names: ["Optimizer updates", "Examples seen", "Epochs"],
    target: FieldText {
        label: "Target loss",
        unit: "",
        hint: "blank: 0.02 on the quadratic, 0.8 on the data sets",
    },
    sched: FieldText {
        label: "Schedule",
        unit: "",
        hint: "the Steps view's schedules (cosine floor 0.1 × peak)",
    },
    sched_names: [
        "Linear decay",
        "Cosine",
        "Cosine with a floor",
        "Constant",
        "Constant after warmup",
    ],
    warmup: FieldText {
        label: "Warmup",
        unit: "",
        hint: "≥ 1: steps; below 1: fraction of the run",
    },
    sweep_opt: FieldText {
        label: "Sweep chart shows",
        unit: "",
        hint: "one optimizer at a time",
    },
    use_steps_schedule: "Use the Steps view's schedule",
    run_sweep: "Run the learning-rate sweep",
    cancel: "Cancel",
    status_runs: "Running…",
    status_sweep: "Sweeping 13 learning rates…",
    status_done: "Done in {ms} ms",
    status_cancelled: "Cancelled. Change an input or press the button to start again.",
    status_done_workers: "Done in {wall} ms (background workers: {n}; {ms} ms of computing)",
    status_no_workers: "This browser cannot start background workers (Web Workers), so nothing is computed: the Simulator runs its simulations in workers only, to keep the page responsive. Open it in a browser with Web Worker support.",
    table_title: "Each optimizer and batch size",
    table_heads: [
        "Optimizer",
        "B",
        "Rate used",
        "Final loss (mean)",
        "Best rate (sweep)",
        "Largest stable rate (sweep)",
        "Steps to target (sweep)",
        "Examples to target (sweep)",
    ],
    diverged: "diverged",
    not_reached: "not reached",
    no_rate: "no stable rate on the grid",
    b_simple: FigureText {
        label: "Measured noise scale B_simple",
        why: "B_simple = tr Σ / |G|²: the total variance of one example's gradient over the squared length of the mean gradient (McCandlish et al. 2018, eq. 2.9), from per-example gradients at the point where a reference run (the first optimizer, largest batch, fastest rate) reached the target.",
    },
    b_noise: FigureText {
        label: "Curvature-weighted noise scale B_noise",
        why: "B_noise = tr(HΣ) / GᵀHG (McCandlish et al. 2018, eq. 2.8), computed exactly on the quadratic where the Hessian H is known, at the same point as B_simple: where the reference run reached the target. It grows along a run: once the steep directions have settled, GᵀHG is small, so the value at the target is far above the value at the start (on the default quadratic about 1.4 at the start against thousands at the target). It is the noise scale of one greedy step, not the critical batch of a run at a constant rate.",
    },
    critical_batch: FigureText {
        label: "Critical batch (fit)",
        why: "From a fit of S = S_min + E_min/B to the sweep's fewest steps to the target at each batch size; B_crit = E_min/S_min, where (S/S_min − 1)(E/E_min − 1) = 1 (McCandlish et al. 2018, eqs. 2.11–2.12).",
    },
    unit_examples: "examples",
    loss_title: "Training loss",
    loss_x: ["optimizer updates", "examples seen", "epochs"],
    loss_y: "training loss",
    exact_label: "exact expected loss",
    target_label: "target",
    step_word: "diverged at",
    loss_caption: "Solid: mean of the runs, band from the lowest to the highest. Dashed: the exact expected loss of SGD and heavy-ball momentum on the quadratic (Zhang et al. 2019 recurrence); the other optimizers have no closed form. × marks a run that diverged. On the data sets the curve is the loss on the whole training set, evaluated 25 times per run.",
    loss_alt: "Training loss against {x} for {n} settings.",
    sweep_title: "Learning-rate sweep",
    sweep_x: "peak learning rate",
    sweep_y: "final loss",
    sweep_legend: [
        "best rate",
        "largest stable rate",
        "SGD: noise floor = target",
        "diverged",
    ],
    sweep_caption: "Final loss after the same number of updates, for 13 rates from 0.001 to 10. Dashed verticals (plain SGD only): the constant rate whose noise floor ε·tr Σ / (4B) equals the target L, ε = 4·B·L / tr Σ with tr Σ as measured, capped at that batch's largest stable rate (the steady state of SGD on a quadratic, Zhang et al. 2019). It is a learning rate on the same axis as the dots. McCandlish's ε_opt(B) (2018, eq. 2.6) is a one-step greedy rate; with the B_noise measured at the target it would sit far left of the best rates, so it is not drawn.",
    sweep_alt: "Final loss against the learning rate for {opt} at each batch size.",
    sweep_empty: "Run the sweep to see the largest stable rate, the best rate and the critical batch.",
    sweep_stale: "The inputs changed since this sweep: run it again to update it.",
    steps_title: "Steps to the target",
    examples_title: "Examples to the target",
    batch_x: "batch size B",
    steps_y: "updates to target",
    examples_y: "examples to target",
    fit_label: "McCandlish fit",
    bcrit_label: "B_crit",
    target_alt: "Updates and examples needed to reach the target loss against the batch size, per optimizer, with the fitted critical batch.",
    notes_title: "What to notice",
    notes: [
        (
            "A ceiling on the step, however large the batch",
            "Plain SGD on the quadratic diverges as soon as the rate passes 2 / h_max = 2, at B = 1 and at B = 4096 alike. A larger batch removes noise, not curvature, so the steepest direction alone sets the limit (Zhang et al. 2019, arXiv:1907.04164). In the sweep, the ▲ of every batch size sits at the same rate.",
        ),
        (
            "A larger batch allows a larger best step, up to a limit",
            "Small batches need small steps to average their noise out; the ● moves right as B grows, then stops below the ceiling (Zhang et al. 2019). For SGD the dashed verticals mark 4·B·L / tr Σ, the rate whose noise floor is the target: below the ceiling the best rate follows it in proportion to B.",
        ),
        (
            "Past the critical batch: fewer steps, many more examples",
            "Below the critical batch, doubling B about halves the updates needed. Past it the updates barely fall while the examples grow in proportion to B: compute spent for little. Switch the loss chart to examples seen to watch the large batches fall behind (McCandlish et al. 2018, §2.3).",
        ),
        (
            "What Adam and Sophia divide by",
            "Adam and AdamW divide each coordinate's step by √v̂, the root of a running mean of squared gradients: a size that includes the noise (Kingma & Ba 2015). Sophia divides by ρ·B·ĥ, a running estimate of the curvature, and clips each move at the rate (Liu et al. 2023, Sophia, arXiv:2305.14342). The divisor chart above (“What each optimizer divides the gradient by”) shows what each one divides by under the current settings, coordinate by coordinate, against the true curvature. Whether this moves an optimizer's critical batch up or down is measured, not assumed: compare the fitted critical batches after a sweep. Sophia's curvature estimate starts at zero and, with no bias correction, needs many refreshes to settle (its card says how far it has got), so in a short run it can be the slowest. AdamW differs from Adam only through its weight decay: see the note on weight decay.",
        ),
        (
            "When B_simple and B_noise sit far above the fitted critical batch",
            "Compare the cards above: when the measured B_simple and B_noise are far above the fitted critical batch, the gap comes from conditioning. Both are read at the target, where the loss that is left sits in flat directions with tiny gradients, so |G|² and GᵀHG are small and the ratios are large; at the start of the same run B_noise is far smaller. A bigger batch cannot speed the flat directions up, because the steepest direction caps a constant rate at 2 / h_max. For SGD the knee sits instead near the batch where the noise-floor rate 4·B·L / tr Σ reaches that cap, B ≈ (2 / h_max)·tr Σ / (4L): the card “SGD's noise-floor batch” computes it for the current inputs; compare it with SGD's fitted critical batch after a sweep (McCandlish et al. 2018, eq. 2.11 and App. D; Zhang et al. 2019).",
        ),
    ],
};

pub(super) static ZH: Sim = Sim {
    title: "模拟器",
    lead: "在浏览器里模拟带噪声的训练：先看不同批量大小和优化器下的损失曲线，再扫描学习率，找出最大稳定步长、最优步长和临界批量。",
    task: FieldText {
        label: "问题",
        unit: "",
        hint: "带噪声的二次模型有精确理论；数据集任务从 1 万个样本中抽取真实的小批量",
    },
    task_names: [
        "带噪声的二次模型（d = 100）",
        "Softmax 回归（1 万个样本）",
        "两层 MLP（1 万个样本）",
    ],
    opts: FieldText {
        label: "优化器",
        unit: "",
        hint: "采用 PyTorch 默认超参数；Sophia 和 Lion 按官方代码实现",
    },
    opt_names: [
        "SGD",
        "动量 SGD",
        "Nesterov 动量",
        "Adam",
        "AdamW",
        "Sophia",
        "Lion",
    ],
    bs: FieldText {
        label: "批量大小",
        unit: "个样本",
        hint: "用逗号分隔，1 到 4096，最多 8 个",
    },
    lr: FieldText {
        label: "学习率（所有优化器）",
        unit: "",
        hint: "留空：按优化器取合适的值；填数字：统一使用；填 auto：取扫描得到的每个优化器、每个批量的最优学习率",
    },
    lr_opt_summary: "按优化器分别设置学习率",
    lr_opt: LrOpt {
        sgd: FieldText {
            label: "SGD 学习率",
            unit: "",
            hint: "留空则按上面的规则",
        },
        momentum: FieldText {
            label: "动量 SGD 学习率",
            unit: "",
            hint: "留空则按上面的规则",
        },
        nesterov: FieldText {
            label: "Nesterov 学习率",
            unit: "",
            hint: "留空则按上面的规则",
        },
        adam: FieldText {
            label: "Adam 学习率",
            unit: "",
            hint: "留空则按上面的规则",
        },
        adamw: FieldText {
            label: "AdamW 学习率",
            unit: "",
            hint: "留空则按上面的规则",
        },
        sophia: FieldText {
            label: "Sophia 学习率",
            unit: "",
            hint: "留空则按上面的规则",
        },
        lion: FieldText {
            label: "Lion 学习率",
            unit: "",
            hint: "留空则按上面的规则",
        },
    },
    steps: FieldText {
        label: "每次运行的更新次数",
        unit: "次更新",
        hint: "即优化器的步数",
    },
    seed: FieldText {
        label: "随机种子",
        unit: "",
        hint: "随机种子相同，曲线就相同",
    },
    seeds: FieldText {
        label: "重复运行次数",
        unit: "次",
        hint: "曲线取各次运行的均值，阴影带表示最低到最高的范围",
    },
    x: FieldText {
        label: "横轴",
        unit: "",
        hint: "只有数据集任务才有 epoch",
    },
    x_names: ["优化器更新次数", "已处理样本数", "epoch 数"],
    target: FieldText {
        label: "目标损失",
        unit: "",
        hint: "留空：二次模型取 0.02，数据集取 0.8",
    },
    sched: FieldText {
        label: "学习率调度",
        unit: "",
        hint: "与“步数”视图相同的调度（余弦下限为峰值的 0.1 倍）",
    },
    sched_names: ["线性衰减", "余弦", "带下限的余弦", "恒定", "预热后恒定"],
    warmup: FieldText {
        label: "预热",
        unit: "",
        hint: "≥ 1 表示步数；小于 1 表示占总步数的比例",
    },
    sweep_opt: FieldText {
        label: "扫描图显示",
        unit: "",
        hint: "每次看一个优化器",
    },
    use_steps_schedule: "沿用“步数”视图的调度",
    run_sweep: "运行学习率扫描",
    cancel: "取消",
    status_runs: "正在计算…",
    status_sweep: "正在扫描 13 个学习率…",
    status_done: "用时 {ms} 毫秒",
    status_cancelled: "已取消。修改任一输入或点击按钮即可重新开始。",
    status_done_workers: "用时 {wall} 毫秒（{n} 个后台线程共计算 {ms} 毫秒）",
    status_no_workers: "此浏览器无法启动后台线程（Web Worker），因此不做任何计算：模拟器只在后台线程中运行模拟，以保持页面流畅。请在支持 Web Worker 的浏览器中打开。",
    table_title: "各优化器与批量大小",
    table_heads: [
        "优化器",
        "B",
        "所用学习率",
        "最终损失（均值）",
        "最优学习率（扫描）",
        "最大稳定学习率（扫描）",
        "达到目标的步数（扫描）",
        "达到目标的样本数（扫描）",
    ],
    diverged: "发散",
    not_reached: "未达到",
    no_rate: "网格上没有稳定的学习率",
    b_simple: FigureText {
        label: "测得的噪声尺度 B_simple",
        why: "B_simple = tr Σ / |G|²：单个样本梯度的总方差，除以平均梯度长度的平方（McCandlish 等，2018，式 2.9）。在参考运行（第一个优化器、最大批量、最快的学习率）达到目标损失的位置，用逐样本梯度测得。",
    },
    b_noise: FigureText {
        label: "按曲率加权的噪声尺度 B_noise",
        why: "B_noise = tr(HΣ) / GᵀHG（McCandlish 等，2018，式 2.8）。二次模型的海森矩阵 H 已知，因此可以精确计算；取点与 B_simple 相同，即参考运行达到目标损失的位置。它在训练过程中不断增大：陡峭方向收敛后 GᵀHG 变小，所以目标处的值远大于起点处的值（默认二次模型上，起点约 1.4，目标处有几千）。它是单步贪心步长对应的噪声尺度，并不是恒定学习率训练的临界批量。",
    },
    critical_batch: FigureText {
        label: "临界批量（拟合）",
        why: "用 S = S_min + E_min/B 拟合扫描中各批量达到目标所需的最少步数，得到 B_crit = E_min/S_min；此时 (S/S_min − 1)(E/E_min − 1) = 1（McCandlish 等，2018，式 2.11–2.12）。",
    },
    unit_examples: "个样本",
    loss_title: "训练损失",
    loss_x: ["优化器更新次数", "已处理样本数", "epoch 数"],
    loss_y: "训练损失",
    exact_label: "精确期望损失",
    target_label: "目标",
    step_word: "发散于第",
    loss_caption: "实线是多次运行的均值，阴影带覆盖最低到最高值。虚线是二次模型上 SGD 和重球动量的精确期望损失，由递推式算出（Zhang 等，2019）；其他优化器没有闭式解。× 表示该次运行发散。数据集任务的曲线是整个训练集上的损失，每次运行评估 25 次。",
    loss_alt: "{n} 组设置的训练损失随{x}的变化。",
    sweep_title: "学习率扫描",
    sweep_x: "峰值学习率",
    sweep_y: "最终损失",
    sweep_legend: [
        "最优学习率",
        "最大稳定学习率",
        "SGD：噪声平台 = 目标",
        "发散",
    ],
    sweep_caption: "更新次数相同，学习率取 0.001 到 10 之间的 13 个值，纵轴是最终损失。竖直虚线（仅普通 SGD）是噪声平台 ε·tr Σ / (4B) 恰好等于目标 L 的恒定学习率 ε = 4·B·L / tr Σ，其中 tr Σ 取测得值，并以该批量的最大稳定学习率为上限（二次模型上 SGD 的稳态损失，Zhang 等，2019）。它与圆点画在同一条学习率坐标轴上。McCandlish 的 ε_opt(B)（2018，式 2.6）是单步贪心步长；代入目标处测得的 B_noise，它会远远落在最优学习率的左侧，因此不画。",
    sweep_alt: "{opt} 在各批量大小下，最终损失随学习率的变化。",
    sweep_empty: "运行扫描后，这里会显示最大稳定学习率、最优学习率和临界批量。",
    sweep_stale: "扫描之后输入已改变：请重新运行扫描。",
    steps_title: "达到目标所需的步数",
    examples_title: "达到目标所需的样本数",
    batch_x: "批量大小 B",
    steps_y: "达到目标的更新次数",
    examples_y: "达到目标的样本数",
    fit_label: "McCandlish 拟合",
    bcrit_label: "B_crit",
    target_alt: "各优化器达到目标损失所需的更新次数和样本数随批量大小的变化，并标出拟合得到的临界批量。",
    notes_title: "值得注意的几点",
    notes: [
        (
            "批量再大，步长也有上限",
            "在二次模型上，学习率一旦超过 2 / h_max = 2，普通 SGD 就会发散，B = 1 和 B = 4096 都一样。增大批量只能减小噪声，改变不了曲率，所以上限由最陡的方向决定（Zhang 等，2019，arXiv:1907.04164）。扫描图中，各批量大小的 ▲ 都落在同一个学习率上。",
        ),
        (
            "批量越大，最优步长越大，但有上限",
            "小批量的梯度噪声大，只能用小步长把噪声平均掉；随着 B 增大，● 向右移动，最后停在上限之下（Zhang 等，2019）。对 SGD，竖直虚线标出 4·B·L / tr Σ，即噪声平台恰好等于目标的学习率：在上限之下，最优学习率随 B 成正比地跟着它走。",
        ),
        (
            "超过临界批量：步数少了，样本却多得多",
            "批量小于临界值时，B 翻倍，所需更新次数大约减半。超过临界值后，更新次数几乎不再下降，样本数却随 B 成正比增长，算力花得不值。把损失图的横轴切换为“已处理样本数”，就能看到大批量落在后面（McCandlish 等，2018，§2.3）。",
        ),
        (
            "Adam 和 Sophia 各除以什么",
            "Adam 和 AdamW 把每个坐标的步长除以 √v̂，即梯度平方滑动平均的平方根，这个量里含有噪声（Kingma 与 Ba，2015）。Sophia 除以 ρ·B·ĥ，即曲率的滑动估计，并把每个坐标的移动限制在学习率以内（Liu 等，2023，Sophia，arXiv:2305.14342）。上方的除数图（“各优化器把梯度除以什么”）按当前设置逐个坐标画出各自除以的量，并与真实曲率对照。这会让某个优化器的临界批量变大还是变小，要靠测量而不是假定：运行扫描后对比拟合出的临界批量。Sophia 的曲率估计从 0 开始，又不做偏差校正，需要多次刷新才能稳定（对应的卡片显示了它的进度），所以在短训练中它可能最慢。AdamW 与 Adam 的区别只在权重衰减：见权重衰减的说明。",
        ),
        (
            "当 B_simple 和 B_noise 远大于拟合出的临界批量时",
            "对比上面的数值卡片：如果测得的 B_simple 和 B_noise 远大于拟合出的临界批量，差距来自条件数。两者都在目标处测量，此时剩下的损失集中在梯度很小的平坦方向上，|G|² 和 GᵀHG 都很小，比值于是很大；同一次运行在起点处的 B_noise 要小得多。增大批量并不能让平坦方向走得更快，因为最陡的方向把恒定学习率限制在 2 / h_max 以内。对 SGD 而言，拐点大致落在噪声平台学习率 4·B·L / tr Σ 触到这个上限的批量处，即 B ≈ (2 / h_max)·tr Σ / (4L)：卡片“SGD 的噪声平台批量”按当前输入算出它；运行扫描后可与 SGD 拟合出的临界批量对比（McCandlish 等，2018，式 2.11 与附录 D；Zhang 等，2019）。",
        ),
    ],
};
