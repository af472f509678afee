//! quotetrace's pipeline, as a library: what turns documents into stored quotes, for every
//! front end (the `quotetrace` command, the server's uploads, and the Python package and a
//! Spark executor to come).
//!
//! - [`prepare`]: the clean stage's wiring (HTML main text and metadata, text boilerplate,
//!   titles, language) that `clean`, `extract` and `ingest` share, so that they agree.
//! - [`clean`]: the `clean` stage as a function (main text, metadata, what was removed).
//! - [`record`]: one document's contract record (what `extract` prints) and the one panic
//!   policy of per-document work.
//! - [`ordered`]: a function over documents on several threads, results in input order.
//! - [`ingest`]: clean, extract, link and store in batches, with stories, their refinement and
//!   the story clusterer's checkpoint (a file the store keeps beside its database); progress
//!   goes to a [`ingest::Progress`] the caller gives.
//!
//! Not for: argument parsing, progress bars, output formats or exit codes (the binary's), nor
//! what a quote or a story is (the `quotes` and `link` crates).

mod checkpoint;
pub mod clean;
pub mod ingest;
pub mod ordered;
pub mod prepare;
pub mod record;
