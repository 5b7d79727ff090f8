"""What the public site contributes to the workspace: a way to its partnership pages
(plugged in from ``apps.py``)."""

from placeplan.workspace.registry import Section

SECTIONS = (
    Section("Public pages", "public:partnership", "what the public sees of the partnership", 1000),
)
