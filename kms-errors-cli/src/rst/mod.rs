//! The inline markup of cells in RST (reStructuredText) API reference pages, rendered as
//! plain text ([`plain`]) when `import` writes a catalog: a catalog cell is text, kept byte
//! for byte by the macro, so a vendor's markup is converted here, once. Three rooms:
//! `chars` (the character data: docutils' punctuation classes and the byte tables),
//! `parse` (the recognition rules, a parser telling a renderer every construct) and
//! `plain` (the renderer).
//!
//! The recognition rules are docutils' (the RST reference implementation), so that text
//! that is not markup stays as written:
//!
//! * a start-string must be at the start of the text, or after white space or an opening
//!   or delimiting punctuation character (`"'(<[{-/:`, and the non-ASCII punctuation
//!   docutils counts as such), and be followed by a character that is not white space; an
//!   end-string must follow a character that is not white space and be at the end of the
//!   text, or before white space or a closing or delimiting punctuation character
//!   (`.,;!?-/:"')>]}`, `\`, and non-ASCII ones). So `2**10`, `a*b*c`, `x ** y ** z`,
//!   `snake_case` and `AES_128` stay as written;
//! * a start-string between a matching pair such as `"*"` or `(*)` is not one;
//! * markup does not nest: the text of `**...**` is taken literally (escapes resolved);
//! * a start-string without an end-string is text.
//!
//! What is recognised, and how each reads:
//!
//! | markup | [`plain`] |
//! |---|---|
//! | `\*`, `\_`, `\\`, any `\` + punctuation or other white space | the character |
//! | `\` + space or line break | nothing |
//! | `**strong**`, `*emphasis*` | the text |
//! | ``` ``literal`` ``` | the text, backslashes included |
//! | `` `text` `` (default role), `` :role:`text` ``, `` `text`:role: `` | the text (`code` and `math` keep their backslashes, as docutils does) |
//! | `` :ref:`Title <target>` `` (any other role with an explicit title) | `Title` |
//! | `` `text <https://e.example>`_ ``, also `__` | `text (https://e.example)` |
//! | `` `text <name_>`_ ``, `` `text`_ ``, `name_`, `name__` | the text, the name |
//! | `\|name\|`, `\|name\|_`, `` _`target` ``, `[1]_` | `name`, `target`, `[1]` |
//! | `.. note::`, `.. important::`, `.. caution::`, … | `Note:`, `Important:`, … |
//! | `.. ` + other text (a comment, a target) | the text |
//!
//! Roles: a leading `!` is dropped and `~a.b.c` reads `c`, as in Sphinx. A directive marker
//! (`.. name::`, where a cell was joined from the lines of a page) reads as its label: the
//! admonitions (`attention`, `caution`, `danger`, `error`, `hint`, `important`, `note`,
//! `tip`, `warning`) and `seealso` (`See also:`) by name, any other directive as its name
//! capitalised, then `:` (`.. code-block::` reads `Code-block:`). It is recognised at the
//! start of a cell or after white space, as a line of the page started there.
//!
//! Decisions where RST itself does not say what a cell should read:
//!
//! * `.. ` followed by text that is not a directive is, on a page, a comment (hidden) or
//!   other explicit markup (`.. _target:`, `.. [1]`, `.. |name| …`). In a cell joined from
//!   lines, where it ended is lost, so only its `.. ` marker is dropped: the text is kept,
//!   as hiding the rest of an error description would lose more than it tidies. `..` not
//!   followed by a space and text (an ellipsis, `..` at the end) stays as written.
//! * A backslash before a character that is not punctuation or white space (`\n`,
//!   `C:\temp`, `\é`) is kept as written: RST drops such a backslash, but in a cell it is
//!   far more often a literal backslash (a path, an escape sequence) than an RST escape,
//!   which nobody needs before a letter. It still stops the character after it from
//!   starting markup, as in RST. A trailing backslash is kept.
//! * A standalone URI (`scheme://` up to white space, `<`, `>`, `"` or a backquote) is read
//!   for escapes only: docutils would read `a_b_/` in `https://e.example/a_b_/c` as a
//!   reference and break the URL.
//! * Roles docutils does not know (Sphinx's `ref`, `doc`, `abbr`, …) read as their text,
//!   where docutils would show them as written, with an error.
//! * A simple reference name (`name_`) longer than 256 bytes is not recognised.
//!
//! Speed: a byte loop finds cells without a byte that can start markup (`\`, `*`, `` ` ``,
//! `|`, `_`, `..`), which [`plain`] returns borrowed; the rest are read in one pass over
//! their bytes, with each end-string search remembered so that no cell takes quadratic
//! time.

mod chars;
mod parse;
mod plain;

pub use plain::plain;

#[cfg(test)]
mod tests;
