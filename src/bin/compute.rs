//! Mounts the Time & cost page (`view=compute`).

fn main() {
    batch_lab::ui::mount(
        batch_lab::ui::Page {
            view: batch_lab::ui::View::Compute,
            own: |s| vec![&s.compute],
        },
        batch_lab::ui::views::compute::page,
    );
}
