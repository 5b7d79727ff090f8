"""The signed-in workspace: a partnership's home, and its governance pages."""
