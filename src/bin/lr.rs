//! Mounts the Batch & LR page (`view=lr`).

fn main() {
    batch_lab::ui::mount(
        batch_lab::ui::Page {
            view: batch_lab::ui::View::Lr,
            own: |s| vec![&s.lr, &s.steps],
        },
        batch_lab::ui::views::lr::page,
    );
}
