//! The shape of `src/`: no import loop between its top-level modules (ARCHITECTURE.md, "data
//! flows one way").
//!
//! Reads every `crate::…` path in the non-test code of each top-level module (`src/x.rs` and
//! everything under `src/x/`), builds the graph "module → modules it names", and fails on any
//! loop, naming every module on it. Files inside one folder may use each other: they are parts of
//! one thing. Test code (`#[cfg(test)]` modules and the files they declare) is left out, since
//! tests may reach anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level module → the top-level modules its non-test code names.
type Graph = BTreeMap<String, BTreeSet<String>>;

#[test]
fn no_import_loop_between_top_level_modules() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = read_graph(&src);
    assert!(
        graph.len() > 20,
        "read only {} modules from {}",
        graph.len(),
        src.display()
    );
    let loops = loops(&graph);
    assert!(
        loops.is_empty(),
        "import loops between modules of src/ (ARCHITECTURE.md says data flows one way):\n{}",
        loops
            .iter()
            .map(|group| format!("  {}", edges_within(&graph, group).join(", ")))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The graph of `src/`: each file's module is the first part of its path below `src/`.
fn read_graph(src: &Path) -> Graph {
    let files: Vec<(String, String)> = walkdir::WalkDir::new(src)
        .into_iter()
        .map(|entry| entry.expect("src/ is readable"))
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| {
            let relative = e.path().strip_prefix(src).unwrap();
            let text = std::fs::read_to_string(e.path()).expect("a source file is UTF-8");
            (relative.to_string_lossy().replace('\\', "/"), text)
        })
        .collect();
    let test_files = test_files(&files);
    let mut graph = Graph::new();
    for (path, text) in &files {
        let module = top_module(path);
        if module == "lib" || module == "main" || test_files.contains(path) {
            continue;
        }
        let names = graph.entry(module.clone()).or_default();
        for named in crate_paths(non_test_code(text)) {
            if named != module {
                names.insert(named);
            }
        }
    }
    graph
}

/// `markdown.rs` and `markdown/ids.rs` belong to `markdown`.
fn top_module(path: &str) -> String {
    let first = path.split('/').next().unwrap();
    first.strip_suffix(".rs").unwrap_or(first).to_string()
}

/// The files that a `#[cfg(test)] mod name;` declares: `name.rs` or `name/mod.rs` next to the
/// declaring file (or in its folder, for `mod.rs` and `src/x.rs` with a `src/x/` folder).
fn test_files(files: &[(String, String)]) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (path, text) in files {
        let folder = match path.strip_suffix("mod.rs") {
            Some(folder) => folder.to_string(),
            None => format!("{}/", path.strip_suffix(".rs").unwrap()),
        };
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for pair in lines.windows(2) {
            if pair[0] != "#[cfg(test)]" {
                continue;
            }
            let declared = pair[1].strip_prefix("pub(crate) ").unwrap_or(pair[1]);
            if let Some(name) = declared
                .strip_prefix("mod ")
                .and_then(|rest| rest.strip_suffix(';'))
            {
                found.insert(format!("{folder}{name}.rs"));
                found.insert(format!("{folder}{name}/mod.rs"));
            }
        }
    }
    found
}

/// `text` without comments and without what follows an inline `#[cfg(test)] mod … {`.
fn non_test_code(text: &str) -> String {
    let mut code = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if trimmed == "#[cfg(test)]"
            && lines
                .peek()
                .is_some_and(|next| next.trim().starts_with("mod ") && next.trim().ends_with('{'))
        {
            break;
        }
        let without_comment = match line.find("//") {
            Some(at) if !inside_string(&line[..at]) => &line[..at],
            _ => line,
        };
        code.push_str(without_comment);
        code.push('\n');
    }
    code
}

/// Whether a `//` after `before` sits inside a string literal (an odd number of unescaped `"`).
fn inside_string(before: &str) -> bool {
    before.replace("\\\"", "").matches('"').count() % 2 == 1
}

/// The first segment of every `crate::` path in `code`, including each name of a
/// `crate::{a, b::c}` group.
fn crate_paths(code: String) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        let preceded_by_word = rest[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        rest = &rest[at + "crate::".len()..];
        if preceded_by_word {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            names.extend(group_heads(group));
        } else {
            names.insert(identifier(rest));
        }
    }
    names.remove("");
    names
}

/// The first identifier of each top-level item of a `{…}` group (text after its `{`).
fn group_heads(group: &str) -> Vec<String> {
    let mut heads = vec![identifier(group.trim_start())];
    let mut depth = 0;
    for (at, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => heads.push(identifier(group[at + 1..].trim_start())),
            _ => {}
        }
    }
    heads
}

fn identifier(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// Every loop of the graph, each once: the strongly connected groups of more than one module
/// (modules that reach each other through imports), each sorted by name.
fn loops(graph: &Graph) -> Vec<Vec<String>> {
    strongly_connected(graph)
        .into_iter()
        .filter(|group| group.len() > 1)
        .collect()
}

/// The imports between members of `group`, as `from → to`.
fn edges_within(graph: &Graph, group: &[String]) -> Vec<String> {
    let mut edges = Vec::new();
    for from in group {
        for to in &graph[from] {
            if group.contains(to) {
                edges.push(format!("{from} → {to}"));
            }
        }
    }
    edges
}

/// Tarjan's algorithm over the modules in name order; each group sorted by name.
fn strongly_connected(graph: &Graph) -> Vec<Vec<String>> {
    struct State<'g> {
        graph: &'g Graph,
        next: usize,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        groups: Vec<Vec<String>>,
    }
    fn visit<'g>(s: &mut State<'g>, node: &'g str) {
        s.index.insert(node, s.next);
        s.low.insert(node, s.next);
        s.next += 1;
        s.stack.push(node);
        s.on_stack.insert(node);
        for next in s.graph.get(node).into_iter().flatten() {
            let next = next.as_str();
            if !s.index.contains_key(next) {
                visit(s, next);
                let low = s.low[node].min(s.low[next]);
                s.low.insert(node, low);
            } else if s.on_stack.contains(next) {
                let low = s.low[node].min(s.index[next]);
                s.low.insert(node, low);
            }
        }
        if s.low[node] == s.index[node] {
            let mut group = Vec::new();
            loop {
                let member = s.stack.pop().unwrap();
                s.on_stack.remove(member);
                group.push(member.to_string());
                if member == node {
                    break;
                }
            }
            group.sort();
            s.groups.push(group);
        }
    }
    let mut state = State {
        graph,
        next: 0,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        groups: Vec::new(),
    };
    for node in graph.keys() {
        if !state.index.contains_key(node.as_str()) {
            visit(&mut state, node);
        }
    }
    state.groups
}

fn graph_of(edges: &[(&str, &str)]) -> Graph {
    let mut graph = Graph::new();
    for (from, to) in edges {
        graph
            .entry(from.to_string())
            .or_default()
            .insert(to.to_string());
        graph.entry(to.to_string()).or_default();
    }
    graph
}

#[test]
fn the_loop_finder_finds_loops_and_only_loops() {
    let chain = graph_of(&[("config", "load"), ("load", "model"), ("render", "model")]);
    assert!(loops(&chain).is_empty());
    let tangled = graph_of(&[
        ("load", "check"),
        ("check", "theme"),
        ("theme", "load"),
        ("markdown", "quiz"),
        ("quiz", "markdown"),
        ("render", "markdown"),
    ]);
    let found = loops(&tangled);
    assert_eq!(
        found,
        vec![vec!["check", "load", "theme"], vec!["markdown", "quiz"]]
    );
    assert_eq!(
        edges_within(&tangled, &found[0]),
        ["check → theme", "load → check", "theme → load"]
    );
}

#[test]
fn paths_are_read_from_use_lines_groups_and_inline_paths_but_not_comments() {
    let code = non_test_code(
        "//! Uses [`crate::render`] in a doc.\n\
         use crate::{diagnostic::Diagnostic, links::{LinkMap, Use}, model};\n\
         use crate::escape::html; // crate::quiz in a comment\n\
         fn f() { crate::fingerprint::fnv1a(b\"//\"); crate::x::y(); }\n\
         #[cfg(test)]\n\
         mod tests {\n\
             use crate::search;\n\
         }\n",
    );
    let names: Vec<String> = crate_paths(code).into_iter().collect();
    assert_eq!(
        names,
        ["diagnostic", "escape", "fingerprint", "links", "model", "x"]
    );
}

#[test]
fn files_declared_by_a_cfg_test_module_are_test_files() {
    let files = vec![
        (
            "markdown.rs".to_string(),
            "mod ids;\n#[cfg(test)]\npub(crate) mod tests;\n".to_string(),
        ),
        (
            "quiz/mod.rs".to_string(),
            "#[cfg(test)]\nmod properties;\n".to_string(),
        ),
    ];
    let found = test_files(&files);
    assert!(found.contains("markdown/tests.rs"));
    assert!(found.contains("quiz/properties.rs"));
    assert!(!found.contains("markdown/ids.rs"));
}
