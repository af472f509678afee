"""Shared articles for the tests: written for them (fictional people and places)."""

import pytest

ARTICLE = (
    "Harbour board backs a second ferry pier\n\n"
    "Lorvik will build a second ferry pier next spring, the harbour board said on Tuesday.\n\n"
    "\u201cWe cannot keep turning boats away every summer,\u201d said Ines Marlowe, who chairs "
    "the board. \u201cThe pier will pay for itself within ten years.\u201d\n\n"
    "Marlowe said the work would start in April and that the old quay would stay open.\n\n"
    "Fishermen were less sure. \u201cNobody asked us where the boats will go,\u201d said "
    "Tobias Renk, a trawler captain.\n"
)


def article(i):
    """A distinct article for document i: the same shape, another number and a name."""
    names = ["Ines Marlowe", "Tobias Renk", "Greta Holm", "Pavel Sorin", "Lena Brask"]
    who = names[i % len(names)]
    return (
        f"Council approves plan number {i}\n\n"
        f"The town council approved plan number {i} for the harbour on Monday.\n\n"
        f"\u201cPlan {i} gives the town {i + 3} new berths before the winter,\u201d said {who}, "
        f"who presented it. \u201cWe have waited long enough for this.\u201d\n\n"
        f"{who.split()[1]} said the first berths would open in March.\n"
    )


@pytest.fixture
def examples_dir():
    import pathlib

    return pathlib.Path(__file__).resolve().parents[3] / "examples" / "articles"
