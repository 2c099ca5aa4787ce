//! Strings of the Simulator's divisor section: what each optimizer divides the gradient by, the
//! quadratic's noise model, Sophia's and AdamW's settings, and weight decay.

use super::{FieldText, FigureText};

/// The divisor section and the optimizer settings.
pub struct SimDivisor {
    /// The noise model field.
    pub noise: FieldText,
    /// Noise model names, in `NoiseModel::KEYS` order.
    pub noise_names: [&'static str; 2],
    /// Summary of the settings block.
    pub settings_summary: &'static str,
    /// Sophia's estimator field.
    pub sophia_est: FieldText,
    /// Estimator names, in `CurvatureEstimator::KEYS` order.
    pub est_names: [&'static str; 2],
    /// Sophia's ρ.
    pub sophia_rho: FieldText,
    /// Sophia's k.
    pub sophia_k: FieldText,
    /// Sophia's β₂.
    pub sophia_b2: FieldText,
    /// AdamW's λ.
    pub adamw_wd: FieldText,
    /// The update the divisors are read at.
    pub div_t: FieldText,
    /// Section title.
    pub title: &'static str,
    /// The chart's caption.
    pub chart_title: &'static str,
    /// Chart x title.
    pub x: &'static str,
    /// Chart y title.
    pub y: &'static str,
    /// Legend of the fitted lines.
    pub fit_label: &'static str,
    /// Legend of each rule, with {slope}: SGD, Adam, Sophia.
    pub rule_labels: [&'static str; 3],
    /// Column names of the data table: SGD, Adam, Sophia.
    pub rule_names: [&'static str; 3],
    /// Data table column of the coordinate index.
    pub coordinate: &'static str,
    /// Chart alternative text, with {t} and {b}.
    pub alt: &'static str,
    /// How the chart was computed, with {t}, {b}, {seed}, {lr_sgd}, {lr_adam}, {lr_sophia}, {coords}.
    pub setup: &'static str,
    /// Shown instead of the chart off the quadratic.
    pub only_nqm: &'static str,
    /// Slope cards: SGD, Adam, Sophia.
    pub slopes: [FigureText; 3],
    /// Card: the fraction of its settled value Sophia's estimate has reached.
    pub warm: FigureText,
    /// Card: the share of coordinates Sophia clipped.
    pub clipped: FigureText,
    /// Unit of the fractions.
    pub unit_share: &'static str,
    /// Reading, GNB under C = H, with {sophia}.
    pub read_gnb_hessian: &'static str,
    /// Reading, GNB under isotropic noise, with {sophia}.
    pub read_gnb_iso: &'static str,
    /// Reading, Hutchinson, with {sophia}.
    pub read_hutchinson: &'static str,
    /// Reading, Adam under C = H, with {adam}.
    pub read_adam_hessian: &'static str,
    /// Reading, Adam under isotropic noise, with {adam}.
    pub read_adam_iso: &'static str,
    /// Reading, Sophia's warm-up and clipping, with {n}, {k}, {b2}, {warm}, {clipped}.
    pub read_sophia_state: &'static str,
    /// Weight decay heading.
    pub decay_title: &'static str,
    /// Weight decay explanation, with {wd}, {lr}, {steps}, {keep}.
    pub decay_body: &'static str,
    /// Button: show AdamW with a decay that matters.
    pub decay_preset: &'static str,
    /// Card: the batch where SGD's noise-floor rate meets the stability cap.
    pub noise_floor: FigureText,
}

pub(super) static EN: SimDivisor = SimDivisor {
    noise: FieldText {
        label: "Gradient noise (quadratic)",
        unit: "",
        hint: "covariance of one example's gradient: H as in Zhang et al. 2019, or σ²I with the same trace",
    },
    noise_names: ["Like the curvature (C = H)", "Isotropic (C = σ²I)"],
    settings_summary: "Sophia and AdamW settings",
    sophia_est: FieldText {
        label: "Sophia's curvature estimate",
        unit: "",
        hint: "GNB: the official SophiaG; Hutchinson: the paper's Sophia-H",
    },
    est_names: [
        "Gauss–Newton–Bartlett (SophiaG)",
        "Hutchinson u⊙(Hu) (Sophia-H)",
    ],
    sophia_rho: FieldText {
        label: "Sophia ρ",
        unit: "",
        hint: "default 0.04; the step is clipped where |m| ≥ ρ·B·ĥ",
    },
    sophia_k: FieldText {
        label: "Sophia refresh interval k",
        unit: "updates",
        hint: "default 10: ĥ is refreshed after every k-th update",
    },
    sophia_b2: FieldText {
        label: "Sophia β₂",
        unit: "",
        hint: "default 0.99: weight of the old ĥ at each refresh, 0 ≤ β₂ < 1",
    },
    adamw_wd: FieldText {
        label: "AdamW weight decay λ",
        unit: "",
        hint: "default 0.01 (PyTorch); each update multiplies θ by 1 − rate·λ",
    },
    div_t: FieldText {
        label: "Read the divisors at update",
        unit: "",
        hint: "blank: the last update of the run; at most 30,000 on the default quadratic",
    },
    title: "What each optimizer divides the gradient by",
    chart_title: "Each coordinate's divisor against its true curvature (log–log)",
    x: "true curvature hᵢ",
    y: "divisor of coordinate i",
    fit_label: "least-squares line",
    rule_labels: [
        "SGD: 1 (slope {slope})",
        "Adam: √v̂ + ε (slope {slope})",
        "Sophia: max(ρ·B·ĥ, ε) (slope {slope})",
    ],
    rule_names: ["SGD divisor", "Adam divisor", "Sophia divisor"],
    coordinate: "coordinate i",
    alt: "What SGD, Adam and Sophia divide each coordinate's gradient by, against its curvature, at update {t}, B = {b}.",
    setup: "Computed now: one run per rule at B = {b} (the smallest batch size of the list), seed {seed}, read after update {t}; rates SGD {lr_sgd}, Adam {lr_adam}, Sophia {lr_sophia}; {coords} coordinates. A slope of 0 is a flat divisor, 1 is Newton's (divide by hᵢ itself).",
    only_nqm: "The true curvature hᵢ of every coordinate is known only on the noisy quadratic: choose it as the problem to see this chart.",
    slopes: [
        FigureText {
            label: "Slope of SGD's divisor against hᵢ",
            why: "Least-squares slope of log divisor against log hᵢ over the coordinates. SGD divides by 1, so the slope is 0: every coordinate moves by rate × gradient (torch.optim.SGD).",
        },
        FigureText {
            label: "Slope of Adam's divisor against hᵢ",
            why: "Adam divides by √v̂ + ε, v̂ the bias-corrected running mean of squared gradients (Kingma & Ba 2015, Algorithm 1). Where the noise dominates, v ≈ cᵢ/B with cᵢ the per-example noise variance: under C = H that is hᵢ/B and the slope is near ½; under isotropic noise it is flat. Adam measures the gradient's size, which follows the curvature only when the noise does.",
        },
        FigureText {
            label: "Slope of Sophia's divisor against hᵢ",
            why: "Sophia divides by max(ρ·B·ĥ, ε), ĥ an EMA of a Hessian-diagonal estimate (Liu et al. 2023, Algorithm 3; official sophia.py). GNB's estimate has expectation diag(Fisher)/B, here the per-example noise variance over B, so its slope is 1 only under C = H; Hutchinson's u⊙(Hu) (Algorithm 1) has expectation diag(H) whatever the noise.",
        },
    ],
    warm: FigureText {
        label: "Sophia's curvature estimate, share of its settled value",
        why: "ĥ starts at 0 and after each of n = ⌊t/k⌋ refreshes becomes β₂ĥ + (1 − β₂)·estimate, with no bias correction (official sophia.py, update_hessian), so a steady estimate h gives ĥ = (1 − β₂ⁿ)·h. Until it settles the divisor is too small and more coordinates are clipped.",
    },
    clipped: FigureText {
        label: "Coordinates Sophia clipped at this update",
        why: "Sophia moves each coordinate by rate × min(|m| / (ρ·B·ĥ), 1) in the direction of m. Where |m| ≥ ρ·B·ĥ the ratio is clipped at 1 and the coordinate moves by exactly ± the rate, as in sign descent (the complement of train/win_rate in the official train_sophiag.py).",
    },
    unit_share: "",
    read_gnb_hessian: "Sophia's slope is {sophia}: under this noise model one example's gradient has covariance H, so GNB's squared sampled-label gradient, whose expectation is the Fisher over B, equals hᵢ/B and Sophia divides by the curvature. That is a property of the noise model, not of GNB: switch the noise to isotropic and watch the slope.",
    read_gnb_iso: "Sophia's slope is {sophia}: with isotropic noise the Fisher is σ²I, so GNB measures the same value in every coordinate and Sophia no longer divides by the curvature. Hutchinson's u⊙(Hu) measures H itself: switch the estimator.",
    read_hutchinson: "Sophia's slope is {sophia}: Hutchinson's u⊙(Hu) has expectation diag(H) whatever the noise, so Sophia divides by the curvature under either noise model; the random u scatters the points around the line.",
    read_adam_hessian: "Adam's slope is {adam}: its √v̂ grows with the curvature here because the noise does (v ≈ hᵢ/B where noise dominates gives ½).",
    read_adam_iso: "Adam's slope is {adam}: with isotropic noise v ≈ σ²/B wherever the noise dominates, so Adam's divisor no longer follows the curvature. Adam divides by the gradient's size, not by the curvature.",
    read_sophia_state: "After {n} refreshes (every k = {k} updates, β₂ = {b2}, no bias correction) Sophia's estimate stands at {warm} of its settled value, and {clipped} of the coordinates were clipped in this update: they moved by ± the rate, like sign descent. A half-settled estimate is one reason Sophia can lag in short runs; compare its curves with k = 1 or β₂ = 0.9.",
    decay_title: "Weight decay: Adam against AdamW",
    decay_body: "Adam adds λθ to the gradient, so the decay is divided by √v̂ with the rest; AdamW shrinks the weights outside the adaptive step, θ ← θ(1 − rate·λ), the same for every coordinate (decoupled weight decay, Loshchilov & Hutter 2019, §2). With λ = {wd} and a rate of {lr}, {steps} updates multiply θ by {keep} through decay alone: when that is close to 1, AdamW's curves sit on Adam's. On the quadratic the minimum is at θ = 0, so decay pulls towards it and helps; in a real network it pulls away from the training minimum and acts as a regulariser.",
    decay_preset: "Show Adam against AdamW with λ = 1",
    noise_floor: FigureText {
        label: "SGD's noise-floor batch (2/h_max)·tr Σ/(4L)",
        why: "A constant rate ε at batch B leaves SGD at a loss of about ε·tr Σ/(4B) (the steady state of the noisy quadratic, Zhang et al. 2019), so reaching the target L needs ε ≲ 4·B·L/tr Σ; that rate meets the stability cap 2/h_max at this batch. Below it the best rate grows with B and the steps fall as 1/B; above it they barely fall. Computed from the current inputs (tr Σ exact on the quadratic); compare it with SGD's fitted critical batch after a sweep (McCandlish et al. 2018, eq. 2.11).",
    },
};

pub(super) static ZH: SimDivisor = SimDivisor {
    noise: FieldText {
        label: "梯度噪声（二次模型）",
        unit: "",
        hint: "单个样本梯度的协方差：与 Zhang 等（2019）相同取 H，或取迹相同的 σ²I",
    },
    noise_names: ["与曲率相同（C = H）", "各向同性（C = σ²I）"],
    settings_summary: "Sophia 与 AdamW 的设置",
    sophia_est: FieldText {
        label: "Sophia 的曲率估计",
        unit: "",
        hint: "GNB：官方 SophiaG；Hutchinson：论文中的 Sophia-H",
    },
    est_names: [
        "Gauss–Newton–Bartlett（SophiaG）",
        "Hutchinson u⊙(Hu)（Sophia-H）",
    ],
    sophia_rho: FieldText {
        label: "Sophia 的 ρ",
        unit: "",
        hint: "默认 0.04；当 |m| ≥ ρ·B·ĥ 时该坐标的步长被截断",
    },
    sophia_k: FieldText {
        label: "Sophia 的刷新间隔 k",
        unit: "次更新",
        hint: "默认 10：每隔 k 次更新刷新一次 ĥ",
    },
    sophia_b2: FieldText {
        label: "Sophia 的 β₂",
        unit: "",
        hint: "默认 0.99：每次刷新时旧 ĥ 的权重，0 ≤ β₂ < 1",
    },
    adamw_wd: FieldText {
        label: "AdamW 的权重衰减 λ",
        unit: "",
        hint: "默认 0.01（PyTorch）；每次更新把 θ 乘以 1 − γλ（γ 为学习率）",
    },
    div_t: FieldText {
        label: "读取除数的更新步",
        unit: "",
        hint: "留空：取运行的最后一次更新；默认二次模型上最多 3 万次",
    },
    title: "各优化器把梯度除以什么",
    chart_title: "每个坐标的除数与其真实曲率（双对数坐标）",
    x: "真实曲率 hᵢ",
    y: "坐标 i 的除数",
    fit_label: "最小二乘拟合线",
    rule_labels: [
        "SGD：1（斜率 {slope}）",
        "Adam：√v̂ + ε（斜率 {slope}）",
        "Sophia：max(ρ·B·ĥ, ε)（斜率 {slope}）",
    ],
    rule_names: ["SGD 的除数", "Adam 的除数", "Sophia 的除数"],
    coordinate: "坐标 i",
    alt: "第 {t} 次更新、B = {b} 时，SGD、Adam 和 Sophia 对每个坐标的梯度所除的量与该坐标曲率的关系。",
    setup: "按当前输入即时计算：每种规则在 B = {b}（列表中最小的批量）、随机种子 {seed} 下各跑一次，在第 {t} 次更新后读取；学习率 SGD {lr_sgd}、Adam {lr_adam}、Sophia {lr_sophia}；共 {coords} 个坐标。斜率为 0 表示除数与曲率无关，斜率为 1 相当于牛顿法（直接除以 hᵢ）。",
    only_nqm: "只有在带噪声的二次模型上才知道每个坐标的真实曲率 hᵢ：把问题切换为二次模型即可看到这张图。",
    slopes: [
        FigureText {
            label: "SGD 除数对 hᵢ 的斜率",
            why: "对各坐标取 log 除数对 log hᵢ 的最小二乘斜率。SGD 除以 1，斜率为 0：每个坐标都按学习率 × 梯度移动（torch.optim.SGD）。",
        },
        FigureText {
            label: "Adam 除数对 hᵢ 的斜率",
            why: "Adam 除以 √v̂ + ε，v̂ 是经过偏差校正的梯度平方滑动平均（Kingma 与 Ba，2015，算法 1）。在噪声占主导的坐标上，v ≈ cᵢ/B，cᵢ 是单个样本的噪声方差：C = H 时即 hᵢ/B，斜率接近 ½；各向同性噪声下则与曲率无关。Adam 度量的是梯度的大小，只有噪声随曲率变化时它才随曲率变化。",
        },
        FigureText {
            label: "Sophia 除数对 hᵢ 的斜率",
            why: "Sophia 除以 max(ρ·B·ĥ, ε)，ĥ 是海森对角线估计的滑动平均（Liu 等，2023，算法 3；官方 sophia.py）。GNB 估计的期望是 Fisher 矩阵的对角线除以 B，在这里就是单个样本的噪声方差除以 B，所以只有 C = H 时斜率才为 1；Hutchinson 估计 u⊙(Hu)（算法 1）的期望无论噪声如何都是 diag(H)。",
        },
    ],
    warm: FigureText {
        label: "Sophia 曲率估计达到稳定值的比例",
        why: "ĥ 从 0 开始，每次刷新（共 n = ⌊t/k⌋ 次）变为 β₂ĥ + (1 − β₂)·估计值，且不做偏差校正（官方 sophia.py 的 update_hessian），所以估计值稳定为 h 时 ĥ = (1 − β₂ⁿ)·h。在它稳定之前，除数偏小，被截断的坐标更多。",
    },
    clipped: FigureText {
        label: "Sophia 在这次更新中截断的坐标比例",
        why: "Sophia 让每个坐标沿 m 的方向移动学习率 × min(|m| / (ρ·B·ĥ), 1)。当 |m| ≥ ρ·B·ĥ 时比值被截断为 1，该坐标恰好移动 ± 学习率，与符号下降相同（即官方 train_sophiag.py 中 train/win_rate 的补数）。",
    },
    unit_share: "",
    read_gnb_hessian: "Sophia 的斜率为 {sophia}：在这种噪声模型下，单个样本梯度的协方差就是 H，所以 GNB 用采样标签得到的梯度平方（期望为 Fisher 除以 B）恰好等于 hᵢ/B，Sophia 也就除以了曲率。这是噪声模型的性质，而不是 GNB 的性质：把噪声切换为各向同性，再看斜率。",
    read_gnb_iso: "Sophia 的斜率为 {sophia}：各向同性噪声下 Fisher 矩阵是 σ²I，GNB 在每个坐标上测得的值都相同，Sophia 不再除以曲率。Hutchinson 估计 u⊙(Hu) 直接度量 H：切换估计方法试试。",
    read_hutchinson: "Sophia 的斜率为 {sophia}：Hutchinson 估计 u⊙(Hu) 的期望无论噪声如何都是 diag(H)，所以两种噪声模型下 Sophia 都除以曲率；随机向量 u 让各点散布在拟合线两侧。",
    read_adam_hessian: "Adam 的斜率为 {adam}：这里 √v̂ 随曲率增大，是因为噪声随曲率增大（噪声占主导时 v ≈ hᵢ/B，对应斜率 ½）。",
    read_adam_iso: "Adam 的斜率为 {adam}：各向同性噪声下，凡是噪声占主导的坐标都有 v ≈ σ²/B，Adam 的除数不再随曲率变化。Adam 除以的是梯度的大小，而不是曲率。",
    read_sophia_state: "经过 {n} 次刷新（每 k = {k} 次更新一次，β₂ = {b2}，不做偏差校正）后，Sophia 的估计只达到稳定值的 {warm}；本次更新中有 {clipped} 的坐标被截断，只移动 ± 学习率，与符号下降相同。估计值尚未稳定，是 Sophia 在短训练中可能落后的原因之一；可以把 k 设为 1 或把 β₂ 设为 0.9 再对比曲线。",
    decay_title: "权重衰减：Adam 与 AdamW",
    decay_body: "Adam 把 λθ 加到梯度上，衰减项也会和梯度一起被 √v̂ 除；AdamW 则在自适应步之外直接缩小权重，θ ← θ(1 − γλ)（γ 为学习率），每个坐标都相同（解耦权重衰减，Loshchilov 与 Hutter，2019，第 2 节）。当 λ = {wd}、学习率为 {lr} 时，{steps} 次更新仅靠衰减就把 θ 乘以 {keep}：这个数接近 1 时，AdamW 的曲线与 Adam 重合。二次模型的最小值在 θ = 0，衰减把参数拉向最小值，因而有帮助；在真实网络中，衰减把参数拉离训练损失的最小值，起正则化的作用。",
    decay_preset: "对比 Adam 与 λ = 1 的 AdamW",
    noise_floor: FigureText {
        label: "SGD 的噪声平台批量 (2/h_max)·tr Σ/(4L)",
        why: "恒定学习率 ε、批量 B 下，SGD 最终停在约 ε·tr Σ/(4B) 的损失（带噪声二次模型的稳态，Zhang 等，2019），所以要达到目标损失 L 需要 ε ≲ 4·B·L/tr Σ；这个学习率在该批量处触到稳定上限 2/h_max。低于这个批量时，最优学习率随 B 增大，步数按 1/B 下降；高于它时步数几乎不再减少。按当前输入计算（二次模型上 tr Σ 是精确值）；运行扫描后可与 SGD 拟合出的临界批量对比（McCandlish 等，2018，式 2.11）。",
    },
};
