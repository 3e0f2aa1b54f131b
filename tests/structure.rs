//! Where code lives: data flows one way (data files → dataset → rules →
//! answer → wasm → page), and so must the imports. These tests read the
//! source and fail on an import that flows back — between the top-level
//! modules of `src/`, and between the files of each folder — and on files
//! and functions grown past what one reading holds.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const MAX_FILE_LINES: usize = 500;
const MAX_FN_LINES: usize = 120;
const MAX_WWW_LINES: usize = 300;

/// Every `.rs` file under `dir`, as (path relative to `dir`, text).
fn rust_files(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(next) = stack.pop() {
        for entry in std::fs::read_dir(&next).expect("readable folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(dir).expect("inside").to_string_lossy();
                let text = std::fs::read_to_string(&path).expect("readable file");
                out.push((rel.replace('\\', "/"), text));
            }
        }
    }
    out.sort();
    out
}

/// The code of a file without comments, string literals and its unit
/// tests (whose `super::` means the file itself, not its folder).
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(end) => &text[..end],
        None => text,
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let peek = |j: usize| chars.get(j).copied().unwrap_or('\0');
    while i < chars.len() {
        if chars[i] == '/' && peek(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if chars[i] == '/' && peek(i + 1) == '*' {
            while i < chars.len() && !(chars[i] == '*' && peek(i + 1) == '/') {
                i += 1;
            }
            i += 2;
        } else if chars[i] == 'r'
            && (peek(i + 1) == '"' || (peek(i + 1) == '#' && peek(i + 2) == '"'))
        {
            // A raw string: r"…" or r#"…"#.
            let hashes = if peek(i + 1) == '#' { 1 } else { 0 };
            i += 2 + hashes;
            let close: Vec<char> = std::iter::once('"')
                .chain((0..hashes).map(|_| '#'))
                .collect();
            while i < chars.len() && !chars[i..].starts_with(&close) {
                i += 1;
            }
            i += close.len();
            out.push_str("\"\"");
        } else if chars[i] == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if chars[i] == '\'' && peek(i + 2) == '\'' {
            i += 3; // a char literal: 'a'
        } else if chars[i] == '\'' && peek(i + 1) == '\\' {
            i += 2; // an escaped char literal: '\n', '\''
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i += 1;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// The first name of each path after `anchor::` in `code`, including each
/// item of a `anchor::{a, b::c}` group: `crate::{dataset::X, rules}` gives
/// `dataset` and `rules`.
fn paths_after(code: &str, anchor: &str) -> Vec<String> {
    let mut names = Vec::new();
    let pattern = format!("{anchor}::");
    let mut from = 0;
    while let Some(at) = code[from..].find(&pattern) {
        let start = from + at;
        from = start + pattern.len();
        let before = code[..start].chars().next_back().unwrap_or(' ');
        if before.is_alphanumeric() || before == '_' || before == ':' {
            continue; // `self::super::`, `my_crate::`, or `a::crate::`
        }
        let rest = code[from..].trim_start();
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item = String::new();
            let mut items = Vec::new();
            for ch in group.chars() {
                match ch {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => items.push(std::mem::take(&mut item)),
                    _ if depth == 0 => item.push(ch),
                    _ => {}
                }
            }
            items.push(item);
            names.extend(
                items
                    .iter()
                    .map(|i| first_name(i))
                    .filter(|n| !n.is_empty()),
            );
        } else {
            names.push(first_name(rest));
        }
    }
    names
}

fn first_name(text: &str) -> String {
    text.trim()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// A cycle in a graph of named nodes, if any, as the path that closes it.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_string());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

/// The library's files (not the command line, which only consumes it).
fn library() -> Vec<(String, String)> {
    rust_files(&Path::new(ROOT).join("src"))
        .into_iter()
        .filter(|(path, _)| path != "lib.rs" && !path.starts_with("bin/"))
        .collect()
}

/// `dataset/law.rs` → `dataset`; `answer.rs` → `answer`.
fn top_level(path: &str) -> String {
    let first = path.split('/').next().unwrap_or(path);
    first.trim_end_matches(".rs").to_string()
}

/// Which top-level module each top-level module imports.
fn top_level_graph(files: &[(String, String)]) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeSet<String> = files.iter().map(|(p, _)| top_level(p)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in files {
        let from = top_level(path);
        let edges = graph.entry(from.clone()).or_default();
        for name in paths_after(&code(text), "crate") {
            if modules.contains(&name) && name != from {
                edges.insert(name);
            }
        }
    }
    graph
}

/// Which files of one folder import which: `mod` is the folder's `mod.rs`.
/// A file that names something through the folder itself (`super::Law`,
/// `crate::dataset::Law`) imports `mod`, which imports every file it
/// re-exports — so the files of a folder import each other by name.
fn folder_graph(folder: &str, files: &[(String, String)]) -> BTreeMap<String, BTreeSet<String>> {
    let prefix = format!("{folder}/");
    let inside: Vec<(String, &String)> = files
        .iter()
        .filter_map(|(path, text)| {
            let name = path.strip_prefix(&prefix)?.strip_suffix(".rs")?;
            (!name.contains('/')).then(|| (name.to_string(), text))
        })
        .collect();
    let siblings: BTreeSet<&str> = inside.iter().map(|(n, _)| n.as_str()).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, text) in &inside {
        let code = code(text);
        let mut targets: Vec<String> = Vec::new();
        if name == "mod" {
            // The folder's root reaches its files by their own names.
            targets.extend(paths_after(&code, "self"));
            for sibling in &siblings {
                if code.contains(&format!("{sibling}::")) {
                    targets.push(sibling.to_string());
                }
            }
        } else {
            targets.extend(paths_after(&code, "super"));
            // `crate::folder::x` names a sibling; `crate::folder::Item` the root.
            targets.extend(paths_after(&code, &format!("crate::{folder}")));
        }
        let edges = graph.entry(name.clone()).or_default();
        for target in targets {
            let node = if siblings.contains(target.as_str()) {
                target
            } else {
                "mod".to_string()
            };
            if &node != name {
                edges.insert(node);
            }
        }
    }
    graph
}

#[test]
fn top_level_modules_import_in_one_direction() {
    let files = library();
    let graph = top_level_graph(&files);
    assert!(graph.contains_key("dataset") && graph.contains_key("rules"));
    if let Some(found) = cycle(&graph) {
        panic!("import cycle between modules: {}", found.join(" → "));
    }
    // `prelude` stands in for the standard library's (the page's engine has
    // no `std`): a leaf, importing nothing of the crate.
    assert_eq!(
        graph["prelude"],
        BTreeSet::new(),
        "prelude imports {:?}",
        graph["prelude"]
    );
    // The dataset is the bottom layer: it imports nothing else of the crate.
    let prelude = BTreeSet::from(["prelude".to_string()]);
    assert!(
        graph["dataset"].is_subset(&prelude),
        "dataset imports {:?}",
        graph["dataset"]
    );
    // The core knows nothing about the browser.
    for (module, edges) in &graph {
        assert!(!edges.contains("wasm"), "{module} imports the wasm binding");
    }
}

#[test]
fn files_within_each_folder_import_in_one_direction() {
    let files = library();
    let folders: BTreeSet<String> = files
        .iter()
        .filter_map(|(path, _)| path.split_once('/').map(|(folder, _)| folder.to_string()))
        .collect();
    assert!(folders.contains("rules") && folders.contains("dataset"));
    for folder in folders {
        let graph = folder_graph(&folder, &files);
        if let Some(found) = cycle(&graph) {
            panic!("import cycle in src/{folder}/: {}", found.join(" → "));
        }
    }
}

#[test]
fn the_cycle_check_sees_the_imports_that_matter() {
    // The checker itself, on small sources: a check that cannot fail would
    // let every cycle through.
    let files = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect()
    };
    let flat = files(&[
        ("answer.rs", "use crate::{dataset::Level, rules};"),
        ("dataset/mod.rs", "pub mod law;\npub use law::Law;"),
        (
            "rules/mod.rs",
            "use crate::answer::Answer; // crate::wasm in a comment\n",
        ),
    ]);
    let graph = top_level_graph(&flat);
    assert_eq!(
        cycle(&graph),
        Some(vec!["answer".into(), "rules".into(), "answer".into()])
    );
    let folder = files(&[
        ("dataset/mod.rs", "mod law;\nmod root;\npub use law::Law;"),
        ("dataset/law.rs", "use super::Dataset;"),
        (
            "dataset/root.rs",
            "use super::law::Law; const S: &str = \"super::x\";",
        ),
    ]);
    let graph = folder_graph("dataset", &folder);
    assert_eq!(graph["root"], BTreeSet::from(["law".to_string()]));
    assert!(cycle(&graph).is_some(), "law → mod → law");
    let tests_only = "fn a() {}\n#[cfg(test)]\nmod tests {\n    use super::*;\n}\n";
    assert!(paths_after(&code(tests_only), "super").is_empty());
}

#[test]
fn build_rs_includes_only_the_dataset_and_the_compiler() {
    let build = std::fs::read_to_string(Path::new(ROOT).join("build.rs")).expect("build.rs");
    let included: Vec<&str> = build
        .lines()
        .filter_map(|line| line.trim().strip_prefix("#[path = \"")?.strip_suffix("\"]"))
        .collect();
    assert!(
        !included.is_empty(),
        "build.rs compiles data/ with the library's own code"
    );
    for path in included {
        assert!(
            path.starts_with("src/dataset/")
                || path.starts_with("src/compile/")
                || path == "src/prelude.rs",
            "build.rs includes {path}: only src/dataset/, src/compile/ and the prelude \
             may be, so a wrong-way import from them stops the build"
        );
    }
}

/// Functions longer than the limit, as "file:line name (n lines)".
fn long_functions(path: &str, text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let words: Vec<&str> = trimmed.split_whitespace().collect();
        let Some(at) = words.iter().position(|w| *w == "fn") else {
            continue;
        };
        let qualifiers = [
            "pub",
            "pub(crate)",
            "pub(super)",
            "const",
            "async",
            "unsafe",
        ];
        if !words[..at].iter().all(|w| qualifiers.contains(w)) {
            continue;
        }
        // A declaration without a body, or a body on one line: nothing to measure.
        let Some(opens) = lines[start..]
            .iter()
            .position(|l| l.trim_end().ends_with('{') || l.trim_end().ends_with(';'))
        else {
            continue;
        };
        if lines[start + opens].trim_end().ends_with(';') {
            continue;
        }
        let close = format!("{indent}}}");
        let Some(end) = lines[start..]
            .iter()
            .position(|l| *l == close)
            .map(|offset| start + offset)
        else {
            continue;
        };
        let length = end - start + 1;
        if length > MAX_FN_LINES {
            let name = words
                .get(at + 1)
                .map_or("", |w| w.split(['(', '<']).next().unwrap_or(w));
            found.push(format!("{path}:{} {name} ({length} lines)", start + 1));
        }
    }
    found
}

#[test]
fn no_file_or_function_grows_past_one_reading() {
    let mut too_long = Vec::new();
    for folder in ["src", "tests"] {
        for (path, text) in rust_files(&Path::new(ROOT).join(folder)) {
            let path = format!("{folder}/{path}");
            let lines = text.lines().count();
            // Tests are long lists of cases; only the source is held to the file limit.
            if folder == "src" && lines > MAX_FILE_LINES {
                too_long.push(format!("{path} ({lines} lines; at most {MAX_FILE_LINES})"));
            }
            if folder == "src" {
                too_long.extend(long_functions(&path, &text));
            }
        }
    }
    assert!(
        too_long.is_empty(),
        "split these by job (functions at most {MAX_FN_LINES} lines):\n  {}",
        too_long.join("\n  ")
    );
}

#[test]
fn the_function_length_check_measures_functions() {
    let body: String = (0..130).map(|i| format!("    let x{i} = {i};\n")).collect();
    let text = format!("pub fn long() {{\n{body}}}\n\nfn short() {{\n    1;\n}}\n");
    let found = long_functions("x.rs", &text);
    assert_eq!(found, ["x.rs:1 long (132 lines)"]);
}

#[test]
fn no_web_file_grows_past_one_reading() {
    let mut stack = vec![PathBuf::from(ROOT).join("www")];
    let mut too_long = Vec::new();
    let mut seen = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("www/").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue; // an image
            };
            seen += 1;
            let lines = text.lines().count();
            if lines > MAX_WWW_LINES {
                too_long.push(format!("{} ({lines} lines)", path.display()));
            }
        }
    }
    assert!(seen > 5, "www/ was read");
    assert!(
        too_long.is_empty(),
        "split these (at most {MAX_WWW_LINES} lines):\n  {}",
        too_long.join("\n  ")
    );
}

#[test]
fn every_test_file_is_part_of_the_one_test_binary() {
    let tests = Path::new(ROOT).join("tests");
    let main = std::fs::read_to_string(tests.join("tests.rs")).expect("tests/tests.rs");
    for entry in std::fs::read_dir(&tests).expect("tests/").flatten() {
        let path = entry.path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let is_module = path.extension().is_some_and(|e| e == "rs")
            || (path.is_dir() && path.join("mod.rs").exists());
        if is_module && stem != "tests" {
            assert!(
                main.contains(&format!("mod {stem};")),
                "tests/{stem} is not declared in tests/tests.rs, so it never runs"
            );
        }
    }
}
