//! The numbers a chart plots, as a table: shown as an HTML table on demand (the chart's text
//! alternative), and exported as CSV and JSON.
//!
//! CSV follows RFC 4180 (<https://www.rfc-editor.org/rfc/rfc4180>, §2: fields holding a comma, a
//! double quote or a line break are enclosed in double quotes, a double quote inside is doubled,
//! records end with CRLF, the first record is the header). It is UTF-8 with a byte-order mark so
//! that spreadsheet programs read Chinese headers correctly. Numbers are written at full precision
//! (Rust's shortest representation that parses back to the same `f64`), with `.` as the decimal
//! point and no thousands separators; a value that is not finite is an empty field (`null` in
//! JSON, RFC 8259 §6 has no NaN or infinity).

use crate::core::format::{fmt_number, fmt_sci};

/// How a column's numbers are shown in the HTML table (exports always carry the raw value).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumFmt {
    /// A readable number (`fmt_number`).
    Number,
    /// Scientific notation (`fmt_sci`), for learning rates and losses spanning decades.
    Sci,
    /// A fraction shown as a percentage.
    Percent,
}

impl NumFmt {
    /// The value formatted for a reader.
    pub fn show(self, x: f64) -> String {
        if !x.is_finite() {
            return "—".into();
        }
        match self {
            NumFmt::Number => fmt_number(x),
            NumFmt::Sci => {
                if x == 0.0 {
                    "0".into()
                } else {
                    fmt_sci(x)
                }
            }
            NumFmt::Percent => format!("{}%", fmt_number(x * 100.0)),
        }
    }
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// A plotted number, raw.
    Num(f64),
    /// A label (series name, task name).
    Text(String),
    /// Nothing plotted here.
    Empty,
}

impl From<f64> for Cell {
    fn from(x: f64) -> Self {
        Cell::Num(x)
    }
}

impl From<Option<f64>> for Cell {
    fn from(x: Option<f64>) -> Self {
        x.map_or(Cell::Empty, Cell::Num)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}

/// A column: its heading (with the unit, in the reader's language) and how its numbers are shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Heading.
    pub name: String,
    /// Display format in the HTML table.
    pub fmt: NumFmt,
}

impl Column {
    /// A column.
    pub fn new(name: &str, fmt: NumFmt) -> Self {
        Column {
            name: name.to_string(),
            fmt,
        }
    }
}

/// A chart's plotted data.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DataTable {
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows, each as long as `columns`.
    pub rows: Vec<Vec<Cell>>,
}

impl DataTable {
    /// A table with these columns and no rows.
    pub fn new(columns: Vec<Column>) -> Self {
        DataTable {
            columns,
            rows: Vec::new(),
        }
    }

    /// Two numeric columns from (x, y) points.
    pub fn xy(x: Column, y: Column, points: &[(f64, f64)]) -> Self {
        let mut t = DataTable::new(vec![x, y]);
        t.rows = points
            .iter()
            .map(|&(a, b)| vec![Cell::Num(a), Cell::Num(b)])
            .collect();
        t
    }

    /// Appends a row.
    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// Up to `n` evenly spread row indices (the first and the last included), for a readable
    /// HTML table; the exports hold every row.
    pub fn sample(&self, n: usize) -> Vec<usize> {
        let len = self.rows.len();
        if len <= n || n < 2 {
            return (0..len.min(n)).collect();
        }
        let mut idx: Vec<usize> = (0..n).map(|i| i * (len - 1) / (n - 1)).collect();
        idx.dedup();
        idx
    }

    /// The cell formatted for a reader.
    pub fn show(&self, row: usize, col: usize) -> String {
        match self.rows.get(row).and_then(|r| r.get(col)) {
            Some(Cell::Num(x)) => self
                .columns
                .get(col)
                .map_or(NumFmt::Number, |c| c.fmt)
                .show(*x),
            Some(Cell::Text(s)) => s.clone(),
            Some(Cell::Empty) | None => "—".into(),
        }
    }

    /// The table as CSV (RFC 4180, UTF-8 with a byte-order mark, header row, CRLF).
    pub fn to_csv(&self) -> String {
        let mut out = String::from("\u{feff}");
        let mut line = |cells: &mut dyn Iterator<Item = String>| {
            let mut first = true;
            for c in cells {
                if !first {
                    out.push(',');
                }
                first = false;
                csv_field(&mut out, &c);
            }
            out.push_str("\r\n");
        };
        line(&mut self.columns.iter().map(|c| c.name.clone()));
        for r in &self.rows {
            line(&mut r.iter().map(|c| match c {
                Cell::Num(x) => raw_number(*x),
                Cell::Text(s) => s.clone(),
                Cell::Empty => String::new(),
            }));
        }
        out
    }

    /// The table as JSON: `{"title": …, "columns": […], "rows": [[…], …]}`, numbers raw, empty
    /// cells `null`.
    pub fn to_json(&self, title: &str) -> String {
        let mut out = String::from("{\"title\":");
        json_string(&mut out, title);
        out.push_str(",\"columns\":[");
        for (i, c) in self.columns.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            json_string(&mut out, &c.name);
        }
        out.push_str("],\"rows\":[");
        for (i, r) in self.rows.iter().enumerate() {
            out.push_str(if i > 0 { ",\n[" } else { "\n[" });
            for (j, c) in r.iter().enumerate() {
                if j > 0 {
                    out.push(',');
                }
                match c {
                    Cell::Num(x) if x.is_finite() => out.push_str(&raw_number(*x)),
                    Cell::Num(_) | Cell::Empty => out.push_str("null"),
                    Cell::Text(s) => json_string(&mut out, s),
                }
            }
            out.push(']');
        }
        out.push_str("]}\n");
        out
    }
}

/// A number at full precision: the shortest decimal that reads back as the same `f64`, in plain
/// notation between 10⁻⁶ and 10¹⁶ and in exponent notation (`5e-7`) outside; empty if not finite.
pub fn raw_number(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let a = x.abs();
    if a == 0.0 || (1e-6..1e16).contains(&a) {
        format!("{x}")
    } else {
        format!("{x:e}")
    }
}

fn csv_field(out: &mut String, s: &str) {
    if s.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

fn json_string(out: &mut String, s: &str) {
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A file name made safe for every file system: letters, digits, `.`, `_` and `-` kept, runs of
/// anything else become one `-`.
pub fn file_name(stem: &str, ext: &str) -> String {
    let mut out = String::new();
    for ch in stem.chars() {
        if ch.is_ascii_alphanumeric() || matches!(ch, '.' | '_' | '-') {
            out.push(ch);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-');
    format!("{out}.{ext}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> DataTable {
        let mut t = DataTable::new(vec![
            Column::new("series", NumFmt::Number),
            Column::new("lr, \"peak\"", NumFmt::Sci),
            Column::new("学习率", NumFmt::Number),
        ]);
        t.push(vec![
            "SGD, B = 16".into(),
            Cell::Num(5e-5),
            Cell::Num(0.1 + 0.2),
        ]);
        t.push(vec!["a\nb".into(), Cell::Num(1e-300), Cell::Empty]);
        t.push(vec![
            "x".into(),
            Cell::Num(f64::NAN),
            Cell::Num(123_456_789_012.0),
        ]);
        t
    }

    /// A small RFC 4180 reader, to read the writer's output back.
    fn parse_csv(s: &str) -> Vec<Vec<String>> {
        let mut rows = vec![];
        let mut row = vec![];
        let mut field = String::new();
        let mut quoted = false;
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            if quoted {
                if c == '"' {
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        field.push('"');
                    } else {
                        quoted = false;
                    }
                } else {
                    field.push(c);
                }
            } else if c == '"' {
                quoted = true;
            } else if c == ',' {
                row.push(std::mem::take(&mut field));
            } else if c == '\r' {
                assert_eq!(chars.next(), Some('\n'), "records end with CRLF");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            } else {
                field.push(c);
            }
        }
        assert!(
            field.is_empty() && row.is_empty(),
            "last record ends with CRLF"
        );
        rows
    }

    #[test]
    fn csv_quotes_and_keeps_full_precision() {
        let csv = sample().to_csv();
        assert!(csv.starts_with('\u{feff}'));
        let rows = parse_csv(csv.trim_start_matches('\u{feff}'));
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0], ["series", "lr, \"peak\"", "学习率"]);
        assert_eq!(rows[1][0], "SGD, B = 16");
        assert_eq!(rows[1][1].parse::<f64>().unwrap(), 5e-5);
        assert_eq!(rows[1][2].parse::<f64>().unwrap(), 0.1 + 0.2, "not rounded");
        assert_eq!(rows[1][2], "0.30000000000000004");
        assert_eq!(rows[2][0], "a\nb");
        assert_eq!(rows[2][1], "1e-300");
        assert_eq!(rows[2][2], "", "an empty cell is an empty field");
        assert_eq!(rows[3][1], "", "NaN is an empty field");
        assert_eq!(
            rows[3][2], "123456789012",
            "no thousands separators, no exponent"
        );
        assert!(csv.contains("\"lr, \"\"peak\"\"\""));
    }

    #[test]
    fn json_round_trips() {
        let t = sample();
        let json = t.to_json("A \"title\"\twith\u{1}controls");
        let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(v["title"], "A \"title\"\twith\u{1}controls");
        assert_eq!(v["columns"][1], "lr, \"peak\"");
        assert_eq!(v["rows"].as_array().unwrap().len(), 3);
        assert_eq!(v["rows"][0][1].as_f64(), Some(5e-5));
        assert_eq!(v["rows"][0][2].as_f64(), Some(0.1 + 0.2));
        assert_eq!(v["rows"][1][0], "a\nb");
        assert_eq!(v["rows"][1][1].as_f64(), Some(1e-300));
        assert!(v["rows"][1][2].is_null());
        assert!(v["rows"][2][1].is_null(), "NaN is null");
        assert_eq!(v["rows"][2][2].as_f64(), Some(123_456_789_012.0));
    }

    #[test]
    fn raw_numbers_parse_back_exactly() {
        for x in [
            0.0,
            -0.0,
            1.0,
            -2.5,
            1e-6,
            9.99e-7,
            1e16,
            3.3e15,
            6.02e23,
            1e-300,
            5e-324,
            1.0 / 3.0,
        ] {
            let s = raw_number(x);
            assert_eq!(s.parse::<f64>().unwrap(), x, "{s}");
            assert!(!s.contains(',') && !s.contains(' '));
        }
        assert_eq!(raw_number(f64::INFINITY), "");
    }

    #[test]
    fn shows_and_samples() {
        let t = sample();
        assert_eq!(t.show(0, 1), "5e−5");
        assert_eq!(t.show(1, 2), "—");
        assert_eq!(t.show(0, 0), "SGD, B = 16");
        assert_eq!(NumFmt::Percent.show(0.25), "25%");
        let mut big = DataTable::new(vec![Column::new("x", NumFmt::Number)]);
        for i in 0..101 {
            big.push(vec![Cell::Num(f64::from(i))]);
        }
        assert_eq!(big.sample(5), vec![0, 25, 50, 75, 100]);
        assert_eq!(big.sample(500).len(), 101);
        assert_eq!(DataTable::default().sample(5), Vec::<usize>::new());
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(
            file_name("batch-lab_steps_lr-schedule_n10,000_b100", "svg"),
            "batch-lab_steps_lr-schedule_n10-000_b100.svg"
        );
        assert_eq!(file_name("a/b\\c: 学习率 ", "csv"), "a-b-c.csv");
        assert_eq!(file_name("x_1e-4", "png"), "x_1e-4.png");
    }
}
