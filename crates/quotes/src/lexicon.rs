//! Word lists the attribution rules rest on: reporting verbs, pronouns, titles, roles,
//! organisation words and first names (for gender agreement of pronouns). One file per kind
//! of word.
//!
//! Lists are lower-case and sorted where they are searched with `binary_search`.

mod names;
mod orgs;
mod places;
mod pronouns;
mod roles;
mod stopwords;
mod verbs;

pub use names::{first_name_gender, is_female_name, is_first_name};
pub use orgs::is_org_word;
pub use places::{has_place_head, is_place, place_prefix};
pub use pronouns::{pronoun, Pronoun};
pub use roles::{is_title, role_class, DETERMINERS};
pub use stopwords::is_capitalised_stopword;
pub use verbs::{inflect, reporting_verb, VerbInfo};
