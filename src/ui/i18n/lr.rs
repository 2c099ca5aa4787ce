//! Strings of the Batch & LR view.

/// The Batch & LR view.
pub struct Lr {
    /// Title.
    pub title: &'static str,
    /// The question the view answers.
    pub lead: &'static str,
}

pub(super) const EN: Lr = Lr {
    title: "Batch & LR",
    lead: "",
};

pub(super) const ZH: Lr = Lr {
    title: "批量与学习率",
    lead: "",
};
