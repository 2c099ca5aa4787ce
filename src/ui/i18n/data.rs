//! Strings of the Data view.

use std::borrow::Cow;

use super::{FieldText, FigureText, fill};
use crate::core::format::fmt_number;
use crate::core::mix::Scheme;

/// One guidance note: heading, advice, the reasoning behind it, and the calculator example it
/// links to (button label, and what the example shows).
pub struct DataNote {
    /// Heading.
    pub title: &'static str,
    /// The advice.
    pub advice: &'static str,
    /// Why it works.
    pub why: &'static str,
    /// Label of the button that loads the example into the calculator.
    pub action: &'static str,
    /// What to look at once the example is loaded.
    pub look: &'static str,
}

/// The Data view.
pub struct Data {
    /// Title.
    pub title: &'static str,
    /// The question the view answers.
    pub lead: &'static str,
    /// Heading of the task table.
    pub tasks_title: &'static str,
    /// One line under it.
    pub tasks_intro: &'static str,
    /// Column: the task's colour in the chart (read by screen readers only).
    pub col_colour: &'static str,
    /// Column: the remove buttons (read by screen readers only).
    pub col_remove: &'static str,
    /// Column: task name.
    pub col_name: &'static str,
    /// Column: examples.
    pub col_count: &'static str,
    /// Column: tokens per example.
    pub col_seq: &'static str,
    /// Column: share of the draws.
    pub col_rate: &'static str,
    /// Column: examples drawn.
    pub col_drawn: &'static str,
    /// Column: epochs over the task.
    pub col_epochs: &'static str,
    /// Column: share of the tokens.
    pub col_tokens: &'static str,
    /// Placeholder of the optional seq cell.
    pub seq_placeholder: &'static str,
    /// Add-row button.
    pub add_row: &'static str,
    /// Accessible label of the remove button ({name} placeholder).
    pub remove_row: &'static str,
    /// Row error: a name holds ':' or ','.
    pub bad_name_chars: &'static str,
    /// Row error: a number holds ':' or ','.
    pub bad_number_chars: &'static str,
    /// Row error: an entry with the wrong number of parts.
    pub bad_row_shape: &'static str,
    /// Row error prefix per column: name, count, seq.
    pub row_error_cols: [&'static str; 3],
    /// Why the table's numbers are what they are.
    pub table_why: &'static str,
    /// Mixing kind.
    pub mix: FieldText,
    /// Labels of `MixKind::KEYS`.
    pub mix_names: [&'static str; 2],
    /// The cap K.
    pub k: FieldText,
    /// The temperature T.
    pub t: FieldText,
    /// Examples drawn in total.
    pub draw: FieldText,
    /// Source line when the total comes from the Steps view ({eb}, {updates}).
    pub source_steps: &'static str,
    /// Source line when the Steps view's inputs are invalid.
    pub source_steps_bad: &'static str,
    /// Source line when the total is typed.
    pub source_typed: &'static str,
    /// Button: use the Steps view's run.
    pub use_steps: &'static str,
    /// Button: fix the current total as a typed number.
    pub keep_typed: &'static str,
    /// Button: open the Steps view.
    pub open_steps: &'static str,
    /// Figure: total draws.
    pub draws_fig: FigureText,
    /// Figure: α.
    pub alpha_fig: FigureText,
    /// Unit: examples.
    pub unit_examples: &'static str,
    /// Unit after α (none).
    pub unit_none: &'static str,
    /// Heading of the α aside.
    pub alpha_title: &'static str,
    /// The α aside: one rule, two names.
    pub alpha_body: &'static str,
    /// Preset buttons: mT5/XLM-R α = 0.3, mBERT S = 0.7, proportional.
    pub alpha_presets: [&'static str; 3],
    /// Warning: repeated ({epochs}).
    pub warn_repeated: &'static str,
    /// Warning: starved ({share}).
    pub warn_starved: &'static str,
    /// Warning: dominating ({share}, {ratio}).
    pub warn_dominating: &'static str,
    /// Chart title.
    pub chart_title: &'static str,
    /// Shown under the chart when K or T is not set.
    pub chart_hint: &'static str,
    /// Chart y axis.
    pub chart_y: &'static str,
    /// Mark above the current scheme.
    pub chart_current: &'static str,
    /// Text alternative ({current}, {n} placeholders).
    pub chart_alt: &'static str,
    /// Scheme name: examples-proportional (see [`Data::scheme_label`], which picks among these).
    pub scheme_proportional: &'static str,
    /// Scheme name: proportional with the cap ({k}).
    pub scheme_capped: &'static str,
    /// Scheme name: temperature ({t}).
    pub scheme_temperature: &'static str,
    /// Scheme name: temperature with the cap ({k}, {t}).
    pub scheme_temperature_capped: &'static str,
    /// Scheme name: equal rates.
    pub scheme_equal: &'static str,
    /// Column header of the data table: task.
    pub table_task: &'static str,
    /// Heading of the guidance.
    pub notes_title: &'static str,
    /// One line under it.
    pub notes_intro: &'static str,
    /// Label before the reasoning.
    pub why_label: &'static str,
    /// The guidance notes.
    pub notes: [DataNote; 4],
    /// Names shown for the tasks of the default table and of the worked examples: (the name the
    /// link holds, the name shown). The link keeps the first, whatever the language; a name the
    /// reader typed is shown as typed. Empty: every name is shown as the link holds it.
    pub task_names: &'static [(&'static str, &'static str)],
    /// Shown for `task` in the names the add button makes (`task1`, `task2`, …).
    pub fresh_task: &'static str,
}

impl Data {
    /// The label of a mixing scheme, its K and T filled in (a `\n` may split it).
    pub fn scheme_label(&self, scheme: Scheme) -> String {
        match scheme {
            Scheme::Proportional => self.scheme_proportional.to_string(),
            Scheme::Capped { k } => fill(self.scheme_capped, &[("k", &fmt_number(k))]),
            Scheme::Temperature { k: None, t } => {
                fill(self.scheme_temperature, &[("t", &fmt_number(t))])
            }
            Scheme::Temperature { k: Some(k), t } => fill(
                self.scheme_temperature_capped,
                &[("k", &fmt_number(k)), ("t", &fmt_number(t))],
            ),
            Scheme::Equal => self.scheme_equal.to_string(),
        }
    }

    /// The name shown for a task whose name in the link is `name`: the names of the default table
    /// and of the worked examples (and `task1`, `task2`, … from the add button) in this language,
    /// any other name as it is.
    pub fn task_name<'a>(&self, name: &'a str) -> Cow<'a, str> {
        let key = name.trim();
        if let Some((_, shown)) = self.task_names.iter().find(|(k, _)| *k == key) {
            return Cow::Borrowed(shown);
        }
        match key.strip_prefix("task") {
            Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                Cow::Owned(format!("{}{n}", self.fresh_task))
            }
            _ => Cow::Borrowed(name),
        }
    }
}

pub(super) static EN: Data = Data {
    title: "Data",
    lead: "Several tasks in one fine-tuning run: how often will the model see each one, and how many times over?",
    tasks_title: "Tasks in the mix",
    tasks_intro: "One row per task or data source. Tokens per example are optional; give them on every row to see each task's share of the tokens.",
    col_colour: "Colour in the chart",
    col_remove: "Remove",
    col_name: "Task",
    col_count: "Examples",
    col_seq: "Tokens / example",
    col_rate: "Share of draws",
    col_drawn: "Examples drawn",
    col_epochs: "Epochs",
    col_tokens: "Share of tokens",
    seq_placeholder: "optional",
    add_row: "Add a task",
    remove_row: "Remove {name}",
    bad_name_chars: "A name cannot contain “:” or “,”: they separate the list in the link.",
    bad_number_chars: "Write the number without “,” or “:”, e.g. 10000 or 10k.",
    bad_row_shape: "This entry should read name:examples or name:examples:tokens.",
    row_error_cols: ["Name", "Examples", "Tokens / example"],
    table_why: "Share of draws: rate_i = min(n_i, K)^(1/T), divided by the sum over all tasks; the cap K applies before the temperature T (Raffel et al. 2020, §3.5.2; google/seqio, seqio/utils.py, mixing_rate_num_examples). Equal mixing gives every task 1/(number of tasks). Examples drawn = share × examples drawn in total. Epochs = examples drawn ÷ examples in the task. Share of tokens = share × tokens per example, normalised over the tasks.",
    mix: FieldText {
        label: "Mixing",
        unit: "",
        hint: "by size uses K and T below; equal ignores them",
    },
    mix_names: [
        "By size (cap K, temperature T)",
        "Equal: every task the same",
    ],
    k: FieldText {
        label: "Cap K (optional)",
        unit: "examples",
        hint: "a task counts as at most K examples; empty = no cap. T5 used 2^21 = 2097152",
    },
    t: FieldText {
        label: "Temperature T",
        unit: "",
        hint: "1 = proportional; larger flattens the mix toward equal. α = 1/T",
    },
    draw: FieldText {
        label: "Examples drawn in total (optional)",
        unit: "examples",
        hint: "empty = the Steps view's run: effective batch × total updates",
    },
    source_steps: "From the Steps view's run: {eb} examples per update × {updates} updates.",
    source_steps_bad: "The Steps view's inputs are not valid, so the run length is unknown. Fix them there, or type a total here.",
    source_typed: "Typed above; the Steps view's run is not used.",
    use_steps: "Use the Steps view's run",
    keep_typed: "Type a total instead",
    open_steps: "Open the Steps view",
    draws_fig: FigureText {
        label: "Examples drawn over the whole run",
        why: "Every optimizer update draws one effective batch, so a run draws effective batch × total updates examples, split among the tasks by their shares. The Steps view computes both numbers (Hugging Face Trainer arithmetic: transformers 5.24.0, trainer.py).",
    },
    alpha_fig: FigureText {
        label: "Exponent α = 1/T (multilingual name)",
        why: "Multilingual models sample language i with probability ∝ n_i^α. That is the temperature rule with α = 1/T: mT5 uses α = 0.3 (Xue et al. 2021, §3; multilingual_t5/tasks.py sets the seqio temperature to 1/0.3), XLM-R α = 0.3 (Conneau et al. 2020), mBERT smooths with S = 0.7 (google-research/bert, multilingual.md). Equal mixing is α = 0.",
    },
    unit_examples: "examples",
    unit_none: "",
    alpha_title: "Same rule, another name: α",
    alpha_body: "Papers on multilingual models write p_i ∝ n_i^α instead of a temperature. Raising counts to α and renormalising is exactly the temperature rule with α = 1/T: α = 1 is proportional, smaller α lifts the small tasks, α → 0 is equal. mT5 and XLM-R use α = 0.3 (T ≈ 3.33); mBERT uses S = 0.7 (T ≈ 1.43), so data 1000× larger is sampled only about 126× more often.",
    alpha_presets: [
        "mT5 / XLM-R: α = 0.3",
        "mBERT: S = 0.7",
        "Proportional: α = 1",
    ],
    warn_repeated: "Seen {epochs} times over. Past about 4 epochs, repeating data is worth less and less compared with fresh data (Muennighoff et al. 2023, “Scaling Data-Constrained Language Models”). Find more examples for this task, or lower its share.",
    warn_starved: "Only {share} of the draws, under the 1 % threshold: the model will hardly learn this task. Raise T, set a cap K, or switch to equal mixing.",
    warn_dominating: "Takes {share} of the draws, {ratio}× the next task (flagged above 50 % and above 5× the next). Training will mostly optimise this task and the others will lag, as with a classification set that dwarfs a generation set. A cap K or a higher T evens it out.",
    chart_title: "Each task's share: your mix beside the alternatives",
    chart_hint: "Proportional and equal mixing are always shown. Set a cap K, or a temperature T other than 1, to add the capped and temperature bars.",
    chart_y: "share of examples drawn",
    chart_current: "your choice",
    chart_alt: "Stacked bars of the {n} tasks' shares under each mixing scheme; the current choice is {current}.",
    scheme_proportional: "proportional",
    scheme_capped: "cap\nK = {k}",
    scheme_temperature: "T = {t}",
    scheme_temperature_capped: "K = {k}\nT = {t}",
    scheme_equal: "equal",
    table_task: "task",
    notes_title: "Data for fine-tuning and domain pre-training",
    notes_intro: "Practical advice, each with the reason behind it. The buttons load a worked example into the calculator above.",
    why_label: "Why: ",
    notes: [
        DataNote {
            title: "Clean and representative beats big",
            advice: "Remove duplicates, broken text and wrong labels before adding volume. Then check coverage: representative means the data spans the situations, vocabulary and variants the model will meet in use, in roughly the proportions that matter. For a medical assistant that means triage questions, medication and dosage queries, discharge notes, radiology reports and the rarer conditions, written with real clinical terms and abbreviations, not just one kind of patient FAQ.",
            why: "Fine-tuning copies whatever regularities the data holds, errors included; a noisy label teaches a wrong answer as firmly as a clean one teaches the right one. A scenario missing from the data is one the model has never practised, so it falls back on its general behaviour exactly where you needed the specialist.",
            action: "Load a medical example",
            look: "Rare but important scenarios are small tasks: check their share and epochs, and whether T or K lifts them without repeating them too often.",
        },
        DataNote {
            title: "Vary the prompts",
            advice: "Ask for the same skill in many forms: questions and instructions, short and long, formal and casual, with and without examples, different output formats. Write several templates per task, or paraphrase real user requests.",
            why: "With one fixed template the cheapest thing to learn is the template itself, and the model then stumbles on any phrasing it has not seen. When the wording keeps changing but the answer does not, the only pattern that fits every example is the underlying task, and that is what carries over to new questions.",
            action: "Load one task in four phrasings",
            look: "Keep each template family as a row: if one phrasing holds most of the examples it will swamp the others, just as a big task does.",
        },
        DataNote {
            title: "Balance the tasks",
            advice: "When one run trains several tasks, do not simply pool the data. Decide each task's share: cap the largest (K) or flatten the mix with a temperature (T), and watch how often the small tasks are repeated.",
            why: "Each update follows the gradient summed over the batch, so a task with 90 % of the examples steers 90 % of the learning, and the model improves on it at the others' expense (as when classification data is plentiful and generation data scarce). Flattening the mix has a price: a small task is then seen many times over, and past about 4 epochs repetition helps less and risks memorising it.",
            action: "Load the classification vs generation mix",
            look: "Compare the warnings under proportional mixing, with the cap K = 3,000, and with equal mixing: balance and repetition pull in opposite directions.",
        },
        DataNote {
            title: "Sources for domain pre-training",
            advice: "Combine two kinds of text. Books and papers (textbooks, monographs, journal articles, standards) give dense, carefully edited, well-structured knowledge and the field's exact terminology. Domain websites and news (professional portals, forums, trade press) give current developments and the way practitioners actually write, at much larger volume but with more noise: filter and deduplicate them.",
            why: "Long-form edited text teaches the concepts and how they connect; current web and news text keeps the model up to date and used to real usage. Documents differ greatly in length, so a source's share of examples is not its share of tokens, and tokens are what the model trains on.",
            action: "Load a domain pre-training mix",
            look: "Tokens per example are set for every source: compare the share of draws with the share of tokens, where a few long books outweigh many short news items.",
        },
    ],
    task_names: &[],
    fresh_task: "task",
};

pub(super) static ZH: Data = Data {
    title: "数据",
    lead: "一次微调里混合多个任务时，模型会多频繁地看到每个任务？每个任务又会被重复训练几遍？",
    tasks_title: "参与混合的任务",
    tasks_intro: "每行一个任务或一个数据来源。每条样本的 token 数可以不填；每一行都填上，就能看到各任务占总 token 的比例。",
    col_colour: "图中颜色",
    col_remove: "删除",
    col_name: "任务",
    col_count: "样本数",
    col_seq: "每条 token 数",
    col_rate: "采样占比",
    col_drawn: "抽取样本数",
    col_epochs: "轮数",
    col_tokens: "token 占比",
    seq_placeholder: "可不填",
    add_row: "添加任务",
    remove_row: "删除 {name}",
    bad_name_chars: "名称里不能有英文冒号“:”或逗号“,”：它们在链接里用来分隔任务列表。",
    bad_number_chars: "数字里不要写英文逗号“,”或冒号“:”，可以写成 10000 或 10k。",
    bad_row_shape: "这一项应是用英文冒号隔开的名称和样本数，可再加每条 token 数，例如 qa:1000 或 qa:1000:512。",
    row_error_cols: ["名称", "样本数", "每条 token 数"],
    table_why: "采样占比：rate_i = min(n_i, K)^(1/T)，再除以所有任务之和；先截断到上限 K，再取 1/T 次幂（Raffel 等，2020，§3.5.2；google/seqio 的 seqio/utils.py 中的 mixing_rate_num_examples）。均匀混合时每个任务各占 1/任务数。抽取样本数 = 占比 × 训练中抽取的样本总数。轮数 = 抽取样本数 ÷ 该任务的样本数。token 占比 = 占比 × 每条 token 数，再在各任务之间归一化。",
    mix: FieldText {
        label: "混合方式",
        unit: "",
        hint: "按数据量混合时使用下面的 K 和 T；均匀混合时不用",
    },
    mix_names: ["按数据量（上限 K、温度 T）", "均匀：每个任务一样多"],
    k: FieldText {
        label: "上限 K（可不填）",
        unit: "条",
        hint: "每个任务最多按 K 条计；不填表示不设上限。T5 用过 2^21 = 2097152",
    },
    t: FieldText {
        label: "温度 T",
        unit: "",
        hint: "1 表示按比例；越大越接近均匀。α = 1/T",
    },
    draw: FieldText {
        label: "训练中抽取的样本总数（可不填）",
        unit: "条",
        hint: "不填则取步数页的设置：有效批量 × 总更新次数",
    },
    source_steps: "来自步数页的训练设置：每次更新 {eb} 条 × {updates} 次更新。",
    source_steps_bad: "步数页的输入有误，算不出训练长度。请到那里改正，或直接在这里填写总数。",
    source_typed: "使用上面填写的数字，不再取步数页的设置。",
    use_steps: "改用步数页的设置",
    keep_typed: "改为手动填写",
    open_steps: "打开步数页",
    draws_fig: FigureText {
        label: "整个训练抽取的样本数",
        why: "每次优化器更新抽取一个有效批量，所以整个训练共抽取“有效批量 × 总更新次数”条样本，再按占比分给各任务。这两个数由步数页算出（按 Hugging Face Trainer 的计数方式：transformers 5.24.0 的 trainer.py）。",
    },
    alpha_fig: FigureText {
        label: "指数 α = 1/T（多语言模型的叫法）",
        why: "多语言模型按 n_i^α 的比例抽取第 i 种语言，这正是 α = 1/T 的温度采样：mT5 取 α = 0.3（Xue 等，2021，§3；multilingual_t5/tasks.py 把 seqio 的温度设为 1/0.3），XLM-R 取 α = 0.3（Conneau 等，2020），mBERT 用 S = 0.7 做平滑（google-research/bert 的 multilingual.md）。均匀混合相当于 α = 0。",
    },
    unit_examples: "条",
    unit_none: "",
    alpha_title: "同一条规则的另一个名字：α",
    alpha_body: "多语言模型的论文不说温度，而写 p_i ∝ n_i^α。把样本数取 α 次幂再归一化，和温度 T = 1/α 的采样完全相同：α = 1 即按比例，α 越小越照顾小任务，α 趋于 0 就是均匀。mT5 和 XLM-R 取 α = 0.3（T ≈ 3.33）；mBERT 取 S = 0.7（T ≈ 1.43），数据多 1000 倍的语言只多被抽到约 126 倍。",
    alpha_presets: ["mT5 / XLM-R：α = 0.3", "mBERT：S = 0.7", "按比例：α = 1"],
    warn_repeated: "这个任务被重复训练了 {epochs} 轮。超过约 4 轮后，重复数据的价值明显低于新数据（Muennighoff 等，2023，“Scaling Data-Constrained Language Models”）。请为它补充数据，或降低它的占比。",
    warn_starved: "只占采样的 {share}，低于 1% 的阈值，模型几乎学不到这个任务。可以调高 T、设置上限 K，或改用均匀混合。",
    warn_dominating: "占了采样的 {share}，是第二大任务的 {ratio} 倍（判定标准：超过 50% 且超过第二名的 5 倍）。训练会主要优化这个任务，其他任务跟不上，就像分类数据远多于生成数据时那样。设置上限 K 或调高 T 可以拉平。",
    chart_title: "各任务的占比：当前混合方式与其他方式对比",
    chart_hint: "按比例和均匀混合始终列出。设置上限 K，或把温度 T 改成 1 以外的值，就会多出截断和温度两组柱子。",
    chart_y: "抽取样本占比",
    chart_current: "当前选择",
    chart_alt: "{n} 个任务在各混合方式下占比的堆叠柱状图；当前选择是 {current}。",
    scheme_proportional: "按比例",
    scheme_capped: "上限\nK = {k}",
    scheme_temperature: "T = {t}",
    scheme_temperature_capped: "K = {k}\nT = {t}",
    scheme_equal: "均匀",
    table_task: "任务",
    notes_title: "微调与领域预训练的数据",
    notes_intro: "几条实用建议，每条都说明理由。按钮会把对应的例子填进上面的计算器。",
    why_label: "理由：",
    notes: [
        DataNote {
            title: "干净、有代表性，比量大更要紧",
            advice: "先去掉重复、残缺的文本和标错的标签，再考虑加量。然后检查覆盖面：有代表性，指数据覆盖模型上线后会遇到的各种场景、用语和变体，比例也大致合理。做医疗助手，就要有分诊问答、用药和剂量咨询、出院小结、影像报告，也要有少见病，并且用真实的临床术语和缩写，而不是只有一种患者常见问题。",
            why: "微调会照搬数据里的规律，错误也一样照搬：一个错标签教错答案的力度，和一个对标签教对答案一样大。数据里没有的场景，模型从没练过，恰恰在最需要专业能力的地方退回到通用的回答。",
            action: "填入医疗示例",
            look: "少见但重要的场景就是小任务：看它们的占比和轮数，再看调 T 或 K 能否把它们提上来，又不至于重复太多遍。",
        },
        DataNote {
            title: "提示词要多样",
            advice: "同一种能力用多种方式去问：提问和指令、长和短、正式和口语、带示例和不带示例、不同的输出格式。每个任务写几套模板，或者改写真实的用户请求。",
            why: "只有一种模板时，模型最省力的做法是记住模板本身，换个问法就答不好。问法不断变化而答案不变时，唯一能解释所有样本的规律就是任务本身，这种规律才能迁移到没见过的问题上。",
            action: "填入一个任务的四种问法",
            look: "把每一类模板当作一行：如果某种问法占了大部分样本，它也会像大任务一样压过其他问法。",
        },
        DataNote {
            title: "多任务要平衡",
            advice: "一次训练多个任务时，不要把数据直接合在一起。先定好每个任务的占比：给最大的任务设上限 K，或用温度 T 拉平，同时留意小任务被重复了多少遍。",
            why: "每次更新沿着一个批量上梯度之和的方向走，占 90% 样本的任务就决定了 90% 的学习方向，模型会牺牲其他任务去优化它（比如分类数据很多、生成数据很少的时候）。拉平也有代价：小任务会被反复训练，超过约 4 轮后收益下降，还容易把它背下来。",
            action: "填入“分类与生成”示例",
            look: "分别看按比例、上限 K = 3000 和均匀混合时的警告：平衡和重复是此消彼长的。",
        },
        DataNote {
            title: "领域预训练用什么数据",
            advice: "把两类文本结合起来。书籍和论文（教材、专著、期刊文章、标准规范）知识密度高、经过编辑、结构严谨，还带着这个领域准确的术语。领域网站和新闻（专业门户、论坛、行业媒体）反映最新进展和从业者真实的写法，量大得多，但噪声也多，需要过滤和去重。",
            why: "经过编辑的长文教会模型概念以及概念之间的联系；网页和新闻让模型跟上领域的变化，熟悉实际用语。各来源的文档长度差别很大，所以样本占比不等于 token 占比，而模型真正训练的是 token。",
            action: "填入领域预训练示例",
            look: "每个来源都填了每条 token 数：对比采样占比和 token 占比，少量长篇书籍的 token 会超过大量短新闻。",
        },
    ],
    task_names: &[
        ("classify", "分类"),
        ("extract", "抽取"),
        ("generate", "生成"),
        ("triage_qa", "分诊问答"),
        ("medication", "用药咨询"),
        ("discharge_notes", "出院小结"),
        ("radiology", "影像报告"),
        ("rare_disease", "罕见病"),
        ("qa_question", "提问式问答"),
        ("qa_instruction", "指令式问答"),
        ("qa_chat", "对话式问答"),
        ("qa_few_shot", "少样本问答"),
        ("books", "书籍"),
        ("papers", "论文"),
        ("domain_web", "领域网站"),
        ("news", "新闻"),
    ],
    fresh_task: "任务",
};

#[cfg(test)]
mod tests {
    use super::{EN, ZH};
    use crate::core::mix::Scheme;

    #[test]
    fn every_scheme_has_a_label_with_its_numbers() {
        let all = [
            Scheme::Proportional,
            Scheme::Capped { k: 2.5 },
            Scheme::Temperature { k: None, t: 3.0 },
            Scheme::Temperature {
                k: Some(7.0),
                t: 3.0,
            },
            Scheme::Equal,
        ];
        for table in [&EN, &ZH] {
            let labels: Vec<String> = all.iter().map(|s| table.scheme_label(*s)).collect();
            assert!(
                labels[1].contains("2.5") && labels[2].contains('3'),
                "{labels:?}"
            );
            assert!(
                labels[3].contains('7') && labels[3].contains('3'),
                "{labels:?}"
            );
            for (i, l) in labels.iter().enumerate() {
                assert!(!l.is_empty() && !l.contains('{'), "{l}");
                assert!(!labels[..i].contains(l), "{l} twice");
            }
        }
    }

    #[test]
    fn default_names_are_shown_in_the_language_and_typed_names_as_typed() {
        assert_eq!(ZH.task_name("classify"), "分类");
        assert_eq!(ZH.task_name(" generate "), "生成");
        assert_eq!(ZH.task_name("task3"), "任务3");
        assert_eq!(EN.task_name("task3"), "task3");
        assert_eq!(EN.task_name("classify"), "classify");
        for typed in ["Classify", "task", "taskx", "task3b", "分类", "my task"] {
            assert_eq!(ZH.task_name(typed), typed);
        }
        let shown: Vec<&str> = ZH.task_names.iter().map(|(_, s)| *s).collect();
        for (i, s) in shown.iter().enumerate() {
            assert!(!shown[..i].contains(s), "{s} twice");
        }
    }
}
