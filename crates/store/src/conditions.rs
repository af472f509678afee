//! The WHERE clause of a listing, built from a filter's fields, and its paging clause.

use rusqlite::types::Value;

/// Conditions on a query's rows, joined by AND, with the values of their parameters in order.
#[derive(Default)]
pub(crate) struct Conditions {
    conds: Vec<String>,
    args: Vec<Value>,
}

impl Conditions {
    /// Adds `cond`, whose one `?` is the parameter that takes `value` (numbered in order:
    /// `?1`, `?2`, …).
    pub(crate) fn bind(&mut self, cond: &str, value: impl Into<Value>) {
        self.args.push(value.into());
        self.conds
            .push(cond.replacen('?', &format!("?{}", self.args.len()), 1));
    }

    /// Adds `cond`, which takes no parameter.
    pub(crate) fn push(&mut self, cond: String) {
        self.conds.push(cond);
    }

    /// Appends ` WHERE` and the conditions to `sql` (nothing when there are none).
    pub(crate) fn append_to(&self, sql: &mut String) {
        if !self.conds.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&self.conds.join(" AND "));
        }
    }

    /// The parameters' values, in order.
    pub(crate) fn into_args(self) -> Vec<Value> {
        self.args
    }
}

/// ` ORDER BY order LIMIT limit OFFSET offset`, with a limit of one row at least.
pub(crate) fn page_clause(order: &str, limit: usize, offset: usize) -> String {
    format!(" ORDER BY {order} LIMIT {} OFFSET {offset}", limit.max(1))
}
