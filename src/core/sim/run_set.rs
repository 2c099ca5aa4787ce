//! Several runs done one after another and advanced a few updates at a time, so a page can show
//! many (optimizer, batch size, seed) curves without one long task.

use super::problem::Problem;
use super::run::{RunSpec, RunState, Trajectory};

/// A list of runs on one problem, in order; [`RunSet::advance`] gives each run exactly the
/// trajectory of [`super::run::run`].
#[derive(Debug, Clone)]
pub struct RunSet {
    specs: Vec<RunSpec>,
    done: Vec<Trajectory>,
    current: Option<RunState>,
    /// Updates of the finished runs, counted as their full `steps` (a diverged run ends early).
    finished_updates: u64,
}

impl RunSet {
    /// The set of validated `specs`, none started.
    pub fn new(specs: Vec<RunSpec>) -> Self {
        RunSet {
            done: Vec::with_capacity(specs.len()),
            specs,
            current: None,
            finished_updates: 0,
        }
    }

    /// Runs up to `max_updates` more updates (at least one unless everything is done, and a new
    /// run's initial evaluation); false once every run is done.
    pub fn advance<P: Problem + ?Sized>(&mut self, problem: &P, max_updates: u64) -> bool {
        let mut budget = max_updates.max(1);
        while budget > 0 {
            let Some(spec) = self.specs.get(self.done.len()).copied() else {
                return false;
            };
            let run = self
                .current
                .get_or_insert_with(|| RunState::new(problem, &spec, None));
            let before = run.updates_done();
            run.advance(problem, budget);
            budget = budget.saturating_sub(run.updates_done() - before);
            if run.is_done() {
                if let Some(r) = self.current.take() {
                    self.done.push(r.into_parts().0);
                }
                self.finished_updates = self.finished_updates.saturating_add(spec.steps);
            }
        }
        self.done.len() < self.specs.len()
    }

    /// (updates done, updates in total), for a progress bar.
    pub fn progress(&self) -> (u64, u64) {
        let total = self.specs.iter().map(|s| s.steps).sum();
        let current = self.current.as_ref().map_or(0, RunState::updates_done);
        (self.finished_updates + current, total)
    }

    /// Whether every run is done.
    pub fn is_done(&self) -> bool {
        self.done.len() >= self.specs.len()
    }

    /// Completes whatever remains and returns one trajectory per spec, in order.
    pub fn finish<P: Problem + ?Sized>(mut self, problem: &P) -> Vec<Trajectory> {
        while self.advance(problem, u64::MAX) {}
        self.done
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::schedule::Schedule;
    use crate::core::sim::config::Task;
    use crate::core::sim::optim::OptimizerKind;
    use crate::core::sim::run::run;

    fn spec(kind: OptimizerKind, b: usize, lr: f64, steps: u64, seed: u64) -> RunSpec {
        RunSpec {
            optimizer: kind.config(),
            batch_size: b,
            schedule: Schedule::constant(lr, steps),
            steps,
            seed,
            eval_every: 7,
        }
    }

    /// Slicing never changes a trajectory: advancing 1, 3 or 1000 updates at a time gives the
    /// runs of `run` bit for bit, on the quadratic and on a finite data set (with evaluations,
    /// a divergence and Sophia's curvature refreshes inside slices).
    #[test]
    fn sliced_runs_equal_whole_runs() {
        for task in [
            Task::Nqm { dim: 20 },
            Task::Mlp {
                n: 60,
                label_noise: 0.0,
            },
        ] {
            let p = task.build(2).unwrap();
            let specs = vec![
                spec(OptimizerKind::Sgd, 4, 0.3, 40, 1),
                spec(OptimizerKind::Sgd, 4, 50.0, 40, 2),
                spec(OptimizerKind::Sophia, 8, 0.05, 33, 3),
                spec(OptimizerKind::Adam, 1, 0.01, 25, 4),
            ];
            let whole: Vec<Trajectory> = specs.iter().map(|s| run(p.as_ref(), s)).collect();
            if matches!(task, Task::Nqm { .. }) {
                assert!(
                    whole[1].diverged_at.is_some(),
                    "lr 50 diverges on the quadratic"
                );
            }
            for k in [1, 3, 1000] {
                let mut set = RunSet::new(specs.clone());
                let mut calls = 0;
                while set.advance(p.as_ref(), k) {
                    calls += 1;
                    let (done, total) = set.progress();
                    assert!(done <= total && total == 40 + 40 + 33 + 25);
                }
                assert!(set.is_done());
                if k == 1 {
                    assert!(calls > 50);
                }
                assert_eq!(set.finish(p.as_ref()), whole, "{task:?}, k = {k}");
            }
        }
        let empty = RunSet::new(Vec::new());
        assert!(empty.is_done() && empty.progress() == (0, 0));
    }
}
