//! Output formats of the query commands: aligned tables for people, JSON, JSON lines and CSV.

use std::io::{self, BufWriter, Write};

use anyhow::Result;
use serde::Serialize;

/// Output formats of the query commands.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns for people.
    Table,
    /// One JSON document.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values (export only).
    Csv,
}

pub fn print_json<T: Serialize>(value: &T, format: Format) -> Result<()> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match format {
        Format::Jsonl => {
            let v = serde_json::to_value(value)?;
            match v {
                serde_json::Value::Array(items) => {
                    for i in items {
                        writeln!(out, "{i}")?;
                    }
                }
                other => writeln!(out, "{other}")?,
            }
        }
        _ => writeln!(out, "{}", serde_json::to_string_pretty(value)?)?,
    }
    out.flush()?;
    Ok(())
}

/// Prints rows as aligned columns, cells cut to a readable width.
pub fn print_table(header: &[&str], rows: Vec<Vec<String>>) -> Result<()> {
    const MAX: usize = 70;
    let cut = |s: &str| -> String {
        let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if one_line.chars().count() > MAX {
            format!("{}…", one_line.chars().take(MAX - 1).collect::<String>())
        } else {
            one_line
        }
    };
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|r| r.iter().map(|c| cut(c)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let line = |out: &mut BufWriter<io::StdoutLock>, cells: &[String]| -> io::Result<()> {
        let parts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}", w = *w))
            .collect();
        writeln!(out, "{}", parts.join("  ").trim_end())
    };
    line(
        &mut out,
        &header.iter().map(|h| h.to_string()).collect::<Vec<_>>(),
    )?;
    line(
        &mut out,
        &widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>(),
    )?;
    for r in &rows {
        line(&mut out, r)?;
    }
    out.flush()?;
    Ok(())
}

pub fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_else(|| "-".into())
}

pub fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
