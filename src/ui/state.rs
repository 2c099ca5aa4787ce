//! The scenario held in the URL: which view, language, theme, and every input of every view.
//!
//! Each input is a [`Param`]: its URL key, its default text and a signal with the text as typed.
//! The text is the single source of truth; views parse it in memos. At start-up the query string
//! is read once; a value that does not parse falls back to its default and is listed (`key=value`)
//! in [`AppState::bad_params`] for a notice. So is a value of blanks only (`tied=+`, `mix=%0A`), a
//! key without `=` (`&mix&`), and a value that reading another one brings into play. The open
//! view's keys are checked by its own parser; the other views' keys, in a task after the page is
//! built, by their declarations (`core::params`: bounds of counts and numbers, flags); a value
//! only its view's parser can read (a choice word, a list) is checked when that view's page opens.
//! An effect in `app.rs` writes the state back with `history.replaceState`, so a reload or a shared
//! link restores the page, and the written URL reloads to the same figures.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::i18n::Lang;
use super::params::compute::ComputeParams;
use super::params::data::DataParams;
use super::params::lr::LrParams;
use super::params::memory::MemoryParams;
use super::params::sim::SimParams;
use super::params::steps::StepsParams;
use crate::core::error::InputError;
use crate::core::params::{ParamSpec, Rule};

/// The query string, decoded into key → value (the last value wins for repeated keys).
pub type Query = BTreeMap<String, String>;

/// Reads a query string (`?a=1&b=2`; the `?` is optional) as the browser's `URLSearchParams`
/// does (`application/x-www-form-urlencoded`: `+` is a space, `%XX` a byte, a malformed `%`
/// escape stays as typed, bytes that are not UTF-8 become U+FFFD), with one difference: a key
/// without `=` (`&mix&`) carries no value. Returns the values (the last wins) and those keys.
pub fn parse_search(search: &str) -> (Query, Vec<String>) {
    let mut query = Query::new();
    let mut bare = Vec::new();
    for part in search.strip_prefix('?').unwrap_or(search).split('&') {
        if part.is_empty() {
            continue;
        }
        match part.split_once('=') {
            Some((k, v)) => {
                query.insert(form_decode(k), form_decode(v));
            }
            None => bare.push(form_decode(part)),
        }
    }
    (query, bare)
}

/// Decodes one `application/x-www-form-urlencoded` name or value (see [`parse_search`]).
fn form_decode(text: &str) -> String {
    let hex = |b: u8| char::from(b).to_digit(16);
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let escaped = match (b, bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) => hex(h).zip(hex(l)).map(|(h, l)| (h * 16 + l) as u8),
            _ => None,
        };
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(if b == b'+' { b' ' } else { b });
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A notice entry naming a value that was not used: `key=value`, the value as text with blanks
/// and control characters shown as `%XX` (so `%00` and `+` stay visible) and cut at 40
/// characters. A key without `=` is named alone.
pub fn notice_entry(key: &str, value: Option<&str>) -> String {
    let Some(value) = value else {
        return key.to_string();
    };
    let mut shown = String::new();
    for (i, c) in value.chars().enumerate() {
        if i == 40 {
            shown.push('…');
            break;
        }
        if c.is_whitespace() || c.is_control() {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                shown.push_str(&format!("%{b:02X}"));
            }
        } else {
            shown.push(c);
        }
    }
    format!("{key}={shown}")
}

/// The key a notice entry names (see [`notice_entry`]).
fn entry_key(entry: &str) -> &str {
    entry.split_once('=').map_or(entry, |(k, _)| k)
}

/// Whether a URL value is blanks only (not empty): `tied=+`, `mix=%0A`. Fields read such text
/// as empty, which for many means "the default", so the page would use the default while the
/// URL kept the blanks; it is reset with a notice instead.
fn is_blank(text: &str) -> bool {
    !text.is_empty() && text.trim().is_empty()
}

/// One input of a view, as typed.
#[derive(Clone, Copy, Debug)]
pub struct Param {
    /// URL key.
    pub key: &'static str,
    /// Default text.
    pub default: &'static str,
    /// The declared rule (how pages that do not show this view check the value).
    pub rule: Rule,
    /// The text as typed.
    pub value: RwSignal<String>,
}

impl Param {
    /// A parameter as declared in `core::params`: its key (else its older key) from the query,
    /// else its default. The URL is written back under `key` only, so an alias disappears
    /// from the address.
    pub fn from_spec(spec: &'static ParamSpec, query: &Query) -> Self {
        let text = query
            .get(spec.key)
            .or_else(|| spec.alias.and_then(|alias| query.get(alias)))
            .cloned()
            .unwrap_or_else(|| spec.default.to_string());
        Param {
            key: spec.key,
            default: spec.default,
            rule: spec.rule,
            value: RwSignal::new(text),
        }
    }

    /// Whether the current text differs from the default.
    pub fn is_default(&self) -> bool {
        self.value.with(|v| v == self.default)
    }

    /// Whether the current text (read without tracking) is wrong by the declaration alone:
    /// blanks only, or refused by a declared rule (see [`Rule::check`]).
    fn wrong_by_declaration(&self) -> bool {
        self.value
            .with_untracked(|t| is_blank(t) || self.rule.check(self.key, t).is_err())
    }
}

/// A view's set of inputs.
///
/// Listing is all a page needs of the views it does not show: their values are checked by
/// their declarations alone ([`Param::wrong_by_declaration`]). The open view's set is checked
/// by its full parser through [`FieldCheck`], which a page's module names for its own view
/// only (see `ui::mount`), so no page links another view's parsers.
pub trait ParamSet {
    /// All parameters, in URL order.
    fn params(&self) -> Vec<Param>;
    /// The parameters [`FieldCheck::field_errors`] may name when this view's page is open: its
    /// own, and the shared ones it checks against ranges of its own (the Memory view's `mbs`).
    fn checked_params(&self) -> Vec<Param> {
        self.params()
    }
}

/// The open view's full check of its fields.
pub trait FieldCheck: ParamSet {
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
    /// Training time, GPU-hours, energy and cost.
    Compute,
}

impl View {
    /// All views, in navigation order.
    pub const ALL: [View; 6] = [
        View::Steps,
        View::Lr,
        View::Sim,
        View::Memory,
        View::Data,
        View::Compute,
    ];

    /// The URL value.
    pub fn key(self) -> &'static str {
        match self {
            View::Steps => "steps",
            View::Lr => "lr",
            View::Sim => "sim",
            View::Memory => "memory",
            View::Data => "data",
            View::Compute => "compute",
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
/// four apply to every view; the rest to one view each ([`Hide::view`]). A set of them is a bit
/// mask over [`Hide::ALL`] ([`Hide::bit`]), so the state stays `Copy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hide {
    /// The inputs.
    Controls,
    /// Leads, intros, hints, "why?" notes and the notes section.
    Text,
    /// The view tabs.
    Nav,
    /// The figure cards.
    Figures,
    /// Batch & LR: the maximum-step section.
    MaxStep,
    /// Batch & LR: the critical-batch section.
    Critical,
    /// Batch & LR: the noise-scale estimator.
    Estimator,
    /// Batch & LR: the scaling rules.
    Scaling,
    /// Simulator: the results table.
    Cells,
    /// Simulator: the sweep and steps-to-target charts and the sweep button.
    Sweep,
    /// Memory: the parts table.
    Parts,
    /// Memory: the GPU list.
    Gpus,
    /// Memory: the measured peaks.
    Measured,
    /// Data: the experiments.
    Experiments,
}

impl Hide {
    /// Every part, in URL (and label table) order.
    pub const ALL: [Hide; 14] = [
        Hide::Controls,
        Hide::Text,
        Hide::Nav,
        Hide::Figures,
        Hide::MaxStep,
        Hide::Critical,
        Hide::Estimator,
        Hide::Scaling,
        Hide::Cells,
        Hide::Sweep,
        Hide::Parts,
        Hide::Gpus,
        Hide::Measured,
        Hide::Experiments,
    ];

    /// The `hide=` word.
    pub fn word(self) -> &'static str {
        match self {
            Hide::Controls => "controls",
            Hide::Text => "text",
            Hide::Nav => "nav",
            Hide::Figures => "figures",
            Hide::MaxStep => "max-step",
            Hide::Critical => "critical",
            Hide::Estimator => "estimator",
            Hide::Scaling => "scaling",
            Hide::Cells => "cells",
            Hide::Sweep => "sweep",
            Hide::Parts => "parts",
            Hide::Gpus => "gpus",
            Hide::Measured => "measured",
            Hide::Experiments => "experiments",
        }
    }

    /// The view the part belongs to (`None`: every view has it).
    pub fn view(self) -> Option<View> {
        match self {
            Hide::Controls | Hide::Text | Hide::Nav | Hide::Figures => None,
            Hide::MaxStep | Hide::Critical | Hide::Estimator | Hide::Scaling => Some(View::Lr),
            Hide::Cells | Hide::Sweep => Some(View::Sim),
            Hide::Parts | Hide::Gpus | Hide::Measured => Some(View::Memory),
            Hide::Experiments => Some(View::Data),
        }
    }

    /// Its bit in a mask.
    pub fn bit(self) -> u16 {
        1 << self as u16
    }

    /// Whether `mask` has it.
    pub fn is_in(self, mask: u16) -> bool {
        mask & self.bit() != 0
    }
}

/// The `hide=` words, in [`Hide::ALL`] order.
pub const HIDE_FLAGS: [&str; 14] = [
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
    "experiments",
];

/// The parts that mean something on `view` (the Share panel offers these).
pub fn hide_flags_for(view: View) -> u16 {
    Hide::ALL
        .into_iter()
        .filter(|h| h.view().is_none_or(|v| v == view))
        .fold(0, |mask, h| mask | h.bit())
}

/// Reads a `hide=` value: a comma list of [`HIDE_FLAGS`] words (spaces and empty items ignored).
/// Returns the mask of the known words and whether every word was known.
pub fn parse_hide(text: &str) -> (u16, bool) {
    let mut mask = 0u16;
    let mut ok = true;
    for word in text.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        match Hide::ALL.into_iter().find(|h| h.word() == word) {
            Some(h) => mask |= h.bit(),
            None => ok = false,
        }
    }
    (mask, ok)
}

/// The flags of `mask` as words, in [`HIDE_FLAGS`] order, joined by `sep`.
pub fn hide_words(mask: u16, sep: &str) -> String {
    Hide::ALL
        .into_iter()
        .filter(|h| h.is_in(mask))
        .map(Hide::word)
        .collect::<Vec<_>>()
        .join(sep)
}

/// Resets each of `params` that `wrong` picks and that is not at its default, adding
/// `key=value` to `bad` (once per key). Returns whether any was reset.
fn reset(params: &[Param], wrong: impl Fn(&Param) -> bool, bad: &mut Vec<String>) -> bool {
    let mut changed = false;
    for param in params.iter().filter(|p| wrong(p)) {
        let text = param.value.get_untracked();
        if text != param.default {
            param.value.set(param.default.to_string());
            if !bad.iter().any(|e| entry_key(e) == param.key) {
                bad.push(notice_entry(param.key, Some(&text)));
            }
            changed = true;
        }
    }
    changed
}

/// The page being loaded: the view it shows, and the parameter sets it reads, as
/// [`FieldCheck`]s. Each page's module names its sets here (`src/bin/*.rs`): its own view's,
/// and another view's whose figures it uses (the Data and Batch & LR pages read the Steps
/// run), so it links those views' parsers and no other's.
#[derive(Clone, Copy)]
pub struct Page {
    /// The view the page shows.
    pub view: View,
    /// The parameter sets the page reads, checked by their full parsers at start-up.
    pub own: fn(&AppState) -> Vec<&dyn FieldCheck>,
}

#[cfg(test)]
impl Page {
    /// Tests: the page of any view, its sets picked by the state's view as the pages' modules
    /// pick them (`src/main.rs`, `src/bin/*.rs`).
    pub fn any(view: View) -> Page {
        fn own(s: &AppState) -> Vec<&dyn FieldCheck> {
            match s.view {
                View::Steps => vec![&s.steps],
                View::Lr => vec![&s.lr, &s.steps],
                View::Sim => vec![&s.sim],
                View::Memory => vec![&s.memory],
                View::Data => vec![&s.data, &s.steps],
                View::Compute => vec![&s.compute],
            }
        }
        Page { view, own }
    }
}

/// Everything the URL holds, as signals. Cheap to copy; provided as context by the app.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The view this page shows (another view is another page: see [`AppState::href_to`]).
    pub view: View,
    /// The language.
    pub lang: RwSignal<Lang>,
    /// The theme choice.
    pub theme: RwSignal<Theme>,
    /// Whether the system prefers a dark scheme (kept current by a media-query listener).
    pub system_dark: RwSignal<bool>,
    /// The URL values that were malformed and reset to defaults, as `key=value` (see
    /// [`notice_entry`]; empty once dismissed).
    pub bad_params: RwSignal<Vec<String>>,
    /// The Simulator's last fitted critical batch of plain SGD
    /// ([`crate::core::sim::sweep::SweepResult::handover_critical_batch`]), published when a sweep
    /// finishes; the Batch & LR view offers it for `b_noise` (used there as B_crit).
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
    /// The Time & cost view's inputs.
    pub compute: ComputeParams,
}

impl AppState {
    /// Builds the state of `page` from a query, resetting the open view's malformed values to
    /// their defaults (the other views' are checked by [`AppState::check_other_views`]).
    /// `browser_lang` is the browser's language tag, used when the query has no `lang`.
    pub fn load(query: &Query, browser_lang: &str, system_dark: bool, page: Page) -> AppState {
        let mut bad = Vec::new();
        let mut report =
            |key: &str| bad.push(notice_entry(key, query.get(key).map(String::as_str)));
        // The page shows its own view whatever the query says (boot.js chose the page from the
        // query, and a view it does not know opens the Steps page); a bad value is reported.
        if query.get("view").is_some_and(|v| View::parse(v).is_none()) {
            report("view");
        }
        let view = page.view;
        let lang = match query.get("lang") {
            None => Lang::from_browser(browser_lang),
            Some(v) => Lang::parse(v).unwrap_or_else(|| {
                report("lang");
                Lang::from_browser(browser_lang)
            }),
        };
        let theme = match query.get("theme") {
            None => Theme::Auto,
            Some(v) => Theme::parse(v).unwrap_or_else(|| {
                report("theme");
                Theme::Auto
            }),
        };
        let embed = match query.get("embed").map(|v| (v.as_str(), v.trim())) {
            None | Some(("", _) | (_, "0")) => false,
            Some((_, "1")) => true,
            Some(_) => {
                report("embed");
                false
            }
        };
        // Unknown words are dropped (and reported); the known ones still apply.
        let (hide, hide_ok) = parse_hide(query.get("hide").map_or("", String::as_str));
        if !hide_ok {
            report("hide");
        }
        let steps = StepsParams::new(query);
        let memory = MemoryParams::new(query, &steps);
        let state = AppState {
            view,
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
            memory,
            data: DataParams::new(query),
            compute: ComputeParams::new(query, steps, memory),
        };
        state.reset_open_view(&mut bad, page.own);
        state.bad_params.set(bad);
        state
    }

    /// Builds the state of `page` from its query string (see [`parse_search`]). A known key
    /// without `=` sets nothing: it is reported (and dropped from the URL) rather than read as
    /// empty.
    pub fn load_search(
        search: &str,
        browser_lang: &str,
        system_dark: bool,
        page: Page,
    ) -> AppState {
        let (query, bare) = parse_search(search);
        let state = AppState::load(&query, browser_lang, system_dark, page);
        let known = |key: &str| {
            ["view", "lang", "theme", "embed", "hide"].contains(&key)
                || state
                    .param_sets()
                    .iter()
                    .any(|set| set.params().iter().any(|p| p.key == key))
        };
        let mut bad = state.bad_params.get_untracked();
        for key in bare {
            if known(&key) && !bad.iter().any(|e| entry_key(e) == key) {
                bad.push(notice_entry(&key, None));
            }
        }
        state.bad_params.set(bad);
        state
    }

    /// Resets to its default every malformed parameter of the open view, adding `key=value` to
    /// `bad`: its full parser's single-field errors, over its own parameters and the shared
    /// ones it checks ([`ParamSet::checked_params`]).
    fn reset_open_view(&self, bad: &mut Vec<String>, own: fn(&AppState) -> Vec<&dyn FieldCheck>) {
        let sets = own(self);
        let params: Vec<Param> = sets.iter().flat_map(|s| s.checked_params()).collect();
        // Resetting one value can bring another into play (Adam's β₁ once `scale_opt` is back
        // to `adam`; the field after the first one an estimator reports), so check again until
        // a round resets nothing. Each round resets at least one parameter to its default, so
        // this ends.
        for _ in 0..=params.len() {
            let errors: Vec<InputError> = sets.iter().flat_map(|s| s.field_errors()).collect();
            let wrong = |p: &Param| {
                p.value.with_untracked(|t| is_blank(t)) || errors.iter().any(|e| e.field == p.key)
            };
            if !reset(&params, wrong, bad) {
                break;
            }
        }
    }

    /// Checks the other views' parameters, by their declarations alone: blanks, and values a
    /// declared rule (count, number, flag with its bounds) refuses are reset with a notice. A
    /// value only a view's own parser reads (a choice word, a list) is checked on its page.
    ///
    /// The page calls it in a task after the one that builds it: reading the other views'
    /// parameters is not needed to show this one, and the start-up task is shorter without it.
    pub fn check_other_views(&self) {
        let mut bad = self.bad_params.get_untracked();
        let before = bad.len();
        for v in View::ALL.into_iter().filter(|v| *v != self.view) {
            reset(
                &self.view_params(v).params(),
                Param::wrong_by_declaration,
                &mut bad,
            );
        }
        if bad.len() != before {
            self.bad_params.set(bad);
        }
    }

    /// Tests: [`AppState::load`] on the page the query's `view` names (else Steps), as boot.js
    /// picks it.
    #[cfg(test)]
    pub fn from_query(query: &Query, browser_lang: &str, system_dark: bool) -> AppState {
        let view = query
            .get("view")
            .and_then(|v| View::parse(v))
            .unwrap_or(View::Steps);
        AppState::load(query, browser_lang, system_dark, Page::any(view))
    }

    /// Tests: [`AppState::load_search`] on the page the query's `view` names (else Steps).
    #[cfg(test)]
    pub fn from_search(search: &str, browser_lang: &str, system_dark: bool) -> AppState {
        let view = parse_search(search)
            .0
            .get("view")
            .and_then(|v| View::parse(v))
            .unwrap_or(View::Steps);
        AppState::load_search(search, browser_lang, system_dark, Page::any(view))
    }

    /// Every view's parameter set.
    fn param_sets(&self) -> [&dyn ParamSet; 6] {
        [
            &self.steps,
            &self.lr,
            &self.sim,
            &self.memory,
            &self.data,
            &self.compute,
        ]
    }

    /// The parameter set of `view`.
    fn view_params(&self, view: View) -> &dyn ParamSet {
        match view {
            View::Steps => &self.steps,
            View::Lr => &self.lr,
            View::Sim => &self.sim,
            View::Memory => &self.memory,
            View::Data => &self.data,
            View::Compute => &self.compute,
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
        let view = self.view;
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

    /// The pairs of `view`'s page in the same state: [`AppState::query_pairs`] with `view` changed
    /// (the navigation tabs, and controls that open another view).
    pub fn pairs_to(&self, view: View) -> Vec<(&'static str, String)> {
        let mut pairs = self.query_pairs();
        if let Some(first) = pairs.iter_mut().find(|(k, _)| *k == "view") {
            first.1 = view.key().to_string();
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
            notice_entry("tasks", Some(&long)),
            format!("tasks={}…", "x".repeat(40))
        );
        assert_eq!(entry_key("hide=a=b"), "hide");
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
        // The word table is the enum's.
        assert_eq!(Hide::ALL.map(Hide::word), HIDE_FLAGS);
        // The masks fit the table.
        assert!(
            View::ALL
                .iter()
                .all(|v| hide_flags_for(*v) < 1 << HIDE_FLAGS.len())
        );
    }
}

#[cfg(test)]
mod url_tests {
    use super::*;

    /// Every (key, default) of every view, each key once.
    fn all_params(state: &AppState) -> Vec<(&'static str, &'static str)> {
        let mut out: Vec<(&'static str, &'static str)> = Vec::new();
        for set in state.param_sets() {
            for p in set.params() {
                if !out.iter().any(|(k, _)| *k == p.key) {
                    out.push((p.key, p.default));
                }
            }
        }
        out
    }

    /// Loads a page as the app does: its view at once, the other views in the next task.
    fn load(search: &str) -> (AppState, Vec<String>, Vec<(&'static str, String)>) {
        let state = AppState::from_search(search, "en", false);
        state.check_other_views();
        let bad = state.bad_params.get_untracked();
        let pairs = untrack(|| state.query_pairs());
        (state, bad, pairs)
    }

    fn named(bad: &[String], key: &str) -> bool {
        bad.iter().any(|e| entry_key(e) == key)
    }

    fn written(pairs: &[(&'static str, String)]) -> String {
        pairs
            .iter()
            .map(|(k, v)| {
                let v: String = v
                    .bytes()
                    .map(|b| {
                        if b.is_ascii_alphanumeric() || b"-._~,".contains(&b) {
                            char::from(b).to_string()
                        } else {
                            format!("%{b:02X}")
                        }
                    })
                    .collect();
                format!("{k}={v}")
            })
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The invariants the page keeps for any link: a value given for a parameter is either what
    /// the page uses and writes back, or it is named in the notice; and the written-back URL
    /// loads to the same state with no notice.
    fn check(search: &str) {
        let (state, bad, pairs) = load(search);
        let (query, bare) = parse_search(search);
        let params = all_params(&state);
        for (key, default) in &params {
            if let Some(given) = query.get(*key) {
                let now = pairs
                    .iter()
                    .find(|(k, _)| k == key)
                    .map_or(*default, |(_, v)| v.as_str());
                assert!(
                    now == given || named(&bad, key),
                    "{search}: {key}={given:?} became {now:?} without a notice ({bad:?})"
                );
            }
        }
        for key in bare {
            if params.iter().any(|(k, _)| *k == key) {
                assert!(named(&bad, &key), "{search}: bare {key} not reported");
            }
        }
        let again = written(&pairs);
        let (_, bad2, pairs2) = load(&again);
        assert_eq!(
            pairs2, pairs,
            "{search}: the written URL {again} reloads differently"
        );
        assert!(
            bad2.is_empty(),
            "{search}: the written URL {again} has a notice {bad2:?}"
        );
    }

    /// What a page resets in another view by the declaration alone ([`Rule::check`], blanks),
    /// that view's own page resets too: no page drops a value its view would have used. Tried
    /// on every declaration with a rule, over edge texts and each bound and its neighbours.
    #[test]
    fn declarations_refuse_only_what_their_view_refuses() {
        use crate::core::params::{compute, data, lr, memory, sim, steps};
        let owner = Owner::new();
        owner.with(|| {
            let mut refused = 0;
            for (view, specs) in [
                ("steps", &steps::ALL[..]),
                ("lr", &lr::ALL[..]),
                ("memory", &memory::OWN[..]),
                ("compute", &compute::ALL[..]),
                ("data", &data::ALL[..]),
                ("sim", &sim::ALL[..]),
            ] {
                for spec in specs.iter().filter(|s| s.rule != Rule::Custom) {
                    let mut texts: Vec<String> = [
                        "0", "1", "-1", "0.5", "1.5", "2", "1e3", "1e400", "1e-320", "abc", " ",
                        "10k", "1万", "true", "yes", "off", "NaN", "inf", "1,000", "0x10",
                    ]
                    .map(String::from)
                    .to_vec();
                    match spec.rule {
                        Rule::Count { min, max } => {
                            for v in [min.saturating_sub(1), min, min + 1, max - 1, max] {
                                texts.push(v.to_string());
                            }
                            texts.push(format!("{}", u128::from(max) + 1));
                        }
                        Rule::Positive { max } | Rule::Real { max, .. } => {
                            texts.extend([format!("{max}"), format!("{:e}", max * 1.5)]);
                        }
                        Rule::Flag | Rule::Custom => {}
                    }
                    for text in texts {
                        let by_declaration =
                            is_blank(&text) || spec.rule.check(spec.key, &text).is_err();
                        if !by_declaration || text == spec.default {
                            continue;
                        }
                        refused += 1;
                        let search =
                            format!("view={view}&{}", written(&[(spec.key, text.clone())]));
                        let state = AppState::from_search(&search, "en", false);
                        let bad = state.bad_params.get_untracked();
                        assert!(
                            named(&bad, spec.key),
                            "{search}: the declaration refuses {text:?}, the {view} page keeps it"
                        );
                    }
                }
            }
            // Enough cases were tried for the test to mean something.
            assert!(refused > 200, "{refused}");
        });
    }

    /// A page checks with their full parsers its own view's values and those of the views whose
    /// figures it uses; another view's value that only its own parser reads waits for its page.
    #[test]
    fn pages_check_what_they_read_and_leave_the_rest_to_its_page() {
        let owner = Owner::new();
        owner.with(|| {
            // The Data and Batch & LR pages use the Steps run: a bad schedule word is reset there.
            for view in ["data", "lr", "steps"] {
                let search = format!("view={view}&sched=bad");
                let (_, bad, pairs) = load(&search);
                assert!(named(&bad, "sched"), "{search}: {bad:?}");
                assert!(!pairs.iter().any(|(k, v)| *k == "sched" && v == "bad"));
            }
            // The Steps page does not read the Memory view's model: the word is kept as given
            // (no notice, written back unchanged) and reported by the Memory page.
            let (_, bad, pairs) = load("view=steps&model=foo");
            assert!(bad.is_empty(), "{bad:?}");
            assert!(pairs.iter().any(|(k, v)| *k == "model" && v == "foo"));
            let (_, bad, _) = load("view=memory&model=foo");
            assert!(named(&bad, "model"), "{bad:?}");
            // A count out of its declared bounds is reset on every page.
            let (_, bad, _) = load("view=sim&n=0");
            assert!(named(&bad, "n"), "{bad:?}");
            check("view=steps&model=foo");
            check("view=data&sched=bad");
        });
    }

    /// Every parameter declared in `core::params`, under a reactive owner: its default given
    /// in the link is read and written back unchanged (a fixed point), and a value no rule
    /// accepts is reset to the default with a notice naming it.
    #[test]
    fn every_declared_parameter_reads_writes_and_resets() {
        use crate::core::params::{data, lr, memory, sim, steps};
        let owner = Owner::new();
        owner.with(|| {
            for (view, specs) in [
                ("steps", &steps::ALL[..]),
                ("lr", &lr::ALL[..]),
                ("memory", &memory::OWN[..]),
                ("data", &data::ALL[..]),
                ("sim", &sim::ALL[..]),
            ] {
                for spec in specs {
                    let value = |pairs: &[(&'static str, String)]| {
                        pairs
                            .iter()
                            .find(|(k, _)| *k == spec.key)
                            .map(|(_, v)| v.clone())
                    };
                    let search = format!("view={view}&{}={}", spec.key, spec.default);
                    let (_, bad, pairs) = load(&search);
                    assert!(bad.is_empty(), "{search}: {bad:?}");
                    assert_eq!(value(&pairs).as_deref(), Some(spec.default), "{search}");
                    check(&search);
                    let search = format!("view={view}&{}=%3Cx%3E", spec.key);
                    let (_, bad, pairs) = load(&search);
                    if spec.key == data::TASKS.key {
                        // The task list keeps its text: each bad row gets its own message.
                        assert!(bad.is_empty(), "{search}: {bad:?}");
                        assert_eq!(value(&pairs).as_deref(), Some("<x>"), "{search}");
                        continue;
                    }
                    assert!(named(&bad, spec.key), "{search}: {bad:?}");
                    assert_eq!(value(&pairs).as_deref(), Some(spec.default), "{search}");
                    check(&search);
                }
            }
        });
    }

    #[test]
    fn search_strings_decode_like_url_search_params() {
        let (q, bare) = parse_search("?a=1&b=x+y&c=%41%zz%4&d=&e&=v&f=%E4%B8%87&g=%FF&a=2&&h=a=b");
        assert_eq!(
            q.get("a").map(String::as_str),
            Some("2"),
            "the last value wins"
        );
        assert_eq!(q.get("b").map(String::as_str), Some("x y"));
        assert_eq!(q.get("c").map(String::as_str), Some("A%zz%4"));
        assert_eq!(q.get("d").map(String::as_str), Some(""));
        assert_eq!(q.get("").map(String::as_str), Some("v"));
        assert_eq!(q.get("f").map(String::as_str), Some("万"));
        assert_eq!(q.get("g").map(String::as_str), Some("\u{fffd}"));
        assert_eq!(q.get("h").map(String::as_str), Some("a=b"));
        assert_eq!(bare, vec!["e".to_string()]);
        assert_eq!(parse_search("").0.len(), 0);
    }

    #[test]
    fn notice_entries_show_the_value_as_text() {
        assert_eq!(notice_entry("attn", Some("\0")), "attn=%00");
        assert_eq!(notice_entry("tied", Some(" ")), "tied=%20");
        assert_eq!(notice_entry("t", Some("3千")), "t=3千");
        assert_eq!(notice_entry("mix", None), "mix");
        assert_eq!(
            notice_entry("x", Some(&"9".repeat(50))),
            format!("x={}…", "9".repeat(40))
        );
    }

    #[test]
    fn values_read_as_the_default_are_reported() {
        // Blank and NUL values used to be read as the default with no notice, or kept in the URL.
        for (search, key) in [
            ("view=memory&attn=%00", "attn"),
            ("view=memory&prec=pure-bf16x&model=custom", "prec"),
            ("view=memory&opt=%00", "opt"),
            ("view=data&mix=%0A", "mix"),
            ("view=memory&tied=+&model=custom", "tied"),
            ("view=memory&zero=-1e999", "zero"),
            ("view=memory&method=%09", "method"),
            ("view=data&zero=%09", "zero"),
            ("view=lr&adam_eps=3%E5%8D%83&scale_opt=sgd", "adam_eps"),
            ("view=steps&embed=+", "embed"),
        ] {
            let (_, bad, pairs) = load(search);
            assert!(named(&bad, key), "{search}: {bad:?}");
            let value = parse_search(search).0.get(key).cloned();
            assert!(
                !pairs
                    .iter()
                    .any(|(k, v)| *k == key && Some(v) == value.as_ref()),
                "{search}: the bad value stays in the URL"
            );
            check(search);
        }
    }

    #[test]
    fn keys_without_a_value_set_nothing() {
        for (search, key) in [
            ("view=data&mix", "mix"),
            ("view=data&t", "t"),
            ("view=memory&prec", "prec"),
            ("view=memory&gpus", "gpus"),
            ("view=memory&zero", "zero"),
            ("view&lang=zh", "view"),
        ] {
            let (_, bad, pairs) = load(search);
            assert!(bad.iter().any(|e| e == key), "{search}: {bad:?}");
            // The default is used and written back.
            let (_, _, plain) = load("view=memory");
            if let Some((_, v)) = plain.iter().find(|(k, _)| *k == key && *k != "view") {
                let now = pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| v);
                assert_eq!(now, Some(v), "{search}");
            }
            check(search);
        }
        // Unknown bare keys are ignored like unknown keys.
        assert!(load("view=steps&foo").1.is_empty());
    }

    #[test]
    fn a_reset_that_brings_a_field_into_play_checks_it_too() {
        // `scale_opt` reset to `adam` makes β₁ count: it is reset as well, not left stale.
        let (state, bad, _) = load("view=lr&beta1=abc&scale_opt=%2520sgd%2520");
        assert!(named(&bad, "scale_opt") && named(&bad, "beta1"), "{bad:?}");
        assert!(state.lr.field_errors().is_empty());
        // The Memory page checks the shared fields against its own ranges.
        for (search, key) in [
            ("view=memory&gpus=1e19", "gpus"),
            ("view=memory&mbs=1e3k", "mbs"),
            ("view=memory&seq=1048577", "seq"),
            ("view=steps&ga=1e-320", "ga"),
            ("view=sim&lr_sophia=%7B%7D", "lr_sophia"),
            ("view=memory&model=custom&n_positions=0.5", "n_positions"),
            ("view=memory&hidden=abc", "hidden"),
            ("view=memory&method=full&r=0", "r"),
        ] {
            let (state, bad, _) = load(search);
            assert!(named(&bad, key), "{search}: {bad:?}");
            assert!(state.memory.field_errors().is_empty() || !search.contains("memory"));
            check(search);
        }
        // The Steps page keeps a micro-batch the Memory view would not take.
        let (_, bad, pairs) = load("view=steps&mbs=5000&n=1000000");
        assert!(bad.is_empty(), "{bad:?}");
        assert!(pairs.iter().any(|(k, v)| *k == "mbs" && v == "5000"));
    }

    #[test]
    fn subnormal_numbers_are_refused_with_a_notice() {
        for (search, key) in [
            ("view=lr&eps_max=1e-320", "eps_max"),
            ("view=lr&step_size=1e-320", "step_size"),
            ("view=data&draw=1e-320", "draw"),
            ("view=data&t=5e-324", "t"),
        ] {
            let (_, bad, _) = load(search);
            assert!(named(&bad, key), "{search}: {bad:?}");
            check(search);
        }
    }

    #[test]
    fn hide_with_only_unknown_words_is_dropped_with_a_notice() {
        let (_, bad, pairs) = load("view=memory&hide=1e16");
        assert_eq!(bad, vec!["hide=1e16".to_string()]);
        assert!(!pairs.iter().any(|(k, _)| *k == "hide"));
        check("view=memory&hide=1e16");
    }

    /// A small deterministic fuzzer over every key of every view (the browser's end-to-end
    /// fuzzer, `tests/e2e/fuzz.test.mjs`, covers the figures).
    #[test]
    fn random_links_keep_the_page_and_its_url_in_step() {
        let state = AppState::from_search("", "en", false);
        let keys: Vec<&'static str> = all_params(&state).into_iter().map(|(k, _)| k).collect();
        let values = [
            "",
            "0",
            "1",
            "-1",
            "2",
            "0.5",
            "1e-320",
            "5e-324",
            "1e999",
            "-1e999",
            "NaN",
            "inf",
            "%00",
            "%09",
            "+",
            "%0A",
            "%zz",
            "3%E5%8D%83",
            "1e3k",
            "10k",
            "1e19",
            "16%3B128",
            "%7B%7D",
            "%3Cscript%3E",
            "true",
            "adam",
            "sgd",
            "custom",
            "gpt2",
            "qlora",
            "full",
            "lora",
            "equal",
            "flash",
            "eager",
            "1048577",
            "4096",
            "1e-4",
            "150%25",
            "%2520sgd%2520",
            "a%3A10",
            "x%3A5%2Cy%3A7",
            "llama",
            "2",
            "3",
            "cosine_min",
            "auto",
        ];
        let views = ["steps", "lr", "sim", "memory", "data"];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..1500 {
            let mut parts = vec![format!("view={}", views[next(views.len())])];
            for _ in 0..1 + next(4) {
                let key = keys[next(keys.len())];
                match next(8) {
                    0 => parts.push(key.to_string()),
                    _ => parts.push(format!("{key}={}", values[next(values.len())])),
                }
            }
            check(&parts.join("&"));
        }
    }
}
