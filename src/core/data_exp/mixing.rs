//! The multi-task experiment: the task table's counts scaled down to a simulation size, one
//! synthetic task per row, minibatches drawn with the Data view's own mixing rates
//! ([`Mixing::rates`]), and per-task held-out loss. The comparison runs four schemes on the same
//! tasks and seed.

use super::trainer::{BATCH, Trainer};
use super::world::{PHRASINGS, TaskGen};
use crate::core::mix::{MixKind, Mixing};
use crate::core::sim::rng::SimRng;

/// At most this many training examples over all tasks after scaling.
pub const MAX_SIM_EXAMPLES: f64 = 6_000.0;
/// At most this many draws (examples seen in training) after scaling.
pub const MAX_SIM_DRAWS: f64 = 8_000.0;
/// Each task keeps at least this many examples after scaling.
pub const MIN_SIM_EXAMPLES: usize = 5;
/// Most tasks simulated (the model grows with the number of tasks).
pub const MAX_SIM_TASKS: usize = 8;
/// Fresh held-out examples per task.
pub const HELDOUT: usize = 500;
/// The default seed.
pub const SEED: u64 = 1;
/// The temperature the comparison uses when the view's T is 1 (when `k` is empty, its cap is the
/// median scaled task count; see [`scheme_mixing`]).
pub const CMP_T: f64 = 2.0;

/// The simulation's sizes.
#[derive(Debug, Clone, PartialEq)]
pub struct SimSize {
    /// The factor s applied to the counts and the draws (≤ 1).
    pub scale: f64,
    /// Training examples per task, max(⌊s·n_i⌉, [`MIN_SIM_EXAMPLES`]).
    pub examples: Vec<usize>,
    /// Draws in all, ⌊s·draws⌉.
    pub draws: usize,
    /// Minibatch steps = draws / [`BATCH`].
    pub steps: usize,
}

/// Scales counts and draws by one factor s = min(1, [`MAX_SIM_EXAMPLES`]/Σn,
/// [`MAX_SIM_DRAWS`]/draws), so epochs per task (draws × rate / n) are unchanged except where a
/// task is lifted to the minimum size. `None` without tasks, with more than [`MAX_SIM_TASKS`], or
/// with counts or draws not positive and finite.
pub fn sim_size(counts: &[f64], draws: f64) -> Option<SimSize> {
    let total: f64 = counts.iter().sum();
    if counts.is_empty()
        || counts.len() > MAX_SIM_TASKS
        || counts.iter().any(|n| !(n.is_finite() && *n > 0.0))
        || !(draws.is_finite() && draws > 0.0 && total.is_finite())
    {
        return None;
    }
    let scale = 1.0_f64
        .min(MAX_SIM_EXAMPLES / total)
        .min(MAX_SIM_DRAWS / draws);
    let examples = counts
        .iter()
        .map(|n| ((n * scale).round() as usize).max(MIN_SIM_EXAMPLES))
        .collect();
    let d = ((draws * scale).round() as usize).max(BATCH);
    Some(SimSize {
        scale,
        examples,
        draws: d,
        steps: d / BATCH,
    })
}

/// A trainer for the multi-task experiment: tasks with `size.examples` training examples (label
/// noise `noise`, all phrasings), [`HELDOUT`] held-out examples each, rates from `mixing`.
pub fn trainer(size: &SimSize, mixing: Mixing, seed: u64) -> Trainer {
    let counts: Vec<f64> = size.examples.iter().map(|&n| n as f64).collect();
    let rates = mixing.rates(&counts);
    let mut rng = SimRng::derived(seed, 0x00DA_7AE7);
    let mut train = Vec::new();
    let mut heldout = Vec::new();
    for (i, &n) in size.examples.iter().enumerate() {
        let g = TaskGen::new(seed, i);
        train.push(g.draw(n, PHRASINGS, 0.0, &mut rng));
        heldout.push(g.draw(HELDOUT, PHRASINGS, 0.0, &mut rng));
    }
    Trainer::new(train, heldout, rates, size.steps, seed)
}

/// The four schemes of the comparison, by URL word.
pub const SCHEMES: [&str; 4] = ["examples", "k", "t", "equal"];

/// The mixing of comparison scheme `word` ([`SCHEMES`]): proportional; capped at `k` (the median
/// scaled count when `k` is `None`), T = 1; temperature `t` ([`CMP_T`] when `t` is 1), with the
/// cap if set; equal. Scaled counts: the cap is scaled by the same factor.
pub fn scheme_mixing(word: &str, size: &SimSize, k: Option<f64>, t: f64) -> Mixing {
    let mut sorted = size.examples.clone();
    sorted.sort_unstable();
    let median = sorted.get(sorted.len() / 2).copied().unwrap_or(1) as f64;
    let cap = k.map_or(median, |k| (k * size.scale).max(1.0));
    let temp = if t == 1.0 { CMP_T } else { t };
    let m = match word {
        "k" => Mixing::new(MixKind::Examples, Some(cap), 1.0),
        "t" => Mixing::new(MixKind::Examples, k.map(|_| cap), temp),
        "equal" => Mixing::new(MixKind::Equal, None, 1.0),
        _ => Ok(Mixing::proportional()),
    };
    m.unwrap_or_else(|_| Mixing::proportional())
}

/// The mixing the view's settings give on the scaled counts (the cap scaled with them).
pub fn scaled_mixing(mixing: Mixing, size: &SimSize) -> Mixing {
    Mixing {
        cap: mixing.cap.map(|k| (k * size.scale).max(1.0)),
        ..mixing
    }
}

/// Mean and worst (largest) final held-out loss over the tasks of a finished run.
pub fn mean_worst(t: &Trainer) -> (f64, f64) {
    let n = t.tasks().max(1) as f64;
    let finals: Vec<f64> = (0..t.tasks()).map(|i| t.last(i)).collect();
    (
        finals.iter().sum::<f64>() / n,
        finals.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    )
}

/// A held-out rise, or a gap between two runs, smaller than this many nats is read as noise:
/// the findings do not call it overfitting or starving. (The held-out sets have [`HELDOUT`]
/// examples per task; seed-to-seed differences of the final loss on the default table are a
/// few hundredths of a nat.)
pub const MARGIN: f64 = 0.05;

/// One task's outcome in a finished run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaskResult {
    /// Held-out loss at the end.
    pub last: f64,
    /// Lowest held-out loss during the run.
    pub best: f64,
    /// Epochs over the task's training examples.
    pub epochs: f64,
}

impl TaskResult {
    /// Whether the held-out loss ended more than [`MARGIN`] above its best: the task was
    /// repeated past the point where it stopped generalising.
    pub fn overfit(&self) -> bool {
        self.last > self.best + MARGIN
    }
}

/// Every task's outcome in a finished run.
pub fn task_results(t: &Trainer) -> Vec<TaskResult> {
    (0..t.tasks())
        .map(|i| TaskResult {
            last: t.last(i),
            best: t.best(i),
            epochs: t.epochs(i),
        })
        .collect()
}

/// What the four-scheme comparison shows about the smallest task.
#[derive(Debug, Clone, PartialEq)]
pub struct Findings {
    /// The smallest task (index into the simulated tasks).
    pub smallest: usize,
    /// Proportional mixing starved it: its final loss under proportional mixing is more than
    /// [`MARGIN`] above the lowest final loss another scheme reached, which is given with the
    /// scheme's index.
    pub starved: Option<(usize, f64)>,
    /// The schemes (indices into the results) under which it overfitted.
    pub overfit: Vec<usize>,
}

/// Reads the comparison: `results[s]` holds every task's outcome under scheme `s`, the first
/// being proportional mixing; `examples` the simulated tasks' sizes. `None` without results.
pub fn findings(examples: &[usize], results: &[Vec<TaskResult>]) -> Option<Findings> {
    let smallest = examples
        .iter()
        .enumerate()
        .min_by_key(|(_, n)| **n)
        .map(|(i, _)| i)?;
    let at = |s: usize| results.get(s).and_then(|r| r.get(smallest)).copied();
    let prop = at(0)?;
    let best_other = (1..results.len())
        .filter_map(|s| at(s).map(|r| (s, r.last)))
        .filter(|(_, l)| l.is_finite())
        .min_by(|a, b| a.1.total_cmp(&b.1));
    let starved = best_other.filter(|(_, l)| prop.last > l + MARGIN);
    let overfit = (0..results.len())
        .filter(|&s| at(s).is_some_and(|r| r.overfit()))
        .collect();
    Some(Findings {
        smallest,
        starved,
        overfit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEFAULT: [f64; 3] = [24_000.0, 3_000.0, 250.0];
    const DRAWS: f64 = 30_000.0;

    fn run(m: Mixing) -> Trainer {
        let size = sim_size(&DEFAULT, DRAWS).unwrap();
        let mut t = trainer(&size, scaled_mixing(m, &size), SEED);
        t.finish();
        t
    }

    #[test]
    fn sizes_keep_epochs() {
        let s = sim_size(&DEFAULT, DRAWS).unwrap();
        assert!((s.scale - 6_000.0 / 27_250.0).abs() < 1e-12);
        assert_eq!(s.examples, vec![5284, 661, 55]);
        assert_eq!(s.draws, 6606);
        assert!(sim_size(&[], 1.0).is_none());
        assert!(sim_size(&[1.0; 9], 1.0).is_none());
        assert!(sim_size(&[1.0, f64::NAN], 1.0).is_none());
    }

    #[test]
    fn comparison_schemes_flatten_in_order() {
        let size = sim_size(&DEFAULT, DRAWS).unwrap();
        let counts: Vec<f64> = size.examples.iter().map(|&n| n as f64).collect();
        let small: Vec<f64> = SCHEMES
            .iter()
            .map(|w| scheme_mixing(w, &size, None, 1.0).rates(&counts)[2])
            .collect();
        // Proportional < capped at the median < T = 2 < equal for the smallest task.
        assert!(small.windows(2).all(|w| w[0] < w[1]), "{small:?}");
        assert!((small[3] - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn deterministic() {
        let a = run(Mixing::proportional());
        let b = run(Mixing::proportional());
        assert_eq!(a.evals, b.evals);
    }

    /// The default table: proportional mixing starves the small task (it ends far above what
    /// equal mixing reaches at its best), and equal mixing repeats it to overfitting (its
    /// held-out loss ends above its own best).
    #[test]
    fn starved_then_overfit_on_the_default_table() {
        let prop = run(Mixing::proportional());
        let eq = run(Mixing::new(MixKind::Equal, None, 1.0).unwrap());
        let small = 2;
        eprintln!(
            "prop small last {} best {} epochs {}; equal small last {} best {} epochs {}; big prop {} eq {}",
            prop.last(small),
            prop.best(small),
            prop.epochs(small),
            eq.last(small),
            eq.best(small),
            eq.epochs(small),
            prop.last(0),
            eq.last(0)
        );
        assert!(prop.epochs(small) < 2.0, "{}", prop.epochs(small));
        assert!(eq.epochs(small) > 20.0, "{}", eq.epochs(small));
        assert!(prop.last(small) > eq.best(small) + 0.05);
        assert!(eq.last(small) > eq.best(small) + 0.1);
        // The big task pays for equal mixing.
        assert!(eq.last(0) > prop.last(0));
    }

    /// The page's comparison (the four schemes as `scheme_mixing` builds them, view's K empty and
    /// T = 1) on the default table: its findings say the smallest task is starved under
    /// proportional mixing and overfitted under equal mixing.
    #[test]
    fn the_comparison_finds_both_failures() {
        let size = sim_size(&DEFAULT, DRAWS).unwrap();
        let results: Vec<Vec<TaskResult>> = SCHEMES
            .iter()
            .map(|w| {
                let mut t = trainer(&size, scheme_mixing(w, &size, None, 1.0), SEED);
                t.finish();
                task_results(&t)
            })
            .collect();
        eprintln!("{results:?}");
        let f = findings(&size.examples, &results).unwrap();
        assert_eq!(f.smallest, 2);
        assert!(f.starved.is_some_and(|(s, _)| s > 0), "{f:?}");
        assert!(f.overfit.contains(&3), "{f:?}");
        assert!(!f.overfit.contains(&0), "{f:?}");
        assert!(findings(&[], &results).is_none());
    }
}
