"""Help: the keys that work on the current screen, generated from its active bindings
(so a remapped key shows its new key), never written by hand."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


@dataclass(frozen=True)
class KeyHelp:
    keys: str  # "j, ↓"
    description: str
    binding_id: str
    where: str  # "Library", "Everywhere", "ArticleList"
    action: str = ""
    node: object = field(default=None, compare=False, repr=False)


def _where(node: object) -> str:
    """The section a binding is listed under: a node's HELP_GROUP, else its class name."""
    if isinstance(node, App):
        return "Everywhere"
    name = getattr(node, "HELP_GROUP", None) or type(node).__name__
    return name.removesuffix("Screen") or name


def describe_bindings(screen: Screen) -> list[KeyHelp]:
    """One entry per binding active on `screen` (its focused widget chain, the screen
    and the app), keys of the same binding together. Bindings of Textual's own widgets
    (text editing in an input) are left out; so are ones without a description."""
    app = screen.app
    grouped: dict[tuple[int, str, str], tuple[object, Binding, list[str]]] = {}
    for key, active in screen.active_bindings.items():
        node, binding = active.node, active.binding
        if not binding.description or binding.system:
            continue
        if not isinstance(node, (App, Screen)) and type(node).__module__.startswith("textual."):
            continue
        group = (id(node), binding.action, binding.description)
        _, first, keys = grouped.setdefault(group, (node, binding, []))
        if binding.id and not first.id:  # keep the remappable binding's id, and its key first
            grouped[group] = (node, binding, keys)
            keys.insert(0, app.get_key_display(binding))
        else:
            keys.append(app.get_key_display(binding))
    entries = [
        KeyHelp(", ".join(dict.fromkeys(keys)), binding.description, binding.id or "", _where(node), binding.action, node)
        for node, binding, keys in grouped.values()
    ]
    # The screen's own keys first, then its widgets', then the app's; within a section,
    # remappable bindings (with an id) first, in the order they are defined.
    section = {_where(screen): 0, "Everywhere": 2}
    return sorted(entries, key=lambda e: (section.get(e.where, 1), e.where, not e.binding_id))


def bindings_table(entries: list[KeyHelp]) -> Table:
    table = Table(box=None, expand=True, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("Key", no_wrap=True, style="bold")
    table.add_column("Does", ratio=3, overflow="fold")
    table.add_column("Id", ratio=2, style="dim", no_wrap=True, overflow="ellipsis")
    where = None
    for e in entries:
        if e.where != where:
            where = e.where
            table.add_row(Text(where, style="bold underline"), end_section=False)
        table.add_row(Text(e.keys), Text(e.description), Text(e.binding_id))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close")]

    def __init__(self, entries: list[KeyHelp], title: str = "Keys") -> None:
        super().__init__(classes="dialog")
        self.entries = entries
        self.title_text = title

    @classmethod
    def for_screen(cls, screen: Screen) -> "HelpScreen":
        return cls(describe_bindings(screen), f"Keys: {_where(screen)}")

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-body help-body"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            yield Static(bindings_table(self.entries), id="help-table")
            yield Static(
                "Every action is also in the command palette (ctrl+p). Remap a key by its id in reader.toml:\n"
                '  [keys]\n  "library.sort" = "o"\n'
                "Esc closes this help.",
                classes="dialog-hint",
                markup=False,
            )
