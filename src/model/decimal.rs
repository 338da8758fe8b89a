//! Exact, unbounded decimals for money and percentages. Never a float.

use std::cmp::Ordering;
use std::fmt;

use crate::safe::clip;

/// A non-negative exact decimal, kept as normalised digit strings: no
/// leading zeros in the integer part, no trailing zeros in the fraction.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Decimal {
    int: String,
    frac: String,
}

/// The most digits a number in an agreement may have, on either side of the
/// point. Far beyond any real amount, small enough to refuse absurd input.
pub const MAX_DIGITS: usize = 40;

impl Decimal {
    /// Parse `1234.50`, `1,234.5` (commas only in groups of three), or `0.25`.
    /// Signs and exponents are refused.
    pub fn parse(s: &str) -> Result<Decimal, String> {
        let s = s.trim();
        if s.is_empty() {
            return Err("expected a number".into());
        }
        if s.starts_with('-') {
            return Err(format!("`{}` cannot be negative", clip(s)));
        }
        let (int_part, frac_part) = match s.split_once('.') {
            Some((i, f)) => (i, f),
            None => (s, ""),
        };
        if int_part.is_empty() || (s.contains('.') && frac_part.is_empty()) {
            return Err(format!("`{}` is not a number: write digits on both sides of the point", clip(s)));
        }
        let int_digits: String = if int_part.contains(',') {
            let groups: Vec<&str> = int_part.split(',').collect();
            let ok = !groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
            if !ok {
                return Err(format!("`{}` has misplaced thousands separators", clip(s)));
            }
            groups.concat()
        } else {
            int_part.to_string()
        };
        if !int_digits.bytes().all(|b| b.is_ascii_digit()) || !frac_part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!(
                "`{}` is not a plain decimal number (digits, an optional point, commas between thousands)",
                clip(s)
            ));
        }
        if int_digits.len() > MAX_DIGITS || frac_part.len() > MAX_DIGITS {
            return Err(format!("`{}` has more than {MAX_DIGITS} digits", clip(s)));
        }
        Ok(Decimal::from_parts(&int_digits, frac_part))
    }

    fn from_parts(int: &str, frac: &str) -> Decimal {
        let int = int.trim_start_matches('0');
        let frac = frac.trim_end_matches('0');
        Decimal { int: if int.is_empty() { "0".into() } else { int.into() }, frac: frac.into() }
    }

    /// Multiply by 10^n (for "million", "billion"...).
    pub fn shift(&self, n: usize) -> Decimal {
        let mut frac = self.frac.clone();
        while frac.len() < n {
            frac.push('0');
        }
        let (moved, rest) = frac.split_at(n);
        Decimal::from_parts(&format!("{}{}", self.int, moved), rest)
    }

    /// Multiply by a small whole number, exactly (run rates: 4 quarters, 12 months).
    pub fn times(&self, n: u32) -> Decimal {
        let digits: Vec<u32> = self.int.bytes().chain(self.frac.bytes()).map(|b| u32::from(b - b'0')).collect();
        let mut out: Vec<u8> = Vec::with_capacity(digits.len() + 10);
        let mut carry: u64 = 0;
        for d in digits.iter().rev() {
            let v = u64::from(*d) * u64::from(n) + carry;
            out.push(b'0' + (v % 10) as u8);
            carry = v / 10;
        }
        while carry > 0 {
            out.push(b'0' + (carry % 10) as u8);
            carry /= 10;
        }
        out.reverse();
        let all = String::from_utf8(out).expect("digits");
        let (int, frac) = all.split_at(all.len() - self.frac.len());
        Decimal::from_parts(int, frac)
    }

    /// Whether the number is zero.
    pub fn is_zero(&self) -> bool {
        self.int == "0" && self.frac.is_empty()
    }

    /// Plain form without separators: `38000000000`, `0.25`.
    pub fn plain(&self) -> String {
        if self.frac.is_empty() { self.int.clone() } else { format!("{}.{}", self.int, self.frac) }
    }

    /// Form with thousands separators: `38,000,000,000.5`.
    pub fn grouped(&self) -> String {
        let mut out = String::new();
        let n = self.int.len();
        for (i, c) in self.int.chars().enumerate() {
            if i > 0 && (n - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        if !self.frac.is_empty() {
            out.push('.');
            out.push_str(&self.frac);
        }
        out
    }
}

impl Decimal {
    /// As a reader writes a large amount: `250 billion`, `1.5 million`,
    /// `38 billion`; exact only (at most three decimals after scaling, none
    /// lost), else [`Decimal::grouped`]: `1,234,567`, `500,000`.
    pub fn words(&self) -> String {
        if self.frac.is_empty() {
            for (zeros, word) in [(12, "trillion"), (9, "billion"), (6, "million")] {
                if self.int.len() > zeros {
                    let (head, tail) = self.int.split_at(self.int.len() - zeros);
                    let tail = tail.trim_end_matches('0');
                    if tail.len() <= 3 {
                        let head = Decimal { int: head.to_string(), frac: String::new() }.grouped();
                        return if tail.is_empty() {
                            format!("{head} {word}")
                        } else {
                            format!("{head}.{tail} {word}")
                        };
                    }
                    break;
                }
            }
        }
        self.grouped()
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        self.int
            .len()
            .cmp(&other.int.len())
            .then_with(|| self.int.cmp(&other.int))
            .then_with(|| self.frac.cmp(&other.frac))
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.grouped())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::parse(s).unwrap()
    }

    #[test]
    fn parses_and_normalises() {
        assert_eq!(d("020.500").plain(), "20.5");
        assert_eq!(d("38,000,000,000").plain(), "38000000000");
        assert_eq!(d("0").plain(), "0");
        assert_eq!(d("1234567.25").grouped(), "1,234,567.25");
        assert_eq!(d("1.5").shift(9).plain(), "1500000000");
        assert_eq!(d("0.0001").shift(2).plain(), "0.01");
        assert_eq!(d("300,000").times(4).plain(), "1200000");
        assert_eq!(d("0.25").times(12).plain(), "3");
        assert_eq!(d("99.99").times(12).plain(), "1199.88");
        assert_eq!(d("0").times(4).plain(), "0");
    }

    #[test]
    fn words_as_a_reader_writes_them() {
        assert_eq!(d("250,000,000,000").words(), "250 billion");
        assert_eq!(d("1500000000").words(), "1.5 billion");
        assert_eq!(d("135000000000").words(), "135 billion");
        assert_eq!(d("13,750,000").words(), "13.75 million");
        assert_eq!(d("2000000000000").words(), "2 trillion");
        // Exact or not at all.
        assert_eq!(d("1234567").words(), "1,234,567");
        assert_eq!(d("1000000.5").words(), "1,000,000.5");
        assert_eq!(d("500000").words(), "500,000");
    }

    #[test]
    fn compares_exactly() {
        assert!(d("20") > d("19.999999999999999999999"));
        assert!(d("100") > d("99.9"));
        assert_eq!(d("20.0"), d("20"));
        assert!(d("0.1") < d("0.11"));
        assert!(d("9") < d("10"));
    }

    #[test]
    fn refuses_bad_numbers() {
        for bad in ["", "-1", "1e400", "1,00", "1,,000", ".5", "5.", "1.2.3", "NaN", "١٢"] {
            assert!(Decimal::parse(bad).is_err(), "{bad} accepted");
        }
        assert!(Decimal::parse(&"9".repeat(41)).is_err());
    }
}
