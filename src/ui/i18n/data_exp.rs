//! Strings of the Data view's experiments (`core::data_exp`).

use super::{FieldText, FigureText};

/// The Data view's experiments.
pub struct DataExp {
    /// Heading of the experiments.
    pub title: &'static str,
    /// What every experiment shares: the model, the synthetic data, the seed ({seed}).
    pub intro: &'static str,
    /// The seed field.
    pub seed: FieldText,
    /// Run button of an experiment.
    pub run: &'static str,
    /// Cancel button.
    pub cancel: &'static str,
    /// Status while running.
    pub running: &'static str,
    /// Status when done ({ms}: compute time).
    pub done: &'static str,
    /// Status after a cancel.
    pub cancelled: &'static str,
    /// Text alternative of a chart before its experiment has run.
    pub chart_empty: &'static str,
    /// Shown over results whose settings have changed since.
    pub stale: &'static str,
    /// Accessible name of a progress bar.
    pub progress: &'static str,
    /// Unit: nats.
    pub unit_nats: &'static str,
    /// Axis: examples drawn in the simulation.
    pub x_drawn: &'static str,
    /// Axis: held-out loss.
    pub y_heldout: &'static str,
    /// Label of the "why?" toggles.
    pub why: &'static str,

    /// Heading of the multi-task experiment.
    pub mix_title: &'static str,
    /// Its setup ({tasks}, {scale}, {examples}, {draws}, {steps}, {heldout}).
    pub mix_about: &'static str,
    /// Why it cannot run: a row or a setting of the table is invalid.
    pub mix_blocked: &'static str,
    /// Why it cannot run: too many tasks ({max}).
    pub mix_too_many: &'static str,
    /// Chart caption.
    pub mix_chart: &'static str,
    /// Chart summary ({n}, {ends}).
    pub mix_alt: &'static str,
    /// Result table columns: task, scaled examples, epochs, lowest, end, reading.
    pub mix_cols: [&'static str; 6],
    /// Reading of a task whose held-out loss rose past its best ({rise}).
    pub mix_overfit: &'static str,
    /// Reading of a task that did not.
    pub mix_fine: &'static str,
    /// Why-note of the multi-task results.
    pub mix_why: &'static str,

    /// Heading of the comparison.
    pub cmp_title: &'static str,
    /// Its setup ({t}).
    pub cmp_about: &'static str,
    /// Run button of the comparison.
    pub cmp_run: &'static str,
    /// Scheme labels: proportional, capped ({k}), temperature ({t}, {cap}), equal.
    pub cmp_schemes: [&'static str; 4],
    /// Suffix of the temperature label when a cap applies too ({k}).
    pub cmp_with_cap: &'static str,
    /// Columns: mixing, mean, worst, smallest task's epochs, its lowest, its end.
    pub cmp_cols: [&'static str; 6],
    /// Finding: proportional mixing starved the smallest task ({task}, {epochs}, {prop}, {scheme}, {other}).
    pub cmp_starved: &'static str,
    /// Finding: it did not ({task}, {prop}).
    pub cmp_not_starved: &'static str,
    /// Finding: a scheme repeated it to overfitting ({scheme}, {task}, {epochs}, {best}, {last}).
    pub cmp_overfit: &'static str,
    /// Finding: no scheme did ({task}).
    pub cmp_no_overfit: &'static str,
    /// Why-note of the comparison.
    pub cmp_why: &'static str,

    /// Heading of the quality experiment.
    pub q_title: &'static str,
    /// Its setup ({draws}, {heldout}, {grid}).
    pub q_about: &'static str,
    /// Clean examples n.
    pub clean_n: FieldText,
    /// Multiple k.
    pub noisy_x: FieldText,
    /// Label-noise fraction p.
    pub label_noise: FieldText,
    /// Figure: clean.
    pub q_clean: FigureText,
    /// Figure: noisy.
    pub q_noisy: FigureText,
    /// Figure: break-even.
    pub q_break_even: FigureText,
    /// Unit of the break-even (a multiple of n).
    pub q_unit_times: &'static str,
    /// Sentence: the clean set wins ({m}, {k}, {noisy}, {clean}, {n}).
    pub q_clean_wins: &'static str,
    /// Sentence: the noisy set wins (same placeholders).
    pub q_noisy_wins: &'static str,
    /// Sentence: a break-even exists ({x}, {m}, {n}).
    pub q_found: &'static str,
    /// Sentence: none on the grid ({max}, {p}).
    pub q_none: &'static str,
    /// Chart caption.
    pub q_chart: &'static str,
    /// Chart summary ({n}, {p}, {clean}).
    pub q_alt: &'static str,
    /// Chart x axis.
    pub q_x: &'static str,
    /// Chart y axis.
    pub q_y: &'static str,
    /// Curve label ({p}).
    pub q_curve: &'static str,
    /// Reference label ({n}).
    pub q_reference: &'static str,

    /// Heading of the diversity experiment.
    pub d_title: &'static str,
    /// Its setup ({examples}, {heldout}, {draws}, {phrasings}).
    pub d_about: &'static str,
    /// Coverage field.
    pub coverage: FieldText,
    /// Row label of a coverage ({c}, {k}, {of}).
    pub d_row: &'static str,
    /// Column headings: coverage, lowest, end.
    pub d_cols: [&'static str; 3],
    /// Sentence: loss falls at every step of coverage ({lo}, {a}, {b}).
    pub d_falls: &'static str,
    /// Sentence: it does not ({lo}, {a}, {b}).
    pub d_mixed: &'static str,
    /// Chart caption.
    pub d_chart: &'static str,
    /// Chart summary ({ends}).
    pub d_alt: &'static str,
    /// Why-note.
    pub d_why: &'static str,

    /// Links from the guidance notes to the experiments that back them (empty: none).
    pub note_links: [&'static str; 4],
}

pub(super) static EN: DataExp = DataExp {
    title: "Experiments: watch a small model learn from the mix",
    intro: "Each experiment trains a small model in your browser: one softmax regression (a linear classifier with 4 classes), minibatch SGD with batches of 10 and a constant learning rate of 0.2, cross-entropy loss. The data are synthetic. Each task has its own random labelling rule on a hidden 4-number meaning (labels are sampled, so even a perfect model keeps some loss) and its own inputs: 16-number random linear \"phrasings\" of that meaning, plus noise. Held-out loss is the mean cross-entropy, in nats, on fresh examples of the same task. This is not a language model: the experiments show the mechanisms, not how large the effects are on real data. Every random draw comes from one seed (below), so the same link gives the same numbers.",
    seed: FieldText {
        label: "Seed",
        unit: "",
        hint: "Draws the tasks, the examples and the initial weights of every experiment.",
    },
    run: "Run",
    cancel: "Cancel",
    running: "Running…",
    done: "Done: {ms} ms of computing.",
    cancelled: "Cancelled.",
    chart_empty: "Run the experiment to draw this chart.",
    stale: "These results come from settings that have changed since. Run again to update them.",
    progress: "Progress",
    unit_nats: "nats",
    x_drawn: "examples drawn (simulation)",
    y_heldout: "held-out loss (nats)",
    why: "why?",

    mix_title: "1. Multi-task training on the current mix",
    mix_about: "One model is shared by the {tasks} tasks of the table above. Each valid row becomes one synthetic task with its own labelling rule and input distribution, and the task's id is an input. To run in the page, the counts and the draws are scaled by s = {scale}, which keeps every task's epochs: {examples} training examples, {draws} draws in all ({steps} minibatches). Each example of a minibatch picks its task with the table's own mixing rates (mix, K and T), and a task's examples are reshuffled at each pass. Each task has {heldout} fresh held-out examples.",
    mix_blocked: "Fix the task table and the mixing settings above to run this experiment.",
    mix_too_many: "The simulation takes at most {max} tasks. Remove rows to run it.",
    mix_chart: "Held-out loss of each task as the run draws examples",
    mix_alt: "Held-out loss of {n} tasks against examples drawn; at the end: {ends}.",
    mix_cols: [
        "task",
        "examples (scaled)",
        "epochs",
        "lowest held-out loss",
        "at the end",
        "reading",
    ],
    mix_overfit: "rose {rise} nats after its lowest point: repeated to overfitting",
    mix_fine: "no rise past its lowest point",
    mix_why: "Each task's rate comes from the same code as the table (rᵢ = min(nᵢ, K)^(1/T) / Σⱼ min(nⱼ, K)^(1/T), or 1/N for equal mixing), so epochs over task i = rᵢ·D / nᵢ. A task drawn for a small fraction of an epoch has not been learned yet; a task repeated many times is fitted to its few examples, and its held-out loss turns up. Raffel et al. 2020 (T5), §3.5.2, describe both failure modes of mixing and introduce the cap K and the temperature T against them; the sampling follows google/seqio (seqio/utils.py).",

    cmp_title: "Compare the four mixings",
    cmp_about: "Runs proportional, capped, temperature and equal mixing on the same scaled tasks with the same seed. The cap is the table's K (scaled by s) or, without one, the median scaled task size; the temperature is the table's T, or T = {t} when the table uses T = 1.",
    cmp_run: "Run the comparison",
    cmp_schemes: [
        "proportional",
        "capped, K = {k}",
        "temperature T = {t}{cap}",
        "equal",
    ],
    cmp_with_cap: ", K = {k}",
    cmp_cols: [
        "mixing",
        "mean held-out loss",
        "worst task",
        "smallest task: epochs",
        "its lowest",
        "its end",
    ],
    cmp_starved: "Under proportional mixing, {task} (the smallest task) got {epochs} epochs and ended at {prop} nats; “{scheme}” brought it down to {other}. Proportional mixing starved it.",
    cmp_not_starved: "Here proportional mixing did not starve {task} (the smallest task): no other mixing ended it more than 0.05 nats lower than proportional mixing's {prop} nats.",
    cmp_overfit: "Under “{scheme}”, {task} was repeated {epochs} epochs: its held-out loss fell to {best} nats and ended at {last}. It was repeated to overfitting.",
    cmp_no_overfit: "No mixing repeated {task} to overfitting here: its held-out loss never ended more than 0.05 nats above its lowest point.",
    cmp_why: "Mean: the average over tasks of the final held-out loss; worst: the largest. A rise or a gap under 0.05 nats is read as noise. Flattening the mix feeds the small task but takes draws from the large ones and repeats the small one; T5 (Raffel et al. 2020, §3.5.2) found the best setting between the extremes and tuned K for the same reason.",

    q_title: "2. Quality over quantity",
    q_about: "One synthetic task. A clean set of n examples against a set of k·n examples in which a fraction p of the labels were replaced by random classes. Every run draws {draws} examples and is scored on the same {heldout} clean held-out examples; the figures are each run's lowest held-out loss (as early stopping would keep). The break-even search tries k = {grid}.",
    clean_n: FieldText {
        label: "Clean examples n",
        unit: "examples",
        hint: "1 … 1,000.",
    },
    noisy_x: FieldText {
        label: "Noisy set size k",
        unit: "× n",
        hint: "The noisy set has k·n examples; k up to 20.",
    },
    label_noise: FieldText {
        label: "Label noise p",
        unit: "fraction",
        hint: "Fraction of the noisy set's labels replaced at random, 0 … 1.",
    },
    q_clean: FigureText {
        label: "lowest held-out loss, n clean examples",
        why: "Trained on n correctly labelled examples; the lowest mean cross-entropy on the clean held-out set over the run.",
    },
    q_noisy: FigureText {
        label: "lowest held-out loss, k·n noisy examples",
        why: "With symmetric noise the labels a model learns from follow (1 − p)·P(y|x) + p/C, a flatter distribution than the clean one, so even unlimited noisy data converges to a worse model of the clean labels. Large networks can also memorise the random labels (Zhang et al. 2017, “Understanding deep learning requires rethinking generalization”); more data can make up for moderate noise (Rolnick et al. 2017, “Deep Learning is Robust to Massive Label Noise”).",
    },
    q_break_even: FigureText {
        label: "noisy examples that match n clean ones",
        why: "The smallest k on the grid whose noisy run ends no worse than the clean one. Empty when none does: past some size the flattened labels, not the amount of data, limit the model.",
    },
    q_unit_times: "× n",
    q_clean_wins: "With {m} noisy examples (k = {k}) the lowest held-out loss is {noisy} nats, against {clean} for {n} clean ones: the clean set wins.",
    q_noisy_wins: "With {m} noisy examples (k = {k}) the lowest held-out loss is {noisy} nats, against {clean} for {n} clean ones: here the larger noisy set wins.",
    q_found: "Break-even: {x} × n = {m} noisy examples do as well as {n} clean ones.",
    q_none: "No break-even up to {max} × n: at p = {p}, more noisy data did not make up for the noise here.",
    q_chart: "Held-out loss against the size of the noisy set",
    q_alt: "Lowest held-out loss against noisy examples at p = {p}; {n} clean examples reach {clean}.",
    q_x: "noisy examples (log scale)",
    q_y: "lowest held-out loss (nats)",
    q_curve: "noisy labels, p = {p}",
    q_reference: "clean, n = {n}",

    d_title: "3. Diversity of inputs",
    d_about: "One synthetic task whose inputs come in {phrasings} phrasings: different random linear embeddings of the same meaning, like one request worded in several ways. Training sees {examples} examples from only the first ⌈coverage × {phrasings}⌉ phrasings; the {heldout} held-out examples use all of them. {draws} draws per run. The sweep runs 25 %, 50 %, 75 % and 100 % and your coverage.",
    coverage: FieldText {
        label: "Coverage",
        unit: "fraction",
        hint: "Fraction of the phrasings present in training, above 0 and at most 1.",
    },
    d_row: "{c} % ({k} of {of} phrasings)",
    d_cols: ["coverage", "lowest held-out loss", "at the end"],
    d_falls: "From {lo} % to 100 % coverage the final held-out loss falls at every step, from {a} to {b} nats: data that covers fewer phrasings generalises worse to the unseen ones.",
    d_mixed: "From {lo} % to 100 % coverage the final held-out loss goes from {a} to {b} nats, but not down at every step: with this seed some steps are within noise.",
    d_chart: "Held-out loss on all phrasings, by coverage of the training data",
    d_alt: "Held-out loss against examples drawn for each coverage; at the end: {ends}.",
    d_why: "The model learns each phrasing's embedding from the examples written in it; a phrasing never seen in training is read through weights fitted to the others. Instruction-tuning work found the same on real tasks: more prompt templates per data set improved held-out performance (Sanh et al. 2022, “Multitask Prompted Training Enables Zero-Shot Task Generalization”, ICLR).",

    note_links: [
        "See it in the experiments below: label noise against data size, and coverage of phrasings.",
        "See it in the experiment below: held-out loss by coverage of phrasings.",
        "See it in the experiment below: the four mixings compared on a small model.",
        "",
    ],
};

pub(super) static ZH: DataExp = DataExp {
    title: "实验：看一个小模型怎样从混合数据中学习",
    intro: "每个实验都在浏览器里训练一个小模型：一个 softmax 回归（4 类的线性分类器），小批量 SGD，批大小 10，恒定学习率 0.2，交叉熵损失。数据是合成的。每个任务有自己随机生成的标注规则，作用在一个 4 维的隐含“语义”上（标签是按概率抽出来的，所以再完美的模型也有一定损失）；每个任务也有自己的输入：这个语义经过随机线性变换得到的 16 维“表述”，再加噪声。留出损失是同一任务新样本上的平均交叉熵，单位奈特（nat）。这不是语言模型：实验展示的是机制，不代表真实数据上效应的大小。所有随机数都由下面的种子决定，同一个链接得到同样的数字。",
    seed: FieldText {
        label: "随机种子",
        unit: "",
        hint: "决定所有实验的任务、样本和初始权重。",
    },
    run: "运行",
    cancel: "取消",
    running: "运行中…",
    done: "完成：计算用时 {ms} 毫秒。",
    cancelled: "已取消。",
    chart_empty: "运行实验后这里会画出图表。",
    stale: "这些结果来自之前的设置，设置已经改过。请重新运行以更新。",
    progress: "进度",
    unit_nats: "奈特",
    x_drawn: "已抽取样本数（模拟）",
    y_heldout: "留出损失（奈特）",
    why: "为什么？",

    mix_title: "1. 用当前混合方式做多任务训练",
    mix_about: "上表的 {tasks} 个任务共用一个模型。每个有效行对应一个合成任务，各有自己的标注规则和输入分布，任务编号也作为输入。为了在页面里跑得动，样本数和抽取数都乘以同一个系数 s = {scale}，这样每个任务的轮数不变：训练样本 {examples} 条，共抽取 {draws} 条（{steps} 个小批量）。小批量里的每条样本按上表自己的混合比例（mix、K、T）选任务；每个任务的样本每过一轮重新打乱。每个任务另有 {heldout} 条新的留出样本。",
    mix_blocked: "请先修正上面的任务表和混合设置，再运行这个实验。",
    mix_too_many: "模拟最多支持 {max} 个任务。删掉几行后再运行。",
    mix_chart: "随着抽取样本增多，各任务的留出损失",
    mix_alt: "{n} 个任务的留出损失随已抽取样本数的变化；结束时：{ends}。",
    mix_cols: [
        "任务",
        "样本数（缩放后）",
        "轮数",
        "最低留出损失",
        "结束时",
        "解读",
    ],
    mix_overfit: "从最低点回升了 {rise} 奈特：重复过多，已经过拟合",
    mix_fine: "没有从最低点回升",
    mix_why: "每个任务的比例与上表用的是同一段代码（rᵢ = min(nᵢ, K)^(1/T) / Σⱼ min(nⱼ, K)^(1/T)，均等混合为 1/N），所以任务 i 的轮数 = rᵢ·D / nᵢ。只被抽到一小部分的任务还没学会；被重复很多遍的任务会去拟合它那几条样本，留出损失随之回升。Raffel 等 2020（T5）第 3.5.2 节讨论了混合的这两种失败，并为此引入上限 K 和温度 T；抽样方式与 google/seqio（seqio/utils.py）一致。",

    cmp_title: "比较四种混合方式",
    cmp_about: "在同样缩放后的任务上、用同一个种子，分别跑按比例、设上限、温度和均等四种混合。上限取上表的 K（同样乘以 s），没有设 K 时取缩放后任务样本数的中位数；温度取上表的 T，上表 T = 1 时取 T = {t}。",
    cmp_run: "运行对比",
    cmp_schemes: ["按比例", "设上限，K = {k}", "温度 T = {t}{cap}", "均等"],
    cmp_with_cap: "，K = {k}",
    cmp_cols: [
        "混合方式",
        "平均留出损失",
        "最差任务",
        "最小任务：轮数",
        "其最低值",
        "其结束值",
    ],
    cmp_starved: "按比例混合时，{task}（最小的任务）只有 {epochs} 轮，结束时为 {prop} 奈特；采用“{scheme}”混合时降到 {other}。按比例混合让它“吃不饱”。",
    cmp_not_starved: "这里按比例混合没有让 {task}（最小的任务）吃不饱：其他混合方式的结束值都没有比按比例的 {prop} 奈特低出 0.05 奈特以上。",
    cmp_overfit: "采用“{scheme}”混合时，{task}被重复了 {epochs} 轮：留出损失先降到 {best} 奈特，结束时回升到 {last}。重复过多，已经过拟合。",
    cmp_no_overfit: "这里没有哪种混合把 {task} 重复到过拟合：它的留出损失结束时都没有比最低点高出 0.05 奈特以上。",
    cmp_why: "平均：各任务最终留出损失的平均值；最差：其中最大的一个。小于 0.05 奈特的回升或差距视为噪声。把混合拉平能喂饱小任务，但会从大任务那里拿走抽取数，并让小任务被反复重复；T5（Raffel 等 2020，第 3.5.2 节）发现最好的设置在两个极端之间，K 也是出于同样的原因需要调。",

    q_title: "2. 质量胜过数量",
    q_about: "一个合成任务。比较 n 条干净样本，和 k·n 条样本、其中比例 p 的标签被换成随机类别。每次训练都抽取 {draws} 条样本，并在同一组 {heldout} 条干净的留出样本上评估；图中数字是每次训练过程中的最低留出损失（相当于早停）。盈亏平衡点在 k = {grid} 中搜索。",
    clean_n: FieldText {
        label: "干净样本数 n",
        unit: "条",
        hint: "1 到 1,000。",
    },
    noisy_x: FieldText {
        label: "噪声数据量 k",
        unit: "× n",
        hint: "噪声数据共 k·n 条；k 最大 20。",
    },
    label_noise: FieldText {
        label: "标签噪声 p",
        unit: "比例",
        hint: "噪声数据中被随机替换的标签比例，0 到 1。",
    },
    q_clean: FigureText {
        label: "最低留出损失：n 条干净样本",
        why: "用 n 条标注正确的样本训练；训练过程中在干净留出集上的最低平均交叉熵。",
    },
    q_noisy: FigureText {
        label: "最低留出损失：k·n 条噪声样本",
        why: "噪声对称时，模型学到的标签服从 (1 − p)·P(y|x) + p/C，比干净标签的分布更平，所以噪声数据再多，也只会收敛到一个对干净标签更差的模型。大网络还会把随机标签背下来（Zhang 等 2017，“Understanding deep learning requires rethinking generalization”）；适度的噪声可以靠更多数据弥补（Rolnick 等 2017，“Deep Learning is Robust to Massive Label Noise”）。",
    },
    q_break_even: FigureText {
        label: "与 n 条干净样本效果相当的噪声样本量",
        why: "网格上使噪声训练的结果不差于干净训练的最小 k。如果没有，就留空：数据量超过一定程度后，限制模型的是被拉平的标签，而不是数据多少。",
    },
    q_unit_times: "× n",
    q_clean_wins: "{m} 条噪声样本（k = {k}）的最低留出损失是 {noisy} 奈特，{n} 条干净样本是 {clean}：干净数据胜出。",
    q_noisy_wins: "{m} 条噪声样本（k = {k}）的最低留出损失是 {noisy} 奈特，{n} 条干净样本是 {clean}：这里更大的噪声数据胜出。",
    q_found: "盈亏平衡点：{x} × n = {m} 条噪声样本与 {n} 条干净样本效果相当。",
    q_none: "在 {max} × n 以内没有盈亏平衡点：p = {p} 时，这里再多的噪声数据也弥补不了噪声。",
    q_chart: "留出损失随噪声数据量的变化",
    q_alt: "p = {p} 时最低留出损失随噪声样本数的变化；{n} 条干净样本达到 {clean}。",
    q_x: "噪声样本数（对数坐标）",
    q_y: "最低留出损失（奈特）",
    q_curve: "噪声标签，p = {p}",
    q_reference: "干净数据，n = {n}",

    d_title: "3. 输入的多样性",
    d_about: "一个合成任务，输入有 {phrasings} 种表述：同一语义的不同随机线性嵌入，就像同一个请求有几种说法。训练只看到前 ⌈覆盖率 × {phrasings}⌉ 种表述中的 {examples} 条样本；{heldout} 条留出样本覆盖全部表述。每次训练抽取 {draws} 条。扫描 25 %、50 %、75 %、100 % 和你设的覆盖率。",
    coverage: FieldText {
        label: "覆盖率",
        unit: "比例",
        hint: "训练数据包含的表述比例，大于 0、不超过 1。",
    },
    d_row: "{c} %（{of} 种表述中的 {k} 种）",
    d_cols: ["覆盖率", "最低留出损失", "结束时"],
    d_falls: "覆盖率从 {lo} % 升到 100 %，最终留出损失每一步都在下降，从 {a} 降到 {b} 奈特：覆盖表述越少的数据，在没见过的表述上泛化越差。",
    d_mixed: "覆盖率从 {lo} % 升到 100 %，最终留出损失从 {a} 变为 {b} 奈特，但并非每一步都下降：在这个种子下，有些步的差别在噪声范围内。",
    d_chart: "按训练数据覆盖率，全部表述上的留出损失",
    d_alt: "各覆盖率下留出损失随已抽取样本数的变化；结束时：{ends}。",
    d_why: "模型从用某种表述写成的样本中学到这种表述的嵌入；训练中没见过的表述，只能靠为其他表述拟合的权重去读。指令微调的研究在真实任务上也发现了同样的现象：每个数据集用更多提示模板，留出任务上的表现更好（Sanh 等 2022，“Multitask Prompted Training Enables Zero-Shot Task Generalization”，ICLR）。",

    note_links: [
        "在下面的实验中亲自看看：标签噪声与数据量的对比，以及表述的覆盖率。",
        "在下面的实验中亲自看看：不同表述覆盖率下的留出损失。",
        "在下面的实验中亲自看看：在小模型上比较四种混合方式。",
        "",
    ],
};
