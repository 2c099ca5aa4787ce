//! Mounts the Batch & LR page (`view=lr`).

fn main() {
    batch_lab::ui::mount(batch_lab::ui::View::Lr, batch_lab::ui::views::lr::page);
}
