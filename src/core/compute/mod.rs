//! Training time and cost: FLOPs per token × tokens ÷ (GPUs × peak × utilisation).
//!
//! [`flops`] counts FLOPs per trained token; [`hardware`] holds the cards' dense peaks and board
//! power; [`runs`] compares the count with published training runs. [`ComputeInput::estimate`]
//! turns them into the view's figures.
//!
//! **Utilisation.** Model FLOPs utilisation (MFU) is the FLOPs a run achieves per second,
//! counting only the model's own forward and backward, divided by the hardware's peak
//! (Chowdhery et al. 2022, PaLM, arXiv:2204.02311, App. B). This view applies the utilisation
//! `mfu` to the FLOPs the GPUs *execute*, recomputation included, so that checkpointing costs
//! time; with recomputation that figure is what PaLM calls hardware FLOPs utilisation (HFU),
//! without it the two are the same number.

pub mod flops;
pub mod hardware;
pub mod runs;

use crate::core::error::{ErrorKind, InputError};
use crate::core::units::parse_real;

/// Largest accepted peak override, TFLOP/s per GPU (documented cap: 10⁶).
pub const MAX_TFLOPS: f64 = 1e6;
/// Largest accepted price per GPU-hour (documented cap: 10⁶).
pub const MAX_PRICE: f64 = 1e6;

/// Parses the utilisation `mfu`: a fraction in (0, 1].
pub fn parse_mfu(text: &str) -> Result<f64, InputError> {
    let x = parse_real(text, "mfu", 0.0, 1.0)?;
    if x > 0.0 {
        Ok(x)
    } else {
        Err(InputError::new(
            crate::core::params::compute::MFU.key,
            ErrorKind::NotAbove(0.0),
        ))
    }
}

/// Parses an optional positive amount (`tflops`, `price`): empty → `None`.
pub fn parse_optional(
    text: &str,
    field: &'static str,
    max: f64,
) -> Result<Option<f64>, InputError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let x = parse_real(t, field, 0.0, max)?;
    if x > 0.0 {
        Ok(Some(x))
    } else {
        Err(InputError::new(field, ErrorKind::NotAbove(0.0)))
    }
}

/// Everything the time and cost depend on, as numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ComputeInput {
    /// FLOPs executed per trained token (recomputation included).
    pub flops_per_token: f64,
    /// Tokens processed in the whole run (the Steps view's tokens seen).
    pub tokens: f64,
    /// Sequences per optimizer update (effective batch).
    pub effective_batch: f64,
    /// Tokens per sequence.
    pub seq: f64,
    /// Data-parallel GPUs.
    pub gpus: f64,
    /// Peak per GPU, TFLOP/s.
    pub tflops: f64,
    /// Utilisation, (0, 1].
    pub mfu: f64,
    /// Board power per GPU, W (if known).
    pub watts: Option<f64>,
    /// Price per GPU-hour (if given).
    pub price: Option<f64>,
}

/// The figures of the view.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ComputeEstimate {
    /// FLOPs of the whole run.
    pub train_flops: f64,
    /// Seconds per optimizer update.
    pub step_seconds: f64,
    /// Hours of the whole run (wall clock).
    pub wall_hours: f64,
    /// GPU-hours (wall hours × GPUs).
    pub gpu_hours: f64,
    /// Tokens per second of the whole cluster.
    pub tokens_per_second: f64,
    /// Energy of the cards at board power, kWh (if the power is known).
    pub energy_kwh: Option<f64>,
    /// GPU-hours × price (if a price is given).
    pub cost: Option<f64>,
}

impl ComputeInput {
    /// FLOP/s the cluster achieves: GPUs × peak × utilisation.
    pub fn cluster_flops(&self) -> f64 {
        self.gpus * self.tflops * 1e12 * self.mfu
    }

    /// The figures: time = FLOPs ÷ achieved FLOP/s; GPU-hours = time × GPUs; energy = board
    /// power × GPU-hours (cards only: no host, network or cooling); cost = GPU-hours × price.
    pub fn estimate(&self) -> ComputeEstimate {
        let rate = self.cluster_flops();
        let train_flops = self.flops_per_token * self.tokens;
        let wall_hours = train_flops / rate / 3600.0;
        let gpu_hours = wall_hours * self.gpus;
        ComputeEstimate {
            train_flops,
            step_seconds: self.effective_batch * self.seq * self.flops_per_token / rate,
            wall_hours,
            gpu_hours,
            tokens_per_second: rate / self.flops_per_token,
            energy_kwh: self.watts.map(|w| w * gpu_hours / 1000.0),
            cost: self.price.map(|p| p * gpu_hours),
        }
    }

    /// The data-parallel limit: with the effective batch held fixed, the most GPUs data
    /// parallelism can use is one sequence per GPU per micro-step (micro-batch 1, no
    /// accumulation), i.e. GPUs ≤ effective batch. More GPUs would sit idle unless the model
    /// itself is split (tensor or pipeline parallelism).
    pub fn dp_limit(&self) -> f64 {
        self.effective_batch.max(1.0)
    }

    /// Wall hours with `gpus` GPUs at the same utilisation, capped by [`Self::dp_limit`]:
    /// FLOPs ÷ (min(gpus, limit) × peak × utilisation).
    pub fn hours_with(&self, gpus: f64) -> f64 {
        let used = gpus.min(self.dp_limit()).max(1.0);
        let rate = used * self.tflops * 1e12 * self.mfu;
        self.flops_per_token * self.tokens / rate / 3600.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ComputeInput {
        ComputeInput {
            flops_per_token: 6.0 * 7e9,
            tokens: 2e12,
            effective_batch: 1024.0,
            seq: 4096.0,
            gpus: 1000.0,
            tflops: 312.0,
            mfu: 0.4,
            watts: Some(400.0),
            price: None,
        }
    }

    #[test]
    fn time_is_flops_over_achieved_rate() {
        let c = input();
        let e = c.estimate();
        assert_eq!(e.train_flops, 8.4e22);
        let rate = 1000.0 * 312e12 * 0.4;
        assert!((e.wall_hours - 8.4e22 / rate / 3600.0).abs() < 1e-9);
        assert!((e.gpu_hours - e.wall_hours * 1000.0).abs() < 1e-6);
        assert!((e.step_seconds - 1024.0 * 4096.0 * 42e9 / rate).abs() < 1e-12);
        assert!((e.tokens_per_second - rate / 42e9).abs() < 1e-6);
        assert!((e.energy_kwh.unwrap_or(0.0) - 0.4 * e.gpu_hours).abs() < 1e-6);
        assert_eq!(e.cost, None);
        let priced = ComputeInput {
            price: Some(2.0),
            ..c
        };
        assert_eq!(priced.estimate().cost, Some(2.0 * e.gpu_hours));
    }

    #[test]
    fn more_gpus_help_until_the_data_parallel_limit() {
        let c = input();
        assert_eq!(c.hours_with(1000.0), c.estimate().wall_hours);
        assert!((c.hours_with(500.0) / c.hours_with(1000.0) - 2.0).abs() < 1e-12);
        assert_eq!(c.hours_with(1024.0), c.hours_with(4096.0));
        assert!(c.hours_with(1023.0) > c.hours_with(1024.0));
    }

    #[test]
    fn fields_parse_and_refuse() {
        assert_eq!(parse_mfu("0.4"), Ok(0.4));
        assert!(parse_mfu("0").is_err());
        assert!(parse_mfu("1.5").is_err());
        assert_eq!(parse_optional("", "price", MAX_PRICE), Ok(None));
        assert_eq!(parse_optional(" 2.5 ", "price", MAX_PRICE), Ok(Some(2.5)));
        assert!(parse_optional("0", "price", MAX_PRICE).is_err());
        assert!(parse_optional("abc", "tflops", MAX_TFLOPS).is_err());
    }
}
