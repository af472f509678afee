//! Micro-benchmarks of near-duplicate detection: an article's MinHash signature (words,
//! 5-word shingles, 128 permutations), its LSH bands, and the similarity of two signatures.
//! `cargo bench -p quotetrace-link` measures; `cargo test -p quotetrace-link --benches` runs
//! each once. See `bench/micro/harness.rs`.

#[path = "../../../bench/micro/harness.rs"]
mod harness;

use quotetrace_link::minhash;

fn main() {
    let bench = harness::Bench::from_args();
    let words = minhash::words(harness::ARTICLE);
    let signature = minhash::signature(&words, 5).expect("the article is long enough");
    let edited = harness::ARTICLE.replace("Wednesday", "Thursday");
    let other = minhash::signature(&minhash::words(&edited), 5).expect("long enough");
    assert!(minhash::similarity(&signature, &other) > 0.8);
    bench.run("minhash words (one article)", "articles", || {
        minhash::words(harness::ARTICLE)
    });
    bench.run(
        "minhash signature (one article's words)",
        "articles",
        || minhash::signature(&words, 5),
    );
    bench.run("minhash bands", "signatures", || minhash::bands(&signature));
    bench.run("minhash similarity", "pairs", || {
        minhash::similarity(&signature, &other)
    });
}
