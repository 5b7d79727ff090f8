"""Reading and validating the environment: the only place settings come from."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


class ConfigurationError(Exception):
    """Raised at start-up when the environment holds a value the product cannot use."""


@dataclass
class Env:
    """Typed accessors over a mapping of environment variables, collecting every problem."""

    source: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    problems: list[str] = field(default_factory=list)

    def str(self, name: str, default: str | None = None) -> str:
        value = self.source.get(name)
        if value is None or value == "":
            if default is None:
                self.problems.append(f"{name} must be set.")
                return ""
            return default
        return value

    def bool(self, name: str, default: bool) -> bool:
        raw = self.source.get(name)
        if raw is None or raw == "":
            return default
        lowered = raw.strip().lower()
        if lowered in {"1", "true", "yes", "on"}:
            return True
        if lowered in {"0", "false", "no", "off"}:
            return False
        self.problems.append(f"{name} must be true or false (got {raw!r}).")
        return default

    def int(self, name: str, default: int, *, minimum: int | None = None) -> int:
        raw = self.source.get(name)
        if raw is None or raw == "":
            return default
        try:
            value = int(raw)
        except ValueError:
            self.problems.append(f"{name} must be a whole number (got {raw!r}).")
            return default
        if minimum is not None and value < minimum:
            self.problems.append(f"{name} must be at least {minimum} (got {value}).")
            return default
        return value

    def list(self, name: str, default: list[str]) -> list[str]:
        raw = self.source.get(name)
        if raw is None or raw.strip() == "":
            return default
        return [item.strip() for item in raw.split(",") if item.strip()]

    def check(self) -> None:
        """Stop start-up with every problem listed, so an operator can fix them at once."""
        if self.problems:
            listing = "\n  - ".join(self.problems)
            raise ConfigurationError(f"Placeplan cannot start:\n  - {listing}")
