//! `kms-errors diff OLD NEW`: what changed between two versions of a catalog for the users of
//! the types `kms_errors!` generates from it, and the semver verdict that follows (its usage
//! text, `usage/diff.txt`, and the README describe the command; these modules' docs say how
//! it compares).
//!
//! One module a job, each with its tests:
//!
//! * [`model`]: the catalogs as compared ([`Side`](model::Side): codes, rows and the encoded
//!   tables the runtime reads), and the comparison ([`compare`](model::compare)): what is
//!   compared;
//! * [`decisions`]: what a client decides about an error received with a status, as the
//!   runtime decides it;
//! * [`report`]: the changes and their impact, the verdict and its reasons, for people and as
//!   one JSON document;
//! * [`command`]: the arguments, the inputs (a catalog or a page) and the exit status.

mod command;
mod decisions;
mod model;
mod report;

pub use command::main;

/// Catalogs and reports for the tests of every module.
#[cfg(test)]
mod fixtures {
    use super::model::{compare, Side};
    use super::report::{Impact, Report};

    const HEADER: &str = "status,code,message,description,measure,kind,url,alias\n";

    pub(super) fn side(name: &str, rows: &str) -> Side {
        Side::parse(name, &format!("{HEADER}{rows}")).unwrap_or_else(|e| panic!("{e:?}"))
    }

    pub(super) fn diff(old: &str, new: &str) -> Report {
        compare(&side("old.csv", old), &side("new.csv", new))
    }

    /// `(place, field, old, new, impact)` of each change, as shown.
    pub(super) fn changes(r: &Report) -> Vec<(String, &str, String, String, Impact)> {
        r.changed
            .iter()
            .map(|c| {
                (
                    c.place(),
                    c.field,
                    c.old.show(c.field),
                    c.new.show(c.field),
                    c.impact,
                )
            })
            .collect()
    }

    pub(super) fn change(
        place: &str,
        field: &'static str,
        old: &str,
        new: &str,
        impact: Impact,
    ) -> (String, &'static str, String, String, Impact) {
        (place.into(), field, old.into(), new.into(), impact)
    }

    pub(super) const BASE: &str =
        "400,A.1,Bad.,d,m,,,\n404,A.1,Gone.,d,m,,,\n400,B.2,Bad B.,d,m,,,\n";
}
