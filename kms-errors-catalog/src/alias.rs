//! The `alias` column's rules, checked once every file of a catalog is read: an alias must
//! name one code only.

use crate::ctxt::Ctxt;
use crate::fx::StrMap;
use crate::limits::MAX_CODES;
use crate::model::Alias;
use crate::naming::variant_name;
use crate::valid::Builder;
use std::borrow::Cow;
use std::mem::take;

impl<'a> Builder<'a> {
    /// Every alias must be a spelling of its code only: not the code itself, not another
    /// code or another code's alias, and not derive another code's variant name. A bad
    /// alias is reported at its cell, naming the other place, and dropped.
    pub(crate) fn check_aliases(&mut self, cx: &mut Ctxt) {
        let mut spellings: StrMap<'a, (usize, usize)> =
            StrMap::with_capacity(self.cat.codes.len() + 16);
        let mut total = self.cat.codes.len();
        for ci in 0..self.cat.codes.len() {
            let aliases = take(&mut self.cat.codes[ci].aliases);
            let mut kept = Vec::with_capacity(aliases.len());
            for a in aliases {
                let code = &self.cat.codes[ci];
                let here = |cx: &mut Ctxt, msg: std::fmt::Arguments| {
                    cx.error_in(a.file, a.line, a.col, format_args!("column `alias`: {msg}"));
                };
                let ident = variant_name(&a.text).ok();
                if a.text == code.code {
                    here(cx, format_args!("`{}` is the code itself", a.text));
                } else if let Some(other) = self.by_code.get(&a.text) {
                    here(
                        cx,
                        format_args!(
                            "`{}` (an alias of `{}`) is a code of its own, on {}; a spelling must name one code",
                            a.text,
                            code.code,
                            self.place(other, a.file)
                        ),
                    );
                } else if let Some((other, k)) = spellings.get(&a.text) {
                    let o = &self.cat.codes[other];
                    let first: &Alias = &o.aliases[k];
                    here(
                        cx,
                        format_args!(
                            "`{}` is an alias of `{}` and also of `{}`, on {}; a spelling must name one code",
                            a.text,
                            code.code,
                            o.code,
                            self.place_of(first.file, first.line, a.file)
                        ),
                    );
                } else if let Some(other) = ident
                    .as_deref()
                    .and_then(|id| self.by_ident.get(id))
                    .filter(|&o| o != ci)
                {
                    here(
                        cx,
                        format_args!(
                            "`{}` (an alias of `{}`) derives the variant name `{}` of `{}`, on {}; an alias must not read as another code",
                            a.text,
                            code.code,
                            self.cat.codes[other].ident,
                            self.cat.codes[other].code,
                            self.place(other, a.file)
                        ),
                    );
                } else if total == MAX_CODES {
                    here(
                        cx,
                        format_args!("more than {MAX_CODES} codes and aliases (the limit)"),
                    );
                } else {
                    total += 1;
                    spellings.insert(a.text.clone(), (ci, kept.len()));
                    kept.push(a);
                }
            }
            self.cat.codes[ci].aliases = kept;
        }
    }
}

/// The spellings in an `alias` cell: separated by `|`, surrounding white space removed,
/// empty ones ignored.
pub(crate) fn split_aliases(cell: Cow<'_, str>) -> Vec<Cow<'_, str>> {
    match cell {
        Cow::Borrowed(s) => s
            .split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(Cow::Borrowed)
            .collect(),
        Cow::Owned(s) => s
            .split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(|a| Cow::Owned(a.to_owned()))
            .collect(),
    }
}
