"""On-disk cache of analyses, one JSON file per (text, pipeline, analyser version).

A corrupt or truncated entry is discarded and rebuilt; the cache never raises to the user.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import orjson

from reader.core.models import Analysis


class AnalysisCache:
    def __init__(self, root: Path) -> None:
        self.root = Path(root) / "analysis"

    @staticmethod
    def key(sha256: str, pipeline: str, analyser_version: str) -> str:
        return hashlib.sha256(f"{sha256}\0{pipeline}\0{analyser_version}".encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str, sha256: str) -> Analysis | None:
        path = self._path(key)
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        try:
            data = orjson.loads(raw)
            if data.get("key") != key:
                raise ValueError("key mismatch")
            analysis = Analysis.from_dict(data["analysis"])
            if analysis.sha256 != sha256:
                raise ValueError("text hash mismatch")
            return analysis
        except (ValueError, KeyError, TypeError, IndexError, orjson.JSONDecodeError):
            self._discard(path)
            return None

    def put(self, key: str, analysis: Analysis) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            payload = orjson.dumps({"key": key, "analysis": analysis.to_dict()})
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(payload)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            pass  # a read-only or full cache folder only costs speed

    @staticmethod
    def _discard(path: Path) -> None:
        try:
            path.unlink()
        except OSError:
            pass
