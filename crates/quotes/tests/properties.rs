//! Property tests: for arbitrary input, extraction never panics and every span it reports is
//! a valid, non-empty slice of the input on UTF-8 boundaries whose text matches (the slice
//! itself, or where Markdown syntax lies inside it, the slice with the syntax taken out).

use proptest::prelude::*;
use quotetrace_model::Span;
use quotetrace_quotes::{extract, extract_page};
use quotetrace_text::markdown;

fn check_span(text: &str, start: usize, end: usize, claimed: &str) -> Result<(), TestCaseError> {
    prop_assert!(start < end, "empty or reversed span {start}..{end}");
    prop_assert!(
        end <= text.len(),
        "span {start}..{end} past the end ({})",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "span {start}..{end} splits a character"
    );
    let syntax = markdown::scan(text).syntax;
    if syntax.iter().any(|s| s.start < end && s.end > start) {
        prop_assert_eq!(markdown::render(text, start..end, &syntax), claimed);
    } else {
        prop_assert_eq!(&text[start..end], claimed);
    }
    Ok(())
}

fn check_opt(text: &str, span: &Option<Span>) -> Result<(), TestCaseError> {
    if let Some(s) = span {
        check_span(text, s.start, s.end, &s.text)?;
    }
    Ok(())
}

fn check_all(text: &str) -> Result<(), TestCaseError> {
    check_extraction(text, &extract(text))?;
    check_extraction(text, &extract_page(text, &|_| false))
}

fn check_extraction(text: &str, ex: &quotetrace_quotes::Extraction) -> Result<(), TestCaseError> {
    for q in &ex.quotes {
        check_span(text, q.start, q.end, &q.text)?;
        check_opt(text, &q.speaker_mention)?;
        check_opt(text, &q.cue)?;
        for v in &q.verbatim {
            check_span(text, v.start, v.end, &v.text)?;
        }
        prop_assert!((0.0..=1.0).contains(&q.confidence));
    }
    for b in &ex.boilerplate {
        prop_assert!(b.start < b.end && b.end <= text.len());
        prop_assert!(text.is_char_boundary(b.start) && text.is_char_boundary(b.end));
    }
    Ok(())
}

/// Pieces that news text is made of, so that random strings hit the interesting paths.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\"".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("‘".to_string()),
        Just("’".to_string()),
        Just("'".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just("„".to_string()),
        Just(" said ".to_string()),
        Just(" he added".to_string()),
        Just("According to ".to_string()),
        Just("Vladimir Putin".to_string()),
        Just("the Russian leader".to_string()),
        Just(", — said the President of".to_string()),
        Just(" — ".to_string()),
        Just(".".to_string()),
        Just(",".to_string()),
        Just(":".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("Mr.".to_string()),
        Just("U.S.".to_string()),
        Just(" that ".to_string()),
        Just("Once\n\nMonthly".to_string()),
        Just("Photo: Reuters".to_string()),
        Just("[".to_string()),
        Just("](https://example.org/a)".to_string()),
        Just("![".to_string()),
        Just("**".to_string()),
        Just("_".to_string()),
        Just("\n> ".to_string()),
        Just("\n  * ".to_string()),
        Just("\n## ".to_string()),
        Just("\\".to_string()),
        "[a-zA-Z]{1,8}",
        "[ \u{a0}\t]{1,2}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn spans_are_valid_slices_for_newsy_text(text in newsy()) {
        check_all(&text)?;
    }

    #[test]
    fn spans_are_valid_slices_for_any_text(text in any::<String>()) {
        check_all(&text)?;
    }
}
