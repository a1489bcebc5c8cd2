//! The message catalogue: every message in every language, with the same placeholders, and
//! every message the code and templates ask for present.

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Catalogue = BTreeMap<String, BTreeSet<String>>;

fn locales() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n/locales")
}

/// Each language's messages (and attributes, as `id.attr`) with the placeholders they use.
fn catalogues() -> BTreeMap<String, Catalogue> {
    let mut all = BTreeMap::new();
    for dir in std::fs::read_dir(locales()).unwrap().flatten() {
        let lang = dir.file_name().to_string_lossy().to_string();
        let mut messages = Catalogue::new();
        for file in std::fs::read_dir(dir.path()).unwrap().flatten() {
            let text = std::fs::read_to_string(file.path()).unwrap();
            let resource = fluent_syntax::parser::parse(text.as_str())
                .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", file.path().display()));
            for entry in resource.body {
                if let Entry::Message(m) = entry {
                    let id = m.id.name.to_string();
                    if let Some(value) = &m.value {
                        let fresh = messages.insert(id.clone(), placeholders(value)).is_none();
                        assert!(fresh, "{lang}: {id} is defined twice");
                    }
                    for a in &m.attributes {
                        messages.insert(format!("{id}.{}", a.id.name), placeholders(&a.value));
                    }
                }
            }
        }
        all.insert(lang, messages);
    }
    all
}

fn placeholders(pattern: &Pattern<&str>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_vars(expression, &mut out);
        }
    }
    out
}

fn expression_vars(expression: &Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        Expression::Inline(inline) => inline_vars(inline, out),
        Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for v in variants {
                out.extend(placeholders(&v.value));
            }
        }
    }
}

fn inline_vars(inline: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, out);
            }
        }
        InlineExpression::Placeable { expression } => expression_vars(expression, out),
        _ => {}
    }
}

#[test]
fn every_message_is_in_every_language_with_the_same_placeholders() {
    let all = catalogues();
    let english = &all["en"];
    assert!(
        all.len() >= 2,
        "English and German at least: {:?}",
        all.keys()
    );
    let mut problems = Vec::new();
    for (lang, messages) in &all {
        for (id, vars) in english {
            // A language's formats pick which parts they show (the symbol € or the code EUR).
            let format = id.starts_with("format-");
            match messages.get(id) {
                None => problems.push(format!("{lang}: {id} is missing")),
                Some(v) if v != vars && !format => {
                    problems.push(format!("{lang}: {id} uses {v:?}, English uses {vars:?}"))
                }
                Some(_) => {}
            }
        }
        for id in messages.keys().filter(|id| !english.contains_key(*id)) {
            problems.push(format!("{lang}: {id} is not in English"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The ids in `t("…")`, `t1("…"`, `t2("…"`, `Msg::new("…")` of every template and source file.
fn asked_for() -> BTreeSet<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut stack = vec![root.join("src"), root.join("templates")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p
                .extension()
                .is_some_and(|x| x == "rs" || x == "html" || x == "txt")
            {
                files.push(p);
            }
        }
    }
    let mut out = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for opener in ["t(\"", "t1(\"", "t2(\"", "Msg::new(\""] {
            for (at, _) in text.match_indices(opener) {
                // `t(` must be a call of its own, not the end of another name.
                let before = text[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let rest = &text[at + opener.len()..];
                let id: String = rest.chars().take_while(|c| *c != '"').collect();
                if id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
                    && !id.is_empty()
                {
                    out.insert((id, file.display().to_string()));
                }
            }
        }
    }
    out
}

#[test]
fn every_message_the_code_asks_for_exists() {
    let english = &catalogues()["en"];
    let missing: Vec<String> = asked_for()
        .into_iter()
        .filter(|(id, _)| !english.contains_key(id))
        .map(|(id, file)| format!("{id} (asked for in {file})"))
        .collect();
    assert!(
        missing.is_empty(),
        "not in the catalogue:\n{}",
        missing.join("\n")
    );
}

/// Literals of the Rust source that look like message ids of a family the catalogue has but are
/// something else: a path segment and a document's name.
const NOT_MESSAGES: [&str; 2] = ["customer-groups", "portal-ship-to"];

/// Message ids travel in constants, tuples and arguments too (`f.required(…, "…-missing", …)`,
/// a tab's title): every string literal of the source shaped like an id of one of the
/// catalogue's families (`customer-parts-…`, `admin-…`) must be in the catalogue.
#[test]
fn every_id_shaped_literal_of_the_source_is_a_message() {
    let english = &catalogues()["en"];
    let families: BTreeSet<&str> = english
        .keys()
        .map(|id| id.split('-').next().unwrap())
        .collect();
    let mut missing = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            if p.extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            // Every stretch between two quotes that is all a-z, 0-9 and inner dashes: such a
            // stretch is a literal (code between literals has spaces or other marks).
            for literal in text.split('"') {
                let shaped = literal.contains('-')
                    && literal.split('-').all(|w| {
                        !w.is_empty()
                            && w.chars()
                                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                    });
                let family = literal.split('-').next().unwrap();
                if shaped
                    && families.contains(family)
                    && !english.contains_key(literal)
                    && !NOT_MESSAGES.contains(&literal)
                {
                    missing.push(format!("{literal} ({})", p.display()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not in the catalogue:\n{}",
        missing.join("\n")
    );
}
