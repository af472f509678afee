//! What we write by hand against the crates that do the same (issue 18), on the same inputs in
//! one process: see bench/hand_vs_crates.sh, which builds this in a scratch crate.
mod entities_hand;
mod stem_hand;
use std::time::Instant;

fn hand_decode(s: &str) -> String {
    entities_hand::decode(s).into_owned()
}
fn html_escape_decode(s: &str) -> String {
    html_escape::decode_html_entities(s).into_owned()
}
fn htmlize_decode(s: &str) -> String {
    htmlize::unescape(s).into_owned()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (cases, pages, ecb) = (&args[1], &args[2], &args[3]);
    // 1. Character references: conformance with the HTML standard (cases written by Python's
    // html.unescape from its table), then speed on real pages' HTML cut at each '<'.
    let cases: Vec<(String, String, String)> =
        serde_json::from_str(&std::fs::read_to_string(cases).unwrap()).unwrap();
    let fns: [(&str, fn(&str) -> String); 3] = [
        ("hand-written (211 names)", hand_decode),
        ("html-escape", html_escape_decode),
        ("htmlize (unescape)", htmlize_decode),
    ];
    println!("## Character references: wrong / cases, by kind");
    for (name, f) in fns {
        let mut wrong = std::collections::BTreeMap::<&str, (usize, usize)>::new();
        for (kind, input, want) in &cases {
            let e = wrong.entry(kind.as_str()).or_default();
            e.1 += 1;
            if &f(input) != want {
                e.0 += 1;
            }
        }
        let total: usize = wrong.values().map(|v| v.0).sum();
        println!("{name}: {total} wrong of {}; {wrong:?}", cases.len());
    }
    let pages = std::fs::read_to_string(pages).unwrap();
    let chunks: Vec<&str> = pages.split_inclusive('<').collect();
    println!("## Character references: speed on {} MB of page HTML (best of 3)", pages.len() / 1_000_000);
    for (name, f) in fns {
        let best = (0..3)
            .map(|_| {
                let t = Instant::now();
                let mut n = 0usize;
                for c in &chunks {
                    n += if c.contains('&') { f(c).len() } else { c.len() };
                }
                std::hint::black_box(n);
                t.elapsed().as_secs_f64()
            })
            .fold(f64::MAX, f64::min);
        println!("{name}: {:.0} MB/s", pages.len() as f64 / best / 1e6);
    }

    // 2. The stories' stemmer against Snowball English on the words of ECB+.
    let text = std::fs::read_to_string(ecb).unwrap();
    let words: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() > 2)
        .map(|w| w.to_ascii_lowercase())
        .collect();
    let snow = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let same = words
        .iter()
        .filter(|w| {
            let mut a = (*w).clone();
            stem_hand::stem(&mut a);
            a == snow.stem(w)
        })
        .count();
    let time = |f: &dyn Fn(&str) -> usize| {
        (0..3)
            .map(|_| {
                let t = Instant::now();
                let n: usize = words.iter().map(|w| f(w)).sum();
                std::hint::black_box(n);
                t.elapsed().as_secs_f64()
            })
            .fold(f64::MAX, f64::min)
    };
    let hand = time(&|w| {
        let mut a = w.to_string();
        stem_hand::stem(&mut a);
        a.len()
    });
    let snowball = time(&|w| snow.stem(w).len());
    println!("## Stemmer on the {} words of ECB+ (best of 3)", words.len());
    println!(
        "hand-written light stemmer: {:.1} M words/s; rust-stemmers English: {:.1} M words/s; same stem for {:.1}% of words",
        words.len() as f64 / hand / 1e6,
        words.len() as f64 / snowball / 1e6,
        100.0 * same as f64 / words.len() as f64
    );

    // 3. chardetng on a Cyrillic page written here (windows-1251), whole and capped as
    // crates/html/src/charset.rs feeds it.
    let para = "<p>Министр финансов заявил журналистам, что бюджет города будет пересмотрен в \
        следующем году. Мы не можем больше откладывать ремонт школ и больниц, - сказал он.</p>\n";
    let page: String = std::iter::repeat_n(para, 250).collect();
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&page);
    let guess = |capped: bool| {
        let mut d = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        let take = if capped { 16 } else { usize::MAX };
        for c in bytes.chunks(1024).filter(|c| !c.is_ascii()).take(take) {
            d.feed(c, false);
        }
        d.feed(&[], true);
        d.guess(None, chardetng::Utf8Detection::Deny)
    };
    let ms = |capped: bool| {
        let t = Instant::now();
        for _ in 0..50 {
            assert_eq!(guess(capped), encoding_rs::WINDOWS_1251);
        }
        t.elapsed().as_secs_f64() * 1e3 / 50.0
    };
    let decode = {
        let t = Instant::now();
        for _ in 0..50 {
            std::hint::black_box(encoding_rs::WINDOWS_1251.decode_without_bom_handling(&bytes));
        }
        t.elapsed().as_secs_f64() * 1e3 / 50.0
    };
    println!("## chardetng on a {} KB windows-1251 page", bytes.len() / 1000);
    println!(
        "guess on the whole page {:.2} ms, on 16 non-ASCII KB {:.2} ms; decoding it {:.2} ms",
        ms(false),
        ms(true),
        decode
    );
}
