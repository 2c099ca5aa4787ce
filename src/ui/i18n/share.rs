//! Strings of the Share panel and of the embedded page's link to the full app.

/// The Share panel (one per view) and the `open-full` link of an embed.
pub struct Share {
    /// The button that opens the panel.
    pub share: &'static str,
    /// Label of the link field.
    pub link: &'static str,
    /// Label of the `<iframe>` snippet.
    pub iframe: &'static str,
    /// Hint under the snippet: what the size means.
    pub iframe_hint: &'static str,
    /// Copy button.
    pub copy: &'static str,
    /// Status after a successful copy.
    pub copied: &'static str,
    /// Status when the clipboard cannot be used: the text is selected instead.
    pub copy_manual: &'static str,
    /// Heading of the hide checkboxes.
    pub hide_title: &'static str,
    /// One label per `hide=` word, in `state::HIDE_FLAGS` order.
    pub hide_names: [&'static str; 14],
    /// Toggle of the live preview.
    pub preview: &'static str,
    /// Text of the embed's link to the full app.
    pub open_full: &'static str,
    /// Its accessible name (says that it opens a new tab).
    pub open_full_label: &'static str,
    /// The iframe's `title`: "Batch Lab: " followed by the view's name.
    pub frame_title: &'static str,
}

pub(super) static EN: Share = Share {
    share: "Share",
    link: "Link to this page, with every input",
    iframe: "Embed in a course page",
    iframe_hint: "The frame is as wide as its column (up to 800 px) and tall enough for the view at 800 px; the page scrolls inside it when narrower.",
    copy: "Copy",
    copied: "Copied.",
    copy_manual: "The clipboard is not available here: the text is selected, press Ctrl+C (⌘C) to copy it.",
    hide_title: "Leave out of the embed",
    hide_names: [
        "inputs",
        "explanations",
        "tabs to the other views",
        "figure cards",
        "§1 maximum step",
        "§2 critical batch",
        "§3 noise-scale estimator",
        "§4 LR scaling",
        "results table",
        "LR sweep and steps to target",
        "parts table",
        "GPU list",
        "measured peaks",
        "experiments",
    ],
    preview: "Preview the embed",
    open_full: "Open in Batch Lab ↗",
    open_full_label: "Open this page in the full Batch Lab (new tab)",
    frame_title: "Batch Lab: ",
};

pub(super) static ZH: Share = Share {
    share: "分享",
    link: "本页链接（含全部输入）",
    iframe: "嵌入课程网页",
    iframe_hint: "框架宽度随所在栏而定（最宽 800 px），高度按 800 px 宽时的视图设定；更窄时框架内可滚动。",
    copy: "复制",
    copied: "已复制。",
    copy_manual: "此处无法使用剪贴板：文字已选中，请按 Ctrl+C（⌘C）复制。",
    hide_title: "嵌入时不显示",
    hide_names: [
        "输入项",
        "说明文字",
        "其他视图的标签",
        "数字卡片",
        "§1 最大步长",
        "§2 临界批量",
        "§3 噪声尺度估计",
        "§4 学习率缩放",
        "结果表",
        "学习率扫描与达标步数",
        "显存构成表",
        "GPU 列表",
        "实测峰值",
        "实验",
    ],
    preview: "预览嵌入效果",
    open_full: "在 Batch Lab 中打开 ↗",
    open_full_label: "在完整的 Batch Lab 中打开本页（新标签页）",
    frame_title: "Batch Lab：",
};
