"""Two texts compared word by word (Python's ``difflib``), for the moderation queue and the
comparison of versions. The pieces are plain text: a template shows them escaped, marking
what was added and removed in words as well as by style."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_TOKENS = re.compile(r"\s+|[^\s]+")

SAME, ADDED, REMOVED = "same", "added", "removed"


@dataclass(frozen=True)
class Piece:
    kind: str  # SAME, ADDED or REMOVED
    text: str


@dataclass(frozen=True)
class Comparison:
    pieces: list[Piece]

    @property
    def added(self) -> int:
        """How many words were added."""
        return sum(len(p.text.split()) for p in self.pieces if p.kind == ADDED)

    @property
    def removed(self) -> int:
        return sum(len(p.text.split()) for p in self.pieces if p.kind == REMOVED)

    @property
    def unchanged(self) -> bool:
        return all(p.kind == SAME for p in self.pieces)


def compare(old: str, new: str) -> Comparison:
    """What changed from ``old`` to ``new``, as runs of unchanged, removed and added text
    (a replaced run is its removal then its addition)."""
    before, after = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece(SAME, "".join(before[a1:a2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(Piece(REMOVED, "".join(before[a1:a2])))
        if op in ("insert", "replace"):
            pieces.append(Piece(ADDED, "".join(after[b1:b2])))
    return Comparison(pieces)
