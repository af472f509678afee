//! Character references: `&amp;`, `&#8217;`, `&#x2019;`, and every named reference of the
//! HTML standard (2,231 names), decoded as the standard's tokenizer does, by the `htmlize`
//! crate: names browsers accept without a semicolon (`&eacute`), numeric references in the
//! C1 range mapped through Windows-1252 (`&#150;` is an en dash), invalid code points as
//! U+FFFD, unknown names kept verbatim. In attribute values a reference without its
//! semicolon that runs into a letter, digit or `=` stays text (`?a=1&copy=2`).
//!
//! The hand-written table this replaced held 211 names; the choice is measured in
//! ARCHITECTURE.md ("Dependencies and why").

use std::borrow::Cow;

/// Appends `raw` (text content) to `out` with character references decoded.
pub fn decode_into(raw: &str, out: &mut String) {
    out.push_str(&decode(raw));
}

/// `raw` (text content) with character references decoded (borrowed when there are none).
pub fn decode(raw: &str) -> Cow<'_, str> {
    htmlize::unescape(raw)
}

/// An attribute value with character references decoded (borrowed when there are none).
pub fn decode_attribute(raw: &str) -> Cow<'_, str> {
    htmlize::unescape_attribute(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_named_and_numeric() {
        assert_eq!(
            decode("Tom &amp; Jerry &ndash; &#8220;hi&#x201D; caf&eacute;"),
            "Tom & Jerry – “hi” café"
        );
        assert_eq!(decode("&#150;&#0;&#xD800;"), "–\u{FFFD}\u{FFFD}");
        assert_eq!(
            decode("a &amp b &nosuch; c & d &#"),
            "a & b &nosuch; c & d &#"
        );
        assert_eq!(decode("&#99999999999999999999;"), "\u{FFFD}");
    }

    #[test]
    fn decodes_the_whole_html5_table() {
        // Names the hand-written table lacked; the last is two code points.
        assert_eq!(
            decode("&checkmark; Made with &hearts; &rarrw; &NotEqualTilde;"),
            "✓ Made with ♥ ↝ \u{2242}\u{338}"
        );
    }

    #[test]
    fn legacy_names_without_semicolon() {
        assert_eq!(
            decode("caf&eacute au lait, &copy 2024"),
            "café au lait, © 2024"
        );
        // The longest legacy name that prefixes the run is taken, as browsers do.
        assert_eq!(decode("&notit;"), "¬it;");
    }

    #[test]
    fn attributes_keep_query_strings() {
        assert_eq!(
            decode_attribute("/page?a=1&copy=2&amp;b=3"),
            "/page?a=1&copy=2&b=3"
        );
        assert_eq!(decode("a=1&copy=2"), "a=1©=2");
    }

    #[test]
    fn text_without_references_is_borrowed() {
        assert!(matches!(decode("no references here"), Cow::Borrowed(_)));
    }
}
