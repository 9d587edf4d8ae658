//! RST grid tables: finding them in a document and cutting them into cells.
//!
//! A table starts at a top border (`+----+----+`, any indentation) that is directly followed by a
//! `|` row at the same indentation, and ends at its last border before a line that is blank or
//! does not start with `+` or `|`. Every line of the table must start at the border's column.
//! Columns are the display columns of the border's `+`; every `|` row and every border inside
//! the table must have its separators exactly there, so cells spanning columns or rows are
//! rejected. As in docutils, tabs expand to the next multiple of 8 and East Asian wide
//! characters take two columns.

use std::fmt;

/// A problem at a line of the input (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diag {
    pub line: usize,
    pub message: String,
}

impl Diag {
    pub fn new(line: usize, message: impl Into<String>) -> Diag {
        Diag {
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.line, self.message)
    }
}

/// One row of cells: the text of each column, lines joined with one space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Input line of the row's first text line.
    pub line: usize,
    pub cells: Vec<String>,
}

/// A grid table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Input line of the top border.
    pub line: usize,
    /// The rows above the `+===+` separator merged into one (each column's texts joined with a
    /// space); `None` when the table has no header separator.
    pub header: Option<Row>,
    pub body: Vec<Row>,
}

/// A line as display columns: `None` is the second column of a wide character.
type Cols = Vec<Option<char>>;

const TAB_WIDTH: usize = 8;

fn columns(line: &str) -> Cols {
    let mut cols = Vec::with_capacity(line.len());
    for c in line.chars() {
        if c == '\t' {
            cols.push(Some(' '));
            while cols.len() % TAB_WIDTH != 0 {
                cols.push(Some(' '));
            }
        } else {
            cols.push(Some(c));
            if is_wide(c) {
                cols.push(None);
            }
        }
    }
    cols
}

/// East Asian Wide and Fullwidth characters (Unicode 14, unassigned code points between them
/// included), which docutils counts as two columns.
fn is_wide(c: char) -> bool {
    const WIDE: &[(u32, u32)] = &[
        (0x1100, 0x115F),
        (0x231A, 0x231B),
        (0x2329, 0x232A),
        (0x23E9, 0x23EC),
        (0x23F0, 0x23F0),
        (0x23F3, 0x23F3),
        (0x25FD, 0x25FE),
        (0x2614, 0x2615),
        (0x2648, 0x2653),
        (0x267F, 0x267F),
        (0x2693, 0x2693),
        (0x26A1, 0x26A1),
        (0x26AA, 0x26AB),
        (0x26BD, 0x26BE),
        (0x26C4, 0x26C5),
        (0x26CE, 0x26CE),
        (0x26D4, 0x26D4),
        (0x26EA, 0x26EA),
        (0x26F2, 0x26F3),
        (0x26F5, 0x26F5),
        (0x26FA, 0x26FA),
        (0x26FD, 0x26FD),
        (0x2705, 0x2705),
        (0x270A, 0x270B),
        (0x2728, 0x2728),
        (0x274C, 0x274C),
        (0x274E, 0x274E),
        (0x2753, 0x2755),
        (0x2757, 0x2757),
        (0x2795, 0x2797),
        (0x27B0, 0x27B0),
        (0x27BF, 0x27BF),
        (0x2B1B, 0x2B1C),
        (0x2B50, 0x2B50),
        (0x2B55, 0x2B55),
        (0x2E80, 0x303E),
        (0x3041, 0x3247),
        (0x3250, 0x4DBF),
        (0x4E00, 0xA4C6),
        (0xA960, 0xA97C),
        (0xAC00, 0xD7A3),
        (0xF900, 0xFAD9),
        (0xFE10, 0xFE19),
        (0xFE30, 0xFE6B),
        (0xFF01, 0xFF60),
        (0xFFE0, 0xFFE6),
        (0x16FE0, 0x1B2FB),
        (0x1F004, 0x1F004),
        (0x1F0CF, 0x1F0CF),
        (0x1F18E, 0x1F18E),
        (0x1F191, 0x1F19A),
        (0x1F200, 0x1F320),
        (0x1F32D, 0x1F335),
        (0x1F337, 0x1F37C),
        (0x1F37E, 0x1F393),
        (0x1F3A0, 0x1F3CA),
        (0x1F3CF, 0x1F3D3),
        (0x1F3E0, 0x1F3F0),
        (0x1F3F4, 0x1F3F4),
        (0x1F3F8, 0x1F43E),
        (0x1F440, 0x1F440),
        (0x1F442, 0x1F4FC),
        (0x1F4FF, 0x1F53D),
        (0x1F54B, 0x1F54E),
        (0x1F550, 0x1F567),
        (0x1F57A, 0x1F57A),
        (0x1F595, 0x1F596),
        (0x1F5A4, 0x1F5A4),
        (0x1F5FB, 0x1F64F),
        (0x1F680, 0x1F6C5),
        (0x1F6CC, 0x1F6CC),
        (0x1F6D0, 0x1F6D2),
        (0x1F6D5, 0x1F6DF),
        (0x1F6EB, 0x1F6EC),
        (0x1F6F4, 0x1F6FC),
        (0x1F7E0, 0x1F7F0),
        (0x1F90C, 0x1F93A),
        (0x1F93C, 0x1F945),
        (0x1F947, 0x1F9FF),
        (0x1FA70, 0x1FAF6),
        (0x20000, 0x3FFFD),
    ];
    let c = u32::from(c);
    if c < WIDE[0].0 {
        return false;
    }
    // The last range starting at or before `c`.
    let i = WIDE.partition_point(|&(start, _)| start <= c);
    i > 0 && c <= WIDE[i - 1].1
}

fn is_space(c: Option<char>) -> bool {
    matches!(c, Some(c) if c.is_whitespace())
}

/// Leading white space, in columns.
fn indent(cols: &[Option<char>]) -> usize {
    cols.iter().take_while(|&&c| is_space(c)).count()
}

/// True when only white space follows column `from`.
fn blank_from(cols: &[Option<char>], from: usize) -> bool {
    cols.get(from..)
        .is_none_or(|rest| rest.iter().all(|&c| is_space(c)))
}

/// The columns of the `+` of a top border (`+---+--+`, nothing but white space after it), or
/// `None` when the line is not one.
fn top_border(cols: &[Option<char>]) -> Option<Vec<usize>> {
    let start = indent(cols);
    if cols.get(start) != Some(&Some('+')) {
        return None;
    }
    let mut bounds = vec![start];
    let mut i = start + 1;
    loop {
        let dashes = cols
            .get(i..)?
            .iter()
            .take_while(|&&c| c == Some('-'))
            .count();
        if dashes == 0 || cols.get(i + dashes) != Some(&Some('+')) {
            return None;
        }
        i += dashes;
        bounds.push(i);
        i += 1;
        if cols.get(i) != Some(&Some('-')) {
            break;
        }
    }
    blank_from(cols, i).then_some(bounds)
}

/// 1-based display column, for messages.
fn col1(col: usize) -> usize {
    col + 1
}

/// What a `+` line inside a table separates.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Border {
    Row,
    Header,
}

/// Checks a `+` line against the table's columns.
fn border(
    cols: &[Option<char>],
    bounds: &[usize],
    line: usize,
    top: usize,
) -> Result<Border, Diag> {
    let spanning = || {
        Diag::new(
            line,
            format!(
                "this border does not match the table's top border (line {top}): cells spanning \
                 rows or columns are not supported"
            ),
        )
    };
    let first = bounds.first().copied().unwrap_or(0);
    let last = bounds.last().copied().unwrap_or(0);
    let fill = match cols.get(first + 1) {
        Some(Some('=')) => '=',
        _ => '-',
    };
    for (k, &b) in bounds.iter().enumerate() {
        if cols.get(b) != Some(&Some('+')) {
            return Err(spanning());
        }
        if let Some(&next) = bounds.get(k + 1) {
            let segment = cols.get(b + 1..next).unwrap_or(&[]);
            if segment.len() + 1 != next - b || segment.iter().any(|&c| c != Some(fill)) {
                return Err(spanning());
            }
        }
    }
    if !blank_from(cols, last + 1) {
        return Err(Diag::new(
            line,
            format!(
                "text after the table's right border (column {}; top border at line {top})",
                col1(last)
            ),
        ));
    }
    Ok(if fill == '=' {
        Border::Header
    } else {
        Border::Row
    })
}

/// Checks a `|` line against the table's columns.
fn row_line(cols: &[Option<char>], bounds: &[usize], line: usize, top: usize) -> Result<(), Diag> {
    for &b in bounds {
        if cols.get(b) != Some(&Some('|')) {
            let found = match cols.get(b) {
                None => "the line ends".to_string(),
                Some(None) => "a wide character".to_string(),
                Some(Some(c)) => format!("`{}`", c.escape_debug()),
            };
            return Err(Diag::new(
                line,
                format!(
                    "cell separators do not line up with the `+` of the top border (line {top}): \
                     expected `|` at column {}, found {found}; cells spanning columns are not \
                     supported",
                    col1(b)
                ),
            ));
        }
    }
    let last = bounds.last().copied().unwrap_or(0);
    if !blank_from(cols, last + 1) {
        return Err(Diag::new(
            line,
            format!(
                "text after the table's right border (column {}; top border at line {top})",
                col1(last)
            ),
        ));
    }
    Ok(())
}

/// The text of column `k` of a row: each line's part trimmed, blank lines dropped, joined
/// with one space.
fn cell(lines: &[Cols], bounds: &[usize], k: usize) -> String {
    let (from, to) = match (bounds.get(k), bounds.get(k + 1)) {
        (Some(&from), Some(&to)) => (from + 1, to),
        _ => return String::new(),
    };
    let mut text = String::new();
    for cols in lines {
        let part: String = cols.get(from..to).unwrap_or(&[]).iter().flatten().collect();
        let part = part.trim();
        if !part.is_empty() {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(part);
        }
    }
    text
}

/// Every grid table of `text`, in order.
pub fn tables(text: &str) -> Result<Vec<Table>, Diag> {
    let lines: Vec<&str> = text.lines().collect();
    let mut tables = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let cols = columns(lines[i]);
        let Some(bounds) = top_border(&cols) else {
            i += 1;
            continue;
        };
        // A border line not followed by a row is not a table (e.g. a decoration).
        let next = lines.get(i + 1).map(|l| columns(l));
        let starts_row = next
            .as_ref()
            .is_some_and(|n| n.get(bounds[0]) == Some(&Some('|')) && indent(n) == bounds[0]);
        if !starts_row {
            i += 1;
            continue;
        }
        let (table, end) = table(&lines, i, &bounds)?;
        tables.push(table);
        i = end;
    }
    Ok(tables)
}

/// Parses the table whose top border is `lines[start]`; returns it and the index of the first
/// line after it.
fn table(lines: &[&str], start: usize, bounds: &[usize]) -> Result<(Table, usize), Diag> {
    let top = start + 1;
    let indent_col = bounds.first().copied().unwrap_or(0);
    let mut rows: Vec<(usize, Vec<Cols>)> = Vec::new();
    let mut current: Vec<Cols> = Vec::new();
    let mut current_line = 0;
    let mut header_rows: Option<(usize, usize)> = None; // (rows above, line of the separator)
    let mut i = start + 1;
    loop {
        let line = i + 1;
        let cols = lines.get(i).map(|l| columns(l)).unwrap_or_default();
        let at = indent(&cols);
        let first = cols.get(at).copied().flatten();
        if !matches!(first, Some('+') | Some('|')) {
            // Blank line, other text or the end of the input: the table ends here.
            if !current.is_empty() {
                // The line where a border was expected, or the last line at the end of input.
                let at_line = if i < lines.len() { line } else { lines.len() };
                return Err(Diag::new(
                    at_line,
                    format!("the table starting at line {top} is not closed by a border line"),
                ));
            }
            break;
        }
        if at != indent_col {
            return Err(Diag::new(
                line,
                format!(
                    "table line starts at column {}, but the table's top border (line {top}) \
                     starts at column {}",
                    col1(at),
                    col1(indent_col)
                ),
            ));
        }
        if first == Some('|') {
            row_line(&cols, bounds, line, top)?;
            if current.is_empty() {
                current_line = line;
            }
            current.push(cols);
        } else {
            let kind = border(&cols, bounds, line, top)?;
            if current.is_empty() {
                return Err(Diag::new(
                    line,
                    "a border directly after another border: a row needs at least one `|` line",
                ));
            }
            rows.push((current_line, std::mem::take(&mut current)));
            if kind == Border::Header {
                if let Some((_, first_sep)) = header_rows {
                    return Err(Diag::new(
                        line,
                        format!(
                            "a second header separator (`+===+`); the first is at line {first_sep}"
                        ),
                    ));
                }
                header_rows = Some((rows.len(), line));
            }
        }
        i += 1;
    }
    let ncols = bounds.len().saturating_sub(1);
    let to_row = |(line, lines): &(usize, Vec<Cols>)| Row {
        line: *line,
        cells: (0..ncols).map(|k| cell(lines, bounds, k)).collect(),
    };
    let (header, body) = match header_rows {
        Some((n, _)) => {
            let head = &rows[..n];
            let merged = Row {
                line: head.first().map_or(top, |r| r.0),
                cells: (0..ncols)
                    .map(|k| {
                        let texts: Vec<String> = head
                            .iter()
                            .map(|(_, ls)| cell(ls, bounds, k))
                            .filter(|t| !t.is_empty())
                            .collect();
                        texts.join(" ")
                    })
                    .collect(),
            };
            (Some(merged), rows[n..].iter().map(to_row).collect())
        }
        None => (None, rows.iter().map(to_row).collect()),
    };
    Ok((
        Table {
            line: top,
            header,
            body,
        },
        i,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Table {
        let mut t = tables(text).unwrap();
        assert_eq!(t.len(), 1, "{t:?}");
        t.remove(0)
    }

    fn err(text: &str) -> Diag {
        tables(text).unwrap_err()
    }

    fn cells(row: &Row) -> Vec<&str> {
        row.cells.iter().map(String::as_str).collect()
    }

    const SIMPLE: &str = "\
+-----+------+
| A   | B    |
+=====+======+
| 1   | x    |
+-----+------+
| 2   | y    |
+-----+------+
";

    #[test]
    fn simple_table() {
        let t = one(SIMPLE);
        assert_eq!(t.line, 1);
        let h = t.header.as_ref().unwrap();
        assert_eq!((h.line, cells(h)), (2, vec!["A", "B"]));
        assert_eq!(t.body.len(), 2);
        assert_eq!((t.body[0].line, cells(&t.body[0])), (4, vec!["1", "x"]));
        assert_eq!((t.body[1].line, cells(&t.body[1])), (6, vec!["2", "y"]));
    }

    #[test]
    fn multi_line_cells_are_joined_and_blank_lines_dropped() {
        let t = one("\
+-----+--------------+
| A   | B            |
+=====+==============+
| 1   |   first      |
|     |              |
|     | second  line |
+-----+--------------+
|     |              |
+-----+--------------+
");
        assert_eq!(cells(&t.body[0]), vec!["1", "first second  line"]);
        assert_eq!(cells(&t.body[1]), vec!["", ""]);
    }

    #[test]
    fn indented_table_after_other_text() {
        let t = one("\
:original_name: x.html

.. _label:

Title
=====

.. table:: **Table 1** Codes

   +----+----+
   | A  | B  |
   +====+====+
   | 1  | 2  |
   +----+----+

After.
");
        assert_eq!(t.line, 10);
        assert_eq!(cells(t.header.as_ref().unwrap()), vec!["A", "B"]);
        assert_eq!(cells(&t.body[0]), vec!["1", "2"]);
    }

    #[test]
    fn multi_line_header_and_several_header_rows() {
        let t = one("\
+--------+------+
| HTTP   | Code |
| Status |      |
+--------+------+
| Code   |      |
+========+======+
| 400    | X.1  |
+--------+------+
");
        let h = t.header.unwrap();
        assert_eq!((h.line, cells(&h)), (2, vec!["HTTP Status Code", "Code"]));
        assert_eq!(cells(&t.body[0]), vec!["400", "X.1"]);
    }

    #[test]
    fn table_without_header_separator() {
        let t = one("+---+\n| a |\n+---+\n");
        assert_eq!(t.header, None);
        assert_eq!(cells(&t.body[0]), vec!["a"]);
    }

    #[test]
    fn several_tables() {
        let text = format!("{SIMPLE}\ntext\n\n  {}\n", SIMPLE.replace('\n', "\n  "));
        let t = tables(&text).unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!((t[0].line, t[1].line), (1, 11));
        assert_eq!(cells(&t[1].body[1]), vec!["2", "y"]);
    }

    #[test]
    fn no_table() {
        assert_eq!(tables("").unwrap(), vec![]);
        assert_eq!(tables("Title\n=====\n\ntext | more\n").unwrap(), vec![]);
        // A border-like decoration that no row follows is not a table.
        assert_eq!(tables("+----+\n\n+----+\ntext\n").unwrap(), vec![]);
    }

    #[test]
    fn markup_and_pipes_inside_cells_are_kept() {
        let t = one(r"+---------------+-------------------+
| A             | B                 |
+===============+===================+
| **bold** a|b  | :ref:`x <y>` \*   |
+---------------+-------------------+
");
        assert_eq!(cells(&t.body[0]), vec!["**bold** a|b", r":ref:`x <y>` \*"]);
    }

    #[test]
    fn misaligned_separator_names_the_line() {
        let d = err("\
+-----+------+
| A   | B    |
+=====+======+
| 1    | x   |
+-----+------+
");
        assert_eq!(d.line, 4);
        assert!(d.message.contains("do not line up"), "{d}");
        assert!(d.message.contains("column 7"), "{d}");
        assert!(d.message.contains("line 1"), "{d}");
    }

    #[test]
    fn short_and_long_rows() {
        let d = err("+---+---+\n| a | b |\n| a | b\n+---+---+\n");
        assert_eq!(d.line, 3);
        assert!(d.message.contains("found the line ends"), "{d}");
        let d = err("+---+---+\n| a | b |  |\n+---+---+\n");
        assert_eq!(d.line, 2);
        assert!(d.message.contains("right border"), "{d}");
    }

    #[test]
    fn spanning_cells_are_rejected() {
        // Column span: the middle separator is missing from a row.
        let d = err("+---+---+\n| A | B |\n+===+===+\n| wide  |\n+---+---+\n");
        assert_eq!(d.line, 4);
        assert!(d.message.contains("spanning columns"), "{d}");
        // Row span: a partial border.
        let d = err("\
+---+---+
| A | B |
+===+===+
| 1 | x |
+---+   +
| 2 |   |
+---+---+
");
        assert_eq!(d.line, 5);
        assert!(d.message.contains("spanning rows"), "{d}");
        // A border whose `+` moved.
        let d = err("+---+---+\n| A | B |\n+----+--+\n");
        assert_eq!(d.line, 3);
    }

    #[test]
    fn structural_errors() {
        let d = err("+---+\n| a |\n");
        assert_eq!(d.line, 2);
        assert!(d.message.contains("not closed"), "{d}");
        let d = err("+---+\n| a |\ntext\n");
        assert_eq!(d.line, 3);
        let d = err("+---+\n| a |\n+===+\n| b |\n+===+\n");
        assert_eq!(d.line, 5);
        assert!(d.message.contains("second header separator"), "{d}");
        let d = err("+---+\n| a |\n+---+\n+---+\n");
        assert_eq!(d.line, 4);
        let d = err("  +---+\n  | a |\n   | b |\n  +---+\n");
        assert_eq!(d.line, 3);
        assert!(d.message.contains("column 4"), "{d}");
    }

    #[test]
    fn tabs_crlf_and_trailing_space() {
        let t =
            one("\t+---+---+  \r\n\t| a | b |\t\r\n\t+===+===+\r\n\t| 1 | 2 | \r\n\t+---+---+\r\n");
        assert_eq!(cells(&t.body[0]), vec!["1", "2"]);
    }

    #[test]
    fn wide_characters_take_two_columns() {
        assert!(is_wide('码') && is_wide('Ａ') && is_wide('가') && is_wide('\u{20000}'));
        assert!(!is_wide('a') && !is_wide('é') && !is_wide('\u{10FFFF}') && !is_wide('\0'));
        let t = one("\
+------+--------+
| 状态 | 错误码 |
+======+========+
| 400  | é 码   |
+------+--------+
");
        assert_eq!(cells(t.header.as_ref().unwrap()), vec!["状态", "错误码"]);
        assert_eq!(cells(&t.body[0]), vec!["400", "é 码"]);
        // A wide character straddling a separator column.
        let d = err("+----+---+\n| 状态状| |\n+----+---+\n");
        assert!(d.message.contains("wide character"), "{d}");
    }

    /// Mutations of a table (every character deleted or replaced by a table character, every
    /// line break removed) never panic.
    #[test]
    fn never_panics() {
        let base = "x\n  +---+--+\n  | a | b|\n  +===+==+\n  | 1 | 2|\n  |   |  |\n  +---+--+\n";
        let chars: Vec<char> = base.chars().collect();
        for i in 0..chars.len() {
            let mut v = chars.clone();
            v.remove(i);
            let _ = tables(&v.iter().collect::<String>());
            for r in ['+', '|', '-', '=', ' ', '\t', '\n', '码', '\r'] {
                let mut v = chars.clone();
                v[i] = r;
                let _ = tables(&v.iter().collect::<String>());
                v.insert(i, r);
                let _ = tables(&v.iter().collect::<String>());
            }
        }
        for cut in 0..base.len() {
            let _ = tables(&base[..cut]);
        }
    }
}
