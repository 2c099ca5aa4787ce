//! Synthetic tasks: a latent meaning z ~ N(0, I_d), a per-task labelling rule y ~ softmax(T_i z)
//! (T_i ~ N(0, 9/d), the simulator's data-set recipe in `core::sim::dataset`), and per-task
//! phrasings x = R_ij z + σ ε (R_ij ~ N(0, 1/d), ε ~ N(0, I_D)): the same meaning written in
//! several ways. Label noise replaces a training label by a uniformly random class.

use crate::core::sim::dataset::softmax_in_place;
use crate::core::sim::rng::SimRng;

/// Dimension d of the latent meaning.
pub const LATENT: usize = 4;
/// Dimension D of a task's input.
pub const INPUT: usize = 16;
/// Classes per task.
pub const CLASSES: usize = 4;
/// Phrasings per task.
pub const PHRASINGS: usize = 4;
/// Input noise σ.
pub const INPUT_NOISE: f64 = 0.3;

/// Examples of one task, row-major `len × INPUT`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Examples {
    /// Inputs.
    pub x: Vec<f64>,
    /// Labels in `0..CLASSES`.
    pub y: Vec<usize>,
}

impl Examples {
    /// The number of examples.
    pub fn len(&self) -> usize {
        self.y.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.y.is_empty()
    }

    /// The input of example `i`.
    pub fn row(&self, i: usize) -> &[f64] {
        self.x.get(i * INPUT..(i + 1) * INPUT).unwrap_or(&[])
    }
}

/// One synthetic task: its labelling rule and its phrasings.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskGen {
    teacher: Vec<f64>,
    phrasings: Vec<Vec<f64>>,
}

impl TaskGen {
    /// Task `index` of the world seeded with `seed`.
    pub fn new(seed: u64, index: usize) -> Self {
        let mut rng = SimRng::derived(seed, 0xD47A_0000 + index as u64);
        let t_scale = 3.0 / (LATENT as f64).sqrt();
        let teacher = (0..CLASSES * LATENT)
            .map(|_| t_scale * rng.normal())
            .collect();
        let r_scale = 1.0 / (LATENT as f64).sqrt();
        let phrasings = (0..PHRASINGS)
            .map(|_| {
                (0..INPUT * LATENT)
                    .map(|_| r_scale * rng.normal())
                    .collect()
            })
            .collect();
        TaskGen { teacher, phrasings }
    }

    /// Draws `n` examples whose phrasings are the first `phrasings` ones (at least 1), with a
    /// fraction `noise` of labels replaced at random.
    pub fn draw(&self, n: usize, phrasings: usize, noise: f64, rng: &mut SimRng) -> Examples {
        let allowed = phrasings.clamp(1, PHRASINGS) as u64;
        let mut out = Examples {
            x: Vec::with_capacity(n * INPUT),
            y: Vec::with_capacity(n),
        };
        let mut z = [0.0; LATENT];
        let mut eps = [0.0; INPUT];
        let mut prob = [0.0; CLASSES];
        for _ in 0..n {
            let j = rng.below(allowed) as usize;
            rng.fill_normals(&mut z);
            rng.fill_normals(&mut eps);
            let r = self.phrasings.get(j).map_or(&[][..], Vec::as_slice);
            for (row, e) in eps.iter().enumerate() {
                let v: f64 = (0..LATENT)
                    .map(|l| r.get(row * LATENT + l).copied().unwrap_or(0.0) * z[l])
                    .sum();
                out.x.push(v + INPUT_NOISE * e);
            }
            for (c, p) in prob.iter_mut().enumerate() {
                *p = (0..LATENT)
                    .map(|l| self.teacher.get(c * LATENT + l).copied().unwrap_or(0.0) * z[l])
                    .sum();
            }
            softmax_in_place(&mut prob);
            let mut y = rng.categorical(&prob);
            if noise > 0.0 && rng.uniform() < noise {
                y = rng.below(CLASSES as u64) as usize;
            }
            out.y.push(y);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_noise_changes_labels() {
        let t = TaskGen::new(3, 0);
        assert_eq!(t, TaskGen::new(3, 0));
        assert_ne!(t, TaskGen::new(3, 1));
        let a = t.draw(500, PHRASINGS, 0.0, &mut SimRng::new(1));
        let b = t.draw(500, PHRASINGS, 0.0, &mut SimRng::new(1));
        assert_eq!(a, b);
        assert_eq!(a.x.len(), 500 * INPUT);
        let c = t.draw(500, PHRASINGS, 1.0, &mut SimRng::new(1));
        let same = a.y.iter().zip(&c.y).filter(|(p, q)| p == q).count();
        // Fully random labels agree with the teacher's about a quarter of the time.
        assert!((60..200).contains(&same), "{same}");
    }
}
