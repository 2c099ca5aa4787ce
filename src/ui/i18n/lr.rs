//! Strings of the Batch & LR view: one struct per section, gathered in [`Lr`].
//!
//! Placeholders in braces (`{b}`, `{k}` …) are filled by the view with numbers formatted by
//! `core::format`.

use super::{FieldText, FigureText};

/// Section 1: the maximum step size on a 2-D quadratic.
pub struct LrMaxStep {
    /// Section heading.
    pub heading: &'static str,
    /// What the section shows.
    pub intro: &'static str,
    /// λ_max.
    pub lam_max: FieldText,
    /// λ₂.
    pub lam_2: FieldText,
    /// Step size η.
    pub step_size: FieldText,
    /// Heavy-ball momentum β.
    pub momentum: FieldText,
    /// Steps to run.
    pub iters: FieldText,
    /// Figure `eta-max`: the stability bound.
    pub threshold: FigureText,
    /// Figure `step-ratio`: η over the bound.
    pub step_ratio: FigureText,
    /// Figure `rate`: the per-step contraction factor.
    pub rate: FigureText,
    /// Figure `verdict`.
    pub verdict: FigureText,
    /// Verdict words: converges, oscillates, diverges.
    pub verdicts: [&'static str; 3],
    /// Figure `blowup-step`.
    pub blowup: FigureText,
    /// Shown in `blowup-step` when the run did not blow up.
    pub no_blowup: &'static str,
    /// Unit after the blow-up step.
    pub unit_step: &'static str,
    /// Unit after η/bound.
    pub unit_times: &'static str,
    /// Aside when the steep coordinate changes sign every step.
    pub rings: &'static str,
    /// Aside when the run diverges but has not yet passed the cap; {rate}, {n}.
    pub slow_divergence: &'static str,
    /// Aside on momentum being used: {bound0} is 2/λ_max.
    pub momentum_note: &'static str,
    /// Title of the path chart.
    pub path_title: &'static str,
    /// x axis of the path chart.
    pub path_x: &'static str,
    /// y axis of the path chart.
    pub path_y: &'static str,
    /// Text alternative of the path chart; {eta}, {verdict}.
    pub path_alt: &'static str,
    /// Title of the loss chart.
    pub loss_title: &'static str,
    /// x axis of the loss chart.
    pub loss_x: &'static str,
    /// y axis of the loss chart.
    pub loss_y: &'static str,
    /// Label by the × of a blown-up run; {k}.
    pub loss_stopped: &'static str,
    /// Text alternative of the loss chart; {n}, {first}, {last}.
    pub loss_alt: &'static str,
    /// Title of the sweep chart; {n}.
    pub sweep_title: &'static str,
    /// x axis of the sweep chart.
    pub sweep_x: &'static str,
    /// y axis of the sweep chart; {n}.
    pub sweep_y: &'static str,
    /// Text alternative of the sweep chart; {bound}.
    pub sweep_alt: &'static str,
}

/// Section 2: ε_opt(B) and the critical batch.
pub struct LrCritical {
    /// Section heading.
    pub heading: &'static str,
    /// What the section shows.
    pub intro: &'static str,
    /// B_noise.
    pub b_noise: FieldText,
    /// ε_max.
    pub eps_max: FieldText,
    /// B to read off.
    pub b: FieldText,
    /// Lower end of the charts' batch range.
    pub b_min: FieldText,
    /// Upper end of the charts' batch range.
    pub b_max: FieldText,
    /// Button: take `b` from the Steps view; {b}.
    pub use_steps_batch: &'static str,
    /// Button: take `b_noise` from section 3's B_simple; {b}.
    pub use_b_simple: &'static str,
    /// Button: fill B_noise from the Simulator's measured noise scale ({b}).
    pub use_sim_noise: &'static str,
    /// Figure `eps-opt`.
    pub eps_opt: FigureText,
    /// Figure `s-over-smin`.
    pub s_over_smin: FigureText,
    /// Figure `e-over-emin`.
    pub e_over_emin: FigureText,
    /// Figure `b-crit`.
    pub b_crit: FigureText,
    /// Unit of batch sizes.
    pub unit_examples: &'static str,
    /// Unit after ratios ("× the minimum").
    pub unit_times_min: &'static str,
    /// Reading when B is well below B_crit; {b}, {s}, {e}.
    pub reading_below: &'static str,
    /// Reading when B is near B_crit.
    pub reading_near: &'static str,
    /// Reading when B is well above B_crit.
    pub reading_above: &'static str,
    /// Title of the ε_opt chart.
    pub eps_title: &'static str,
    /// x axis (batch size) of the section's charts.
    pub batch_x: &'static str,
    /// y axis of the ε_opt chart.
    pub eps_y: &'static str,
    /// Text alternative of the ε_opt chart; {b_noise}.
    pub eps_alt: &'static str,
    /// Title of the S/E chart.
    pub se_title: &'static str,
    /// y axis of the S/E chart.
    pub se_y: &'static str,
    /// Legend: steps.
    pub se_steps: &'static str,
    /// Legend: examples.
    pub se_examples: &'static str,
    /// Text alternative of the S/E chart; {b_crit}.
    pub se_alt: &'static str,
    /// Title of the trade-off chart.
    pub trade_title: &'static str,
    /// x axis of the trade-off chart.
    pub trade_x: &'static str,
    /// y axis of the trade-off chart.
    pub trade_y: &'static str,
    /// Label of the current point; {b}.
    pub trade_current: &'static str,
    /// Text alternative of the trade-off chart.
    pub trade_alt: &'static str,
}

/// Section 3: the two-batch noise-scale estimator.
pub struct LrEstimator {
    /// Section heading.
    pub heading: &'static str,
    /// What the section shows.
    pub intro: &'static str,
    /// B_small.
    pub b_small: FieldText,
    /// |G_small|².
    pub gn_small: FieldText,
    /// B_big.
    pub b_big: FieldText,
    /// |G_big|².
    pub gn_big: FieldText,
    /// Figure `g2`.
    pub g2: FigureText,
    /// Figure `trace-sigma`.
    pub trace_sigma: FigureText,
    /// Figure `b-simple`.
    pub b_simple: FigureText,
    /// Unit of B_simple.
    pub unit_examples: &'static str,
    /// Aside for equal batch sizes.
    pub equal_batches: &'static str,
    /// Aside when the small batch is not the smaller one.
    pub swapped: &'static str,
    /// Aside when 𝒮 ≤ 0; {value}.
    pub noisy_trace: &'static str,
    /// Aside when |𝒢|² ≤ 0; {value}.
    pub noisy_signal: &'static str,
    /// What B_simple suggests; {b_big}, {b_simple}, {s}, {e}.
    pub advice_below: &'static str,
    /// The same when B_big is near B_simple.
    pub advice_near: &'static str,
    /// The same when B_big is well above B_simple.
    pub advice_above: &'static str,
    /// Heading of the how-to notes.
    pub howto_title: &'static str,
    /// How to get the numbers: (heading, paragraph).
    pub howto: [(&'static str, &'static str); 3],
    /// Title of the chart.
    pub chart_title: &'static str,
    /// x axis.
    pub chart_x: &'static str,
    /// y axis.
    pub chart_y: &'static str,
    /// Label of the |𝒢|² line.
    pub signal_label: &'static str,
    /// Label of the B_simple mark.
    pub b_simple_label: &'static str,
    /// Text alternative; {b_simple}.
    pub chart_alt: &'static str,
}

/// Section 4: learning-rate scaling rules.
pub struct LrScalingText {
    /// Section heading.
    pub heading: &'static str,
    /// What the section shows.
    pub intro: &'static str,
    /// lr₀.
    pub lr0: FieldText,
    /// B0.
    pub b0: FieldText,
    /// B1.
    pub b1: FieldText,
    /// Optimizer family.
    pub family: FieldText,
    /// Family names, in `OptimizerFamily::ALL` order.
    pub family_names: [&'static str; 2],
    /// Adam β₁.
    pub beta1: FieldText,
    /// Adam β₂.
    pub beta2: FieldText,
    /// Adam ε.
    pub adam_eps: FieldText,
    /// Figure `kappa`.
    pub kappa: FigureText,
    /// Figure `lr-linear`.
    pub lr_linear: FigureText,
    /// Figure `lr-sqrt`.
    pub lr_sqrt: FigureText,
    /// Figure `lr-mccandlish`.
    pub lr_mccandlish: FigureText,
    /// Figure `beta1-new`.
    pub beta1_new: FigureText,
    /// Figure `beta2-new`.
    pub beta2_new: FigureText,
    /// Figure `adam-eps-new`.
    pub adam_eps_new: FigureText,
    /// Badge on the suggested rule's figure.
    pub suggested_badge: &'static str,
    /// Which rule fits SGD.
    pub fits_sgd: &'static str,
    /// Which rule fits Adam.
    pub fits_adam: &'static str,
    /// Shown in `lr-mccandlish` when B_noise is unknown.
    pub no_b_noise: &'static str,
    /// Warning when B1 is well past the critical batch (over twice); {b1}, {b_crit}.
    pub beyond_critical: &'static str,
    /// Note when B1 is near the critical batch (within a factor 2); {b1}, {b_crit}.
    pub near_critical: &'static str,
    /// Reminder when B1 is well below the critical batch; {b_crit}.
    pub below_critical: &'static str,
    /// Note when a scaled β leaves its range; {which}, {value}.
    pub beta_out_of_range: &'static str,
    /// Title of the chart.
    pub chart_title: &'static str,
    /// x axis.
    pub chart_x: &'static str,
    /// y axis.
    pub chart_y: &'static str,
    /// Legend names: linear, square root, McCandlish.
    pub rule_names: [&'static str; 3],
    /// Label of the B1 mark.
    pub b1_label: &'static str,
    /// Text alternative; {lr0}, {b0}, {b1}.
    pub chart_alt: &'static str,
}

/// The Batch & LR view.
pub struct Lr {
    /// Title.
    pub title: &'static str,
    /// The question the view answers.
    pub lead: &'static str,
    /// Section 1.
    pub max_step: LrMaxStep,
    /// Section 2.
    pub critical: LrCritical,
    /// Section 3.
    pub estimator: LrEstimator,
    /// Section 4.
    pub scaling: LrScalingText,
    /// Label of the B_noise / B_crit marks on charts.
    pub mark_b_noise: &'static str,
    /// Label of the B_crit mark.
    pub mark_b_crit: &'static str,
    /// Heading of the closing notes.
    pub notes_title: &'static str,
    /// Closing notes: (heading, paragraph).
    pub notes: [(&'static str, &'static str); 3],
}

pub(super) static EN: Lr = Lr {
    title: "Batch & LR",
    lead: "How large may a step be, how does the best step change with the batch size, and when does a bigger batch stop paying off?",
    max_step: LrMaxStep {
        heading: "1 · Why there is a maximum step size",
        intro: "Gradient descent with the exact gradient on a bowl that is steep one way (curvature λ_max) and flat the other (λ₂). Each step multiplies the steep coordinate by 1 − ηλ_max. Once η passes 2/λ_max that factor is below −1: every step overshoots the valley floor by more than the last. No gradient noise is needed to blow up — an exact gradient does not save a step that is too large.",
        lam_max: FieldText {
            label: "Steep curvature λ_max",
            unit: "",
            hint: "largest eigenvalue of the Hessian",
        },
        lam_2: FieldText {
            label: "Flat curvature λ₂",
            unit: "",
            hint: "a smaller eigenvalue, below λ_max",
        },
        step_size: FieldText {
            label: "Step size η",
            unit: "",
            hint: "the learning rate; try just below and just above the bound",
        },
        momentum: FieldText {
            label: "Momentum β",
            unit: "",
            hint: "heavy ball, 0 ≤ β ≤ 0.999; 0 = plain gradient descent",
        },
        iters: FieldText {
            label: "Steps",
            unit: "steps",
            hint: "1 … 10,000",
        },
        threshold: FigureText {
            label: "Largest stable step size, 2(1 + β)/λ_max",
            why: "On a quadratic each eigen-direction is multiplied by 1 − ηλ per step, which shrinks only while 0 < ηλ < 2: hence η < 2/λ_max, the standard stability bound of gradient descent. With heavy-ball momentum (v ← βv − η∇L, θ ← θ + v) the direction follows z² − (1 + β − ηλ)z + β = 0, whose roots stay inside the unit circle exactly while ηλ < 2(1 + β) (Polyak 1964; Goh 2017, “Why Momentum Really Works”, Distill).",
        },
        step_ratio: FigureText {
            label: "Your step as a fraction of the bound",
            why: "η ÷ 2(1 + β)/λ_max. Below 1 the run is stable; at 1 the steep coordinate bounces for ever; above 1 it grows every step.",
        },
        rate: FigureText {
            label: "Per-step factor ρ of the slowest direction",
            why: "The largest |root| of z² − (1 + β − ηλ)z + β = 0 over both curvatures: the distance to the minimum shrinks (ρ < 1) or grows (ρ > 1) by this factor each step, so the loss by about ρ². Polyak 1964; Goh 2017, Distill.",
        },
        verdict: FigureText {
            label: "What the run does",
            why: "From ρ: below 1 it converges, at 1 it oscillates without end, above 1 it diverges. The simulation on the left uses the exact gradient, no noise.",
        },
        verdicts: ["converges", "oscillates", "diverges"],
        blowup: FigureText {
            label: "Blew up at step",
            why: "The first step at which the loss passed 10⁶ times its starting value; the run is stopped there and marked with × on the charts.",
        },
        no_blowup: "none",
        unit_step: "",
        unit_times: "× bound",
        rings: "ηλ_max > 1: the steep coordinate overshoots the valley floor at every step, so the path zig-zags across the valley instead of sliding down one side.",
        slow_divergence: "It diverges, but slowly: the distance grows ×{rate} per step and has not yet reached 10⁶ × the starting loss in {n} steps. Run more steps to see it blow up.",
        momentum_note: "Momentum raises the bound from 2/λ_max = {bound0} to 2(1 + β)/λ_max: a step that diverges without momentum can converge with it.",
        path_title: "Iterates on the loss contours",
        path_x: "θ₁ (steep direction)",
        path_y: "θ₂ (flat direction)",
        path_alt: "Path of gradient descent with step size {eta} on an elongated quadratic bowl: the run {verdict}.",
        loss_title: "Loss at each step (log scale)",
        loss_x: "step",
        loss_y: "loss",
        loss_stopped: "blew up at step {k}",
        loss_alt: "Loss over {n} steps, from {first} to {last}.",
        sweep_title: "Loss after {n} steps against the step size",
        sweep_x: "step size η",
        sweep_y: "loss after {n} steps",
        sweep_alt: "Final loss against step size: low and flat up to the bound {bound}, then a cliff.",
    },
    critical: LrCritical {
        heading: "2 · The optimal step and the critical batch",
        intro: "With noisy gradients the best step depends on the batch: ε_opt(B) = ε_max/(1 + B_noise/B). Well below the noise scale B_noise, doubling the batch doubles the best step, so a run needs half the steps. Well above it the best step is already ε_max and a bigger batch only spends more data. The critical batch B_crit is the balance point: twice the fewest steps and twice the fewest examples.",
        b_noise: FieldText {
            label: "Noise scale B_noise",
            unit: "examples",
            hint: "also B_crit; estimate it in section 3",
        },
        eps_max: FieldText {
            label: "Noiseless best step ε_max",
            unit: "",
            hint: "the best step for an exact gradient",
        },
        b: FieldText {
            label: "Batch size B to read off",
            unit: "examples",
            hint: "global batch per optimizer update",
        },
        b_min: FieldText {
            label: "Charts from B =",
            unit: "examples",
            hint: "left end of the batch axis",
        },
        b_max: FieldText {
            label: "Charts to B =",
            unit: "examples",
            hint: "right end of the batch axis",
        },
        use_steps_batch: "Use the Steps view's effective batch ({b})",
        use_b_simple: "Use B_simple from section 3 ({b})",
        use_sim_noise: "Use the Simulator's fitted critical batch for SGD ({b})",
        eps_opt: FigureText {
            label: "Best step ε_opt at B",
            why: "ε_opt(B) = ε_max/(1 + B_noise/B): minimising the expected loss of one SGD step on a local quadratic, where the batch noise adds tr(HΣ)/B to the curvature term (McCandlish et al. 2018, “An Empirical Model of Large-Batch Training”, arXiv:1812.06162, eq. 2.6). At B = B_noise it is ε_max/2.",
        },
        s_over_smin: FigureText {
            label: "Steps relative to the fewest possible",
            why: "S/S_min = 1 + B_crit/B: the optimizer steps a run needs at batch B, over the steps with an unlimited batch (McCandlish et al. 2018, eq. 2.11 and App. D).",
        },
        e_over_emin: FigureText {
            label: "Examples relative to the fewest possible",
            why: "E/E_min = 1 + B/B_crit: the training examples a run needs at batch B, over the examples with batch → 0 (McCandlish et al. 2018, eq. 2.11). The two ratios satisfy (S/S_min − 1)(E/E_min − 1) = 1.",
        },
        b_crit: FigureText {
            label: "Critical batch B_crit",
            why: "B_crit = E_min/S_min (McCandlish et al. 2018, eq. 2.12). In the model it is the run-averaged noise scale, so with a constant noise scale it equals B_noise (McCandlish et al. 2018, App. D).",
        },
        unit_examples: "examples",
        unit_times_min: "× min",
        reading_below: "B = {b} is well below the critical batch: the run takes {s}× the fewest steps but only {e}× the fewest examples. A bigger batch would cut the steps almost in proportion, at little extra data.",
        reading_near: "B = {b} is near the critical batch: {s}× the fewest steps and {e}× the fewest examples — the usual compromise between time and compute.",
        reading_above: "B = {b} is well above the critical batch: {s}× the fewest steps, but {e}× the fewest examples. Doubling B again would barely save steps and would double the data spent.",
        eps_title: "Best step as a fraction of ε_max",
        batch_x: "batch size B (examples)",
        eps_y: "ε_opt(B) / ε_max",
        eps_alt: "The best step rises in proportion to B at small batches, is half of ε_max at B_noise = {b_noise} and flattens above it.",
        se_title: "Steps and examples relative to their minima",
        se_y: "× the minimum",
        se_steps: "steps S/S_min",
        se_examples: "examples E/E_min",
        se_alt: "Steps fall and examples rise with the batch size; the two curves cross at B_crit = {b_crit}, where both are 2.",
        trade_title: "The steps–examples trade-off",
        trade_x: "examples E/E_min",
        trade_y: "steps S/S_min",
        trade_current: "B = {b}",
        trade_alt: "The hyperbola (S/S_min − 1)(E/E_min − 1) = 1 with the critical batch at (2, 2) and the chosen batch marked.",
    },
    estimator: LrEstimator {
        heading: "3 · Estimate the noise scale of your own run",
        intro: "The noise scale can be measured during training. The squared norm of a batch gradient is, on average, the true |G|² plus a noise term tr Σ/B that shrinks with the batch. Measure it at two batch sizes and solve for both: that is the unbiased estimator of McCandlish et al. 2018, App. A.",
        b_small: FieldText {
            label: "Small batch B_small",
            unit: "examples",
            hint: "e.g. the per-device micro-batch",
        },
        gn_small: FieldText {
            label: "|G|² at the small batch",
            unit: "",
            hint: "squared gradient norm, averaged over many steps",
        },
        b_big: FieldText {
            label: "Big batch B_big",
            unit: "examples",
            hint: "e.g. the global batch after the all-reduce",
        },
        gn_big: FieldText {
            label: "|G|² at the big batch",
            unit: "",
            hint: "squared gradient norm, averaged over the same steps",
        },
        g2: FigureText {
            label: "True squared gradient |𝒢|²",
            why: "|𝒢|² = (B_big·|G_big|² − B_small·|G_small|²)/(B_big − B_small), unbiased because E|G_B|² = |G|² + tr Σ/B (McCandlish et al. 2018, App. A.1, eqs. A.1–A.2).",
        },
        trace_sigma: FigureText {
            label: "Gradient noise tr Σ (estimate 𝒮)",
            why: "𝒮 = (|G_small|² − |G_big|²)/(1/B_small − 1/B_big), the unbiased estimate of the trace of the per-example gradient covariance (McCandlish et al. 2018, eq. A.2).",
        },
        b_simple: FigureText {
            label: "Simple noise scale B_simple",
            why: "B_simple = tr Σ/|G|² ≈ 𝒮/|𝒢|² (McCandlish et al. 2018, eq. 2.9): the batch at which the noise in a batch gradient is as large as the signal. The paper finds the critical batch close to it. The ratio is biased, so average 𝒮 and |𝒢|² over many steps first (EleutherAI gpt-neox, megatron/gradient_noise_scale/gradient_noise_scale.py, uses EMAs with β = 0.99).",
        },
        unit_examples: "examples",
        equal_batches: "The two batch sizes are equal, so the two measurements cannot be told apart and there is nothing to solve for. Use two different sizes — in data parallelism, the per-device batch and the global batch.",
        swapped: "B_small must be the smaller batch. Swap the two rows (and their norms).",
        noisy_trace: "The noise estimate 𝒮 came out {value} (≤ 0): the small-batch norm is not above the big-batch one, as it must be on average. Single measurements are too noisy — average |G|² over many steps (hundreds) before dividing.",
        noisy_signal: "The signal estimate |𝒢|² came out {value} (≤ 0): the big-batch norm is too small for the small-batch one. This happens when the true gradient is tiny compared with the noise or the norms are single noisy readings — average over many more steps before dividing.",
        advice_below: "Your big batch B_big = {b_big} is below B_simple ≈ {b_simple}: if B_crit ≈ B_simple, a run at {b_big} takes {s}× the fewest steps and {e}× the fewest examples. Raising the batch would cut steps nearly in proportion; scale the learning rate up with it (section 4).",
        advice_near: "Your big batch B_big = {b_big} is near B_simple ≈ {b_simple}: {s}× the fewest steps, {e}× the fewest examples. A good place to be; larger batches give diminishing returns.",
        advice_above: "Your big batch B_big = {b_big} is well above B_simple ≈ {b_simple}: {s}× the fewest steps but {e}× the fewest examples. A smaller batch would use data more efficiently; raising the learning rate further will not help much.",
        howto_title: "Getting the two numbers from a data-parallel run",
        howto: [
            (
                "Two norms for free",
                "Each of N devices computes a gradient on its own micro-batch B_local; the all-reduce averages them into the gradient of the global batch N·B_local. Log the squared norm of one device's local gradient before the all-reduce (B_small = B_local) and of the averaged gradient after it (B_big = N·B_local). With gradient accumulation, B_big also counts the accumulated micro-batches.",
            ),
            (
                "Average before dividing",
                "One step's norms are noisy, and the ratio of two noisy numbers is biased. Average |𝒢|² and 𝒮 separately over many steps — the paper and gpt-neox use exponential moving averages — and divide only the averages. A negative estimate means: average longer.",
            ),
            (
                "What B_simple tells you",
                "B_simple estimates the critical batch. Below it, a bigger batch cuts the steps nearly in proportion and the learning rate should grow with it; above it, each doubling buys few steps and costs twice the data. It also grows as the loss falls, so measure it more than once.",
            ),
        ],
        chart_title: "Squared gradient norm against the batch size",
        chart_x: "batch size B (examples)",
        chart_y: "E|G_B|²",
        signal_label: "|𝒢|² (signal)",
        b_simple_label: "B_simple",
        chart_alt: "The two measured squared norms and the curve |𝒢|² + 𝒮/B through them; noise equals signal at B_simple = {b_simple}.",
    },
    scaling: LrScalingText {
        heading: "4 · Rescale the learning rate when the batch changes",
        intro: "You tuned a learning rate at one batch size and now change the batch. Three rules say how far to move it. Each holds only below the critical batch: past it the best step stops growing (section 2), so any rule that keeps raising the learning rate will overshoot.",
        lr0: FieldText {
            label: "Learning rate tuned at B0",
            unit: "",
            hint: "e.g. 1e-4",
        },
        b0: FieldText {
            label: "Old batch size B0",
            unit: "examples",
            hint: "the batch the learning rate was tuned at",
        },
        b1: FieldText {
            label: "New batch size B1",
            unit: "examples",
            hint: "smaller or larger",
        },
        family: FieldText {
            label: "Optimizer",
            unit: "",
            hint: "the rule that suits it is highlighted",
        },
        family_names: ["SGD (with or without momentum)", "Adam / AdamW / RMSProp"],
        beta1: FieldText {
            label: "Adam β₁",
            unit: "",
            hint: "0.9 is PyTorch's default",
        },
        beta2: FieldText {
            label: "Adam β₂",
            unit: "",
            hint: "0.999 is PyTorch's default",
        },
        adam_eps: FieldText {
            label: "Adam ε",
            unit: "",
            hint: "1e-8 is PyTorch's default",
        },
        kappa: FigureText {
            label: "Batch ratio κ = B1/B0",
            why: "How many times larger the new batch is; every rule below is written in κ, as in Malladi et al. 2022.",
        },
        lr_linear: FigureText {
            label: "Linear rule: lr × κ",
            why: "“When the minibatch size is multiplied by k, multiply the learning rate by k” (Goyal et al. 2017, “Accurate, Large Minibatch SGD”, §2.1), used with a gradual warmup; their ResNet-50 setting is 0.1 × batch/256, so 3.2 at 8192.",
        },
        lr_sqrt: FigureText {
            label: "Square-root rule: lr × √κ",
            why: "Keeps the variance of the update constant (Krizhevsky 2014, “One weird trick”). For Adam and RMSProp it is the rule derived from stochastic differential equations by Malladi, Lyu, Panigrahi & Arora 2022 (arXiv:2205.10287), which also moves β and ε as shown.",
        },
        lr_mccandlish: FigureText {
            label: "Noise-scale rule: lr × ε_opt(B1)/ε_opt(B0)",
            why: "The ratio of best steps from ε_opt(B) = ε_max/(1 + B_noise/B) with B_noise from section 2 (McCandlish et al. 2018, eq. 2.6). Linear far below B_noise, flat far above. Derived for SGD; for Adam the paper reports a power law with exponent between 0.5 and 1 at small batches (McCandlish et al. 2018).",
        },
        beta1_new: FigureText {
            label: "Adam β₁ at B1",
            why: "(1 − β₁) → κ(1 − β₁) (Malladi et al. 2022, square-root scaling rule for adaptive methods): a larger batch means fewer steps, so the average must forget faster per step.",
        },
        beta2_new: FigureText {
            label: "Adam β₂ at B1",
            why: "(1 − β₂) → κ(1 − β₂) (Malladi et al. 2022).",
        },
        adam_eps_new: FigureText {
            label: "Adam ε at B1",
            why: "ε → ε/√κ (Malladi et al. 2022): a larger batch has smaller gradient noise, so the root of the second-moment estimate shrinks by about √κ and ε keeps its relative size.",
        },
        suggested_badge: "fits your optimizer",
        fits_sgd: "For SGD the linear rule is the one that works in practice (Goyal et al. 2017), together with a warmup; the square-root rule is the variance argument of Krizhevsky 2014 and is more cautious.",
        fits_adam: "For Adam-type optimizers use the square-root rule together with the β and ε changes (Malladi et al. 2022); the linear rule overshoots for Adam.",
        no_b_noise: "needs B_noise",
        near_critical: "B1 = {b1} is close to the critical batch ≈ {b_crit}. Here the best step already grows more slowly than the batch (at B_crit it is half of ε_max), so the linear rule starts to overshoot; the noise-scale rule bends with it.",
        beyond_critical: "B1 = {b1} is well past the critical batch ≈ {b_crit}. There the best step hardly grows: the linear and square-root rules overshoot and may diverge (section 1), and the extra batch buys few steps (section 2). Trust the noise-scale rule here, or keep the batch nearer {b_crit}.",
        below_critical: "B1 is well below the critical batch ≈ {b_crit}, where the rules are meant to hold. They still assume the loss landscape did not change; check with a short run.",
        beta_out_of_range: "{which}: κ(1 − β) = {value} ≥ 1, so the rule would give β ≤ 0. Malladi et al.'s argument needs κ(1 − β) well below 1: the batch change is too large for it.",
        chart_title: "Learning rate each rule gives at a new batch size",
        chart_x: "new batch size B1 (examples)",
        chart_y: "learning rate",
        rule_names: [
            "linear (Goyal)",
            "square root (Malladi)",
            "noise scale (McCandlish)",
        ],
        b1_label: "B1",
        chart_alt: "Three rules starting from learning rate {lr0} at batch {b0}; the new batch {b1} is marked.",
    },
    mark_b_noise: "B_noise",
    mark_b_crit: "B_crit",
    notes_title: "The two conclusions in one place",
    notes: [
        (
            "A ceiling that noise does not set",
            "The largest stable step is fixed by the sharpest curvature: η < 2/λ_max. Even with the exact gradient a larger step diverges (section 1). In a real network λ_max changes during training, which is one reason for warmup.",
        ),
        (
            "A batch beyond which steps stop falling",
            "The best step grows with the batch until the batch reaches the noise scale, then saturates (section 2). Up to B_crit a bigger batch means proportionally fewer steps; beyond it, mostly more data (McCandlish et al. 2018).",
        ),
        (
            "Put them together",
            "When you raise the batch, raise the learning rate by a rule that fits the optimizer (section 4) — but never past the ceiling of section 1, and expect little gain past the critical batch you measured in section 3.",
        ),
    ],
};

pub(super) static ZH: Lr = Lr {
    title: "批量与学习率",
    lead: "步长最大能取多大？最优步长怎样随批量大小变化？批量大到什么程度就不再划算？",
    max_step: LrMaxStep {
        heading: "1 · 为什么存在最大步长",
        intro: "在一个二次函数的碗里用精确梯度做梯度下降：碗的一个方向陡峭（曲率 λ_max），另一个方向平坦（曲率 λ₂）。每走一步，陡峭方向的坐标都会乘以 1 − ηλ_max。η 一旦超过 2/λ_max，这个因子就小于 −1：每一步越过谷底的幅度都比上一步更大。发散并不需要梯度噪声：梯度再精确，也救不了过大的步长。",
        lam_max: FieldText {
            label: "陡峭方向的曲率 λ_max",
            unit: "",
            hint: "海森矩阵（Hessian）的最大特征值",
        },
        lam_2: FieldText {
            label: "平坦方向的曲率 λ₂",
            unit: "",
            hint: "较小的特征值，须小于 λ_max",
        },
        step_size: FieldText {
            label: "步长 η",
            unit: "",
            hint: "即学习率；分别试试略低于和略高于上限的值",
        },
        momentum: FieldText {
            label: "动量 β",
            unit: "",
            hint: "重球法，0 ≤ β ≤ 0.999；0 即普通梯度下降",
        },
        iters: FieldText {
            label: "步数",
            unit: "步",
            hint: "1 到 1 万",
        },
        threshold: FigureText {
            label: "最大稳定步长 2(1 + β)/λ_max",
            why: "在二次函数上，沿每个特征方向的分量每步乘以 1 − ηλ，只有 0 < ηλ < 2 时才会收缩，所以 η < 2/λ_max，这是梯度下降的经典稳定性条件。加上重球动量（v ← βv − η∇L，θ ← θ + v）后，该方向服从 z² − (1 + β − ηλ)z + β = 0，其根落在单位圆内的充要条件是 ηλ < 2(1 + β)（Polyak，1964；Goh，2017，“Why Momentum Really Works”，Distill）。",
        },
        step_ratio: FigureText {
            label: "当前步长占上限的比例",
            why: "η ÷ 2(1 + β)/λ_max。小于 1 时训练稳定；等于 1 时陡峭方向来回振荡、永不停止；大于 1 时振幅每步都在放大。",
        },
        rate: FigureText {
            label: "最慢方向的每步倍率 ρ",
            why: "两个曲率下 z² − (1 + β − ηλ)z + β = 0 的最大根模：到最小值的距离每步乘以这个倍率，ρ < 1 则收缩，ρ > 1 则放大，损失大约乘以 ρ²（Polyak，1964；Goh，2017，Distill）。",
        },
        verdict: FigureText {
            label: "这次运行的结果",
            why: "由 ρ 判断：小于 1 收敛，等于 1 持续振荡，大于 1 发散。左侧的模拟用的是精确梯度，没有任何噪声。",
        },
        verdicts: ["收敛", "振荡", "发散"],
        blowup: FigureText {
            label: "发散于第几步",
            why: "损失首次超过初始值 10⁶ 倍的那一步；运行在此停止，图中用 × 标出。",
        },
        no_blowup: "无",
        unit_step: "",
        unit_times: "× 上限",
        rings: "ηλ_max > 1：陡峭方向的坐标每一步都越过谷底，所以路径在山谷两侧来回折返，而不是沿一侧滑下。",
        slow_divergence: "会发散，但很慢：距离每步乘以 {rate}，{n} 步内损失还没有达到初始值的 10⁶ 倍。多跑一些步，就能看到它发散。",
        momentum_note: "动量把上限从 2/λ_max = {bound0} 提高到 2(1 + β)/λ_max：不加动量会发散的步长，加了动量可能收敛。",
        path_title: "损失等高线上的迭代轨迹",
        path_x: "θ₁（陡峭方向）",
        path_y: "θ₂（平坦方向）",
        path_alt: "步长为 {eta} 的梯度下降在狭长二次碗中的轨迹：这次运行{verdict}。",
        loss_title: "每一步的损失（对数坐标）",
        loss_x: "步数",
        loss_y: "损失",
        loss_stopped: "第 {k} 步发散",
        loss_alt: "{n} 步内的损失，从 {first} 到 {last}。",
        sweep_title: "{n} 步后的损失与步长的关系",
        sweep_x: "步长 η",
        sweep_y: "{n} 步后的损失",
        sweep_alt: "最终损失随步长变化：在上限 {bound} 之前又低又平，过了上限陡然升高。",
    },
    critical: LrCritical {
        heading: "2 · 最优步长与临界批量",
        intro: "梯度有噪声时，最优步长取决于批量大小：ε_opt(B) = ε_max/(1 + B_noise/B)。批量远小于噪声尺度 B_noise 时，批量翻倍，最优步长也翻倍，训练所需步数减半；批量远大于 B_noise 时，最优步长已接近 ε_max，再加大批量只是多耗数据。临界批量 B_crit 是两者的平衡点：步数和样本数都是最小值的两倍。",
        b_noise: FieldText {
            label: "噪声尺度 B_noise",
            unit: "个样本",
            hint: "也就是 B_crit；可在第 3 部分估计",
        },
        eps_max: FieldText {
            label: "无噪声最优步长 ε_max",
            unit: "",
            hint: "精确梯度下的最优步长",
        },
        b: FieldText {
            label: "当前查看的批量 B",
            unit: "个样本",
            hint: "每次优化器更新的全局批量",
        },
        b_min: FieldText {
            label: "图表批量起点",
            unit: "个样本",
            hint: "批量坐标轴的左端",
        },
        b_max: FieldText {
            label: "图表批量终点",
            unit: "个样本",
            hint: "批量坐标轴的右端",
        },
        use_steps_batch: "使用“步数”视图的有效批量（{b}）",
        use_b_simple: "使用第 3 部分估计的 B_simple（{b}）",
        use_sim_noise: "使用模拟器为 SGD 拟合出的临界批量（{b}）",
        eps_opt: FigureText {
            label: "批量 B 下的最优步长 ε_opt",
            why: "ε_opt(B) = ε_max/(1 + B_noise/B)：在局部二次近似下，对一步 SGD 的期望损失求最小值得到；批量噪声使曲率项多出 tr(HΣ)/B（McCandlish 等，2018，“An Empirical Model of Large-Batch Training”，arXiv:1812.06162，式 2.6）。当 B = B_noise 时，它正好是 ε_max 的一半。",
        },
        s_over_smin: FigureText {
            label: "步数是最小步数的几倍",
            why: "S/S_min = 1 + B_crit/B：批量为 B 时所需的优化步数，与批量无限大时的步数之比（McCandlish 等，2018，式 2.11 与附录 D）。",
        },
        e_over_emin: FigureText {
            label: "样本数是最小样本数的几倍",
            why: "E/E_min = 1 + B/B_crit：批量为 B 时所需的训练样本数，与批量趋于 0 时的样本数之比（McCandlish 等，2018，式 2.11）。两个比值满足 (S/S_min − 1)(E/E_min − 1) = 1。",
        },
        b_crit: FigureText {
            label: "临界批量 B_crit",
            why: "B_crit = E_min/S_min（McCandlish 等，2018，式 2.12）。在该模型中，它等于整个训练过程平均的噪声尺度；噪声尺度不变时，它就等于 B_noise（McCandlish 等，2018，附录 D）。",
        },
        unit_examples: "个样本",
        unit_times_min: "× 最小值",
        reading_below: "B = {b} 远小于临界批量：所需步数是最小值的 {s} 倍，样本数只是最小值的 {e} 倍。加大批量几乎能按比例减少步数，而多用的数据很少。",
        reading_near: "B = {b} 接近临界批量：步数是最小值的 {s} 倍，样本数是最小值的 {e} 倍——这是时间与算力之间常见的折中。",
        reading_above: "B = {b} 远大于临界批量：步数是最小值的 {s} 倍，样本数却是最小值的 {e} 倍。再把批量翻倍，几乎省不了步数，数据消耗却翻倍。",
        eps_title: "最优步长占 ε_max 的比例",
        batch_x: "批量大小 B（样本数）",
        eps_y: "ε_opt(B) / ε_max",
        eps_alt: "小批量时最优步长与 B 成正比，在 B_noise = {b_noise} 处为 ε_max 的一半，更大时趋于平坦。",
        se_title: "步数与样本数相对最小值的倍数",
        se_y: "最小值的倍数",
        se_steps: "步数 S/S_min",
        se_examples: "样本数 E/E_min",
        se_alt: "步数随批量增大而下降，样本数随之上升；两条曲线在 B_crit = {b_crit} 处相交，此时都等于 2。",
        trade_title: "步数与样本数的权衡",
        trade_x: "样本数 E/E_min",
        trade_y: "步数 S/S_min",
        trade_current: "B = {b}",
        trade_alt: "双曲线 (S/S_min − 1)(E/E_min − 1) = 1，临界批量位于 (2, 2)，图中标出了所选批量。",
    },
    estimator: LrEstimator {
        heading: "3 · 估计你自己训练中的噪声尺度",
        intro: "噪声尺度可以在训练过程中测出来。批量梯度的平方范数，平均而言等于真实的 |G|² 加上噪声项 tr Σ/B，后者随批量增大而减小。在两个批量大小下各测一次，就能把两者都解出来，得到的是无偏估计（McCandlish 等，2018，附录 A）。",
        b_small: FieldText {
            label: "小批量 B_small",
            unit: "个样本",
            hint: "例如每张卡上的 micro-batch",
        },
        gn_small: FieldText {
            label: "小批量下的 |G|²",
            unit: "",
            hint: "梯度平方范数，对多步取平均",
        },
        b_big: FieldText {
            label: "大批量 B_big",
            unit: "个样本",
            hint: "例如 all-reduce 之后的全局批量",
        },
        gn_big: FieldText {
            label: "大批量下的 |G|²",
            unit: "",
            hint: "梯度平方范数，在相同的步上取平均",
        },
        g2: FigureText {
            label: "真实梯度平方范数 |𝒢|²",
            why: "|𝒢|² = (B_big·|G_big|² − B_small·|G_small|²)/(B_big − B_small)。由于 E|G_B|² = |G|² + tr Σ/B，这一估计是无偏的（McCandlish 等，2018，附录 A.1，式 A.1–A.2）。",
        },
        trace_sigma: FigureText {
            label: "梯度噪声 tr Σ（估计值 𝒮）",
            why: "𝒮 = (|G_small|² − |G_big|²)/(1/B_small − 1/B_big)，是单样本梯度协方差矩阵之迹的无偏估计（McCandlish 等，2018，式 A.2）。",
        },
        b_simple: FigureText {
            label: "简单噪声尺度 B_simple",
            why: "B_simple = tr Σ/|G|² ≈ 𝒮/|𝒢|²（McCandlish 等，2018，式 2.9）：批量梯度中噪声与信号一样大时的批量。论文发现临界批量与它很接近。这个比值是有偏的，所以要先对 𝒮 和 |𝒢|² 各自在多步上取平均，再相除（EleutherAI gpt-neox 的 megatron/gradient_noise_scale/gradient_noise_scale.py 用 β = 0.99 的指数滑动平均）。",
        },
        unit_examples: "个样本",
        equal_batches: "两个批量大小相同，两次测量无从区分，也就解不出任何东西。请用两个不同的批量——数据并行时，就是单卡批量和全局批量。",
        swapped: "B_small 必须是较小的那个批量。请把两行（连同各自的范数）对调。",
        noisy_trace: "噪声估计 𝒮 算出来是 {value}（≤ 0）：小批量的范数并不比大批量的大，而平均而言它应当更大。单次测量噪声太大——请先对 |G|² 在多步（几百步）上取平均，再相除。",
        noisy_signal: "信号估计 |𝒢|² 算出来是 {value}（≤ 0）：相对于小批量的范数，大批量的范数太小了。真实梯度远小于噪声，或者范数只是单次的含噪读数时，就会出现这种情况——请在更多步上取平均后再相除。",
        advice_below: "你的大批量 B_big = {b_big} 小于 B_simple ≈ {b_simple}：若 B_crit ≈ B_simple，批量 {b_big} 的训练需要最小步数的 {s} 倍、最小样本数的 {e} 倍。加大批量几乎能按比例减少步数；学习率也应随之提高（见第 4 部分）。",
        advice_near: "你的大批量 B_big = {b_big} 接近 B_simple ≈ {b_simple}：步数是最小值的 {s} 倍，样本数是最小值的 {e} 倍。这个位置不错；再加大批量收益递减。",
        advice_above: "你的大批量 B_big = {b_big} 远大于 B_simple ≈ {b_simple}：步数是最小值的 {s} 倍，样本数却是最小值的 {e} 倍。减小批量能更高效地利用数据；继续调高学习率也帮不了多少。",
        howto_title: "如何从数据并行训练中得到这两个数",
        howto: [
            (
                "两个范数，顺手就有",
                "N 张卡各自在自己的 micro-batch（大小 B_local）上算梯度，all-reduce 把它们平均成全局批量 N·B_local 的梯度。记录 all-reduce 之前某一张卡本地梯度的平方范数（B_small = B_local），以及 all-reduce 之后平均梯度的平方范数（B_big = N·B_local）。有梯度累积时，B_big 还要乘上累积的 micro-batch 数。",
            ),
            (
                "先平均，再相除",
                "单步的范数噪声很大，两个含噪数相除得到的比值是有偏的。应当对 |𝒢|² 和 𝒮 分别在多步上取平均——论文和 gpt-neox 都用指数滑动平均——最后只把两个平均值相除。估计值为负，就说明平均的步数还不够。",
            ),
            (
                "B_simple 说明了什么",
                "B_simple 可以作为临界批量的估计。批量低于它时，加大批量几乎能按比例减少步数，学习率也应随之提高；高于它时，每翻一倍只能省下很少的步数，却要多花一倍的数据。它还会随着损失下降而变大，所以训练中要多测几次。",
            ),
        ],
        chart_title: "梯度平方范数与批量大小的关系",
        chart_x: "批量大小 B（样本数）",
        chart_y: "E|G_B|²",
        signal_label: "|𝒢|²（信号）",
        b_simple_label: "B_simple",
        chart_alt: "两次测得的平方范数，以及穿过它们的曲线 |𝒢|² + 𝒮/B；在 B_simple = {b_simple} 处噪声与信号相等。",
    },
    scaling: LrScalingText {
        heading: "4 · 批量改变时如何调整学习率",
        intro: "学习率是在某个批量下调好的，现在要换批量。下面三条规则给出学习率该怎么跟着变。它们都只在临界批量以下成立：超过临界批量后最优步长不再增长（见第 2 部分），任何继续提高学习率的规则都会调过头。",
        lr0: FieldText {
            label: "在 B0 下调好的学习率",
            unit: "",
            hint: "例如 1e-4",
        },
        b0: FieldText {
            label: "原批量 B0",
            unit: "个样本",
            hint: "调学习率时所用的批量",
        },
        b1: FieldText {
            label: "新批量 B1",
            unit: "个样本",
            hint: "可以更小，也可以更大",
        },
        family: FieldText {
            label: "优化器",
            unit: "",
            hint: "适合它的规则会被突出显示",
        },
        family_names: ["SGD（含或不含动量）", "Adam / AdamW / RMSProp"],
        beta1: FieldText {
            label: "Adam β₁",
            unit: "",
            hint: "PyTorch 默认 0.9",
        },
        beta2: FieldText {
            label: "Adam β₂",
            unit: "",
            hint: "PyTorch 默认 0.999",
        },
        adam_eps: FieldText {
            label: "Adam ε",
            unit: "",
            hint: "PyTorch 默认 1e-8",
        },
        kappa: FigureText {
            label: "批量倍数 κ = B1/B0",
            why: "新批量是原批量的几倍；下面每条规则都用 κ 表示（记号沿用 Malladi 等，2022）。",
        },
        lr_linear: FigureText {
            label: "线性规则：学习率 × κ",
            why: "“批量乘以 k，学习率也乘以 k”（Goyal 等，2017，“Accurate, Large Minibatch SGD”，§2.1），并配合逐步预热；他们在 ResNet-50 上用 0.1 × 批量/256，批量 8192 时即 3.2。",
        },
        lr_sqrt: FigureText {
            label: "平方根规则：学习率 × √κ",
            why: "保持更新量的方差不变（Krizhevsky，2014，“One weird trick”）。对 Adam 和 RMSProp，这是 Malladi、Lyu、Panigrahi 与 Arora 用随机微分方程推出的规则（Malladi 等，2022，arXiv:2205.10287），同时还要按下方所示调整 β 和 ε。",
        },
        lr_mccandlish: FigureText {
            label: "噪声尺度规则：学习率 × ε_opt(B1)/ε_opt(B0)",
            why: "用第 2 部分的 B_noise，按 ε_opt(B) = ε_max/(1 + B_noise/B) 求两个最优步长之比（McCandlish 等，2018，式 2.6）。远低于 B_noise 时是线性的，远高于时趋于平坦。它是针对 SGD 推导的；对 Adam，论文报告小批量下最优学习率随批量呈幂律变化，指数在 0.5 到 1 之间（McCandlish 等，2018）。",
        },
        beta1_new: FigureText {
            label: "B1 下的 Adam β₁",
            why: "(1 − β₁) → κ(1 − β₁)（Malladi 等，2022，自适应方法的平方根缩放规则）：批量变大，步数变少，滑动平均每一步都要更快地遗忘旧梯度。",
        },
        beta2_new: FigureText {
            label: "B1 下的 Adam β₂",
            why: "(1 − β₂) → κ(1 − β₂)（Malladi 等，2022）。",
        },
        adam_eps_new: FigureText {
            label: "B1 下的 Adam ε",
            why: "ε → ε/√κ（Malladi 等，2022）：批量变大，梯度噪声变小，二阶矩估计的平方根约缩小为原来的 1/√κ，ε 随之缩小，才能保持相对大小不变。",
        },
        suggested_badge: "适合所选优化器",
        fits_sgd: "对 SGD，实践中行之有效的是线性规则，并配合预热（Goyal 等，2017）；平方根规则来自方差论证（Krizhevsky，2014），更为保守。",
        fits_adam: "对 Adam 类优化器，应使用平方根规则，并同时调整 β 和 ε（Malladi 等，2022）；线性规则对 Adam 会调过头。",
        no_b_noise: "需要 B_noise",
        near_critical: "B1 = {b1} 接近临界批量（约 {b_crit}）。这里最优步长的增长已经慢于批量的增长（在 B_crit 处只有 ε_max 的一半），线性规则开始调过头；噪声尺度规则会随之弯折。",
        beyond_critical: "B1 = {b1} 已远超临界批量（约 {b_crit}）。在这里最优步长几乎不再增长：线性和平方根规则都会调过头，甚至发散（见第 1 部分），多出来的批量也省不了几步（见第 2 部分）。此时应以噪声尺度规则为准，或者让批量靠近 {b_crit}。",
        below_critical: "B1 远低于临界批量（约 {b_crit}），正是这些规则适用的范围。不过它们都假定损失曲面没有变化，最好用一次短训练验证。",
        beta_out_of_range: "{which}：κ(1 − β) = {value} ≥ 1，按规则 β 将 ≤ 0。Malladi 等人的推导要求 κ(1 − β) 远小于 1：这次批量变化太大，超出了它的适用范围。",
        chart_title: "各规则在新批量下给出的学习率",
        chart_x: "新批量 B1（样本数）",
        chart_y: "学习率",
        rule_names: [
            "线性（Goyal）",
            "平方根（Malladi）",
            "噪声尺度（McCandlish）",
        ],
        b1_label: "B1",
        chart_alt: "三条规则都从批量 {b0} 下的学习率 {lr0} 出发；图中标出了新批量 {b1}。",
    },
    mark_b_noise: "B_noise",
    mark_b_crit: "B_crit",
    notes_title: "两个结论放在一起看",
    notes: [
        (
            "噪声定不了的上限",
            "最大稳定步长由最陡的曲率决定：η < 2/λ_max。即使梯度完全精确，步长再大也会发散（第 1 部分）。真实网络的 λ_max 在训练中不断变化，这也是需要预热的原因之一。",
        ),
        (
            "批量再大，步数也不再减少",
            "最优步长随批量增大而增大，直到批量达到噪声尺度后趋于饱和（第 2 部分）。在 B_crit 以内，批量越大步数按比例越少；超过之后，多出来的主要是数据消耗（McCandlish 等，2018）。",
        ),
        (
            "合起来看",
            "加大批量时，按适合所用优化器的规则提高学习率（第 4 部分）——但不要超过第 1 部分的上限，也别指望在第 3 部分测出的临界批量之外还有多少收益。",
        ),
    ],
};
