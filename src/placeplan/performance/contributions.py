"""What performance contributes to the workspace: its sections (plugged in from
``apps.py``)."""

from placeplan.workspace.registry import Section

SECTIONS = (
    Section(
        "Import data",
        "performance:data",
        "load partners' figures from a spreadsheet",
        400,
        permission="performance.import_data",
    ),
    Section(
        "API tokens",
        "performance:tokens",
        "keys for partner systems that send figures",
        410,
        permission="performance.manage_tokens",
    ),
)
