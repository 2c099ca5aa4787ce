//! The entries of the "Formulas and sources" pages, in both languages: every formula the app's
//! figures come from (`src/core`), with a two-line derivation and its primary source.
//!
//! Formulas are plain Unicode text (no math font): one line per relation.

use crate::ui::i18n::Lang;
use crate::ui::state::View;

/// A text in both languages.
pub struct Text {
    /// English.
    pub en: &'static str,
    /// Simplified Chinese.
    pub zh: &'static str,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

/// A text that reads the same in both languages (a formula made of symbols only).
const fn same(text: &'static str) -> Text {
    Text { en: text, zh: text }
}

/// A link to a primary source: what it shows and where it goes.
pub struct Link {
    /// The link text (`arXiv:1812.06162`, a file path).
    pub label: &'static str,
    /// The address.
    pub url: &'static str,
}

/// One formula.
pub struct Entry {
    /// The anchor is `formula-<id>`.
    pub id: &'static str,
    /// The view whose section of the page it sits in.
    pub view: View,
    /// Its name.
    pub title: Text,
    /// The formula, one relation per line.
    pub formula: Text,
    /// Where it comes from, in two sentences.
    pub derivation: Text,
    /// The source: paper and section or equation, or library, file and version.
    pub source: Text,
    /// Links to the sources named.
    pub links: &'static [Link],
}

const MCCANDLISH: Link = Link {
    label: "arXiv:1812.06162",
    url: "https://arxiv.org/abs/1812.06162",
};
const TRAINER: Link = Link {
    label: "transformers v5.24.0 · trainer.py",
    url: "https://github.com/huggingface/transformers/blob/v5.24.0/src/transformers/trainer.py",
};
const ACCELERATE: Link = Link {
    label: "accelerate v1.15.0 · data_loader.py",
    url: "https://github.com/huggingface/accelerate/blob/v1.15.0/src/accelerate/data_loader.py",
};
const ZERO: Link = Link {
    label: "arXiv:1910.02054",
    url: "https://arxiv.org/abs/1910.02054",
};
const GOH: Link = Link {
    label: "doi:10.23915/distill.00006",
    url: "https://doi.org/10.23915/distill.00006",
};
const MALLADI: Link = Link {
    label: "arXiv:2205.10287",
    url: "https://arxiv.org/abs/2205.10287",
};

/// Every entry, grouped by view in the order of the app's navigation.
pub static ENTRIES: &[Entry] = &[
    // ---------------------------------------------------------------- Steps
    Entry {
        id: "effective-batch",
        view: View::Steps,
        title: Text {
            en: "Effective (global) batch",
            zh: "有效批量（全局批量）",
        },
        formula: same("B = mbs × GA × n_dev"),
        derivation: Text {
            en: "Each device adds up the gradients of GA micro-batches of mbs examples before the optimizer steps, and the n_dev data-parallel devices average theirs. One update therefore rests on mbs·GA·n_dev examples.",
            zh: "每张卡先累积 GA 个微批次（每个 mbs 条样本）的梯度，优化器才更新一次；n_dev 张数据并行的卡再把梯度取平均。所以一次更新用到 mbs·GA·n_dev 条样本。",
        },
        source: Text {
            en: "Hugging Face transformers 5.24.0, src/transformers/trainer.py (total_train_batch_size).",
            zh: "Hugging Face transformers 5.24.0，src/transformers/trainer.py（total_train_batch_size）。",
        },
        links: &[TRAINER],
    },
    Entry {
        id: "dataloader-length",
        view: View::Steps,
        title: Text {
            en: "Micro-batches per device per epoch",
            zh: "每卡每轮的微批次数",
        },
        formula: Text {
            en: "one device: len = ⌈N / mbs⌉\nn_dev devices: len = ⌈⌈N / mbs⌉ / n_dev⌉\ndrop_last: ⌊N / mbs⌋ and ⌊⌊N / mbs⌋ / n_dev⌋",
            zh: "单卡：len = ⌈N / mbs⌉\nn_dev 张卡：len = ⌈⌈N / mbs⌉ / n_dev⌉\ndrop_last：⌊N / mbs⌋ 与 ⌊⌊N / mbs⌋ / n_dev⌋",
        },
        derivation: Text {
            en: "The dataloader cuts the N examples into batches of mbs, and a last partial batch counts unless dataloader_drop_last drops it. accelerate deals the batches to the devices in turn; with even_batches=True each gets the same number, the last round topped up from the first examples.",
            zh: "数据加载器把 N 条样本切成每批 mbs 条，最后不满的一批也算，除非设置了 dataloader_drop_last。accelerate 把批次轮流发给各卡；even_batches=True 时每卡批次数相同，最后一轮不够就从开头的样本补齐。",
        },
        source: Text {
            en: "accelerate 1.15.0, src/accelerate/data_loader.py (BatchSamplerShard.__len__); transformers 5.24.0, trainer.py.",
            zh: "accelerate 1.15.0，src/accelerate/data_loader.py（BatchSamplerShard.__len__）；transformers 5.24.0，trainer.py。",
        },
        links: &[ACCELERATE, TRAINER],
    },
    Entry {
        id: "updates-per-epoch",
        view: View::Steps,
        title: Text {
            en: "Optimizer updates per epoch",
            zh: "每轮的优化器更新次数",
        },
        formula: Text {
            en: "transformers ≥ 4.52: U = max(⌈len / GA⌉, 1)\ntransformers ≤ 4.51: U = max(⌊len / GA⌋, 1)",
            zh: "transformers ≥ 4.52：U = max(⌈len / GA⌉, 1)\ntransformers ≤ 4.51：U = max(⌊len / GA⌋, 1)",
        },
        derivation: Text {
            en: "An update consumes GA micro-batches. Since 4.52 the shorter group left at the end of an epoch still makes an update (ceiling); up to 4.51.3 the count left it out (floor), which is what the legacy figures show when the two differ. Accumulation longer than an epoch gives exactly one update per epoch, from the epoch's micro-batches.",
            zh: "一次更新消耗 GA 个微批次。从 4.52 起，一轮末尾凑不满 GA 的那一组也算一次更新（向上取整）；4.51.3 及更早的版本不计这一组（向下取整）。两者不同时，页面另给出旧版本的计数。梯度累积步数超过一轮的微批次数时，每轮恰好更新一次，用的就是这一轮的全部微批次。",
        },
        source: Text {
            en: "transformers 5.24.0 and 4.51.3, src/transformers/trainer.py (set_initial_training_values).",
            zh: "transformers 5.24.0 与 4.51.3，src/transformers/trainer.py（set_initial_training_values）。",
        },
        links: &[
            TRAINER,
            Link {
                label: "transformers v4.51.3 · trainer.py",
                url: "https://github.com/huggingface/transformers/blob/v4.51.3/src/transformers/trainer.py",
            },
        ],
    },
    Entry {
        id: "total-updates",
        view: View::Steps,
        title: Text {
            en: "Total updates and epochs",
            zh: "总更新次数与轮数",
        },
        formula: Text {
            en: "max_steps > 0: T = max_steps, Num Epochs = ⌈T / U⌉\notherwise: T = ⌈epochs × U⌉, Num Epochs = ⌈epochs⌉\nstate.epoch at the end = e + (i + 1) / len (e whole epochs done, i the last micro-batch of the epoch, from 0)",
            zh: "max_steps > 0：T = max_steps，Num Epochs = ⌈T / U⌉\n否则：T = ⌈epochs × U⌉，Num Epochs = ⌈epochs⌉\n结束时的 state.epoch = e + (i + 1) / len（e 为已跑完的轮数，i 为该轮最后一个微批次的序号，从 0 起）",
        },
        derivation: Text {
            en: "A positive max_steps overrides the epochs, and the Trainer reports how many epochs it takes. Otherwise the product is computed in floating point and rounded up, so a fractional epoch count stops part-way through the last epoch. The log's “Num Epochs” is the number of epochs the loop starts, and state.epoch counts micro-batches, so it ends at the end of the last whole accumulation window, slightly past a fractional input (2.5 → 2.504 for 1,000 examples, micro-batch 8, accumulation 3).",
            zh: "max_steps 为正时优先于轮数，Trainer 再报告这需要几轮。否则先按浮点数相乘再向上取整，所以轮数不是整数时，训练会在最后一轮中途停下。日志里的 Num Epochs 是循环开始的轮数；state.epoch 按微批次计数，停在最后一个完整累积窗口的末尾，因此会略超过设定的小数轮数（1,000 条样本、微批次 8、梯度累积 3、2.5 轮时为 2.504）。",
        },
        source: Text {
            en: "transformers 5.24.0, src/transformers/trainer.py (set_initial_training_values).",
            zh: "transformers 5.24.0，src/transformers/trainer.py（set_initial_training_values）。",
        },
        links: &[TRAINER],
    },
    Entry {
        id: "examples-tokens",
        view: View::Steps,
        title: Text {
            en: "Examples and tokens seen",
            zh: "看过的样本数与 token 数",
        },
        formula: Text {
            en: "examples = Σ over updates (micro-batches in the update) × mbs × n_dev\ntokens = examples × seq",
            zh: "样本数 = Σ 每次更新（该次的微批次数）× mbs × n_dev\ntoken 数 = 样本数 × seq",
        },
        derivation: Text {
            en: "Every update takes GA micro-batches except the last of an epoch, which takes what is left (len mod GA, or GA). Micro-batches are counted full, including the examples accelerate repeats to even out the devices, so with padding the token count is an upper bound.",
            zh: "每次更新取 GA 个微批次，只有一轮的最后一次取剩下的（len mod GA，为 0 时取 GA）。微批次按满额计算，包括 accelerate 为了各卡对齐而重复的样本；有 padding 时，token 数是上限。",
        },
        source: Text {
            en: "transformers 5.24.0, src/transformers/trainer.py (_run_epoch); accelerate 1.15.0, src/accelerate/data_loader.py.",
            zh: "transformers 5.24.0，src/transformers/trainer.py（_run_epoch）；accelerate 1.15.0，src/accelerate/data_loader.py。",
        },
        links: &[TRAINER, ACCELERATE],
    },
    Entry {
        id: "warmup",
        view: View::Steps,
        title: Text {
            en: "Warmup steps",
            zh: "预热步数",
        },
        formula: Text {
            en: "warmup ≥ 1: W = int(warmup) (steps, 2.5 → 2)\n0 ≤ warmup < 1: W = ⌈T × warmup⌉ (a ratio of the run)",
            zh: "warmup ≥ 1：W = int(warmup)（步数，2.5 → 2）\n0 ≤ warmup < 1：W = ⌈T × warmup⌉（占全程的比例）",
        },
        derivation: Text {
            en: "transformers 5 reads one warmup_steps argument as a number of steps when it is at least 1 (truncated to a whole number, as Python's int() does) and as a fraction of the run below that. The ratio is rounded up, so any non-zero ratio gives at least one warmup step.",
            zh: "transformers 5 只有一个 warmup_steps 参数：不小于 1 时是步数（像 Python 的 int() 一样截去小数），小于 1 时是占全程的比例。比例向上取整，所以只要比例不为 0，就至少有一步预热。",
        },
        source: Text {
            en: "transformers 5.24.0, src/transformers/training_args.py (get_warmup_steps).",
            zh: "transformers 5.24.0，src/transformers/training_args.py（get_warmup_steps）。",
        },
        links: &[Link {
            label: "transformers v5.24.0 · training_args.py",
            url: "https://github.com/huggingface/transformers/blob/v5.24.0/src/transformers/training_args.py",
        }],
    },
    Entry {
        id: "lr-schedule",
        view: View::Steps,
        title: Text {
            en: "Learning-rate schedules",
            zh: "学习率调度",
        },
        formula: Text {
            en: "lr(k) = lr_peak × λ(k), update u runs at k = u − 1\nwarmup (k < W): λ = k / max(1, W)\nlinear: λ = max(0, (T − k) / max(1, T − W))\ncosine: p = (k − W) / max(1, T − W), λ = max(0, ½(1 + cos πp))\ncosine_min: λ ← r + (1 − r)·λ, r = min_lr_rate\nconstant: λ = 1",
            zh: "lr(k) = lr_peak × λ(k)，第 u 次更新用 k = u − 1\n预热（k < W）：λ = k / max(1, W)\nlinear：λ = max(0, (T − k) / max(1, T − W))\ncosine：p = (k − W) / max(1, T − W)，λ = max(0, ½(1 + cos πp))\ncosine_min：λ ← r + (1 − r)·λ，r = min_lr_rate\nconstant：λ = 1",
        },
        derivation: Text {
            en: "The Trainer steps the optimizer before the scheduler, so update u uses the multiplier at k = u − 1 and, with any warmup, the first update runs at lr = 0. Cosine with num_cycles = 0.5 is half a period, from the peak down to zero or to the floor r.",
            zh: "Trainer 先调用优化器的 step，再调用调度器的 step，所以第 u 次更新用的是 k = u − 1 处的系数；只要有预热，第一次更新的学习率就是 0。num_cycles = 0.5 的余弦是半个周期，从峰值降到 0（或降到下限 r）。",
        },
        source: Text {
            en: "transformers 5.24.0, src/transformers/optimization.py (get_linear_schedule_with_warmup, get_cosine_schedule_with_warmup, get_cosine_with_min_lr_schedule_with_warmup, get_constant_schedule_with_warmup).",
            zh: "transformers 5.24.0，src/transformers/optimization.py（get_linear_schedule_with_warmup、get_cosine_schedule_with_warmup、get_cosine_with_min_lr_schedule_with_warmup、get_constant_schedule_with_warmup）。",
        },
        links: &[Link {
            label: "transformers v5.24.0 · optimization.py",
            url: "https://github.com/huggingface/transformers/blob/v5.24.0/src/transformers/optimization.py",
        }],
    },
    // ---------------------------------------------------------------- Batch & LR
    Entry {
        id: "max-step",
        view: View::Lr,
        title: Text {
            en: "Largest stable step of gradient descent: 2/λ_max",
            zh: "梯度下降的最大稳定步长：2/λ_max",
        },
        formula: same(
            "L(θ) = ½(λ_max·θ₁² + λ₂·θ₂²)\nθᵢ ← (1 − ηλᵢ)·θᵢ\nstable ⇔ |1 − ηλ_max| < 1 ⇔ 0 < η < 2/λ_max",
        ),
        derivation: Text {
            en: "With the exact gradient each coordinate is multiplied by 1 − ηλᵢ every step. Past η = 2/λ_max the steep factor is below −1, so each step overshoots the valley floor by more than the last; the page stops a run when its loss passes 10⁶ times the start and reports that step.",
            zh: "用精确梯度时，每一步都把各坐标乘以 1 − ηλᵢ。η 超过 2/λ_max 后，陡方向的因子小于 −1，每一步越过谷底都比上一步更远；损失超过初始值的 10⁶ 倍时页面停止这次运行，并报告是第几步。",
        },
        source: Text {
            en: "Goh 2017, “Why Momentum Really Works”, Distill, section “First Steps: Gradient Descent”.",
            zh: "Goh 2017，“Why Momentum Really Works”，Distill，“First Steps: Gradient Descent”一节。",
        },
        links: &[GOH],
    },
    Entry {
        id: "max-step-momentum",
        view: View::Lr,
        title: Text {
            en: "With heavy-ball momentum: 2(1+β)/λ_max",
            zh: "带重球动量：2(1+β)/λ_max",
        },
        formula: Text {
            en: "v ← βv − η∇L(θ), θ ← θ + v\nper direction, a = ηλ: z² − (1 + β − a)·z + β = 0\nρ = largest |z|; stable ⇔ 0 < a < 2(1 + β) ⇔ η < 2(1 + β)/λ_max",
            zh: "v ← βv − η∇L(θ)，θ ← θ + v\n每个方向，a = ηλ：z² − (1 + β − a)·z + β = 0\nρ = 最大的 |z|；稳定 ⇔ 0 < a < 2(1 + β) ⇔ η < 2(1 + β)/λ_max",
        },
        derivation: Text {
            en: "Each direction follows a two-term linear recurrence whose growth factors are the roots z above; it converges when both lie inside the unit circle. ρ of the slowest direction is the per-step contraction the page shows (converges below 1, diverges above), and β = 0 gives back 2/λ_max.",
            zh: "每个方向都满足一个两项线性递推，其增长因子就是上式的根 z；两个根都在单位圆内时收敛。页面显示的是最慢方向的 ρ，即每步的收缩因子（小于 1 收敛，大于 1 发散）；β = 0 时又回到 2/λ_max。",
        },
        source: Text {
            en: "Polyak 1964, “Some methods of speeding up the convergence of iteration methods”, USSR Comput. Math. Math. Phys. 4(5); Goh 2017, Distill, section “The Dynamics of Momentum”.",
            zh: "Polyak 1964，“Some methods of speeding up the convergence of iteration methods”，USSR Comput. Math. Math. Phys. 4(5)；Goh 2017，Distill，“The Dynamics of Momentum”一节。",
        },
        links: &[
            Link {
                label: "doi:10.1016/0041-5553(64)90137-5",
                url: "https://doi.org/10.1016/0041-5553(64)90137-5",
            },
            GOH,
        ],
    },
    Entry {
        id: "eps-opt",
        view: View::Lr,
        title: Text {
            en: "Optimal step ε_opt(B) and its ceiling ε_max",
            zh: "最优步长 ε_opt(B) 与上限 ε_max",
        },
        formula: same(
            "E[L(θ − ε·G_est)] ≈ L − ε|G|² + ½ε²·(GᵀHG + tr(HΣ)/B)\nε_opt(B) = ε_max / (1 + B_noise/B), ε_max = |G|² / GᵀHG\nΔL_opt(B) = ΔL_max / (1 + B_noise/B), ΔL_max = ½|G|⁴ / GᵀHG",
        ),
        derivation: Text {
            en: "Expand the loss to second order around θ and average over the batch gradient's noise, whose covariance is Σ/B; the result is a parabola in ε whose minimum is ε_opt. Well below B_noise the best step grows almost in proportion to B; well above it, it levels off at ε_max.",
            zh: "把损失在 θ 附近展开到二阶，再对批量梯度的噪声（协方差 Σ/B）取期望，得到一条关于 ε 的抛物线，其最低点就是 ε_opt。B 远小于 B_noise 时，最优步长几乎与 B 成正比；远大于 B_noise 时，趋于 ε_max。",
        },
        source: Text {
            en: "McCandlish, Kaplan, Amodei et al. 2018, “An Empirical Model of Large-Batch Training”, §2.2, eqs. 2.4–2.7.",
            zh: "McCandlish、Kaplan、Amodei 等 2018，“An Empirical Model of Large-Batch Training”，第 2.2 节，式（2.4）–（2.7）。",
        },
        links: &[MCCANDLISH],
    },
    Entry {
        id: "b-noise",
        view: View::Lr,
        title: Text {
            en: "Gradient noise scale B_noise",
            zh: "梯度噪声尺度 B_noise",
        },
        formula: same("B_noise = tr(HΣ) / GᵀHG"),
        derivation: Text {
            en: "It is the batch size at which the noise term tr(HΣ)/B equals the curvature term GᵀHG in the expansion, so the best step is half of ε_max. The Simulator knows H and Σ exactly on the noisy quadratic and computes it there.",
            zh: "它是展开式里噪声项 tr(HΣ)/B 恰好等于曲率项 GᵀHG 时的批量，此时最优步长是 ε_max 的一半。模拟器在带噪二次模型上精确知道 H 与 Σ，因此直接算出它。",
        },
        source: Text {
            en: "McCandlish et al. 2018, §2.2, eq. 2.8.",
            zh: "McCandlish 等 2018，第 2.2 节，式（2.8）。",
        },
        links: &[MCCANDLISH],
    },
    Entry {
        id: "b-simple",
        view: View::Lr,
        title: Text {
            en: "Simple noise scale B_simple",
            zh: "简单噪声尺度 B_simple",
        },
        formula: same("B_simple = tr Σ / |G|²\nE[|G_est − G|²] / |G|² = B_simple / B"),
        derivation: Text {
            en: "Taking H proportional to the identity turns B_noise into B_simple, which needs gradients only: at B = B_simple the noise in a batch gradient is as large as the gradient itself. The Simulator measures tr Σ from per-example gradients at the point where the reference run reaches the target.",
            zh: "把 H 取成单位阵的倍数，B_noise 就化为只需梯度的 B_simple：B = B_simple 时，批量梯度里的噪声与梯度本身一样大。模拟器在参考运行到达目标损失的位置，用逐样本梯度测出 tr Σ。",
        },
        source: Text {
            en: "McCandlish et al. 2018, §2.2, eqs. 2.9–2.10.",
            zh: "McCandlish 等 2018，第 2.2 节，式（2.9）–（2.10）。",
        },
        links: &[MCCANDLISH],
    },
    Entry {
        id: "tradeoff",
        view: View::Lr,
        title: Text {
            en: "Steps–examples trade-off",
            zh: "步数与样本数的权衡",
        },
        formula: same(
            "S / S_min = 1 + B_crit / B\nE / E_min = 1 + B / B_crit\n(S/S_min − 1)·(E/E_min − 1) = 1",
        ),
        derivation: Text {
            en: "Adding up the per-step progress ΔL_opt over a run at a fixed batch gives S = ∫(1 + 𝓑/B) ds steps and E = B·S examples. Small batches need the fewest examples and big batches the fewest steps; the product rule says no batch gets both.",
            zh: "把每步的进展 ΔL_opt 在固定批量的整次训练上累加，得到步数 S = ∫(1 + 𝓑/B) ds，样本数 E = B·S。小批量最省样本，大批量最省步数；乘积关系说明没有哪个批量能两者兼得。",
        },
        source: Text {
            en: "McCandlish et al. 2018, §2.3, eq. 2.11, and App. D, eq. D.1.",
            zh: "McCandlish 等 2018，第 2.3 节，式（2.11）；附录 D，式（D.1）。",
        },
        links: &[MCCANDLISH],
    },
    Entry {
        id: "b-crit",
        view: View::Lr,
        title: Text {
            en: "Critical batch B_crit",
            zh: "临界批量 B_crit",
        },
        formula: Text {
            en: "B_crit = E_min / S_min\nSimulator fit: S(B) = S_min + E_min / B, least squares in relative error",
            zh: "B_crit = E_min / S_min\n模拟器的拟合：S(B) = S_min + E_min / B，按相对误差做最小二乘",
        },
        derivation: Text {
            en: "At B = B_crit a run takes 2·S_min steps and 2·E_min examples, the balanced point of the trade-off; it equals B_noise when the noise scale stays constant over the run. The Simulator fits S_min and E_min to the steps to target it measured at each batch size.",
            zh: "B = B_crit 时，一次训练要 2·S_min 步、2·E_min 条样本，正是权衡的平衡点；噪声尺度在训练中不变时，它等于 B_noise。模拟器用各批量下实测的达标步数拟合出 S_min 与 E_min。",
        },
        source: Text {
            en: "McCandlish et al. 2018, §2.3, eq. 2.12.",
            zh: "McCandlish 等 2018，第 2.3 节，式（2.12）。",
        },
        links: &[MCCANDLISH],
    },
    Entry {
        id: "two-batch-estimator",
        view: View::Lr,
        title: Text {
            en: "Estimating B_simple from two batch sizes",
            zh: "用两个批量估计 B_simple",
        },
        formula: same(
            "E[|G_B|²] = |G|² + tr Σ / B\n|𝒢|² = (B_big·|G_big|² − B_small·|G_small|²) / (B_big − B_small)\n𝒮 = (|G_small|² − |G_big|²) / (1/B_small − 1/B_big)\nB_simple ≈ 𝒮 / |𝒢|²",
        ),
        derivation: Text {
            en: "Squared gradient norms measured at two batch sizes give two equations in |G|² and tr Σ; solving them gives unbiased estimates 𝒢 and 𝒮 of both. Their ratio is biased, so average each over many steps before dividing; in data parallelism B_small is the per-device batch and B_big the global one.",
            zh: "在两个批量下测得的梯度范数平方，给出关于 |G|² 与 tr Σ 的两个方程，解出两者的无偏估计 𝒢 与 𝒮。两者之比是有偏的，所以要先各自在多步上平均再相除；数据并行时，B_small 是单卡批量，B_big 是全局批量。",
        },
        source: Text {
            en: "McCandlish et al. 2018, App. A.1, eqs. A.1–A.2; EleutherAI gpt-neox, megatron/gradient_noise_scale/gradient_noise_scale.py.",
            zh: "McCandlish 等 2018，附录 A.1，式（A.1）–（A.2）；EleutherAI gpt-neox，megatron/gradient_noise_scale/gradient_noise_scale.py。",
        },
        links: &[
            MCCANDLISH,
            Link {
                label: "gpt-neox · gradient_noise_scale.py",
                url: "https://github.com/EleutherAI/gpt-neox/blob/main/megatron/gradient_noise_scale/gradient_noise_scale.py",
            },
        ],
    },
    Entry {
        id: "lr-linear",
        view: View::Lr,
        title: Text {
            en: "Linear scaling rule",
            zh: "线性缩放规则",
        },
        formula: same("κ = B1 / B0\nlr₁ = κ · lr₀"),
        derivation: Text {
            en: "For SGD, κ small steps at batch B0 are close to one step at batch κ·B0 with κ times the rate, as long as the gradient barely changes over those steps. Goyal et al. pair it with a gradual warmup; it holds only well below the critical batch.",
            zh: "对 SGD，只要梯度在这几步里变化不大，批量 B0 下的 κ 个小步就近似于批量 κ·B0、学习率乘 κ 的一大步。Goyal 等人配合逐步预热使用它；它只在远低于临界批量时成立。",
        },
        source: Text {
            en: "Goyal et al. 2017, “Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour”, §2.1.",
            zh: "Goyal 等 2017，“Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour”，第 2.1 节。",
        },
        links: &[Link {
            label: "arXiv:1706.02677",
            url: "https://arxiv.org/abs/1706.02677",
        }],
    },
    Entry {
        id: "lr-sqrt",
        view: View::Lr,
        title: Text {
            en: "Square-root scaling rule",
            zh: "平方根缩放规则",
        },
        formula: same("lr₁ = √κ · lr₀"),
        derivation: Text {
            en: "A batch κ times larger divides the variance of the gradient noise by κ, and a rate √κ times larger keeps the variance of the update where it was. Krizhevsky gives this argument for SGD; Malladi et al. derive the same factor for Adam.",
            zh: "批量变为 κ 倍，梯度噪声的方差变为 1/κ；学习率乘 √κ，更新量的方差就保持不变。Krizhevsky 对 SGD 给出这一论证；Malladi 等人对 Adam 推出了同样的系数。",
        },
        source: Text {
            en: "Krizhevsky 2014, “One weird trick for parallelizing convolutional neural networks”; Malladi, Lyu, Panigrahi & Arora 2022, “On the SDEs and Scaling Rules for Adaptive Gradient Algorithms”, square-root scaling rule.",
            zh: "Krizhevsky 2014，“One weird trick for parallelizing convolutional neural networks”；Malladi、Lyu、Panigrahi、Arora 2022，“On the SDEs and Scaling Rules for Adaptive Gradient Algorithms”中的平方根缩放规则。",
        },
        links: &[
            Link {
                label: "arXiv:1404.5997",
                url: "https://arxiv.org/abs/1404.5997",
            },
            MALLADI,
        ],
    },
    Entry {
        id: "adam-scaling",
        view: View::Lr,
        title: Text {
            en: "Scaling Adam's hyperparameters with the batch",
            zh: "随批量缩放 Adam 的超参数",
        },
        formula: Text {
            en: "lr₁ = √κ · lr₀\n1 − β₁′ = κ(1 − β₁), 1 − β₂′ = κ(1 − β₂)\nε′ = ε / √κ\n(no β′ when κ(1 − β) ≥ 1)",
            zh: "lr₁ = √κ · lr₀\n1 − β₁′ = κ(1 − β₁)，1 − β₂′ = κ(1 − β₂)\nε′ = ε / √κ\n（κ(1 − β) ≥ 1 时没有对应的 β′）",
        },
        derivation: Text {
            en: "Malladi et al. approximate Adam by a stochastic differential equation and ask which change keeps the same continuous-time dynamics when the batch grows κ times: the moment averages must forget κ times faster. The page suggests this rule for Adam-type optimizers and the linear rule for SGD.",
            zh: "Malladi 等人用随机微分方程近似 Adam，并问：批量变为 κ 倍时，超参数怎样变才能保持同样的连续时间动力学？答案是动量的滑动平均要忘得快 κ 倍。页面对 Adam 一类优化器建议这条规则，对 SGD 建议线性规则。",
        },
        source: Text {
            en: "Malladi, Lyu, Panigrahi & Arora 2022, “On the SDEs and Scaling Rules for Adaptive Gradient Algorithms”, NeurIPS 2022, square-root scaling rule for Adam.",
            zh: "Malladi、Lyu、Panigrahi、Arora 2022，“On the SDEs and Scaling Rules for Adaptive Gradient Algorithms”，NeurIPS 2022，Adam 的平方根缩放规则。",
        },
        links: &[MALLADI],
    },
    Entry {
        id: "lr-mccandlish",
        view: View::Lr,
        title: Text {
            en: "Rescaling by the optimal-step ratio",
            zh: "按最优步长之比缩放",
        },
        formula: same(
            "lr₁ = lr₀ · ε_opt(B1) / ε_opt(B0) = lr₀ · (1 + B_noise/B0) / (1 + B_noise/B1)",
        ),
        derivation: Text {
            en: "If lr₀ was the best rate at B0, the optimal-step formula says how the best rate moves: almost linearly while both batches are well below B_noise, hardly at all above it. ε_max cancels, so only B_noise is needed.",
            zh: "如果 lr₀ 是 B0 下的最佳学习率，最优步长公式就给出最佳学习率怎样移动：两个批量都远小于 B_noise 时近似线性增长，超过 B_noise 后几乎不变。ε_max 相互抵消，只需要 B_noise。",
        },
        source: Text {
            en: "McCandlish et al. 2018, §2.2, eq. 2.6.",
            zh: "McCandlish 等 2018，第 2.2 节，式（2.6）。",
        },
        links: &[MCCANDLISH],
    },
    // ---------------------------------------------------------------- Simulator
    Entry {
        id: "nqm",
        view: View::Sim,
        title: Text {
            en: "Noisy quadratic model and the final loss",
            zh: "带噪二次模型与最终损失",
        },
        formula: Text {
            en: "ℓ(θ) = ½ Σᵢ hᵢθᵢ², hᵢ = 1/i\ng = Hθ + ξ, ξ ~ N(0, H/B)\nSGD: E[θᵢ²] ← (1 − αhᵢ)²·E[θᵢ²] + α²hᵢ/B\nE[ℓ] = ½ Σᵢ hᵢ·E[θᵢ²]",
            zh: "ℓ(θ) = ½ Σᵢ hᵢθᵢ²，hᵢ = 1/i\ng = Hθ + ξ，ξ ~ N(0, H/B)\nSGD：E[θᵢ²] ← (1 − αhᵢ)²·E[θᵢ²] + α²hᵢ/B\nE[ℓ] = ½ Σᵢ hᵢ·E[θᵢ²]",
        },
        derivation: Text {
            en: "Every coordinate is a one-dimensional problem whose gradient noise is proportional to its curvature, so the expected loss follows a linear recurrence (a 3×3 one with momentum) that the page can iterate exactly. The final loss shown is the mean of the last tenth of the updates on the NQM, or the last full evaluation (cross-entropy in nats) on the data sets.",
            zh: "每个坐标都是一个一维问题，梯度噪声与其曲率成正比，所以期望损失满足线性递推（带动量时是 3×3 的递推），页面可以精确迭代。显示的最终损失：在 NQM 上取最后十分之一更新的平均，在数据集上取最后一次全量评估（交叉熵，单位 nat）。",
        },
        source: Text {
            en: "Zhang, Li, Nado et al. 2019, “Which Algorithmic Choices Matter at Which Batch Sizes? Insights From a Noisy Quadratic Model”, §3; code gd-zhang/noisy-quadratic-model, nqm.ipynb.",
            zh: "Zhang、Li、Nado 等 2019，“Which Algorithmic Choices Matter at Which Batch Sizes? Insights From a Noisy Quadratic Model”，第 3 节；代码 gd-zhang/noisy-quadratic-model，nqm.ipynb。",
        },
        links: &[
            Link {
                label: "arXiv:1907.04164",
                url: "https://arxiv.org/abs/1907.04164",
            },
            Link {
                label: "noisy-quadratic-model · nqm.ipynb",
                url: "https://github.com/gd-zhang/noisy-quadratic-model/blob/master/nqm.ipynb",
            },
        ],
    },
    Entry {
        id: "divisor",
        view: View::Sim,
        title: Text {
            en: "What each optimizer divides the gradient by",
            zh: "各优化器把梯度除以什么",
        },
        formula: Text {
            en: "SGD: Δθᵢ = −γ·gᵢ / 1\nAdam: Δθᵢ = −γ·m̂ᵢ / (√v̂ᵢ + ε), v̂ = v/(1 − β₂ᵗ)\nSophia: Δθᵢ = −γ·sign(mᵢ)·min(|mᵢ| / max(ρ·B·ĥᵢ, ε), 1)\nGNB: E[B·ĝ⊙ĝ] = diag(Fisher) (here the per-example noise covariance C)\nHutchinson: E[u⊙(Hu)] = diag(H), u ~ N(0, I)\nslope = least squares of ln divisorᵢ on ln hᵢ",
            zh: "SGD：Δθᵢ = −γ·gᵢ / 1\nAdam：Δθᵢ = −γ·m̂ᵢ / (√v̂ᵢ + ε)，v̂ = v/(1 − β₂ᵗ)\nSophia：Δθᵢ = −γ·sign(mᵢ)·min(|mᵢ| / max(ρ·B·ĥᵢ, ε), 1)\nGNB：E[B·ĝ⊙ĝ] = diag(Fisher)（这里即单个样本的噪声协方差 C）\nHutchinson：E[u⊙(Hu)] = diag(H)，u ~ N(0, I)\n斜率 = ln 除数ᵢ 对 ln hᵢ 的最小二乘斜率",
        },
        derivation: Text {
            en: "On the noisy quadratic every coordinate's curvature hᵢ is known, so each rule's divisor can be set against it: a slope of 0 ignores the curvature, a slope of 1 divides by it as Newton's method does. Adam's v tracks the squared gradient, which follows the curvature only where the noise does; GNB's estimate has the Fisher as expectation, equal to H only when the per-example noise covariance is H; Hutchinson's estimates H itself. Sophia's ĥ is an EMA refreshed every k updates with no bias correction, so after n refreshes it is (1 − β₂ⁿ) of its settled value.",
            zh: "在带噪二次模型上每个坐标的曲率 hᵢ 都已知，可以把各规则的除数与它对照：斜率为 0 表示与曲率无关，斜率为 1 表示像牛顿法一样除以曲率。Adam 的 v 跟踪梯度平方，只有噪声随曲率变化时它才随曲率变化；GNB 估计的期望是 Fisher 矩阵，只有单个样本的噪声协方差等于 H 时才等于 H；Hutchinson 估计的期望就是 H。Sophia 的 ĥ 每隔 k 次更新刷新一次滑动平均，且不做偏差校正，刷新 n 次后只有稳定值的 (1 − β₂ⁿ)。",
        },
        source: Text {
            en: "Kingma & Ba 2015, Algorithm 1; Liu et al. 2023, Sophia, Algorithms 1–3 and §2; Liuhong99/Sophia sophia.py (SophiaG); Zhang et al. 2019 (the noisy quadratic).",
            zh: "Kingma 与 Ba 2015，算法 1；Liu 等 2023，Sophia，算法 1–3 与第 2 节；Liuhong99/Sophia 的 sophia.py（SophiaG）；Zhang 等 2019（带噪二次模型）。",
        },
        links: &[
            Link {
                label: "arXiv:2305.14342",
                url: "https://arxiv.org/abs/2305.14342",
            },
            Link {
                label: "arXiv:1412.6980",
                url: "https://arxiv.org/abs/1412.6980",
            },
        ],
    },
    Entry {
        id: "noise-floor-batch",
        view: View::Sim,
        title: Text {
            en: "SGD's noise-floor batch",
            zh: "SGD 的噪声平台批量",
        },
        formula: Text {
            en: "steady-state loss ≈ ε·tr Σ / (4B)\nε_floor(B) = 4·B·L / tr Σ\nB× = (2 / h_max)·tr Σ / (4L)",
            zh: "稳态损失 ≈ ε·tr Σ / (4B)\nε_floor(B) = 4·B·L / tr Σ\nB× = (2 / h_max)·tr Σ / (4L)",
        },
        derivation: Text {
            en: "A constant rate leaves SGD on the quadratic at a noise floor that grows with the rate and falls with the batch; to reach the target L the rate must stay below ε_floor(B), which grows with B until it meets the stability cap 2/h_max at B×. Below B× the steps to the target fall as 1/B; above it they barely fall, the knee that the critical-batch fit measures.",
            zh: "恒定学习率下，SGD 在二次模型上停在一个噪声平台，它随学习率升高、随批量下降；要达到目标 L，学习率必须低于 ε_floor(B)，而 ε_floor(B) 随 B 增大，直到在 B× 处触到稳定上限 2/h_max。低于 B× 时达标步数按 1/B 下降，高于它时几乎不再下降，这就是临界批量拟合所测的拐点。",
        },
        source: Text {
            en: "Zhang et al. 2019 (steady-state risk of the noisy quadratic); McCandlish et al. 2018, eq. 2.11.",
            zh: "Zhang 等 2019（带噪二次模型的稳态风险）；McCandlish 等 2018，式（2.11）。",
        },
        links: &[
            MCCANDLISH,
            Link {
                label: "arXiv:1907.04164",
                url: "https://arxiv.org/abs/1907.04164",
            },
        ],
    },
    Entry {
        id: "generalisation-gap",
        view: View::Sim,
        title: Text {
            en: "Held-out loss and the generalisation gap",
            zh: "留出集损失与泛化差距",
        },
        formula: Text {
            en: "L_train = (1/n) Σ_train CE(f(x), ỹ), ỹ: a fraction q of labels flipped\nL_held-out = (1/m) Σ_held-out CE(f(x), y), m = max(n/5, 1000)\ngap = L_held-out − L_train, per run at its end\nupdates under an epoch budget E: ⌈E·⌈n/B⌉⌉",
            zh: "L_train = (1/n) Σ_训练集 CE(f(x), ỹ)，ỹ：按比例 q 翻转后的标签\nL_held-out = (1/m) Σ_留出集 CE(f(x), y)，m = max(n/5, 1000)\ngap = L_held-out − L_train，每次运行结束时计算\nepoch 预算 E 下的更新次数：⌈E·⌈n/B⌉⌉",
        },
        derivation: Text {
            en: "Both losses are whole-set cross-entropies of the same parameters, so their difference is what the model learnt about its own training examples (flipped labels included) and not about the task. Under an epoch budget every batch size sees the same examples, the comparison in which Keskar et al. found a larger gap for large batches, and which Hoffer et al., Smith & Le and Shallue et al. traced to the number of updates and the tuning of the rate.",
            zh: "两种损失都是同一组参数在整个数据集上的交叉熵，两者之差就是模型学到的、只属于训练样本（包括被翻转的标签）而不属于任务本身的部分。在 epoch 预算下每个批量看到相同的样本：Keskar 等正是在这种比较中发现大批量的差距更大，而 Hoffer 等、Smith 与 Le 以及 Shallue 等把它归因于更新次数和学习率的调节。",
        },
        source: Text {
            en: "Keskar et al. 2017, “On Large-Batch Training for Deep Learning: Generalization Gap and Sharp Minima”, §2; Hoffer, Hubara & Soudry 2017, “Train longer, generalize better”; Smith & Le 2018, “A Bayesian Perspective on Generalization and Stochastic Gradient Descent”; Shallue et al. 2019, “Measuring the Effects of Data Parallelism on Neural Network Training”; label noise as in Zhang et al. 2017, “Understanding deep learning requires rethinking generalization”.",
            zh: "Keskar 等 2017，“On Large-Batch Training for Deep Learning: Generalization Gap and Sharp Minima”，第 2 节；Hoffer、Hubara 与 Soudry 2017，“Train longer, generalize better”；Smith 与 Le 2018，“A Bayesian Perspective on Generalization and Stochastic Gradient Descent”；Shallue 等 2019，“Measuring the Effects of Data Parallelism on Neural Network Training”；标签噪声的做法同 Zhang 等 2017，“Understanding deep learning requires rethinking generalization”。",
        },
        links: &[
            Link {
                label: "arXiv:1609.04836",
                url: "https://arxiv.org/abs/1609.04836",
            },
            Link {
                label: "arXiv:1705.08741",
                url: "https://arxiv.org/abs/1705.08741",
            },
            Link {
                label: "arXiv:1710.06451",
                url: "https://arxiv.org/abs/1710.06451",
            },
            Link {
                label: "arXiv:1811.03600",
                url: "https://arxiv.org/abs/1811.03600",
            },
            Link {
                label: "arXiv:1611.03530",
                url: "https://arxiv.org/abs/1611.03530",
            },
        ],
    },
    Entry {
        id: "lr-sweep",
        view: View::Sim,
        title: Text {
            en: "Learning-rate sweep and steps to target",
            zh: "学习率扫描与达标步数",
        },
        formula: Text {
            en: "grid: 13 rates, log-spaced from 10⁻³ to 10\nbest rate = the grid rate with the lowest final loss\nlargest stable rate = the largest grid rate that did not diverge\nsteps to target = fewest updates to reach the target over the grid\nexamples to target = B × steps to target",
            zh: "网格：13 个学习率，在 10⁻³ 到 10 之间按对数均匀分布\n最佳学习率 = 网格中最终损失最低的学习率\n最大稳定学习率 = 网格中没有发散的最大学习率\n达标步数 = 网格中到达目标损失所需的最少更新次数\n达标样本数 = B × 达标步数",
        },
        derivation: Text {
            en: "Every cell of the sweep uses the same seed, so differences come from the settings, not the draw. The steps and examples to target at each batch size, each with its best rate, are the points that the steps–examples trade-off and the critical-batch fit are drawn from.",
            zh: "扫描的每一格都用同一个随机种子，差别只来自设置，而不是随机抽样。各批量在各自最佳学习率下的达标步数与样本数，就是绘制步数–样本数权衡曲线、拟合临界批量所用的点。",
        },
        source: Text {
            en: "McCandlish et al. 2018, §2.3, eq. 2.11 (steps and examples to a target); Zhang et al. 2019, §3 (best fixed rate per batch size on a log grid).",
            zh: "McCandlish 等 2018，第 2.3 节，式（2.11）（达到目标所需的步数与样本数）；Zhang 等 2019，第 3 节（对数网格上每个批量的最佳固定学习率）。",
        },
        links: &[
            MCCANDLISH,
            Link {
                label: "arXiv:1907.04164",
                url: "https://arxiv.org/abs/1907.04164",
            },
        ],
    },
    Entry {
        id: "sgd",
        view: View::Sim,
        title: Text {
            en: "SGD, momentum and Nesterov",
            zh: "SGD、动量与 Nesterov",
        },
        formula: Text {
            en: "g ← ∇f(θ) + λθ\nb ← g on the first update, then b ← μb + (1 − τ)g\nNesterov: g ← g + μb; otherwise g ← b\nθ ← θ − γg",
            zh: "g ← ∇f(θ) + λθ\n第一次更新 b ← g，之后 b ← μb + (1 − τ)g\nNesterov：g ← g + μb；否则 g ← b\nθ ← θ − γg",
        },
        derivation: Text {
            en: "Weight decay is added to the gradient (L2). The first update copies the gradient into the momentum buffer, so dampening τ applies from the second; with v = −γb this is the heavy-ball method of the Batch & LR view.",
            zh: "权重衰减直接加到梯度上（L2）。第一次更新把梯度原样放进动量缓冲区，阻尼 τ 从第二次才起作用；令 v = −γb，它就是“批量与学习率”视图里的重球法。",
        },
        source: Text {
            en: "PyTorch 2.15, torch/optim/sgd.py (torch.optim.SGD).",
            zh: "PyTorch 2.15，torch/optim/sgd.py（torch.optim.SGD）。",
        },
        links: &[Link {
            label: "pytorch v2.15.0 · torch/optim/sgd.py",
            url: "https://github.com/pytorch/pytorch/blob/v2.15.0/torch/optim/sgd.py",
        }],
    },
    Entry {
        id: "adam",
        view: View::Sim,
        title: Text {
            en: "Adam",
            zh: "Adam",
        },
        formula: Text {
            en: "g ← g + λθ (L2, coupled)\nm ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g²\nθ ← θ − γ · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)",
            zh: "g ← g + λθ（L2，耦合）\nm ← β₁m + (1 − β₁)g，v ← β₂v + (1 − β₂)g²\nθ ← θ − γ · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)",
        },
        derivation: Text {
            en: "m and v are running means of the gradient and its square, divided by 1 − βᵗ to undo their start at zero; the step is taken per coordinate, so differences of scale between coordinates cancel. On the first update m̂/√v̂ = ±1: a step of about γ in every coordinate.",
            zh: "m 与 v 是梯度及其平方的滑动平均，除以 1 − βᵗ 是为了校正从 0 开始的偏差；步长按坐标分别计算，各坐标间的尺度差异因此抵消。第一次更新时 m̂/√v̂ = ±1，每个坐标都走约 γ 的一步。",
        },
        source: Text {
            en: "Kingma & Ba 2015, “Adam: A Method for Stochastic Optimization”, Algorithm 1; PyTorch 2.15, torch/optim/adam.py.",
            zh: "Kingma、Ba 2015，“Adam: A Method for Stochastic Optimization”，算法 1；PyTorch 2.15，torch/optim/adam.py。",
        },
        links: &[
            Link {
                label: "arXiv:1412.6980",
                url: "https://arxiv.org/abs/1412.6980",
            },
            Link {
                label: "pytorch v2.15.0 · torch/optim/adam.py",
                url: "https://github.com/pytorch/pytorch/blob/v2.15.0/torch/optim/adam.py",
            },
        ],
    },
    Entry {
        id: "adamw",
        view: View::Sim,
        title: Text {
            en: "AdamW: decoupled weight decay",
            zh: "AdamW：解耦权重衰减",
        },
        formula: Text {
            en: "θ ← θ(1 − γλ) (decoupled, before the step)\nthen Adam's step on the raw gradient (λ = 0.01 by default)",
            zh: "θ ← θ(1 − γλ)（解耦，在更新之前）\n然后用原始梯度做 Adam 的一步（默认 λ = 0.01）",
        },
        derivation: Text {
            en: "With L2 the decay term passes through Adam's division by √v̂, so coordinates with large gradients are hardly decayed at all. Decoupling shrinks every weight by the same factor, independent of its gradient history.",
            zh: "用 L2 时，衰减项也要经过 Adam 的 √v̂ 除法，梯度大的坐标几乎不被衰减。解耦后，每个权重都按同一比例收缩，与它的梯度历史无关。",
        },
        source: Text {
            en: "Loshchilov & Hutter 2019, “Decoupled Weight Decay Regularization”, Algorithm 2; PyTorch 2.15, torch/optim/adamw.py.",
            zh: "Loshchilov、Hutter 2019，“Decoupled Weight Decay Regularization”，算法 2；PyTorch 2.15，torch/optim/adamw.py。",
        },
        links: &[
            Link {
                label: "arXiv:1711.05101",
                url: "https://arxiv.org/abs/1711.05101",
            },
            Link {
                label: "pytorch v2.15.0 · torch/optim/adamw.py",
                url: "https://github.com/pytorch/pytorch/blob/v2.15.0/torch/optim/adamw.py",
            },
        ],
    },
    Entry {
        id: "lion",
        view: View::Sim,
        title: Text {
            en: "Lion",
            zh: "Lion",
        },
        formula: same("θ ← θ(1 − γλ)\nc = β₁m + (1 − β₁)g\nθ ← θ − γ·sign(c)\nm ← β₂m + (1 − β₂)g"),
        derivation: Text {
            en: "Only the sign of a blend of momentum and gradient is used, so every coordinate moves by exactly γ (plus the decay), and one state tensor per weight suffices. Its authors advise a rate 3–10 times below AdamW's and a decay 3–10 times above.",
            zh: "只取动量与梯度插值的符号，所以每个坐标每步都恰好移动 γ（另加衰减），每个权重只需一个状态张量。作者建议学习率比 AdamW 小 3–10 倍，权重衰减大 3–10 倍。",
        },
        source: Text {
            en: "Chen et al. 2023, “Symbolic Discovery of Optimization Algorithms”, Algorithm 2; google/automl, lion/lion_pytorch.py.",
            zh: "Chen 等 2023，“Symbolic Discovery of Optimization Algorithms”，算法 2；google/automl，lion/lion_pytorch.py。",
        },
        links: &[
            Link {
                label: "arXiv:2302.06675",
                url: "https://arxiv.org/abs/2302.06675",
            },
            Link {
                label: "google/automl · lion_pytorch.py",
                url: "https://github.com/google/automl/blob/master/lion/lion_pytorch.py",
            },
        ],
    },
    Entry {
        id: "sophia",
        view: View::Sim,
        title: Text {
            en: "SophiaG",
            zh: "SophiaG",
        },
        formula: Text {
            en: "θ ← θ(1 − γλ)\nm ← β₁m + (1 − β₁)g\nθ ← θ − γ·clip(m / (ρ·bs·h + 10⁻¹⁵), −1, 1)\nafter updates k, 2k, 3k… (k = 10): h ← β₂h + (1 − β₂)·ĝ⊙ĝ",
            zh: "θ ← θ(1 − γλ)\nm ← β₁m + (1 − β₁)g\nθ ← θ − γ·clip(m / (ρ·bs·h + 10⁻¹⁵), −1, 1)\n第 k、2k、3k… 次更新之后（k = 10）：h ← β₂h + (1 − β₂)·ĝ⊙ĝ",
        },
        derivation: Text {
            en: "h is a diagonal curvature estimate (Gauss–Newton–Bartlett: ĝ is the gradient on labels sampled from the model itself), so the step is momentum divided by curvature, clipped per coordinate. Until the first refresh h = 0: every coordinate clips and the step is γ·sign(m).",
            zh: "h 是对角曲率估计（Gauss–Newton–Bartlett：ĝ 是在模型自己采样出的标签上求的梯度），所以一步就是动量除以曲率，再按坐标截断。第一次刷新之前 h = 0，所有坐标都被截断，这一步就是 γ·sign(m)。",
        },
        source: Text {
            en: "Liu et al. 2023, “Sophia: A Scalable Stochastic Second-order Optimizer for Language Model Pre-training”, Algorithm 3; Liuhong99/Sophia, sophia.py and train_sophiag.py (the refresh follows the training script: after updates k, 2k, …).",
            zh: "Liu 等 2023，“Sophia: A Scalable Stochastic Second-order Optimizer for Language Model Pre-training”，算法 3；Liuhong99/Sophia，sophia.py 与 train_sophiag.py（刷新时机按训练脚本：第 k、2k……次更新之后）。",
        },
        links: &[
            Link {
                label: "arXiv:2305.14342",
                url: "https://arxiv.org/abs/2305.14342",
            },
            Link {
                label: "Liuhong99/Sophia · sophia.py",
                url: "https://github.com/Liuhong99/Sophia/blob/main/sophia.py",
            },
        ],
    },
    // ---------------------------------------------------------------- Memory
    Entry {
        id: "param-count",
        view: View::Memory,
        title: Text {
            en: "Parameter count from config.json",
            zh: "由 config.json 算参数量",
        },
        formula: Text {
            en: "attention = d·(n_h·hd) + 2·d·(n_kv·hd) + (n_h·hd)·d (+ n_h·hd + 2·n_kv·hd biases in Qwen2)\nMLP = 3·d·d_ff, norms = 2d\ntotal = V·d + L·(attention + MLP + norms) + d + (0 if tied, else V·d)",
            zh: "注意力 = d·(n_h·hd) + 2·d·(n_kv·hd) + (n_h·hd)·d（Qwen2 另有偏置 n_h·hd + 2·n_kv·hd）\nMLP = 3·d·d_ff，归一化 = 2d\n总数 = V·d + L·(注意力 + MLP + 归一化) + d +（共享输出头时为 0，否则 V·d）",
        },
        derivation: Text {
            en: "The count follows the modules transformers builds from config.json: q, k, v, o projections (k and v narrower under grouped-query attention), the gated MLP's gate, up and down, and two RMSNorms per layer. GPT-2 adds biases, LayerNorm shifts and learned positions (n_pos·d), and ties its head.",
            zh: "计数与 transformers 按 config.json 搭出的模块一一对应：q、k、v、o 四个投影（分组查询注意力下 k、v 更窄），门控 MLP 的 gate、up、down，以及每层两个 RMSNorm。GPT-2 还有偏置、LayerNorm 的平移参数和可学习的位置嵌入（n_pos·d），输出头与嵌入共享。",
        },
        source: Text {
            en: "transformers 5.24.0, src/transformers/models/llama/modeling_llama.py (and modeling_mistral.py, modeling_qwen2.py, modeling_gpt2.py).",
            zh: "transformers 5.24.0，src/transformers/models/llama/modeling_llama.py（以及 modeling_mistral.py、modeling_qwen2.py、modeling_gpt2.py）。",
        },
        links: &[Link {
            label: "transformers v5.24.0 · modeling_llama.py",
            url: "https://github.com/huggingface/transformers/blob/v5.24.0/src/transformers/models/llama/modeling_llama.py",
        }],
    },
    Entry {
        id: "model-states",
        view: View::Memory,
        title: Text {
            en: "Weights, gradients and master copy",
            zh: "权重、梯度与主权重副本",
        },
        formula: Text {
            en: "bytes per trainable parameter (weights + grads + fp32 master):\nfp32 4 + 4 + 0; amp 6 + 4 + 0; bf16-master 2 + 2 + 4; pure-bf16 2 + 2 + 0\nmixed-precision Adam: 2Ψ + 2Ψ + 12Ψ = 16Ψ bytes",
            zh: "每个可训练参数的字节数（权重 + 梯度 + fp32 主权重）：\nfp32 4 + 4 + 0；amp 6 + 4 + 0；bf16-master 2 + 2 + 4；pure-bf16 2 + 2 + 0\n混合精度 Adam：2Ψ + 2Ψ + 12Ψ = 16Ψ 字节",
        },
        derivation: Text {
            en: "Training keeps the weights, one gradient per trainable weight and, in mixed precision, an fp32 master copy the optimizer updates (K = 12 bytes with Adam's two states). Frozen weights, such as the LoRA base, have no gradient and no master copy.",
            zh: "训练时要存权重、每个可训练权重的梯度，混合精度下还有一份由优化器更新的 fp32 主权重（加上 Adam 的两个状态共 K = 12 字节）。冻结的权重（如 LoRA 的基座）没有梯度，也没有主权重副本。",
        },
        source: Text {
            en: "Rajbhandari et al. 2020, “ZeRO: Memory Optimizations Toward Training Trillion Parameter Models”, §3.1.",
            zh: "Rajbhandari 等 2020，“ZeRO: Memory Optimizations Toward Training Trillion Parameter Models”，第 3.1 节。",
        },
        links: &[ZERO],
    },
    Entry {
        id: "optimizer-states",
        view: View::Memory,
        title: Text {
            en: "Optimizer states",
            zh: "优化器状态",
        },
        formula: Text {
            en: "state tensors per weight: AdamW 2 (m, v), SophiaG 2 (m, h), momentum 1, Lion 1, SGD 0\n8-bit AdamW: 2 × 1 byte + one fp32 absmax per 256 values per state (bitsandbytes ≥ 0.44) (tensors under 4096 values stay 32-bit)\nAdafactor: rows + cols per matrix (factored second moment), no first moment",
            zh: "每个权重的状态张量数：AdamW 2（m、v），SophiaG 2（m、h），动量 1，Lion 1，SGD 0\n8 位 AdamW：2 × 1 字节，每个状态每 256 个值另加一个 fp32 absmax（bitsandbytes 0.44 起）（少于 4096 个值的张量仍用 32 位）\nAdafactor：每个矩阵 行数 + 列数（分解的二阶矩），无一阶矩",
        },
        derivation: Text {
            en: "Each state holds one value per trainable weight, 4 bytes in fp32 (2 in pure bf16). 8-bit optimizers quantise the states block by block, and Adafactor keeps only the row and column sums of the second moment.",
            zh: "每个状态对每个可训练权重存一个值，fp32 下 4 字节（纯 bf16 下 2 字节）。8 位优化器按块量化状态；Adafactor 只保留二阶矩的行和与列和。",
        },
        source: Text {
            en: "PyTorch 2.15, torch/optim; Dettmers et al. 2022, “8-bit Optimizers via Block-wise Quantization”; Shazeer & Stern 2018, “Adafactor: Adaptive Learning Rates with Sublinear Memory Cost”, §3.",
            zh: "PyTorch 2.15，torch/optim；Dettmers 等 2022，“8-bit Optimizers via Block-wise Quantization”；Shazeer、Stern 2018，“Adafactor: Adaptive Learning Rates with Sublinear Memory Cost”，第 3 节。",
        },
        links: &[
            Link {
                label: "arXiv:2110.02861",
                url: "https://arxiv.org/abs/2110.02861",
            },
            Link {
                label: "arXiv:1804.04235",
                url: "https://arxiv.org/abs/1804.04235",
            },
        ],
    },
    Entry {
        id: "activations",
        view: View::Memory,
        title: Text {
            en: "Activations",
            zh: "激活值",
        },
        formula: Text {
            en: "GPT block, 16-bit, per layer: s·b·h·(34 + 5·a·s/h) bytes\nselective recomputation or FlashAttention: 34·s·b·h\nfull recomputation: 2·s·b·h per layer, plus one layer rebuilt in backward",
            zh: "GPT 块，16 位，每层：s·b·h·(34 + 5·a·s/h) 字节\n选择性重计算或 FlashAttention：34·s·b·h\n完全重计算：每层 2·s·b·h，反向时再重建一层",
        },
        derivation: Text {
            en: "Autograd keeps every tensor the backward pass needs; the 5·a·s²·b term is the attention scores, softmax and dropout mask, which FlashAttention never stores. For Llama-family models the app counts the tensors transformers actually saves (fp32 norm inputs, four d_ff-wide SwiGLU tensors, no dropout), so its constant differs from 34.",
            zh: "自动求导会保存反向传播要用的每个张量；5·a·s²·b 一项是注意力分数、softmax 输出和 dropout 掩码，FlashAttention 从不存它们。对 Llama 系列模型，本应用按 transformers 实际保存的张量计数（fp32 的归一化输入、四个 d_ff 宽的 SwiGLU 张量、无 dropout），所以常数不是 34。",
        },
        source: Text {
            en: "Korthikanti et al. 2022, “Reducing Activation Recomputation in Large Transformer Models”, §4.1 and §5; transformers 5.24.0, modeling_llama.py.",
            zh: "Korthikanti 等 2022，“Reducing Activation Recomputation in Large Transformer Models”，第 4.1 节与第 5 节；transformers 5.24.0，modeling_llama.py。",
        },
        links: &[Link {
            label: "arXiv:2205.05198",
            url: "https://arxiv.org/abs/2205.05198",
        }],
    },
    Entry {
        id: "logits",
        view: View::Memory,
        title: Text {
            en: "Logits and the loss",
            zh: "logits 与损失",
        },
        formula: Text {
            en: "n = s × b × V logits\nbytes = n × (w + 4 + 4 + 4)\nbf16: 14 bytes per logit; fp32: 16",
            zh: "logits 个数 n = s × b × V\n字节数 = n × (w + 4 + 4 + 4)\nbf16：每个 logit 14 字节；fp32：16 字节",
        },
        derivation: Text {
            en: "The LM head writes one logit per token and vocabulary entry; at the backward peak the logits, cross-entropy's saved fp32 log-softmax, and the fp32 gradients of the loss step and of the logits are alive at once (the fp32 upcast itself is freed after the forward). With a 128k vocabulary this part can outgrow all the layers' activations.",
            zh: "输出头为每个 token、每个词表项写一个 logit；反向传播的峰值时刻，logits、交叉熵保存的 fp32 log-softmax、损失这一步的 fp32 梯度和 logits 的 fp32 梯度同时存在（前向时转成的 fp32 副本已经释放）。词表有 128k 时，这一项可能比所有层的激活值加起来还大。",
        },
        source: Text {
            en: "transformers 5.24.0, src/transformers/loss/loss_utils.py (ForCausalLMLoss); PyTorch 2.15, torch.nn.functional.cross_entropy.",
            zh: "transformers 5.24.0，src/transformers/loss/loss_utils.py（ForCausalLMLoss）；PyTorch 2.15，torch.nn.functional.cross_entropy。",
        },
        links: &[Link {
            label: "transformers v5.24.0 · loss_utils.py",
            url: "https://github.com/huggingface/transformers/blob/v5.24.0/src/transformers/loss/loss_utils.py",
        }],
    },
    Entry {
        id: "lora",
        view: View::Memory,
        title: Text {
            en: "LoRA adapters",
            zh: "LoRA 适配器",
        },
        formula: Text {
            en: "W + ΔW, ΔW = (α/r)·B·A, B ∈ ℝ^(d_out×r), A ∈ ℝ^(r×d_in)\ntrainable per adapted matrix = r·(d_in + d_out)\nall params (PEFT's printout) = base + adapters",
            zh: "W + ΔW，ΔW = (α/r)·B·A，B ∈ ℝ^(d_out×r)，A ∈ ℝ^(r×d_in)\n每个被适配矩阵的可训练参数 = r·(d_in + d_out)\n全部参数（PEFT 的输出）= 基座 + 适配器",
        },
        derivation: Text {
            en: "The frozen weight W gets a low-rank update; only A and B train, so gradients and optimizer states exist for them alone. Under grouped-query attention k_proj and v_proj have d_out = n_kv·hd; PEFT's default targets are q_proj and v_proj (c_attn for GPT-2).",
            zh: "冻结的权重 W 加上一个低秩更新；只训练 A 和 B，所以只有它们有梯度和优化器状态。分组查询注意力下 k_proj、v_proj 的 d_out = n_kv·hd；PEFT 默认的目标模块是 q_proj 和 v_proj（GPT-2 是 c_attn）。",
        },
        source: Text {
            en: "Hu et al. 2021, “LoRA: Low-Rank Adaptation of Large Language Models”, §4.1; Hugging Face PEFT 0.21.2, src/peft/tuners/lora/layer.py.",
            zh: "Hu 等 2021，“LoRA: Low-Rank Adaptation of Large Language Models”，第 4.1 节；Hugging Face PEFT 0.21.2，src/peft/tuners/lora/layer.py。",
        },
        links: &[
            Link {
                label: "arXiv:2106.09685",
                url: "https://arxiv.org/abs/2106.09685",
            },
            Link {
                label: "peft v0.21.2 · lora/layer.py",
                url: "https://github.com/huggingface/peft/blob/v0.21.2/src/peft/tuners/lora/layer.py",
            },
        ],
    },
    Entry {
        id: "qlora",
        view: View::Memory,
        title: Text {
            en: "QLoRA: 4-bit NF4 base with double quantisation",
            zh: "QLoRA：4 位 NF4 基座与双重量化",
        },
        formula: Text {
            en: "NF4: 4 bits per weight + one fp32 absmax per 64 weights = 4.5 bits\ndouble quantisation: 4 + 8/64 + 32/(64·256) = 4.126953125 bits",
            zh: "NF4：每个权重 4 位 + 每 64 个权重一个 fp32 absmax = 4.5 位\n双重量化：4 + 8/64 + 32/(64·256) = 4.126953125 位",
        },
        derivation: Text {
            en: "Only the decoder's linear layers are quantised; embeddings, the LM head and the norms stay 16-bit. Double quantisation stores the block constants in 8 bits with one fp32 constant per 256 of them, saving about 0.373 bits per weight.",
            zh: "只有解码器里的线性层被量化；嵌入、输出头和归一化层仍是 16 位。双重量化把每块的常数再用 8 位存储，每 256 个常数配一个 fp32 常数，每个权重约省 0.373 位。",
        },
        source: Text {
            en: "Dettmers et al. 2023, “QLoRA: Efficient Finetuning of Quantized LLMs”, §3; bitsandbytes, quantize_4bit (blocksize=64).",
            zh: "Dettmers 等 2023，“QLoRA: Efficient Finetuning of Quantized LLMs”，第 3 节；bitsandbytes，quantize_4bit（blocksize=64）。",
        },
        links: &[Link {
            label: "arXiv:2305.14314",
            url: "https://arxiv.org/abs/2305.14314",
        }],
    },
    Entry {
        id: "zero",
        view: View::Memory,
        title: Text {
            en: "ZeRO stages",
            zh: "ZeRO 的各个阶段",
        },
        formula: Text {
            en: "bytes per GPU, Ψ parameters, N_d GPUs, K = 12 (Adam):\nstage 0: (2 + 2 + K)·Ψ\nstage 1: (2 + 2)·Ψ + K·Ψ/N_d\nstage 2: 2Ψ + (2 + K)·Ψ/N_d\nstage 3: (2 + 2 + K)·Ψ/N_d",
            zh: "每张卡的字节数，Ψ 个参数，N_d 张卡，K = 12（Adam）：\n阶段 0：(2 + 2 + K)·Ψ\n阶段 1：(2 + 2)·Ψ + K·Ψ/N_d\n阶段 2：2Ψ + (2 + K)·Ψ/N_d\n阶段 3：(2 + 2 + K)·Ψ/N_d",
        },
        derivation: Text {
            en: "Plain data parallelism keeps the same model states on every GPU, so ZeRO splits them: stage 1 the optimizer states, stage 2 the gradients as well, stage 3 the weights too. The app applies the same split to whatever precision and optimizer you choose, rounding each shard up to whole bytes.",
            zh: "普通数据并行在每张卡上保存同样的模型状态，ZeRO 把它们切开：阶段 1 切优化器状态，阶段 2 再切梯度，阶段 3 连权重也切。本应用对你所选的精度和优化器做同样的切分，每份向上取整到整字节。",
        },
        source: Text {
            en: "Rajbhandari et al. 2020, “ZeRO: Memory Optimizations Toward Training Trillion Parameter Models”, SC20, §5 and Figure 1.",
            zh: "Rajbhandari 等 2020，“ZeRO: Memory Optimizations Toward Training Trillion Parameter Models”，SC20，第 5 节与图 1。",
        },
        links: &[ZERO],
    },
    Entry {
        id: "overhead",
        view: View::Memory,
        title: Text {
            en: "Overhead: CUDA context and allocator slack",
            zh: "额外开销：CUDA 上下文与分配器余量",
        },
        formula: Text {
            en: "overhead = CUDA context (512 MiB) + 5 % × tensor peak",
            zh: "额外开销 = CUDA 上下文（512 MiB）+ 5 % × 张量峰值",
        },
        derivation: Text {
            en: "The CUDA context (driver state, kernels, library workspaces) sits outside PyTorch's allocator, and the caching allocator reserves more than is live. Both numbers are conventions chosen against measured runs, not derivations.",
            zh: "CUDA 上下文（驱动状态、内核、库的工作区）不在 PyTorch 的分配器之内，而缓存分配器预留的显存又多于实际在用的。这两个数都是对照实测选定的约定值，不是推导出来的。",
        },
        source: Text {
            en: "PyTorch 2.15 documentation, “CUDA semantics”, section “Memory management”.",
            zh: "PyTorch 2.15 文档，“CUDA semantics”，“Memory management”一节。",
        },
        links: &[Link {
            label: "pytorch.org · notes/cuda.html",
            url: "https://pytorch.org/docs/stable/notes/cuda.html#memory-management",
        }],
    },
    Entry {
        id: "peak",
        view: View::Memory,
        title: Text {
            en: "Peak memory, fit and the largest micro-batch",
            zh: "显存峰值、能否放下与最大微批次",
        },
        formula: Text {
            en: "start of backward = weights + states + activations + logits (+ grads if GA > 1)\noptimizer step = weights + states + all grads\npeak = max(the two) + overhead; fits ⇔ peak ≤ card (nominal GiB, 2³⁰ B)\nlargest micro-batch = the largest mbs that fits (binary search)\nerror against a measured peak = (estimate − measured) / measured",
            zh: "反向开始时 = 权重 + 状态 + 激活值 + logits（GA > 1 时再加梯度）\n优化器更新时 = 权重 + 状态 + 全部梯度\n峰值 = 两者中较大者 + 额外开销；放得下 ⇔ 峰值 ≤ 显卡容量（标称 GiB，2³⁰ 字节）\n最大微批次 = 放得下的最大 mbs（二分查找）\n与实测峰值的误差 = (估算 − 实测) / 实测",
        },
        derivation: Text {
            en: "Backward frees activations as it produces gradients, and zero_grad(set_to_none=True) means no gradients exist before the first backward, so the peak is one of these two moments. NVIDIA's “80GB” cards hold 80 GiB.",
            zh: "反向传播一边产生梯度一边释放激活值，而 zero_grad(set_to_none=True) 让第一次反向之前不存在梯度，所以峰值只会出现在这两个时刻之一。NVIDIA 标称“80GB”的显卡实际是 80 GiB。",
        },
        source: Text {
            en: "PyTorch 2.15, torch/optim/optimizer.py (zero_grad, set_to_none=True by default); measured peaks from huggingface/peft, method_comparison/MetaMathQA.",
            zh: "PyTorch 2.15，torch/optim/optimizer.py（zero_grad，默认 set_to_none=True）；实测峰值取自 huggingface/peft 的 method_comparison/MetaMathQA。",
        },
        links: &[
            Link {
                label: "pytorch v2.15.0 · torch/optim/optimizer.py",
                url: "https://github.com/pytorch/pytorch/blob/v2.15.0/torch/optim/optimizer.py",
            },
            Link {
                label: "peft · method_comparison/MetaMathQA",
                url: "https://github.com/huggingface/peft/tree/main/method_comparison/MetaMathQA",
            },
        ],
    },
    // ---------------------------------------------------------------- Data
    Entry {
        id: "mix-proportional",
        view: View::Data,
        title: Text {
            en: "Examples-proportional mixing with a cap K and a temperature T",
            zh: "带上限 K 与温度 T 的按样本数比例混合",
        },
        formula: Text {
            en: "rᵢ = min(nᵢ, K)^(1/T) / Σⱼ min(nⱼ, K)^(1/T)\nT = 1 without K: proportional; T → ∞: equal",
            zh: "rᵢ = min(nᵢ, K)^(1/T) / Σⱼ min(nⱼ, K)^(1/T)\nT = 1 且不设 K：按比例；T → ∞：均等",
        },
        derivation: Text {
            en: "Sampling in proportion to size lets one huge task crowd out the others; the cap counts a task as at most K examples and the temperature flattens what is left. seqio applies the cap before the temperature, as the app does.",
            zh: "按数据量比例采样时，一个特别大的任务会挤掉其他任务；上限 K 让每个任务最多按 K 条样本计，温度再把剩下的差距压平。seqio 先应用上限、再应用温度，本应用也是如此。",
        },
        source: Text {
            en: "Raffel et al. 2020, “Exploring the Limits of Transfer Learning with a Unified Text-to-Text Transformer”, JMLR 21, §3.5.2; google/seqio, seqio/utils.py (mixing_rate_num_examples).",
            zh: "Raffel 等 2020，“Exploring the Limits of Transfer Learning with a Unified Text-to-Text Transformer”，JMLR 21，第 3.5.2 节；google/seqio，seqio/utils.py（mixing_rate_num_examples）。",
        },
        links: &[
            Link {
                label: "arXiv:1910.10683",
                url: "https://arxiv.org/abs/1910.10683",
            },
            Link {
                label: "google/seqio · seqio/utils.py",
                url: "https://github.com/google/seqio/blob/main/seqio/utils.py",
            },
        ],
    },
    Entry {
        id: "mix-alpha",
        view: View::Data,
        title: Text {
            en: "α-sampling: the same rule as an exponent",
            zh: "α 采样：写成指数的同一规则",
        },
        formula: Text {
            en: "pᵢ = nᵢ^α / Σⱼ nⱼ^α, α = 1/T\nXLM-R and mT5: α = 0.3; mBERT: S = 0.7",
            zh: "pᵢ = nᵢ^α / Σⱼ nⱼ^α，α = 1/T\nXLM-R 与 mT5：α = 0.3；mBERT：S = 0.7",
        },
        derivation: Text {
            en: "Multilingual models write the temperature as an exponent: α < 1 lifts low-resource languages above their share of the data. Normalising n or n/Σn first gives the same rates.",
            zh: "多语言模型把温度写成指数：α < 1 时，低资源语言的采样比例高于它在数据中的占比。先对 n 还是对 n/Σn 做归一化，结果相同。",
        },
        source: Text {
            en: "Conneau et al. 2020, “Unsupervised Cross-lingual Representation Learning at Scale”, §3; Xue et al. 2021, “mT5: A Massively Multilingual Pre-trained Text-to-Text Transformer”, §3; google-research/bert, multilingual.md.",
            zh: "Conneau 等 2020，“Unsupervised Cross-lingual Representation Learning at Scale”，第 3 节；Xue 等 2021，“mT5: A Massively Multilingual Pre-trained Text-to-Text Transformer”，第 3 节；google-research/bert，multilingual.md。",
        },
        links: &[
            Link {
                label: "arXiv:1911.02116",
                url: "https://arxiv.org/abs/1911.02116",
            },
            Link {
                label: "arXiv:2010.11934",
                url: "https://arxiv.org/abs/2010.11934",
            },
            Link {
                label: "google-research/bert · multilingual.md",
                url: "https://github.com/google-research/bert/blob/master/multilingual.md",
            },
        ],
    },
    Entry {
        id: "mix-draws",
        view: View::Data,
        title: Text {
            en: "Draws, epochs per task and warnings",
            zh: "抽取数、各任务轮数与警告",
        },
        formula: Text {
            en: "D = B × T (the Steps view's run) or a typed number\ndrawn from task i: Dᵢ = rᵢ·D; epochs over task i = Dᵢ / nᵢ\ntoken share of task i = rᵢ·seqᵢ / Σⱼ rⱼ·seqⱼ\nwarnings: repeated if epochs > 4; starved if rᵢ < 1 %; dominating if rᵢ > 50 % and > 5 × the next",
            zh: "D = B × T（步数视图的训练）或手动输入\n从任务 i 抽取 Dᵢ = rᵢ·D；任务 i 的轮数 = Dᵢ / nᵢ\n任务 i 的 token 占比 = rᵢ·seqᵢ / Σⱼ rⱼ·seqⱼ\n警告：轮数 > 4 为重复过多；rᵢ < 1 % 为占比过低；rᵢ > 50 % 且超过第二名的 5 倍为一家独大",
        },
        derivation: Text {
            en: "The run draws a fixed number of examples and the mixing rates share it out, so a small task at a high rate is seen many times over. Muennighoff et al. found up to about four epochs of repeated data almost as useful as fresh data, with returns falling off after that.",
            zh: "一次训练抽取的样本总数是固定的，混合比例把它分给各任务，所以小任务占比一高，就会被反复看很多遍。Muennighoff 等人发现，重复约 4 轮以内的数据几乎与新数据一样有用，再多收益就明显下降。",
        },
        source: Text {
            en: "Muennighoff et al. 2023, “Scaling Data-Constrained Language Models”, NeurIPS 2023.",
            zh: "Muennighoff 等 2023，“Scaling Data-Constrained Language Models”，NeurIPS 2023。",
        },
        links: &[Link {
            label: "arXiv:2305.16264",
            url: "https://arxiv.org/abs/2305.16264",
        }],
    },
    Entry {
        id: "data-exp",
        view: View::Data,
        title: Text {
            en: "Multi-task experiment: a shared model trained with the mixing rates",
            zh: "多任务实验：按混合比例训练的共享模型",
        },
        formula: Text {
            en: "scale s = min(1, 6000 / Σnᵢ, 8000 / D); task i keeps max(⌊s·nᵢ⌉, 5) examples; draws ⌊s·D⌉\neach example of a minibatch of 10: task i with probability rᵢ (the table's rates), then the task's next example (reshuffled every pass)\nmodel: softmax regression on [x ⊗ onehot(task), onehot(task)]; SGD, η = 0.2, cross-entropy\nheld-out loss of task i = mean −log p(y | x) on 500 fresh examples; epochs over task i = draws of i / examples of i\noverfitting: the final held-out loss is more than 0.05 nats above the lowest",
            zh: "缩放系数 s = min(1, 6000 / Σnᵢ, 8000 / D)；任务 i 保留 max(⌊s·nᵢ⌉, 5) 条样本；抽取 ⌊s·D⌉ 条\n每个小批量 10 条样本，每条以概率 rᵢ（上表的比例）选任务 i，再取该任务的下一条样本（每轮重新打乱）\n模型：在 [x ⊗ onehot(任务), onehot(任务)] 上的 softmax 回归；SGD，η = 0.2，交叉熵\n任务 i 的留出损失 = 500 条新样本上 −log p(y | x) 的平均；任务 i 的轮数 = 从 i 抽取的条数 / i 的样本数\n过拟合：最终留出损失比最低值高出 0.05 奈特以上",
        },
        derivation: Text {
            en: "Scaling counts and draws by one factor keeps every task's epochs, so the small model sees each task as often, relative to its size, as the real run would. Each task is synthetic: a random labelling rule on a hidden meaning and random linear phrasings of it as inputs, so only the mixing differs between the comparison's runs.",
            zh: "样本数和抽取数乘以同一个系数，每个任务的轮数不变，小模型看每个任务的次数（相对其大小）与真实训练相同。每个任务都是合成的：在隐含语义上的随机标注规则，加上该语义的随机线性表述作为输入，所以对比中各次训练只有混合方式不同。",
        },
        source: Text {
            en: "Raffel et al. 2020, “Exploring the Limits of Transfer Learning with a Unified Text-to-Text Transformer”, JMLR 21, §3.5.2 (examples-proportional, temperature-scaled and equal mixing); google/seqio, seqio/utils.py (mixing_rate_num_examples).",
            zh: "Raffel 等 2020，“Exploring the Limits of Transfer Learning with a Unified Text-to-Text Transformer”，JMLR 21，第 3.5.2 节（按样本比例、温度缩放与均等混合）；google/seqio，seqio/utils.py（mixing_rate_num_examples）。",
        },
        links: &[
            Link {
                label: "arXiv:1910.10683",
                url: "https://arxiv.org/abs/1910.10683",
            },
            Link {
                label: "google/seqio · seqio/utils.py",
                url: "https://github.com/google/seqio/blob/main/seqio/utils.py",
            },
        ],
    },
    Entry {
        id: "data-exp-quality",
        view: View::Data,
        title: Text {
            en: "Clean against noisy labels, and the break-even",
            zh: "干净标签与噪声标签，以及盈亏平衡点",
        },
        formula: Text {
            en: "noisy label: with probability p a class drawn uniformly from C = 4, else the true label\nlabels learned from: P(ỹ | x) = (1 − p)·P(y | x) + p/C\nfigure = lowest held-out loss on 1,000 clean examples over a run of 3,000 draws\nbreak-even = smallest k in {1, 1.5, 2, 3, 4, 6, 8, 12, 16} with loss(k·n noisy) ≤ loss(n clean)",
            zh: "噪声标签：以概率 p 从 C = 4 个类别中均匀抽一个，否则用真实标签\n模型学习的标签分布：P(ỹ | x) = (1 − p)·P(y | x) + p/C\n图中数字 = 3,000 次抽取的训练中，在 1,000 条干净留出样本上的最低损失\n盈亏平衡点 = {1, 1.5, 2, 3, 4, 6, 8, 12, 16} 中使 loss(k·n 条噪声样本) ≤ loss(n 条干净样本) 的最小 k",
        },
        derivation: Text {
            en: "Symmetric noise mixes every label with the uniform distribution, so the best a model can learn from noisy data is flatter than the truth: more noisy examples reduce the variance of the fit but not this bias. Whether k·n noisy examples beat n clean ones depends on which of the two dominates, and the search reports when no multiple on the grid does.",
            zh: "对称噪声把每个标签都与均匀分布混合，所以从噪声数据中最多只能学到比真实分布更平的分布：更多噪声样本能降低拟合的方差，却去不掉这个偏差。k·n 条噪声样本能否胜过 n 条干净样本，取决于两者哪个占主导；网格上没有一个倍数做到时，搜索会如实说明。",
        },
        source: Text {
            en: "Zhang et al. 2017, “Understanding deep learning requires rethinking generalization”, ICLR 2017 (networks fit random labels); Rolnick et al. 2017, “Deep Learning is Robust to Massive Label Noise” (more data makes up for noise).",
            zh: "Zhang 等 2017，“Understanding deep learning requires rethinking generalization”，ICLR 2017（网络能拟合随机标签）；Rolnick 等 2017，“Deep Learning is Robust to Massive Label Noise”（更多数据可以弥补噪声）。",
        },
        links: &[
            Link {
                label: "arXiv:1611.03530",
                url: "https://arxiv.org/abs/1611.03530",
            },
            Link {
                label: "arXiv:1705.10694",
                url: "https://arxiv.org/abs/1705.10694",
            },
        ],
    },
    Entry {
        id: "data-exp-diversity",
        view: View::Data,
        title: Text {
            en: "Coverage of phrasings",
            zh: "表述的覆盖率",
        },
        formula: Text {
            en: "input x = Rⱼ z + 0.3 ε, phrasing j of the meaning z (Rⱼ random 16 × 4, ε ~ N(0, I))\ntraining: 400 examples from phrasings 1 … ⌈coverage × 4⌉; held-out: 1,000 examples from all 4\nfigure = held-out loss after 4,000 draws",
            zh: "输入 x = Rⱼ z + 0.3 ε，即语义 z 的第 j 种表述（Rⱼ 为随机 16 × 4 矩阵，ε ~ N(0, I)）\n训练：来自第 1 … ⌈覆盖率 × 4⌉ 种表述的 400 条样本；留出：来自全部 4 种表述的 1,000 条样本\n图中数字 = 4,000 次抽取后的留出损失",
        },
        derivation: Text {
            en: "The labels depend on the meaning only, but the model sees it through the phrasing, and learns to read a phrasing from examples written in it. Phrasings absent from training are read with weights fitted to others, so held-out loss on all phrasings falls as coverage rises.",
            zh: "标签只取决于语义，但模型是透过表述看到语义的，它要从某种表述写成的样本中学会读这种表述。训练中缺席的表述只能用为其他表述拟合的权重去读，所以覆盖率越高，全部表述上的留出损失越低。",
        },
        source: Text {
            en: "Sanh et al. 2022, “Multitask Prompted Training Enables Zero-Shot Task Generalization”, ICLR 2022 (more prompt templates per data set).",
            zh: "Sanh 等 2022，“Multitask Prompted Training Enables Zero-Shot Task Generalization”，ICLR 2022（每个数据集更多提示模板）。",
        },
        links: &[Link {
            label: "arXiv:2110.08207",
            url: "https://arxiv.org/abs/2110.08207",
        }],
    },
    Entry {
        id: "flops-per-token",
        view: View::Compute,
        title: Text {
            en: "FLOPs per trained token",
            zh: "每个训练 token 的 FLOPs",
        },
        formula: Text {
            en: "6N rule: C ≈ 6·N per token, N = non-embedding parameters\ndetailed, forward: 2·(Σ linear weights + V·d) + 4·L·s·d_attn (÷ 2 if causal kernels skip the masked half)\nbackward = 2 × forward (input gradient + weight gradient); LoRA/QLoRA: frozen weights 1 × forward, adapters 2 × their forward\nfull checkpointing: + one forward of the decoder layers; selective: + one forward of QKᵀ and A·V",
            zh: "6N 公式：每个 token C ≈ 6·N，N 为不含嵌入层的参数量\n详细算法，前向：2·（各线性层权重之和 + V·d）+ 4·L·s·d_attn（因果注意力算子跳过被掩码的一半时 ÷ 2）\n反向 = 2 × 前向（输入梯度 + 权重梯度）；LoRA/QLoRA：冻结权重 1 × 前向，适配器 2 × 其前向\n完全检查点：再加一次解码层前向；选择性：再加一次 QKᵀ 与 A·V 的前向",
        },
        derivation: Text {
            en: "A weight meets each token once per pass: a multiply and an add, 2 FLOPs. Backward needs one product for the gradient sent to the layer's input and one for the weight's own gradient, so a frozen weight skips only the second. The attention products have no weights; their cost grows with the sequence length. Norms, softmax and the optimizer step are left out.",
            zh: "每次前向中，每个权重与每个 token 相遇一次：一次乘法一次加法，2 FLOPs。反向需要两次乘积：一次把梯度传给该层的输入，一次求权重自己的梯度；冻结的权重只省掉后一次。注意力的两个乘积没有权重，开销随序列长度增长。归一化、softmax 和优化器更新不计入。",
        },
        source: Text {
            en: "Kaplan et al. 2020, “Scaling Laws for Neural Language Models”, §2.1 and Table 1; Narayanan et al. 2021, “Efficient Large-Scale Language Model Training on GPU Clusters Using Megatron-LM”, §5.1, eq. 3; Korthikanti et al. 2022, §5 (selective recomputation).",
            zh: "Kaplan 等 2020，“Scaling Laws for Neural Language Models”，第 2.1 节与表 1；Narayanan 等 2021，“Efficient Large-Scale Language Model Training on GPU Clusters Using Megatron-LM”，第 5.1 节，式 3；Korthikanti 等 2022，第 5 节（选择性重计算）。",
        },
        links: &[
            Link {
                label: "arXiv:2001.08361",
                url: "https://arxiv.org/abs/2001.08361",
            },
            Link {
                label: "arXiv:2104.04473",
                url: "https://arxiv.org/abs/2104.04473",
            },
        ],
    },
    Entry {
        id: "train-flops",
        view: View::Compute,
        title: Text {
            en: "FLOPs of the whole run",
            zh: "整次训练的 FLOPs",
        },
        formula: Text {
            en: "C = FLOPs per token × D, D = tokens seen = examples seen × tokens per example",
            zh: "C = 每个 token 的 FLOPs × D，D = 见过的 token 数 = 见过的样本数 × 每条样本的 token 数",
        },
        derivation: Text {
            en: "Every token the run processes costs the same number of FLOPs, so the total is a product. The tokens seen are the Steps view's count, which follows the Hugging Face Trainer's epochs and updates exactly. GPT-3 175B: 6·N·D with D = 300 billion tokens gives the published 3.14 × 10²³.",
            zh: "训练处理的每个 token 开销相同，所以总量就是乘积。见过的 token 数来自步数视图，与 Hugging Face Trainer 的轮数和更新次数完全一致。GPT-3 175B：6·N·D，D = 3000 亿 token，即论文给出的 3.14 × 10²³。",
        },
        source: Text {
            en: "Kaplan et al. 2020, §2.1; Brown et al. 2020, “Language Models are Few-Shot Learners”, App. D, Table D.1.",
            zh: "Kaplan 等 2020，第 2.1 节；Brown 等 2020，“Language Models are Few-Shot Learners”，附录 D，表 D.1。",
        },
        links: &[Link {
            label: "arXiv:2005.14165",
            url: "https://arxiv.org/abs/2005.14165",
        }],
    },
    Entry {
        id: "training-time",
        view: View::Compute,
        title: Text {
            en: "Time, GPU-hours and throughput at a given utilisation",
            zh: "给定利用率下的时间、GPU 小时与吞吐",
        },
        formula: Text {
            en: "achieved FLOP/s R = GPUs × peak × MFU\nwall time = C / R; GPU-hours = wall hours × GPUs\nseconds per update = effective batch × s × FLOPs per token / R; tokens/s = R / FLOPs per token\nMFU = (tokens/s × model FLOPs per token) / peak FLOP/s (recomputation not counted; counted, it is HFU)",
            zh: "实际 FLOP/s R = GPU 数 × 峰值 × MFU\n墙钟时间 = C / R；GPU 小时 = 墙钟小时数 × GPU 数\n每次更新秒数 = 有效批量 × s × 每个 token 的 FLOPs / R；每秒 token 数 = R / 每个 token 的 FLOPs\nMFU =（每秒 token 数 × 每个 token 的模型 FLOPs）/ 峰值 FLOP/s（不计重计算；计入则为 HFU）",
        },
        derivation: Text {
            en: "No run sustains the datasheet peak: communication, memory-bound kernels and pipeline bubbles take their share. Large published runs reach 38–47 % of the dense peak, so 0.4 is the default. This view applies the utilisation to every FLOP executed, so recomputation costs time.",
            zh: "没有训练能持续达到数据手册上的峰值：通信、受限于显存带宽的算子和流水线气泡都会占去一部分。公开的大规模训练达到稠密峰值的 38%–47%，所以默认取 0.4。本视图把利用率作用于实际执行的全部 FLOPs，因此重计算会增加时间。",
        },
        source: Text {
            en: "Chowdhery et al. 2022, “PaLM: Scaling Language Modeling with Pathways”, App. B and Table 3; Llama Team 2024, “The Llama 3 Herd of Models”, §3.3.2, Table 4; Zhang et al. 2022, “OPT: Open Pre-trained Transformer Language Models”, §2.4.",
            zh: "Chowdhery 等 2022，“PaLM: Scaling Language Modeling with Pathways”，附录 B 与表 3；Llama Team 2024，“The Llama 3 Herd of Models”，第 3.3.2 节，表 4；Zhang 等 2022，“OPT: Open Pre-trained Transformer Language Models”，第 2.4 节。",
        },
        links: &[
            Link {
                label: "arXiv:2204.02311",
                url: "https://arxiv.org/abs/2204.02311",
            },
            Link {
                label: "arXiv:2407.21783",
                url: "https://arxiv.org/abs/2407.21783",
            },
            Link {
                label: "arXiv:2205.01068",
                url: "https://arxiv.org/abs/2205.01068",
            },
        ],
    },
    Entry {
        id: "card-peaks",
        view: View::Compute,
        title: Text {
            en: "Dense peaks and board power of the cards",
            zh: "各显卡的稠密峰值与板卡功耗",
        },
        formula: Text {
            en: "peak = dense tensor BF16 (FP16 on V100, T4) with FP32 accumulate; fp32 training: the FP32 (non-tensor) peak\nA100 312 · H100/H200 SXM 989.4 · L40S 362.05 · RTX 4090 165.2 · RTX A6000 154.8 · V100 SXM2 125 · T4 65 TFLOP/s",
            zh: "峰值 = 稠密张量核心 BF16（V100、T4 为 FP16），FP32 累加；fp32 训练用 FP32（非张量核心）峰值\nA100 312 · H100/H200 SXM 989.4 · L40S 362.05 · RTX 4090 165.2 · RTX A6000 154.8 · V100 SXM2 125 · T4 65 TFLOP/s",
        },
        derivation: Text {
            en: "Datasheets often print the 2:4 structured-sparsity figure, twice the dense one; training dense models gets the dense figure at best. PyTorch does not use TF32 for fp32 matmuls unless asked. NVIDIA publishes no datasheet for the A10G, so enter its peak.",
            zh: "数据手册常印 2:4 结构化稀疏的数字，是稠密峰值的两倍；训练稠密模型最多只能达到稠密峰值。PyTorch 默认不对 fp32 矩阵乘使用 TF32。NVIDIA 没有发布 A10G 的数据手册，请自行输入其峰值。",
        },
        source: Text {
            en: "NVIDIA datasheets: A100 Tensor Core GPU (2021), H100 Tensor Core GPU (2023), H200 Tensor Core GPU (2024), L40S (2023), Tesla V100 (2018), T4 (2019); NVIDIA Ada (2022) and Ampere GA102 (2021) architecture whitepapers for the RTX 4090 and RTX A6000, the H100 architecture whitepaper (2022) for the dense H100 figures.",
            zh: "NVIDIA 数据手册：A100 Tensor Core GPU（2021）、H100 Tensor Core GPU（2023）、H200 Tensor Core GPU（2024）、L40S（2023）、Tesla V100（2018）、T4（2019）；RTX 4090 与 RTX A6000 见 NVIDIA Ada（2022）和 Ampere GA102（2021）架构白皮书，H100 的稠密数字见 H100 架构白皮书（2022）。",
        },
        links: &[
            Link {
                label: "NVIDIA A100",
                url: "https://www.nvidia.com/en-us/data-center/a100/",
            },
            Link {
                label: "NVIDIA H100",
                url: "https://www.nvidia.com/en-us/data-center/h100/",
            },
            Link {
                label: "NVIDIA L40S",
                url: "https://www.nvidia.com/en-us/data-center/l40s/",
            },
        ],
    },
    Entry {
        id: "energy-cost",
        view: View::Compute,
        title: Text {
            en: "Energy and cost",
            zh: "能耗与费用",
        },
        formula: Text {
            en: "energy (kWh) = board power (W) × GPU-hours / 1000\ncost = GPU-hours × price per GPU-hour",
            zh: "能耗（千瓦时）= 板卡功耗（W）× GPU 小时 / 1000\n费用 = GPU 小时 × 每 GPU 小时价格",
        },
        derivation: Text {
            en: "The board power is the card's maximum, so this is an upper bound for the cards alone; hosts, network and cooling add to it. Cloud prices are per GPU-hour, so the cost is a product; there is no default price.",
            zh: "板卡功耗取显卡的最大功耗，所以这是仅显卡部分的上界；主机、网络和散热另计。云服务按 GPU 小时计价，所以费用就是乘积；没有默认价格。",
        },
        source: Text {
            en: "Board power from the same NVIDIA datasheets; Touvron et al. 2023, “Llama 2”, Table 2, reports GPU-hours with the cards' power the same way.",
            zh: "板卡功耗出自上述 NVIDIA 数据手册；Touvron 等 2023，“Llama 2”，表 2 也以同样方式给出 GPU 小时与功耗。",
        },
        links: &[Link {
            label: "arXiv:2307.09288",
            url: "https://arxiv.org/abs/2307.09288",
        }],
    },
];
