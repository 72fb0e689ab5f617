"""What the pipeline builds when it loads, built in bulk, is what building it entry by entry gives.

Every process that annotates (each ``vnassoc annotate`` worker) builds the diacritic restorer
and the recaser from underthesea's 74,000-entry word list; they are built with one string
operation over all entries where that can be done. Each such shortcut is checked here against
the plain construction it replaced, and the result must not depend on the process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter

import regex
from hypothesis import example, given
from hypothesis import strategies as st

import vnassoc_nlp
from test_properties import FAST
from vnassoc_nlp.normalize import fold_table
from vnassoc_nlp.restore import DiacriticRestorer, Recaser, _spaced, _tokens_of

# Entries as word lists and gazetteers write them, odd spacing and signs included.
PIECES = ["khoa", "học", "Hội", "KH&CN", "TP.", "HCM", "a", "b", "ơ", "ở", "ò", "o", "ủy", "uỷ",
          "42-CT/TW", "2025", "x2", "_", " ", " ", "  ", "\t", "\xa0", "-", "&", ".", "/", "İ"]  # fmt: skip
entries = st.lists(st.lists(st.sampled_from(PIECES), max_size=6).map("".join), max_size=30)
FOLD = fold_table()


def fold(text: str) -> str:
    return text.translate(FOLD)


@FAST
@given(entries=entries)
@example(entries=["khoa học", " khoa học", "khoa  học", "khoa\thọc", "KH&CN", "", " ", "İ a"])
def test_entries_spaced_as_their_tokens_read(entries: list[str]) -> None:
    assert _spaced(entries) == [" ".join(_tokens_of(entry)) for entry in entries]


@FAST
@given(words=st.lists(st.lists(st.sampled_from(["a", "b", "c"]), max_size=6).map(" ".join)))
def test_recaser_prefixes_are_every_start_of_a_longer_phrase(words: list[str]) -> None:
    recaser = Recaser(words, [], ["a", "b", "c"])
    keys = [w for w in words if 1 < len(w.split()) <= Recaser.MAX_TOKENS]
    assert recaser._prefixes == {
        " ".join(parts[:n]) for parts in map(str.split, keys) for n in range(2, len(parts))
    }


def forms_offered_one_by_one(
    words: list[str],
    phrases: list[str],
    syllable_counts: dict[str, int],
    corpus_counts: dict[str, int],
) -> dict[str, tuple[int, str]]:
    """The restorer's choice made as it was first written: each form offered in turn, and
    kept if its kind is higher, or its kind the same and it is likelier than the form kept."""
    listed = Counter({k.lower(): v for k, v in syllable_counts.items()})
    seen = Counter({" ".join(k.lower().split()): v for k, v in corpus_counts.items()})

    def rank(form: str) -> tuple[int, int]:
        return seen[form], min(seen[s] * 1000 + listed[s] for s in form.split(" "))

    forms: dict[str, tuple[int, str]] = {}

    def offer(kind: int, form: str) -> None:
        key = fold(form)
        current = forms.get(key)
        if current is None or (kind, rank(form)) > (current[0], rank(current[1])):
            forms[key] = (kind, form)

    for syllable in sorted({*listed, *(w for w in seen if " " not in w)}):
        if syllable.isalpha():
            offer(0, syllable)
    for kind, entries in ((1, words), (2, phrases)):
        for entry in entries:
            tokens = [t.lower() for t in _tokens_of(entry)]
            if 1 < len(tokens) <= DiacriticRestorer.MAX_TOKENS and all(t.isalpha() for t in tokens):
                offer(kind, " ".join(tokens))
            elif len(tokens) == 1 and kind == 2 and tokens[0].isalpha():
                offer(0, tokens[0])
    return forms


SYLLABLES = ["khoa", "khóa", "khoá", "học", "hóc", "hoc", "kênh", "kềnh", "Kênh", "và", "vạ", "va"]
phrase = st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=7).map(" ".join)
counts = st.dictionaries(st.one_of(st.sampled_from(SYLLABLES), phrase), st.integers(0, 3))


@FAST
@given(words=st.lists(phrase, max_size=12), phrases=st.lists(phrase, max_size=6),
       syllable_counts=counts, corpus_counts=counts)  # fmt: skip
def test_restorer_keeps_the_likeliest_form_of_each_key_the_first_of_equals(
    words: list[str],
    phrases: list[str],
    syllable_counts: dict[str, int],
    corpus_counts: dict[str, int],
) -> None:
    restorer = DiacriticRestorer(words, phrases, syllable_counts, corpus_counts, fold)
    expected = forms_offered_one_by_one(words, phrases, syllable_counts, corpus_counts)
    assert restorer._forms == expected


def test_bare_text_restored_the_same_way_in_every_process(tmp_path) -> None:
    # Syllables whose accented forms tie (no count tells them apart): each used to go to
    # whichever form a process's string hashing put first.
    text = "Hoi Nong dan xa Tan Lap van dong hoi vien nao vet kenh, muong noi dong truoc mua mua."
    script = (
        "import json, sys, vnassoc_nlp\n"
        "nlp = vnassoc_nlp.load()\n"
        "print(json.dumps(nlp.normalizer.normalize(sys.argv[1]).text, ensure_ascii=False))\n"
    )
    restored = set()
    for seed in ("1", "2", "3", "4"):
        done = subprocess.run(
            [sys.executable, "-c", script, text],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        restored.add(json.loads(done.stdout))
    assert len(restored) == 1
    assert restored.pop() != text  # (it was restored)


def test_corpus_counts_are_the_words_of_each_line() -> None:
    from vnassoc_nlp.pipeline import _underthesea_corpus_counts, _underthesea_file

    path = _underthesea_file(
        "pipeline", "pos_tag", "models", "pos_crf_vlsp2013_20230303", "test_output.txt"
    )
    expected: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("\t", 1)[0].strip().lower()
        if word:
            expected[word] += 1
    assert expected and _underthesea_corpus_counts() == expected


def test_the_loaded_restorer_repairs_a_bare_line(nlp: vnassoc_nlp.Pipeline) -> None:
    doc = nlp("Lien hiep cac Hoi Khoa hoc va Ky thuat tinh Ha Giang to chuc hoi nghi.")
    assert any(e.label == "ORGANIZATION" and e.text.startswith("Lien hiep") for e in doc.entities)


def test_loading_leaves_the_garbage_collector_as_it_found_it(tmp_path) -> None:
    import gc

    from vnassoc_nlp.errors import GazetteerError

    assert gc.isenabled()
    vnassoc_nlp.Pipeline().warm_up()
    assert gc.isenabled()
    broken = tmp_path / "broken.tsv"
    broken.write_text("# kind: surnames\n# source: written for this test\nword\tnot a column\n")
    try:
        vnassoc_nlp.Pipeline(gazetteers=[broken]).warm_up()
    except GazetteerError:
        pass
    else:
        raise AssertionError("the broken file was accepted")
    assert gc.isenabled()
    gc.disable()
    try:
        vnassoc_nlp.Pipeline().warm_up()
        assert not gc.isenabled()  # (the caller's choice stands)
    finally:
        gc.enable()


SPELLINGS = ["hoà", "hòa", "thuỷ", "thủy", "khoẻ", "văn", "hoàng", "xhoà", "hoàx", "-", " ", "\n",
             "2", "ò", "Hoà", "\ud800"]  # fmt: skip
RESPELL = {"hoà": "hòa", "thuỷ": "thủy", "khoẻ": "khỏe", "ò": "o"}


@FAST
@given(text=st.lists(st.sampled_from(SPELLINGS), max_size=30).map("".join))
@example(text="văn hoà\nthuỷ lợi\nhoàng hoà xhoà hoàx khoẻ\ud800ò")
def test_replace_words_replaces_whole_words_only(text: str) -> None:
    from vnassoc_nlp.matching import replace_words

    # The plain reading: every run of letters, replaced when the table lists it.
    reference = regex.sub(r"\p{L}+", lambda m: RESPELL.get(m.group(), m.group()), text)
    assert replace_words(text, RESPELL) == reference


def test_lexicon_reads_its_words_in_the_spelling_texts_are_normalized_to() -> None:
    # underthesea's list writes "văn hoá"; a normalized text has "văn hóa".
    nlp = vnassoc_nlp.load()
    lexicon = nlp.lexicon
    respell = {k: v for k, v in nlp.tone_map.items() if k == k.lower() and k != v}
    old_words = [" ".join(e.lower().replace("-", " ").split()) for e in nlp.word_list]
    expected = {
        " ".join(respell.get(part, part) for part in word.split())
        for word in old_words
        if 1 < len(word.split()) <= lexicon.MAX_SYLLABLES
    }
    assert lexicon._words == expected
    assert "văn hóa" in lexicon._words and "hòa giải" in lexicon._words
    assert lexicon.word_class("hòa giải") == lexicon._classes.get("hòa giải") is not None
    words = lexicon.segment("Trung tâm Văn hóa phối hợp").words(10, 26)
    assert [w.text for w in words] == ["Văn hóa", "phối hợp"]
