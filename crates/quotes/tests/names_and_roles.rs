//! Roles nobody in the article was introduced with:
//! who a quote goes to (issue 14). Sentences written for these tests.

mod common;
use common::*;

/// "The justice said" when the article never calls anyone a justice: the person the role
/// fits who is nearest as a subject, not the person the article names most.
#[test]
fn a_role_nobody_was_introduced_with_goes_to_the_nearest_fitting_subject() {
    let text = "Dan Voss called the ruling a disgrace on Monday. Voss said he would appeal, \
                and Voss's lawyers filed papers by noon. Voss has led the company for ten \
                years.\n\n\
                Ruth Gale, who wrote the ruling, met reporters on Tuesday. Gale defended the \
                decision at length.\n\n\
                “The law is plain, and I applied it as it is written,” the justice said.";
    assert_eq!(speaker_in(text, "The law is plain"), "Ruth Gale");
}

/// A person with a role of another class is never the one the role goes to.
#[test]
fn a_role_never_goes_to_a_person_with_a_role_of_another_class() {
    let text = "Senator Dan Voss met Ruth Gale on Monday. Gale has run the mill in Halden for \
                ten years.\n\n\
                Voss spoke first. “We owe the workers an answer,” the senator said.\n\n\
                Gale listened. “The numbers will not change,” the executive said.";
    assert_eq!(speaker_in(text, "We owe the workers"), "Dan Voss");
    assert_ne!(speaker_in(text, "The numbers will not"), "Dan Voss");
}
