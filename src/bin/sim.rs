//! Mounts the Simulator page (`view=sim`).

fn main() {
    batch_lab::ui::mount(batch_lab::ui::View::Sim, batch_lab::ui::views::sim::page);
}
