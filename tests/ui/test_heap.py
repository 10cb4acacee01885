"""reader.ui.heap: holding automatic garbage collections for the length of a frame."""

from __future__ import annotations

import asyncio
import gc

from reader.ui import heap


def test_holds_nest_and_the_last_release_turns_collection_back_on():
    assert gc.isenabled()
    first = heap.hold()
    second = heap.hold()
    assert not gc.isenabled()
    heap.release(first)
    heap.release(first)  # again: nothing
    assert not gc.isenabled()
    heap.release(second)
    assert gc.isenabled()


def test_a_hold_never_released_ends_by_itself(monkeypatch):
    monkeypatch.setattr(heap, "HOLD_LIMIT", 0.01)

    async def forgotten() -> None:
        heap.hold(asyncio.get_running_loop())
        assert not gc.isenabled()
        await asyncio.sleep(0.05)

    asyncio.run(forgotten())
    assert gc.isenabled()


def test_collection_left_off_by_someone_else_stays_off():
    gc.disable()
    try:
        token = heap.hold()
        heap.release(token)
        assert not gc.isenabled()
    finally:
        gc.enable()
