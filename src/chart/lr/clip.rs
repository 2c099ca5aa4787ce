//! Clipping polylines to a rectangle (Liang–Barsky), so paths that leave the plot — a diverging
//! run, a contour wider than the window — are cut at the frame instead of drawn over the axes.

/// An axis-aligned rectangle [x0, x1] × [y0, y1].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// Horizontal extent (x0 < x1).
    pub x: (f64, f64),
    /// Vertical extent (y0 < y1).
    pub y: (f64, f64),
}

impl Frame {
    /// Whether a point lies inside (edges included).
    pub fn contains(&self, (x, y): (f64, f64)) -> bool {
        x >= self.x.0 && x <= self.x.1 && y >= self.y.0 && y <= self.y.1
    }

    /// The part of the segment a → b inside the frame, if any (Liang–Barsky).
    pub fn clip_segment(&self, a: (f64, f64), b: (f64, f64)) -> Option<((f64, f64), (f64, f64))> {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
        for (p, q) in [
            (-dx, a.0 - self.x.0),
            (dx, self.x.1 - a.0),
            (-dy, a.1 - self.y.0),
            (dy, self.y.1 - a.1),
        ] {
            if !(p.is_finite() && q.is_finite()) {
                return None;
            }
            if p == 0.0 {
                if q < 0.0 {
                    return None;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
            }
        }
        (t0 <= t1).then_some((
            (a.0 + t0 * dx, a.1 + t0 * dy),
            (a.0 + t1 * dx, a.1 + t1 * dy),
        ))
    }

    /// The pieces of a polyline inside the frame, each a polyline of two or more points.
    pub fn clip_polyline(&self, points: &[(f64, f64)]) -> Vec<Vec<(f64, f64)>> {
        let mut pieces: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut current: Vec<(f64, f64)> = Vec::new();
        for w in points.windows(2) {
            match self.clip_segment(w[0], w[1]) {
                Some((p, q)) => {
                    if current.last() != Some(&p) {
                        if current.len() >= 2 {
                            pieces.push(std::mem::take(&mut current));
                        }
                        current = vec![p];
                    }
                    current.push(q);
                }
                None => {
                    if current.len() >= 2 {
                        pieces.push(std::mem::take(&mut current));
                    }
                    current.clear();
                }
            }
        }
        if current.len() >= 2 {
            pieces.push(current);
        }
        pieces
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: Frame = Frame {
        x: (-1.0, 1.0),
        y: (-1.0, 1.0),
    };

    #[test]
    fn segments() {
        assert_eq!(
            F.clip_segment((0.0, 0.0), (2.0, 0.0)),
            Some(((0.0, 0.0), (1.0, 0.0)))
        );
        assert_eq!(F.clip_segment((2.0, 2.0), (3.0, 3.0)), None);
        assert_eq!(
            F.clip_segment((-2.0, 0.0), (2.0, 0.0)),
            Some(((-1.0, 0.0), (1.0, 0.0)))
        );
        assert_eq!(F.clip_segment((f64::NAN, 0.0), (0.0, 0.0)), None);
        assert!(F.contains((1.0, -1.0)) && !F.contains((1.1, 0.0)));
    }

    #[test]
    fn polylines_split_where_they_leave() {
        let pieces = F.clip_polyline(&[(0.0, 0.0), (0.5, 0.0), (3.0, 0.0), (0.5, 0.5), (0.0, 0.5)]);
        assert_eq!(pieces.len(), 2);
        assert_eq!(pieces[0], vec![(0.0, 0.0), (0.5, 0.0), (1.0, 0.0)]);
        assert_eq!(pieces[1].last(), Some(&(0.0, 0.5)));
        assert!(F.clip_polyline(&[(5.0, 5.0), (6.0, 6.0)]).is_empty());
        assert!(F.clip_polyline(&[]).is_empty());
    }
}
