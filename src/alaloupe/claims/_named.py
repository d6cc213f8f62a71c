"""What a mention names as a speaker (`Named`), shared by the naming rules and pronoun resolution."""

from __future__ import annotations

from dataclasses import dataclass

UNKNOWN = "unknown"


@dataclass(frozen=True)
class Named:
    """What a mention names: `speaker` (a name, "vague" or "unknown"), `how` (the resolution, "" when the words
    name the speaker themselves), and for a later pronoun: `kind` ("PER", "ORG", "vague", "other"), gender, number."""

    speaker: str
    how: str = ""
    kind: str = "other"
    gender: str | None = None
    plural: bool = False
    line: int = 0
