//! Development aid: prints how the main text of one page was chosen.
//! `cargo run --release -p quotetrace-html --example html_explain -- PAGE.html[.gz]`
mod common;

fn main() {
    let path = std::env::args().nth(1).expect("usage: html_explain PAGE");
    let bytes = common::read_page(path.as_ref()).expect("read the page");
    print!("{}", quotetrace_html::explain(&bytes));
}
