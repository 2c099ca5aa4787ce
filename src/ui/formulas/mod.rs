//! The "Formulas and sources" pages: one static page per language (`public/formulas.html`,
//! `public/formulas.zh.html`) listing every formula the app uses, with a short derivation and its
//! source, and the link from each figure's "why?" note to its entry.
//!
//! The pages are generated from a table of entries (`entries`, both languages) by `page`, and a
//! native test fails when the committed files are out of date; run it with
//! `BATCH_LAB_WRITE_FORMULAS=1 cargo test --lib formulas` to rewrite them. Both are compiled for
//! tests only, like `prerender`: the app itself needs only the figure → entry map below.

#[cfg(test)]
mod entries;
#[cfg(test)]
mod page;

use super::i18n::Lang;
use super::state::View;

/// The page of `lang`, as a link relative to the app's own address (the pages sit next to
/// `index.html`, so this works under any sub-path).
pub fn page_file(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "formulas.html",
        Lang::Zh => "formulas.zh.html",
    }
}

/// The link from a figure to entry `id` on the page of `lang`.
pub fn formula_href(lang: Lang, id: &str) -> String {
    format!("{}#formula-{id}", page_file(lang))
}

/// Which entry explains each computed figure: (view, figure `data-testid` as README.md names it,
/// entry id). `<…>` in a testid stands for any non-empty text (`mix-rate-<i>` covers `mix-rate-0`).
/// The first match wins, so exact names come before patterns that could also match them.
pub const FIGURE_FORMULAS: &[(View, &str, &str)] = &[
    // Steps
    (View::Steps, "effective-batch", "effective-batch"),
    (View::Steps, "batches-per-epoch", "dataloader-length"),
    (View::Steps, "updates-per-epoch", "updates-per-epoch"),
    (View::Steps, "legacy-updates-per-epoch", "updates-per-epoch"),
    (View::Steps, "total-updates", "total-updates"),
    (View::Steps, "legacy-total-updates", "total-updates"),
    (View::Steps, "epochs-run", "total-updates"),
    (View::Steps, "epoch-final", "total-updates"),
    (View::Steps, "examples-seen", "examples-tokens"),
    (View::Steps, "tokens-seen", "examples-tokens"),
    (View::Steps, "warmup-steps", "warmup"),
    // Batch & LR
    (View::Lr, "eta-max", "max-step-momentum"),
    (View::Lr, "step-ratio", "max-step-momentum"),
    (View::Lr, "rate", "max-step-momentum"),
    (View::Lr, "verdict", "max-step-momentum"),
    (View::Lr, "blowup-step", "max-step"),
    (View::Lr, "eps-opt", "eps-opt"),
    (View::Lr, "s-over-smin", "tradeoff"),
    (View::Lr, "e-over-emin", "tradeoff"),
    (View::Lr, "b-crit", "b-crit"),
    (View::Lr, "g2", "two-batch-estimator"),
    (View::Lr, "trace-sigma", "two-batch-estimator"),
    (View::Lr, "b-simple", "two-batch-estimator"),
    (View::Lr, "kappa", "lr-linear"),
    (View::Lr, "lr-linear", "lr-linear"),
    (View::Lr, "lr-sqrt", "lr-sqrt"),
    (View::Lr, "lr-mccandlish", "lr-mccandlish"),
    (View::Lr, "beta1-new", "adam-scaling"),
    (View::Lr, "beta2-new", "adam-scaling"),
    (View::Lr, "adam-eps-new", "adam-scaling"),
    (View::Lr, "lr-suggested", "adam-scaling"),
    // Simulator
    (View::Sim, "b-simple", "b-simple"),
    (View::Sim, "b-noise", "b-noise"),
    (View::Sim, "critical-batch-<opt>", "b-crit"),
    (View::Sim, "final-loss-<opt>-<B>", "nqm"),
    (View::Sim, "best-lr-<opt>-<B>", "lr-sweep"),
    (View::Sim, "max-stable-lr-<opt>-<B>", "lr-sweep"),
    (View::Sim, "steps-to-target-<opt>-<B>", "lr-sweep"),
    (View::Sim, "examples-to-target-<opt>-<B>", "lr-sweep"),
    (View::Sim, "lr-<opt>-<B>", "lr-sweep"),
    (View::Sim, "divisor-slope-<rule>", "divisor"),
    (View::Sim, "sophia-warm", "divisor"),
    (View::Sim, "sophia-clipped", "divisor"),
    (View::Sim, "b-noise-floor", "noise-floor-batch"),
    (View::Sim, "heldout-loss-<opt>-<B>", "generalisation-gap"),
    (View::Sim, "gen-gap-<opt>-<B>", "generalisation-gap"),
    // Memory
    (View::Memory, "mem-weights", "model-states"),
    (View::Memory, "mem-grads", "model-states"),
    (View::Memory, "mem-optimizer", "optimizer-states"),
    (View::Memory, "mem-activations", "activations"),
    (View::Memory, "mem-logits", "logits"),
    (View::Memory, "mem-overhead", "overhead"),
    (View::Memory, "mem-total", "peak"),
    (View::Memory, "mem-phase", "peak"),
    (View::Memory, "max-mbs", "peak"),
    (View::Memory, "gpu-fit-<card>", "peak"),
    (View::Memory, "measured-<i>", "peak"),
    (View::Memory, "params-total", "param-count"),
    (View::Memory, "params-trainable", "lora"),
    (View::Memory, "params-all", "lora"),
    // Data
    (View::Data, "mix-rate-<i>", "mix-proportional"),
    (View::Data, "mix-alpha", "mix-alpha"),
    (View::Data, "mix-draws", "mix-draws"),
    (View::Data, "mix-examples-<i>", "mix-draws"),
    (View::Data, "mix-epochs-<i>", "mix-draws"),
    (View::Data, "mix-tokens-<i>", "mix-draws"),
    (View::Data, "mix-warning-<i>", "mix-draws"),
    (View::Data, "exp-heldout-<i>", "data-exp"),
    (View::Data, "exp-best-<i>", "data-exp"),
    (View::Data, "exp-epochs-<i>", "data-exp"),
    (View::Data, "exp-mean-heldout-<scheme>", "data-exp"),
    (View::Data, "exp-worst-heldout-<scheme>", "data-exp"),
    (View::Data, "quality-heldout-clean", "data-exp-quality"),
    (View::Data, "quality-heldout-noisy", "data-exp-quality"),
    (View::Data, "quality-break-even", "data-exp-quality"),
    (View::Data, "diversity-heldout-<c>", "data-exp-diversity"),
    // Time & cost
    (View::Compute, "flops-per-token", "flops-per-token"),
    (View::Compute, "compute-terms", "flops-per-token"),
    (View::Compute, "train-flops", "train-flops"),
    (View::Compute, "step-seconds", "training-time"),
    (View::Compute, "wall-hours", "training-time"),
    (View::Compute, "gpu-hours", "training-time"),
    (View::Compute, "tokens-per-second", "training-time"),
    (View::Compute, "run-<i>", "training-time"),
    (View::Compute, "compute-peak", "card-peaks"),
    (View::Compute, "energy-kwh", "energy-cost"),
    (View::Compute, "cost", "energy-cost"),
];

/// The entry that explains figure `testid` of `view`, if any.
pub fn formula_for(view: View, testid: &str) -> Option<&'static str> {
    FIGURE_FORMULAS
        .iter()
        .find(|(v, pattern, _)| *v == view && matches(pattern, testid))
        .map(|(_, _, id)| *id)
}

/// Whether `text` fits `pattern`, where each `<…>` in the pattern stands for non-empty text.
fn matches(pattern: &str, text: &str) -> bool {
    match pattern.find('<') {
        None => pattern == text,
        Some(open) => {
            let Some(close) = pattern[open..].find('>').map(|c| open + c) else {
                return pattern == text;
            };
            let (head, rest) = (&pattern[..open], &pattern[close + 1..]);
            let Some(tail) = text.strip_prefix(head) else {
                return false;
            };
            // The wildcard takes at least one character; try every split after that.
            tail.char_indices()
                .skip(1)
                .map(|(i, _)| i)
                .chain(std::iter::once(tail.len()))
                .filter(|&i| i > 0)
                .any(|i| matches(rest, &tail[i..]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_whole_names() {
        assert!(matches("mix-rate-<i>", "mix-rate-0"));
        assert!(matches("mix-rate-<i>", "mix-rate-12"));
        assert!(!matches("mix-rate-<i>", "mix-rate-"));
        assert!(matches("lr-<opt>-<B>", "lr-adam-128"));
        assert!(!matches("lr-<opt>-<B>", "lr-adam"));
        assert!(!matches("lr-<opt>-<B>", "best-lr-adam-128"));
        assert!(matches("b-crit", "b-crit"));
        assert!(!matches("b-crit", "b-crit-2"));
    }

    #[test]
    fn lookup_is_per_view() {
        assert_eq!(
            formula_for(View::Lr, "b-simple"),
            Some("two-batch-estimator")
        );
        assert_eq!(formula_for(View::Sim, "b-simple"), Some("b-simple"));
        assert_eq!(formula_for(View::Sim, "best-lr-adam-16"), Some("lr-sweep"));
        assert_eq!(formula_for(View::Sim, "lr-sgd-1024"), Some("lr-sweep"));
        assert_eq!(formula_for(View::Lr, "lr-sqrt"), Some("lr-sqrt"));
        assert_eq!(formula_for(View::Steps, "no-such-figure"), None);
    }

    #[test]
    fn links_are_relative_and_per_language() {
        assert_eq!(
            formula_href(Lang::En, "eps-opt"),
            "formulas.html#formula-eps-opt"
        );
        assert_eq!(
            formula_href(Lang::Zh, "eps-opt"),
            "formulas.zh.html#formula-eps-opt"
        );
    }
}
