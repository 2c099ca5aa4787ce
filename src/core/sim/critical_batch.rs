//! The steps–examples trade-off and the critical batch (McCandlish et al. 2018, "An Empirical
//! Model of Large-Batch Training", arXiv:1812.06162, eqs. 2.11–2.12): with a constant batch B, S = S_min(1 + B_crit/B) and E = B·S =
//! E_min(1 + B/B_crit), i.e. (S/S_min − 1)(E/E_min − 1) = 1 and B_crit = E_min/S_min.
//!
//! Since S = S_min + E_min/B is linear in (S_min, E_min), the fit is a least-squares solve in
//! relative error, minimising Σₖ ((S_min + E_min/Bₖ)/Sₖ − 1)², so that runs of 10 and of 10⁴ steps
//! weigh alike.

/// The fitted trade-off curve.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CriticalBatchFit {
    /// S_min, the steps needed with an unlimited batch.
    pub s_min: f64,
    /// E_min, the examples needed with batch → 0.
    pub e_min: f64,
    /// B_crit = E_min / S_min (eq. 2.12).
    pub b_crit: f64,
}

impl CriticalBatchFit {
    /// The fitted steps at batch size `b`: S_min + E_min/b.
    pub fn steps_at(&self, b: f64) -> f64 {
        self.s_min + self.e_min / b
    }
}

/// (S/S_min − 1)(E/E_min − 1), which the model says is 1 (eq. 2.11).
pub fn tradeoff_product(s: f64, e: f64, s_min: f64, e_min: f64) -> f64 {
    (s / s_min - 1.0) * (e / e_min - 1.0)
}

/// Fits (batch size, steps to target) pairs. Needs two or more distinct batch sizes with positive
/// steps; `None` when the points do not determine positive S_min and E_min (for example, when
/// the steps never flatten, so S_min is not seen).
pub fn fit(points: &[(f64, f64)]) -> Option<CriticalBatchFit> {
    let (mut a11, mut a12, mut a22, mut r1, mut r2) = (0.0, 0.0, 0.0, 0.0, 0.0);
    let mut count = 0;
    for &(b, s) in points {
        if !(b > 0.0 && s > 0.0 && b.is_finite() && s.is_finite()) {
            continue;
        }
        let (x1, x2) = (1.0 / s, 1.0 / (b * s));
        a11 += x1 * x1;
        a12 += x1 * x2;
        a22 += x2 * x2;
        r1 += x1;
        r2 += x2;
        count += 1;
    }
    let det = a11 * a22 - a12 * a12;
    if count < 2 || det.is_nan() || det.abs() <= 1e-300 {
        return None;
    }
    let s_min = (r1 * a22 - r2 * a12) / det;
    let e_min = (a11 * r2 - a12 * r1) / det;
    let b_crit = e_min / s_min;
    (s_min > 0.0 && e_min > 0.0 && b_crit.is_finite()).then_some(CriticalBatchFit {
        s_min,
        e_min,
        b_crit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Eqs. 2.11–2.12 worked by hand for B_crit = 1000: S/S_min = 1 + 1000/B and E/E_min =
    /// 1 + B/1000, so B = 100, 1000, 10000 give S/S_min = 11, 2, 1.1 and E/E_min = 1.1, 2, 11,
    /// product 1.
    #[test]
    fn mccandlish_worked_example() {
        let (s_min, b_crit) = (500.0, 1000.0);
        let e_min = s_min * b_crit;
        let pts: Vec<(f64, f64)> = [100.0, 1000.0, 10000.0]
            .iter()
            .map(|&b| (b, s_min * (1.0 + b_crit / b)))
            .collect();
        for (&(b, s), (ws, we)) in pts.iter().zip([(11.0, 1.1), (2.0, 2.0), (1.1, 11.0)]) {
            assert!((s / s_min - ws).abs() < 1e-12);
            assert!((b * s / e_min - we).abs() < 1e-12);
            assert!((tradeoff_product(s, b * s, s_min, e_min) - 1.0).abs() < 1e-12);
        }
        let f = fit(&pts).unwrap();
        assert!((f.s_min / s_min - 1.0).abs() < 1e-9);
        assert!((f.b_crit / b_crit - 1.0).abs() < 1e-9);
        assert!((f.steps_at(1000.0) - 2.0 * s_min).abs() < 1e-6); // 2·S_min at B_crit
    }

    #[test]
    fn degenerate_inputs_give_none() {
        assert_eq!(fit(&[]), None);
        assert_eq!(fit(&[(4.0, 100.0)]), None);
        assert_eq!(fit(&[(4.0, 100.0), (4.0, 100.0)]), None);
        // Pure 1/B scaling with a negative intercept: no flattening seen.
        assert_eq!(fit(&[(1.0, 1000.0), (2.0, 480.0), (4.0, 230.0)]), None);
        assert_eq!(fit(&[(f64::NAN, 1.0), (1.0, f64::INFINITY)]), None);
    }
}
