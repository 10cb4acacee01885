"""Decoding, normalising and making article text safe to show.

Article text is untrusted. We keep it as loaded (so offsets stay exact) and map
control characters to visible placeholders of the same length when displaying it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    warnings: tuple[str, ...]


_TEXT_BYTES = bytes([9, 10, 12, 13, 27]) + bytes(range(32, 256))


def looks_binary(head: bytes) -> bool:
    """True for data that is not text: NUL bytes, or mostly non-text bytes."""
    if not head:
        return False
    if b"\x00" in head:
        return True
    bad = len(head.translate(None, _TEXT_BYTES))
    return bad / len(head) > 0.1


def decode(raw: bytes) -> Decoded:
    """UTF-8 (a BOM is dropped); invalid bytes become U+FFFD with a warning.
    Line endings are normalised to LF once, here."""
    warnings: list[str] = []
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = raw.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        warnings.append(
            f"not valid UTF-8 (first bad byte at offset {exc.start}); "
            f"{bad} undecodable byte sequence(s) shown as \ufffd"
        )
    if text.startswith(BOM):
        text = text[1:]
    return Decoded(normalise_newlines(text), tuple(warnings))


def normalise_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


def count_words(text: str) -> int:
    return len(text.split())


# C0 controls (except newline and tab), DEL and C1 controls map to visible, single-cell
# placeholders so a display line keeps exactly the length of the text it shows.
def _build_display_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x20):
        if cp in (0x0A,):
            continue
        table[cp] = chr(0x2400 + cp)  # U+2400 block: ␀ ␁ ... ␛ ...
    table[0x09] = " "  # tab: one cell; wrapping code handles layout
    table[0x7F] = "\u2421"  # ␡
    for cp in range(0x80, 0xA0):
        table[cp] = "\ufffd"
    # Bidirectional overrides and isolates can reorder what a terminal shows.
    for cp in (0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069):
        table[cp] = "\ufffd"
    return table


DISPLAY_TABLE = _build_display_table()


def display_safe(text: str) -> str:
    """Text with every control or escape character replaced by a visible placeholder.

    Same length as the input (one character for one), so offsets stay valid. Newlines
    are kept; callers that render a single line must handle them.
    """
    if "\t" not in text and not has_controls(text):
        return text  # the common case, without building a copy
    return text.translate(DISPLAY_TABLE)


_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def has_controls(text: str) -> bool:
    return _CONTROL_RE.search(text) is not None


def one_line(text: str, limit: int = 200) -> str:
    """A display-safe single line (titles, table cells, notifications)."""
    flat = " ".join(display_safe(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
