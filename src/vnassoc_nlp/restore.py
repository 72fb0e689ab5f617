"""Same-length repairs of text whose case or diacritics carry no information.

Two damages of scraped text keep every character in place but take away what recognizers read:

* a line in capitals ("PGS.TS PHAN XUÂN DŨNG, CHỦ TỊCH LIÊN HIỆP HỘI ..."): case says nothing
  there, so ``Recaser`` gives the line its usual case from the words and names it knows;
* text without diacritics ("Lien hiep cac Hoi Khoa hoc va Ky thuat tinh Quang Tri"):
  ``DiacriticRestorer`` gives each run of syllables its most likely accented form.

Both change letters only, one for one, so offsets are untouched and the normalizer needs no
offset map for them. The phrases they know come from the gazetteers and underthesea's word list
(the pipeline passes them in); this module holds no data of its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from itertools import islice, repeat

import regex

_TOKEN = regex.compile(r"[\p{L}\p{N}]+", regex.V1)
_LINE = regex.compile(r"[^\n]+")
# Between two tokens of one phrase: a space, or the "&", "." or "-" of an abbreviation.
_PHRASE_GAP = regex.compile(r"[ ]|[ ]?[&.\-/][ ]?")
_SENTENCE_GAP = regex.compile(r"[.!?:;]")
# The run of tokens glued by "/" or "-" that a token belongs to (read from where it starts).
_CODE_START = regex.compile(r"(?:[\p{L}\p{N}]+[/\-])*[\p{L}\p{N}]*$", regex.V1)
_CODE_RUN = regex.compile(r"[\p{L}\p{N}]+(?:[/\-][\p{L}\p{N}]+)*", regex.V1)
# The shape of a Vietnamese syllable, letters folded: initial, vowels, final. Acronyms that
# the word list happens to hold ("ubnd") have none.
_SYLLABLE_SHAPE = regex.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|nh|ng|[cmnpt])?"
)
_PLURAL = frozenset({"các", "những", "nhiều", "mọi", "từng"})
_LETTER = regex.compile(r"\p{L}", regex.V1)
_MARKED_LETTER = regex.compile(r"[\p{L}--\p{ASCII}]", regex.V1)  # a letter with a diacritic

Span = tuple[int, int]

# The kinds of form the restorer knows, in order of precedence, and their weight a token.
_SYLLABLE, _WORD, _PHRASE = 0, 1, 2
_WEIGHTS = (1, 3, 10)


def _tokens_of(phrase: str) -> list[str]:
    if phrase.replace(" ", "").isalnum():  # most entries: words and spaces, split in C
        return phrase.split()
    return _TOKEN.findall(phrase)


def _spaced(entries: Iterable[str]) -> list[str]:
    """Each entry's tokens joined by single spaces (most entries are so already)."""
    return [
        entry
        if entry.replace(" ", "").isalnum() and "  " not in entry and entry.strip(" ") == entry
        else " ".join(_tokens_of(entry))
        for entry in entries
    ]


def _each(convert: Callable[[str], str], items: list[str]) -> list[str]:
    """``convert`` of every item, in one call over all of them joined by line breaks. For
    conversions that keep line breaks and make none (``str.lower``, a letter-for-letter fold),
    of items that hold none (``_spaced``'s)."""
    return convert("\n".join(items)).split("\n") if items else []


def _same_case(target: str, model: str) -> str:
    """``model``'s letters with ``target``'s case, letter by letter (same length)."""
    return "".join(m.upper() if t.isupper() else m for t, m in zip(target, model, strict=True))


class Recaser:
    """Usual case for lines written in capitals.

    ``words`` are lexicon entries in their own case (common words lower case, proper names
    capitalized: "khoa học", "Việt Nam"); ``phrases`` the gazetteers' names in their usual case,
    which win over the lexicon ("Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam", "ThS",
    "Sở"); ``syllables`` tell Vietnamese syllables from acronyms ("VUSTA" stays as it is);
    after one of ``heads`` ("Hội", "Viện") the name's first word is capitalized, and after one
    of ``person_cues`` (titles, forms of address) a name led by one of ``surnames`` is.
    """

    MAX_TOKENS = 14

    def __init__(
        self,
        words: Iterable[str],
        phrases: Iterable[str],
        syllables: Iterable[str],
        heads: Iterable[str] = (),
        named_heads: Iterable[str] = (),
        starts_name: Callable[[str], bool] = lambda word: True,
        surnames: Collection[str] = (),
        person_cues: Iterable[str] = (),
        place_words: Iterable[str] = (),
        places: Iterable[str] = (),
        fold: Callable[[str], str] = str.lower,
    ) -> None:
        self._cased: dict[str, str] = {}  # phrases of two or more tokens, by lower case
        self._single: dict[str, str] = {}  # one-token gazetteer words ("Sở", "Hội")
        self._acronyms: dict[str, str] = {}  # by upper case: "THS" -> "ThS"
        forms = [form for form in _spaced(words) if 0 < form.count(" ") < self.MAX_TOKENS]
        self._cased.update(zip(_each(str.lower, forms), forms, strict=True))
        phrases = list(phrases)
        self._fold = fold
        self._syllables = {
            s.lower() for s in syllables if _SYLLABLE_SHAPE.fullmatch(fold(s.lower()))
        }
        # Syllables the word list lacks but the gazetteers use ("nguyễn", "hà").
        self._syllables |= {
            t.lower()
            for p in [*phrases, *surnames]
            for t in _tokens_of(p)
            if _SYLLABLE_SHAPE.fullmatch(fold(t.lower()))  # not acronyms ("UBND")
        }
        for phrase in phrases:
            tokens = _tokens_of(phrase)
            if not tokens or len(tokens) > self.MAX_TOKENS:
                continue
            for token in tokens:
                if token.lower() not in self._syllables and not token.islower():
                    self._acronyms.setdefault(token.upper(), token)
            key = " ".join(t.lower() for t in tokens)
            if len(tokens) > 1:
                self._cased[key] = " ".join(tokens)
            elif token.lower() in self._syllables:
                self._single[key] = tokens[0]
        # Every key of two tokens or more a longer phrase starts with: reading a line stops
        # where none goes on. (Each round takes a token off the end of the last round's.)
        self._prefixes: set[str] = set()
        longer = [key for key in self._cased if key.count(" ") > 1]
        while longer:
            shorter = {key.rsplit(" ", 1)[0] for key in longer}
            self._prefixes |= shorter
            longer = [key for key in shorter if key.count(" ") > 1]
        self._heads = {" ".join(_tokens_of(h)).lower() for h in heads}
        # Heads whose name follows them ("Hội" + "Nông dân"), and what may begin a name.
        self._named_heads = {" ".join(_tokens_of(h)).lower() for h in named_heads}
        self._starts_name = starts_name
        self._surnames = {s.lower() for s in surnames}
        self._cues = {" ".join(_tokens_of(c)).lower() for c in person_cues}
        self._place_words = {p.lower() for p in place_words}
        self._places = {" ".join(_tokens_of(p)).lower() for p in places}

    @staticmethod
    def capital_lines(text: str) -> list[Span]:
        """Lines written in capitals: at least two words, and no lower-case letter."""
        spans = []
        for line in _LINE.finditer(text):
            if not line.group().isupper():  # most lines: one quick test
                continue
            letters = sum(c.isalpha() for c in line.group())
            if letters >= 6 and len(_TOKEN.findall(line.group())) >= 2:
                spans.append(line.span())
        return spans

    def recase(self, text: str) -> tuple[str, list[Span]]:
        """``text`` with its lines in capitals in their usual case, and those lines' spans."""
        spans = self.capital_lines(text)
        if not spans:
            return text, []
        chars = list(text)
        for start, end in spans:
            self._recase_line(text, start, end, chars)
        return "".join(chars), spans

    def _recase_line(self, text: str, start: int, end: int, chars: list[str]) -> None:
        tokens = list(_TOKEN.finditer(text, start, end))
        items: list[_Item] = []  # the line read as known phrases and single tokens
        i = 0
        while i < len(tokens):
            j = self._longest_phrase(text, tokens, i)
            if j > i:
                key = " ".join(t.group().lower() for t in tokens[i:j])
                forms = self._cased[key].split(" ")
                items.append(_Item(i, j, self._kind(key), forms))
                i = j
                continue
            word = tokens[i].group()
            lower = word.lower()
            if any(c.isdigit() for c in word) or _in_code(text, tokens[i]):
                items.append(_Item(i, i + 1, "kept", [word]))
            elif lower in self._single:
                kind = self._kind(lower)
                items.append(
                    _Item(i, i + 1, "word" if kind == "phrase" else kind, [self._single[lower]])
                )
            elif word in self._acronyms:
                kind = "cue" if lower in self._cues else "kept"
                items.append(_Item(i, i + 1, kind, [self._acronyms[word]]))
            elif lower not in self._syllables:
                items.append(_Item(i, i + 1, "kept", [word]))  # an acronym or a foreign word
            else:
                items.append(_Item(i, i + 1, "word", [lower]))
            i += 1
        self._capitalize_after_heads(text, tokens, items)
        self._capitalize_names(text, tokens, items)
        self._capitalize_starts(text, start, tokens, items)
        for item in items:
            for token, form in zip(tokens[item.start : item.end], item.forms, strict=True):
                if len(form) == len(token.group()):
                    chars[token.start() : token.end()] = form

    def _longest_phrase(self, text: str, tokens: list[regex.Match[str]], i: int) -> int:
        """The end (exclusive) of the longest known phrase of two or more tokens starting at
        token ``i``, or ``i``."""
        best = i
        key = tokens[i].group().lower()
        for j in range(i + 1, min(len(tokens), i + self.MAX_TOKENS)):
            if not _PHRASE_GAP.fullmatch(text, tokens[j - 1].end(), tokens[j].start()):
                break
            key = f"{key} {tokens[j].group().lower()}"
            if key in self._cased:
                best = j + 1
            if key not in self._prefixes:
                break
        return best

    def _kind(self, key: str) -> str:
        if key in self._heads:
            return "head"
        if key in self._cues:
            return "cue"
        return "place" if key in self._places else "phrase"

    @staticmethod
    def _capitalize_starts(
        text: str, start: int, tokens: list[regex.Match[str]], items: list[_Item]
    ) -> None:
        previous_end = start
        for item in items:
            token = tokens[item.start]
            if item is items[0] or _SENTENCE_GAP.search(text, previous_end, token.start()):
                item.forms[0] = item.forms[0][:1].upper() + item.forms[0][1:]
            previous_end = tokens[item.end - 1].end()

    def _capitalize_after_heads(
        self, text: str, tokens: list[regex.Match[str]], items: list[_Item]
    ) -> None:
        """A head word ("Hội", "Tỉnh ủy") keeps its capital only where it names a body: a
        place or a proper name follows before the clause goes on, or a position comes before
        ("CHỦ TỊCH HỘI NÔNG DÂN TỈNH ..."); then the name's first word is capitalized too
        ("Hội Nông dân"). Elsewhere ("VỚI CÁC TỈNH ỦY, THÀNH ỦY") it is a common noun."""
        for index, item in enumerate(items):
            if item.kind != "head":
                continue
            if not self._names_a_body(text, tokens, items, index):
                item.forms = [f.lower() for f in item.forms]
                continue
            following = items[index + 1] if index + 1 < len(items) else None
            head = " ".join(t.group().lower() for t in tokens[item.start : item.end])
            if (
                following is not None
                and head in self._named_heads
                and following.kind in ("word", "phrase")
                and following.forms[0].islower()
                and following.forms[0] not in self._place_words
                and self._starts_name(" ".join(following.forms))
            ):
                following.forms[0] = following.forms[0][:1].upper() + following.forms[0][1:]

    @staticmethod
    def _names_a_body(
        text: str, tokens: list[regex.Match[str]], items: list[_Item], index: int
    ) -> bool:
        def joined(a: _Item, b: _Item) -> bool:
            return not text[tokens[a.end - 1].end() : tokens[b.start].start()].strip(" &-")

        if index and joined(items[index - 1], items[index]):
            before = items[index - 1]
            if before.kind == "word" and before.forms[0].lower() in _PLURAL:
                return False  # "CÁC TỈNH ỦY": any of them
            if before.kind in ("cue", "head"):
                return True  # "CHỦ TỊCH HỘI ...", "BAN THƯỜNG VỤ TỈNH ỦY"
        if index + 1 < len(items) and items[index + 1].kind == "head":
            return joined(items[index], items[index + 1])
        for item in items[index + 1 : index + 7]:
            gap = text[tokens[item.start - 1].end() : tokens[item.start].start()]
            if gap.strip(" &-"):
                return False  # punctuation: the clause moved on
            if item.kind == "place" or (
                item.kind in ("phrase", "kept") and not all(f.islower() for f in item.forms)
            ):
                return True
        return False

    @staticmethod
    def _cued(text: str, tokens: list[regex.Match[str]], items: list[_Item], index: int) -> bool:
        for back in range(index - 1, max(-1, index - 5), -1):
            gap = text[tokens[items[back].end - 1].end() : tokens[items[back + 1].start].start()]
            if gap.strip(" .") and back != index - 1:
                return False
            if items[back].kind == "cue":
                return True
        return False

    def _capitalize_names(
        self, text: str, tokens: list[regex.Match[str]], items: list[_Item]
    ) -> None:
        """ "PGS.TS PHAN XUÂN DŨNG": after a title or a form of address, a surname and the
        syllables after it (up to three single words) are a name."""
        for index, item in enumerate(items):
            if item.kind not in ("word", "kept") or item.forms[0].lower() not in self._surnames:
                continue
            # After a title or a form of address, or after a position and its body, with no
            # punctuation between: "PGS.TS NGUYỄN ...", "CHỦ TỊCH UBND TỈNH X NGUYỄN ...".
            if index and not self._cued(text, tokens, items, index):
                continue
            last = index
            while (
                last + 1 < len(items)
                and sum(i.end - i.start for i in items[index + 1 : last + 2]) <= 3
                and items[last + 1].kind in ("word", "phrase")
                and text[tokens[items[last].end - 1].end() : tokens[items[last + 1].start].start()]
                == " "
            ):
                last += 1
            # A third given syllable only where the name then ends: "Nguyễn Thị Minh Hằng,",
            # not "Nguyễn Quyết Chiến đồng chủ trì".
            while sum(i.end - i.start for i in items[index + 1 : last + 1]) > 2 and not (
                tokens[items[last].end - 1].end() >= len(text)
                or text[tokens[items[last].end - 1].end()] in ",.;:()\n-"
            ):
                last -= 1
            if last == index:
                continue
            for name_item in items[index : last + 1]:
                name_item.forms = [f[:1].upper() + f[1:].lower() for f in name_item.forms]


def _in_code(text: str, token: regex.Match[str]) -> bool:
    """Part of a document code ("40/2024/QĐ-UBND", "48-QĐ/TƯ"): in a run of tokens glued by
    "/" or "-" that has a digit."""
    start, end = token.span()
    if text[start - 1 : start] not in ("/", "-") and text[end : end + 1] not in ("/", "-"):
        return any(c.isdigit() for c in token.group())  # a run of this token alone
    run_start = _CODE_START.search(text, max(0, start - 40), start)
    run = _CODE_RUN.match(text, run_start.start() if run_start else start)
    return run is not None and run.end() >= token.end() and any(c.isdigit() for c in run.group())


@dataclass
class _Item:
    """Tokens ``start:end`` of a line read as one phrase (or one token), their new forms."""

    start: int
    end: int
    kind: str  # "phrase", "place", "head", "cue", "word", "kept"
    forms: list[str]


class BareLines:
    """Finds the lines of Vietnamese written without diacritics.

    Apart from ``DiacriticRestorer`` because it is cheap to build: an English passage looks
    bare at first sight, and the restorer (a quarter of a second to build) is only wanted once
    a line really is Vietnamese without its diacritics.
    """

    def __init__(self, syllables: Iterable[str], fold: Callable[[str], str]) -> None:
        self._fold = fold
        # Folded Vietnamese syllables: listed, and of a syllable's shape ("gs", "ubnd" are not).
        self._syllable_keys = {
            k for k in (fold(s.lower()) for s in syllables) if _SYLLABLE_SHAPE.fullmatch(k)
        }

    def __call__(self, text: str) -> list[Span]:
        """Lines of Vietnamese written without diacritics: enough words, hardly a letter with
        a diacritic, and most words Vietnamese syllables once folded."""
        spans = []
        for line in _LINE.finditer(text):
            # Most lines: diacritics on more than 1% of their characters (so of their letters)
            # show within their first few letters.
            enough = -(-len(line.group()) // 100)
            marked = _MARKED_LETTER.finditer(text, line.start(), line.end())
            if sum(1 for _ in islice(marked, enough)) == enough:
                continue
            letters = len(_LETTER.findall(line.group()))
            if letters < 12 or len(_MARKED_LETTER.findall(line.group())) * 100 >= letters:
                continue
            words = [t for t in _TOKEN.findall(line.group()) if t.isalpha()]
            vietnamese = sum(self._fold(w) in self._syllable_keys for w in words)
            if len(words) >= 4 and vietnamese * 10 >= len(words) * 7:
                spans.append(line.span())
        return spans


class DiacriticRestorer:
    """The most likely accented form of Vietnamese written without diacritics.

    A line is read as the best sequence of known forms, by their folded keys: a gazetteer
    phrase ("tỉnh Quảng Trị", "Liên hiệp các Hội ..."), a word of the word list ("khoa học"),
    or a single syllable, in that order of weight. Where a key has several forms ("khoa học",
    "khóa học"; "và", "vạ") the one most frequent in ``corpus_counts`` (words counted in running
    text) wins, then the one whose syllables the word list uses most; where nothing tells them
    apart, the first listed (syllables in code-point order), the same in every process.
    ``fold`` strips diacritics and lower-cases, letter for letter.
    """

    MAX_TOKENS = 6

    def __init__(
        self,
        words: Iterable[str],
        phrases: Iterable[str],
        syllable_counts: Mapping[str, int],
        corpus_counts: Mapping[str, int],
        fold: Callable[[str], str],
        preferred: Iterable[str] = (),
        names: Iterable[str] = (),
    ) -> None:
        self._fold = fold
        listed = {k.lower(): v for k, v in syllable_counts.items()}
        seen = {" ".join(k.lower().split()): v for k, v in corpus_counts.items()}

        def rank(form: str) -> tuple[int, int]:
            """How likely a form is: how often running text has it, then how often its rarest
            syllable (running text first, then the word list)."""
            syllables = form.split(" ")
            rarest = min(seen.get(s, 0) * 1000 + listed.get(s, 0) for s in syllables)
            return seen.get(form, 0), rarest

        # The forms of each kind, in the order they are offered: syllables (sorted: a tie
        # goes the same way in every process), the word list's words, the gazetteers' phrases
        # (a one-token phrase is a syllable).
        offered: tuple[list[str], list[str], list[str]] = (
            [s for s in sorted({*listed, *(w for w in seen if " " not in w)}) if s.isalpha()],
            [],
            [],
        )
        for kind, entries in ((_WORD, words), (_PHRASE, phrases)):
            forms = _each(str.lower, _spaced(entries))
            offered[kind].extend(
                form
                for form in forms
                if 0 < form.count(" ") < self.MAX_TOKENS and form.replace(" ", "").isalpha()
            )
            if kind == _PHRASE:
                offered[_SYLLABLE].extend(
                    form for form in forms if " " not in form and form.isalpha()
                )
        # key -> (kind, form): a phrase beats a word beats a syllable, then the likelier form
        # (on a tie, the one offered first).
        chosen: dict[str, tuple[int, str]] = {}
        for kind, forms in enumerate(offered):
            keys = _each(fold, forms)
            likeliest = dict(zip(keys, forms, strict=True))
            if len(likeliest) < len(forms):  # some keys have several forms
                several: dict[str, list[str]] = {k: [] for k, n in Counter(keys).items() if n > 1}
                for key, form in zip(keys, forms, strict=True):
                    if key in several:
                        several[key].append(form)
                for key, group in several.items():
                    likeliest[key] = max(group, key=rank)  # (max: the first of the likeliest)
            chosen.update(zip(likeliest, zip(repeat(kind), likeliest.values()), strict=True))
        for word in preferred:  # the genre's own frequent words ("tỉnh" over "tính")
            if len(fold(word)) == len(word):
                chosen[fold(word)] = (_SYLLABLE if " " not in word else _WORD, word.lower())
        self._forms = chosen
        # A capitalized syllable is more likely a name's: "Dang" -> "Đảng" or "Đặng", "Nguyen"
        # -> "Nguyễn"; the first of the names listed for a key wins.
        self._names: dict[str, str] = {}
        for name in names:
            if " " not in name and len(fold(name)) == len(name):
                self._names.setdefault(fold(name), name.lower())

    def restore(self, text: str, spans: list[Span]) -> tuple[str, list[Span]]:
        """``text`` with its bare lines (``spans``, as ``BareLines`` finds them) accented."""
        if not spans:
            return text, []
        chars = list(text)
        for start, end in spans:
            for run in self._runs(text, start, end):
                for token, accented in self._best_reading(run):
                    word = token.group()
                    if self._fold(word) == self._fold(accented):
                        chars[token.start() : token.end()] = _same_case(word, accented)
        return "".join(chars), spans

    @staticmethod
    def _runs(text: str, start: int, end: int) -> list[list[regex.Match[str]]]:
        """Runs of letter tokens joined by single spaces (a phrase never crosses a comma)."""
        runs: list[list[regex.Match[str]]] = []
        for token in _TOKEN.finditer(text, start, end):
            if not token.group().isalpha():
                runs.append([])
                continue
            if runs and runs[-1] and text[runs[-1][-1].end() : token.start()] == " ":
                runs[-1].append(token)
            else:
                runs.append([token])
        return [r for r in runs if r]

    def _best_reading(self, run: list[regex.Match[str]]) -> list[tuple[regex.Match[str], str]]:
        """The best-weighted split of a run into known forms (dynamic programming)."""
        keys = [self._fold(t.group()) for t in run]
        n = len(run)
        best: list[tuple[float, int, str | None]] = [(0.0, 0, None)] * (n + 1)
        for i in range(n - 1, -1, -1):
            options: list[tuple[float, int, str | None]] = [(best[i + 1][0], i + 1, None)]
            # (the first: leave the token as written)
            key = keys[i]
            for j in range(i + 1, min(n, i + self.MAX_TOKENS) + 1):
                if j > i + 1:
                    key = f"{key} {keys[j - 1]}"
                found = self._forms.get(key)
                if found is not None:
                    weight = _WEIGHTS[found[0]] * (j - i)
                    options.append((weight + best[j][0], j, found[1]))
            best[i] = max(options, key=lambda o: o[0])
        reading: list[tuple[regex.Match[str], str]] = []
        i = 0
        while i < n:
            _, j, form = best[i]
            if j == i + 1 and run[i].group()[:1].isupper() and keys[i] in self._names:
                form = self._names[keys[i]]  # a capitalized single syllable: a name's
            if form is not None:
                reading += list(zip(run[i:j], form.split(" "), strict=True))
            i = j
        return reading
