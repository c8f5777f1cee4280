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
