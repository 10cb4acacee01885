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


async def test_frame_timer_paints_at_once_after_a_pause_and_at_most_once_an_interval():
    """reader.ui.frames: a frame asked for after an idle spell is not made to wait for
    a tick one or two intervals away (Textual's grid), and frames stay an interval apart."""
    import time

    from reader.ui.frames import FrameTimer

    class Target:
        pass

    target = Target()
    timer = FrameTimer(target, 0.05, pause=True)
    ticks: list[float] = []

    async def tick(**_: object) -> None:
        ticks.append(time.monotonic())
        timer.pause()  # as a screen's update does

    timer._tick = tick  # type: ignore[method-assign]
    timer._start()
    try:
        await asyncio.sleep(0.12)  # idle
        asked = time.monotonic()
        timer.resume()
        await asyncio.sleep(0.01)
        assert len(ticks) == 1 and ticks[0] - asked < 0.01  # at once
        timer.resume()  # asked again too soon: waits for the interval
        await asyncio.sleep(0.01)
        assert len(ticks) == 1
        await asyncio.sleep(0.08)
        assert len(ticks) == 2 and ticks[1] - ticks[0] >= 0.045
    finally:
        timer.stop()


async def test_an_app_closed_before_the_articles_first_frame_leaves_collection_on(app_factory, settled):
    from test_article import ARTICLE_CORPUS, SIZE

    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        app.open_article("alpha")
        assert not gc.isenabled()  # held from the open to the article's first frame
    assert gc.isenabled()
