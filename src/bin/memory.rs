//! Mounts the Memory page (`view=memory`).

fn main() {
    batch_lab::ui::mount(
        batch_lab::ui::View::Memory,
        batch_lab::ui::views::memory::page,
    );
}
