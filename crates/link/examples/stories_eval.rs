//! Runs the incremental story clusterer over a JSONL file of articles and prints one
//! `{"doc": ID, "story": N}` line per article (in stream order) for a scorer, with timing on
//! standard error.
//!
//! ```text
//! cargo run --release -p quotetrace-link --example stories_eval -- FILE [options]
//! cargo run --release -p quotetrace-link --example stories_eval -- --synthetic N [--dated]
//!   --threshold X   similarity threshold (default: StoryConfig::default())
//!   --set KEY=VALUE any other StoryConfig field, e.g. `--set identity_share=0.3`
//!   --shuffle SEED  feed the articles in a shuffled order (fixed by SEED) instead of file order
//!   --repeat N      feed the whole stream N times (ids suffixed `#k`), for throughput only
//!   --state PATH    after the run, write the clusterer state as JSON to PATH
//!   --explain       add each decision's `similarity` and `new` (opened a story) to the lines
//!   --synthetic N   instead of a file, stream N generated articles (about 8 per event, events
//!                   of one topic sharing vocabulary) and print only the timing, the number of
//!                   stories and the peak memory: a scale test for large streams
//!   --dated         give the generated articles publication dates (about 3,000 a day)
//! ```
//!
//! Each input line is an object with `doc_id` (or `id`), `title` (optional), `text` and
//! `published` (optional, `YYYY-MM-DD`; `date` is accepted too).

use std::io::{BufRead, BufWriter, Write};
use std::time::Instant;

use quotetrace_link::{Assignment, StoryClusterer, StoryConfig, StoryDoc};
use serde_json::Value;

fn main() {
    if let Err(message) = run() {
        eprintln!("stories_eval: {message}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut file = None;
    let mut config = StoryConfig::default();
    let mut shuffle = None;
    let mut repeat = 1usize;
    let mut state = None;
    let mut explain = false;
    let mut synthetic = None;
    let mut dated = false;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--threshold" => config.threshold = parse(&value("--threshold")?)?,
            "--set" => config = set_field(config, &value("--set")?)?,
            "--shuffle" => shuffle = Some(parse::<u64>(&value("--shuffle")?)?),
            "--repeat" => repeat = parse(&value("--repeat")?)?,
            "--state" => state = Some(value("--state")?),
            "--explain" => explain = true,
            "--synthetic" => synthetic = Some(parse::<u64>(&value("--synthetic")?)?),
            "--dated" => dated = true,
            _ if arg.starts_with("--") => return Err(format!("unknown option {arg}")),
            _ => file = Some(arg),
        }
    }
    if let Some(n) = synthetic {
        return run_synthetic(config, n, dated, state.as_deref());
    }
    let file = file.ok_or("usage: stories_eval FILE [--threshold X] [--shuffle SEED] [--repeat N] [--state PATH] [--explain]")?;

    let mut docs = read_docs(&file)?;
    if let Some(seed) = shuffle {
        shuffle_in_place(&mut docs, seed);
    }
    let stream: Vec<StoryDoc> = (0..repeat)
        .flat_map(|k| {
            docs.iter().map(move |d| {
                let mut d = d.clone();
                if k > 0 {
                    d.id = format!("{}#{k}", d.id);
                }
                d
            })
        })
        .collect();

    let mut clusterer = StoryClusterer::new(config);
    let started = Instant::now();
    let mut assignments: Vec<Assignment> =
        stream.iter().map(|d| clusterer.add_explained(d)).collect();
    // The end of the stream: the last articles are refined too. Refinements name the articles
    // they move by key, here the position in the stream.
    clusterer.refine();
    for (key, story) in clusterer.take_moves() {
        if let Some(a) = assignments.get_mut(key as usize) {
            a.story = story;
        }
    }
    let seconds = started.elapsed().as_secs_f64();

    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for (doc, a) in stream.iter().zip(&assignments) {
        let line = if explain {
            serde_json::json!({ "doc": doc.id, "story": a.story, "similarity": a.similarity, "new": a.new_story })
        } else {
            serde_json::json!({ "doc": doc.id, "story": a.story })
        };
        writeln!(out, "{line}").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())?;

    if let Some(path) = state {
        write_state(&clusterer, &path)?;
    }
    eprintln!(
        "articles: {}, stories: {} ({} open), clustering: {:.3} s, {:.0} articles/s",
        stream.len(),
        clusterer.stories_opened(),
        clusterer.stories_active(),
        seconds,
        stream.len() as f64 / seconds.max(1e-9)
    );
    Ok(())
}

/// Streams `n` generated articles through a clusterer and reports speed, stories and memory.
fn run_synthetic(
    config: StoryConfig,
    n: u64,
    dated: bool,
    state: Option<&str>,
) -> Result<(), String> {
    let mut clusterer = StoryClusterer::new(config);
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    let started = Instant::now();
    let mut generating = std::time::Duration::ZERO;
    for i in 0..n {
        let t = Instant::now();
        let doc = synthetic_doc(i, dated, &mut rng);
        generating += t.elapsed();
        clusterer.add(&doc);
    }
    let seconds = (started.elapsed() - generating).as_secs_f64();
    eprintln!(
        "articles: {n}, stories: {} ({} open), clustering: {:.3} s, {:.0} articles/s, peak RSS: {}",
        clusterer.stories_opened(),
        clusterer.stories_active(),
        seconds,
        n as f64 / seconds.max(1e-9),
        peak_rss().unwrap_or_else(|| "unknown".into())
    );
    if let Some(path) = state {
        write_state(&clusterer, path)?;
    }
    Ok(())
}

/// Writes the clusterer's state as JSON to `path` and reports its size.
fn write_state(clusterer: &StoryClusterer, path: &str) -> Result<(), String> {
    let json = serde_json::to_vec(clusterer).map_err(|e| e.to_string())?;
    std::fs::write(path, &json).map_err(|e| format!("{path}: {e}"))?;
    eprintln!("state: {path}, {} bytes", json.len());
    Ok(())
}

/// A small deterministic generator.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// A pronounceable pseudo-word for `k` ("bakoru"); `capital` capitalises it.
fn pseudo_word(mut k: u64, capital: bool) -> String {
    const SYLLABLES: [&str; 16] = [
        "ba", "ko", "ru", "mi", "te", "sa", "no", "li", "ve", "da", "po", "ge", "fu", "zi", "ha",
        "wo",
    ];
    let mut w = String::new();
    loop {
        w.push_str(SYLLABLES[(k % 16) as usize]);
        k /= 16;
        if k == 0 {
            break;
        }
    }
    if capital {
        w[..1].make_ascii_uppercase();
    }
    w
}

/// Article `i` of a synthetic stream: about 8 articles per event, spread over nearby
/// positions; events of one topic (event mod 500) share topic words; filler words follow a
/// skewed (roughly Zipfian) distribution over 30,000 words.
fn synthetic_doc(i: u64, dated: bool, rng: &mut XorShift) -> StoryDoc {
    let event = i / 8 + rng.next() % 40;
    let topic = event % 500;
    let name = |k: u64| pseudo_word(1_000 + event * 5 + k, true);
    let topic_word = |k: u64| pseudo_word(100_000 + topic * 6 + k, false);
    let filler = |rng: &mut XorShift| {
        let u = (rng.next() % 1_000_000) as f64 / 1_000_000.0;
        pseudo_word(30_000f64.powf(u) as u64, false)
    };
    let title = format!(
        "{} {} {} {}",
        name(0),
        topic_word(rng.next() % 3),
        name(1),
        topic_word(3)
    );
    let mut text = String::new();
    for sentence in 0..6 {
        text.push_str(&format!("The {} ", filler(rng)));
        for k in 0..8 {
            text.push_str(&filler(rng));
            text.push(' ');
            if k == 3 {
                match rng.next() % 4 {
                    0 => text.push_str(&format!("{} {} ", name(0), name(1))),
                    1 => text.push_str(&format!("in {} ", name(2 + sentence % 3))),
                    2 => text.push_str(&format!("{} ", topic_word(rng.next() % 6))),
                    _ => text.push_str(&format!("{} ", event % 9_973)),
                }
            }
        }
        text.push_str(". ");
    }
    let published = dated.then(|| {
        let day = 18_262 + event / 400; // 2020-01-01 + one day per 400 events
        let (y, m, d) = quotetrace_link::days::civil_from_days(day as i64);
        format!("{y:04}-{m:02}-{d:02}")
    });
    StoryDoc {
        id: i.to_string(),
        title: Some(title),
        text,
        published,
    }
}

/// Peak resident memory of this process (Linux), e.g. "143 MB".
fn peak_rss() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: u64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(format!("{} MB", kb / 1024))
}

/// Sets one `StoryConfig` field from `KEY=VALUE` (the value is read as JSON).
fn set_field(config: StoryConfig, assignment: &str) -> Result<StoryConfig, String> {
    let (key, value) = assignment
        .split_once('=')
        .ok_or(format!("--set wants KEY=VALUE, got {assignment}"))?;
    let mut json = serde_json::to_value(&config).map_err(|e| e.to_string())?;
    match json.get_mut(key) {
        Some(slot) => *slot = serde_json::from_str(value).map_err(|e| format!("{key}: {e}"))?,
        None => return Err(format!("no StoryConfig field {key}")),
    }
    serde_json::from_value(json).map_err(|e| format!("{key}: {e}"))
}

fn parse<T: std::str::FromStr>(s: &str) -> Result<T, String> {
    s.parse().map_err(|_| format!("bad value: {s}"))
}

fn read_docs(path: &str) -> Result<Vec<StoryDoc>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let mut docs = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| format!("{path}: {e}"))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(&line).map_err(|e| format!("{path}:{}: {e}", n + 1))?;
        let field = |name: &str| match &v[name] {
            Value::String(s) => Some(s.clone()),
            Value::Number(x) => Some(x.to_string()),
            _ => None,
        };
        docs.push(StoryDoc {
            id: field("doc_id")
                .or_else(|| field("id"))
                .unwrap_or_else(|| (n + 1).to_string()),
            title: field("title"),
            text: field("text").unwrap_or_default(),
            published: field("published").or_else(|| field("date")),
        });
    }
    Ok(docs)
}

/// Fisher–Yates with a small xorshift generator: the same seed gives the same order on
/// every platform.
fn shuffle_in_place<T>(items: &mut [T], seed: u64) {
    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for i in (1..items.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}
