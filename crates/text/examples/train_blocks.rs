//! Trains the block classifier of `quotetrace_text::blocks` and writes its weights as Rust
//! constants. Run through `bench/train_blocks.sh`, which makes the training pages.
//!
//! ```text
//! train_blocks PAGES.jsonl [MORE_PAGES.jsonl ...] [--out crates/text/src/blocks/weights.rs]
//!              [--l2 0.01] [--plain 1.0] [--gold 0.5] [--folds 5]
//! ```
//!
//! PAGES.jsonl: `{"id", "text", "main"}` per line: a whole page as a scraper leaves it and the
//! page's gold main text. The cross-fitted figures the trainer prints (and the threshold it
//! chooses) are those of the first file's pages; later files only add training pages. Each
//! page is used three ways, each a training page of its own:
//! - the page as it is (Markdown);
//! - the page as plain text (its blocks with the Markdown syntax taken out), weight `--plain`;
//! - the gold main text alone, all of it article, weight `--gold` (so that a clean article
//!   is left whole).
//!
//! A block's label: article when at least half of its 4-word shingles (lower-cased words, the
//! Markdown syntax left out) occur in the gold main text; a block of one to three words when
//! its words occur in that order in the gold. Every training page weighs the same in total,
//! spread over its blocks by their words (the measure averages pages, and counts words): a
//! block's share grows as (words + 1) to the power `--power` (1: in proportion; lower gives
//! short blocks, where headlines with quotes sit, more say). `--skip-types` leaves out pages
//! of the given WCXB types.
//!
//! Model: two logistic regressions with an L2 penalty, each solved by Newton's method to
//! convergence (a convex problem with one optimum: no random start, no order effects).
//! Stage 2 is trained on stage-1 probabilities from cross-fitting (`--folds` folds by page,
//! the three uses of a page in one fold), the way it meets unseen pages. The decision
//! threshold maximises the page-averaged word F1 of the cross-fitted stage-2 probabilities on
//! the Markdown pages, averaged over the threshold and its two neighbours (0.05 apart: the
//! curve is flat near its top). Everything is single-threaded and in a fixed order, so a rerun writes
//! the same file.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader};

use quotetrace_text::blocks::training::{self, TrainingPage};
use quotetrace_text::blocks::Sparse;
use quotetrace_text::markdown;

struct Options {
    pages: Vec<String>,
    out: Option<String>,
    l2: f64,
    plain: f64,
    gold: f64,
    folds: usize,
    /// A block's share of its page's weight grows as (words + 1) to this power.
    power: f64,
    /// WCXB page types left out (`type` field of the pages).
    skip_types: Vec<String>,
    /// Where to write the first file's pages with their cross-fitted probabilities.
    dump: Option<String>,
}

fn parse_args() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut o = Options {
        pages: Vec::new(),
        out: None,
        l2: 0.01,
        plain: 1.0,
        gold: 0.5,
        folds: 5,
        power: 1.0,
        skip_types: Vec::new(),
        dump: None,
    };
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--out" => o.out = Some(value("--out")?),
            "--dump" => o.dump = Some(value("--dump")?),
            "--l2" => o.l2 = value("--l2")?.parse().map_err(|e| format!("--l2: {e}"))?,
            "--plain" => o.plain = value("--plain")?.parse().map_err(|e| format!("{e}"))?,
            "--gold" => o.gold = value("--gold")?.parse().map_err(|e| format!("{e}"))?,
            "--folds" => o.folds = value("--folds")?.parse().map_err(|e| format!("{e}"))?,
            "--power" => o.power = value("--power")?.parse().map_err(|e| format!("{e}"))?,
            "--skip-types" => {
                o.skip_types = value("--skip-types")?
                    .split(',')
                    .map(str::to_string)
                    .collect()
            }
            _ if a.starts_with("--") => return Err(format!("unknown option {a}")),
            _ => o.pages.push(a),
        }
    }
    if o.pages.is_empty() || o.folds < 2 {
        return Err("usage: train_blocks PAGES.jsonl [MORE.jsonl ...] [--out FILE] [--l2 X] [--plain W] [--gold W] [--folds K]".into());
    }
    Ok(o)
}

/// One training page: its blocks' stage-1 vectors, labels, weights and words.
struct Example {
    group: usize,
    /// A Markdown page of the first file: what the printed figures and the threshold are on.
    primary: bool,
    page: TrainingPage,
    labels: Vec<f64>,
    weights: Vec<f64>,
    words: Vec<u32>,
    /// The page's id and its blocks' text, for `--dump`.
    id: String,
    texts: Vec<String>,
}

fn lower_tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

struct Gold {
    shingles: HashSet<[u64; 4]>,
    short: HashSet<Vec<u64>>,
}

fn hash_word(w: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for b in w.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

impl Gold {
    fn new(main: &str) -> Gold {
        let t: Vec<u64> = lower_tokens(main).iter().map(|w| hash_word(w)).collect();
        let shingles = t.windows(4).map(|w| [w[0], w[1], w[2], w[3]]).collect();
        let mut short = HashSet::new();
        for n in 1..=3 {
            for w in t.windows(n) {
                short.insert(w.to_vec());
            }
        }
        Gold { shingles, short }
    }

    /// Whether a block of these words is article text.
    fn label(&self, words: &[String]) -> bool {
        let t: Vec<u64> = words.iter().map(|w| hash_word(w)).collect();
        match t.len() {
            0 => false,
            1..=3 => self.short.contains(&t),
            _ => {
                let all = t.len() - 3;
                let inside = t
                    .windows(4)
                    .filter(|w| self.shingles.contains(&[w[0], w[1], w[2], w[3]]))
                    .count();
                inside * 2 >= all
            }
        }
    }
}

fn example(
    id: &str,
    text: &str,
    gold: &Gold,
    group: usize,
    primary: bool,
    total: f64,
    power: f64,
) -> Example {
    let paragraphs = quotetrace_text::paragraphs(text);
    let markup = markdown::scan(text);
    let rendered: Vec<String> = paragraphs
        .iter()
        .map(|p| markdown::render(text, p.clone(), &markup.syntax))
        .collect();
    let tokens: Vec<Vec<String>> = rendered.iter().map(|r| lower_tokens(r)).collect();
    let labels: Vec<f64> = tokens
        .iter()
        .map(|t| if gold.label(t) { 1.0 } else { 0.0 })
        .collect();
    let sizes: Vec<f64> = tokens
        .iter()
        .map(|t| (t.len() as f64 + 1.0).powf(power))
        .collect();
    let sum: f64 = sizes.iter().sum::<f64>().max(1.0);
    let weights = sizes.iter().map(|s| total * s / sum).collect();
    let page = TrainingPage::new(text, &paragraphs);
    let words = page.words();
    Example {
        group,
        primary,
        page,
        labels,
        weights,
        words,
        id: id.to_string(),
        texts: if primary { rendered } else { Vec::new() },
    }
}

/// The page as plain text: its blocks rendered without Markdown, blank-line separated.
fn plain(text: &str) -> String {
    let markup = markdown::scan(text);
    quotetrace_text::paragraphs(text)
        .into_iter()
        .map(|p| markdown::render(text, p, &markup.syntax))
        .filter(|b| !b.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Weighted L2-penalised logistic regression by Newton's method.
fn fit(samples: &[(&Sparse, f64, f64)], dim: usize, l2: f64) -> Vec<f64> {
    let mut beta = vec![0f64; dim];
    for iteration in 0..50 {
        let mut grad = vec![0f64; dim];
        let mut hess = vec![0f64; dim * dim];
        for &(x, y, w) in samples {
            let z: f64 = x
                .iter()
                .map(|&(k, v)| beta[k as usize] * f64::from(v))
                .sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let g = w * (p - y);
            let h = w * p * (1.0 - p);
            for &(a, va) in x.iter() {
                let (a, va) = (a as usize, f64::from(va));
                grad[a] += g * va;
                let row = a * dim;
                for &(b, vb) in x.iter() {
                    hess[row + b as usize] += h * va * f64::from(vb);
                }
            }
        }
        for k in 0..dim {
            let pen = if k == 0 { 1e-6 } else { l2 };
            grad[k] += pen * beta[k];
            hess[k * dim + k] += pen;
        }
        let step = solve_cholesky(&mut hess, &grad, dim);
        let mut largest = 0f64;
        for k in 0..dim {
            beta[k] -= step[k];
            largest = largest.max(step[k].abs());
        }
        if largest < 1e-7 {
            eprintln!("    converged after {} Newton steps", iteration + 1);
            break;
        }
    }
    beta
}

/// Solves `a x = b` for a symmetric positive definite `a` (overwritten by its factor).
fn solve_cholesky(a: &mut [f64], b: &[f64], n: usize) -> Vec<f64> {
    for j in 0..n {
        let mut d = a[j * n + j];
        for k in 0..j {
            d -= a[j * n + k] * a[j * n + k];
        }
        let d = d.max(1e-12).sqrt();
        a[j * n + j] = d;
        for i in j + 1..n {
            let mut s = a[i * n + j];
            for k in 0..j {
                s -= a[i * n + k] * a[j * n + k];
            }
            a[i * n + j] = s / d;
        }
    }
    let mut y = vec![0f64; n];
    for i in 0..n {
        let mut s = b[i];
        for k in 0..i {
            s -= a[i * n + k] * y[k];
        }
        y[i] = s / a[i * n + i];
    }
    let mut x = vec![0f64; n];
    for i in (0..n).rev() {
        let mut s = y[i];
        for k in i + 1..n {
            s -= a[k * n + i] * x[k];
        }
        x[i] = s / a[i * n + i];
    }
    x
}

fn to_f32(beta: &[f64]) -> Vec<f32> {
    // Six significant digits: what the file holds, and what a rerun reproduces.
    beta.iter()
        .map(|&b| format!("{b:.5e}").parse::<f32>().unwrap_or(0.0))
        .collect()
}

fn samples<'a>(
    examples: &'a [Example],
    vectors: &'a [Vec<Sparse>],
    keep: impl Fn(&Example) -> bool,
) -> Vec<(&'a Sparse, f64, f64)> {
    let mut out = Vec::new();
    for (e, xs) in examples.iter().zip(vectors) {
        if !keep(e) {
            continue;
        }
        for ((x, y), w) in xs.iter().zip(&e.labels).zip(&e.weights) {
            out.push((x, *y, *w));
        }
    }
    out
}

/// Each example's block probabilities (`vectors`: its blocks' features, `dims` of them) under
/// the `stage` model fitted on the pages of the other folds: cross-fitted.
fn cross_fitted(
    examples: &[Example],
    vectors: &[Vec<Sparse>],
    dims: usize,
    o: &Options,
    stage: u32,
) -> Vec<Vec<f32>> {
    let fold_of = |e: &Example| e.group % o.folds;
    let mut probs: Vec<Vec<f32>> = examples.iter().map(|e| vec![0.5; e.labels.len()]).collect();
    for fold in 0..o.folds {
        eprintln!("stage {stage}, fold {fold}");
        let train = samples(examples, vectors, |e| fold_of(e) != fold);
        let beta = to_f32(&fit(&train, dims, o.l2));
        for (i, e) in examples.iter().enumerate() {
            if fold_of(e) == fold {
                probs[i] = vectors[i]
                    .iter()
                    .map(|x| training::probability(&beta, x))
                    .collect();
            }
        }
    }
    probs
}

/// Page-averaged word precision and recall of keeping the blocks with `p >= threshold`.
fn page_scores(examples: &[Example], probs: &[Vec<f32>], threshold: f32) -> (f64, f64) {
    let (mut ps, mut rs, mut n) = (0f64, 0f64, 0f64);
    for (e, p) in examples.iter().zip(probs) {
        if !e.primary {
            continue;
        }
        let (mut kept, mut kept_good, mut good) = (0f64, 0f64, 0f64);
        for ((w, y), p) in e.words.iter().zip(&e.labels).zip(p) {
            let w = f64::from(*w);
            good += w * y;
            if *p >= threshold {
                kept += w;
                kept_good += w * y;
            }
        }
        if good == 0.0 {
            continue;
        }
        ps += if kept > 0.0 { kept_good / kept } else { 0.0 };
        rs += kept_good / good;
        n += 1.0;
    }
    (ps / n.max(1.0), rs / n.max(1.0))
}

/// Writes each primary page's blocks with their labels and cross-fitted probabilities, one
/// JSON line a page, for studying what happens after the classifier.
fn dump(path: &str, examples: &[Example], p1: &[Vec<f32>], p2: &[Vec<f32>]) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for ((e, a), b) in examples.iter().zip(p1).zip(p2) {
        if !e.primary {
            continue;
        }
        let line = serde_json::json!({
            "id": e.id, "label": e.labels, "words": e.words,
            "p1": a, "p2": b, "text": e.texts,
        });
        writeln!(out, "{line}")?;
    }
    out.flush()
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn main() {
    let o = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let mut examples = Vec::new();
    let mut group = 0;
    for (nth, path) in o.pages.iter().enumerate() {
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(2);
            }
        };
        for line in BufReader::new(file).lines() {
            let Ok(line) = line else { continue };
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
                continue;
            };
            let text = v["text"].as_str().unwrap_or_default();
            let main = v["main"].as_str().unwrap_or_default();
            let id = v["id"].as_str().unwrap_or_default();
            if text.trim().is_empty() || main.trim().is_empty() {
                continue;
            }
            if o.skip_types.iter().any(|t| v["type"].as_str() == Some(t)) {
                continue;
            }
            let gold = Gold::new(main);
            examples.push(example(id, text, &gold, group, nth == 0, 1.0, o.power));
            if o.plain > 0.0 {
                examples.push(example(
                    id,
                    &plain(text),
                    &gold,
                    group,
                    false,
                    o.plain,
                    o.power,
                ));
            }
            if o.gold > 0.0 {
                examples.push(example(id, main, &gold, group, false, o.gold, o.power));
            }
            group += 1;
        }
    }
    let (d1, d2) = training::dims();
    let blocks: usize = examples.iter().map(|e| e.labels.len()).sum();
    eprintln!(
        "{} training pages ({} blocks), features {d1} + {}",
        examples.len(),
        blocks,
        d2 - d1
    );
    let firsts: Vec<Vec<Sparse>> = examples.iter().map(|e| e.page.first().to_vec()).collect();
    // Stage 1, cross-fitted.
    let p1 = cross_fitted(&examples, &firsts, d1, &o, 1);
    let seconds: Vec<Vec<Sparse>> = examples
        .iter()
        .zip(&p1)
        .map(|(e, p)| e.page.second(p))
        .collect();
    // Stage 2, cross-fitted too, for the report and the threshold.
    let p2 = cross_fitted(&examples, &seconds, d2, &o, 2);
    if let Some(path) = &o.dump {
        if let Err(e) = dump(path, &examples, &p1, &p2) {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
    let mut curve = Vec::new();
    for k in 1..20 {
        let t = k as f32 / 20.0;
        let (p, r) = page_scores(&examples, &p2, t);
        let (q, s) = page_scores(&examples, &p1, t);
        eprintln!(
            "threshold {t:.2}: stage 2 P {p:.3} R {r:.3} F1 {:.3}   (stage 1 alone: P {q:.3} R {s:.3} F1 {:.3})",
            f1(p, r),
            f1(q, s)
        );
        curve.push((t, f1(p, r), p, r));
    }
    // The F1 curve is flat near its top: the threshold is where its three-point average
    // peaks, not where one noisy point does.
    let smooth = |i: usize| {
        let lo = i.saturating_sub(1);
        let hi = (i + 2).min(curve.len());
        curve[lo..hi].iter().map(|c| c.1).sum::<f64>() / (hi - lo) as f64
    };
    let mut best = curve[0];
    let mut best_smooth = f64::MIN;
    for (i, point) in curve.iter().enumerate() {
        if smooth(i) > best_smooth {
            best_smooth = smooth(i);
            best = *point;
        }
    }
    eprintln!(
        "cross-fitted on the first file's Markdown pages: threshold {:.2}, word P {:.3} R {:.3} F1 {:.3}",
        best.0, best.2, best.3, best.1
    );
    // Final models on every page.
    eprintln!("stage 1, all pages");
    let all1 = samples(&examples, &firsts, |_| true);
    let w1 = to_f32(&fit(&all1, d1, o.l2));
    eprintln!("stage 2, all pages");
    let all2 = samples(&examples, &seconds, |_| true);
    let w2 = to_f32(&fit(&all2, d2, o.l2));
    let names = training::names();
    let mut ranked: Vec<(usize, f32)> = w2.iter().copied().enumerate().collect();
    ranked.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(&b.0)));
    eprintln!("largest stage-2 weights:");
    for (k, w) in ranked.iter().take(25) {
        eprintln!(
            "  {:>9.4}  {}",
            w,
            names.get(*k).map_or("?", String::as_str)
        );
    }
    let source = weights_file(&o, &w1, &w2, best.0, examples.len(), blocks, best);
    match &o.out {
        Some(path) => {
            if let Err(e) = std::fs::write(path, source) {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        }
        None => print!("{source}"),
    }
}

fn weights_file(
    o: &Options,
    w1: &[f32],
    w2: &[f32],
    threshold: f32,
    pages: usize,
    blocks: usize,
    cv: (f32, f64, f64, f64),
) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "//! Generated by `bench/train_blocks.sh` (crates/text/examples/train_blocks.rs): do not edit."
    );
    let _ = writeln!(
        s,
        "//! {pages} training pages, {blocks} blocks; L2 {}, plain-text copies {}, gold-only copies {}, {} folds.",
        o.l2, o.plain, o.gold, o.folds
    );
    let _ = writeln!(
        s,
        "//! Cross-fitted on the first file's pages (Markdown): word P {:.3}, R {:.3}, F1 {:.3}.",
        cv.2, cv.3, cv.1
    );
    let _ = writeln!(s);
    let _ = writeln!(s, "pub(super) const THRESHOLD: f32 = {threshold:?};");
    for (name, w) in [("STAGE1", w1), ("STAGE2", w2)] {
        let _ = writeln!(s);
        let _ = writeln!(s, "#[rustfmt::skip]");
        // A fitted weight may happen to be near a mathematical constant (1.12838 ~ 2/sqrt(pi)).
        let _ = writeln!(s, "#[allow(clippy::approx_constant)]");
        let _ = writeln!(s, "pub(super) const {name}: &[f32] = &[");
        for chunk in w.chunks(8) {
            let line: Vec<String> = chunk.iter().map(|v| format!("{v:?}")).collect();
            let _ = writeln!(s, "    {},", line.join(", "));
        }
        let _ = writeln!(s, "];");
    }
    s
}
