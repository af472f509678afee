"""The corpus-speaker functions the Spark job runs on its executors: keys as the store files
names, and one key's quotes resolved as the store resolves them."""

from quotetrace import _native


def test_a_quote_is_keyed_by_surname_or_whole_name_or_not_at_all():
    assert _native.speaker_key_of("President Anna Holm", "person") == "holm"
    assert _native.speaker_key_of("Holm", None) == "holm"
    assert _native.speaker_key_of("Island Ferry Company", "organization") == "island ferry company"
    # A description, no speaker, or no name shape: no corpus speaker.
    assert _native.speaker_key_of("a spokesman", "description") is None
    assert _native.speaker_key_of(None, None) is None
    assert _native.speaker_key_of("Once the ferry", None) is None


def test_one_keys_quotes_resolve_in_arrival_order():
    ids, speakers = _native.resolve_speakers([
        ("Anna Holm", "person"),
        ("Holm", "person"),             # the dominant Holm
        ("Erik Holm", "person"),        # another first name: another person
        ("President Anna Holm", "person"),
        ("a spokesman", "description"),  # no corpus speaker
    ])
    assert ids == [1, 1, 2, 1, None]
    by_id = {i: (name, dict(forms), is_org) for i, name, forms, is_org in speakers}
    assert by_id[1][0] == "Anna Holm"
    assert by_id[1][1] == {"Anna Holm": 1, "Holm": 1, "President Anna Holm": 1}
    assert by_id[2] == ("Erik Holm", {"Erik Holm": 1}, False)


def test_a_key_streamed_in_batches_resolves_as_in_one_call():
    # A bare surname joins the dominant bearer, which depends on every earlier quote's
    # counts: the resolver must carry them from one batch to the next.
    quotes = [("Anna Holm", "person"), ("Erik Holm", "person"), ("Holm", "person"),
              ("Erik Holm", "person"), ("Erik Holm", "person"), ("Holm", "person"),
              ("A. Holm", "person"), (None, None), ("Holm", "person"),
              ("a spokesman", "description"), ("Holm Institute", "organization")] * 3
    whole = _native.resolve_speakers(quotes)
    for size in (1, 2, 5, 7):
        resolver = _native.SpeakerResolver()
        ids = []
        for start in range(0, len(quotes), size):
            ids.extend(resolver.resolve(quotes[start:start + size]))
        assert (ids, resolver.speakers()) == whole
    assert len({i for i in whole[0] if i is not None}) >= 3
