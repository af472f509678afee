//! Reading speed alone: every document of the inputs read and counted, nothing else.
//!
//! `cargo run --release -p quotetrace-ingest --example read_speed -- FILE...`

use std::time::Instant;

fn main() {
    let inputs: Vec<quotetrace_ingest::Input> = std::env::args()
        .skip(1)
        .map(|a| quotetrace_ingest::Input::parse(&a))
        .collect();
    let started = Instant::now();
    let (mut docs, mut errors, mut bytes) = (0usize, 0usize, 0usize);
    for d in quotetrace_ingest::documents(inputs) {
        match d {
            Ok(d) => {
                docs += 1;
                bytes += d.text.len();
            }
            Err(_) => errors += 1,
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{docs} documents ({errors} errors), {:.1} MB of text in {secs:.2} s: {:.0} documents/s",
        bytes as f64 / 1e6,
        docs as f64 / secs.max(1e-9)
    );
}
