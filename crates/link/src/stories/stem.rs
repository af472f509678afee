//! A light English stemmer for story terms (plural and verb endings; Porter's measure).

/// A light stemmer for lower-case ASCII words, in the manner of steps 1 and 5a of Porter's
/// algorithm: plurals ("ies" → "y", "s" → "") and the "-ed"/"-ing" endings, with the usual
/// repairs ("hoped" → "hope", "stopped" → "stop"), and a final "e" after a long stem.
/// "sentenced", "sentences", "sentencing" and "sentence" all become "sentenc"; it does not
/// touch derivational suffixes ("-ation", "-ness"), which often change meaning in news.
pub(super) fn stem(w: &mut String) {
    inflection(w);
    // A final "e" goes when the rest is long enough ("sentence" → "sentenc", like
    // "sentenced"), but not after a short consonant-vowel-consonant stem ("fire", "hope").
    if w.ends_with('e') {
        let b = &w.as_bytes()[..w.len() - 1];
        let m = measure(b);
        if m > 1 || (m == 1 && !ends_cvc(b)) {
            w.pop();
        }
    }
}

/// The plural and `-ed`/`-ing` part of [`stem`] (Porter's steps 1a and 1b).
pub(super) fn inflection(w: &mut String) {
    let n = w.len();
    if n > 4 && w.ends_with("ies") {
        w.truncate(n - 3);
        w.push('y');
    } else if n > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        w.truncate(n - 1);
    }
    let b = w.as_bytes();
    if w.ends_with("eed") {
        if measure(&b[..b.len() - 3]) > 0 {
            w.pop();
        }
        return;
    }
    let cut = if w.ends_with("ed") {
        2
    } else if w.ends_with("ing") {
        3
    } else {
        return;
    };
    let stem_len = w.len() - cut;
    if stem_len < 2 || !(0..stem_len).any(|i| !is_consonant(b, i)) {
        return;
    }
    w.truncate(stem_len);
    let b = w.as_bytes();
    let last = b.len() - 1;
    if w.ends_with("at") || w.ends_with("bl") || w.ends_with("iz") {
        w.push('e');
    } else if b.len() >= 2
        && b[last] == b[last - 1]
        && is_consonant(b, last)
        && !matches!(b[last], b'l' | b's' | b'z')
    {
        w.pop();
    } else if measure(b) == 1 && ends_cvc(b) {
        w.push('e');
    }
}

/// Whether the letter at `i` is a consonant (`y` after a consonant is a vowel).
pub(super) fn is_consonant(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'a' | b'e' | b'i' | b'o' | b'u' => false,
        b'y' => i == 0 || !is_consonant(b, i - 1),
        _ => true,
    }
}

/// Porter's measure: the number of vowel-consonant sequences in `b`.
pub(super) fn measure(b: &[u8]) -> usize {
    let mut m = 0;
    let mut previous_vowel = false;
    for i in 0..b.len() {
        let consonant = is_consonant(b, i);
        if consonant && previous_vowel {
            m += 1;
        }
        previous_vowel = !consonant;
    }
    m
}

/// Whether `b` ends consonant-vowel-consonant, the last not `w`, `x` or `y` ("hop", "fil").
pub(super) fn ends_cvc(b: &[u8]) -> bool {
    let n = b.len();
    n >= 3
        && is_consonant(b, n - 1)
        && !is_consonant(b, n - 2)
        && is_consonant(b, n - 3)
        && !matches!(b[n - 1], b'w' | b'x' | b'y')
}
