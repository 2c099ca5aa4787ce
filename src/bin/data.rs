//! Mounts the Data page (`view=data`).

fn main() {
    batch_lab::ui::mount(
        batch_lab::ui::Page {
            view: batch_lab::ui::View::Data,
            own: |s| vec![&s.data, &s.steps],
        },
        batch_lab::ui::views::data::page,
    );
}
