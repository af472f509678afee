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
    /// Comma-separated values, a header line first.
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

/// Prints a list of records as JSON, JSON lines or CSV (a column per field of the first
/// record; lists joined with " | ", absent values empty). Tables are the caller's, since
/// they choose and shorten columns for people.
pub fn print_records<T: Serialize>(items: &[T], format: Format) -> Result<()> {
    if format != Format::Csv {
        return print_json(&items, format);
    }
    let rows: Vec<Fields> = items
        .iter()
        .map(|i| serde_json::to_string(i).and_then(|s| serde_json::from_str::<Fields>(&s)))
        .collect::<Result<_, _>>()?;
    let Some(first) = rows.first() else {
        return Ok(());
    };
    let header: Vec<String> = first.0.iter().map(|(k, _)| k.clone()).collect();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    writeln!(
        out,
        "{}",
        header
            .iter()
            .map(|h| csv_cell(h))
            .collect::<Vec<_>>()
            .join(",")
    )?;
    for row in &rows {
        let cells: Vec<String> = header
            .iter()
            .map(|h| {
                let v = row.0.iter().find(|(k, _)| k == h).map(|(_, v)| v);
                csv_cell(&csv_value(v.unwrap_or(&serde_json::Value::Null)))
            })
            .collect();
        writeln!(out, "{}", cells.join(","))?;
    }
    out.flush()?;
    Ok(())
}

/// A record's fields in the order it serialises them (a JSON map would sort them).
struct Fields(Vec<(String, serde_json::Value)>);

impl<'de> serde::Deserialize<'de> for Fields {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Fields, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Fields;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a record")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Fields, A::Error> {
                let mut fields = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    fields.push(entry);
                }
                Ok(Fields(fields))
            }
        }
        d.deserialize_map(Visit)
    }
}

/// A number as a CSV cell: confidences are stored as 32-bit floats, so four decimals say
/// all they hold.
pub fn csv_number(x: f64) -> String {
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// A JSON value as one CSV cell's text.
fn csv_value(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) if n.is_f64() => {
            n.as_f64().map(csv_number).unwrap_or_default()
        }
        serde_json::Value::Array(items) => {
            items.iter().map(csv_value).collect::<Vec<_>>().join(" | ")
        }
        other => other.to_string(),
    }
}

/// Says on standard error that a query found nothing (standard output stays parseable).
pub fn say_no_results(n: usize) {
    if n == 0 {
        eprintln!("quotetrace: no results");
    }
}

/// A value for a table cell: `-` when absent.
pub fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_else(|| "-".into())
}

/// A CSV cell, quoted when it holds a comma, a quote or a line break.
pub fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
