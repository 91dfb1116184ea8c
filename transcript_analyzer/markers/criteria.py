"""Whether a self-disclosure episode is inappropriate: the Hill & Knox (2002) criteria of the
codebook (section 5.3), counted, with the two cut-offs the criteria leave open (how long is long,
how many is frequent) and the probabilities learned from the project's annotated disclosures.

The decision follows the literature's central recommendation (disclose briefly, then return the
focus to the client): an episode is inappropriate when the focus does not return to the client and
at least one other criterion holds (long, intimate and unasked-for, frequent, the client caring for
the therapist or pulling the talk back), or when three other criteria hold whatever happens next.
The probability rises with the number of criteria met: an isotonic fit of 'inappropriate' on that
number over the annotated episodes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ModelError
from ..resources import find_model, verify
from .rules import Episode

CRITERIA = ("long", "intimate", "frequent", "client_reaction")  # besides the return of focus


@dataclass(frozen=True)
class DisclosureCriteria:
    long_words: int = 40  # an episode this long (or spanning turns) is long
    frequent_from: int = 3  # the n-th disclosure episode of a session and later are frequent
    rates: dict[str, float] = field(default_factory=dict)  # criteria met ("0"-"5") -> P(inappropriate)
    base_rate: float = 0.25
    name: str = "disclosure_appropriateness"
    version: str = "1.0"
    sha256: str | None = None
    info: dict[str, Any] = field(default_factory=dict)

    def criteria(self, episode: Episode) -> dict[str, bool]:
        """Which of the criteria the episode meets."""
        return {
            "long": episode.words >= self.long_words or episode.turns > 1,
            "intimate": episode.intimate and not episode.solicited,
            "frequent": episode.number >= self.frequent_from,
            "client_reaction": episode.client_next in ("caretaking", "redirect"),
            "no_return": not episode.returns_focus,
        }

    @staticmethod
    def decide_from(met: dict[str, bool]) -> bool:
        others = sum(met[c] for c in CRITERIA)
        return (met["no_return"] and others >= 1) or others >= 3

    @staticmethod
    def pattern(met: dict[str, bool]) -> str:
        """The cell of the probability table: how many of the five criteria are met."""
        return str(sum(met.values()))

    def probability(self, met: dict[str, bool]) -> float:
        return self.rates.get(self.pattern(met), self.base_rate)

    def judge(self, episode: Episode) -> tuple[float, bool, list[str]]:
        """P(inappropriate), the decision, and the criteria met in words."""
        met = self.criteria(episode)
        return self.probability(met), self.decide_from(met), self.reasons(episode, met)

    def reasons(self, episode: Episode, met: dict[str, bool]) -> list[str]:
        words = {
            "long": f"long disclosure ({episode.words} words, {len(episode.utterances)} utterances"
                    f"{f', {episode.turns} turns' if episode.turns > 1 else ''})",
            "intimate": "intimate content, not asked for",
            "frequent": f"frequent: disclosure episode number {episode.number} in the session",
            "client_reaction": {"caretaking": "the client takes care of the therapist next",
                                "redirect": "the client pulls the talk back to their own situation"}.get(episode.client_next, ""),
            "no_return": "the focus does not return to the client",
        }
        return [words[c] for c in ("no_return", *CRITERIA) if met[c]]

    # --- saving and loading -----------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {"kind": "disclosure_criteria", "name": self.name, "version": self.version,
                "long_words": self.long_words, "frequent_from": self.frequent_from,
                "rates": self.rates, "base_rate": self.base_rate, "info": self.info}

    def save(self, folder: Path) -> list[str]:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "criteria.json").write_text(json.dumps(self.to_json(), indent=2) + "\n", encoding="utf-8")
        return ["criteria.json"]

    @classmethod
    def load(cls, name_or_path: str | Path = "disclosure_appropriateness") -> DisclosureCriteria:
        folder = find_model(str(name_or_path))
        sums = verify(folder)
        try:
            meta = json.loads((folder / "criteria.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise ModelError(f"{folder}: no readable criteria.json ({e}); retrain it with "
                             "pipelines/disclosure_appropriateness.toml") from e
        if meta.get("kind") != "disclosure_criteria":
            raise ModelError(f"{folder}: criteria.json does not describe disclosure criteria")
        return cls(long_words=int(meta["long_words"]), frequent_from=int(meta["frequent_from"]),
                   rates={k: float(v) for k, v in meta["rates"].items()}, base_rate=float(meta["base_rate"]),
                   name=meta["name"], version=meta.get("version", "1.0"), sha256=sums.get("criteria.json"),
                   info=meta.get("info", {}))
