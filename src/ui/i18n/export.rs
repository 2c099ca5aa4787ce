//! Strings of the chart export toolbar and the charts' data tables (shared by every view).

/// Export buttons and data-table words.
pub struct Export {
    /// Accessible name of the export toolbar.
    pub toolbar: &'static str,
    /// Visible labels of the four buttons: PNG, SVG, CSV, JSON.
    pub buttons: [&'static str; 4],
    /// Tooltips (and accessible descriptions) of the four buttons.
    pub titles: [&'static str; 4],
    /// Note under a shortened data table: `{shown}` of `{total}` rows.
    pub rows_shown: &'static str,
    /// Heading of the column naming a curve or series.
    pub series: &'static str,
    /// Heading of the lowest loss over the seeds.
    pub band_lo: &'static str,
    /// Heading of the highest loss over the seeds.
    pub band_hi: &'static str,
    /// Heading of the update at which a run diverged.
    pub diverged_at: &'static str,
    /// Heading of the bar (moment) column of the memory chart.
    pub bar: &'static str,
    /// Names a theory curve's rows in a table that also holds measured points.
    pub theory: &'static str,
    /// Names the measured points' rows.
    pub measured: &'static str,
    /// Heading of a sum column.
    pub total: &'static str,
}

pub(super) static EN: Export = Export {
    toolbar: "Export this chart",
    buttons: ["PNG", "SVG", "CSV", "JSON"],
    titles: [
        "Download the chart as a PNG picture at twice the screen resolution",
        "Download the chart as an SVG vector drawing (for slides and print)",
        "Download the plotted numbers as CSV (opens in any spreadsheet)",
        "Download the plotted numbers as JSON (for programs)",
    ],
    rows_shown: "{shown} of {total} rows shown; the CSV and JSON files hold every row.",
    series: "series",
    band_lo: "lowest over the seeds",
    band_hi: "highest over the seeds",
    diverged_at: "diverged at update",
    bar: "moment",
    theory: "theory",
    measured: "measured",
    total: "total",
};

pub(super) static ZH: Export = Export {
    toolbar: "导出此图",
    buttons: ["PNG", "SVG", "CSV", "JSON"],
    titles: [
        "下载 PNG 图片（屏幕分辨率的 2 倍）",
        "下载 SVG 矢量图（适合课件和印刷）",
        "下载绘图数据 CSV（可用任何表格软件打开）",
        "下载绘图数据 JSON（供程序读取）",
    ],
    rows_shown: "表中只列出 {total} 行中的 {shown} 行；CSV 和 JSON 文件包含全部数据。",
    series: "曲线",
    band_lo: "各随机种子中的最低值",
    band_hi: "各随机种子中的最高值",
    diverged_at: "发散于第几步",
    bar: "时刻",
    theory: "理论曲线",
    measured: "实测",
    total: "合计",
};
