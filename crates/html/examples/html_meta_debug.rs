//! Development aid: prints every metadata candidate of one page.
//! `cargo run --release -p quotetrace-html --example html_meta_debug -- PAGE.html[.gz]`
use std::io::Read;
fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: html_meta_debug PAGE");
    let file = std::fs::File::open(&path).expect("open");
    let mut bytes = Vec::new();
    if path.ends_with(".gz") {
        flate2::read::GzDecoder::new(file)
            .read_to_end(&mut bytes)
            .expect("gunzip");
    } else {
        std::io::BufReader::new(file)
            .read_to_end(&mut bytes)
            .expect("read");
    }
    print!("{}", quotetrace_html::metadata_candidates(&bytes));
}
