"""Messages used by more than one screen. Posted to the app, which forwards the ones
screens care about to the active screen (and the library). Append-only: both UI
engineers add here.

None of them bubble: post them with `self.app.post_message(...)`; the app forwards copies
to screens, and a bubbling copy would come back to the app."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from reader.core.corpus import Listing
    from reader.core.models import Analysis


@dataclass
class CorpusListed(Message, bubble=False):
    """The corpus folder was listed (in a worker)."""

    listing: "Listing"


@dataclass
class AnalysisReady(Message, bubble=False):
    """One article's analysis is available (from the cache or the model)."""

    article_id: str
    analysis: "Analysis"


@dataclass
class AnalysisFailed(Message, bubble=False):
    article_id: str
    message: str


@dataclass
class AnalysisStarted(Message, bubble=False):
    """The background analysis began work on this article."""

    article_id: str


@dataclass
class AnalysisProgress(Message, bubble=False):
    """Background analysis of the corpus: `done` of `total` articles."""

    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, AnalysisProgress)


@dataclass
class ModelReady(Message, bubble=False):
    model_name: str


@dataclass
class ModelFailed(Message, bubble=False):
    message: str


@dataclass
class StoreOpened(Message, bubble=False):
    """The annotation store is open (perhaps read-only); app.store is set."""

    read_only: bool


@dataclass
class AnnotationsChanged(Message, bubble=False):
    """Annotations of this article changed (post to the app after any store change)."""

    article_id: str


@dataclass
class CountsReady(Message, bubble=False):
    """Annotation counts per article and label, read from the store in a worker."""

    counts: dict[str, dict[str, int]]

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, CountsReady)


@dataclass
class ExportFinished(Message, bubble=False):
    """The export worker is done: `summary` (path and counts) or `error` (what went
    wrong, nothing was written). `request` is the dialog's ExportRequest."""

    request: Any
    summary: str = ""
    error: str | None = None


__all__ = [
    "AnalysisFailed",
    "AnalysisProgress",
    "AnalysisReady",
    "AnalysisStarted",
    "AnnotationsChanged",
    "CorpusListed",
    "CountsReady",
    "ExportFinished",
    "ModelFailed",
    "ModelReady",
    "StoreOpened",
]
