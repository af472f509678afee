//! Development aid: prints every metadata candidate of one page.
//! `cargo run --release -p quotetrace-html --example html_meta_debug -- PAGE.html[.gz]`
mod common;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: html_meta_debug PAGE");
    let bytes = common::read_page(path.as_ref()).expect("read the page");
    print!("{}", quotetrace_html::metadata_candidates(&bytes));
}
