//! Where a chart's plot area sits on its canvas and what its axes span, so that a pointer position
//! can be turned back into data coordinates for the hover read-out (the inverse of the mapping
//! plotters applies when drawing: `plotters::coord::ranged1d::Ranged::map`, linear or on log₁₀).

use crate::core::format::fmt_number;

use super::table::{Cell, DataTable};

/// One axis of a plot: the data range it shows and whether it is logarithmic.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// Data value at the left (x) or bottom (y) edge of the plot area.
    pub lo: f64,
    /// Data value at the right (x) or top (y) edge.
    pub hi: f64,
    /// Log₁₀ scale (both ends positive).
    pub log: bool,
}

impl Scale {
    /// A linear axis from `lo` to `hi`.
    pub fn linear(lo: f64, hi: f64) -> Self {
        Scale { lo, hi, log: false }
    }

    /// A logarithmic axis from `lo` to `hi` (both positive).
    pub fn log(lo: f64, hi: f64) -> Self {
        Scale { lo, hi, log: true }
    }

    /// The value a fraction `t` (0 at `lo`, 1 at `hi`) along the axis; `None` if the axis is not
    /// usable (non-finite, empty, or a log axis that does not stay positive).
    pub fn at(self, t: f64) -> Option<f64> {
        if !(self.lo.is_finite() && self.hi.is_finite() && self.hi != self.lo && t.is_finite()) {
            return None;
        }
        let v = if self.log {
            if self.lo <= 0.0 || self.hi <= 0.0 {
                return None;
            }
            let (a, b) = (self.lo.log10(), self.hi.log10());
            10f64.powf(a + t * (b - a))
        } else {
            self.lo + t * (self.hi - self.lo)
        };
        v.is_finite().then_some(v)
    }
}

/// How the bars of a bar chart (bar `i` centred at x = `first + i`) match its data table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bars {
    /// Bar `i` is row `i` of the table.
    Rows {
        /// The x of bar 0's centre.
        first: f64,
    },
    /// Bar `i` is column `i + 1` of the table (column 0 names the rows).
    Columns {
        /// The x of bar 0's centre.
        first: f64,
    },
}

/// A drawn chart's plot area in canvas pixels and its two axes.
#[derive(Debug, Clone, PartialEq)]
pub struct PlotFrame {
    /// Left and right edges of the plot area, in canvas (device) pixels.
    pub x_px: (i32, i32),
    /// Top and bottom edges of the plot area, in canvas (device) pixels.
    pub y_px: (i32, i32),
    /// The horizontal axis.
    pub x: Scale,
    /// The vertical axis.
    pub y: Scale,
    /// The horizontal axis's title (with its unit), as drawn.
    pub x_name: String,
    /// The vertical axis's title, as drawn.
    pub y_name: String,
    /// For a bar chart: how its bars match its table (the read-out then lists the bar under
    /// the pointer).
    pub bars: Option<Bars>,
}

impl PlotFrame {
    /// The frame of a plot area spanning `pixels` (plotters'
    /// `DrawingArea::get_pixel_range` of the chart's plotting area) with axes `x` and `y`
    /// titled `labels`.
    pub fn new(
        pixels: (std::ops::Range<i32>, std::ops::Range<i32>),
        x: Scale,
        y: Scale,
        labels: &super::AxisLabels<'_>,
    ) -> Self {
        PlotFrame {
            x_px: (pixels.0.start, pixels.0.end),
            y_px: (pixels.1.start, pixels.1.end),
            x,
            y,
            x_name: labels.x.to_string(),
            y_name: labels.y.to_string(),
            bars: None,
        }
    }

    /// The same frame for a bar chart whose bars match its table as `bars` says.
    pub fn with_bars(self, bars: Bars) -> Self {
        PlotFrame {
            bars: Some(bars),
            ..self
        }
    }

    /// The data coordinates under canvas pixel (`px`, `py`); `None` outside the plot area.
    pub fn value_at(&self, px: f64, py: f64) -> Option<(f64, f64)> {
        let (l, r) = (f64::from(self.x_px.0), f64::from(self.x_px.1));
        let (t, b) = (f64::from(self.y_px.0), f64::from(self.y_px.1));
        if !(r > l && b > t && (l..=r).contains(&px) && (t..=b).contains(&py)) {
            return None;
        }
        Some((
            self.x.at((px - l) / (r - l))?,
            self.y.at((b - py) / (b - t))?,
        ))
    }
}

/// What the read-out says at a pointer position.
#[derive(Debug, Clone, PartialEq)]
pub struct Readout {
    /// Lines of `(name, value)`: when the chart's table has one numeric x column, that x and
    /// every series at the row nearest the pointer's x; otherwise the pointer's own x and y.
    pub lines: Vec<(String, String)>,
}

/// The read-out at data point (`x`, `y`) of the chart drawn in `frame`, whose plotted numbers
/// are `table`.
///
/// When the table is "wide" (its first column, named as the x axis, holds the x of every row,
/// the others one series each), the read-out is the row nearest `x` (nearest on the axis's own scale: in log₁₀ on a log
/// axis): the plotted values under the pointer. Otherwise it is the pointer's coordinates.
pub fn readout(frame: &PlotFrame, x: f64, y: f64, table: &DataTable) -> Readout {
    if let Some(bars) = frame.bars {
        return Readout {
            lines: bar_lines(bars, x, table),
        };
    }
    let x_log = frame.x.log;
    let mut lines = Vec::new();
    let wide = table.columns.len() > 1
        && table.columns[0].name == frame.x_name
        && !table.rows.is_empty()
        && table
            .rows
            .iter()
            .all(|r| matches!(r.first(), Some(Cell::Num(v)) if v.is_finite()));
    if wide {
        let key = |v: f64| {
            if x_log {
                v.max(f64::MIN_POSITIVE).log10()
            } else {
                v
            }
        };
        let target = key(x);
        let nearest = table
            .rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| match r.first() {
                Some(Cell::Num(v)) => Some((i, (key(*v) - target).abs())),
                _ => None,
            })
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((row, _)) = nearest {
            for col in 0..table.columns.len() {
                if table.rows[row]
                    .get(col)
                    .is_some_and(|c| !matches!(c, Cell::Empty))
                {
                    lines.push((table.columns[col].name.clone(), table.show(row, col)));
                }
            }
        }
    }
    if lines.is_empty() {
        lines = vec![
            (frame.x_name.clone(), fmt_number(x)),
            (frame.y_name.clone(), fmt_number(y)),
        ];
    }
    Readout { lines }
}

/// The table's numbers for the bar under x (empty between bars' reach or past the last).
fn bar_lines(bars: Bars, x: f64, table: &DataTable) -> Vec<(String, String)> {
    let (Bars::Rows { first } | Bars::Columns { first }) = bars;
    let i = (x - first).round();
    if !(0.0..1e6).contains(&i) {
        return Vec::new();
    }
    let i = i as usize;
    let filled = |row: usize, col: usize| {
        table
            .rows
            .get(row)
            .and_then(|r| r.get(col))
            .is_some_and(|c| !matches!(c, Cell::Empty))
    };
    match bars {
        Bars::Rows { .. } => (0..table.columns.len())
            .filter(|&c| filled(i, c))
            .map(|c| (table.columns[c].name.clone(), table.show(i, c)))
            .collect(),
        Bars::Columns { .. } => {
            let col = i + 1;
            let Some(head) = table.columns.get(col) else {
                return Vec::new();
            };
            let mut lines = vec![(head.name.clone(), String::new())];
            lines.extend(
                (0..table.rows.len())
                    .filter(|&r| filled(r, col))
                    .map(|r| (table.show(r, 0), table.show(r, col))),
            );
            lines
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::table::{Column, NumFmt};

    fn frame(x: Scale, y: Scale) -> PlotFrame {
        PlotFrame {
            x_px: (100, 500),
            y_px: (20, 220),
            x,
            y,
            x_name: "B".into(),
            y_name: "S".into(),
            bars: None,
        }
    }

    #[test]
    fn pixels_map_back_to_data_on_both_scales() {
        let f = frame(Scale::linear(0.0, 40.0), Scale::log(1e-3, 1e1));
        let (x, y) = f.value_at(300.0, 120.0).expect("inside");
        assert!((x - 20.0).abs() < 1e-12);
        // Halfway up a log axis from 1e-3 to 1e1 is 1e-1.
        assert!((y - 0.1).abs() < 1e-12);
        let (x, y) = f.value_at(100.0, 220.0).expect("corner");
        assert_eq!(x, 0.0);
        assert!((y - 1e-3).abs() < 1e-15);
        assert_eq!(f.value_at(99.0, 120.0), None);
        assert_eq!(f.value_at(300.0, 221.0), None);
    }

    #[test]
    fn unusable_axes_give_nothing_and_never_panic() {
        for s in [
            Scale::linear(1.0, 1.0),
            Scale::linear(f64::NAN, 1.0),
            Scale::log(-1.0, 10.0),
            Scale::log(0.0, 10.0),
            Scale::linear(0.0, f64::INFINITY),
        ] {
            assert_eq!(
                frame(s, Scale::linear(0.0, 1.0)).value_at(300.0, 120.0),
                None
            );
        }
        let empty = PlotFrame {
            x_px: (5, 5),
            y_px: (0, 10),
            x: Scale::linear(0.0, 1.0),
            y: Scale::linear(0.0, 1.0),
            x_name: String::new(),
            y_name: String::new(),
            bars: None,
        };
        assert_eq!(empty.value_at(5.0, 5.0), None);
        let f = frame(Scale::linear(0.0, 1.0), Scale::linear(0.0, 1.0));
        assert_eq!(f.value_at(f64::NAN, 50.0), None);
    }

    #[test]
    fn wide_tables_add_the_nearest_row() {
        let mut t = DataTable::new(vec![
            Column::new("B", NumFmt::Number),
            Column::new("steps", NumFmt::Number),
            Column::new("examples", NumFmt::Number),
        ]);
        for b in [1.0, 10.0, 100.0] {
            t.push(vec![
                Cell::Num(b),
                Cell::Num(1000.0 / b),
                Cell::Num(b * 2.0),
            ]);
        }
        // 25 is nearer 10 than 100 on a log axis, nearer 10 on a linear one as well.
        let log = frame(Scale::log(1.0, 100.0), Scale::linear(0.0, 10.0));
        let lin = frame(Scale::linear(1.0, 100.0), Scale::linear(0.0, 10.0));
        let r = readout(&log, 25.0, 3.0, &t);
        assert_eq!(
            r.lines,
            vec![
                ("B".into(), t.show(1, 0)),
                ("steps".into(), t.show(1, 1)),
                ("examples".into(), t.show(1, 2)),
            ]
        );
        // 40: nearer 100 in log₁₀ (1.60 vs 1.0 and 2.0), nearer 10 linearly.
        assert_eq!(readout(&log, 40.0, 1.0, &t).lines[0].1, t.show(2, 0));
        assert_eq!(readout(&lin, 40.0, 1.0, &t).lines[0].1, t.show(1, 0));
        // A table whose first column is not the x axis (a path in parameter space, listed by
        // step) gives the pointer's coordinates instead.
        t.columns[0].name = "step".into();
        assert_eq!(
            readout(&log, 25.0, 3.0, &t).lines,
            vec![
                ("B".into(), fmt_number(25.0)),
                ("S".into(), fmt_number(3.0))
            ]
        );
    }

    #[test]
    fn long_tables_give_only_the_pointer() {
        let mut t = DataTable::new(vec![
            Column::new("series", NumFmt::Number),
            Column::new("x", NumFmt::Number),
        ]);
        t.push(vec![Cell::Text("a".into()), Cell::Num(1.0)]);
        let f = frame(Scale::linear(0.0, 2.0), Scale::linear(0.0, 2.0));
        assert_eq!(
            readout(&f, 1.0, 2.0, &t).lines,
            vec![("B".into(), fmt_number(1.0)), ("S".into(), fmt_number(2.0))]
        );
        assert_eq!(readout(&f, 1.0, 2.0, &DataTable::default()).lines.len(), 2);
    }

    #[test]
    fn bars_read_their_row_or_column() {
        let mut t = DataTable::new(vec![
            Column::new("task", NumFmt::Number),
            Column::new("proportional", NumFmt::Number),
            Column::new("T = 2", NumFmt::Number),
        ]);
        t.push(vec![
            Cell::Text("a".into()),
            Cell::Num(0.75),
            Cell::Num(0.6),
        ]);
        t.push(vec![Cell::Text("b".into()), Cell::Num(0.25), Cell::Empty]);
        let f = frame(Scale::linear(0.0, 2.0), Scale::linear(0.0, 1.0));
        // Schemes as bars (columns), bar 0 centred at 0.5.
        let cols = f.clone().with_bars(Bars::Columns { first: 0.5 });
        assert_eq!(
            readout(&cols, 1.7, 0.3, &t).lines,
            vec![("T = 2".into(), String::new()), ("a".into(), t.show(0, 2))]
        );
        assert_eq!(readout(&cols, 0.2, 0.3, &t).lines[0].0, "proportional");
        assert!(readout(&cols, 3.2, 0.3, &t).lines.is_empty());
        // Rows as bars, bar 0 centred at 0.
        let rows = f.with_bars(Bars::Rows { first: 0.0 });
        assert_eq!(
            readout(&rows, 0.8, 0.3, &t).lines,
            vec![
                ("task".into(), "b".into()),
                ("proportional".into(), t.show(1, 1))
            ]
        );
        assert!(readout(&rows, -0.7, 0.3, &t).lines.is_empty());
        assert!(readout(&rows, f64::NAN, 0.3, &t).lines.is_empty());
    }
}
