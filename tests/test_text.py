"""Sentences, tokens and folding."""

from core.text import fold, split_sentences, tokenize


def test_sentences_respect_abbreviations_and_offsets():
    text = "Approximately 1,700 U.S. troops are deployed. Gen. Smith said so on Sept. 4.\nNew paragraph"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Approximately 1,700 U.S. troops are deployed.", "Gen. Smith said so on Sept. 4.", "New paragraph"]
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_fold_removes_diacritics_and_dashes():
    assert fold("Câmpia Turzii") == "campia turzii"
    assert fold("Mińsk Mazowiecki") == "minsk mazowiecki"
    assert fold("Šiauliai") == "siauliai"


def test_tokens_keep_abbreviations():
    assert [t.raw for t in tokenize("the U.S. and the U.K.")] == ["the", "U.S.", "and", "the", "U.K."]


def test_overlong_sentences_are_cut_into_bounded_chunks():
    from core.text import MAX_SENTENCE

    text = "Title\n" + "Belgium approved €30 million for drones, " * 400
    sentences = split_sentences(text)
    assert all(len(s.text) <= MAX_SENTENCE for s in sentences)
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_a_word_trie_matches_what_the_word_alternation_matches():
    """`vocab.words_pattern` builds a trie (`text.word_trie`) for speed: the same spans as the plain
    alternation, longest cue first, on texts made of cues, their prefixes and their variants."""
    import random
    import re

    from core.text import alternation
    from core.vocab import column, words_pattern

    words = {*column("coalition_roles", "cue"), *column("deployment_cues", "cue"), *column("military_nouns", "noun"),
             "co-led", "co led by", "led", "lead", "leader", "led  by"}
    trie = words_pattern(words)
    body = alternation(words, gap=r"[\s-]+", hyphens=True)
    plain = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)
    assert trie.pattern != plain.pattern
    rng = random.Random(5)
    pieces = sorted(words) + [w.upper() for w in sorted(words)[:40]] + [w[:3] for w in sorted(words)[:40]] + ["x", "-"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) + rng.choice([" ", "", "-", "  ", " - ", "s "]) for _ in range(rng.randint(1, 10)))
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)], text
