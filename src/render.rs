//! Terminal rendering: sanitizing untrusted text, tables, JSON.

use clap::ValueEnum;
use serde::Serialize;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Human-readable table or text.
    #[default]
    Table,
    /// JSON (one document; `audit tail` prints one event per line).
    Json,
}

/// A decrypted name for a table, or what stands in for one that did not decrypt.
pub fn name_or_damaged(name: &str, damaged: bool) -> String {
    if damaged { "(damaged)".to_string() } else { name.to_string() }
}

/// Replaces control characters (escape sequences, newlines, bidi overrides) so that
/// untrusted text (labels, names, server messages) cannot rewrite the terminal.
pub fn sanitize(s: &str) -> String {
    s.chars().map(|c| if c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c) { '\u{fffd}' } else { c }).collect()
}

/// Prints rows as an aligned table with a header, columns two spaces apart. Cells are
/// sanitized. On a terminal the table fits its width (long cells wrap); into a pipe or
/// a file every row stays one line.
pub fn table(out: &mut dyn Write, header: &[&str], rows: &[Vec<String>]) -> std::io::Result<()> {
    use comfy_table::{ContentArrangement, Table, presets};
    let mut t = Table::new();
    t.load_style(presets::NOTHING).set_header(header.iter().copied());
    for row in rows {
        t.add_row(row.iter().map(|c| sanitize(c)));
    }
    let term = console::Term::stdout();
    match term.is_term().then(|| term.size_checked()).flatten() {
        Some((_, width)) => t.set_content_arrangement(ContentArrangement::Dynamic).set_width(width),
        None => t.set_content_arrangement(ContentArrangement::Disabled),
    };
    let last = header.len().saturating_sub(1);
    for (i, column) in t.column_iter_mut().enumerate() {
        column.set_padding((0, if i == last { 0 } else { 2 }));
    }
    for line in t.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// The fields `--field` selects, set once at start; none: whole documents.
static FIELDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();

pub fn select_fields(fields: Vec<String>) {
    let _ = FIELDS.set(fields);
}

/// A JSON document as printed: pretty, or with `--field` only the selected fields.
pub fn json_text(value: &impl Serialize) -> String {
    let v = serde_json::to_value(value).unwrap_or_default();
    selected(&v).unwrap_or_else(|| format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default()))
}

/// One item of a stream of JSON lines (`audit tail`): compact, or the selected fields.
pub fn json_line(value: &impl Serialize) -> String {
    let v = serde_json::to_value(value).unwrap_or_default();
    selected(&v).unwrap_or_else(|| format!("{v}\n"))
}

pub fn json(out: &mut dyn Write, value: &impl Serialize) -> std::io::Result<()> {
    out.write_all(json_text(value).as_bytes())
}

/// With `--field a,b.c`: one line per object (the document, or each item of an array),
/// the fields' values tab-separated — strings as they are, null as nothing, anything else
/// as JSON. A field the output does not have prints the whole document instead (with a
/// warning), so what a command delivers, such as a new token, is never lost to a typo.
fn selected(v: &serde_json::Value) -> Option<String> {
    let fields = FIELDS.get().filter(|f| !f.is_empty())?;
    let rows: Vec<&serde_json::Value> = match v {
        serde_json::Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    let mut text = String::new();
    for row in rows {
        let mut cells = Vec::new();
        for f in fields {
            let Some(value) = row.pointer(&format!("/{}", f.replace('.', "/"))) else {
                eprintln!("warning: no field `{}` in this output; printed all of it", sanitize(f));
                return None;
            };
            cells.push(match value {
                serde_json::Value::String(s) => sanitize(s),
                serde_json::Value::Null => String::new(),
                other => other.to_string(),
            });
        }
        text.push_str(&cells.join("\t"));
        text.push('\n');
    }
    Some(text)
}

/// Serde: a Unix time as RFC 3339 (UTC, to the second), the one form every command prints.
pub fn rfc3339<S: serde::Serializer>(t: &i64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&crate::policy::format_time(*t))
}

/// Human form of a byte count.
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut i = 0;
    while v >= 1024.0 && i + 1 < UNITS.len() {
        v /= 1024.0;
        i += 1;
    }
    match i {
        0 => format!("{n} B"),
        // Whole units as they are typed (`1 GiB`), the rest to a tenth.
        _ if v.fract() == 0.0 => format!("{v:.0} {}", UNITS[i]),
        _ => format!("{v:.1} {}", UNITS[i]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_neutralizes_terminal_escapes() {
        assert_eq!(sanitize("ok\x1b[31mred\n"), "ok\u{fffd}[31mred\u{fffd}");
        assert_eq!(sanitize("a\u{202e}b"), "a\u{fffd}b");
        assert_eq!(sanitize("ci-runner é"), "ci-runner é");
    }

    #[test]
    fn table_aligns_columns() {
        let mut out = Vec::new();
        table(&mut out, &["ID", "LABEL"], &[vec!["a".into(), "x".into()], vec!["bbbb".into(), "y".into()]]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "ID    LABEL\na     x\nbbbb  y\n");
        assert_eq!(bytes(1536), "1.5 KiB");
        assert_eq!(bytes(1 << 30), "1 GiB");
        assert_eq!(bytes(1000), "1000 B");
    }
}
