"""The garbage collector held off while loaded state is built.

A pipeline builds a few hundred thousand objects when it loads (gazetteer rows, the lexicon,
compiled patterns, the restorer's and recaser's tables) and keeps them as long as it lives.
Left running, the collector starts about 250 collections meanwhile, each walking the objects
built so far: a tenth of the loading time, spent finding nothing to free.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic collection inside the block; the collector as it was after it (a block
    inside another, or a caller who turned the collector off, leaves it off)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
