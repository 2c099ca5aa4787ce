//! Which noise scale predicts the critical batch on the noisy quadratic, worked out exactly (no
//! sampling): plain SGD on ℓ(θ) = ½ Σ hᵢθᵢ² with per-example gradient noise of covariance H
//! (Zhang et al. 2019, arXiv:1907.04164, the noisy quadratic model; [`super::nqm`]), θ₀ ~ N(0, I).
//!
//! With sᵢ = E[θᵢ²] the expected loss after one SGD step of rate ε at batch B is
//! L − ε Σ hᵢ²sᵢ + ½ε² (Σ hᵢ³sᵢ + Σ hᵢ²/B), i.e. McCandlish et al. 2018 (arXiv:1812.06162) eq. 2.3
//! with |G|² = Σ hᵢ²sᵢ, GᵀHG = Σ hᵢ³sᵢ and tr(HΣ) = Σ hᵢ² (Σ = H). Its minimiser is their eq. 2.6,
//! ε_opt = ε_max/(1 + B_noise/B) with ε_max = |G|²/GᵀHG and B_noise = tr(HΣ)/GᵀHG (eq. 2.8).
//!
//! What the exact recurrences below show (the tests pin the numbers for d = 100, hᵢ = 1/i,
//! target loss 0.02, the Simulator's default NQM sweep):
//!
//! * **B_noise depends on where along the run it is measured.** At θ₀ it is Σh²/Σh³ ≈ 1.4; near
//!   the target the stiff coordinates have converged, GᵀHG is made of the flat ones, and B_noise
//!   is in the thousands
//!   (about 2,700× for the default problem). The Simulator measures it where a reference run
//!   reached the target, so it shows the run's largest value.
//! * **ε_max stays near the stability cap.** |G|²/GᵀHG is ≈ 1.4 at θ₀ and ≈ 2.3–2.6 at the target,
//!   while a *constant* rate cannot pass 2/h_max = 2 (the stiffest coordinate's factor (1 − εh₁)²
//!   exceeds 1 there whatever B is). The steps are curvature-limited: the flat directions need
//!   ~1/(εhᵢ) updates and no batch shortens them, so at large B the best constant rate sits just
//!   below 2/h_max (≈ 1.9 at B = 4096).
//! * **Eq. 2.6 is a one-step (greedy) rate.** Run step after step it is *slower* than the best
//!   constant rate at small B (B = 8: ≈ 5,700 against ≈ 1,750 updates): with B_noise in the
//!   thousands it shrinks the rate to ≈ 2.6·B/4,000 to cancel each step's noise, while a constant
//!   rate can leave a noise floor below the target. Its steps-to-target knee (eq. 2.11 fit ≈ 870)
//!   does match the step-averaged B_noise along a large-batch greedy run (≈ 1,060; McCandlish et
//!   al. 2018, App. D: the critical batch is an average of B_noise over training) — but that is
//!   not the run the sweep makes.
//! * **What predicts the constant-rate knee.** A constant rate ε at batch B settles at the
//!   expected loss ≈ ε·tr Σ/(4B) (the fixed point of the recurrence, sᵢ* = ε/(B(2 − εhᵢ)) for
//!   Σ = H; Zhang et al. 2019, steady-state risk), so reaching a target L needs
//!   ε ≲ 4BL/tr Σ ([`noise_floor_rate`]): the best constant rate grows ∝ B (measured: 0.6–0.8 of
//!   that line) until it meets the cap 2/h_max, at B× = (2/h_max)·tr Σ/(4L)
//!   ([`noise_floor_batch`], ≈ 130 here). Since the steps scale as 1/ε, S ≈ S_min(1 + B×/B):
//!   eq. 2.11 with B_crit ≈ B×. The fit to the exact best-constant-rate steps gives B_crit ≈ 234,
//!   within 2× of B×, whereas B_noise at θ₀ (≈ 1.4) is ≈ 170× too small, B_noise at the target
//!   (≈ 3,700) ≈ 16× too large, and the greedy run's mean ≈ 4.5× too large.

use super::critical_batch::{CriticalBatchFit, fit};

/// The noise statistics of the expected state sᵢ = E[θᵢ²] (mean-zero θ, so E|G|² etc. are exact).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StateNoise {
    /// |G|² = Σ hᵢ²sᵢ.
    pub g2: f64,
    /// GᵀHG = Σ hᵢ³sᵢ.
    pub ghg: f64,
    /// tr Σ = Σ hᵢ (per example, Σ = H).
    pub trace_cov: f64,
    /// tr(HΣ) = Σ hᵢ².
    pub tr_h_sigma: f64,
}

impl StateNoise {
    /// The statistics of curvatures `h` at second moments `s`.
    pub fn of(h: &[f64], s: &[f64]) -> Self {
        let (mut g2, mut ghg, mut tr, mut trh) = (0.0, 0.0, 0.0, 0.0);
        for (&hi, &si) in h.iter().zip(s) {
            g2 += hi * hi * si;
            ghg += hi * hi * hi * si;
            tr += hi;
            trh += hi * hi;
        }
        StateNoise {
            g2,
            ghg,
            trace_cov: tr,
            tr_h_sigma: trh,
        }
    }

    /// B_noise = tr(HΣ)/GᵀHG (McCandlish et al. 2018, eq. 2.8).
    pub fn b_noise(&self) -> f64 {
        self.tr_h_sigma / self.ghg
    }

    /// B_simple = tr Σ/|G|² (McCandlish et al. 2018, eq. 2.9).
    pub fn b_simple(&self) -> f64 {
        self.trace_cov / self.g2
    }

    /// ε_max = |G|²/GᵀHG, the noiseless one-step optimal rate (McCandlish et al. 2018, eq. 2.6).
    pub fn eps_max(&self) -> f64 {
        self.g2 / self.ghg
    }

    /// ε_opt(B) = ε_max/(1 + B_noise/B) (McCandlish et al. 2018, eq. 2.6).
    pub fn eps_opt(&self, batch: f64) -> f64 {
        self.eps_max() / (1.0 + self.b_noise() / batch)
    }
}

/// The stability cap of a constant SGD rate on a quadratic, 2/h_max: above it the stiffest
/// coordinate's factor (1 − εh_max)² exceeds 1 and the expected loss grows whatever B is.
pub fn stability_cap(h: &[f64]) -> f64 {
    let h_max = h.iter().copied().fold(0.0, f64::max);
    2.0 / h_max
}

/// The expected loss after `t` updates of SGD at constant rate `lr` and batch `batch`, from
/// sᵢ(0) = 1, in closed form: sᵢ(t) = sᵢ* + (1 − sᵢ*)(1 − εhᵢ)^{2t} with sᵢ* = ε/(B(2 − εhᵢ)) (the
/// fixed point of [`super::nqm_exact`]'s recurrence sᵢ ← (1 − εhᵢ)²sᵢ + ε²hᵢ/B); `None` if some
/// εhᵢ ∉ (0, 2).
pub fn constant_rate_loss(h: &[f64], lr: f64, batch: f64, t: u64) -> Option<f64> {
    let mut total = 0.0;
    for &hi in h {
        let a = lr * hi;
        if !(a > 0.0 && a < 2.0) {
            return None;
        }
        let star = lr / (batch * (2.0 - a));
        let r = (1.0 - a) * (1.0 - a);
        total += hi * (star + (1.0 - star) * crate::core::math::pow(r, t as f64));
    }
    Some(0.5 * total)
}

/// The first update at which the constant-rate expected loss is ≤ `target`, if within
/// `max_steps` (binary search: the loss is monotone when every sᵢ* ≤ 1, else a scan).
pub fn constant_rate_steps(
    h: &[f64],
    lr: f64,
    batch: f64,
    target: f64,
    max_steps: u64,
) -> Option<u64> {
    let at = |t| constant_rate_loss(h, lr, batch, t);
    if at(max_steps)? > target {
        return None;
    }
    let monotone = h.iter().all(|&hi| lr / (batch * (2.0 - lr * hi)) <= 1.0);
    if !monotone {
        return (0..=max_steps).find(|&t| at(t).is_some_and(|l| l <= target));
    }
    let (mut lo, mut hi) = (0u64, max_steps);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if at(mid)? <= target {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Some(lo)
}

/// The fastest constant rate at one batch size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ConstantBest {
    /// The batch size.
    pub batch: f64,
    /// The rate (from the grid) reaching the target in the fewest steps.
    pub lr: f64,
    /// Those steps.
    pub steps: u64,
}

/// The grid rate reaching `target` in the fewest steps at `batch` (ties: the smaller rate).
pub fn best_constant_rate(
    h: &[f64],
    batch: f64,
    target: f64,
    grid: &[f64],
    max_steps: u64,
) -> Option<ConstantBest> {
    grid.iter()
        .filter_map(|&lr| {
            constant_rate_steps(h, lr, batch, target, max_steps).map(|steps| ConstantBest {
                batch,
                lr,
                steps,
            })
        })
        .min_by_key(|c| c.steps)
}

/// A run of SGD whose every step uses the greedy rate ε_opt(B) of eq. 2.6 for the current state.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GreedyRun {
    /// The batch size.
    pub batch: f64,
    /// Updates until the expected loss is ≤ the target (`None` if not within the cap).
    pub steps: Option<u64>,
    /// The noise statistics at θ₀.
    pub start: StateNoise,
    /// The noise statistics at the last state (at the target, if reached).
    pub end: StateNoise,
    /// The largest rate the run used.
    pub max_lr: f64,
    /// Σ_t B_noise(t) / steps: B_noise averaged over the run's steps.
    pub b_noise_mean: f64,
}

/// Runs the greedy ε_opt schedule at `batch` from sᵢ = 1 until the expected loss is ≤ `target`
/// (at most `max_steps` updates). Each step uses the exact one-step minimiser of the expected
/// loss, so the loss never rises even when ε > 2/h_max.
pub fn greedy_run(h: &[f64], batch: f64, target: f64, max_steps: u64) -> GreedyRun {
    let mut s = vec![1.0; h.len()];
    let start = StateNoise::of(h, &s);
    let mut end = start;
    let (mut max_lr, mut sum_bn) = (0.0f64, 0.0);
    let loss = |s: &[f64]| 0.5 * h.iter().zip(s).map(|(a, b)| a * b).sum::<f64>();
    let mut steps = None;
    for t in 0..max_steps {
        if loss(&s) <= target {
            steps = Some(t);
            break;
        }
        let n = StateNoise::of(h, &s);
        let lr = n.eps_opt(batch);
        max_lr = max_lr.max(lr);
        sum_bn += n.b_noise();
        for (si, &hi) in s.iter_mut().zip(h) {
            let a = lr * hi;
            *si = (1.0 - a) * (1.0 - a) * *si + lr * lr * hi / batch;
        }
        end = StateNoise::of(h, &s);
    }
    if steps.is_none() && loss(&s) <= target {
        steps = Some(max_steps);
    }
    let taken = steps.unwrap_or(max_steps).max(1) as f64;
    GreedyRun {
        batch,
        steps,
        start,
        end,
        max_lr,
        b_noise_mean: sum_bn / taken,
    }
}

/// The reconciled figures of one problem over a list of batch sizes.
#[derive(Debug, Clone, PartialEq)]
pub struct CriticalStory {
    /// 2/h_max.
    pub cap: f64,
    /// The best constant rate per batch size (those that reach the target).
    pub constant: Vec<ConstantBest>,
    /// The greedy ε_opt run per batch size.
    pub greedy: Vec<GreedyRun>,
    /// Eq. 2.11 fitted to the constant-rate steps.
    pub constant_fit: Option<CriticalBatchFit>,
    /// Eq. 2.11 fitted to the greedy steps.
    pub greedy_fit: Option<CriticalBatchFit>,
    /// B_noise at θ₀.
    pub b_noise_start: f64,
    /// B_noise at the target (the largest batch's greedy run's last state).
    pub b_noise_target: f64,
    /// B_noise averaged over the steps of the largest batch's greedy run.
    pub b_noise_mean: f64,
}

/// Works out the story for curvatures `h`, `batches`, `target`, a rate `grid` and a step cap.
pub fn critical_story(
    h: &[f64],
    batches: &[f64],
    target: f64,
    grid: &[f64],
    max_steps: u64,
) -> CriticalStory {
    let constant: Vec<ConstantBest> = batches
        .iter()
        .filter_map(|&b| best_constant_rate(h, b, target, grid, max_steps))
        .collect();
    let greedy: Vec<GreedyRun> = batches
        .iter()
        .map(|&b| greedy_run(h, b, target, max_steps))
        .collect();
    let pts = |v: Vec<(f64, f64)>| fit(&v);
    let constant_fit = pts(constant.iter().map(|c| (c.batch, c.steps as f64)).collect());
    let greedy_fit = pts(greedy
        .iter()
        .filter_map(|g| Some((g.batch, g.steps? as f64)))
        .collect());
    let last = greedy
        .iter()
        .max_by(|a, b| a.batch.total_cmp(&b.batch))
        .copied();
    let b_noise_start = StateNoise::of(h, &vec![1.0; h.len()]).b_noise();
    CriticalStory {
        cap: stability_cap(h),
        constant,
        greedy,
        constant_fit,
        greedy_fit,
        b_noise_start,
        b_noise_target: last.map_or(f64::NAN, |g| g.end.b_noise()),
        b_noise_mean: last.map_or(f64::NAN, |g| g.b_noise_mean),
    }
}

/// The constant SGD rate whose noise floor ε·tr Σ/(4B) equals `target`: 4·B·L/tr Σ (the
/// small-εh limit of the steady-state loss Σ ε σᵢ²/(2B(2 − εhᵢ)) of SGD on a quadratic with
/// per-example noise variances σᵢ²; Zhang et al. 2019, arXiv:1907.04164, steady-state risk, as
/// [`super::nqm_exact::sgd_steady_state_loss`]). `trace_cov` is tr Σ of one example's gradient.
pub fn noise_floor_rate(target: f64, trace_cov: f64, batch: f64) -> f64 {
    4.0 * batch * target / trace_cov
}

/// The batch at which [`noise_floor_rate`] reaches the stability cap `cap` (2/h_max for SGD):
/// cap·tr Σ/(4L). Below it the best constant rate is noise-limited and grows ∝ B, above it the
/// rate is capped and the steps stop falling — the knee of S(B) (McCandlish et al. 2018, eq. 2.11).
pub fn noise_floor_batch(target: f64, trace_cov: f64, cap: f64) -> f64 {
    cap * trace_cov / (4.0 * target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::schedule::Schedule;
    use crate::core::sim::nqm_exact::{ExactRule, expected_loss_curve};
    use std::sync::OnceLock;

    fn harmonic(d: usize) -> Vec<f64> {
        (1..=d).map(|i| 1.0 / i as f64).collect()
    }

    const BATCHES: [f64; 10] = [
        8.0, 16.0, 32.0, 64.0, 128.0, 256.0, 512.0, 1024.0, 2048.0, 4096.0,
    ];
    /// The Simulator's default NQM target ([`crate::core::sim::config::DEFAULT_NQM_TARGET`]).
    const TARGET: f64 = crate::core::sim::config::DEFAULT_NQM_TARGET;

    /// d = 100, hᵢ = 1/i (the default NQM); rates 10⁻³…2 on a grid ×1.049 apart.
    fn story() -> &'static CriticalStory {
        static S: OnceLock<CriticalStory> = OnceLock::new();
        S.get_or_init(|| {
            let grid: Vec<f64> = (0..=160)
                .map(|k| 1e-3 * crate::core::math::pow(2000.0, k as f64 / 160.0))
                .collect();
            critical_story(&harmonic(100), &BATCHES, TARGET, &grid, 100_000)
        })
    }

    fn constant(b: f64) -> ConstantBest {
        *story().constant.iter().find(|c| c.batch == b).unwrap()
    }

    fn greedy(b: f64) -> GreedyRun {
        *story().greedy.iter().find(|g| g.batch == b).unwrap()
    }

    #[test]
    fn closed_form_matches_the_exact_recurrence() {
        let h = harmonic(100);
        let c = expected_loss_curve(&h, ExactRule::SGD, 64, &Schedule::constant(0.7, 300), 300);
        for t in [0u64, 1, 17, 300] {
            let closed = constant_rate_loss(&h, 0.7, 64.0, t).unwrap();
            assert!((closed / c.loss[t as usize] - 1.0).abs() < 1e-10, "t = {t}");
        }
        assert_eq!(constant_rate_loss(&h, 2.01, 64.0, 5), None);
        // The steps found by bisection are the recurrence's first crossing.
        let s = constant_rate_steps(&h, 0.7, 64.0, TARGET, 10_000).unwrap() as usize;
        assert!(c.loss[s] <= TARGET && c.loss[s - 1] > TARGET);
    }

    #[test]
    fn constant_rate_is_capped_near_two_over_h_max() {
        let st = story();
        assert_eq!(st.cap, 2.0);
        // Large B: pinned just below the cap.
        let top = constant(4096.0).lr;
        assert!(top > 0.9 * st.cap && top < st.cap, "{top}");
        // Small B: ∝ B, at 0.6–0.85 of the noise-floor line 4BL/tr Σ (tr Σ = Σ 1/i ≈ 5.19).
        let tr: f64 = harmonic(100).iter().sum();
        for b in [8.0, 16.0, 32.0, 64.0] {
            let ratio = constant(b).lr / noise_floor_rate(TARGET, tr, b);
            assert!((0.6..0.85).contains(&ratio), "B = {b}: {ratio}");
        }
    }

    #[test]
    fn b_noise_grows_thousands_fold_from_start_to_target() {
        let st = story();
        assert!(
            (st.b_noise_start - 1.3602).abs() < 1e-3,
            "{}",
            st.b_noise_start
        );
        let ratio = st.b_noise_target / st.b_noise_start;
        assert!((2000.0..3500.0).contains(&ratio), "{ratio}");
        // ε_max = |G|²/GᵀHG ends just above the cap, so the greedy rate may pass 2/h_max.
        let g = greedy(4096.0);
        assert!((g.end.eps_max() - 2.3).abs() < 0.2 && g.max_lr > st.cap);
        // B_simple at the target is of the same order (the Simulator shows ≈ 4,900).
        assert!((4000.0..6000.0).contains(&g.end.b_simple()));
    }

    #[test]
    fn greedy_eq_2_6_is_slower_than_a_constant_rate_at_small_batch() {
        let (g, c) = (greedy(8.0).steps.unwrap(), constant(8.0).steps);
        assert!(g > 3 * c, "greedy {g} vs constant {c}");
        // At large B the two meet (both curvature-limited).
        let (g, c) = (greedy(4096.0).steps.unwrap(), constant(4096.0).steps);
        assert!(
            (g as f64 / c as f64 - 1.0).abs() < 0.15,
            "greedy {g} vs constant {c}"
        );
    }

    #[test]
    fn which_quantity_predicts_the_knee() {
        let st = story();
        let fit = st.constant_fit.unwrap().b_crit;
        assert!((150.0..300.0).contains(&fit), "{fit}");
        let tr: f64 = harmonic(100).iter().sum();
        let predicted = noise_floor_batch(TARGET, tr, st.cap);
        assert!((predicted - 129.7).abs() < 0.1, "{predicted}");
        // The noise-floor batch is within 2× of the knee; each B_noise misses by far more.
        let off = |x: f64| (x / fit).max(fit / x);
        assert!(off(predicted) < 2.0);
        assert!(off(st.b_noise_start) > 100.0);
        assert!(off(st.b_noise_target) > 10.0);
        assert!(off(st.b_noise_mean) > 3.0);
        // The greedy run's own knee is the step-averaged B_noise (McCandlish et al. 2018, App. D).
        let gfit = st.greedy_fit.unwrap().b_crit;
        assert!((600.0..1200.0).contains(&gfit), "{gfit}");
        assert!(
            (st.b_noise_mean / gfit - 1.0).abs() < 0.3,
            "{} vs {gfit}",
            st.b_noise_mean
        );
    }
}
