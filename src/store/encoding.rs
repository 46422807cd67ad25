//! Decoding article files that are not UTF-8: UTF-16 by its byte-order mark, and otherwise
//! Windows-1252 (the superset of Latin-1 that old Windows editors and many sites write). The
//! caller is told which encoding was assumed.

use super::StoreError;
use super::input::decode_utf8;
use std::path::Path;

/// An article file's text and the encoding that was assumed when it was not UTF-8.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleText {
    /// The decoded text (a UTF-8 byte-order mark is kept for the importer to drop).
    pub text: String,
    /// The encoding assumed, when the file was not UTF-8 ("UTF-16LE", "Windows-1252").
    pub assumed_encoding: Option<&'static str>,
}

impl ArticleText {
    /// What to tell the user about the encoding, if anything was assumed.
    pub fn warning(&self) -> Option<String> {
        self.assumed_encoding.map(|enc| format!("the file is not UTF-8; it was read as {enc}"))
    }
}

/// Windows-1252's characters for the bytes 0x80..=0x9F (the five unassigned ones stay the
/// C1 controls, as browsers decode them).
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}', '\u{02C6}', '\u{2030}',
    '\u{0160}', '\u{2039}', '\u{0152}', '\u{8D}', '\u{017D}', '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}',
    '\u{2022}', '\u{2013}', '\u{2014}', '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{9D}', '\u{017E}',
    '\u{0178}',
];

fn windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH.get(usize::from(b - 0x80)).copied().unwrap_or(char::REPLACEMENT_CHARACTER),
            _ => char::from(b),
        })
        .collect()
}

fn utf16(bytes: &[u8], big_endian: bool, path: &Path) -> Result<String, StoreError> {
    let body = bytes.get(2..).unwrap_or_default();
    let units: Vec<u16> = body
        .chunks(2)
        .map(|pair| match pair {
            [a, b] if big_endian => u16::from_be_bytes([*a, *b]),
            [a, b] => u16::from_le_bytes([*a, *b]),
            _ => 0xFFFD,
        })
        .collect();
    String::from_utf16(&units).map_err(|_| StoreError::Parse {
        path: path.to_owned(),
        line: 1,
        col: 1,
        message: "the file starts as UTF-16 but is not valid UTF-16".into(),
    })
}

/// Decodes an article file: UTF-8 when it is valid UTF-8, UTF-16 when it starts with a UTF-16
/// byte-order mark, else Windows-1252. Bytes with NULs and no UTF-16 mark are not text and are
/// refused with the position of the first invalid UTF-8 byte.
pub fn decode_article(bytes: Vec<u8>, path: &Path) -> Result<ArticleText, StoreError> {
    match bytes.get(..2) {
        Some([0xFF, 0xFE]) => return Ok(ArticleText { text: utf16(&bytes, false, path)?, assumed_encoding: Some("UTF-16LE") }),
        Some([0xFE, 0xFF]) => return Ok(ArticleText { text: utf16(&bytes, true, path)?, assumed_encoding: Some("UTF-16BE") }),
        _ => {}
    }
    if std::str::from_utf8(&bytes).is_ok() || bytes.contains(&0) {
        return decode_utf8(bytes, path).map(|text| ArticleText { text, assumed_encoding: None });
    }
    Ok(ArticleText { text: windows_1252(&bytes), assumed_encoding: Some("Windows-1252") })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> ArticleText {
        decode_article(bytes.to_vec(), Path::new("a.txt")).expect("decodes")
    }

    #[test]
    fn latin1_and_windows_1252_bytes_become_their_letters() {
        let a = decode(b"Caf\xe9 \x93cited\x94 \x80 5");
        assert_eq!(a.text, "Café \u{201C}cited\u{201D} € 5");
        assert_eq!(a.assumed_encoding, Some("Windows-1252"));
        assert!(a.warning().is_some_and(|w| w.contains("Windows-1252")));
    }

    #[test]
    fn utf16_is_read_by_its_byte_order_mark() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("Zürich said".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le).text, "Zürich said");
        let mut be = vec![0xFE, 0xFF];
        be.extend("Kyiv — G7".encode_utf16().flat_map(u16::to_be_bytes));
        let b = decode(&be);
        assert_eq!((b.text.as_str(), b.assumed_encoding), ("Kyiv — G7", Some("UTF-16BE")));
    }

    #[test]
    fn utf8_is_not_second_guessed_and_binary_is_refused() {
        let a = decode("Censor.NET, citing Ukrinform".as_bytes());
        assert_eq!((a.text.as_str(), a.warning()), ("Censor.NET, citing Ukrinform", None));
        assert!(decode_article(vec![0x89, b'P', b'N', b'G', 0, 0, 0xff], Path::new("x.txt")).is_err());
    }
}
