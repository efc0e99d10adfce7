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
