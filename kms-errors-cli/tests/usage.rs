//! The tool's option lists agree. Each command's usage text (`src/usage/COMMAND.txt`: what
//! `kms-errors COMMAND --help` prints and what the crate docs include) names every option
//! the command's parser takes and no other; the README's section on the command shows the
//! usage's synopsis and names each of its options, and no option any command lacks.

use std::collections::BTreeSet;

/// Each command: its name, its usage text and the source of its argument parser.
const COMMANDS: [(&str, &str, &str); 4] = [
    (
        "import",
        include_str!("../src/usage/import.txt"),
        include_str!("../src/import.rs"),
    ),
    (
        "diff",
        include_str!("../src/usage/diff.txt"),
        include_str!("../src/diff/command.rs"),
    ),
    (
        "check",
        include_str!("../src/usage/check.txt"),
        include_str!("../src/check.rs"),
    ),
    (
        "explain",
        include_str!("../src/usage/explain.txt"),
        include_str!("../src/explain.rs"),
    ),
];

/// `kms-errors --help`.
const TOOL: &str = include_str!("../src/usage/kms-errors.txt");
const README: &str = include_str!("../README.md");

/// The options `text` names: `--name` and `-x` (a letter), each once; not `--` alone.
fn options(text: &str) -> BTreeSet<String> {
    let bytes = text.as_bytes();
    let mut found = BTreeSet::new();
    for (i, _) in text.match_indices('-') {
        let starts = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'-');
        if !starts {
            continue;
        }
        let rest = &text[i + 1..];
        let (dashes, name) = match rest.strip_prefix('-') {
            Some(long) => ("--", long),
            None => ("-", rest),
        };
        let len = name
            .find(|c: char| !(c.is_ascii_lowercase() || c == '-'))
            .unwrap_or(name.len());
        let name = name[..len].trim_end_matches('-');
        // A short option is one letter (`-o`, `-h`), not a word with a dash (`non-empty`).
        let is_option = match dashes {
            "--" => !name.is_empty(),
            _ => name.len() == 1 && !rest[1..].starts_with(|c: char| c.is_ascii_alphanumeric()),
        };
        if is_option {
            found.insert(format!("{dashes}{name}"));
        }
    }
    found
}

/// The options the parser in `source` matches: `Long("name")` and `Short('x')`.
fn parsed(source: &str) -> BTreeSet<String> {
    let long = source
        .split("Long(\"")
        .skip(1)
        .map(|s| format!("--{}", &s[..s.find('"').expect("a closing quote")]));
    let short = source
        .split("Short('")
        .skip(1)
        .map(|s| format!("-{}", &s[..s.find('\'').expect("a closing quote")]));
    long.chain(short).collect()
}

/// The synopsis of a usage text (its lines before the first blank one, without `usage:`),
/// as words: line breaks and alignment do not count.
fn synopsis(usage: &str) -> Vec<&str> {
    let head = usage.split("\n\n").next().expect("a synopsis");
    head.split_whitespace().filter(|w| *w != "usage:").collect()
}

/// The README's section on `command`: from its `## `command`` heading to the next heading of
/// that level.
fn section(command: &str) -> &'static str {
    let heading = format!("\n## `{command}`");
    let start = README
        .find(&heading)
        .unwrap_or_else(|| panic!("README.md has no section `{heading}`"));
    let rest = &README[start + 1..];
    &rest[..rest[1..].find("\n## ").map_or(rest.len(), |end| end + 1)]
}

/// `text` without its code spans of cargo commands (`cargo test ... -- --nocapture`): their
/// options are cargo's.
fn without_cargo(text: &str) -> String {
    let mut kept = String::new();
    for (i, piece) in text.split('`').enumerate() {
        // Odd pieces are inside code spans.
        if i % 2 == 0 || !piece.starts_with("cargo ") {
            kept.push_str(piece);
        }
        kept.push('`');
    }
    kept
}

/// The first ```text block of `text`.
fn first_text_block(text: &str) -> &str {
    let start = text.find("```text\n").expect("a ```text block") + "```text\n".len();
    let len = text[start..].find("```").expect("the block's end");
    &text[start..start + len]
}

#[test]
fn usage_names_the_options_the_parser_takes() {
    for (command, usage, source) in COMMANDS {
        assert_eq!(
            options(usage),
            parsed(source),
            "`{command}`: its usage text and parser"
        );
    }
}

#[test]
fn readme_shows_each_usage() {
    let all: BTreeSet<String> = COMMANDS.iter().flat_map(|c| options(c.1)).collect();
    for (command, usage, _) in COMMANDS {
        let section = section(command);
        assert_eq!(
            synopsis(first_text_block(section)),
            synopsis(usage),
            "README.md's synopsis of `{command}` and its usage text"
        );
        let named = options(&without_cargo(section));
        for option in options(usage) {
            assert!(
                named.contains(&option) || option == "-h" || option == "--help",
                "README.md's section on `{command}` does not name `{option}`"
            );
        }
        for option in &named {
            assert!(
                all.contains(option),
                "README.md's `{command}` names `{option}`, no command's option"
            );
        }
    }
}

#[test]
fn the_tool_lists_every_command() {
    let all: BTreeSet<String> = COMMANDS.iter().flat_map(|c| options(c.1)).collect();
    for (command, usage, _) in COMMANDS {
        assert!(
            TOOL.contains(&format!("\n  {command} ")),
            "`kms-errors --help` lacks `{command}`"
        );
        assert!(
            usage.starts_with(&format!("usage: kms-errors {command} ")),
            "{usage}"
        );
    }
    assert!(options(TOOL).is_subset(&all), "{:?}", options(TOOL));
}

#[test]
fn options_are_read_as_written() {
    let text = "-o, --output FILE (`--output=FILE`, `-oFILE`), --kinds-from; non-empty, `-`, --";
    let found: Vec<String> = options(text).into_iter().collect();
    assert_eq!(found, ["--kinds-from", "--output", "-o"]);
}
