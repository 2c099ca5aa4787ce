//! Style checks on the text tables, read from their source: Chinese prose takes full-width
//! punctuation, and neither language cites private notes instead of a source the reader can open.
//!
//! Each file is scanned for its English and Chinese regions (`static EN` / `static ZH`, or the
//! `Lang::En =>` / `Lang::Zh =>` arms of `errors.rs`); every string literal of a region is checked.

/// Every text file of `ui::i18n`: name, source, and the least number of Chinese strings the scan
/// must find in it (so that a parser that finds nothing cannot pass). A new text file goes here.
const FILES: [(&str, &str, usize); 13] = [
    ("compute.rs", include_str!("compute.rs"), 60),
    ("data.rs", include_str!("data.rs"), 60),
    ("data_exp.rs", include_str!("data_exp.rs"), 50),
    ("errors.rs", include_str!("errors.rs"), 18),
    ("export.rs", include_str!("export.rs"), 10),
    ("lr.rs", include_str!("lr.rs"), 100),
    ("memory.rs", include_str!("memory.rs"), 150),
    ("share.rs", include_str!("share.rs"), 20),
    ("shell.rs", include_str!("shell.rs"), 20),
    ("sim.rs", include_str!("sim.rs"), 80),
    ("sim_divisor.rs", include_str!("sim_divisor.rs"), 40),
    ("sim_gen.rs", include_str!("sim_gen.rs"), 20),
    ("steps.rs", include_str!("steps.rs"), 50),
];

/// Words that cite private notes instead of a source, banned in the Chinese tables. Each is split
/// with `concat!` so that a search of the source tree for them finds only real uses.
const ZH_BANNED: [&str; 5] = [
    concat!("REFER", "ENCE"),
    concat!("seed ", "§"),
    concat!("种子", "文档"),
    concat!("原", "文"),
    concat!("[R", "UN]"),
];

/// The same for the English tables (`the seed` is checked apart: "the seeds" of a run are fine).
const EN_BANNED: [&str; 3] = [
    concat!("REFER", "ENCE"),
    concat!("[R", "UN]"),
    concat!("seed ", "§"),
];

/// "the seed", lower case, split like the words above.
const THE_SEED: &str = concat!("the s", "eed");

/// Which language a region of a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    En,
    Zh,
}

/// The string literals of each language in `src`, unescaped.
fn literals(src: &str) -> Vec<(Side, String)> {
    // A file's test module is not part of its tables.
    let src = src.split("#[cfg(test)]").next().unwrap_or(src);
    let markers = [
        ("static EN", Side::En),
        ("Lang::En =>", Side::En),
        ("static ZH", Side::Zh),
        ("Lang::Zh =>", Side::Zh),
    ];
    let mut starts: Vec<(usize, Side)> = markers
        .iter()
        .flat_map(|(m, side)| src.match_indices(m).map(move |(i, _)| (i, *side)))
        .collect();
    starts.sort_by_key(|(i, _)| *i);
    let mut out = Vec::new();
    for (k, (start, side)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(src.len(), |(i, _)| *i);
        out.extend(scan(&src[*start..end]).into_iter().map(|s| (*side, s)));
    }
    out
}

/// The string literals of a piece of Rust source (comments, char literals and lifetimes skipped).
fn scan(src: &str) -> Vec<String> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev_ident = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == 'r' && !prev_ident && matches!(chars.get(i + 1), Some('"' | '#')) {
            let hashes = chars[i + 1..].iter().take_while(|&&h| h == '#').count();
            let open = i + 1 + hashes;
            if chars.get(open) != Some(&'"') {
                i += 1;
                continue;
            }
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let rest: String = chars[open + 1..].iter().collect();
            let len = rest.find(&close).unwrap_or(rest.len());
            let body: String = rest[..len].to_string();
            i = open + 1 + body.chars().count() + close.chars().count();
            out.push(body);
        } else if c == '"' {
            let mut s = String::new();
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                    match chars.get(i) {
                        Some('n') => s.push('\n'),
                        Some('t') => s.push('\t'),
                        Some('u') => {
                            let hex: String = chars[i..]
                                .iter()
                                .skip(2)
                                .take_while(|&&h| h != '}')
                                .collect();
                            i += 2 + hex.len();
                            if let Some(ch) =
                                u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                            {
                                s.push(ch);
                            }
                        }
                        Some('\n') => {
                            while matches!(chars.get(i + 1), Some(w) if w.is_whitespace()) {
                                i += 1;
                            }
                        }
                        Some(&other) => s.push(other),
                        None => {}
                    }
                } else {
                    s.push(chars[i]);
                }
                i += 1;
            }
            i += 1;
            out.push(s);
        } else if c == '\'' {
            // A char literal ('a', '\n', '\u{..}') or a lifetime ('static): skip either.
            if chars.get(i + 1) == Some(&'\\') {
                let close = chars[i + 2..].iter().position(|&x| x == '\'');
                i += 3 + close.unwrap_or(0);
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    out
}

/// A Chinese character or a CJK/full-width punctuation mark.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{3000}'..='\u{303F}'
        | '\u{FF00}'..='\u{FFEF}')
}

/// What is wrong with one Chinese string's punctuation and citations, one line per problem.
fn zh_problems(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut problems = Vec::new();
    let near = |i: usize, step: isize| -> Option<char> {
        let mut j = i as isize + step;
        while j >= 0 && (j as usize) < chars.len() {
            let c = chars[j as usize];
            if !c.is_whitespace() {
                return Some(c);
            }
            j += step;
        }
        None
    };
    let context = |i: usize| -> String {
        let a = i.saturating_sub(12);
        let b = (i + 12).min(chars.len());
        chars[a..b].iter().collect()
    };
    for (i, &c) in chars.iter().enumerate() {
        if matches!(c, ',' | ';' | ':' | '?' | '!')
            && (near(i, -1).is_some_and(is_cjk) || near(i, 1).is_some_and(is_cjk))
        {
            problems.push(format!("ASCII “{c}” beside Chinese: …{}…", context(i)));
        }
        if c == '(' {
            let mut depth = 0usize;
            let close = chars[i..].iter().position(|&x| {
                match x {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                depth == 0
            });
            if let Some(len) = close
                && chars[i + 1..i + len].iter().any(|&x| is_cjk(x))
            {
                problems.push(format!("ASCII ( ) around Chinese: …{}…", context(i)));
            }
        }
    }
    for word in ZH_BANNED {
        if s.contains(word) {
            problems.push(format!("cites “{word}”"));
        }
    }
    problems
}

/// What an English string cites that a reader cannot open.
fn en_problems(s: &str) -> Vec<String> {
    let mut problems: Vec<String> = EN_BANNED
        .iter()
        .filter(|w| s.contains(*w))
        .map(|w| format!("cites “{w}”"))
        .collect();
    let lower = s.to_lowercase();
    for (i, _) in lower.match_indices(THE_SEED) {
        let next = lower[i + THE_SEED.len()..].chars().next();
        if !next.is_some_and(|c| c.is_ascii_alphabetic()) {
            problems.push(format!("cites “{THE_SEED}”"));
        }
    }
    problems
}

#[test]
fn the_scanner_reads_literals_and_skips_the_rest() {
    let src = "// \"not this\"\nstatic EN: X = X { a: \"one, two\", b: r#\"raw \"q\"\"#, c: '\"', d: &'static str };\nstatic ZH: X = X { a: \"一\\n二\", b: \"\\u{FF0C}\" };";
    let lits = literals(src);
    assert_eq!(
        lits,
        vec![
            (Side::En, "one, two".to_string()),
            (Side::En, "raw \"q\"".to_string()),
            (Side::Zh, "一\n二".to_string()),
            (Side::Zh, "，".to_string()),
        ]
    );
}

#[test]
fn the_checks_catch_what_they_should() {
    assert_eq!(zh_problems("数值过大,无法计算。").len(), 1);
    assert_eq!(zh_problems("可以写成 10k :").len(), 0);
    assert_eq!(zh_problems("为什么 ?").len(), 1);
    assert_eq!(zh_problems("训练轮数(epoch)").len(), 0);
    assert_eq!(zh_problems("sbh(34 + 5as/h) 字节").len(), 0);
    assert_eq!(zh_problems("max(⌈每个 epoch 的数⌉, 1)").len(), 1);
    assert_eq!(zh_problems("名称里不能有“:”或“,”").len(), 0);
    assert_eq!(zh_problems("10,000 条,每条 512 个 token").len(), 1);
    for word in ZH_BANNED {
        assert_eq!(zh_problems(&format!("见 {word} 5")).len(), 1, "{word}");
    }
    for word in EN_BANNED {
        assert_eq!(en_problems(&format!("(see {word} 4.4)")).len(), 1, "{word}");
    }
    assert_eq!(en_problems("lowest over the seeds").len(), 0);
    assert_eq!(en_problems(&format!("{THE_SEED}'s 10,000 / 100")).len(), 1);
    assert_eq!(en_problems(&format!("T{}: a Q&A", &THE_SEED[1..])).len(), 1);
}

#[test]
fn chinese_prose_takes_full_width_punctuation_and_no_table_cites_private_notes() {
    let mut problems = Vec::new();
    for (file, src, min_zh) in FILES {
        let lits = literals(src);
        let zh_count = lits
            .iter()
            .filter(|(side, s)| *side == Side::Zh && s.chars().any(is_cjk))
            .count();
        assert!(
            zh_count >= min_zh,
            "{file}: found only {zh_count} Chinese strings (expected at least {min_zh}): the scan is broken"
        );
        for (side, s) in &lits {
            let found = match side {
                Side::Zh => zh_problems(s),
                Side::En => en_problems(s),
            };
            problems.extend(found.into_iter().map(|p| format!("{file} ({side:?}): {p}")));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The `{name}` placeholders of `s`, sorted.
fn placeholders(s: &str) -> Vec<&str> {
    let mut out: Vec<&str> = s
        .match_indices('{')
        .filter_map(|(i, _)| {
            let end = s[i..].find('}')? + i;
            let name = &s[i + 1..end];
            (!name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
            .then_some(&s[i..=end])
        })
        .collect();
    out.sort_unstable();
    out
}

#[test]
fn both_languages_have_the_same_placeholders() {
    for (file, src, _) in FILES {
        let lits = literals(src);
        let side = |want: Side| -> Vec<&String> {
            lits.iter()
                .filter(|(s, _)| *s == want)
                .map(|(_, t)| t)
                .collect()
        };
        let (en, zh) = (side(Side::En), side(Side::Zh));
        if en.len() == zh.len() {
            // Tables with the same fields in the same order: string by string.
            for (e, z) in en.iter().zip(&zh) {
                assert_eq!(placeholders(e), placeholders(z), "{file}: “{e}” / “{z}”");
            }
        } else {
            // A table with language-only entries (Chinese names of default tasks): the whole
            // table's placeholders must still agree.
            let all = |v: &[&String]| -> Vec<String> {
                let mut p: Vec<String> = v
                    .iter()
                    .flat_map(|s| placeholders(s))
                    .map(str::to_string)
                    .collect();
                p.sort_unstable();
                p
            };
            assert_eq!(all(&en), all(&zh), "{file}: placeholders differ");
        }
    }
}

/// What is wrong with the braces of `s`: every `{` must open a `{name}` placeholder that
/// [`super::fill`] fills (lower-case ASCII letters, digits, `_`), and every `}` must close one.
fn brace_problems(s: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find(['{', '}']) {
        let after = &rest[i + 1..];
        if rest[i..].starts_with('}') {
            problems.push(format!("stray “}}” in “{s}”"));
            rest = after;
            continue;
        }
        let len = after
            .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
            .unwrap_or(after.len());
        if len == 0 || !after[len..].starts_with('}') {
            problems.push(format!("“{{” that opens no placeholder in “{s}”"));
            rest = after;
        } else {
            rest = &after[len + 1..];
        }
    }
    problems
}

#[test]
fn every_brace_in_a_table_is_a_placeholder_that_fill_fills() {
    assert_eq!(brace_problems("{n} of {total_2}").len(), 0);
    assert_eq!(brace_problems("{n of").len(), 1);
    assert!(!brace_problems("{N}").is_empty());
    assert_eq!(brace_problems("a } b").len(), 1);
    let mut problems = Vec::new();
    for (file, src, _) in FILES {
        for (side, s) in literals(src) {
            problems.extend(
                brace_problems(&s)
                    .into_iter()
                    .map(|p| format!("{file} ({side:?}): {p}")),
            );
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
