//! Personal pronouns that can stand for a speaker, with their gender and number.

/// Personal pronouns that can be speakers, with their gender: Some(true) female,
/// Some(false) male, None for others.
pub fn pronoun(word: &str) -> Option<Pronoun> {
    Some(match word.to_ascii_lowercase().as_str() {
        "he" | "him" | "his" => Pronoun::Male,
        "she" | "her" | "hers" => Pronoun::Female,
        "they" | "them" | "their" => Pronoun::Plural,
        "it" | "its" => Pronoun::Neuter,
        "i" | "we" | "you" | "me" | "us" | "my" | "our" => Pronoun::Local,
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pronoun {
    Male,
    Female,
    Plural,
    Neuter,
    /// First and second person: the speaker is whoever is speaking, not resolvable here.
    Local,
}
