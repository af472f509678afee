//! Surname particles stay in a person's name: "Monica de Bolle", not "Monica Bolle"; and a
//! later "De Bolle" is the same person.

mod common;
use common::assert_speakers;

#[test]
fn particles_between_name_words_are_kept() {
    let trade = "Trade talks\n\nTariffs will hurt exporters, said Monica de Bolle, a senior fellow at the Lakeside Institute.\n\n\"We expect a hard winter,\" said Ludwig van der Berg, the chief economist at Nordbank.\n\n\"The damage is done,\" De Bolle said.";
    assert_speakers(&[
        (trade, "hurt exporters", "Monica de Bolle", ""),
        (trade, "hard winter", "Ludwig van der Berg", ""),
        (trade, "damage is done", "Monica de Bolle", ""),
    ]);
}
