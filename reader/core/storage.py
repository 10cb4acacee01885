"""A crash-safe TinyDB storage: a JSON snapshot plus an append-only JSON Lines journal.

Files, for a database at `annotations.json`:

- `annotations.json`: the snapshot, in TinyDB's own JSON layout (`{table: {doc_id: doc}}`);
  TinyDB's default JSONStorage can open it. A table `_meta` holds the format, schema
  version and the sequence number of the last journal record the snapshot contains.
- `annotations.json.journal`: one JSON object per line, `{"seq": n, "ch": [[table,
  doc_id, doc or null], ...]}`, appended and fdatasync'ed before a change is
  acknowledged. A change costs one small append, whatever the size of the database.
- `annotations.json.bak1..3`: the last good snapshots (hard links, so no copying).

Compaction writes a new snapshot (temporary file, fsync, rename, fsync of the folder)
and empties the journal. It runs on open after a crash, on close, and when the journal
outgrows the snapshot, so its cost is amortised over as many changes as the database holds.

A crash can only leave a torn last journal line (a change that was never acknowledged);
it is ignored. Anything else that does not parse is reported, never overwritten.

`JournalTable` is a TinyDB `Table` whose updates see the documents they touch, so each
update journals exactly those documents instead of rewriting the database.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, MutableMapping

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

META_TABLE = "_meta"
_ABSENT = object()


class StorageError(Exception):
    """The database files cannot be read or written; `file` is the culprit."""

    def __init__(self, file: Path, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason


class StorageCorrupt(StorageError):
    """A file that does not parse or has the wrong shape."""


class StorageTooNew(StorageCorrupt):
    """A database written by a newer schema than this program knows."""

    def __init__(self, file: Path, found: int, known: int) -> None:
        super().__init__(file, f"written by a newer version of reader (schema {found}; this version reads up to {known})")
        self.found = found
        self.known = known


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + ".journal")


def backup_paths(path: Path, keep: int = 3) -> list[Path]:
    return [path.with_name(f"{path.name}.bak{i}") for i in range(1, keep + 1)]


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def atomic_write_bytes(path: Path, data: bytes, before_replace: Callable[[], None] | None = None) -> None:
    """Write `data` to a temporary file beside `path`, fsync it, rename it over `path`
    and fsync the folder: `path` holds either the old or the new content, never a mix."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        _write_all(fd, data)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    try:
        if before_replace is not None:
            before_replace()
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def _copy_doc(doc: Any) -> Any:
    return orjson.loads(orjson.dumps(doc)) if doc is not _ABSENT else _ABSENT


class _TrackedTable(MutableMapping):
    """The dict TinyDB's updaters see (int doc ids) over the stored table (str doc
    ids). It records a copy of each document it hands out before it can change."""

    __slots__ = ("raw", "touched")

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw
        self.touched: dict[str, Any] = {}

    def _touch(self, key: str) -> None:
        if key not in self.touched:
            self.touched[key] = _copy_doc(self.raw.get(key, _ABSENT))

    def __getitem__(self, doc_id: Any) -> Any:
        key = str(doc_id)
        self._touch(key)
        return self.raw[key]

    def __setitem__(self, doc_id: Any, doc: Any) -> None:
        key = str(doc_id)
        self._touch(key)
        self.raw[key] = doc

    def __delitem__(self, doc_id: Any) -> None:
        key = str(doc_id)
        self._touch(key)
        del self.raw[key]

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self.raw

    def __iter__(self) -> Iterator[int]:
        return (int(k) for k in list(self.raw))

    def __len__(self) -> int:
        return len(self.raw)


class JournalTable(Table):
    def _update_table(self, updater: Callable[[dict[int, Mapping]], None]) -> None:
        storage = self._storage
        if not isinstance(storage, JournalStorage):  # pragma: no cover - used with other storages
            super()._update_table(updater)
            return
        raw = storage.read().setdefault(self.name, {})
        view = _TrackedTable(raw)
        try:
            updater(view)  # type: ignore[arg-type]
        finally:
            self.clear_cache()
            storage.changed(self.name, view.touched)


class JournalDB(TinyDB):
    table_class = JournalTable


class JournalStorage(Storage):
    """See the module docstring. Not thread-safe: callers hold their own lock."""

    def __init__(
        self,
        path: Path,
        *,
        format_name: str,
        schema: int,
        read_only: bool = False,
        backups: int = 3,
        compact_min_bytes: int = 8 * 2**20,
        validate: Callable[[dict[str, dict[str, Any]]], None] | None = None,
    ) -> None:
        self.path = Path(path)
        self.journal = journal_path(self.path)
        self.format_name = format_name
        self.schema = schema
        self.read_only = read_only
        self.backups = backups
        self.compact_min_bytes = compact_min_bytes
        self._validate = validate
        self._jfd: int | None = None
        self._txn: dict[tuple[str, str], Any] | None = None
        self._txn_depth = 0
        self.snapshot_bytes = 0
        self.journal_bytes = 0
        self.recovered_records = 0
        self.seq = 0
        self._data: dict[str, dict[str, Any]] = {}
        self._load()
        if not read_only:
            if not self.path.exists():
                self.compact()
            elif self.journal.exists() and self.journal.stat().st_size > 0:
                self.compact()  # fold in what a crashed session left, drop a torn tail
            self._jfd = os.open(self.journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            fsync_dir(self.path.parent)
            self.journal_bytes = os.fstat(self._jfd).st_size

    # ------------------------------------------------------------ loading

    def _empty(self) -> dict[str, dict[str, Any]]:
        return {META_TABLE: {"1": {"format": self.format_name, "schema": self.schema, "seq": 0}}}

    def _load(self) -> None:
        for _attempt in range(20):  # a read-only reader may race the writer's compaction
            try:
                st = self.path.stat()
            except FileNotFoundError:
                if self.journal.exists() and self.journal.stat().st_size > 0:
                    raise StorageCorrupt(self.path, f"the file is missing but its journal {self.journal.name} is not")
                self._data, self.seq, self.snapshot_bytes = self._empty(), 0, 0
                return
            except OSError as exc:
                raise StorageError(self.path, f"cannot read: {exc.strerror or exc}") from exc
            data, seq = self._read_snapshot()
            gap = self._replay(data, seq)
            try:
                same = self.path.stat().st_ino == st.st_ino
            except OSError:
                same = False
            if same and not gap:
                if self._validate is not None:
                    self._validate(data)
                self._data = data
                return
        raise StorageError(self.path, "the database kept changing while being read; try again")

    def _read_snapshot(self) -> tuple[dict[str, dict[str, Any]], int]:
        try:
            raw = self.path.read_bytes()
        except OSError as exc:
            raise StorageError(self.path, f"cannot read: {exc.strerror or exc}") from exc
        self.snapshot_bytes = len(raw)
        if not raw.strip():
            raise StorageCorrupt(self.path, f"the file is empty ({len(raw)} bytes); a database written by reader never is")
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise StorageCorrupt(self.path, f"not valid JSON ({exc}); the file is truncated or was damaged") from exc
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise StorageCorrupt(self.path, "valid JSON but not a TinyDB database (expected an object of tables)")
        meta = data.get(META_TABLE, {}).get("1")
        if not isinstance(meta, dict) or meta.get("format") != self.format_name:
            raise StorageCorrupt(self.path, f"valid JSON but not a reader annotation database (no {META_TABLE} table naming the format {self.format_name!r})")
        schema, seq = meta.get("schema"), meta.get("seq")
        if not isinstance(schema, int) or not isinstance(seq, int) or isinstance(schema, bool):
            raise StorageCorrupt(self.path, f"the {META_TABLE} table has no valid schema version and sequence number")
        if schema > self.schema:
            raise StorageTooNew(self.path, schema, self.schema)
        for name, table in data.items():
            for key, doc in table.items():
                if not key.isdigit() or not isinstance(doc, dict):
                    raise StorageCorrupt(self.path, f"table {name!r}: entry {key!r} is not a document with a numeric id")
        return data, seq

    def _replay(self, data: dict[str, dict[str, Any]], seq: int) -> bool:
        """Apply the journal to `data`; True if records are missing (a compaction raced us)."""
        try:
            raw = self.journal.read_bytes()
        except FileNotFoundError:
            raw = b""
        except OSError as exc:
            raise StorageError(self.journal, f"cannot read: {exc.strerror or exc}") from exc
        lines = raw.split(b"\n")
        lines.pop()  # after the last newline: empty, or a torn write never acknowledged
        self.recovered_records = 0
        for number, line in enumerate(lines, 1):
            try:
                rec = orjson.loads(line)
                rec_seq, changes = rec["seq"], rec["ch"]
                if not isinstance(rec_seq, int) or not isinstance(changes, list):
                    raise ValueError
            except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
                raise StorageCorrupt(self.journal, f"line {number} is not a valid journal record") from None
            if rec_seq <= seq:
                continue
            if rec_seq != seq + 1:
                return True
            for change in changes:
                if not (isinstance(change, list) and len(change) == 3 and isinstance(change[0], str)
                        and isinstance(change[1], str) and (change[2] is None or isinstance(change[2], dict))):
                    raise StorageCorrupt(self.journal, f"line {number} holds a malformed change")
                table = data.setdefault(change[0], {})
                if change[2] is None:
                    table.pop(change[1], None)
                else:
                    table[change[1]] = change[2]
            seq = rec_seq
            self.recovered_records += 1
        self.seq = seq
        return False

    # ------------------------------------------------------------ TinyDB Storage API

    def read(self) -> dict[str, dict[str, Any]]:
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """TinyDB's whole-database write (drop_table and the like): a full compaction."""
        self._check_writable()
        self._data = data
        self.compact()

    def close(self) -> None:
        if self._jfd is None:
            return
        try:
            if self.journal_bytes > 0:
                self.compact()
        finally:
            os.close(self._jfd)
            self._jfd = None

    # ------------------------------------------------------------ changes

    def _check_writable(self) -> None:
        if self.read_only:
            raise StorageError(self.path, "opened read-only; changes cannot be saved")
        if self._jfd is None and self.path.exists():
            raise StorageError(self.path, "the database is closed")

    def changed(self, table: str, touched: Mapping[str, Any]) -> None:
        if self._txn is not None:
            for key, before in touched.items():
                self._txn.setdefault((table, key), before)
            return
        with self.transaction():
            self.changed(table, touched)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group changes into one journal record: all of them are durable, or none."""
        if self._txn is not None:
            self._txn_depth += 1
            try:
                yield
            finally:
                self._txn_depth -= 1
            return
        self._txn = {}
        self._txn_depth = 1
        try:
            yield
            if self._txn:
                self._commit(self._txn)
        except BaseException:
            self._rollback(self._txn)
            raise
        finally:
            self._txn = None
            self._txn_depth = 0

    def _rollback(self, befores: Mapping[tuple[str, str], Any]) -> None:
        for (table, key), before in befores.items():
            raw = self._data.setdefault(table, {})
            if before is _ABSENT:
                raw.pop(key, None)
            else:
                raw[key] = before

    def _commit(self, befores: Mapping[tuple[str, str], Any]) -> None:
        if self.read_only:
            return  # a read-only store keeps changes such as re-anchoring in memory
        self._check_writable()
        assert self._jfd is not None
        changes = [[t, k, self._data.get(t, {}).get(k)] for (t, k) in befores]
        line = orjson.dumps({"seq": self.seq + 1, "ch": changes}) + b"\n"
        try:
            _write_all(self._jfd, line)
            os.fdatasync(self._jfd)
        except OSError as exc:
            try:
                os.ftruncate(self._jfd, self.journal_bytes)
            except OSError:
                pass
            raise StorageError(self.journal, f"cannot save the change: {exc.strerror or exc}") from exc
        self.seq += 1
        self.journal_bytes += len(line)
        if self.journal_bytes > max(self.compact_min_bytes, self.snapshot_bytes):
            try:
                self.compact()
            except StorageError:
                pass  # the change is in the journal; compaction is retried later

    def compact(self) -> None:
        """Write the whole state as the new snapshot and empty the journal."""
        if self.read_only:
            return
        meta = self._data.setdefault(META_TABLE, {}).setdefault("1", {})
        meta.update({"format": self.format_name, "schema": self.schema, "seq": self.seq})
        data = orjson.dumps(self._data)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self.path, data, before_replace=self._rotate_backups)
            if self._jfd is not None:
                os.ftruncate(self._jfd, 0)
                os.fsync(self._jfd)
            elif self.journal.exists():
                with open(self.journal, "r+b") as fh:
                    fh.truncate(0)
                    os.fsync(fh.fileno())
        except OSError as exc:
            raise StorageError(self.path, f"cannot write: {exc.strerror or exc}") from exc
        self.snapshot_bytes = len(data)
        self.journal_bytes = 0

    def _rotate_backups(self) -> None:
        if self.backups <= 0 or not self.path.exists():
            return
        paths = backup_paths(self.path, self.backups)
        paths[-1].unlink(missing_ok=True)
        for older, newer in zip(reversed(paths[:-1]), reversed(paths[1:])):
            if older.exists():
                os.replace(older, newer)
        try:
            os.link(self.path, paths[0])
        except OSError:
            paths[0].write_bytes(self.path.read_bytes())
