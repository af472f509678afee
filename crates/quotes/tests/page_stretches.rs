//! A page's quotes come from its main stretch of article: a paragraph of prose kept for its
//! text far below the article, past lists of related and most-read stories, share prompts and
//! tags (a sidebar, a teaser, another story's summary), is read but never quoted from.

use quotetrace_quotes::extract_page;

mod common;
use common::{assert_none_contains, find};

/// A local news page of our own, as a full-page scraper leaves it (Markdown), with another
/// story's summary kept near its foot.
fn page() -> String {
    r##"[Skip to content](#main)

* [Home](https://harbourtimes.example/)
* [News](https://harbourtimes.example/news)
* [Sport](https://harbourtimes.example/sport)
* [Opinion](https://harbourtimes.example/opinion)

# Ferry fares to rise by a fifth, council confirms

By [Maren Ostby](https://harbourtimes.example/authors/maren-ostby) | 12 March 2026

Ferry fares between Harbourtown and the outer islands will rise by a fifth from May, the county council confirmed on Tuesday, after months of talks with the operator.

"We have held fares for six years, and we cannot hold them any longer," said Tobias Lindqvist, who chairs the council's transport committee. "The alternative was fewer crossings."

Islanders reacted with dismay. Greta Holm, who runs a bakery on Sandvik and crosses twice a week, said the rise would cost her more than a thousand crowns a year.

"For a small business that is not nothing," she said. "We already pay more for everything out here."

The operator, Nordfjord Lines, said that fuel costs had doubled since the last contract was signed and that its crews had not had a pay rise in three years.

Lindqvist said the council would review the fares again in two years and that season tickets for residents would rise by less than single fares.

## Related stories

* [Bridge plan shelved after cost review](https://harbourtimes.example/news/bridge-plan)
* [Island school to close in summer](https://harbourtimes.example/news/island-school)
* [Harbour dredging starts next week](https://harbourtimes.example/news/dredging)
* [Council tax to rise by 3 percent](https://harbourtimes.example/news/council-tax)
* [New bus timetable for the coast road](https://harbourtimes.example/news/bus)

## Most read

1. [Storm warning for the weekend](https://harbourtimes.example/news/storm)
2. [Fishing quota cut again](https://harbourtimes.example/news/quota)
3. [Local choir wins national prize](https://harbourtimes.example/culture/choir)
4. [Road closed after landslide](https://harbourtimes.example/news/landslide)
5. [Hospital parking charges scrapped](https://harbourtimes.example/news/parking)

Share this article: [Facebook](https://facebook.com/share) [X](https://x.com/share) [Email](mailto:)

Tags: [Ferries](https://harbourtimes.example/tags/ferries) [Council](https://harbourtimes.example/tags/council) [Islands](https://harbourtimes.example/tags/islands)

* [About us](https://harbourtimes.example/about)
* [Contact](https://harbourtimes.example/contact)
* [Advertise](https://harbourtimes.example/advertise)
* [Jobs](https://harbourtimes.example/jobs)

The harbour board said on Monday that dredging of the inner basin would begin next week and last until the end of April, with the fish market moved to the north quay while the work goes on. Its chairman, Olof Berg, said the work was long overdue and that boats had run aground twice this winter.

© 2026 Harbour Times. All rights reserved.
"##
        .to_string()
}

#[test]
fn a_summary_kept_below_the_lists_is_no_source_of_quotes() {
    let page = page();
    let ex = extract_page(&page, &|_| false);
    // The article's quotes, direct and reported, are all there.
    for words in [
        "held fares for six years",
        "small business that is not nothing",
        "thousand crowns a year",
        "fuel costs had doubled",
        "review the fares again",
    ] {
        find(&ex.quotes, words);
    }
    // The harbour board's summary below the lists is not the article.
    assert_none_contains(&ex.quotes, &["dredging of the inner basin", "run aground"]);
}

#[test]
fn the_same_article_alone_keeps_every_quote() {
    // Read as an article (no page around it), the summary is prose like any other.
    let page = page();
    let ex = quotetrace_quotes::extract(&page);
    find(&ex.quotes, "dredging of the inner basin");
}
