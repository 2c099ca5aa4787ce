//! The simulation core: honest noisy training in pure Rust.
//!
//! * Problems ([`problem::Problem`]): the noisy quadratic model ([`nqm`], with its exact expected
//!   loss in [`nqm_exact`]) and a synthetic classification data set ([`dataset`]) learned by
//!   softmax regression ([`softmax`]) or a two-layer MLP ([`mlp`]) through [`classifier`], with
//!   minibatches from a seeded per-epoch shuffle ([`sampler`]); held-out loss and the
//!   generalisation gap in [`generalisation`].
//! * Optimizers ([`optim`]): SGD (momentum, Nesterov), Adam, AdamW, SophiaG and Lion with the update
//!   rules and defaults of PyTorch and the official code.
//! * Runs ([`run`], resumable as [`run::RunState`], several in a [`run_set::RunSet`], averaged
//!   over seeds in [`seed_band`]), the view's inputs ([`input`]), sweeps over optimizers × batch sizes × learning rates with the critical-batch
//!   fit ([`sweep`], [`critical_batch`]), validated inputs and cost caps ([`config`]), a kernel
//!   benchmark ([`bench`]) and the cross-platform golden value ([`golden`]).
//! * The same work cut into independent cells for a pool of workers ([`pool`]), with results
//!   that do not depend on the number of workers or the order they finish in.
//!
//! Determinism: all randomness comes from [`rng::SimRng`] and all transcendental functions from
//! `libm`, so the same seed gives bit-identical results natively and in WASM.

pub mod bench;
pub mod classifier;
pub mod config;
pub mod critical_batch;
pub mod critical_story;
pub mod dataset;
pub mod divisor;
pub mod divisor_study;
pub mod generalisation;
pub mod golden;
pub mod input;
pub mod linalg;
pub mod mlp;
pub mod nqm;
pub mod nqm_exact;
pub mod optim;
pub mod options;
pub mod pool;
pub mod problem;
pub mod rng;
pub mod run;
pub mod run_set;
pub mod sampler;
pub mod seed_band;
pub mod softmax;
pub mod sweep;
