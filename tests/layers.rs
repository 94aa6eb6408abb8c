//! The core's modules stand in layers: each imports only from the layers
//! below it, so no two modules import each other and a change low down
//! (the model, the store) never needs one high up (a front end).
//!
//! Read from the sources: every `crate::name` a module's code names (its
//! tests aside) is an edge from that module to `name`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Lowest first. A module may use modules of its own layer only where no
/// cycle results; any module of a lower layer freely.
const LAYERS: &[&[&str]] = &[
    &["model", "text"],
    &["spoiler", "i18n", "reply", "error", "config"],
    &["catalog"],
    &["store"],
    &["facts", "index", "quiz", "import", "guide"],
    &["cache", "request", "render", "schema"],
    &["services"],
    &["trivia"],
    &["app"],
    &["console", "discord", "bench"],
];

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// What a file's code (not its tests, not its comments) names as
/// `crate::module`.
fn uses(text: &str) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    let mut found = BTreeSet::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            let tail = &rest[at + "crate::".len()..];
            let name: String = tail
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.insert(name);
            }
            rest = tail;
        }
    }
    found
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in all {
        let module = module_of(&src, &file);
        if module == "main" || module == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let entry = edges.entry(module.clone()).or_default();
        for used in uses(&text) {
            if used != module {
                entry.insert(used);
            }
        }
    }
    edges
}

fn layer_of(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|layer| layer.contains(&module))
        .unwrap_or_else(|| panic!("module `{module}` has no layer in tests/layers.rs"))
}

#[test]
fn every_module_imports_only_from_below_or_beside() {
    let mut wrong = Vec::new();
    for (module, used) in graph() {
        for other in used {
            if layer_of(&other) > layer_of(&module) {
                wrong.push(format!("{module} -> {other}"));
            }
        }
    }
    assert!(wrong.is_empty(), "imports that go up: {wrong:?}");
}

#[test]
fn no_two_modules_import_each_other() {
    let edges = graph();
    // Depth-first search for a cycle, reporting its path.
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for node in edges.keys() {
        if let Some(cycle) = visit(node, &edges, &mut Vec::new(), &mut done) {
            panic!("modules that import each other: {}", cycle.join(" -> "));
        }
    }
}

#[test]
fn the_parser_and_the_model_stand_on_their_own() {
    let edges = graph();
    let catalog = &edges["catalog"];
    for forbidden in [
        "quiz", "store", "index", "import", "services", "trivia", "app",
    ] {
        assert!(
            !catalog.contains(forbidden),
            "the seed parser imports {forbidden}"
        );
    }
    let model: Vec<_> = edges["model"].iter().filter(|m| *m != "text").collect();
    assert!(model.is_empty(), "the model imports {model:?}");
}

#[test]
fn the_reader_sees_every_crate_path() {
    // The reader this test relies on, on a line of each kind it meets.
    let text = "use crate::model::{A, B};\nlet x = crate::store::games::f(crate::text::fold(y));\n// crate::app in a comment\n#[cfg(test)]\nuse crate::bench;";
    let found: Vec<_> = uses(text).into_iter().collect();
    assert_eq!(found, ["model", "store", "text"]);
}
