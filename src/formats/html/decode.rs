//! Reading a page's bytes as text: the byte-order mark, else the charset the page declares
//! (`<meta charset>`, `http-equiv` Content-Type, the XML declaration), else UTF-8 when the
//! bytes are valid UTF-8, else windows-1252 (what browsers assume).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into the page a charset declaration is looked for (browsers look at 1024 bytes;
/// saved pages often have long heads, so a little further).
const SNIFF_BYTES: usize = 4096;

/// The page as text, and the name of the encoding it was read in.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let encoding = Encoding::for_bom(bytes)
        .map(|(enc, _)| enc)
        .or_else(|| declared_encoding(bytes))
        .unwrap_or_else(|| if std::str::from_utf8(bytes).is_ok() { UTF_8 } else { WINDOWS_1252 });
    let (text, used, _had_errors) = encoding.decode(bytes);
    (text.into_owned(), used.name())
}

/// The encoding named by a `charset=` or XML `encoding=` in the page's first bytes.
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..SNIFF_BYTES.min(bytes.len())).unwrap_or(bytes);
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    for key in ["charset=", "encoding="] {
        let mut rest = head.as_str();
        while let Some(at) = rest.find(key) {
            let after = rest.get(at + key.len()..).unwrap_or("");
            let label: String = after
                .trim_start_matches(['"', '\'', ' '])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                .collect();
            if let Some(enc) = Encoding::for_label(label.as_bytes()) {
                // A page that says UTF-16 in ASCII bytes is not UTF-16 (the HTML standard's rule).
                return Some(if enc.name().starts_with("UTF-16") { UTF_8 } else { enc });
            }
            rest = after;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_windows_1251() {
        let mut page = b"<html><head><meta charset=\"windows-1251\"></head><body>".to_vec();
        page.extend_from_slice(&[0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]);
        let (text, enc) = decode(&page);
        assert_eq!(enc, "windows-1251");
        assert!(text.ends_with("Привет"), "{text}");
    }

    #[test]
    fn http_equiv_and_bom() {
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">caf\xe9";
        assert_eq!(
            decode(page),
            ("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">café".to_owned(), "windows-1252")
        );
        let bom = b"\xef\xbb\xbf<p>\xc3\xa9</p>";
        assert_eq!(decode(bom), ("<p>é</p>".to_owned(), "UTF-8"));
    }

    #[test]
    fn undeclared_bytes_fall_back_to_utf8_then_windows_1252() {
        assert_eq!(decode("<p>ünï</p>".as_bytes()).1, "UTF-8");
        assert_eq!(decode(b"<p>\xfc</p>"), ("<p>ü</p>".to_owned(), "windows-1252"));
    }
}
