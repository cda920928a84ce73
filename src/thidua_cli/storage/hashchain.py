"""Hash chain over entries and voids: a row changed behind the tool's back breaks it."""

from __future__ import annotations

import hashlib

GENESIS = "0" * 64


def entry_fingerprint(campaign_id: int, subject_id: int, criterion_id: int, day: str, points: int, note: str, evidence: str) -> str:
    """What makes two entries 'the same achievement' (used to skip re-imports)."""
    text = "\x1f".join((str(campaign_id), str(subject_id), str(criterion_id), day, str(points), note, evidence))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def entry_hash(prev_hash: str, entry_id: int, fingerprint: str, recorded_by: str, recorded_at: str) -> str:
    text = "\x1f".join(("entry", prev_hash, str(entry_id), fingerprint, recorded_by, recorded_at))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def void_hash(prev_hash: str, void_id: int, entry_id: int, reason: str, recorded_by: str, recorded_at: str) -> str:
    text = "\x1f".join(("void", prev_hash, str(void_id), str(entry_id), reason, recorded_by, recorded_at))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
