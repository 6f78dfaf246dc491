"""Source locations: 1-based lines and columns counted in characters, ``end_column`` exclusive."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Location(BaseModel):
    """A span in a source file: 1-based lines and columns, ``end_column`` exclusive."""

    model_config = ConfigDict(frozen=True)

    path: str
    line: int = Field(ge=1)
    column: int = Field(ge=1)
    end_line: int = Field(ge=1)
    end_column: int = Field(ge=1)

    @classmethod
    def point(cls, path: str, line: int = 1, column: int = 1) -> Location:
        """A zero-width location (used for whole-file and whole-rubric findings)."""
        return cls(path=path, line=line, column=column, end_line=line, end_column=column)
