//! The layers are crates, and each crate's manifest names only the crates
//! below it: a module that reaches up a layer does not compile, because the
//! crate it would name is not a dependency. This test holds the manifests
//! to that order, so that the compiler goes on holding the code to it.

use std::collections::BTreeSet;
use std::path::Path;

/// Lowest first, with the crates each may depend on. The front end and
/// the binary stand on the core's façade alone (the binary also names the
/// front ends, which it starts).
const LAYERS: &[(&str, &str, &[&str])] = &[
    ("cliffhanger-model", "crates/model", &[]),
    ("cliffhanger-store", "crates/store", &["cliffhanger-model"]),
    (
        "cliffhanger-core",
        "crates/core",
        &["cliffhanger-model", "cliffhanger-store"],
    ),
    (
        "cliffhanger-discord",
        "crates/discord",
        &["cliffhanger-core"],
    ),
    ("cliffhanger-web", "crates/web", &["cliffhanger-core"]),
    (
        "cliffhanger",
        ".",
        &["cliffhanger-core", "cliffhanger-discord", "cliffhanger-web"],
    ),
];

/// The workspace's own crates a manifest's `[dependencies]` names.
fn own_dependencies(dir: &str) -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(dir)
        .join("Cargo.toml");
    let manifest: toml::Table = std::fs::read_to_string(&path).unwrap().parse().unwrap();
    manifest
        .get("dependencies")
        .and_then(|d| d.as_table())
        .map(|deps| {
            deps.keys()
                .filter(|name| name.starts_with("cliffhanger"))
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn each_crate_depends_only_on_the_layers_below_it() {
    for (name, dir, allowed) in LAYERS {
        let used = own_dependencies(dir);
        let allowed: BTreeSet<String> = allowed.iter().map(|s| s.to_string()).collect();
        let extra: Vec<_> = used.difference(&allowed).collect();
        assert!(
            extra.is_empty(),
            "{name} depends on {extra:?}, which it may not: the layers go down only"
        );
    }
}

#[test]
fn every_crate_of_the_workspace_has_its_layer() {
    let root: toml::Table =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
            .unwrap()
            .parse()
            .unwrap();
    let members: BTreeSet<String> = root["workspace"]["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap().to_string())
        .collect();
    let layered: BTreeSet<String> = LAYERS
        .iter()
        .filter(|(_, dir, _)| *dir != ".")
        .map(|(_, dir, _)| dir.to_string())
        .collect();
    assert_eq!(members, layered);
}
