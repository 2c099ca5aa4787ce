//! Mounts the Simulator page (`view=sim`).

fn main() {
    batch_lab::ui::mount(
        batch_lab::ui::Page {
            view: batch_lab::ui::View::Sim,
            own: |s| vec![&s.sim],
        },
        batch_lab::ui::views::sim::page,
    );
}
