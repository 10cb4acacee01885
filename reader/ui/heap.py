"""Keeping full garbage collections out of the frames a user waits for.

CPython's full collection walks every container object that has lived long: Textual's
widgets and stylesheet, spaCy's model, every analysis so far. With a 1 MB article open
one such collection took 100-280 ms, in whichever frame it happened to fall.

`settle()` moves what is alive now into the permanent generation (`gc.freeze`), which
collections no longer walk; later full collections walk only what came after. Frozen
objects are still freed by reference counting, but a frozen object that later dies in
a reference cycle (a removed widget: footer keys are remade on every screen change, tree
nodes on every article) is never collected. So it is called only at moments that come
once, when most of what is alive stays: after the library's first paint (Textual, the
stylesheet, the library), when the model is ready (spaCy's objects), when the corpus is
analysed (the analyses stay in the app) and after the first frame of the article screen
(made once and kept). Not after every
article opened: that kept ~10,000 dead objects an open (measured on the bench).
A young collection runs first, so that little garbage is frozen.

On the article bench (six 1 MB opens): full collections 15-35 ms instead of 15-130 ms.

`hold()` / `release()`: no automatic collection between an article key and the first
frame showing the article. Opening allocates tens of thousands of objects, enough to set
off a young collection or two and now and then a full one (15-25 ms on a 1 MB article,
half the budget of an open) in whichever frame they fall. Held, the collector catches
up just after that frame, when the user is reading. A hold ends by itself after
HOLD_LIMIT seconds, whatever happens to the frame it waits for.
"""

from __future__ import annotations

import gc
from typing import Any

HOLD_LIMIT = 1.0  # seconds: a hold that was never released ends by itself
_holds: set[object] = set()
_was_enabled = True


def settle() -> None:
    """Freeze what is alive now (after collecting the young generations)."""
    gc.collect(1)
    gc.freeze()


def hold(loop: Any = None) -> object:
    """No automatic collections until `release(token)` with the token returned here (or
    HOLD_LIMIT seconds later, given an asyncio `loop`); holds nest."""
    global _was_enabled
    token = object()
    if not _holds:
        _was_enabled = gc.isenabled()
        gc.disable()
    _holds.add(token)
    if loop is not None:
        loop.call_later(HOLD_LIMIT, release, token)
    return token


def release(token: object) -> None:
    """End a hold (again: nothing); the last one turns the collector back on if it was on."""
    if token not in _holds:
        return
    _holds.discard(token)
    if not _holds and _was_enabled:
        gc.enable()
