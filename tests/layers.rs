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
    &["model", "text", "clock", "kept", "postings", "texts"],
    &["spoiler", "i18n", "reply", "error", "config"],
    &["seeds"],
    &["store"],
    &["facts", "index", "quiz", "import", "guide"],
    &["cache", "card", "request", "render", "schema"],
    &["services"],
    &["trivia"],
    &["app", "invoke"],
    &["console", "discord", "web", "bench"],
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

/// A file's code without its tests: every item under `#[cfg(test)]` (a
/// test module, a test-only function or import) is left out, wherever it
/// stands in the file, and the code after it is kept.
fn without_tests(text: &str) -> String {
    let mut kept = String::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "#[cfg(test)]" {
            kept.push_str(line);
            kept.push('\n');
            continue;
        }
        // The item it marks: through its attributes, to the `;` that ends
        // it or the brace that closes its block.
        let mut depth = 0usize;
        let mut opened = false;
        for line in lines.by_ref() {
            let code = code_of(line);
            for c in code.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth = depth.saturating_sub(1),
                    _ => {}
                }
            }
            let attribute = line.trim_start().starts_with("#[");
            if !attribute && ((opened && depth == 0) || (!opened && code.trim_end().ends_with(';')))
            {
                break;
            }
        }
    }
    kept
}

/// A line with its comment, string and character literals blanked out, so
/// that braces and paths in them do not count.
fn code_of(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => in_string = false,
                _ => {}
            }
            out.push(' ');
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(' ');
            }
            '/' if chars.peek() == Some(&'/') => break,
            // A character literal such as '{' (a lifetime has no closing
            // quote two places on).
            '\'' => {
                let rest: String = chars.clone().take(3).collect();
                let len = if rest.starts_with('\\') { 3 } else { 2 };
                if rest.chars().nth(len - 1) == Some('\'') {
                    for _ in 0..len {
                        chars.next();
                    }
                    out.push_str("   ");
                } else {
                    out.push(c);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// What a file's code (not its tests, not its comments) names as
/// `crate::module`, or in a group such as `crate::{model::X, store}`.
fn uses(text: &str) -> BTreeSet<String> {
    named_after(text, "crate::")
}

/// The names a file's code (not its tests, not its comments) puts right
/// after `prefix` (`crate::`, `super::`, `crate::quiz::`), alone or in a
/// group.
fn named_after(text: &str, prefix: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let code: String = without_tests(text)
        .lines()
        .map(code_of)
        .collect::<Vec<_>>()
        .join("\n");
    let mut rest = code.as_str();
    while let Some(at) = rest.find(prefix) {
        // Not the tail of a longer path (`super::` in `super::super::`
        // counts once, at its last step).
        let tail = &rest[at + prefix.len()..];
        if tail.starts_with(prefix) {
            rest = tail;
            continue;
        }
        if let Some(group) = tail.strip_prefix('{') {
            // Top-level names of the group, up to its closing brace.
            let mut depth = 0usize;
            let mut start = 0;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        found.insert(ident(&group[start..i]));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.insert(ident(&group[start..i]));
                        start = i + 1;
                    }
                    _ => {}
                }
            }
        } else {
            found.insert(ident(tail));
        }
        rest = tail;
    }
    found.remove("");
    found
}

/// The folders whose files are the modules: each crate's `src`. The crates
/// re-export the modules below them under their old names, so `crate::text`
/// reads the same in every crate.
const ROOTS: &[&str] = &[
    "crates/model/src",
    "crates/store/src",
    "crates/core/src",
    "crates/discord/src",
    "crates/web/src",
    "src",
];

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut all = Vec::new();
    for root in ROOTS {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(root);
        let mut found = Vec::new();
        files(&src, &mut found);
        all.extend(found.into_iter().map(|file| (src.clone(), file)));
    }
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (src, file) in all {
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

/// Within each module that is a folder, which of its files' submodules
/// names which of its others (through `super::`, or its full path).
/// `mod.rs`, which declares them all, is left out.
fn submodule_graphs() -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let mut graphs = BTreeMap::new();
    let entries = ROOTS.iter().flat_map(|root| {
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(root)).unwrap()
    });
    for entry in entries {
        let dir = entry.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let module = dir.file_name().unwrap().to_string_lossy().to_string();
        let mut subs = Vec::new();
        for file in std::fs::read_dir(&dir).unwrap() {
            let path = file.unwrap().path();
            let name = path.file_stem().unwrap().to_string_lossy().to_string();
            if path.extension().is_some_and(|e| e == "rs") && name != "mod" {
                subs.push((name, path));
            }
        }
        let names: BTreeSet<String> = subs.iter().map(|(n, _)| n.clone()).collect();
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (name, path) in &subs {
            let text = std::fs::read_to_string(path).unwrap();
            let mut used = named_after(&text, "super::");
            used.extend(named_after(&text, &format!("crate::{module}::")));
            let entry = edges.entry(name.clone()).or_default();
            entry.extend(used.into_iter().filter(|u| u != name && names.contains(u)));
        }
        graphs.insert(module, edges);
    }
    graphs
}

/// A cycle in `edges`, as the path that closes it.
fn cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
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
    edges
        .keys()
        .find_map(|node| visit(node, edges, &mut Vec::new(), &mut done))
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
fn the_reader_sees_every_crate_path_outside_tests_and_comments() {
    let text = "use crate::{model::Episode, store};\n\
                #[cfg(test)]\n\
                mod tests {\n    use crate::discord;\n    fn f() { let _ = \"{\"; }\n}\n\
                #[cfg(test)]\n\
                use crate::console;\n\
                // crate::bench in a comment\n\
                fn later() { crate::quiz::run(\"crate::app\", '{'); }\n\
                let x = crate::spoiler::f(crate::text::fold(y));\n";
    let found: Vec<String> = uses(text).into_iter().collect();
    assert_eq!(found, ["model", "quiz", "spoiler", "store", "text"]);
    let siblings = named_after(
        "use super::{render::ranked, Trivia};\nlet x = super::super::store::f(super::list::g());\n",
        "super::",
    );
    assert_eq!(
        siblings.into_iter().collect::<Vec<_>>(),
        ["Trivia", "list", "render", "store"]
    );
}

#[test]
fn no_two_modules_import_each_other() {
    if let Some(cycle) = cycle(&graph()) {
        panic!("modules that import each other: {}", cycle.join(" -> "));
    }
}

#[test]
fn no_two_submodules_of_a_module_import_each_other() {
    let graphs = submodule_graphs();
    assert!(graphs["quiz"]["generate"].contains("score"), "{graphs:?}");
    for (module, edges) in &graphs {
        if let Some(cycle) = cycle(edges) {
            panic!(
                "in {module}, submodules that import each other: {}",
                cycle.join(" -> ")
            );
        }
    }
}

#[test]
fn the_parser_and_the_model_stand_on_their_own() {
    let edges = graph();
    let seeds = &edges["seeds"];
    for forbidden in [
        "quiz", "store", "index", "import", "services", "trivia", "app",
    ] {
        assert!(
            !seeds.contains(forbidden),
            "the seed parser imports {forbidden}"
        );
    }
    let model: Vec<_> = edges["model"].iter().filter(|m| *m != "text").collect();
    assert!(model.is_empty(), "the model imports {model:?}");
}
