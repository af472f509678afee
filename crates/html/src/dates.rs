//! Dates in the forms pages write them, to `YYYY-MM-DD`.
//!
//! Recognised, anywhere in a string (the first match wins):
//!
//! - ISO and its cousins: `2019-11-18`, `2019-11-18T17:19:00Z`, `2019/11/18`, `2019.11.18`;
//! - `20191118` when the string starts with it;
//! - day-first and month-first numbers with a four-digit year: `18.11.2019` (day first),
//!   `11/18/2019` (month first unless the first number cannot be a month);
//! - month names in English, German, French, Spanish, Portuguese, Italian and Dutch, full or
//!   abbreviated (English): `November 18, 2019`, `Nov. 18th, 2019`, `18 Nov 2019`,
//!   `18. November 2019`, `18 de noviembre de 2019`;
//! - `2019年11月18日`.
//!
//! Years outside 1900..=2100 and impossible days are rejected.

/// The first date found in `s`, as `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<String> {
    let toks = tokenize(s);
    (0..toks.len()).find_map(|i| date_at(&toks, i))
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// A run of ASCII digits: value (saturating) and digit count.
    Num(u32, usize),
    /// A run of letters, lower-cased.
    Word(String),
    /// One punctuation character.
    Punct(char),
}

fn tokenize(s: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut chars = s.chars().peekable();
    // Bounded: dates sit near the start of the strings given here.
    while let Some(c) = chars.next() {
        if toks.len() > 400 {
            break;
        }
        if c.is_ascii_digit() {
            let (mut v, mut n) = (c as u32 - '0' as u32, 1usize);
            while let Some(&d) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                v = v.saturating_mul(10).saturating_add(d as u32 - '0' as u32);
                n += 1;
                chars.next();
            }
            toks.push(Tok::Num(v, n));
        } else if is_cjk_date_char(c) {
            toks.push(Tok::Word(c.to_string()));
        } else if c.is_alphabetic() {
            let mut w: String = c.to_lowercase().collect();
            while let Some(&d) = chars.peek() {
                if !d.is_alphabetic() || is_cjk_date_char(d) {
                    break;
                }
                w.extend(d.to_lowercase());
                chars.next();
            }
            toks.push(Tok::Word(w));
        } else if !c.is_whitespace() {
            toks.push(Tok::Punct(c));
        }
    }
    toks
}

fn is_cjk_date_char(c: char) -> bool {
    matches!(c, '年' | '月' | '日' | '년' | '월' | '일')
}

fn num(t: Option<&Tok>) -> Option<(u32, usize)> {
    match t {
        Some(Tok::Num(v, n)) => Some((*v, *n)),
        _ => None,
    }
}

fn punct(t: Option<&Tok>) -> Option<char> {
    match t {
        Some(Tok::Punct(c)) => Some(*c),
        _ => None,
    }
}

fn word(t: Option<&Tok>) -> Option<&str> {
    match t {
        Some(Tok::Word(w)) => Some(w),
        _ => None,
    }
}

/// A date starting at token `i`.
fn date_at(toks: &[Tok], i: usize) -> Option<String> {
    let t = |k: usize| toks.get(i + k);
    // 2019-11-18, 2019/11/18, 2019.11.18
    if let (Some((y, 4)), Some(p), Some((m, 1..=2)), Some(q), Some((d, 1..=2))) =
        (num(t(0)), punct(t(1)), num(t(2)), punct(t(3)), num(t(4)))
    {
        if p == q && matches!(p, '-' | '/' | '.') {
            return ymd(y, m, d);
        }
    }
    // 20191118 (at the start only: long numbers elsewhere are ids)
    if i == 0 {
        if let Some((v, 8)) = num(t(0)) {
            if let Some(date) = ymd(v / 10000, v / 100 % 100, v % 100) {
                return Some(date);
            }
        }
    }
    // 2019年11月18日
    if let (
        Some((y, 4)),
        Some("年" | "년"),
        Some((m, 1..=2)),
        Some("月" | "월"),
        Some((d, 1..=2)),
    ) = (num(t(0)), word(t(1)), num(t(2)), word(t(3)), num(t(4)))
    {
        return ymd(y, m, d);
    }
    // 18.11.2019 (day first), 11/18/2019 (month first unless impossible), 18-11-2019
    if let (Some((a, 1..=2)), Some(p), Some((b, 1..=2)), Some(q), Some((y, 4))) =
        (num(t(0)), punct(t(1)), num(t(2)), punct(t(3)), num(t(4)))
    {
        if p == q && matches!(p, '-' | '/' | '.') {
            let (d, m) = if p == '/' && b <= 31 && a <= 12 {
                (b, a)
            } else {
                (a, b)
            };
            return ymd(y, m, d).or_else(|| ymd(y, d, m));
        }
    }
    // 2023 Jan 7 (citations)
    if let (Some((y, 4)), Some(m), Some((d, 1..=2))) =
        (num(t(0)), word(t(1)).and_then(month_number), num(t(2)))
    {
        if let Some(date) = ymd(y, m, d) {
            return Some(date);
        }
    }
    // 18 November 2019, 18th Nov. 2019, 18. Nov. 2019, 18 de noviembre de 2019
    if let Some((d, 1..=2)) = num(t(0)) {
        let mut k = 1;
        if matches!(word(t(k)), Some("st" | "nd" | "rd" | "th")) {
            k += 1;
        }
        k += skip_fillers(toks, i + k);
        if let Some(m) = word(t(k)).and_then(month_number) {
            k += 1;
            k += skip_fillers(toks, i + k);
            if let Some((y, 4)) = num(t(k)) {
                return ymd(y, m, d);
            }
        }
    }
    // November 18, 2019; Nov. 18th 2019
    if let Some(m) = word(t(0)).and_then(month_number) {
        let mut k = 1;
        k += skip_fillers(toks, i + k);
        if let Some((d, 1..=2)) = num(t(k)) {
            k += 1;
            if matches!(word(t(k)), Some("st" | "nd" | "rd" | "th")) {
                k += 1;
            }
            k += skip_fillers(toks, i + k);
            if let Some((y, 4)) = num(t(k)) {
                return ymd(y, m, d);
            }
        }
    }
    None
}

/// Number of filler tokens (`.`, `,`, `de`, `of`) at `i`.
fn skip_fillers(toks: &[Tok], i: usize) -> usize {
    let mut k = 0;
    while let Some(t) = toks.get(i + k) {
        let filler = match t {
            Tok::Punct(c) => matches!(c, '.' | ','),
            Tok::Word(w) => matches!(w.as_str(), "de" | "del" | "of" | "the"),
            Tok::Num(..) => false,
        };
        if !filler || k >= 3 {
            break;
        }
        k += 1;
    }
    k
}

/// Month number for a month name.
fn month_number(w: &str) -> Option<u32> {
    const NAMES: &[(&str, u32)] = &[
        // English
        ("january", 1),
        ("february", 2),
        ("march", 3),
        ("april", 4),
        ("may", 5),
        ("june", 6),
        ("july", 7),
        ("august", 8),
        ("september", 9),
        ("october", 10),
        ("november", 11),
        ("december", 12),
        ("sept", 9),
        // German
        ("januar", 1),
        ("jänner", 1),
        ("februar", 2),
        ("märz", 3),
        ("mai", 5),
        ("juni", 6),
        ("juli", 7),
        ("oktober", 10),
        ("dezember", 12),
        // French
        ("janvier", 1),
        ("février", 2),
        ("fevrier", 2),
        ("mars", 3),
        ("avril", 4),
        ("juin", 6),
        ("juillet", 7),
        ("août", 8),
        ("aout", 8),
        ("septembre", 9),
        ("octobre", 10),
        ("novembre", 11),
        ("décembre", 12),
        ("decembre", 12),
        // Spanish
        ("enero", 1),
        ("febrero", 2),
        ("marzo", 3),
        ("abril", 4),
        ("mayo", 5),
        ("junio", 6),
        ("julio", 7),
        ("agosto", 8),
        ("septiembre", 9),
        ("setiembre", 9),
        ("octubre", 10),
        ("noviembre", 11),
        ("diciembre", 12),
        // Portuguese
        ("janeiro", 1),
        ("fevereiro", 2),
        ("março", 3),
        ("marco", 3),
        ("maio", 5),
        ("junho", 6),
        ("julho", 7),
        ("setembro", 9),
        ("outubro", 10),
        ("novembro", 11),
        ("dezembro", 12),
        // Italian
        ("gennaio", 1),
        ("febbraio", 2),
        ("aprile", 4),
        ("maggio", 5),
        ("giugno", 6),
        ("luglio", 7),
        ("settembre", 9),
        ("ottobre", 10),
        ("dicembre", 12),
        // Dutch
        ("januari", 1),
        ("februari", 2),
        ("maart", 3),
        ("mei", 5),
        ("augustus", 8),
    ];
    if let Some(&(_, m)) = NAMES.iter().find(|(n, _)| *n == w) {
        return Some(m);
    }
    // English three-letter abbreviations.
    if w.len() == 3 {
        return NAMES[..12]
            .iter()
            .find(|(n, _)| n.starts_with(w))
            .map(|&(_, m)| m);
    }
    None
}

fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    if !(1900..=2100).contains(&y) || !(1..=12).contains(&m) || d == 0 {
        return None;
    }
    let divisible = |n: u32| y / n * n == y;
    let leap = (divisible(4) && !divisible(100)) || divisible(400);
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if d > days {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    /// Asserts that each text reads as its date (`YYYY-MM-DD`).
    fn assert_dates(cases: &[(&str, &str)]) {
        for &(text, date) in cases {
            assert_eq!(parse_date(text).as_deref(), Some(date), "{text}");
        }
    }

    #[test]
    fn iso_forms() {
        assert_dates(&[
            ("2019-11-18T17:19:00Z", "2019-11-18"),
            ("2019/1/8", "2019-01-08"),
            ("20191118", "2019-11-18"),
            ("Published 2019.11.18 10:00", "2019-11-18"),
        ]);
    }

    #[test]
    fn written_forms() {
        assert_dates(&[
            ("November 18, 2019", "2019-11-18"),
            ("Updated: Nov. 18th, 2019 @17:19", "2019-11-18"),
            ("Mon, 18 Nov 2019 10:00:00 GMT", "2019-11-18"),
            ("18. März 2019", "2019-03-18"),
            ("18 de noviembre de 2019", "2019-11-18"),
            ("2019年11月18日", "2019-11-18"),
            ("17th February 2013 at 8:55 pm", "2013-02-17"),
            ("Cureus. 2023 Jan 7;15(1)", "2023-01-07"),
        ]);
    }

    #[test]
    fn numeric_orders() {
        assert_dates(&[
            ("18.11.2019", "2019-11-18"),
            ("11/18/2019", "2019-11-18"),
            ("18/11/2019", "2019-11-18"),
        ]);
    }

    #[test]
    fn rejects() {
        assert_eq!(parse_date("2019-13-40"), None);
        assert_eq!(parse_date("February 30, 2019"), None);
        assert_eq!(parse_date("no date here"), None);
        assert_eq!(parse_date("1234567890123"), None);
        assert_eq!(parse_date(""), None);
    }
}
