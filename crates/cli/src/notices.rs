//! Notices from the library crates (the store upgrading a schema, rebuilding a lost file),
//! which report through the `log` facade and never print themselves: shown on standard
//! error as `quotetrace: ...`, like the command's own messages.

use std::io::Write;

use log::{Level, LevelFilter, Log, Metadata, Record};

struct Stderr;

impl Log for Stderr {
    fn enabled(&self, metadata: &Metadata) -> bool {
        metadata.level() <= Level::Info
    }

    fn log(&self, record: &Record) {
        if self.enabled(record.metadata()) {
            // A closed standard error is no reason to stop the work.
            let _ = writeln!(std::io::stderr(), "quotetrace: {}", record.args());
        }
    }

    fn flush(&self) {}
}

static STDERR: Stderr = Stderr;

/// Shows the libraries' notices (info and above) on standard error.
pub fn install() {
    if log::set_logger(&STDERR).is_ok() {
        log::set_max_level(LevelFilter::Info);
    }
}
