//! Names written with a nickname inside, and roles nobody in the article was introduced with:
//! who a quote goes to (issue 14). Sentences written for these tests.

mod common;
use common::*;

/// A nickname in quotation marks between the first name and the surname is no part of the
/// name: the surname alone later goes to the full name, titles before it stay roles.
#[test]
fn a_quoted_nickname_is_not_part_of_the_name() {
    let text = "Former boxer Eddie “The Hammer” Kowalczyk opened a gym in Halden on Monday.\n\n\
                “We train kids for free, every evening, as long as they come to school,” \
                Kowalczyk said.";
    assert_eq!(speaker_in(text, "We train kids"), "Eddie Kowalczyk");
    let text = "Mayor Ruth \"Rusty\" Adeyemi signed the budget after a long night.\n\n\
                \"Nobody got everything they wanted, and that is how it should be,\" Adeyemi \
                said.";
    assert_eq!(speaker_in(text, "Nobody got everything"), "Ruth Adeyemi");
}

/// A middle initial may stand before the nickname, and the surname may be a word that is
/// also a first name; the article may later use the nickname with the surname: the same
/// person, by the name the article introduced.
#[test]
fn a_nickname_after_an_initial_and_before_a_first_name_like_surname() {
    let text = "At a picnic he has kept for years, Rep. Leon T. \"Buddy\" Grant welcomed \
                several hundred guests on Monday.\n\n\
                Another guest, Mary Hale, brought her children.\n\n\
                \"We will work for every family in this district,\" Buddy Grant said.\n\n\
                \"It was a lovely afternoon,\" Hale said.\n\n\
                \"Thank you all for coming,\" Grant said.";
    assert_eq!(speaker_in(text, "We will work"), "Leon T. Grant");
    assert_eq!(speaker_in(text, "Thank you all"), "Leon T. Grant");
    let text = "Coach Martin “Marty” Paul led the team to a third title on Sunday.\n\n\
                “These kids never stopped believing, not for one minute,” Paul said.";
    assert_eq!(speaker_in(text, "These kids"), "Martin Paul");
}

/// A quoted word after a name that is no nickname (a quotation that goes on, a lower-case
/// word) leaves the name as it was.
#[test]
fn a_quotation_after_a_first_name_is_no_nickname_when_it_reads_on() {
    let text = "Ruth Adeyemi called the plan “a good start” on Monday.\n\n\
                “We will see in the spring whether it works for the families,” Adeyemi said.";
    assert_eq!(speaker_in(text, "We will see"), "Ruth Adeyemi");
}

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

/// A first name alone that the sentence introduces as a person's ("a resident named Caroline",
/// "her father, Brad, 39,", "Okafor's wife, Jane,") is a person a pronoun can go to, of the
/// name's usual gender; not the famous person named before.
#[test]
fn a_first_name_introduced_as_a_person_is_a_speaker() {
    let text = "Senator Tom Okafor held a rally in Tarsk on Saturday.\n\n\
                The woman who shouted at the rally identified herself to reporters as a \
                52-year-old Tarsk resident named Caroline.\n\n\
                \"He truly cares about the people of this state,\" she said of Okafor.";
    assert_eq!(speaker_in(text, "truly cares"), "Caroline");
    let text = "Governor Ruth Adeyemi spoke in Halden on Monday.\n\n\
                Nearby, a girl held a sign. Her father, Brad, 39, worried about turnout. \
                \"People are tired,\" he said.";
    assert_eq!(speaker_in(text, "People are tired"), "Brad");
    let text = "Governor Ruth Adeyemi spoke in Halden on Monday.\n\n\
                Senator Tom Okafor arrived late. Okafor's wife, Jane, spoke before him. \
                \"He will not give up,\" she said.";
    // The family's surname completes her name (see below).
    assert_eq!(speaker_in(text, "will not give up"), "Jane Okafor");
}

/// A known first name that is not introduced as a person's stays as it was: "Jordan" after a
/// verb is no one introduced.
#[test]
fn a_first_name_after_other_words_is_not_introduced() {
    let text = "Governor Ruth Adeyemi visited Jordan on Monday.\n\n\
                \"The talks went well,\" she said.";
    assert_eq!(speaker_in(text, "talks went well"), "Ruth Adeyemi");
}

/// An honorific inside another person's description ("a spokesman for Mrs. Okafor") says
/// nothing of the one described: "Mr. Morrow" later is still Nick Morrow.
#[test]
fn an_honorific_in_an_appositive_is_another_persons() {
    let text = "Nick Morrow, a spokesman for Mrs. Okafor, said that the plan was ready.\n\n\
                \"We will not wait,\" Mr. Morrow said.";
    quote_by(text, "will not wait", "Nick Morrow");
}

/// A headline in title case names a person by a first name and the word after it, read from
/// the left: a surname that is also a first name stays the surname ("Julia Grant Slams …"
/// names Julia Grant, not "Grant Slams").
#[test]
fn a_headline_surname_that_is_also_a_first_name() {
    let text = "Julia Grant Slams Harbor Plan As Waste Of Money\n\n\
                The council met in Halden on Monday to vote on the harbor.\n\n\
                “I do not buy that this plan will pay for itself,” Grant said.";
    assert_eq!(speaker_in(text, "I do not buy"), "Julia Grant");
}

/// A first name introduced by a kin noun after a possessive ("his wife Michelle", "His wife,
/// Jane,") is that family's member: the canonical name takes the surname of the person the
/// possessive refers to. The surname alone still goes to the person the article names so.
#[test]
fn a_kin_first_name_takes_the_family_surname() {
    let text = "Both President Daniel Okafor and his wife Michelle are expected to visit the \
                state in the coming weeks.\n\n\
                \"We will be there for every voter,\" Michelle said on Monday.\n\n\
                Senator Paul Reyes spoke at the fair. His wife, Jane, joined him later.\n\n\
                \"It was a long day,\" Jane said.\n\n\
                \"We loved it,\" Okafor said.";
    assert_eq!(speaker_in(text, "We will be there"), "Michelle Okafor");
    assert_eq!(speaker_in(text, "It was a long day"), "Jane Reyes");
    assert_eq!(speaker_in(text, "We loved it"), "Daniel Okafor");
}
