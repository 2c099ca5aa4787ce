//! Strings of the page shell.

use crate::ui::state::View;

/// Header, navigation, footer and shared labels.
pub struct Shell {
    /// The app's name.
    pub name: &'static str,
    /// One line under the name.
    pub tagline: &'static str,
    /// Navigation label for screen readers.
    pub nav_label: &'static str,
    /// Nav entry: Steps.
    pub nav_steps: &'static str,
    /// Nav entry: Batch & LR.
    pub nav_lr: &'static str,
    /// Nav entry: Simulator.
    pub nav_sim: &'static str,
    /// Nav entry: Memory.
    pub nav_memory: &'static str,
    /// Nav entry: Data.
    pub nav_data: &'static str,
    /// Nav entry: Time & cost.
    pub nav_compute: &'static str,
    /// Language switch label.
    pub lang_label: &'static str,
    /// Theme switch label.
    pub theme_label: &'static str,
    /// Theme names: auto, light, dark.
    pub theme_auto: &'static str,
    /// Light theme.
    pub theme_light: &'static str,
    /// Dark theme.
    pub theme_dark: &'static str,
    /// Notice shown when URL values were replaced by defaults (followed by the keys).
    pub notice_bad_params: &'static str,
    /// Button that closes a notice.
    pub dismiss: &'static str,
    /// Label of the "why?" toggle on a figure.
    pub why: &'static str,
    /// Badge on results kept from the last valid input.
    pub stale: &'static str,
    /// Footer heading for sources.
    pub sources: &'static str,
    /// Footer text before the list of sources.
    pub footer_note: &'static str,
    /// Title of the controls panel.
    pub inputs: &'static str,
    /// Title of the results panel.
    pub results: &'static str,
    /// "Show the data" toggle under a chart.
    pub show_data: &'static str,
    /// The works cited by the views, one line each.
    pub source_items: &'static [&'static str],
    /// "Skip to content" link for keyboard users.
    pub skip: &'static str,
    /// Footer link to the "Formulas and sources" page.
    pub formulas: &'static str,
    /// Link under a figure's "why?" note to its entry on that page.
    pub formula_link: &'static str,
}

impl Shell {
    /// The navigation's name for `view`.
    pub fn nav_name(&self, view: View) -> &'static str {
        match view {
            View::Steps => self.nav_steps,
            View::Lr => self.nav_lr,
            View::Sim => self.nav_sim,
            View::Memory => self.nav_memory,
            View::Data => self.nav_data,
            View::Compute => self.nav_compute,
        }
    }
}

pub(super) static EN: Shell = Shell {
    name: "Batch Lab",
    tagline: "The arithmetic of training and fine-tuning language models, computed and explained.",
    nav_label: "Views",
    nav_steps: "Steps",
    nav_lr: "Batch & LR",
    nav_sim: "Simulator",
    nav_memory: "Memory",
    nav_data: "Data",
    nav_compute: "Time & cost",
    lang_label: "Language",
    theme_label: "Theme",
    theme_auto: "Auto",
    theme_light: "Light",
    theme_dark: "Dark",
    notice_bad_params: "Some values in the link are invalid or out of range and were reset to their defaults:",
    dismiss: "Dismiss",
    why: "why?",
    stale: "kept from the last valid input",
    sources: "Sources",
    footer_note: "Every figure comes from a formula whose source is named in its “why?” note. Runs entirely in your browser; nothing is sent anywhere.",
    inputs: "Inputs",
    results: "Results",
    show_data: "Show the data",
    source_items: &[
        "Hugging Face transformers 5.24: trainer.py (step counts), optimization.py (schedules), training_args.py (warmup); accelerate 1.15: data_loader.py (sharding across devices).",
        "McCandlish, Kaplan, Amodei et al. 2018, An Empirical Model of Large-Batch Training (arXiv:1812.06162): noise scale, optimal step, critical batch.",
        "Zhang, Li, Nado et al. 2019, Which Algorithmic Choices Matter at Which Batch Sizes? (arXiv:1907.04164): the noisy quadratic model.",
        "PyTorch torch.optim (SGD, Adam, AdamW); Liu et al. 2023, Sophia (official sophia.py); Chen et al. 2023, Lion (google/automl).",
        "Rajbhandari et al. 2019, ZeRO (arXiv:1910.02054); Korthikanti et al. 2022, activation recomputation (arXiv:2205.05198); Hu et al. 2021, LoRA (arXiv:2106.09685); Dettmers et al. 2023, QLoRA (arXiv:2305.14314); Hugging Face PEFT 0.21; bitsandbytes.",
        "Raffel et al. 2020, T5 (arXiv:1910.10683), and google/seqio, seqio/utils.py (mixing_rate_num_examples); Xue et al. 2021, mT5; Conneau et al. 2020, XLM-R; Muennighoff et al. 2023, data-constrained scaling (arXiv:2305.16264).",
        "Where the lessons come from: a Chinese Q&A on fine-tuning large models (batch size, steps, learning rate, optimizers, memory, data).",
    ],
    skip: "Skip to content",
    formulas: "Formulas and sources",
    formula_link: "Formula and sources →",
};

pub(super) static ZH: Shell = Shell {
    name: "Batch Lab",
    tagline: "大模型训练与微调中的算术：算出来，讲明白。",
    nav_label: "视图",
    nav_steps: "步数",
    nav_lr: "批量与学习率",
    nav_sim: "模拟器",
    nav_memory: "显存",
    nav_data: "数据",
    nav_compute: "时间与成本",
    lang_label: "语言",
    theme_label: "主题",
    theme_auto: "跟随系统",
    theme_light: "浅色",
    theme_dark: "深色",
    notice_bad_params: "链接中有些参数值无效或超出范围，已恢复为默认值：",
    dismiss: "关闭",
    why: "为什么？",
    stale: "沿用上一次有效输入的结果",
    sources: "参考来源",
    footer_note: "每个数字都来自一条公式，出处写在它的“为什么？”说明里。所有计算都在你的浏览器里完成，不会上传任何数据。",
    inputs: "输入",
    results: "结果",
    show_data: "查看数据",
    source_items: &[
        "Hugging Face transformers 5.24：trainer.py（步数计算）、optimization.py（学习率调度）、training_args.py（预热）；accelerate 1.15：data_loader.py（多卡分片）。",
        "McCandlish、Kaplan、Amodei 等，2018，“An Empirical Model of Large-Batch Training”（arXiv:1812.06162）：噪声尺度、最优步长、临界批量。",
        "Zhang、Li、Nado 等，2019，“Which Algorithmic Choices Matter at Which Batch Sizes?”（arXiv:1907.04164）：带噪声的二次模型（NQM）。",
        "PyTorch torch.optim（SGD、Adam、AdamW）；Liu 等，2023，Sophia（官方实现 sophia.py）；Chen 等，2023，Lion（google/automl）。",
        "Rajbhandari 等，2019，ZeRO（arXiv:1910.02054）；Korthikanti 等，2022，激活重计算（arXiv:2205.05198）；Hu 等，2021，LoRA（arXiv:2106.09685）；Dettmers 等，2023，QLoRA（arXiv:2305.14314）；Hugging Face PEFT 0.21；bitsandbytes。",
        "Raffel 等，2020，T5（arXiv:1910.10683），以及 google/seqio 的 seqio/utils.py（mixing_rate_num_examples）；Xue 等，2021，mT5；Conneau 等，2020，XLM-R；Muennighoff 等，2023，数据受限下的扩展规律（arXiv:2305.16264）。",
        "课程内容的出发点：一篇关于大模型微调的中文问答（批量大小、步数、学习率、优化器、显存、数据）。",
    ],
    skip: "跳到正文",
    formulas: "公式与出处",
    formula_link: "公式与出处 →",
};
