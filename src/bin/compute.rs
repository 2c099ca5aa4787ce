//! Mounts the Time & cost page (`view=compute`).

fn main() {
    batch_lab::ui::mount(
        batch_lab::ui::View::Compute,
        batch_lab::ui::views::compute::page,
    );
}
