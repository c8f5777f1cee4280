//! What a scoped key may do: actions, vaults, rate, bytes per day, and time.
//! Parsing of the human forms (`read,write`, `100/1m`, `1GiB`, `90d`) lives here too.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Permission {
    #[serde(rename = "read")]
    Read,
    #[serde(rename = "write")]
    Write,
    #[serde(rename = "delete")]
    Delete,
    #[serde(rename = "listVaults")]
    ListVaults,
    #[serde(rename = "createVault")]
    CreateVault,
    /// Mint child keys within its own scope, and rotate and revoke them (PROTOCOL.md,
    /// Delegated keys). Never part of `all`: it is given by name.
    #[serde(rename = "delegate")]
    Delegate,
}

impl Permission {
    pub const ALL: [Permission; 6] =
        [Permission::Read, Permission::Write, Permission::Delete, Permission::ListVaults, Permission::CreateVault, Permission::Delegate];
    /// What `all` means: every action on files and vaults (delegation is given by name).
    pub const DATA: [Permission; 5] = [Permission::Read, Permission::Write, Permission::Delete, Permission::ListVaults, Permission::CreateVault];

    pub fn name(self) -> &'static str {
        match self {
            Permission::Read => "read",
            Permission::Write => "write",
            Permission::Delete => "delete",
            Permission::ListVaults => "listVaults",
            Permission::CreateVault => "createVault",
            Permission::Delegate => "delegate",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Permission::Read => "read: download and decrypt files",
            Permission::Write => "write: upload files",
            Permission::Delete => "delete: delete files",
            Permission::ListVaults => "listVaults: list the vaults in scope",
            Permission::CreateVault => "createVault: create new vaults",
            Permission::Delegate => "delegate: mint, rotate and revoke child keys within its own scope",
        }
    }
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Permission {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let norm: String = s.trim().chars().filter(|c| *c != '-' && *c != '_').flat_map(char::to_lowercase).collect();
        Permission::ALL.into_iter().find(|p| p.name().to_lowercase() == norm).ok_or_else(|| {
            Error::usage(format!("unknown permission `{}`", crate::render::sanitize(s)))
                .hint("permissions are read, write, delete, listVaults, createVault, delegate")
        })
    }
}

/// Parses `read,write` (or `all`: every action but `delegate`) into a sorted, de-duplicated set.
pub fn parse_permissions(list: &str) -> Result<Vec<Permission>> {
    if list.trim().eq_ignore_ascii_case("all") {
        return Ok(Permission::DATA.to_vec());
    }
    let mut perms = list.split(',').filter(|s| !s.trim().is_empty()).map(str::parse).collect::<Result<Vec<_>>>()?;
    perms.sort();
    perms.dedup();
    if perms.is_empty() {
        return Err(Error::usage("no permission given").hint("pass e.g. --allow read,write"));
    }
    Ok(perms)
}

/// N requests per window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateLimit {
    pub requests: u64,
    pub window_secs: u64,
}

impl RateLimit {
    pub const MAX_REQUESTS: u64 = 1_000_000_000;
    pub const MAX_WINDOW_SECS: u64 = 30 * 86_400;

    /// Why the limit is out of bounds, if it is: 1 to 10^9 requests per 1 s to 30 days.
    pub fn check(self) -> std::result::Result<(), &'static str> {
        if !(1..=Self::MAX_REQUESTS).contains(&self.requests) {
            return Err("REQUESTS is 1 to 1000000000");
        }
        if !(1..=Self::MAX_WINDOW_SECS).contains(&self.window_secs) {
            return Err("WINDOW is 1s to 30d");
        }
        Ok(())
    }

    /// Requests per second, for comparing limits with different windows.
    fn per_second(self) -> f64 {
        self.requests as f64 / self.window_secs as f64
    }
}

impl fmt::Display for RateLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.requests, humantime::format_duration(Duration::from_secs(self.window_secs)))
    }
}

impl FromStr for RateLimit {
    type Err = Error;
    /// `100/1m`, `100/m`, `5000/1h`, `10/30s`.
    fn from_str(s: &str) -> Result<Self> {
        let bad = || Error::usage(format!("invalid rate limit `{}`", crate::render::sanitize(s))).hint("write it as REQUESTS/WINDOW, e.g. 100/1m or 5000/1h");
        let (n, w) = s.trim().split_once('/').ok_or_else(bad)?;
        let requests: u64 = n.trim().parse().map_err(|_| bad())?;
        let w = w.trim();
        let w = if w.starts_with(|c: char| c.is_ascii_digit()) { w.to_string() } else { format!("1{w}") };
        let window = humantime::parse_duration(&w).map_err(|_| bad())?;
        let rate = RateLimit { requests, window_secs: window.as_secs() };
        rate.check().map_err(|why| bad().hint(why))?;
        Ok(rate)
    }
}

/// Parses `1GiB`, `500MB`, `64k`, `1024` into bytes.
pub fn parse_bytes(s: &str) -> Result<u64> {
    let bad = || Error::usage(format!("invalid byte size `{}`", crate::render::sanitize(s))).hint("write e.g. 1GiB, 500MB or 1048576");
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: u64 = num.parse().map_err(|_| bad())?;
    let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1_000,
        "kib" => 1 << 10,
        "m" | "mb" => 1_000_000,
        "mib" => 1 << 20,
        "g" | "gb" => 1_000_000_000,
        "gib" => 1 << 30,
        "t" | "tb" => 1_000_000_000_000,
        "tib" => 1 << 40,
        _ => return Err(bad()),
    };
    n.checked_mul(mult).filter(|b| (1..=MAX_BYTES_PER_DAY).contains(b)).ok_or_else(bad)
}

/// The largest byte quota (1 EiB): far above any real quota, and storable as a signed 64-bit integer.
pub const MAX_BYTES_PER_DAY: u64 = 1 << 60;
/// The longest lifetime keysmith gives a key or accepts for any duration: ten years
/// (times stay far from the year 9999 that RFC 3339 can write).
pub const MAX_LIFETIME_SECS: i64 = 3650 * 86_400;
/// The shortest expiry: a key is never born expired.
pub const MIN_EXPIRY_SECS: i64 = 1;
/// The longest grace window, and the longest owner session (the backend's limits too).
pub const MAX_GRACE_SECS: i64 = 30 * 86_400;
pub const MAX_SESSION_SECS: i64 = 30 * 86_400;
/// The longest an invite code stays valid.
pub const MAX_INVITE_SECS: i64 = 30 * 86_400;

/// Parses a duration such as `90d`, `24h`, `30m` into whole seconds within `min..=max`.
pub fn parse_secs(s: &str, min: i64, max: i64) -> Result<i64> {
    let range = || format!("a duration from {} to {}", format_secs(min), format_secs(max));
    let d = humantime::parse_duration(s.trim())
        .map_err(|_| Error::usage(format!("invalid duration `{}`", crate::render::sanitize(s))).hint(format!("write {}, e.g. 90d, 24h or 30m", range())))?;
    match i64::try_from(d.as_secs()) {
        Ok(secs) if (min..=max).contains(&secs) => Ok(secs),
        _ => Err(Error::usage(format!("duration `{}` is out of range", crate::render::sanitize(s))).hint(format!("write {}", range()))),
    }
}

/// A whole number of seconds in the largest unit that divides it (`90d`, `24h`, `0s`).
pub fn format_secs(secs: i64) -> String {
    for (unit, n) in [("d", 86_400), ("h", 3600), ("m", 60)] {
        if secs != 0 && secs % n == 0 {
            return format!("{}{unit}", secs / n);
        }
    }
    format!("{secs}s")
}

/// A key's scope: what it may do, where, and how fast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    pub permissions: Vec<Permission>,
    pub vaults: Vec<String>,
    pub rate_limit: Option<RateLimit>,
    pub bytes_per_day: Option<u64>,
    /// Write-only (append-only): the key's grants hold each vault's public key, so it can
    /// encrypt new files and decrypt none. A restriction, not a right: a key derived from a
    /// write-only key stays write-only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub write_only: bool,
}

/// What a write-only key may hold: uploading, seeing its vaults' ids, and passing that on.
pub const WRITE_ONLY_PERMISSIONS: [Permission; 3] = [Permission::Write, Permission::ListVaults, Permission::Delegate];

/// Why a vault name is not acceptable: 1 to 128 characters, not all blank, no control
/// characters. The same rule for the owner, agents and MCP hosts.
pub fn check_vault_name(name: &str) -> Result<()> {
    if name.trim().is_empty() || name.chars().count() > 128 || name.chars().any(char::is_control) {
        return Err(Error::usage("a vault name is 1 to 128 printable characters"));
    }
    Ok(())
}

/// Why a file name is not acceptable: 1 to 1024 bytes of UTF-8.
pub fn check_file_name(name: &str) -> Result<()> {
    if name.is_empty() || name.len() > crate::crypto::MAX_NAME_BYTES {
        return Err(Error::usage("a file name is 1 to 1024 bytes").hint("pass a shorter --name"));
    }
    Ok(())
}

/// Why a label is not acceptable: 1 to 64 printable characters, no surrounding spaces.
pub fn check_label(label: &str) -> Result<()> {
    if label.trim().is_empty() || label.trim() != label || label.chars().count() > 64 || label.chars().any(char::is_control) {
        return Err(Error::usage("a label is 1 to 64 printable characters").hint("e.g. --label ci-deploy"));
    }
    Ok(())
}

/// Why a new key's expiry is not acceptable at `now`: it must lie in the future, and at
/// most ten years ahead (a day of slack for the client's clock).
pub fn check_expiry(expires_at: Option<i64>, now: i64) -> Result<()> {
    match expires_at {
        Some(e) if e <= now => Err(Error::usage("the key's expiry is in the past").hint("a key is never born expired")),
        Some(e) if e > now.saturating_add(MAX_LIFETIME_SECS + 86_400) => {
            Err(Error::usage("the key's expiry is more than ten years ahead").hint("use a shorter --expires-in, or --no-expiry"))
        }
        _ => Ok(()),
    }
}

impl Scope {
    /// Refuses empty, zero and absurd limits: at least one permission, a rate limit within
    /// [`RateLimit::check`], a byte quota of 1 B to [`MAX_BYTES_PER_DAY`].
    pub fn check_limits(&self) -> Result<()> {
        if self.permissions.is_empty() {
            return Err(Error::usage("a key needs at least one permission"));
        }
        if let Some(r) = self.rate_limit {
            r.check().map_err(|why| Error::usage(format!("invalid rate limit: {why}")))?;
        }
        if self.bytes_per_day.is_some_and(|b| !(1..=MAX_BYTES_PER_DAY).contains(&b)) {
            return Err(Error::usage("bytes_per_day is 1 to 2^60"));
        }
        if self.write_only {
            if !self.permissions.contains(&Permission::Write) {
                return Err(Error::usage("a write-only key needs the write permission").hint("e.g. --allow write --write-only"));
            }
            if let Some(p) = self.permissions.iter().find(|p| !WRITE_ONLY_PERMISSIONS.contains(p)) {
                return Err(Error::usage(format!("a write-only key cannot hold `{p}`"))
                    .hint("a write-only key holds write, and optionally listVaults and delegate; it can never read, delete or create vaults"));
            }
        }
        Ok(())
    }

    /// Why `self` is broader than `old` in some dimension, if it is.
    pub fn broader_than(&self, old: &Scope) -> Option<String> {
        if old.write_only && !self.write_only {
            return Some("the old key is write-only; the new key must be too".into());
        }
        if let Some(p) = self.permissions.iter().find(|p| !old.permissions.contains(p)) {
            return Some(format!("permission `{p}` is not held by the old key"));
        }
        if let Some(v) = self.vaults.iter().find(|v| !old.vaults.contains(v)) {
            return Some(format!("vault {v} is not in the old key's scope"));
        }
        match (old.rate_limit, self.rate_limit) {
            (Some(_), None) => return Some("the old key is rate limited; the new key must be too".into()),
            (Some(o), Some(n)) if n.per_second() > o.per_second() => {
                return Some(format!("rate limit {n} is higher than the old key's {o}"));
            }
            _ => {}
        }
        match (old.bytes_per_day, self.bytes_per_day) {
            (Some(_), None) => Some("the old key has a byte quota; the new key must have one too".into()),
            (Some(o), Some(n)) if n > o => Some(format!("byte quota {n} is higher than the old key's {o}")),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum KeyStatus {
    Active,
    /// Rotated: still valid until its grace end.
    Grace,
    Revoked,
    Expired,
}

impl KeyStatus {
    pub fn name(self) -> &'static str {
        match self {
            KeyStatus::Active => "active",
            KeyStatus::Grace => "grace",
            KeyStatus::Revoked => "revoked",
            KeyStatus::Expired => "expired",
        }
    }
    /// Whether a key in this state may still authenticate.
    pub fn is_usable(self) -> bool {
        matches!(self, KeyStatus::Active | KeyStatus::Grace)
    }
}

impl fmt::Display for KeyStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A key's status at `now` (unix seconds), derived from its lifecycle fields.
pub fn key_status(now: i64, revoked_at: Option<i64>, expires_at: Option<i64>, grace_end: Option<i64>) -> KeyStatus {
    if revoked_at.is_some() {
        KeyStatus::Revoked
    } else if expires_at.is_some_and(|e| now >= e) {
        KeyStatus::Expired
    } else if let Some(g) = grace_end {
        if now < g { KeyStatus::Grace } else { KeyStatus::Expired }
    } else {
        KeyStatus::Active
    }
}

pub fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// RFC 3339 (UTC, seconds) for a unix timestamp.
/// Times outside 1970..=9999 (only a damaged or hostile record holds one) are clamped
/// into that range rather than failing.
pub fn format_time(t: i64) -> String {
    const LAST: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z
    humantime::format_rfc3339_seconds(UNIX_EPOCH + Duration::from_secs(t.clamp(0, LAST) as u64)).to_string()
}

/// Parses `--since` values: a duration ago (`1h`, `7d`) or an RFC 3339 time.
pub fn parse_since(s: &str, now: i64) -> Result<i64> {
    if let Ok(d) = humantime::parse_duration(s.trim()) {
        return Ok(now.saturating_sub(i64::try_from(d.as_secs()).unwrap_or(i64::MAX)));
    }
    humantime::parse_rfc3339_weak(s.trim()).map(|t| t.duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)).map_err(|_| {
        Error::usage(format!("invalid time `{}`", crate::render::sanitize(s))).hint("write a duration ago (1h, 7d) or an RFC 3339 time (2026-01-31T12:00:00Z)")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permissions_parse_in_any_spelling() {
        assert_eq!(parse_permissions("write,read,read").unwrap(), vec![Permission::Read, Permission::Write]);
        assert_eq!(parse_permissions("list-vaults,CreateVault").unwrap(), vec![Permission::ListVaults, Permission::CreateVault]);
        assert_eq!(parse_permissions("all").unwrap().len(), 5);
        assert!(parse_permissions("read,admin").is_err());
        assert!(parse_permissions(",").is_err());
    }

    #[test]
    fn rates_sizes_durations() {
        assert_eq!("100/1m".parse::<RateLimit>().unwrap(), RateLimit { requests: 100, window_secs: 60 });
        assert_eq!("100/m".parse::<RateLimit>().unwrap(), RateLimit { requests: 100, window_secs: 60 });
        assert_eq!("5000/1h".parse::<RateLimit>().unwrap().window_secs, 3600);
        for bad in ["100", "0/1m", "x/1m", "10/0s", "10/fortnightly"] {
            assert!(bad.parse::<RateLimit>().is_err(), "{bad}");
        }
        assert_eq!(parse_bytes("1GiB").unwrap(), 1 << 30);
        assert_eq!(parse_bytes("500MB").unwrap(), 500_000_000);
        assert_eq!(parse_bytes("1024").unwrap(), 1024);
        assert!(parse_bytes("0").is_err());
        assert!(parse_bytes("1XB").is_err());
        assert!(parse_bytes("99999999999TiB").is_err());
        assert!(parse_bytes("2EiB").is_err());
        assert_eq!(parse_secs("90d", 1, MAX_LIFETIME_SECS).unwrap(), 90 * 86400);
        for bad in ["soon", "0s", "1ns", "999ms", "3651d", "1000000y", "18446744073709551615s"] {
            let e = parse_secs(bad, 1, MAX_LIFETIME_SECS).unwrap_err();
            assert_eq!(e.kind(), crate::error::Kind::Usage, "{bad}");
        }
        assert_eq!(parse_secs("0s", 0, 60).unwrap(), 0);
        assert_eq!(format_secs(90 * 86400), "90d");
        assert_eq!(format_secs(90), "90s");
        for bad in ["1/0s", "1/31d", "1000000001/1s"] {
            assert!(bad.parse::<RateLimit>().is_err(), "{bad}");
        }
    }

    #[test]
    fn any_time_formats_without_panicking() {
        assert_eq!(format_time(i64::MAX), "9999-12-31T23:59:59Z");
        assert_eq!(format_time(i64::MIN), "1970-01-01T00:00:00Z");
        assert!(parse_since("100000000000y", 1_000).unwrap() < 0);
    }

    #[test]
    fn status_follows_lifecycle() {
        assert_eq!(key_status(100, None, None, None), KeyStatus::Active);
        assert_eq!(key_status(100, None, Some(200), None), KeyStatus::Active);
        assert_eq!(key_status(200, None, Some(200), None), KeyStatus::Expired);
        assert_eq!(key_status(100, None, Some(500), Some(150)), KeyStatus::Grace);
        assert_eq!(key_status(150, None, Some(500), Some(150)), KeyStatus::Expired);
        assert_eq!(key_status(100, Some(90), Some(500), Some(150)), KeyStatus::Revoked);
    }

    #[test]
    fn narrower_scope_is_checked_in_every_dimension() {
        let old = Scope {
            permissions: vec![Permission::Read, Permission::Write],
            vaults: vec!["a".into(), "b".into()],
            rate_limit: Some(RateLimit { requests: 60, window_secs: 60 }),
            bytes_per_day: Some(1000),
            write_only: false,
        };
        assert_eq!(old.broader_than(&old), None);
        let narrower = Scope {
            permissions: vec![Permission::Read],
            vaults: vec!["a".into()],
            rate_limit: Some(RateLimit { requests: 1, window_secs: 1 }),
            bytes_per_day: Some(10),
            write_only: false,
        };
        assert_eq!(narrower.broader_than(&old), None);
        let mut s = old.clone();
        s.permissions.push(Permission::Delete);
        assert!(s.broader_than(&old).unwrap().contains("delete"));
        let mut s = old.clone();
        s.vaults.push("c".into());
        assert!(s.broader_than(&old).is_some());
        let mut s = old.clone();
        s.rate_limit = Some(RateLimit { requests: 2, window_secs: 1 });
        assert!(s.broader_than(&old).is_some());
        let mut s = old.clone();
        s.rate_limit = None;
        assert!(s.broader_than(&old).is_some());
        let mut s = old.clone();
        s.bytes_per_day = Some(1001);
        assert!(s.broader_than(&old).is_some());
        // Write-only is a restriction: gaining it narrows, losing it widens.
        let wo = Scope { permissions: vec![Permission::Write], write_only: true, ..old.clone() };
        assert_eq!(wo.broader_than(&old), None);
        assert!(Scope { write_only: false, ..wo.clone() }.broader_than(&wo).unwrap().contains("write-only"));
    }

    #[test]
    fn write_only_keys_hold_no_reading_permission() {
        let s = |permissions: Vec<Permission>| Scope { permissions, vaults: vec![], rate_limit: None, bytes_per_day: None, write_only: true };
        assert!(s(vec![Permission::Write, Permission::ListVaults, Permission::Delegate]).check_limits().is_ok());
        for bad in [Permission::Read, Permission::Delete, Permission::CreateVault] {
            assert!(s(vec![Permission::Write, bad]).check_limits().is_err(), "{bad}");
        }
        assert!(s(vec![Permission::ListVaults]).check_limits().is_err());
    }
}
