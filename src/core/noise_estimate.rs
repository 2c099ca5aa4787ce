//! Estimating the simple noise scale B_simple = tr Σ/|G|² of a real run from squared gradient
//! norms measured at two batch sizes: McCandlish et al. 2018, App. A.1, eqs. A.1–A.2.
//!
//! Since E[|G_B|²] = |G|² + tr Σ/B (eq. A.1), two measurements at B_small ≠ B_big give the
//! unbiased estimates (eq. A.2)
//!
//! * |𝒢|² = (B_big·|G_big|² − B_small·|G_small|²)/(B_big − B_small),
//! * 𝒮 = (|G_small|² − |G_big|²)/(1/B_small − 1/B_big),
//!
//! and B_simple ≈ 𝒮/|𝒢|². The ratio is biased, so the paper (and EleutherAI/gpt-neox,
//! `megatron/gradient_noise_scale/gradient_noise_scale.py`) averages 𝒮 and |𝒢|² separately
//! with bias-corrected exponential moving averages (β = 0.99) and divides the averages:
//! [`ema_estimate`] does the same over a pasted list of measured norm pairs.
//!
//! In data parallelism B_small is the per-device batch (the local gradient norm before the
//! all-reduce) and B_big the global batch (the norm after it).

use super::error::{ErrorKind, InputError, Syntax};
use super::units::{check_range, parse_count, parse_number, parse_real};

/// URL key of the small batch size.
pub const FIELD_B_SMALL: &str = "b_small";
/// URL key of |G|² measured at the small batch.
pub const FIELD_GN_SMALL: &str = "gn_small";
/// URL key of the big batch size.
pub const FIELD_B_BIG: &str = "b_big";
/// URL key of |G|² measured at the big batch.
pub const FIELD_GN_BIG: &str = "gn_big";
/// Key of the pasted list of (|G_small|², |G_big|²) pairs.
pub const FIELD_GN_PAIRS: &str = "gn_pairs";
/// Key of the EMA coefficient β.
pub const FIELD_EMA_BETA: &str = "ema_beta";

/// The EMA coefficient gpt-neox uses (`GradientNoiseScale(beta=0.99)`).
pub const DEFAULT_EMA_BETA: f64 = 0.99;
/// Largest batch size accepted (10¹⁵; batches may be counted in tokens).
pub const MAX_BATCH: u64 = 1_000_000_000_000_000;
/// Largest squared norm accepted (far above fp32's range, so any real measurement fits).
pub const MAX_NORM_SQ: f64 = 1e100;
/// Most pairs [`ema_estimate`] reads (a long run logged every step).
pub const MAX_PAIRS: usize = 1_000_000;

/// Reads a batch size (`b_small` or `b_big`): a whole number in [1, 10¹⁵].
pub fn parse_batch(text: &str, field: &'static str) -> Result<f64, InputError> {
    Ok(parse_count(text, field, 1, MAX_BATCH)? as f64)
}

/// Reads a squared gradient norm (`gn_small` or `gn_big`): a real number in [0, 10¹⁰⁰].
pub fn parse_norm_sq(text: &str, field: &'static str) -> Result<f64, InputError> {
    parse_real(text, field, 0.0, MAX_NORM_SQ)
}

/// Reads the EMA coefficient `ema_beta`: 0 ≤ β < 1.
pub fn parse_ema_beta(text: &str) -> Result<f64, InputError> {
    check_ema_beta(parse_number(text, FIELD_EMA_BETA)?)
}

fn check_ema_beta(beta: f64) -> Result<f64, InputError> {
    let beta = check_range(beta, FIELD_EMA_BETA, 0.0, 1.0)?;
    if beta >= 1.0 {
        return Err(InputError::new(FIELD_EMA_BETA, ErrorKind::NotBelow(1.0)));
    }
    Ok(beta)
}

/// Checks two batch sizes: each whole in [1, 10¹⁵], and `b_small < b_big`.
/// Equal sizes: field `b_big`, `MustDiffer("b_small")`. Swapped: field `b_small`,
/// `NotBelow(b_big)` (the small batch must be below the big one).
pub fn check_batches(b_small: f64, b_big: f64) -> Result<(f64, f64), InputError> {
    for (b, field) in [(b_small, FIELD_B_SMALL), (b_big, FIELD_B_BIG)] {
        let b = check_range(b, field, 1.0, MAX_BATCH as f64)?;
        if b.fract() != 0.0 {
            return Err(InputError::new(field, ErrorKind::NotWhole));
        }
    }
    if b_small == b_big {
        return Err(InputError::new(
            FIELD_B_BIG,
            ErrorKind::MustDiffer(FIELD_B_SMALL),
        ));
    }
    if b_small > b_big {
        return Err(InputError::new(FIELD_B_SMALL, ErrorKind::NotBelow(b_big)));
    }
    Ok((b_small, b_big))
}

fn check_norm_sq(x: f64, field: &'static str) -> Result<f64, InputError> {
    check_range(x, field, 0.0, MAX_NORM_SQ)
}

/// The unbiased estimate of the true squared gradient norm,
/// |𝒢|² = (B_big·|G_big|² − B_small·|G_small|²)/(B_big − B_small)
/// (McCandlish et al. 2018, eq. A.2). Returns 0 when B_big = B_small.
pub fn unbiased_grad_sq(b_small: f64, gn_small: f64, b_big: f64, gn_big: f64) -> f64 {
    let d = b_big - b_small;
    if d == 0.0 || !d.is_finite() {
        return 0.0;
    }
    let v = (b_big * gn_big - b_small * gn_small) / d;
    if v.is_finite() { v } else { 0.0 }
}

/// The unbiased estimate of the gradient-noise trace,
/// 𝒮 = (|G_small|² − |G_big|²)/(1/B_small − 1/B_big)
/// (McCandlish et al. 2018, eq. A.2). Returns 0 when B_big = B_small.
pub fn unbiased_trace_sigma(b_small: f64, gn_small: f64, b_big: f64, gn_big: f64) -> f64 {
    // 1/B_small − 1/B_big written as (B_big − B_small)/(B_small·B_big) to avoid cancellation.
    let d = (b_big - b_small) / (b_small * b_big);
    if d == 0.0 || !d.is_finite() {
        return 0.0;
    }
    let v = (gn_small - gn_big) / d;
    if v.is_finite() { v } else { 0.0 }
}

/// The two estimates before any sign check; either may be ≤ 0 when the norms are noisy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RawEstimate {
    /// |𝒢|² (eq. A.2), figure `g2`.
    pub grad_sq: f64,
    /// 𝒮, the estimate of tr Σ (eq. A.2), figure `trace-sigma`.
    pub trace_sigma: f64,
}

/// A usable estimate: both parts positive, and their ratio.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NoiseEstimate {
    /// |𝒢|² > 0, figure `g2`.
    pub grad_sq: f64,
    /// 𝒮 > 0, figure `trace-sigma`.
    pub trace_sigma: f64,
    /// B_simple ≈ 𝒮/|𝒢|² (eq. 2.9 via A.2), figure `b-simple`.
    pub b_simple: f64,
}

impl RawEstimate {
    /// Divides, if the estimates allow it. 𝒮 ≤ 0 (the small-batch norm is not above the big one):
    /// field `gn_small`, `NoisyEstimate`. |𝒢|² ≤ 0 (the big-batch norm is too small for the
    /// small one): field `gn_big`, `NoisyEstimate`. The cure for both is to average the norms
    /// over more steps before dividing (McCandlish et al. 2018, App. A.1: the ratio of the two
    /// estimates is biased, so the paper averages each one before taking it).
    pub fn checked(self) -> Result<NoiseEstimate, InputError> {
        if self.trace_sigma.is_nan() || self.trace_sigma <= 0.0 {
            return Err(InputError::new(FIELD_GN_SMALL, ErrorKind::NoisyEstimate));
        }
        if self.grad_sq.is_nan() || self.grad_sq <= 0.0 {
            return Err(InputError::new(FIELD_GN_BIG, ErrorKind::NoisyEstimate));
        }
        let b_simple = self.trace_sigma / self.grad_sq;
        if !b_simple.is_finite() {
            // |𝒢|² is a rounding error away from zero: no meaningful ratio.
            return Err(InputError::new(FIELD_GN_BIG, ErrorKind::NoisyEstimate));
        }
        Ok(NoiseEstimate {
            grad_sq: self.grad_sq,
            trace_sigma: self.trace_sigma,
            b_simple,
        })
    }
}

/// One measurement at two batch sizes, validated (sizes whole, 1 ≤ B_small < B_big ≤ 10¹⁵;
/// squared norms in [0, 10¹⁰⁰]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TwoBatch {
    /// B_small.
    pub b_small: f64,
    /// |G_small|², measured at B_small.
    pub gn_small: f64,
    /// B_big.
    pub b_big: f64,
    /// |G_big|², measured at B_big.
    pub gn_big: f64,
}

impl TwoBatch {
    /// Validates typed numbers (errors name `b_small`, `gn_small`, `b_big`, `gn_big`).
    pub fn new(b_small: f64, gn_small: f64, b_big: f64, gn_big: f64) -> Result<Self, InputError> {
        let gn_small = check_norm_sq(gn_small, FIELD_GN_SMALL)?;
        let gn_big = check_norm_sq(gn_big, FIELD_GN_BIG)?;
        let (b_small, b_big) = check_batches(b_small, b_big)?;
        Ok(Self {
            b_small,
            gn_small,
            b_big,
            gn_big,
        })
    }

    /// Reads the four fields from text.
    pub fn parse(
        b_small: &str,
        gn_small: &str,
        b_big: &str,
        gn_big: &str,
    ) -> Result<Self, InputError> {
        let bs = parse_batch(b_small, FIELD_B_SMALL)?;
        let gs = parse_norm_sq(gn_small, FIELD_GN_SMALL)?;
        let bb = parse_batch(b_big, FIELD_B_BIG)?;
        let gb = parse_norm_sq(gn_big, FIELD_GN_BIG)?;
        Self::new(bs, gs, bb, gb)
    }

    /// Both estimates of eq. A.2, signs unchecked (to show the user what came out).
    pub fn raw(&self) -> RawEstimate {
        RawEstimate {
            grad_sq: unbiased_grad_sq(self.b_small, self.gn_small, self.b_big, self.gn_big),
            trace_sigma: unbiased_trace_sigma(self.b_small, self.gn_small, self.b_big, self.gn_big),
        }
    }

    /// The figures `g2`, `trace-sigma`, `b-simple`, or a `NoisyEstimate` error
    /// (see [`RawEstimate::checked`]).
    pub fn estimate(&self) -> Result<NoiseEstimate, InputError> {
        self.raw().checked()
    }
}

/// One line of a pasted list of norms: its 0-based line number and what it held.
#[derive(Debug, Clone, PartialEq)]
pub struct NormRow {
    /// 0-based index of the row in the pasted text (rows split at newlines and `;`).
    pub row: usize,
    /// (|G_small|², |G_big|²), or what is wrong with this row (field `gn_pairs`).
    pub pair: Result<(f64, f64), InputError>,
}

/// Reads a pasted list of (|G_small|², |G_big|²) pairs, one per row. Rows are separated by
/// newlines or `;`, the two numbers by spaces, tabs or a comma (so thousands separators are not
/// accepted here; `1e3`, `10k` are). Blank rows are skipped; each other row gets its own result,
/// so one bad row does not hide the rest.
pub fn parse_norm_pairs(text: &str) -> Vec<NormRow> {
    text.split(['\n', ';'])
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .take(MAX_PAIRS)
        .map(|(row, line)| NormRow {
            row,
            pair: parse_pair(line),
        })
        .collect()
}

fn parse_pair(line: &str) -> Result<(f64, f64), InputError> {
    let parts: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [a, b] => Ok((
            parse_norm_sq(a, FIELD_GN_PAIRS)?,
            parse_norm_sq(b, FIELD_GN_PAIRS)?,
        )),
        _ => Err(InputError::new(
            FIELD_GN_PAIRS,
            ErrorKind::Malformed(Syntax::Count {
                found: parts.len(),
                expected: 2,
            }),
        )),
    }
}

/// The running estimate after one more pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EmaPoint {
    /// Bias-corrected EMA of |𝒢|².
    pub grad_sq: f64,
    /// Bias-corrected EMA of 𝒮.
    pub trace_sigma: f64,
    /// EMA(𝒮)/EMA(|𝒢|²) when both are positive.
    pub b_simple: Option<f64>,
}

/// The result of averaging a list of pairs.
#[derive(Debug, Clone, PartialEq)]
pub struct EmaEstimate {
    /// The running estimate after each pair, for a chart.
    pub points: Vec<EmaPoint>,
    /// The final estimate, or a `NoisyEstimate` error if an average is still ≤ 0.
    pub last: Result<NoiseEstimate, InputError>,
}

/// Averages eq. A.2's two estimates over a series of measured (|G_small|², |G_big|²) pairs
/// as EleutherAI/gpt-neox `megatron/gradient_noise_scale/gradient_noise_scale.py` does: an EMA
/// avg ← β·avg + (1 − β)·y of each estimate, bias-corrected by 1/(1 − β^(i+1)), and
/// B_simple = EMA(𝒮)/EMA(|𝒢|²) (McCandlish et al. 2018, App. A.1). Here i counts pairs; gpt-neox's exponent
/// counts every small-batch step, which changes each average's correction but not the ratio.
/// Errors: batch sizes as [`check_batches`]; an empty list (`gn_pairs`, `EmptyList`); a negative,
/// non-finite or huge norm (`gn_pairs`); β outside [0, 1) (`ema_beta`).
pub fn ema_estimate(
    b_small: f64,
    b_big: f64,
    pairs: &[(f64, f64)],
    beta: f64,
) -> Result<EmaEstimate, InputError> {
    let (b_small, b_big) = check_batches(b_small, b_big)?;
    let beta = check_ema_beta(beta)?;
    if pairs.is_empty() {
        return Err(InputError::new(FIELD_GN_PAIRS, ErrorKind::EmptyList));
    }
    let pairs = &pairs[..pairs.len().min(MAX_PAIRS)];
    let (mut avg_g, mut avg_s) = (0.0, 0.0);
    let mut beta_pow = 1.0;
    let mut points = Vec::with_capacity(pairs.len());
    let mut last = RawEstimate {
        grad_sq: 0.0,
        trace_sigma: 0.0,
    };
    for &(gs, gb) in pairs {
        let gs = check_norm_sq(gs, FIELD_GN_PAIRS)?;
        let gb = check_norm_sq(gb, FIELD_GN_PAIRS)?;
        avg_g = beta * avg_g + (1.0 - beta) * unbiased_grad_sq(b_small, gs, b_big, gb);
        avg_s = beta * avg_s + (1.0 - beta) * unbiased_trace_sigma(b_small, gs, b_big, gb);
        // β^(i+1) by repeated multiplication: exact enough and identical on every target.
        beta_pow *= beta;
        let correction = 1.0 - beta_pow;
        last = RawEstimate {
            grad_sq: avg_g / correction,
            trace_sigma: avg_s / correction,
        };
        points.push(EmaPoint {
            grad_sq: last.grad_sq,
            trace_sigma: last.trace_sigma,
            b_simple: last.checked().ok().map(|e| e.b_simple),
        });
    }
    Ok(EmaEstimate {
        points,
        last: last.checked(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // McCandlish et al. 2018, eq. A.1 with |G|² = 4, tr Σ = 100, B_small = 32, B_big = 512:
    // expected squared norms 7.125 and 4.1953125 (`python tests/reference/noise_scale.py`, which
    // also recovers B_simple ≈ 25 from simulated gradients).
    const EXAMPLE: (f64, f64, f64, f64) = (32.0, 7.125, 512.0, 4.1953125);

    #[test]
    fn mccandlish_two_batch_example() {
        let (bs, gs, bb, gb) = EXAMPLE;
        let e = TwoBatch::new(bs, gs, bb, gb).unwrap().estimate().unwrap();
        // Eq. A.2: |𝒢|² = 4, 𝒮 = 100, B_simple = 25 (exact in binary).
        assert_eq!(e.grad_sq, 4.0);
        assert_eq!(e.trace_sigma, 100.0);
        assert_eq!(e.b_simple, 25.0);
        let t = TwoBatch::parse("32", "7.125", "512", "4.1953125").unwrap();
        assert_eq!(t.estimate(), Ok(e));
    }

    #[test]
    fn eq_a1_round_trip() {
        // Build norms from eq. A.1, E|G_B|² = |G|² + tr Σ/B, and recover the inputs.
        for (g2, tr, bs, bb) in [
            (0.3, 12.0, 8.0, 64.0),
            (1e-4, 5e3, 1.0, 2.0),
            (9.0, 0.5, 100.0, 1e5),
        ] {
            let e = TwoBatch::new(bs, g2 + tr / bs, bb, g2 + tr / bb)
                .unwrap()
                .estimate()
                .unwrap();
            // |𝒢|² is a difference of B·|G_B|² terms, so its rounding error scales with them.
            let scale = bb * (g2 + tr / bb);
            assert!((e.grad_sq - g2).abs() <= 1e-14 * scale, "{g2}");
            assert!((e.trace_sigma - tr).abs() <= 1e-9 * tr, "{tr}");
        }
    }

    #[test]
    fn bad_inputs_name_the_field() {
        let err = |r: Result<TwoBatch, InputError>| r.unwrap_err();
        let e = err(TwoBatch::new(64.0, 2.0, 64.0, 1.0));
        assert_eq!(
            (e.field, e.kind),
            ("b_big", ErrorKind::MustDiffer("b_small"))
        );
        let e = err(TwoBatch::new(512.0, 2.0, 32.0, 1.0));
        assert_eq!((e.field, e.kind), ("b_small", ErrorKind::NotBelow(32.0)));
        let e = err(TwoBatch::new(32.0, -1.0, 512.0, 1.0));
        assert_eq!((e.field, e.kind), ("gn_small", ErrorKind::BelowMin(0.0)));
        assert_eq!(
            err(TwoBatch::new(1.5, 1.0, 8.0, 1.0)).kind,
            ErrorKind::NotWhole
        );
        assert_eq!(err(TwoBatch::parse("0", "1", "8", "1")).field, "b_small");
        // The big-batch norm above the small one: 𝒮 < 0.
        let e = TwoBatch::new(32.0, 4.0, 512.0, 5.0)
            .unwrap()
            .estimate()
            .unwrap_err();
        assert_eq!((e.field, e.kind), ("gn_small", ErrorKind::NoisyEstimate));
        // The big-batch norm far below the small one: |𝒢|² < 0 (512·0.1 < 32·7.125).
        let t = TwoBatch::new(32.0, 7.125, 512.0, 0.1).unwrap();
        assert!(t.raw().grad_sq < 0.0);
        let e = t.estimate().unwrap_err();
        assert_eq!((e.field, e.kind), ("gn_big", ErrorKind::NoisyEstimate));
        // Equal norms: 𝒮 = 0 exactly, still not a number to divide.
        assert!(
            TwoBatch::new(8.0, 3.0, 16.0, 3.0)
                .unwrap()
                .estimate()
                .is_err()
        );
    }

    #[test]
    fn ema_matches_hand_computation() {
        let (bs, gs, bb, gb) = EXAMPLE;
        // Constant measurements: the bias-corrected EMA is the measurement itself.
        let r = ema_estimate(bs, bb, &[(gs, gb); 50], DEFAULT_EMA_BETA).unwrap();
        let last = r.last.unwrap();
        assert!((last.b_simple - 25.0).abs() < 1e-12);
        assert!((r.points[0].grad_sq - 4.0).abs() < 1e-12);
        // Two different pairs, β = 0.5: corrected EMA after two = (0.25·y1 + 0.5·y2)/0.75.
        let p1 = (8.0, 5.0);
        let p2 = (7.0, 4.0);
        let g = |p: (f64, f64)| unbiased_grad_sq(bs, p.0, bb, p.1);
        let s = |p: (f64, f64)| unbiased_trace_sigma(bs, p.0, bb, p.1);
        let r = ema_estimate(bs, bb, &[p1, p2], 0.5).unwrap();
        let want_g = (0.25 * g(p1) + 0.5 * g(p2)) / 0.75;
        let want_s = (0.25 * s(p1) + 0.5 * s(p2)) / 0.75;
        let got = r.last.unwrap();
        assert!((got.grad_sq - want_g).abs() < 1e-12 * want_g.abs());
        assert!((got.b_simple - want_s / want_g).abs() < 1e-12 * (want_s / want_g));
        // A single noisy pair (𝒮 < 0) is averaged away by good ones.
        let mut pairs = vec![(4.0, 5.0)];
        pairs.extend([(gs, gb); 20]);
        let r = ema_estimate(bs, bb, &pairs, 0.9).unwrap();
        assert_eq!(r.points[0].b_simple, None);
        assert!(r.last.is_ok());
        // β = 0: no averaging, the last pair alone.
        let r = ema_estimate(bs, bb, &[(4.0, 5.0), (gs, gb)], 0.0).unwrap();
        assert_eq!(r.last.unwrap().b_simple, 25.0);
    }

    #[test]
    fn pasted_pairs_keep_good_rows() {
        let rows = parse_norm_pairs("7.125 4.1953125\n\n7.1,4.2; 3 x\n1 2 3\n-1 2\n");
        assert_eq!(rows.len(), 5);
        assert_eq!(rows[0].pair, Ok((7.125, 4.1953125)));
        assert_eq!((rows[1].row, rows[1].pair.clone()), (2, Ok((7.1, 4.2))));
        assert_eq!(
            rows[2].pair.clone().unwrap_err().kind,
            ErrorKind::NotANumber
        );
        assert!(matches!(
            rows[3].pair.clone().unwrap_err().kind,
            ErrorKind::Malformed(_)
        ));
        assert_eq!(
            rows[4].pair.clone().unwrap_err().kind,
            ErrorKind::BelowMin(0.0)
        );
        assert_eq!(
            parse_ema_beta("1").unwrap_err().kind,
            ErrorKind::NotBelow(1.0)
        );
        assert_eq!(
            ema_estimate(1.0, 2.0, &[], 0.9).unwrap_err().kind,
            ErrorKind::EmptyList
        );
    }

    #[test]
    fn no_panic_and_nothing_infinite() {
        let weird = [
            0.0,
            -1.0,
            1.0,
            1e-320,
            3.0,
            1e15,
            1e100,
            1e308,
            f64::NAN,
            f64::INFINITY,
        ];
        for &a in &weird {
            for &b in &weird {
                for &c in &weird {
                    assert!(unbiased_grad_sq(a, b, c, a).is_finite());
                    assert!(unbiased_trace_sigma(a, b, c, b).is_finite());
                    if let Ok(e) = TwoBatch::new(a, b, c, 1.0).and_then(|t| t.estimate()) {
                        assert!(e.b_simple.is_finite() && e.b_simple > 0.0);
                    }
                    if let Ok(r) = ema_estimate(a, c, &[(b, 1.0), (1.0, b)], 0.99) {
                        for p in r.points {
                            assert!(p.grad_sq.is_finite() && p.trace_sigma.is_finite());
                        }
                    }
                }
            }
        }
        for text in ["", ";;", "\n", "1", "a b", "1e999 1", "1,000 2", "万 1"] {
            let _ = parse_norm_pairs(text);
        }
    }
}
