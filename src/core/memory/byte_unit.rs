//! The unit bytes are shown in: decimal gigabytes or binary gibibytes.
//!
//! GB = 10⁹ bytes (SI prefix giga) and GiB = 2³⁰ bytes (IEC 80000-13 binary prefix gibi);
//! the two differ by 7.4 %, which is why calculators that mix them disagree. NVIDIA's "80GB"
//! cards hold 80 GiB (see [`super::gpu`]). Raw values (`data-value`) are always bytes.
//!
//! Large amounts climb a ladder of the same kind of prefix (IEC 80000-13): GB → TB → PB
//! (×1000 each) or GiB → TiB → PiB (×1024 each), so a figure never reads "33025279 GB".

use crate::core::error::{ErrorKind, InputError};
use crate::core::format::fmt_number;
use crate::core::params::memory as M;
use crate::core::units::{GB, GIB};

/// The display unit (`unit=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByteUnit {
    /// 10⁹ bytes.
    Gb,
    /// 2³⁰ bytes.
    Gib,
}

impl ByteUnit {
    /// URL words, in display order.
    pub const KEYS: &'static [&'static str] = &["gb", "gib"];

    /// Parses a URL word (empty → GB).
    pub fn parse(text: &str) -> Result<Self, InputError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "gb" | "" => Ok(Self::Gb),
            "gib" => Ok(Self::Gib),
            _ => Err(InputError::new(
                M::UNIT.key,
                ErrorKind::NotOneOf(Self::KEYS),
            )),
        }
    }

    /// Bytes in one unit.
    pub fn bytes(self) -> f64 {
        match self {
            Self::Gb => GB,
            Self::Gib => GIB,
        }
    }

    /// The symbol shown after a number.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Gb => "GB",
            Self::Gib => "GiB",
        }
    }

    /// `bytes` in this unit (finite for every u64).
    pub fn amount(self, bytes: u64) -> f64 {
        bytes as f64 / self.bytes()
    }

    /// The ladder of units of this kind, smallest first: bytes per unit and symbol.
    pub fn ladder(self) -> [(f64, &'static str); 3] {
        match self {
            Self::Gb => [(GB, "GB"), (GB * 1e3, "TB"), (GB * 1e6, "PB")],
            Self::Gib => [
                (GIB, "GiB"),
                (GIB * 1024.0, "TiB"),
                (GIB * 1024.0 * 1024.0, "PiB"),
            ],
        }
    }

    /// The rung of [`Self::ladder`] that `bytes` (its size, sign ignored) reads best in: the
    /// largest unit holding it at least once, this unit itself for anything smaller. Past
    /// the top rung the amount keeps growing (with separators: `33,025 PB`).
    pub fn rung(self, bytes: f64) -> (f64, &'static str) {
        let ladder = self.ladder();
        let mut best = ladder[0];
        for step in ladder {
            if bytes.abs() >= step.0 {
                best = step;
            }
        }
        best
    }

    /// `bytes` in its rung of the ladder, with the symbol: `112 GB`, `1.6 TB`, `33.03 PB`.
    pub fn format(self, bytes: f64) -> String {
        let (per, symbol) = self.rung(bytes);
        format!("{} {symbol}", fmt_number(bytes / per))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units() {
        // 7e9 × 16 B = 112.0 GB = 104.31 GiB (`python tests/reference/memory_arithmetic.py`).
        let b = 112_000_000_000;
        assert_eq!(ByteUnit::Gb.amount(b), 112.0);
        assert_eq!((ByteUnit::Gib.amount(b) * 100.0).round() / 100.0, 104.31);
        assert_eq!(ByteUnit::parse("GiB"), Ok(ByteUnit::Gib));
        assert_eq!(ByteUnit::parse(""), Ok(ByteUnit::Gb));
        assert_eq!(ByteUnit::parse("tb").unwrap_err().field, "unit");
        assert!(ByteUnit::Gib.amount(u64::MAX).is_finite());
    }

    #[test]
    fn large_amounts_climb_the_ladder() {
        // The Memory view at mbs = 4096, seq = 1,048,576 used to read "33025279 GB".
        assert_eq!(ByteUnit::Gb.format(33_025_279.4e9), "33.03 PB");
        assert_eq!(ByteUnit::Gb.format(112e9), "112 GB");
        assert_eq!(ByteUnit::Gb.format(999e9), "999 GB");
        assert_eq!(ByteUnit::Gb.format(1.6e12), "1.6 TB");
        assert_eq!(ByteUnit::Gb.format(-2e12), "−2 TB");
        assert_eq!(ByteUnit::Gb.format(0.5e9), "0.5 GB");
        assert_eq!(ByteUnit::Gib.format(80.0 * GIB), "80 GiB");
        assert_eq!(ByteUnit::Gib.format(1000.0 * GIB), "1,000 GiB");
        assert_eq!(ByteUnit::Gib.format(2048.0 * GIB), "2 TiB");
        assert_eq!(ByteUnit::Gib.format(3.0 * GIB * 1024.0 * 1024.0), "3 PiB");
        // Past the top rung: separators, never a bare run of digits.
        assert_eq!(ByteUnit::Gb.format(12_345e15), "12,345 PB");
        assert_eq!(ByteUnit::Gb.format(u64::MAX as f64), "18,447 PB");
        for unit in [ByteUnit::Gb, ByteUnit::Gib] {
            for e in 0..25 {
                let text = unit.format(10f64.powi(e) * 1.234_567);
                let number = text.split(' ').next().unwrap_or("");
                let digits = number.chars().take_while(char::is_ascii_digit).count();
                assert!(digits <= 3, "{text}: a long run of digits");
            }
        }
    }
}
