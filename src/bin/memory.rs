//! Mounts the Memory page (`view=memory`).

fn main() {
    batch_lab::ui::mount(
        batch_lab::ui::Page {
            view: batch_lab::ui::View::Memory,
            own: |s| vec![&s.memory],
        },
        batch_lab::ui::views::memory::page,
    );
}
