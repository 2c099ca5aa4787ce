//! Strings of the Data view.

/// The Data view.
pub struct Data {
    /// Title.
    pub title: &'static str,
    /// The question the view answers.
    pub lead: &'static str,
}

pub(super) const EN: Data = Data {
    title: "Data",
    lead: "",
};

pub(super) const ZH: Data = Data {
    title: "数据",
    lead: "",
};
