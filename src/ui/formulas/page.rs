//! Writes the "Formulas and sources" page of each language from [`super::entries::ENTRIES`].
//!
//! The page is static HTML with no script: its own Content-Security-Policy allows only the
//! stylesheet next to it (`formulas.css`), every link is relative (so it works under any sub-path
//! and offline), and light and dark follow `prefers-color-scheme`. Each entry is an `<article>`
//! with `id="formula-<id>"`, the target of the figures' links (`super::formula_href`).
//!
//! The test below fails when `public/formulas.html` or `public/formulas.zh.html` is out of date;
//! run it with `BATCH_LAB_WRITE_FORMULAS=1` to rewrite them.

use std::fmt::Write as _;

use super::entries::{ENTRIES, Entry, Text};
use super::{FIGURE_FORMULAS, page_file};
use crate::ui::i18n::{Lang, texts};
use crate::ui::prerender::esc;
use crate::ui::state::View;

/// The page's own words.
struct PageText {
    title: Text,
    description: Text,
    lead: Text,
    back: Text,
    other_language: Text,
    contents: Text,
    source: Text,
    used_by: Text,
    link_to_entry: Text,
    open_view: Text,
    foot: Text,
}

static PAGE: PageText = PageText {
    title: Text {
        en: "Formulas and sources",
        zh: "公式与出处",
    },
    description: Text {
        en: "Every formula behind Batch Lab's figures, with a short derivation and its primary source.",
        zh: "Batch Lab 中每个数字背后的公式，附简短推导与原始出处。",
    },
    lead: Text {
        en: "Every number Batch Lab shows comes from one of the formulas below. Each entry gives the formula, where it comes from in two sentences, and the paper section or library file it was taken from; the figures' “why?” notes link here.",
        zh: "Batch Lab 显示的每个数字都来自下面的某条公式。每一条都给出公式本身、两句话的来历，以及它所依据的论文章节或代码文件；各个数字的“为什么？”说明都链接到这里。",
    },
    back: Text {
        en: "← Back to Batch Lab",
        zh: "← 返回 Batch Lab",
    },
    other_language: Text {
        en: "中文",
        zh: "English",
    },
    contents: Text {
        en: "Contents",
        zh: "目录",
    },
    source: Text {
        en: "Source: ",
        zh: "出处：",
    },
    used_by: Text {
        en: "Figures: ",
        zh: "对应的数字：",
    },
    link_to_entry: Text {
        en: "Link to this entry",
        zh: "本条的链接",
    },
    open_view: Text {
        en: "Open this view in the app",
        zh: "在应用中打开这个视图",
    },
    foot: Text {
        en: "This page is generated from the same tables as the app and works offline. Equation and section numbers refer to the arXiv versions linked; library files to the versions named.",
        zh: "本页与应用由同一份表格生成，离线也能打开。式号与章节号以所附 arXiv 版本为准；代码文件以注明的版本为准。",
    },
};

/// The page's Content-Security-Policy: nothing but the stylesheet beside it (and the empty
/// `data:` icon that stops a request for `/favicon.ico`); no script at all.
const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; object-src 'none'";

/// Where the generated pages live in the repository.
const PUBLIC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/public/");

/// The app's page for `view` in `lang`, relative to this page.
fn app_href(view: View, lang: Lang) -> String {
    format!("./?view={}&amp;lang={}", view.key(), lang.key())
}

/// The figures of the app that link to `entry`, grouped by view.
fn figures_of(entry: &Entry) -> Vec<(View, Vec<&'static str>)> {
    let mut out: Vec<(View, Vec<&'static str>)> = Vec::new();
    for (view, testid, _) in FIGURE_FORMULAS.iter().filter(|(_, _, id)| *id == entry.id) {
        match out.iter_mut().find(|(v, _)| v == view) {
            Some((_, ids)) => ids.push(testid),
            None => out.push((*view, vec![testid])),
        }
    }
    out
}

fn entry_html(out: &mut String, entry: &Entry, lang: Lang) {
    let shell = texts(lang).shell();
    let _ = writeln!(
        out,
        "      <article class=\"formula\" id=\"formula-{}\">",
        entry.id
    );
    let _ = writeln!(
        out,
        "        <h3>{} <a class=\"self\" href=\"#formula-{}\" aria-label=\"{}\">#</a></h3>",
        esc(entry.title.get(lang)),
        entry.id,
        esc(PAGE.link_to_entry.get(lang))
    );
    let _ = writeln!(
        out,
        "        <p class=\"eq\">{}</p>",
        esc(entry.formula.get(lang)).replace('\n', "<br>")
    );
    let _ = writeln!(out, "        <p>{}</p>", esc(entry.derivation.get(lang)));
    let links: Vec<String> = entry
        .links
        .iter()
        .map(|l| format!("<a href=\"{}\">{}</a>", esc(l.url), esc(l.label)))
        .collect();
    let _ = writeln!(
        out,
        "        <p class=\"src\"><span class=\"k\">{}</span>{} <span class=\"links\">{}</span></p>",
        esc(PAGE.source.get(lang)),
        esc(entry.source.get(lang)),
        links.join(" · ")
    );
    let figures = figures_of(entry);
    if !figures.is_empty() {
        let groups: Vec<String> = figures
            .iter()
            .map(|(view, ids)| {
                let codes: Vec<String> = ids
                    .iter()
                    .map(|id| format!("<code>{}</code>", esc(id)))
                    .collect();
                format!(
                    "<a href=\"{}\">{}</a> {}",
                    app_href(*view, lang),
                    esc(shell.nav_name(*view)),
                    codes.join(" ")
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "        <p class=\"used\"><span class=\"k\">{}</span>{}</p>",
            esc(PAGE.used_by.get(lang)),
            groups.join(match lang {
                Lang::En => "; ",
                Lang::Zh => "；",
            })
        );
    }
    let _ = writeln!(out, "      </article>");
}

/// The page's `<head>`, from the doctype to `</head>`.
fn head(out: &mut String, lang: Lang, other: Lang) {
    let shell = texts(lang).shell();
    let title = PAGE.title.get(lang);
    let _ = writeln!(out, "<!doctype html>");
    let _ = writeln!(out, "<html lang=\"{}\">", lang.key());
    let _ = writeln!(out, "  <head>");
    let _ = writeln!(out, "    <meta charset=\"utf-8\" />");
    let _ = writeln!(
        out,
        "    <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />"
    );
    let _ = writeln!(
        out,
        "    <meta name=\"description\" content=\"{}\" />",
        esc(PAGE.description.get(lang))
    );
    let _ = writeln!(
        out,
        "    <meta name=\"color-scheme\" content=\"light dark\" />"
    );
    let _ = writeln!(
        out,
        "    <!-- Generated by src/ui/formulas/page.rs from the formula table; do not edit. No script. -->"
    );
    let _ = writeln!(
        out,
        "    <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\" />"
    );
    let _ = writeln!(
        out,
        "    <title>{} · {}</title>",
        esc(title),
        esc(shell.name)
    );
    let _ = writeln!(out, "    <link rel=\"icon\" href=\"data:,\" />");
    let _ = writeln!(out, "    <link rel=\"stylesheet\" href=\"formulas.css\" />");
    let _ = writeln!(
        out,
        "    <link rel=\"alternate\" hreflang=\"{}\" href=\"{}\" />",
        other.key(),
        page_file(other)
    );
    let _ = writeln!(out, "  </head>");
}

/// The top bar, the title and the lead paragraph.
fn intro(out: &mut String, lang: Lang, other: Lang) {
    let shell = texts(lang).shell();
    let title = PAGE.title.get(lang);
    let _ = writeln!(out, "  <body>");
    let _ = writeln!(out, "    <header class=\"head\">");
    let _ = writeln!(
        out,
        "      <a class=\"back\" data-testid=\"formulas-back\" href=\"{}\">{}</a>",
        app_href(View::Steps, lang),
        esc(PAGE.back.get(lang))
    );
    let _ = writeln!(
        out,
        "      <a class=\"lang\" data-testid=\"formulas-lang\" href=\"{}\" hreflang=\"{}\" lang=\"{}\">{}</a>",
        page_file(other),
        other.key(),
        other.key(),
        esc(PAGE.other_language.get(lang))
    );
    let _ = writeln!(out, "    </header>");
    let _ = writeln!(out, "    <main>");
    let _ = writeln!(
        out,
        "      <h1>{} <span class=\"brand\">{}</span></h1>",
        esc(title),
        esc(shell.name)
    );
    let _ = writeln!(
        out,
        "      <p class=\"lead\">{}</p>",
        esc(PAGE.lead.get(lang))
    );
}

/// The table of contents: each view and its entries.
fn toc(out: &mut String, lang: Lang) {
    let shell = texts(lang).shell();
    let _ = writeln!(
        out,
        "      <nav class=\"toc\" aria-label=\"{}\">",
        esc(PAGE.contents.get(lang))
    );
    let _ = writeln!(out, "        <h2>{}</h2>", esc(PAGE.contents.get(lang)));
    let _ = writeln!(out, "        <ol>");
    for view in View::ALL {
        let items: Vec<String> = ENTRIES
            .iter()
            .filter(|e| e.view == view)
            .map(|e| {
                format!(
                    "<li><a href=\"#formula-{}\">{}</a></li>",
                    e.id,
                    esc(e.title.get(lang))
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "          <li><a href=\"#view-{}\">{}</a><ol>{}</ol></li>",
            view.key(),
            esc(shell.nav_name(view)),
            items.concat()
        );
    }
    let _ = writeln!(out, "        </ol>");
    let _ = writeln!(out, "      </nav>");
}

/// One section per view with its entries.
fn sections(out: &mut String, lang: Lang) {
    let shell = texts(lang).shell();
    for view in View::ALL {
        let _ = writeln!(
            out,
            "      <section id=\"view-{}\" aria-labelledby=\"view-{}-h\">",
            view.key(),
            view.key()
        );
        let _ = writeln!(
            out,
            "      <h2 id=\"view-{}-h\">{} <a class=\"to-app\" href=\"{}\" aria-label=\"{}\">↗</a></h2>",
            view.key(),
            esc(shell.nav_name(view)),
            app_href(view, lang),
            esc(PAGE.open_view.get(lang))
        );
        for entry in ENTRIES.iter().filter(|e| e.view == view) {
            entry_html(out, entry, lang);
        }
        let _ = writeln!(out, "      </section>");
    }
}

/// The footer and the closing tags.
fn foot(out: &mut String, lang: Lang, other: Lang) {
    let _ = writeln!(out, "    </main>");
    let _ = writeln!(
        out,
        "    <footer class=\"foot\"><p>{}</p><p><a href=\"{}\">{}</a> · <a href=\"{}\" hreflang=\"{}\" lang=\"{}\">{}</a></p></footer>",
        esc(PAGE.foot.get(lang)),
        app_href(View::Steps, lang),
        esc(PAGE.back.get(lang)),
        page_file(other),
        other.key(),
        other.key(),
        esc(PAGE.other_language.get(lang))
    );
    let _ = writeln!(out, "  </body>");
    let _ = writeln!(out, "</html>");
}

/// The whole page of `lang`.
pub fn page(lang: Lang) -> String {
    let other = match lang {
        Lang::En => Lang::Zh,
        Lang::Zh => Lang::En,
    };
    let mut out = String::new();
    head(&mut out, lang, other);
    intro(&mut out, lang, other);
    toc(&mut out, lang);
    sections(&mut out, lang);
    foot(&mut out, lang, other);
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::super::formula_for;
    use super::*;

    #[test]
    fn entry_ids_are_unique_and_anchor_safe() {
        let mut seen = HashSet::new();
        for e in ENTRIES {
            assert!(seen.insert(e.id), "entry id `{}` is used twice", e.id);
            assert!(
                !e.id.is_empty()
                    && e.id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "entry id `{}`: lower-case letters, digits and `-` only",
                e.id
            );
        }
    }

    #[test]
    fn every_mapped_figure_points_at_an_entry() {
        for (view, testid, id) in FIGURE_FORMULAS {
            assert!(
                ENTRIES.iter().any(|e| e.id == *id),
                "{}/{testid} maps to `{id}`, which is not an entry",
                view.key()
            );
        }
    }

    /// Every entry is written in both languages, and the Chinese prose uses full-width
    /// punctuation (no ASCII comma, colon, semicolon or parenthesis right after a Chinese
    /// character).
    #[test]
    fn entries_are_complete_in_both_languages() {
        let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
        for e in ENTRIES {
            for t in [&e.title, &e.formula, &e.derivation, &e.source] {
                assert!(
                    !t.en.trim().is_empty() && !t.zh.trim().is_empty(),
                    "{}",
                    e.id
                );
            }
            assert!(!e.links.is_empty(), "{} has no link to its source", e.id);
            for t in [&e.title, &e.derivation, &e.source] {
                let chars: Vec<char> = t.zh.chars().collect();
                for w in chars.windows(2) {
                    assert!(
                        !(cjk(w[0]) && matches!(w[1], ',' | ':' | ';' | '(' | ')')),
                        "{}: half-width `{}` after `{}` in the Chinese text",
                        e.id,
                        w[1],
                        w[0]
                    );
                }
            }
            for l in e.links {
                assert!(l.url.starts_with("https://"), "{}: {}", e.id, l.url);
            }
        }
    }

    /// The README's figure tables, as (view or `None` for the shell, testids of one row).
    fn readme_figures() -> Vec<(Option<View>, Vec<String>)> {
        let readme =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
        let start = readme
            .find("## Figures: `data-testid` outputs")
            .expect("README.md has the figures section");
        let section = &readme[start..];
        let end = section[3..].find("\n## ").map_or(section.len(), |e| e + 3);
        let mut view = None;
        let mut rows = Vec::new();
        for line in section[..end].lines() {
            if let Some(heading) = line.strip_prefix("### ") {
                view = if heading.starts_with("Shell") {
                    None
                } else if heading.starts_with("Steps") {
                    Some(View::Steps)
                } else {
                    View::ALL
                        .into_iter()
                        .find(|v| heading.contains(&format!("view={}", v.key())))
                };
                continue;
            }
            let Some(first) = line.strip_prefix("| ").and_then(|l| l.split(" |").next()) else {
                continue;
            };
            let ids: Vec<String> = first
                .split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect();
            if !ids.is_empty() {
                rows.push((view, ids));
            }
        }
        rows
    }

    /// README testids that are not computed figures: controls, charts and their tables, export
    /// buttons, messages, tables whose rows name their own sources, and timings.
    fn not_a_figure(testid: &str) -> bool {
        const PREFIXES: &[&str] = &[
            "chart-", "export-", "input-", "error-", "share", "nav", "lang-", "view-",
        ];
        const NAMES: &[&str] = &[
            "theme",
            "open-full",
            "notice-bad-params",
            "accumulation-spans-epoch",
            "boot-error",
            "boot-retry",
            "formulas",
            "mix-chart-table",
            "mix-row-error-<i>",
            "mix-name-<i>",
            "mix-count-<i>",
            "mix-seq-<i>",
            "mix-remove-<i>",
            "mix-add",
            "mix-draw-source",
            "mix-example-<j>",
            "mix-note-exp-<j>",
            "exp-run",
            "exp-cancel",
            "exp-progress",
            "exp-status",
            "exp-done",
            "exp-about",
            "exp-findings",
            "quality-findings",
            "diversity-findings",
            "sim-done",
            "gen-verdict",
            "gen-literature",
            "sim-gen",
            "sim-gen-table",
            "load-gen-experiment",
            "sim-status-bar",
            "sim-no-workers",
            "sim-progress",
            "cancel",
            "run-sweep",
            "sim-status",
            "mem-parts",
            "part-<key>",
            "measured-table",
            "config-status",
            "runs-table",
            "compute-no-price",
            "sim-divisor",
            "divisor-setup",
            "divisor-reading",
            "decay-note",
            "sim-preset-decay",
        ];
        PREFIXES.iter().any(|p| testid.starts_with(p)) || NAMES.contains(&testid)
    }

    /// Every computed figure README.md lists maps to an entry, and every README testid is either
    /// mapped or known not to be a computed figure (so a new row must be sorted into one or the
    /// other).
    #[test]
    fn every_readme_figure_has_an_entry() {
        let rows = readme_figures();
        assert!(rows.len() > 50, "README's figure tables were not found");
        let mut mapped = 0;
        for (view, ids) in rows {
            for testid in ids {
                match view.and_then(|v| formula_for(v, &testid)) {
                    Some(id) => {
                        assert!(ENTRIES.iter().any(|e| e.id == id), "{testid} → {id}");
                        mapped += 1;
                    }
                    None => assert!(
                        not_a_figure(&testid),
                        "README lists `{testid}` ({}) with no formula entry: map it in \
                         ui::formulas::FIGURE_FORMULAS or list it in not_a_figure",
                        view.map_or("shell", |v| v.key())
                    ),
                }
            }
        }
        assert!(
            mapped >= FIGURE_FORMULAS.len(),
            "only {mapped} README figures mapped"
        );
    }

    /// `public/formulas.html` and `public/formulas.zh.html` are as generated from the table.
    #[test]
    fn pages_are_up_to_date() {
        for lang in [Lang::En, Lang::Zh] {
            let path = format!("{PUBLIC}{}", page_file(lang));
            let fresh = page(lang);
            if std::env::var_os("BATCH_LAB_WRITE_FORMULAS").is_some() {
                std::fs::write(&path, &fresh).unwrap();
            } else {
                let committed = std::fs::read_to_string(&path).unwrap_or_default();
                assert!(
                    committed == fresh,
                    "{path} is out of date: run `BATCH_LAB_WRITE_FORMULAS=1 cargo test --lib formulas`"
                );
            }
        }
    }

    #[test]
    fn pages_have_every_anchor_and_only_relative_app_links() {
        for lang in [Lang::En, Lang::Zh] {
            let html = page(lang);
            for e in ENTRIES {
                assert_eq!(
                    html.matches(&format!("id=\"formula-{}\"", e.id)).count(),
                    1,
                    "{}",
                    e.id
                );
            }
            assert!(!html.contains("<script"));
            assert!(!html.contains("style=\""));
            // Links are either within the site (relative) or to a source (https).
            for href in html.split("href=\"").skip(1) {
                let href = &href[..href.find('"').unwrap()];
                assert!(
                    href.starts_with("https://")
                        || href.starts_with('#')
                        || href.starts_with("./?")
                        || href.starts_with("formulas")
                        || href == "data:,",
                    "{href}"
                );
            }
        }
    }
}
