"""The result type of every automated check, and the rules for merging overlapping results."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, get_args

Kind = Literal[
    "secret",
    "privacy-id",
    "privacy-phone",
    "privacy-bankcard",
    "sensitive-word",
    "wording",
    "leader-name",
    "place-name",
    "link",
]
Severity = Literal["high", "medium"]

KINDS: tuple[Kind, ...] = get_args(Kind)

# Single-veto items of the national inspection rules (国办秘函〔2019〕19号) are "high";
# the rest need a human look but do not by themselves fail an inspection.
_HIGH_KINDS = frozenset({"secret", "privacy-id", "privacy-phone", "privacy-bankcard", "wording", "leader-name"})


def default_severity(kind: Kind) -> Severity:
    return "high" if kind in _HIGH_KINDS else "medium"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a text. `text[start:end] == matched`; `masked` is what a screen may show."""

    kind: Kind
    start: int
    end: int
    matched: str
    masked: str
    message: str
    severity: Severity


def make_finding(
    kind: Kind,
    text: str,
    start: int,
    end: int,
    message: str,
    *,
    masked: str | None = None,
    severity: Severity | None = None,
) -> Finding:
    matched = text[start:end]
    return Finding(
        kind=kind,
        start=start,
        end=end,
        matched=matched,
        masked=matched if masked is None else masked,
        message=message,
        severity=default_severity(kind) if severity is None else severity,
    )


def _rank(f: Finding) -> tuple[int, int, int]:
    # Earliest first, then longest, then the stronger one: the one kept when two overlap.
    return (f.start, f.start - f.end, 0 if f.severity == "high" else 1)


def dedupe_same_kind(findings: Iterable[Finding]) -> list[Finding]:
    """Drop a finding that overlaps an already kept finding of the same kind."""
    kept: list[Finding] = []
    last_end: dict[str, int] = {}
    for f in sorted(findings, key=_rank):
        if f.start < last_end.get(f.kind, -1):
            continue
        kept.append(f)
        last_end[f.kind] = f.end
    return kept


def drop_overlapping(findings: list[Finding], stronger: list[Finding]) -> list[Finding]:
    """Keep only the findings that overlap none of `stronger` (e.g. a phone inside an ID number)."""
    if not stronger:
        return findings
    spans = sorted((s.start, s.end) for s in stronger)
    out: list[Finding] = []
    for f in findings:
        if not any(s < f.end and f.start < e for s, e in spans):
            out.append(f)
    return out
