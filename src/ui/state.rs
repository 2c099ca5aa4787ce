//! The scenario held in the URL: which view, language, theme, and every input of every view.
//!
//! Each input is a [`Param`]: its URL key, its default text and a signal with the text as typed.
//! The text is the single source of truth; views parse it in memos. At start-up the query string
//! is read once; a value that is invalid or out of range falls back to its default and is listed
//! (`key=value`) in [`AppState::bad_params`] for a notice. An effect in `app.rs` writes the state back with
//! `history.replaceState`, so a reload or a shared link restores the page.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::i18n::Lang;
use super::views::data::DataParams;
use super::views::lr::LrParams;
use super::views::memory::MemoryParams;
use super::views::sim::SimParams;
use super::views::steps::StepsParams;
use crate::core::error::InputError;

/// The query string, decoded into key → value (the last value wins for repeated keys).
pub type Query = BTreeMap<String, String>;

/// One input of a view, as typed.
#[derive(Clone, Copy, Debug)]
pub struct Param {
    /// URL key.
    pub key: &'static str,
    /// Default text.
    pub default: &'static str,
    /// The text as typed.
    pub value: RwSignal<String>,
}

impl Param {
    /// A parameter initialised from the query (or its default).
    pub fn new(key: &'static str, default: &'static str, query: &Query) -> Self {
        let text = query
            .get(key)
            .cloned()
            .unwrap_or_else(|| default.to_string());
        Param {
            key,
            default,
            value: RwSignal::new(text),
        }
    }

    /// A parameter that also reads an older key: `key` wins, else `alias`, else the default.
    /// The URL is written back under `key` only, so the alias disappears from the address.
    pub fn with_alias(
        key: &'static str,
        alias: &'static str,
        default: &'static str,
        query: &Query,
    ) -> Self {
        let text = query
            .get(key)
            .or_else(|| query.get(alias))
            .cloned()
            .unwrap_or_else(|| default.to_string());
        Param {
            key,
            default,
            value: RwSignal::new(text),
        }
    }

    /// Whether the current text differs from the default.
    pub fn is_default(&self) -> bool {
        self.value.with(|v| v == self.default)
    }
}

/// A view's set of inputs.
pub trait ParamSet {
    /// All parameters, in URL order.
    fn params(&self) -> Vec<Param>;
    /// Errors of single fields (not of combinations), read without tracking; used at start-up
    /// to reset malformed URL values.
    fn field_errors(&self) -> Vec<InputError>;
}

/// The views of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Steps, updates, examples and the LR schedule.
    Steps,
    /// Maximum step, optimal step against batch size, critical batch, noise-scale estimator.
    Lr,
    /// Noisy training simulated in the page.
    Sim,
    /// GPU memory for training and fine-tuning.
    Memory,
    /// Multi-task mixing and data guidance.
    Data,
}

impl View {
    /// All views, in navigation order.
    pub const ALL: [View; 5] = [View::Steps, View::Lr, View::Sim, View::Memory, View::Data];

    /// The URL value.
    pub fn key(self) -> &'static str {
        match self {
            View::Steps => "steps",
            View::Lr => "lr",
            View::Sim => "sim",
            View::Memory => "memory",
            View::Data => "data",
        }
    }

    /// Reads a URL value.
    pub fn parse(text: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.key() == text)
    }
}

/// Colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Follow `prefers-color-scheme`.
    Auto,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl Theme {
    /// All themes, in menu order.
    pub const ALL: [Theme; 3] = [Theme::Auto, Theme::Light, Theme::Dark];

    /// The URL value.
    pub fn key(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// Reads a URL value.
    pub fn parse(text: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.key() == text)
    }
}

/// What `hide=` can name: parts of the page an embedding (or linking) teacher can hide. The first
/// four apply to every view; the rest to one view each (see [`hide_flags_for`]). A set of flags is
/// a bit mask over this list, so the state stays `Copy`.
pub const HIDE_FLAGS: [&str; 13] = [
    "controls",
    "text",
    "nav",
    "figures",
    "max-step",
    "critical",
    "estimator",
    "scaling",
    "cells",
    "sweep",
    "parts",
    "gpus",
    "measured",
];

/// The bits of [`HIDE_FLAGS`] that mean something on `view` (the Share panel offers these).
pub fn hide_flags_for(view: View) -> u16 {
    let generic = 0b1111;
    let own = match view {
        View::Steps | View::Data => 0,
        View::Lr => 0b1111 << 4,
        View::Sim => 0b11 << 8,
        View::Memory => 0b111 << 10,
    };
    generic | own
}

/// Reads a `hide=` value: a comma list of [`HIDE_FLAGS`] words (spaces and empty items ignored).
/// Returns the mask of the known words and whether every word was known.
pub fn parse_hide(text: &str) -> (u16, bool) {
    let mut mask = 0u16;
    let mut ok = true;
    for word in text.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        match HIDE_FLAGS.iter().position(|f| *f == word) {
            Some(i) => mask |= 1 << i,
            None => ok = false,
        }
    }
    (mask, ok)
}

/// The flags of `mask` as words, in [`HIDE_FLAGS`] order, joined by `sep`.
pub fn hide_words(mask: u16, sep: &str) -> String {
    HIDE_FLAGS
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, f)| *f)
        .collect::<Vec<_>>()
        .join(sep)
}

/// How the notice names a parameter that was reset: `key=value`, a long value cut to 40
/// characters and an ellipsis.
pub fn bad_entry(key: &str, value: &str) -> String {
    const MAX: usize = 40;
    let mut shown: String = value.chars().take(MAX).collect();
    if value.chars().nth(MAX).is_some() {
        shown.push('…');
    }
    format!("{key}={shown}")
}

/// The key of a [`bad_entry`].
fn bad_key(entry: &str) -> &str {
    entry.split_once('=').map_or(entry, |(k, _)| k)
}

/// Everything the URL holds, as signals. Cheap to copy; provided as context by the app.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The current view.
    pub view: RwSignal<View>,
    /// The language.
    pub lang: RwSignal<Lang>,
    /// The theme choice.
    pub theme: RwSignal<Theme>,
    /// Whether the system prefers a dark scheme (kept current by a media-query listener).
    pub system_dark: RwSignal<bool>,
    /// `key=value` of each URL parameter whose value was invalid or out of range and was reset to
    /// its default (see [`bad_entry`]; empty once dismissed).
    pub bad_params: RwSignal<Vec<String>>,
    /// The Simulator's last measured noise scale (B_noise where the Hessian is known, else
    /// B_simple), published when a sweep finishes; the Batch & LR view offers it for `b_noise`.
    pub measured_noise: RwSignal<Option<f64>>,
    /// `embed=1`: the page is shown inside another page's iframe (no site chrome, compact).
    /// Fixed for the page's life.
    pub embed: bool,
    /// `hide=`: a mask over [`HIDE_FLAGS`]. Fixed for the page's life.
    pub hide: u16,
    /// The Steps view's inputs.
    pub steps: StepsParams,
    /// The Batch & LR view's inputs.
    pub lr: LrParams,
    /// The Simulator view's inputs.
    pub sim: SimParams,
    /// The Memory view's inputs.
    pub memory: MemoryParams,
    /// The Data view's inputs.
    pub data: DataParams,
}

impl AppState {
    /// Builds the state from a query, resetting malformed values to their defaults.
    /// `browser_lang` is the browser's language tag, used when the query has no `lang`.
    pub fn from_query(query: &Query, browser_lang: &str, system_dark: bool) -> AppState {
        let mut bad = Vec::new();
        let view = match query.get("view") {
            None => View::Steps,
            Some(v) => View::parse(v).unwrap_or_else(|| {
                bad.push(bad_entry("view", v));
                View::Steps
            }),
        };
        let lang = match query.get("lang") {
            None => Lang::from_browser(browser_lang),
            Some(v) => Lang::parse(v).unwrap_or_else(|| {
                bad.push(bad_entry("lang", v));
                Lang::from_browser(browser_lang)
            }),
        };
        let theme = match query.get("theme") {
            None => Theme::Auto,
            Some(v) => Theme::parse(v).unwrap_or_else(|| {
                bad.push(bad_entry("theme", v));
                Theme::Auto
            }),
        };
        let embed = match query.get("embed").map(|v| v.trim()) {
            None | Some("" | "0") => false,
            Some("1") => true,
            Some(v) => {
                bad.push(bad_entry("embed", v));
                false
            }
        };
        // Unknown words are dropped (and reported); the known ones still apply.
        let (hide, hide_ok) = parse_hide(query.get("hide").map_or("", String::as_str));
        if !hide_ok {
            bad.push(bad_entry(
                "hide",
                query.get("hide").map_or("", String::as_str),
            ));
        }
        let steps = StepsParams::new(query);
        let state = AppState {
            view: RwSignal::new(view),
            lang: RwSignal::new(lang),
            theme: RwSignal::new(theme),
            system_dark: RwSignal::new(system_dark),
            bad_params: RwSignal::new(Vec::new()),
            measured_noise: RwSignal::new(None),
            embed,
            hide,
            steps,
            lr: LrParams::new(query),
            sim: SimParams::new(query),
            memory: MemoryParams::new(query, &steps),
            data: DataParams::new(query),
        };
        state.reset_malformed(&mut bad, |v| v == view);
        state.bad_params.set(bad);
        state
    }

    /// Resets to its default every malformed parameter of the views `which` picks, adding its key
    /// to `bad`.
    fn reset_malformed(&self, bad: &mut Vec<String>, which: impl Fn(View) -> bool) {
        for v in View::ALL.into_iter().filter(|v| which(*v)) {
            let set = self.view_params(v);
            let errors = set.field_errors();
            for param in set.params() {
                if errors.iter().any(|e| e.field == param.key)
                    && !bad.iter().any(|k| bad_key(k) == param.key)
                {
                    bad.push(param.value.with_untracked(|v| bad_entry(param.key, v)));
                    param.value.set(param.default.to_string());
                }
            }
        }
    }

    /// Checks the other views' parameters as [`AppState::from_query`] checks the current view's.
    ///
    /// The page calls it in a task after the one that builds it: reading the other views'
    /// parameters is not needed to show this one, and the start-up task is shorter without it.
    pub fn check_other_views(&self) {
        let view = self.view.get_untracked();
        let mut bad = self.bad_params.get_untracked();
        let before = bad.len();
        self.reset_malformed(&mut bad, |v| v != view);
        if bad.len() != before {
            self.bad_params.set(bad);
        }
    }

    /// Every view's parameter set.
    fn param_sets(&self) -> [&dyn ParamSet; 5] {
        [&self.steps, &self.lr, &self.sim, &self.memory, &self.data]
    }

    /// The parameter set of `view`.
    fn view_params(&self, view: View) -> &dyn ParamSet {
        match view {
            View::Steps => &self.steps,
            View::Lr => &self.lr,
            View::Sim => &self.sim,
            View::Memory => &self.memory,
            View::Data => &self.data,
        }
    }

    /// Whether the effective theme is dark.
    pub fn dark(&self) -> bool {
        match self.theme.get() {
            Theme::Dark => true,
            Theme::Light => false,
            Theme::Auto => self.system_dark.get(),
        }
    }

    /// The (key, value) pairs to put in the URL: view, language, theme (unless auto), every input
    /// of the current view, and the inputs of other views that differ from their defaults. A key
    /// shared by two views (`mbs`, `seq`, `ga`, `gpus`) appears once.
    /// Reads signals, so an effect that calls it re-runs on every edit.
    pub fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let view = self.view.get();
        let mut pairs = vec![
            ("view", view.key().to_string()),
            ("lang", self.lang.get().key().to_string()),
        ];
        let theme = self.theme.get();
        if theme != Theme::Auto {
            pairs.push(("theme", theme.key().to_string()));
        }
        if self.embed {
            pairs.push(("embed", "1".to_string()));
        }
        if self.hide != 0 {
            pairs.push(("hide", hide_words(self.hide, ",")));
        }
        let current = self.view_params(view).params();
        for p in &current {
            pairs.push((p.key, p.value.get()));
        }
        for set in self.param_sets() {
            for p in set.params() {
                if !pairs.iter().any(|(k, _)| *k == p.key) && !p.is_default() {
                    pairs.push((p.key, p.value.get()));
                }
            }
        }
        pairs
    }

    /// The pairs of the full app in the same state: [`AppState::query_pairs`] without `embed`
    /// and `hide` (the `open-full` link and the Share panel's link).
    pub fn full_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = self.query_pairs();
        pairs.retain(|(k, _)| *k != "embed" && *k != "hide");
        pairs
    }

    /// The pairs of an embed of the current state with the flags of `hide`.
    pub fn embed_pairs(&self, hide: u16) -> Vec<(&'static str, String)> {
        let mut pairs = self.full_pairs();
        pairs.push(("embed", "1".to_string()));
        if hide != 0 {
            pairs.push(("hide", hide_words(hide, ",")));
        }
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> Query {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// Steps' devices and Memory's GPUs are one parameter under `gpus`; the old `dev` is read
    /// and written back as `gpus`, and a shared key appears once in the URL.
    #[test]
    fn devices_are_one_key_gpus_with_dev_as_an_alias() {
        let owner = Owner::new();
        owner.set();
        for view in ["steps", "memory", "lr"] {
            let state = AppState::from_query(
                &query(&[("view", view), ("dev", "4"), ("mbs", "8")]),
                "en",
                false,
            );
            assert_eq!(state.steps.gpus.value.get_untracked(), "4");
            assert_eq!(state.memory.gpus.value.get_untracked(), "4");
            state.memory.gpus.value.set("2".into());
            assert_eq!(state.steps.gpus.value.get_untracked(), "2", "one signal");
            let pairs = state.query_pairs();
            let count = |key: &str| pairs.iter().filter(|(k, _)| *k == key).count();
            assert_eq!(
                (count("gpus"), count("dev"), count("mbs")),
                (1, 0, 1),
                "{view}"
            );
        }
        // `gpus` wins over the alias.
        let state = AppState::from_query(&query(&[("gpus", "3"), ("dev", "5")]), "en", false);
        assert_eq!(state.steps.gpus.value.get_untracked(), "3");
    }

    #[test]
    fn hide_reads_a_comma_list_and_reports_unknown_words() {
        assert_eq!(parse_hide(""), (0, true));
        assert_eq!(parse_hide("controls"), (1, true));
        assert_eq!(parse_hide(" text , nav,,"), (0b110, true));
        let (mask, ok) = parse_hide("controls,<script>alert(1)</script>,sweep");
        assert!(!ok);
        assert_eq!(hide_words(mask, ","), "controls,sweep");
        assert_eq!(parse_hide("CONTROLS"), (0, false));
        // Every word round-trips, and the order is the table's, whatever the input order.
        let all = HIDE_FLAGS.join(",");
        let (mask, ok) = parse_hide(&all);
        assert!(ok);
        assert_eq!(hide_words(mask, ","), all);
        assert_eq!(
            hide_words(parse_hide("nav,controls").0, " "),
            "controls nav"
        );
    }

    #[test]
    fn the_notice_names_each_reset_value_as_key_equals_value() {
        let query: Query = [
            ("view", "steps"),
            ("theme", "purple"),
            ("n", "0"),
            ("lr", "-1"),
            ("mbs", "8"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let state = AppState::from_query(&query, "en", false);
        let bad = state.bad_params.get_untracked();
        assert!(bad.contains(&"theme=purple".to_string()), "{bad:?}");
        assert!(bad.contains(&"n=0".to_string()), "{bad:?}");
        assert!(bad.contains(&"lr=-1".to_string()), "{bad:?}");
        assert!(!bad.iter().any(|e| e.starts_with("mbs")), "{bad:?}");
        assert_eq!(state.steps.n.value.get_untracked(), state.steps.n.default);
        let long = "x".repeat(50);
        assert_eq!(
            bad_entry("tasks", &long),
            format!("tasks={}…", "x".repeat(40))
        );
        assert_eq!(bad_key("hide=a=b"), "hide");
    }

    #[test]
    fn each_view_offers_the_generic_flags_and_its_own() {
        for v in View::ALL {
            assert_eq!(hide_flags_for(v) & 0b1111, 0b1111);
        }
        assert_eq!(
            hide_words(hide_flags_for(View::Lr) >> 4 << 4, ","),
            "max-step,critical,estimator,scaling"
        );
        assert_eq!(
            hide_words(hide_flags_for(View::Sim) >> 4 << 4, ","),
            "cells,sweep"
        );
        assert_eq!(
            hide_words(hide_flags_for(View::Memory) >> 4 << 4, ","),
            "parts,gpus,measured"
        );
        assert_eq!(hide_flags_for(View::Steps), 0b1111);
        // The masks fit the table.
        assert!(
            View::ALL
                .iter()
                .all(|v| hide_flags_for(*v) < 1 << HIDE_FLAGS.len())
        );
    }
}
