//! `keysmith key usage`: what each key did (requests and bytes per day, from the audit
//! trail), what it stores, when it was last used, and whether it sits idle.

use super::Ctx;
use super::args::KeyUsageArgs;
use crate::error::Result;
use crate::policy::{self, KeyStatus};
use crate::render::{self, Format};
use crate::store::{ApiKey, DAY_SECS, Stored, UsageDay, UsageQuery};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;

/// Unused this long, a usable key counts as idle unless `--idle` says otherwise.
pub const DEFAULT_IDLE_SECS: i64 = 7 * DAY_SECS;

#[derive(Serialize)]
struct Report<'a> {
    #[serde(serialize_with = "render::rfc3339")]
    since: i64,
    #[serde(serialize_with = "render::rfc3339")]
    until: i64,
    idle_secs: i64,
    keys: Vec<KeyUsage<'a>>,
}

#[derive(Serialize, Default)]
struct Totals {
    requests: u64,
    denied: u64,
    uploaded: u64,
    downloaded: u64,
}

impl Totals {
    /// The sum of some days' counts.
    fn of<'d>(days: impl IntoIterator<Item = &'d UsageDay>) -> Self {
        days.into_iter().fold(Totals::default(), |t, d| Totals {
            requests: t.requests.saturating_add(d.requests),
            denied: t.denied.saturating_add(d.denied),
            uploaded: t.uploaded.saturating_add(d.uploaded),
            downloaded: t.downloaded.saturating_add(d.downloaded),
        })
    }
}

#[derive(Serialize)]
struct Day {
    date: String,
    #[serde(flatten)]
    totals: Totals,
}

#[derive(Serialize)]
struct KeyUsage<'a> {
    id: &'a str,
    label: &'a str,
    status: KeyStatus,
    last_used_at: Option<String>,
    /// Usable (active or in grace) and unused for `idle_secs` or more.
    idle: bool,
    #[serde(flatten)]
    totals: Totals,
    stored_files: u64,
    stored_bytes: u64,
    days: Vec<Day>,
}

/// Whether `k` can still be used and has not been for `secs` (never used: since it was made).
pub fn is_idle(k: &ApiKey, now: i64, secs: i64) -> bool {
    k.status(now).is_usable() && k.last_used_at.unwrap_or(k.created_at) <= now.saturating_sub(secs)
}

pub fn key_usage(ctx: &Ctx, a: &KeyUsageArgs, out: &mut dyn Write) -> Result<()> {
    let backend = ctx.backend()?;
    let session = ctx.session(backend.as_ref())?;
    let now = policy::now();
    let all = backend.list_keys(&session)?;
    let one = match &a.key {
        Some(k) => super::commands::resolve_keys(&all, std::slice::from_ref(k))?.pop(),
        None => None,
    };
    let query = UsageQuery { since: now.saturating_sub(a.period), until: now + 1, key_id: one.as_ref().map(|k| k.id.clone()) };
    let usage = backend.usage(&session, &query)?;
    let idle_secs = a.idle.unwrap_or(DEFAULT_IDLE_SECS);

    let keys: Vec<&ApiKey> = match &one {
        Some(k) => vec![k],
        None => all.iter().collect(),
    };
    // Rows by key once, not a scan of every row per key (fleets have thousands of keys).
    let mut days_of: HashMap<&str, Vec<&UsageDay>> = HashMap::new();
    for d in &usage.days {
        days_of.entry(d.key_id.as_str()).or_default().push(d);
    }
    let stored_of: HashMap<&str, &Stored> = usage.stored.iter().map(|s| (s.key_id.as_str(), s)).collect();
    let mut report = Report { since: query.since, until: now, idle_secs, keys: Vec::new() };
    for k in keys {
        let days = days_of.remove(k.id.as_str()).unwrap_or_default();
        let stored = stored_of.get(k.id.as_str()).map_or((0, 0), |s| (s.files, s.bytes));
        let idle = is_idle(k, now, idle_secs);
        // The overview: keys that can be used, and any other that did something in the
        // period or still holds files; `--idle`: only idle ones.
        let shown = one.is_some() || if a.idle.is_some() { idle } else { k.status(now).is_usable() || !days.is_empty() || stored.0 > 0 };
        if !shown {
            continue;
        }
        report.keys.push(KeyUsage {
            id: &k.id,
            label: &k.label,
            status: k.status(now),
            last_used_at: k.last_used_at.map(policy::format_time),
            idle,
            totals: Totals::of(days.iter().copied()),
            stored_files: stored.0,
            stored_bytes: stored.1,
            days: days.iter().map(|d| Day { date: policy::format_time(d.day)[..10].to_string(), totals: Totals::of([*d]) }).collect(),
        });
    }

    match ctx.format {
        Format::Json => render::json(out, &report)?,
        Format::Table => {
            let period = format!("{} to {} (UTC)", &policy::format_time(report.since)[..16], &policy::format_time(now)[..16]);
            match report.keys.first().filter(|_| one.is_some()) {
                Some(k) => {
                    ctx.io.note(&format!("Key {} (`{}`), {}, {period}:", k.id, render::sanitize(k.label), k.status));
                    // Days with activity, then the period's total.
                    let mut rows: Vec<Vec<String>> = k.days.iter().map(|d| counts(d.date.clone(), &d.totals)).collect();
                    rows.push(counts("total".into(), &k.totals));
                    render::table(out, &["DATE", "REQUESTS", "DENIED", "UPLOADED", "DOWNLOADED"], &rows)?;
                    let files = if k.stored_files == 1 { "file" } else { "files" };
                    writeln!(out, "Stored: {} in {} {files}. Last used: {}.", render::bytes(k.stored_bytes), k.stored_files, last_used(k))?;
                }
                None => {
                    ctx.io.note(&format!("Usage {period}:"));
                    let rows: Vec<Vec<String>> = report
                        .keys
                        .iter()
                        .map(|k| {
                            let mut row = vec![k.id.to_string(), render::sanitize(k.label), k.status.to_string()];
                            row.extend(counts(String::new(), &k.totals).into_iter().skip(1));
                            row.push(render::bytes(k.stored_bytes));
                            row.push(last_used(k));
                            row
                        })
                        .collect();
                    render::table(out, &["ID", "LABEL", "STATUS", "REQUESTS", "DENIED", "UPLOADED", "DOWNLOADED", "STORED", "LAST USED"], &rows)?;
                }
            }
        }
    }
    Ok(())
}

fn counts(first: String, t: &Totals) -> Vec<String> {
    vec![first, t.requests.to_string(), t.denied.to_string(), render::bytes(t.uploaded), render::bytes(t.downloaded)]
}

fn last_used(k: &KeyUsage) -> String {
    let when = k.last_used_at.clone().unwrap_or_else(|| "never".into());
    if k.idle { format!("{when} (idle)") } else { when }
}
