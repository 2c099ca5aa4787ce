//! Numbers formatted for reading, shared by charts and views (pure; the raw values go to `data-value`).
//!
//! Every text here reads back to its value: the digits shown are the value rounded to the last
//! digit shown (trailing zeros after a decimal point dropped), `−` is the minus sign, `,` groups
//! thousands, and `e`, `k`/`M`/`B`/`T` or 万 (10⁴) / 亿 (10⁸) scale the number before them.

/// An integer with thousands separators: `1234567` → `1,234,567`.
pub fn fmt_int(x: u128) -> String {
    group_thousands(&x.to_string())
}

/// `digits` (ASCII digits only) with a `,` before every group of three from the right.
fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `x` with `decimals` digits after the point, trailing zeros after the point dropped, the
/// integer part grouped in thousands, and `−` in front when the shown value is below zero:
/// `fmt_fixed(-1234.5, 2)` → `−1,234.5`.
pub fn fmt_fixed(x: f64, decimals: usize) -> String {
    let s = format!("{:.decimals$}", x.abs());
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s.as_str()
    };
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    if x < 0.0 && s.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        out.push('−');
    }
    out.push_str(&group_thousands(int));
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// The decimals that show `a` (> 0) to `sig` significant digits, between 0 and 12.
fn decimals_for(a: f64, sig: i32) -> usize {
    (sig - 1 - a.log10().floor() as i32).clamp(0, 12) as usize
}

/// A real number for reading: whole numbers with separators, others with up to 4 significant
/// digits (the integer part grouped: `12,345.7` → `12,346`), very small or very large ones in
/// scientific notation (`5e−5`).
pub fn fmt_number(x: f64) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let a = x.abs();
    if x.fract() == 0.0 && a < 1e15 {
        let s = fmt_int(a as u128);
        return if x < 0.0 { format!("−{s}") } else { s };
    }
    if a != 0.0 && !(1e-3..1e9).contains(&a) {
        return fmt_sci(x);
    }
    fmt_fixed(x, decimals_for(a, 4))
}

/// A rate or other real that is often small (learning rates): plain decimals with up to 3
/// significant digits from 10⁻³ to 10⁴ (`0.5`, `1`, `10`, `0.003`), scientific notation
/// outside (`3e−4`).
pub fn fmt_rate(x: f64) -> String {
    let a = x.abs();
    if !x.is_finite() || a == 0.0 || !(1e-3..1e4).contains(&a) {
        return fmt_sci(x);
    }
    fmt_fixed(x, decimals_for(a, 3))
}

/// A computed number the app writes into an input field (a measured noise scale handed to
/// the Batch & LR view): rounded to 4 significant digits, in plain ASCII that the field reads
/// back (`6224.14740887` → `6224`, `0.000123456` → `0.0001235`, `1.5e-12`); empty if not
/// finite.
pub fn fmt_input(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let Ok(v) = format!("{x:.3e}").parse::<f64>() else {
        return String::new();
    };
    if v == 0.0 || (1e-4..1e15).contains(&v.abs()) {
        v.to_string()
    } else {
        format!("{v:e}")
    }
}

/// Scientific notation with 3 significant digits: `0.00005` → `5e−5`, `1.234e-5` → `1.23e−5`.
///
/// The mantissa and exponent come from Rust's own `{:e}` formatting, which is exact for every
/// finite `f64`, subnormal ones included (dividing by `10^exp` is not: `10^-320` is 0).
pub fn fmt_sci(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return fmt_number(x);
    }
    let s = format!("{x:.2e}");
    let (mant, exp) = s.split_once('e').unwrap_or((s.as_str(), "0"));
    let mant = if mant.contains('.') {
        mant.trim_end_matches('0').trim_end_matches('.')
    } else {
        mant
    };
    format!("{mant}e{exp}").replace('-', "−")
}

/// A large count in compact form with at least 3 significant digits: `1.54e10` → `15.4 B` (en)
/// or `154 亿` (zh); `1e6` → `1 M` or `100 万`. Below the smallest unit (1,000 or 10,000) it is
/// [`fmt_number`]; past the largest, the number before `T` or `亿` gets separators
/// (`12,000 亿`).
pub fn fmt_compact(x: f64, zh: bool) -> String {
    if !x.is_finite() {
        return fmt_number(x);
    }
    let units: &[(f64, &str)] = if zh {
        &[(1e8, " 亿"), (1e4, " 万")]
    } else {
        &[(1e12, " T"), (1e9, " B"), (1e6, " M"), (1e3, " k")]
    };
    let a = x.abs();
    if units.last().is_none_or(|(smallest, _)| a < *smallest) {
        return fmt_number(x);
    }
    // The unit is chosen for the value rounded to 3 significant digits, so that 99,996,000
    // shows as `1 亿` rather than `10,000 万`.
    let p = 10f64.powi(a.log10().floor() as i32 - 2);
    let shown = (a / p).round() * p;
    for &(scale, name) in units {
        if shown >= scale * (1.0 - 1e-12) {
            let v = x / scale;
            return format!("{}{name}", fmt_fixed(v, decimals_for(v.abs().max(1.0), 3)));
        }
    }
    fmt_number(x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sim::rng::SimRng;

    #[test]
    fn formats() {
        assert_eq!(fmt_int(1_234_567), "1,234,567");
        assert_eq!(fmt_int(100), "100");
        assert_eq!(fmt_number(939.0), "939");
        assert_eq!(fmt_number(2.5), "2.5");
        assert_eq!(fmt_number(1.0 / 3.0), "0.3333");
        assert_eq!(fmt_number(5e-5), "5e−5");
        assert_eq!(fmt_number(f64::NAN), "—");
        assert_eq!(fmt_number(12_345.6), "12,346");
        assert_eq!(fmt_number(-1234.56), "−1,235");
        assert_eq!(fmt_sci(1.234e-5), "1.23e−5");
        assert_eq!(fmt_sci(-9.999e7), "−1e8");
        assert_eq!(fmt_sci(1e21), "1e21");
        assert_eq!(fmt_compact(1.54e10, false), "15.4 B");
        assert_eq!(fmt_compact(1.54e10, true), "154 亿");
        assert_eq!(fmt_compact(512.0, true), "512");
        assert_eq!(fmt_sci(9.996e5), "1e6");
        assert_eq!(fmt_sci(-1.234e-5), "−1.23e−5");
    }

    #[test]
    fn tiny_and_huge_numbers_never_print_inf_or_nan() {
        // Subnormal values once printed as "inf e−321" (10^-321 underflows to 0).
        assert_eq!(fmt_number(1e-320), "1e−320");
        assert_eq!(fmt_number(5e-324), "4.94e−324");
        assert_eq!(fmt_sci(-1e-310), "−1e−310");
        assert_eq!(fmt_number(f64::MAX), "1.8e308");
        for x in [
            1e-320,
            5e-324,
            f64::MIN_POSITIVE,
            1e-300,
            f64::MAX,
            -f64::MAX,
            1e15,
            123.456,
        ] {
            let s = fmt_number(x);
            assert!(!s.contains("inf") && !s.contains("NaN"), "{x} -> {s}");
            assert!(
                !s.starts_with('e') && !s.ends_with('e') && !s.ends_with('−'),
                "{x} -> {s}"
            );
        }
    }

    /// The token counts of the Steps view at n = 10,000 and seq = 100 for 1, 1.5, 2 and 10
    /// epochs: integers ending in zeros must keep them before 万.
    #[test]
    fn wan_keeps_the_zeros_of_whole_numbers() {
        assert_eq!(fmt_compact(1_000_000.0, true), "100 万");
        assert_eq!(fmt_compact(1_500_000.0, true), "150 万");
        assert_eq!(fmt_compact(2_000_000.0, true), "200 万");
        assert_eq!(fmt_compact(10_000_000.0, true), "1,000 万");
        assert_eq!(fmt_compact(100_000_000.0, true), "1 亿");
        assert_eq!(fmt_compact(1e12, true), "10,000 亿");
        assert_eq!(fmt_compact(9_996.0, true), "9,996");
        assert_eq!(fmt_compact(99_996_000.0, true), "1 亿");
        assert_eq!(fmt_compact(-2e5, true), "−20 万");
        assert_eq!(fmt_compact(1e6, false), "1 M");
        assert_eq!(fmt_compact(100e6, false), "100 M");
        assert_eq!(fmt_compact(999_600.0, false), "1 M");
        assert_eq!(fmt_compact(2e15, false), "2,000 T");
    }

    #[test]
    fn filled_inputs_have_four_significant_digits() {
        assert_eq!(fmt_input(6_224.147_408_87), "6224");
        assert_eq!(fmt_input(25.000_000_000_03), "25");
        assert_eq!(fmt_input(123_456.0), "123500");
        assert_eq!(fmt_input(0.000_123_456), "0.0001235");
        assert_eq!(fmt_input(1.0 / 3.0), "0.3333");
        assert_eq!(fmt_input(-2.5), "-2.5");
        assert_eq!(fmt_input(1.5e-12), "1.5e-12");
        assert_eq!(fmt_input(9.999_9e20), "1e21");
        assert_eq!(fmt_input(0.0), "0");
        assert_eq!(fmt_input(f64::NAN), "");
        // Whatever it writes, the field's parser reads back to the value within 4 digits.
        let mut rng = SimRng::new(7);
        for _ in 0..2_000 {
            let x = 10f64.powf(rng.uniform() * 40.0 - 20.0);
            let text = fmt_input(x);
            let back = crate::core::units::parse_number(&text, "x").unwrap_or(f64::NAN);
            assert!((back - x).abs() <= 5e-4 * x * (1.0 + 1e-9), "{x}: {text}");
            assert!(!text.contains(['−', ',']), "{text}");
        }
    }

    #[test]
    fn rates_are_plain_in_a_sensible_range() {
        assert_eq!(fmt_rate(0.5), "0.5");
        assert_eq!(fmt_rate(1.0), "1");
        assert_eq!(fmt_rate(10.0), "10");
        assert_eq!(fmt_rate(0.003), "0.003");
        assert_eq!(fmt_rate(0.012_345), "0.0123");
        assert_eq!(fmt_rate(9.996), "10");
        assert_eq!(fmt_rate(3e-4), "3e−4");
        assert_eq!(fmt_rate(2e5), "2e5");
        assert_eq!(fmt_rate(0.0), "0");
    }

    /// The value of a formatted text and half a unit of its last shown digit, read as a person
    /// would: an optional `−`, digits grouped by `,` in threes, an optional fraction, an optional
    /// `e` exponent, then an optional unit (` k`, ` M`, ` B`, ` T` or ` 万`, ` 亿`). `None` for
    /// anything else, including an ASCII hyphen or a misplaced separator.
    fn read_back(text: &str, zh: bool) -> Option<(f64, f64)> {
        let (neg, rest) = match text.strip_prefix('−') {
            Some(r) => (true, r),
            None => (false, text),
        };
        let units: &[(&str, i32)] = if zh {
            &[(" 万", 4), (" 亿", 8)]
        } else {
            &[(" k", 3), (" M", 6), (" B", 9), (" T", 12)]
        };
        let (body, unit_exp) = units
            .iter()
            .find_map(|(u, e)| rest.strip_suffix(u).map(|b| (b, *e)))
            .unwrap_or((rest, 0));
        let (mant, exp) = match body.split_once('e') {
            Some((m, e)) => {
                let (eneg, digits) = e.strip_prefix('−').map_or((false, e), |d| (true, d));
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let e: i32 = digits.parse().ok()?;
                (m, if eneg { -e } else { e })
            }
            None => (body, 0),
        };
        let (int, frac) = mant.split_once('.').map_or((mant, ""), |(i, f)| (i, f));
        let groups: Vec<&str> = int.split(',').collect();
        let grouped_ok = groups.iter().enumerate().all(|(i, g)| {
            !g.is_empty()
                && g.bytes().all(|b| b.is_ascii_digit())
                && if i == 0 {
                    g.len() <= 3 || groups.len() == 1
                } else {
                    g.len() == 3
                }
        });
        if !grouped_ok || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if mant.contains('.') && (frac.is_empty() || frac.ends_with('0')) {
            return None;
        }
        let digits: String = int
            .chars()
            .filter(|c| *c != ',')
            .chain(frac.chars())
            .collect();
        let e = exp + unit_exp - frac.len() as i32;
        let value: f64 = format!("{digits}e{e}").parse().ok()?;
        Some((if neg { -value } else { value }, 0.5 * 10f64.powi(e)))
    }

    /// Checks that `text` reads back to `x` within half a unit of its last shown digit, and to
    /// at least `sig` significant digits (`None`: exactly).
    fn check(x: f64, text: &str, zh: bool, sig: Option<i32>) {
        let (v, half) = read_back(text, zh).unwrap_or_else(|| panic!("{x}: {text:?} unreadable"));
        let err = (v - x).abs();
        match sig {
            None => assert_eq!(v, x, "{x}: {text:?} not exact"),
            Some(sig) => {
                let slop = 1.0 + 1e-9;
                assert!(
                    err <= half * slop,
                    "{x}: {text:?} off by {err}, shown to ±{half}"
                );
                let sig_half = 0.5 * 10f64.powi(x.abs().log10().floor() as i32 - (sig - 1));
                assert!(
                    err <= sig_half * slop,
                    "{x}: {text:?} has fewer than {sig} digits"
                );
            }
        }
    }

    /// Every formatter on `x`, with the precision each one promises; returns the cases checked.
    fn check_all(x: f64) -> usize {
        let mut n = 0;
        let whole = x.fract() == 0.0 && x.abs() < 1e15;
        check(x, &fmt_number(x), false, if whole { None } else { Some(3) });
        if !whole && (1e-3..1e9).contains(&x.abs()) {
            check(x, &fmt_number(x), false, Some(4));
        }
        if x != 0.0 {
            check(x, &fmt_sci(x), false, Some(3));
            check(x, &fmt_rate(x), false, Some(3));
            n += 2;
        }
        for zh in [false, true] {
            let text = fmt_compact(x, zh);
            let below = x.abs() < if zh { 1e4 } else { 1e3 };
            check(x, &text, zh, if whole && below { None } else { Some(3) });
            assert!(!text.contains(['万', '亿']) || zh, "{text}");
            n += 1;
        }
        if whole && x >= 0.0 {
            check(x, &fmt_int(x as u128), false, None);
            n += 1;
        }
        n + 1
    }

    #[test]
    fn every_shown_number_reads_back() {
        let mut checked = 0;
        // Powers of ten, 2·10ᵏ, 5·10ᵏ and 10ᵏ − 1 up to 10¹⁸, as integers and as reals.
        for k in 0..=18u32 {
            let p = 10u64.pow(k);
            for n in [p, 2 * p, 5 * p, p - 1] {
                for x in [n as f64, -(n as f64)] {
                    checked += check_all(x);
                }
                if n < 1 << 53 {
                    assert_eq!(fmt_int(u128::from(n)).replace(',', ""), n.to_string());
                }
            }
        }
        for k in -12..0 {
            for m in [1.0, 2.0, 5.0, 9.999_9] {
                checked += check_all(m * 10f64.powi(k));
            }
        }
        // A fixed-seed random sample of integers (counts) and reals (rates, losses) over 30 decades.
        let mut rng = SimRng::new(20_240_611);
        for _ in 0..20_000 {
            let k = rng.below(19) as u32;
            let n = rng.below(10u64.pow(k).max(2));
            checked += check_all(n as f64);
            let e = rng.uniform() * 30.0 - 12.0;
            let sign = if rng.below(2) == 0 { 1.0 } else { -1.0 };
            checked += check_all(sign * 10f64.powf(e));
        }
        assert!(checked >= 200_000, "only {checked} cases checked");
    }
}
