//! Small string helpers shared by the extractors.

/// Collapses every run of whitespace (Unicode, no-break space included) to one space and
/// trims both ends. Zero-width characters and soft hyphens are removed.
pub fn fold_whitespace(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    fold_whitespace_into(raw, &mut out);
    out
}

/// [`fold_whitespace`] appending to `out`.
pub fn fold_whitespace_into(raw: &str, out: &mut String) {
    let start_len = out.len();
    let mut pending_space = false;
    for c in raw.chars() {
        if c.is_whitespace() {
            pending_space = true;
        } else if is_invisible(c) {
            continue;
        } else {
            if pending_space && out.len() > start_len {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        }
    }
}

/// Repairs text that was UTF-8 decoded as Latin-1 somewhere upstream ("kidsâ\u{80}\u{99}"
/// for "kids’"). Only runs of U+0080..=U+00FF that contain a C1 control character (never
/// real text) are touched, and only when they form valid UTF-8 again.
pub fn repair_mojibake(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| ('\u{80}'..='\u{9F}').contains(&c)) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.chars().any(|c| ('\u{80}'..='\u{9F}').contains(&c)) {
            let bytes: Vec<u8> = run.chars().map(|c| c as u32 as u8).collect();
            if let Ok(fixed) = std::str::from_utf8(&bytes) {
                out.push_str(fixed);
                run.clear();
                return;
            }
        }
        out.push_str(run);
        run.clear();
    };
    for c in s.chars() {
        if ('\u{80}'..='\u{FF}').contains(&c) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    std::borrow::Cow::Owned(out)
}

/// Characters that render as nothing.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{200B}'
            | '\u{200C}'
            | '\u{200D}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{200E}'
            | '\u{200F}'
    )
}

/// Number of characters (not bytes).
pub fn char_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// `s` cut to at most `max` characters, with "…" when cut.
pub fn truncate_chars(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

/// Lower-cased word tokens of a class or id value, passed to `each`: every run of ASCII
/// letters and digits whole (`articleBody` → `articlebody`) and, when the run is camelCase,
/// its parts too (`article`, `body`). `"articleBody main-text"` gives `articlebody`,
/// `article`, `body`, `main`, `text`.
pub fn hint_tokens(value: &str, mut each: impl FnMut(&str)) {
    let mut buf = String::new();
    for run in value.split(|c: char| !c.is_ascii_alphanumeric()) {
        if run.is_empty() {
            continue;
        }
        let has_inner_upper = run
            .as_bytes()
            .windows(2)
            .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
        buf.clear();
        buf.push_str(run);
        buf.make_ascii_lowercase();
        each(&buf);
        if has_inner_upper {
            let bytes = run.as_bytes();
            let mut start = 0;
            for i in 1..bytes.len() {
                if bytes[i - 1].is_ascii_lowercase() && bytes[i].is_ascii_uppercase() {
                    buf.clear();
                    buf.push_str(&run[start..i]);
                    buf.make_ascii_lowercase();
                    each(&buf);
                    start = i;
                }
            }
            buf.clear();
            buf.push_str(&run[start..]);
            buf.make_ascii_lowercase();
            each(&buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds() {
        assert_eq!(fold_whitespace("  a \n\t b\u{A0}c\u{200B}d  "), "a b cd");
        assert_eq!(fold_whitespace(""), "");
    }

    #[test]
    fn repairs_mojibake() {
        assert_eq!(repair_mojibake("kids\u{e2}\u{80}\u{99} toys"), "kids’ toys");
        assert_eq!(repair_mojibake("café ü"), "café ü");
        assert_eq!(repair_mojibake("\u{85}x"), "\u{85}x");
    }

    #[test]
    fn truncates() {
        assert_eq!(truncate_chars("héllo", 2), "hé…");
        assert_eq!(truncate_chars("hé", 2), "hé");
    }

    #[test]
    fn tokens() {
        let mut got = Vec::new();
        hint_tokens("articleBody main-text  x_1", |t| got.push(t.to_string()));
        assert_eq!(
            got,
            ["articlebody", "article", "body", "main", "text", "x", "1"]
        );
    }
}
