"""Hash chain over entries and voids: a row changed behind the tool's back breaks it.

An entry's record hash has had two forms, told apart by the row's `seal` column:

- seal 1 (schema versions 1-8): previous hash, id, fingerprint, who and when. The fingerprint
  holds the subject's and criterion's *ids*, so swapping two subjects' codes behind the tool's
  back re-attributed every entry between them without breaking anything.
- seal 2 (schema version 9 on): the same, plus the campaign's, subject's and criterion's codes
  (case-folded: reloading a campaign may change a criterion code's case, never its identity).
"""

from __future__ import annotations

from hashlib import sha256

GENESIS = "0" * 64
SEAL_IDS = 1
SEAL_CODES = 2


def entry_fingerprint(campaign_id: int, subject_id: int, criterion_id: int, day: str, points: int, note: str, evidence: str) -> str:
    """What makes two entries 'the same achievement' (used to skip re-imports).

    The text is the fields joined by U+001F; an f-string builds the same bytes as joining their str()
    and costs less (an import hashes every row)."""
    return sha256(f"{campaign_id}\x1f{subject_id}\x1f{criterion_id}\x1f{day}\x1f{points}\x1f{note}\x1f{evidence}".encode()).hexdigest()


def entry_hash(prev_hash: str, entry_id: int, fingerprint: str, recorded_by: str, recorded_at: str) -> str:
    """The seal-1 record hash (kept to verify rows written before schema version 9)."""
    text = "\x1f".join(("entry", prev_hash, str(entry_id), fingerprint, recorded_by, recorded_at))
    return sha256(text.encode("utf-8")).hexdigest()


def entry_seal(
    prev_hash: str, entry_id: int, fingerprint: str, recorded_by: str, recorded_at: str,
    campaign_code: str, subject_code: str, criterion_code: str,
) -> str:
    """The seal-2 record hash: also bound to the codes the entry is read under (fields joined by U+001F)."""
    return sha256((
        f"entry2\x1f{prev_hash}\x1f{entry_id}\x1f{fingerprint}\x1f{recorded_by}\x1f{recorded_at}"
        f"\x1f{campaign_code.casefold()}\x1f{subject_code.casefold()}\x1f{criterion_code.casefold()}"
    ).encode()).hexdigest()


def void_hash(prev_hash: str, void_id: int, entry_id: int, reason: str, recorded_by: str, recorded_at: str) -> str:
    text = "\x1f".join(("void", prev_hash, str(void_id), str(entry_id), reason, recorded_by, recorded_at))
    return sha256(text.encode("utf-8")).hexdigest()
