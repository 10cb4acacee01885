"""When a screen paints: as soon as it is asked to, at most MAX_FPS times a second.

Textual paints a screen from an interval timer on a fixed grid of ticks (60 a second).
After an idle spell its catch-up step skips one tick too many, so the first frame after
a frame is due one to two intervals later (17-33 ms): a key pressed 25 ms after the last
frame waited up to 8 ms more for its frame, idle, and that was most of the spread of the
cursor's key repeat (p95 13-18 ms on the article bench). `FrameTimer` paints when asked,
unless the last frame began less than an interval ago (then when the interval is up):
the same cap on frames, no wait added to a key.

`PromptFrames` gives a screen that timer (it replaces Textual's `Screen._update_timer`,
whose only users ask it to pause and resume).
"""

from __future__ import annotations

from textual import _time
from textual.screen import UPDATE_PERIOD
from textual.timer import EventTargetGone, Timer


class FrameTimer(Timer):
    """A paused-until-asked timer whose ticks are at least its interval apart."""

    async def _run(self) -> None:
        interval = self._interval
        last = _time.get_time() - interval
        while True:
            await self._active.wait()
            wait = last + interval - _time.get_time()
            if wait > 0:
                await _time.sleep(wait)
                await self._active.wait()
            self._reset = False
            last = _time.get_time()
            try:
                await self._tick(next_timer=last, count=0)
            except EventTargetGone:
                break


class PromptFrames:
    """Mixin for a Screen: its frames come from a FrameTimer."""

    _frame_timer: FrameTimer | None = None

    @property
    def _update_timer(self) -> Timer:
        if self._frame_timer is None:
            timer = FrameTimer(self, UPDATE_PERIOD, name="screen_update", callback=self._on_timer_update, pause=True)  # type: ignore[attr-defined, arg-type]
            timer._start()
            self._timers.add(timer)  # type: ignore[attr-defined]  (stopped with the screen's other timers)
            self._frame_timer = timer
        return self._frame_timer
