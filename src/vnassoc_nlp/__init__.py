"""vnassoc_nlp: typed entities from Vietnamese news on science-and-technology associations.

    import vnassoc_nlp
    nlp = vnassoc_nlp.load()
    doc = nlp("Ngày 9/10, TSKH Nguyễn Văn A, Chủ tịch Liên hiệp Hội tỉnh Quảng Trị ...")

Nothing heavy is imported here: models and gazetteers load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .pipeline import Pipeline
    from .records import Document

__all__ = ["Document", "Pipeline", "__version__", "load"]


def load(**kwargs: Any) -> Pipeline:
    """A new Pipeline (see ``Pipeline`` for the options); data loads on first use."""
    from .pipeline import Pipeline

    return Pipeline(**kwargs)


def __getattr__(name: str) -> Any:
    if name == "Pipeline":
        from .pipeline import Pipeline

        return Pipeline
    if name == "Document":
        from .records import Document

        return Document
    raise AttributeError(f"module 'vnassoc_nlp' has no attribute {name!r}")
