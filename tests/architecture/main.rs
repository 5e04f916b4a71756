//! The layers of `src/` (see the README's "Project layout"): a module imports
//! only from layers below its own, and surfaces never import each other.
//! Every `crate::…` path in every file is read; the imports the redesign has
//! not removed yet are listed below with why, so the list can only shrink.

use std::collections::BTreeSet;
use std::path::Path;

/// Layer of each top-level module of the crate.
const LAYERS: [(&str, u8); 24] = [
    ("urls", 0),
    ("markup", 0),
    ("static_files", 0),
    ("dataset", 1),
    ("http", 2),
    ("metrics", 2),
    ("telemetry", 2),
    ("chrome", 2),
    ("pages", 3),
    ("api", 3),
    ("embed", 3),
    ("assets", 3),
    ("websocket", 3),
    ("lab", 3),
    ("mcp", 3),
    ("site", 4),
    ("startup", 4),
    ("configuration", 4),
    ("export", 4),
    ("cli", 4),
    ("lib", 4),
    ("main", 4),
    // Not modules of their own, but named in paths.
    ("closecodes", 4),
    ("self", 4),
];

/// The layer of the surfaces, which never import each other.
const SURFACES: u8 = 3;

/// Imports that break the rule today, each with what removes it.
const NOT_YET: [(&str, &str, &str); 2] = [
    (
        "dataset",
        "http",
        "UI strings name each problem type's text",
    ),
    (
        "pages",
        "websocket",
        "Try it asks how /ws/echo ends for a code",
    ),
];

fn layer(module: &str) -> Option<u8> {
    LAYERS
        .iter()
        .find(|(name, _)| *name == module)
        .map(|(_, layer)| *layer)
}

/// The top-level module a file belongs to: `src/pages/mod.rs` → `pages`.
fn module_of(path: &Path, src: &Path) -> String {
    let relative = path.strip_prefix(src).unwrap();
    let first = relative.components().next().unwrap().as_os_str();
    first.to_str().unwrap().trim_end_matches(".rs").to_owned()
}

fn rust_files(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, files);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
}

/// Every top-level module a file names with `crate::…`, outside comments.
fn imports(text: &str) -> BTreeSet<String> {
    let mut named = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        for (at, _) in code.match_indices("crate::") {
            let rest = &code[at + "crate::".len()..];
            let module: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !module.is_empty()
                && !code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_')
            {
                named.insert(module);
            }
        }
    }
    named
}

#[test]
fn every_import_goes_down_the_layers_and_no_surface_imports_another() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut broken = Vec::new();
    let mut still_needed = BTreeSet::new();
    for file in &files {
        let from = module_of(file, &src);
        let from_layer = layer(&from).unwrap_or_else(|| panic!("{from} has no layer in LAYERS"));
        for to in imports(&std::fs::read_to_string(file).unwrap()) {
            if to == from {
                continue;
            }
            let to_layer = layer(&to).unwrap_or_else(|| panic!("{to} has no layer in LAYERS"));
            // Plumbing and composition may share a layer; surfaces may not.
            let allowed = to_layer < from_layer || to_layer == from_layer && from_layer != SURFACES;
            if allowed {
                continue;
            }
            if NOT_YET.iter().any(|(a, b, _)| *a == from && *b == to) {
                still_needed.insert((from.clone(), to.clone()));
                continue;
            }
            broken.push(format!(
                "{}: {from} (layer {from_layer}) imports {to} (layer {to_layer})",
                file.strip_prefix(&src).unwrap().display()
            ));
        }
    }
    assert!(
        broken.is_empty(),
        "imports against the layers:\n{}",
        broken.join("\n")
    );
    // An exception no file needs any more comes off the list.
    let stale: Vec<String> = NOT_YET
        .iter()
        .filter(|(a, b, _)| !still_needed.contains(&((*a).to_owned(), (*b).to_owned())))
        .map(|(a, b, why)| format!("{a} -> {b} ({why})"))
        .collect();
    assert!(
        stale.is_empty(),
        "no longer needed, remove from NOT_YET:\n{}",
        stale.join("\n")
    );
}

#[test]
fn the_reader_of_imports_sees_paths_not_words() {
    let text = "use crate::dataset::Dataset;\nlet x = crate::urls::lookup_url(1); // crate::site\nnotcrate::api";
    let named: Vec<String> = imports(text).into_iter().collect();
    assert_eq!(named, ["dataset", "urls"]);
}
