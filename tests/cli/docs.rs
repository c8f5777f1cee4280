//! completions/ and man/ are generated from the clap definitions; this fails when the
//! checked-in copies are stale. `KEYSMITH_UPDATE_DOCS=1 cargo test docs` rewrites them.

#[test]
fn completions_and_man_pages_are_current() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("KEYSMITH_UPDATE_DOCS").is_some() {
        for d in ["completions", "man"] {
            let _ = std::fs::remove_dir_all(root.join(d));
        }
        keysmith::cli::docs::write_all(root).unwrap();
    }
    let generated = keysmith::cli::docs::generated();
    let mut stale = Vec::new();
    for (rel, contents) in &generated {
        if std::fs::read(root.join(rel)).ok().as_deref() != Some(contents.as_slice()) {
            stale.push(rel.clone());
        }
    }
    for d in ["completions", "man"] {
        for entry in std::fs::read_dir(root.join(d)).unwrap() {
            let rel = format!("{d}/{}", entry.unwrap().file_name().to_string_lossy());
            if !generated.iter().any(|(r, _)| r == &rel) {
                stale.push(format!("{rel} (no longer generated)"));
            }
        }
    }
    assert!(stale.is_empty(), "stale generated docs: {stale:?}; run `KEYSMITH_UPDATE_DOCS=1 cargo test --test cli docs`");
    let man = String::from_utf8(generated.iter().find(|(r, _)| r == "man/keysmith.1").unwrap().1.clone()).unwrap();
    assert!(man.contains("EXIT STATUS") && man.contains("Examples"));
}

#[test]
fn clap_definitions_are_consistent() {
    use clap::CommandFactory;
    keysmith::cli::args::Cli::command().debug_assert();
}

/// Man pages worth reading: every page has a description of its own, examples where a
/// command does something, EXIT STATUS, ENVIRONMENT (every variable the README lists),
/// FILES and SEE ALSO; synopses name the command as typed; every page referred to ships;
/// and every example parses.
#[test]
fn man_pages_have_every_section_and_refer_only_to_pages_that_ship() {
    let generated = keysmith::cli::docs::generated();
    let pages: Vec<(String, String)> = generated
        .iter()
        .filter_map(|(rel, bytes)| Some((rel.strip_prefix("man/")?.strip_suffix(".1")?.to_string(), String::from_utf8(bytes.clone()).unwrap())))
        .collect();
    let readme = include_str!("../../README.md");
    let env_table = &readme[readme.find("### Environment").unwrap()..readme.find("### Files").unwrap()];
    let vars: Vec<&str> = env_table.lines().filter_map(|l| l.strip_prefix("| `")?.split('`').next()).collect();
    assert!(vars.len() >= 10, "{vars:?}");
    let mut refs = 0;
    for (page, text) in &pages {
        assert!(keysmith::cli::docs::description(page).is_some(), "{page} has no description of its own");
        for section in [".SH DESCRIPTION", ".SH \"EXIT STATUS\"", ".SH ENVIRONMENT", ".SH FILES", ".SH \"SEE ALSO\""] {
            assert!(text.contains(section), "{page} lacks {section}");
        }
        for var in &vars {
            assert!(text.contains(var), "{page}: ENVIRONMENT lacks {var}");
        }
        // The command as typed (`keysmith agent rotate-children`): words, not the page's name.
        let synopsis = text.split(".SH SYNOPSIS\n").nth(1).unwrap().lines().next().unwrap();
        let typed = synopsis.strip_prefix("\\fB").and_then(|s| s.split("\\fR").next()).unwrap_or_default().replace("\\-", "-");
        assert!(typed.starts_with("keysmith") && !typed.starts_with("keysmith-") && typed.replace(' ', "-") == *page, "{page}: {synopsis}");
        // Every page named NAME(1) ships.
        for (i, _) in text.match_indices("(1)") {
            let start = text[..i].rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '\\')).map_or(0, |s| s + 1);
            let named = text[start..i].replace("\\-", "-");
            assert!(pages.iter().any(|(p, _)| *p == named), "{page} refers to {named}(1), which does not ship");
            refs += 1;
        }
        for (_, example) in keysmith::cli::docs::examples(page) {
            let Some(args) = example.strip_prefix("keysmith ").filter(|_| !example.contains('|') && !example.contains("$(")) else { continue };
            let words = split(args.split(" > ").next().unwrap());
            let parsed = <keysmith::cli::args::Cli as clap::Parser>::try_parse_from(std::iter::once("keysmith".to_string()).chain(words));
            assert!(parsed.is_ok(), "{page}: the example `{example}` does not parse: {}", parsed.unwrap_err());
        }
    }
    assert!(refs > pages.len(), "cross-references were checked ({refs})");
}

/// Words of a shell command line: whitespace-separated, single quotes group.
fn split(line: &str) -> Vec<String> {
    let (mut words, mut word, mut quoted) = (Vec::new(), String::new(), false);
    for c in line.chars() {
        match c {
            '\'' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}
