//! Mounts the Steps page, the app's default view. The other views' pages are `src/bin/*.rs`.

fn main() {
    batch_lab::ui::mount(
        batch_lab::ui::Page {
            view: batch_lab::ui::View::Steps,
            own: |s| vec![&s.steps],
        },
        batch_lab::ui::views::steps::page,
    );
}
