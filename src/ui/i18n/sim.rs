//! Strings of the Simulator view.

/// The Simulator view.
pub struct Sim {
    /// Title.
    pub title: &'static str,
    /// The question the view answers.
    pub lead: &'static str,
}

pub(super) const EN: Sim = Sim {
    title: "Simulator",
    lead: "",
};

pub(super) const ZH: Sim = Sim {
    title: "模拟器",
    lead: "",
};
