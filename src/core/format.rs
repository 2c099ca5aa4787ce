//! Numbers formatted for reading, shared by charts and views (pure; the raw values go to `data-value`).

/// An integer with thousands separators: `1234567` → `1,234,567`.
pub fn fmt_int(x: u128) -> String {
    let digits = x.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A real number for reading: whole numbers with separators, others with up to 4 significant
/// digits, very small or very large ones in scientific notation (`5e-5`).
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
    let digits = (3 - a.log10().floor() as i32).clamp(0, 12) as usize;
    let s = format!("{x:.digits$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    s.replace('-', "−")
}

/// Scientific notation with 3 significant digits: `0.00005` → `5e-5`, `1.234e-5`.
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

/// A large count in compact form: `1.54e10` → `15.4 B` (en) or `154 亿` (zh).
pub fn fmt_compact(x: f64, zh: bool) -> String {
    let units: &[(f64, &str)] = if zh {
        &[(1e8, " 亿"), (1e4, " 万")]
    } else {
        &[(1e12, " T"), (1e9, " B"), (1e6, " M"), (1e3, " k")]
    };
    for &(scale, name) in units {
        if x.abs() >= scale {
            let v = x / scale;
            let s = if v >= 100.0 {
                format!("{v:.0}")
            } else if v >= 10.0 {
                format!("{v:.1}")
            } else {
                format!("{v:.2}")
            };
            return format!("{}{name}", s.trim_end_matches('0').trim_end_matches('.'));
        }
    }
    fmt_number(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(fmt_int(1_234_567), "1,234,567");
        assert_eq!(fmt_int(100), "100");
        assert_eq!(fmt_number(939.0), "939");
        assert_eq!(fmt_number(2.5), "2.5");
        assert_eq!(fmt_number(1.0 / 3.0), "0.3333");
        assert_eq!(fmt_number(5e-5), "5e−5");
        assert_eq!(fmt_number(f64::NAN), "—");
        assert_eq!(fmt_sci(1.234e-5), "1.23e−5");
        assert_eq!(fmt_sci(-9.999e7), "−1e8");
        assert_eq!(fmt_sci(1e21), "1e21");
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
        assert_eq!(fmt_compact(1.54e10, false), "15.4 B");
        assert_eq!(fmt_compact(1.54e10, true), "154 亿");
        assert_eq!(fmt_compact(512.0, true), "512");
    }
}
