//! Mounts the Data page (`view=data`).

fn main() {
    batch_lab::ui::mount(batch_lab::ui::View::Data, batch_lab::ui::views::data::page);
}
