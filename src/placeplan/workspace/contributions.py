"""The workspace's own section: its home (plugged in from ``apps.py``)."""

from placeplan.workspace.registry import Section

SECTIONS = (Section("Workspace home", "workspace:home", "every section of the workspace", 0),)
