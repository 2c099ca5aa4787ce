//! The loss curve of several seeds of one setting: the mean at each update with the band from the
//! lowest to the highest run, on an x axis of updates, examples or epochs, thinned for drawing.
//!
//! The mean is the arithmetic mean of the losses, the quantity whose expectation the exact NQM
//! recurrence gives ([`super::nqm_exact`]; the mean of sampled runs converges to it, as the test
//! `run::tests::sampled_runs_average_to_the_exact_curve` checks). At each update it averages the runs still going; a run that diverged is
//! reported as a marker at its last stored loss.

use super::run::Trajectory;
use crate::core::error::{ErrorKind, InputError};

/// What the horizontal axis counts (the `x` URL words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XAxis {
    /// Optimizer updates.
    Steps,
    /// Training examples processed (B per update; on a finite set, the last batch of an epoch is partial).
    Examples,
    /// Passes over the training set (finite data sets only).
    Epochs,
}

impl XAxis {
    /// The URL words.
    pub const KEYS: &'static [&'static str] = &["steps", "examples", "epochs"];
    /// The words allowed on an unlimited stream (no epochs).
    pub const STREAM_KEYS: &'static [&'static str] = &["steps", "examples"];

    /// Reads a URL word; `epochs` needs a finite data set (`finite`).
    pub fn parse(text: &str, field: &'static str, finite: bool) -> Result<Self, InputError> {
        match text.trim() {
            "steps" => Ok(XAxis::Steps),
            "examples" => Ok(XAxis::Examples),
            "epochs" if finite => Ok(XAxis::Epochs),
            _ => Err(InputError::new(
                field,
                ErrorKind::NotOneOf(if finite {
                    Self::KEYS
                } else {
                    Self::STREAM_KEYS
                }),
            )),
        }
    }

    /// The position of update `u` of `t` on this axis.
    pub fn at(self, t: &Trajectory, u: u64) -> f64 {
        match self {
            XAxis::Steps => u as f64,
            XAxis::Examples => t.examples_seen(u) as f64,
            XAxis::Epochs => t.epochs(u),
        }
    }
}

/// A run that diverged: where its curve ends.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DivergedMark {
    /// x of its last stored loss.
    pub x: f64,
    /// Its last stored loss.
    pub loss: f64,
    /// The update at which it diverged.
    pub step: u64,
}

/// The mean curve of several seeds with its band.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SeedBand {
    /// Positions on the x axis, increasing.
    pub x: Vec<f64>,
    /// Mean loss of the runs alive at each position.
    pub mean: Vec<f64>,
    /// Lowest loss among them.
    pub lo: Vec<f64>,
    /// Highest loss among them.
    pub hi: Vec<f64>,
    /// One mark per diverged run.
    pub diverged: Vec<DivergedMark>,
}

/// The (update, loss) series a run's curve is drawn from: every update on a stream, the
/// whole-training-set evaluations on a finite data set.
pub fn loss_series(t: &Trajectory) -> Vec<(u64, f64)> {
    if t.train_size.is_some() {
        t.evals.iter().map(|e| (e.step, e.train_loss)).collect()
    } else {
        t.loss
            .iter()
            .enumerate()
            .map(|(u, &l)| (u as u64, l))
            .collect()
    }
}

/// Mean and band of `runs` (same setting, different seeds) at each update present in any run,
/// averaged in buckets so at most `max_points` remain (the first point is kept as is).
pub fn seed_band(runs: &[Trajectory], axis: XAxis, max_points: usize) -> SeedBand {
    band_of(runs, axis, max_points, loss_series)
}

/// [`seed_band`] of another per-run series (the held-out loss, for example).
pub fn band_of(
    runs: &[Trajectory],
    axis: XAxis,
    max_points: usize,
    series_of: fn(&Trajectory) -> Vec<(u64, f64)>,
) -> SeedBand {
    let series: Vec<Vec<(u64, f64)>> = runs.iter().map(series_of).collect();
    let mut band = SeedBand::default();
    let Some(first) = runs.first() else {
        return band;
    };
    // Union of update indices, in order (the runs share B, so their update grids agree).
    let mut steps: Vec<u64> = series.iter().flatten().map(|p| p.0).collect();
    steps.sort_unstable();
    steps.dedup();
    let mut cursors = vec![0usize; series.len()];
    let mut rows: Vec<(u64, f64, f64, f64)> = Vec::with_capacity(steps.len());
    for &u in &steps {
        let (mut sum, mut n, mut lo, mut hi) = (0.0, 0usize, f64::INFINITY, f64::NEG_INFINITY);
        for (s, c) in series.iter().zip(cursors.iter_mut()) {
            while s.get(*c).is_some_and(|p| p.0 < u) {
                *c += 1;
            }
            if let Some(&(step, l)) = s.get(*c)
                && step == u
            {
                sum += l;
                n += 1;
                lo = lo.min(l);
                hi = hi.max(l);
            }
        }
        if n > 0 {
            rows.push((u, sum / n as f64, lo, hi));
        }
    }
    let cap = max_points.max(2);
    let bucket = rows.len().div_ceil(cap).max(1);
    let mut push = |chunk: &[(u64, f64, f64, f64)]| {
        let k = chunk.len().max(1) as f64;
        let mid = chunk.get(chunk.len() / 2).map_or(0, |r| r.0);
        band.x.push(axis.at(first, mid));
        band.mean.push(chunk.iter().map(|r| r.1).sum::<f64>() / k);
        band.lo.push(chunk.iter().map(|r| r.2).sum::<f64>() / k);
        band.hi.push(chunk.iter().map(|r| r.3).sum::<f64>() / k);
    };
    if let Some((head, rest)) = rows.split_first() {
        push(std::slice::from_ref(head));
        for chunk in rest.chunks(bucket) {
            push(chunk);
        }
    }
    for (t, s) in runs.iter().zip(&series) {
        if let (Some(step), Some(&(u, loss))) = (t.diverged_at, s.last()) {
            band.diverged.push(DivergedMark {
                x: axis.at(t, u),
                loss,
                step,
            });
        }
    }
    band
}

/// The mean end-of-run loss ([`Trajectory::final_loss`]) of the runs that did not diverge, and
/// how many diverged; `None` if all did.
pub fn mean_final_loss(runs: &[Trajectory]) -> (Option<f64>, usize) {
    let finals: Vec<f64> = runs.iter().filter_map(Trajectory::final_loss).collect();
    let diverged = runs.len() - finals.len();
    if finals.is_empty() {
        (None, diverged)
    } else {
        (
            Some(finals.iter().sum::<f64>() / finals.len() as f64),
            diverged,
        )
    }
}

/// `points` averaged in buckets down to at most `max_points` (the first point kept as is).
pub fn thin(points: &[(f64, f64)], max_points: usize) -> Vec<(f64, f64)> {
    let Some((head, rest)) = points.split_first() else {
        return Vec::new();
    };
    let bucket = points.len().div_ceil(max_points.max(2)).max(1);
    let mut out = vec![*head];
    for chunk in rest.chunks(bucket) {
        let k = chunk.len() as f64;
        let mid = chunk.get(chunk.len() / 2).map_or(0.0, |p| p.0);
        out.push((mid, chunk.iter().map(|p| p.1).sum::<f64>() / k));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sim::run::Eval;

    fn stream(b: usize, loss: &[f64], diverged_at: Option<u64>) -> Trajectory {
        Trajectory {
            batch_size: b,
            train_size: None,
            loss: loss.to_vec(),
            evals: Vec::new(),
            diverged_at,
            stopped_at_target: None,
        }
    }

    #[test]
    fn mean_band_and_divergence_marks() {
        let a = stream(4, &[2.0, 1.0, 0.5, 0.25], None);
        let b = stream(4, &[2.0, 3.0], Some(2));
        let band = seed_band(&[a.clone(), b], XAxis::Examples, 100);
        assert_eq!(band.x, vec![0.0, 4.0, 8.0, 12.0]);
        assert_eq!(band.mean, vec![2.0, 2.0, 0.5, 0.25]);
        assert_eq!(band.lo, vec![2.0, 1.0, 0.5, 0.25]);
        assert_eq!(band.hi, vec![2.0, 3.0, 0.5, 0.25]);
        assert_eq!(
            band.diverged,
            vec![DivergedMark {
                x: 4.0,
                loss: 3.0,
                step: 2
            }]
        );
        // Thinning keeps the first point and averages the rest in buckets.
        let long = stream(1, &(0..=1000).map(|i| i as f64).collect::<Vec<_>>(), None);
        let t = seed_band(&[long], XAxis::Steps, 100);
        assert!(t.x.len() <= 101 && t.x[0] == 0.0 && t.mean[0] == 0.0);
        for (x, m) in t.x.iter().zip(&t.mean).skip(1) {
            assert!(
                (x - m).abs() <= 0.5 + 1e-9,
                "bucket mean near its middle: {x} {m}"
            );
        }
        assert_eq!(seed_band(&[], XAxis::Steps, 10), SeedBand::default());
        // a: mean of its last tenth (at least one loss) = 0.25; b diverged.
        assert_eq!(
            mean_final_loss(&[a, stream(4, &[2.0], Some(1))]),
            (Some(0.25), 1)
        );
        assert_eq!(mean_final_loss(&[]), (None, 0));
        assert_eq!(thin(&[], 5), vec![]);
        assert_eq!(
            thin(&[(0.0, 1.0), (1.0, 2.0), (2.0, 4.0)], 2),
            vec![(0.0, 1.0), (2.0, 3.0)]
        );
    }

    #[test]
    fn finite_sets_use_evaluations_and_epochs() {
        let t = Trajectory {
            batch_size: 64,
            train_size: Some(1000),
            loss: vec![1.5; 33],
            evals: [(0, 1.4), (16, 1.0), (32, 0.8)]
                .iter()
                .map(|&(step, l)| Eval {
                    step,
                    train_loss: l,
                    heldout_loss: l,
                })
                .collect(),
            diverged_at: None,
            stopped_at_target: None,
        };
        // ⌈1000/64⌉ = 16 updates per epoch.
        let band = seed_band(&[t], XAxis::Epochs, 50);
        assert_eq!(band.x, vec![0.0, 1.0, 2.0]);
        assert_eq!(band.mean, vec![1.4, 1.0, 0.8]);
        assert!(XAxis::parse("epochs", "x", false).is_err());
        assert_eq!(XAxis::parse("epochs", "x", true), Ok(XAxis::Epochs));
        assert_eq!(XAxis::parse("tokens", "x", true).unwrap_err().field, "x");
    }
}
