//! Reading numbers the way people type them, and checking them against a range.
//!
//! Accepted: plain and scientific notation (`0.1`, `1e-4`, `5E-5`), thousands separators
//! (`10,000`, `10_000`, `10 000`), the suffixes `k`, `M`, `B`/`G`, `T` (10³, 10⁶, 10⁹, 10¹²),
//! the Chinese 万 (10⁴) and 亿 (10⁸), and a trailing `%` (÷100). Everything else is an
//! [`InputError`] naming the field; nothing here panics.

use super::error::{ErrorKind, InputError};

/// Parses a number as typed by a person (see the module docs for the accepted forms).
pub fn parse_number(text: &str, field: &'static str) -> Result<f64, InputError> {
    let err = |kind| InputError::new(field, kind);
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(err(ErrorKind::Empty));
    }
    let (body, scale) = split_suffix(trimmed);
    let cleaned: String = body
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}' | '\u{202f}' | '，'))
        .collect();
    if cleaned.is_empty()
        || !cleaned
            .chars()
            .all(|c| c.is_ascii_digit() || "+-.eE".contains(c))
    {
        return Err(err(ErrorKind::NotANumber));
    }
    let value: f64 = cleaned.parse().map_err(|_| err(ErrorKind::NotANumber))?;
    let scaled = value * scale;
    if !scaled.is_finite() {
        return Err(err(ErrorKind::NotFinite));
    }
    // Subnormal numbers (1e-320, 5e-324) and anything that rounds to them are refused: they
    // carry few significant bits, and 1/x or x·y of them overflow or underflow, so a figure
    // computed from one would read `inf` or 0. Zero itself is fine (a field's range decides).
    if scaled != 0.0 && !scaled.is_normal() {
        return Err(err(ErrorKind::TooSmall));
    }
    // Text that reads as a non-zero number but rounds to zero (1e-400) is refused likewise.
    let mantissa = cleaned.split(['e', 'E']).next().unwrap_or_default();
    if scaled == 0.0 && mantissa.chars().any(|c| matches!(c, '1'..='9')) {
        return Err(err(ErrorKind::TooSmall));
    }
    Ok(scaled)
}

/// Splits a trailing magnitude suffix off `text`, returning the body and its multiplier.
fn split_suffix(text: &str) -> (&str, f64) {
    const SUFFIXES: [(&str, f64); 10] = [
        ("%", 0.01),
        ("k", 1e3),
        ("K", 1e3),
        ("M", 1e6),
        ("B", 1e9),
        ("G", 1e9),
        ("T", 1e12),
        ("万", 1e4),
        ("亿", 1e8),
        ("千", 1e3),
    ];
    for (suffix, scale) in SUFFIXES {
        if let Some(body) = text.strip_suffix(suffix) {
            return (body.trim_end(), scale);
        }
    }
    (text, 1.0)
}

/// Parses a real number and checks `min ≤ x ≤ max`.
pub fn parse_real(text: &str, field: &'static str, min: f64, max: f64) -> Result<f64, InputError> {
    let x = parse_number(text, field)?;
    check_range(x, field, min, max)
}

/// Parses a real number that must be strictly positive and at most `max`.
pub fn parse_positive(text: &str, field: &'static str, max: f64) -> Result<f64, InputError> {
    let x = parse_number(text, field)?;
    if x <= 0.0 {
        return Err(InputError::new(field, ErrorKind::NotAbove(0.0)));
    }
    check_range(x, field, 0.0, max)
}

/// Parses a whole number and checks `min ≤ n ≤ max`.
pub fn parse_count(text: &str, field: &'static str, min: u64, max: u64) -> Result<u64, InputError> {
    let x = parse_number(text, field)?;
    // Exact integers only: 2.5 is an error, 1e3 is fine.
    if x.fract() != 0.0 {
        return Err(InputError::new(field, ErrorKind::NotWhole));
    }
    let x = check_range(x, field, min as f64, max as f64)?;
    // In range and whole, so the cast is exact for the caps used in this app (< 2^53).
    Ok(x as u64)
}

/// Checks `min ≤ x ≤ max` for an already parsed finite number.
pub fn check_range(x: f64, field: &'static str, min: f64, max: f64) -> Result<f64, InputError> {
    if !x.is_finite() {
        Err(InputError::new(field, ErrorKind::NotFinite))
    } else if x < min {
        Err(InputError::new(field, ErrorKind::BelowMin(min)))
    } else if x > max {
        Err(InputError::new(field, ErrorKind::AboveMax(max)))
    } else {
        Ok(x)
    }
}

/// Parses a 0/1 flag (also `true`/`false`, `yes`/`no`, `on`/`off`).
pub fn parse_flag(text: &str, field: &'static str) -> Result<bool, InputError> {
    match text.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        "" => Err(InputError::new(field, ErrorKind::Empty)),
        _ => Err(InputError::new(field, ErrorKind::NotOneOf(&["0", "1"]))),
    }
}

/// One gigabyte (SI): 10⁹ bytes.
pub const GB: f64 = 1e9;
/// One gibibyte (IEC): 2³⁰ bytes.
pub const GIB: f64 = 1_073_741_824.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_forms_people_type() {
        let cases = [
            ("10000", 10000.0),
            ("10,000", 10000.0),
            ("10_000", 10000.0),
            ("10k", 10000.0),
            ("1e-4", 1e-4),
            ("5E-5", 5e-5),
            ("7B", 7e9),
            (" 2.5 ", 2.5),
            ("1万", 1e4),
            ("5%", 0.05),
            ("1.5M", 1.5e6),
        ];
        for (text, want) in cases {
            let got = parse_number(text, "x").unwrap_or(f64::NAN);
            assert!((got - want).abs() <= 1e-12 * want.abs(), "{text} -> {got}");
        }
    }

    #[test]
    fn rejects_garbage_with_the_field_name() {
        for text in [
            "", "abc", "1e", "--1", "NaN", "inf", "1e400", "0x10", "1..2",
        ] {
            let e = parse_number(text, "n").expect_err(text);
            assert_eq!(e.field, "n");
        }
        assert_eq!(parse_number("", "n").unwrap_err().kind, ErrorKind::Empty);
        assert_eq!(
            parse_number("1e400", "n").unwrap_err().kind,
            ErrorKind::NotFinite
        );
    }

    #[test]
    fn subnormal_and_underflowing_numbers_are_refused() {
        for text in [
            "1e-320",
            "5e-324",
            "-1e-310",
            "1e-400",
            "0.0000001e-310",
            "1e-312k",
        ] {
            assert_eq!(
                parse_number(text, "x").map_err(|e| e.kind),
                Err(ErrorKind::TooSmall),
                "{text}"
            );
        }
        // The smallest normal number and zero in any spelling are numbers.
        assert_eq!(
            parse_number("2.2250738585072014e-308", "x"),
            Ok(f64::MIN_POSITIVE)
        );
        for zero in ["0", "-0", "0e-999", "0.000", "0%"] {
            assert_eq!(parse_number(zero, "x").map(f64::abs), Ok(0.0), "{zero}");
        }
        assert!(parse_positive("1e-320", "lr", 1.0).is_err());
        assert!(parse_count("1e-320", "ga", 1, 10).is_err());
    }

    #[test]
    fn counts_must_be_whole_and_in_range() {
        assert_eq!(parse_count("8", "mbs", 1, 100), Ok(8));
        assert_eq!(
            parse_count("2.5", "mbs", 1, 100).unwrap_err().kind,
            ErrorKind::NotWhole
        );
        assert_eq!(
            parse_count("0", "mbs", 1, 100).unwrap_err().kind,
            ErrorKind::BelowMin(1.0)
        );
        assert_eq!(
            parse_count("1e300", "mbs", 1, 100).unwrap_err().kind,
            ErrorKind::AboveMax(100.0)
        );
        assert_eq!(
            parse_positive("0", "lr", 1.0).unwrap_err().kind,
            ErrorKind::NotAbove(0.0)
        );
    }

    #[test]
    fn flags() {
        assert_eq!(parse_flag("1", "f"), Ok(true));
        assert_eq!(parse_flag("no", "f"), Ok(false));
        assert!(parse_flag("2", "f").is_err());
    }
}
