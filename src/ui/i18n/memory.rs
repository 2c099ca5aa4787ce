//! Strings of the Memory view.

/// The Memory view.
pub struct Memory {
    /// Title.
    pub title: &'static str,
    /// The question the view answers.
    pub lead: &'static str,
}

pub(super) const EN: Memory = Memory {
    title: "Memory",
    lead: "",
};

pub(super) const ZH: Memory = Memory {
    title: "显存",
    lead: "",
};
