"""spaCy component ``vnassoc_entities``: the vnassoc_nlp entities on a spaCy ``Doc``.

spaCy finds the factory through the ``spacy_factories`` entry point, so there is nothing to
import::

    import spacy

    # spaCy's Vietnamese tokenizer defaults to pyvi; without pyvi installed, turn it off:
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("vnassoc_entities")  # config={"gazetteers": ["my_bodies.tsv"]} adds data files
    doc = nlp("Ngày 12/3/2024, PGS.TS Hoàng Văn Thạch, Chủ tịch Liên hiệp Hội tỉnh Hà Giang ...")

    doc.ents                     # outermost entities only, never overlapping
    doc.spans["vnassoc"]         # every entity, nested ones included (a province in a union)
    doc.ents[0]._.vnassoc        # the typed record: Person, Organization, Province, ...
    spacy.displacy.render(doc, style="ent")  # our labels in our colours (entry point)

Tokens: ``use_pyvi = false`` splits on whitespace only, so a token such as ``"Thạch,"`` keeps
its comma and the entity's span grows to hold it. spaCy's rule-based tokenizer splits punctuation
off and gives spans that match the entities exactly::

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "spacy.Tokenizer.v1"}}})

How it works: one ``vnassoc_nlp.Pipeline`` per component (its data loads on the first document,
or at ``nlp.initialize()``) runs on ``doc.text``. Each entity's character offsets become a token
span with ``doc.char_span(..., alignment_mode="expand")``; ``span._.vnassoc.text`` is always the
exact entity text. An entity no token can hold is skipped.

- ``doc.spans["vnassoc"]``: every entity, in the pipeline's order.
- ``doc.ents``: the outermost entities, chosen longest first (in tokens), then earliest. Entities
  already on the doc (e.g. from an ``entity_ruler`` earlier in the pipeline) are kept where they
  do not overlap ours; where they overlap, ours replace them.
- ``Span._.vnassoc``: a getter that rebuilds the typed pydantic record for one of our spans (or
  returns ``None`` for anyone else's). The records live in ``doc.user_data`` as plain JSON dicts,
  so docs still serialize with ``Doc.to_bytes`` and ``nlp.pipe(texts, n_process=2)`` works.
"""

# spaCy imports this module whenever *any* Language is created (``Language.__init__`` loads every
# ``spacy_factories`` entry point), so importing it stays light and cannot fail: the pipeline
# itself is imported only when a component is made.
from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .records import LABEL_COLOURS

__all__ = [
    "DISPLACY_COLOURS",
    "EXTENSION",
    "SPANS_KEY",
    "USER_DATA_KEY",
    "VnassocEntities",
    "make_vnassoc_entities",
]

# Read by displaCy through the ``spacy_displacy_colors`` entry point.
DISPLACY_COLOURS: dict[str, str] = dict(LABEL_COLOURS)

SPANS_KEY = "vnassoc"
EXTENSION = "vnassoc"
# doc.user_data[USER_DATA_KEY]: [{"start": ..., "end": ..., "record": {...}}, ...] where start/end
# are the aligned span's character offsets and "record" is ``model_dump(mode="json")``.
USER_DATA_KEY = "vnassoc_records"

_adapter: Any = None


def _entity_adapter() -> Any:
    """A pydantic TypeAdapter over the ``records.Entity`` union, built once."""
    global _adapter
    if _adapter is None:
        from pydantic import TypeAdapter

        from .records import Entity

        _adapter = TypeAdapter(Entity)
    return _adapter


def _span_record(span: Span) -> Any:
    """The typed record behind one of our spans, or ``None``."""
    for item in span.doc.user_data.get(USER_DATA_KEY, ()):
        record = item["record"]
        if (
            item["start"] == span.start_char
            and item["end"] == span.end_char
            and record["label"] == span.label_
        ):
            return _entity_adapter().validate_python(record)
    return None


class VnassocEntities:
    """Sets ``doc.spans["vnassoc"]``, ``doc.ents`` and ``Span._.vnassoc`` (see the module doc)."""

    def __init__(self, name: str = "vnassoc_entities", gazetteers: Iterable[str] = ()) -> None:
        from .pipeline import Pipeline

        self.name = name
        self.gazetteers = [str(path) for path in gazetteers]
        self.pipeline = Pipeline(gazetteers=self.gazetteers)  # data loads on first use
        Span.set_extension(EXTENSION, getter=_span_record, force=True)

    def initialize(
        self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Any = None
    ) -> None:
        """Called by ``nlp.initialize()``: load the data now rather than on the first doc."""
        self.pipeline.warm_up()

    def __call__(self, doc: Doc) -> Doc:
        document = self.pipeline(doc.text)
        spans: list[Span] = []
        stored: list[dict[str, Any]] = []
        for record in document.entities:
            span = doc.char_span(
                record.start, record.end, label=record.label, alignment_mode="expand"
            )
            if span is None or not span.text.strip():
                continue  # no token holds it
            spans.append(span)
            stored.append(
                {
                    "start": span.start_char,
                    "end": span.end_char,
                    "record": record.model_dump(mode="json"),
                }
            )
        doc.user_data[USER_DATA_KEY] = stored
        doc.spans[SPANS_KEY] = spans
        outer = filter_spans(spans)
        kept = [
            ent
            for ent in doc.ents
            if not any(ent.start < span.end and span.start < ent.end for span in outer)
        ]
        doc.ents = sorted([*outer, *kept], key=lambda span: span.start)
        return doc

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickles small (for spawn-started ``nlp.pipe`` workers); the copy loads its own data.
        return (type(self), (self.name, self.gazetteers))


@Language.factory(
    "vnassoc_entities",
    default_config={"gazetteers": []},
    assigns=["doc.ents", "doc.spans", "span._.vnassoc"],
)
def make_vnassoc_entities(nlp: Language, name: str, gazetteers: list[str]) -> VnassocEntities:
    """The ``vnassoc_entities`` factory; ``gazetteers`` are extra data files (any kind)."""
    return VnassocEntities(name=name, gazetteers=gazetteers)
