//! The unit bytes are shown in: decimal gigabytes or binary gibibytes.
//!
//! GB = 10⁹ bytes (SI prefix giga) and GiB = 2³⁰ bytes (IEC 80000-13 binary prefix gibi);
//! the two differ by 7.4 %, which is why calculators that mix them disagree. NVIDIA's "80GB"
//! cards hold 80 GiB (see [`super::gpu`]). Raw values (`data-value`) are always bytes.

use crate::core::error::{ErrorKind, InputError};
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
            _ => Err(InputError::new("unit", ErrorKind::NotOneOf(Self::KEYS))),
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
}
