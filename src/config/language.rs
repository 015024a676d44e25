//! Language codes: the languages a site, a course and a page are written in.

use serde::{Deserialize, Serialize};

/// A language code as BCP 47 writes it (`vi`, `en`, `hmn`, `zh-Hant`): a primary subtag of 2 to 8
/// ASCII letters, then subtags of 1 to 8 letters or digits, joined by `-`, 15 characters at most.
/// Small and `Copy`, since every page, course and question carries one.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Language {
    bytes: [u8; Language::MAX],
    len: u8,
}

impl Language {
    const MAX: usize = 15;
    /// Vietnamese, the default.
    pub const VI: Language = Language::ascii(b"vi");
    /// English.
    pub const EN: Language = Language::ascii(b"en");

    const fn ascii(code: &[u8]) -> Language {
        let mut bytes = [0; Language::MAX];
        let mut i = 0;
        while i < code.len() {
            bytes[i] = code[i];
            i += 1;
        }
        Language {
            bytes,
            len: code.len() as u8,
        }
    }

    /// The language with `code`, or why it is not a language code.
    pub fn parse(code: &str) -> Result<Language, String> {
        let well_formed = code.len() <= Language::MAX
            && code.split('-').enumerate().all(|(i, part)| {
                let letters = part.bytes().all(|b| b.is_ascii_alphabetic());
                let alnum = part.bytes().all(|b| b.is_ascii_alphanumeric());
                match i {
                    0 => (2..=8).contains(&part.len()) && letters,
                    _ => (1..=8).contains(&part.len()) && alnum,
                }
            });
        if well_formed {
            Ok(Language::ascii(code.as_bytes()))
        } else {
            Err(format!(
                "{code:?} is not a language code: write it as BCP 47 does, such as `vi`, `en`, `hmn` or `zh-Hant`"
            ))
        }
    }

    /// The code as written (`vi`, `zh-Hant`).
    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("")
    }
}

impl Default for Language {
    fn default() -> Self {
        Language::VI
    }
}

impl std::fmt::Debug for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.code())
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Language {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Language {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Language::parse(&code).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes_have_the_shape_of_bcp_47() {
        for good in [
            "vi",
            "en",
            "tay",
            "hmn",
            "km",
            "zh-Hant",
            "sr-Latn-RS",
            "es-419",
        ] {
            assert_eq!(Language::parse(good).unwrap().code(), good);
        }
        for bad in [
            "",
            "v",
            "vi_VN",
            "tiếng-việt",
            "en-",
            "-en",
            "1a",
            "en--us",
            "abcdefghi",
            "en-abcdefghijklm",
        ] {
            assert!(Language::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(Language::parse("vi").unwrap(), Language::VI);
        assert!(Language::VI < Language::parse("zh").unwrap());
    }
}
