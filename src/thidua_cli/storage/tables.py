"""The ledger schema (SQLModel). Points are integer hundredths."""

from __future__ import annotations

from datetime import date
from typing import Optional

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class Meta(SQLModel, table=True):
    __tablename__ = "meta"
    key: str = Field(primary_key=True)
    value: str


class Campaign(SQLModel, table=True):
    __tablename__ = "campaign"
    id: Optional[int] = Field(default=None, primary_key=True)
    code: str = Field(unique=True)
    name: str
    kind: str
    plan: str
    issued: Optional[date] = None
    start: date
    end: date
    agency: str
    parent_agency: str = ""
    place: str = ""
    base_salary: int
    settings: str = "{}"  # JSON: the optional keys (signer, recipients, rounding …)
    source: str = ""  # the TOML text last loaded
    loaded_at: str
    # schema version 14: the office the campaign belongs to on a shared server (`agency`); None in an
    # office's own file, where every campaign is the office's
    agency_id: Optional[int] = Field(default=None, foreign_key="agency.id")


class Criterion(SQLModel, table=True):
    __tablename__ = "criterion"
    __table_args__ = (UniqueConstraint("campaign_id", "code"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id")
    code: str
    name: str
    applies_to: str
    max_points: Optional[int] = None
    min_points: Optional[int] = None
    weight: str = "1"
    description: str = ""
    initiative: bool = False
    penalty: bool = False
    position: int = 0


class Tier(SQLModel, table=True):
    __tablename__ = "tier"
    id: Optional[int] = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id")
    name: str
    min_score: str
    applies_to: str = "both"
    position: int = 0


class AwardDefinition(SQLModel, table=True):
    __tablename__ = "award"
    __table_args__ = (UniqueConstraint("campaign_id", "code"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id")
    code: str
    name: str
    level: int
    applies_to: str
    min_score: str = "0"
    authority: str = ""
    multiplier: str = "0"
    collective_multiplier: Optional[str] = None
    quota_percent: Optional[str] = None
    max_count: Optional[int] = None
    requires_no_penalty: bool = False
    requires: str = "[]"  # JSON list of award codes
    vote_threshold: Optional[str] = None
    agency_decides: bool = False
    position: int = 0
    # schema version 7: danh hiệu or hình thức; the danh hiệu granted `with` it (JSON list of codes);
    # every prerequisite, plain codes and years alike (JSON list of objects, `Prerequisite` fields).
    category: str = Field(default="hinh-thuc", sa_column_kwargs={"server_default": "hinh-thuc"})
    with_awards: str = Field(default="[]", sa_column_kwargs={"server_default": "[]"})
    prerequisites: str = Field(default="[]", sa_column_kwargs={"server_default": "[]"})


class BaseSalary(SQLModel, table=True):
    __tablename__ = "base_salary"
    id: Optional[int] = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id")
    start: date
    amount: int


class Subject(SQLModel, table=True):
    __tablename__ = "subject"
    id: Optional[int] = Field(default=None, primary_key=True)
    code: str = Field(unique=True)
    name: str
    kind: str
    unit: Optional[str] = None
    position: Optional[str] = None
    gender: Optional[str] = None
    female_percent: Optional[str] = None
    match_key: str = Field(index=True)
    fold_key: str = Field(index=True)
    blocked: bool = False
    block_reason: Optional[str] = None
    active: bool = True
    created_at: str
    # JSON object of the personal or unit details a báo cáo thành tích needs (schema version 4):
    # keys in `domain.models.SUBJECT_DETAIL_FIELDS`; values as the office typed them.
    details: str = Field(default="{}", sa_column_kwargs={"server_default": "{}"})
    # schema version 14: the office whose person or collective this is, on a shared server (`agency`);
    # everyone reads the province's subjects, only their own office changes them
    agency_id: Optional[int] = Field(default=None, foreign_key="agency.id")


class NameOrder(SQLModel, table=True):
    """Each subject's Vietnamese name-order key (`domain.scoring.name_sort_bytes`), so that the
    standings' ties are put in name order by comparing bytes instead of building 20,000 keys."""

    __tablename__ = "name_order"
    subject_id: int = Field(foreign_key="subject.id", primary_key=True)
    sort_key: bytes


class Entry(SQLModel, table=True):
    __tablename__ = "entry"
    __table_args__ = (
        # Covering indexes: the standings read only these columns (STYLE: 0.25 s on 1M rows).
        Index("ix_entry_scoring", "campaign_id", "subject_id", "criterion_id", "day", "points"),
        Index("ix_entry_by_day", "campaign_id", "day", "subject_id", "criterion_id", "points"),
        # No index on the fingerprint (dropped in schema 17): an import's duplicate lookup reads the few entries
        # of the row's subject, criterion, day and points through ix_entry_scoring and compares fingerprints there.
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id")
    subject_id: int = Field(foreign_key="subject.id")
    criterion_id: int = Field(foreign_key="criterion.id")
    day: date
    points: int
    note: str = ""
    evidence: str = ""
    recorded_by: str = ""
    recorded_at: str
    fingerprint: str
    prev_hash: str
    hash: str
    import_id: Optional[int] = Field(default=None, foreign_key="import_batch.id")  # schema version 5: the file it came from
    # schema version 9: which form of the record hash sealed the row (`storage.hashchain`):
    # 1 = bound to ids only (older rows), 2 = also bound to the campaign, subject and criterion codes.
    seal: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class ImportBatch(SQLModel, table=True):
    """One import of a file (schema version 5): what was read, when, by whom; `void-import` undoes its entries."""

    __tablename__ = "import_batch"
    id: Optional[int] = Field(default=None, primary_key=True)
    kind: str  # entries | subjects | awards | ratings | registrations (services.imports.KIND_LABELS)
    file: str  # the file's name as given
    sha256: str = Field(index=True)
    rows: int  # data rows read
    added: int  # records written (rows less exact duplicates)
    at: str
    recorded_by: str = ""
    voided_at: Optional[str] = None
    void_reason: Optional[str] = None
    voided_by: Optional[str] = None
    # schema version 15: the agency whose office imported the file (a shared server keeps each office's own)
    agency_id: Optional[int] = Field(default=None, foreign_key="agency.id")
    # schema version 23: the sheet asked for (--sheet) of a workbook imported a sheet at a time; None: the file's
    # own choice. A file is known again by its content and this sheet.
    sheet: Optional[str] = None


class Void(SQLModel, table=True):
    __tablename__ = "void"
    id: Optional[int] = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="entry.id", unique=True)
    reason: str
    recorded_by: str = ""
    recorded_at: str
    prev_hash: str
    hash: str


class Round(SQLModel, table=True):
    __tablename__ = "round"
    __table_args__ = (UniqueConstraint("campaign_id", "number"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id")
    number: int
    period_from: date
    period_to: date
    created_at: str
    created_by: str = ""
    result: str  # JSON: the round as computed (proposals, ties, standings summary)
    votes: Optional[str] = None  # JSON: members and votes per candidate
    decision_number: Optional[str] = None  # the agency head's own decision, kept for readers of schema ≤ 5
    decision_date: Optional[date] = None
    out_dir: Optional[str] = None
    # schema version 6: a round is cancelled, never deleted (thidua rounds cancel, propose-awards --replace)
    cancelled_at: Optional[str] = None
    cancelled_by: Optional[str] = None
    cancel_reason: Optional[str] = None


class Decision(SQLModel, table=True):
    """One decision (quyết định khen thưởng) of one deciding authority for one round (schema version 6).

    Append-only: a correction is a new decision naming the one it `corrects`, with its reason; the
    corrected one stays, and its award-history rows no longer count (`storage.decisions.LIVE_HISTORY`)."""

    __tablename__ = "decision"
    __table_args__ = (Index("ix_decision_number_key", "number_key"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="round.id", index=True)
    campaign_id: int = Field(foreign_key="campaign.id")
    authority: str  # as the campaign's awards name it ("Chủ tịch UBND tỉnh Trà Vinh")
    number: str  # as typed ("35/QĐ-STTTT")
    number_key: str  # folded, without spaces: what makes two numbers the same
    day: date
    recorded_at: str
    recorded_by: str = ""
    corrects: Optional[int] = Field(default=None, foreign_key="decision.id", unique=True)
    reason: Optional[str] = None  # why the corrected decision was wrong


class AwardHistory(SQLModel, table=True):
    __tablename__ = "award_history"
    id: Optional[int] = Field(default=None, primary_key=True)
    subject_id: int = Field(foreign_key="subject.id", index=True)  # schema version 2
    award: str
    name: str = ""
    number: str = ""
    day: Optional[date] = None
    issuer: str = ""
    source: str = "manual"  # manual | import | decision
    round_id: Optional[int] = Field(default=None, foreign_key="round.id")
    campaign_id: Optional[int] = Field(default=None, foreign_key="campaign.id")
    amount: Optional[int] = None
    recorded_at: str
    # schema version 4: danh hiệu thi đua and hình thức khen thưởng kept apart (CV 6208/BNV-CCVC);
    # the loại hình (only công trạng counts toward prerequisites over years, NĐ 152 Điều 4 k3);
    # the year the award is for (a CSTĐCS 2023 decided in January 2024 is for 2023).
    category: str = Field(default="hinh-thuc", sa_column_kwargs={"server_default": "hinh-thuc"})  # danh-hieu | hinh-thuc
    # cong-trang | chuyen-de | dot-xuat | nien-han | cong-hien | doi-ngoai
    award_kind: str = Field(default="cong-trang", sa_column_kwargs={"server_default": "cong-trang"})
    year: Optional[int] = None
    import_id: Optional[int] = Field(default=None, foreign_key="import_batch.id")  # schema version 5
    # schema version 6: the decision that granted it (source "decision")
    decision_id: Optional[int] = Field(default=None, foreign_key="decision.id")
    # schema version 22: the person's chức vụ when the award was recorded, which the statistics count by
    # (TT 02/2023 biểu 0602/0603 split individuals by position); a later promotion does not move an award
    position: Optional[str] = None


class Discipline(SQLModel, table=True):
    """A disciplinary measure a subject received (schema version 20), read by the award rules `no_discipline` and
    `members_no_discipline`. Rows are only added; one recorded by mistake is cancelled (who, when, why) and kept."""

    __tablename__ = "discipline"
    __table_args__ = (Index("ix_discipline_subject_year", "subject_id", "year"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    subject_id: int = Field(foreign_key="subject.id")
    year: int  # the year it counts against (the decision's, unless the office says another)
    form: str  # one of domain.discipline.FORMS
    number: str = ""  # the decision's number
    day: Optional[date] = None  # the decision's date
    reason: str = ""
    recorded_by: str = ""
    recorded_at: str
    cancelled_at: Optional[str] = None
    cancelled_by: Optional[str] = None
    cancel_reason: Optional[str] = None


class Rating(SQLModel, table=True):
    """A subject's yearly rating (xếp loại chất lượng), schema version 7. Rows are only added: a
    corrected rating (`ratings import --replace`) is a new row, and the newest row of a subject and
    year is its rating, so what was recorded before stays readable."""

    __tablename__ = "rating"
    __table_args__ = (Index("ix_rating_subject_year", "subject_id", "year", "id"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    subject_id: int = Field(foreign_key="subject.id")
    year: int
    rating: str  # one of domain.ratings.RATINGS
    source: str = ""  # the file it was imported from
    recorded_by: str = ""
    recorded_at: str
    batch_id: Optional[int] = Field(default=None, foreign_key="import_batch.id")  # the import that recorded it


class DocumentNumber(SQLModel, table=True):
    """Schema version 8: the register of outgoing documents (sổ đăng ký văn bản đi), for campaigns with
    `numbering = "register"`. Each document of a round gets its number once (`document` is its key) and
    keeps it when the dossier is written again; numbers run per year and per type ("TTr-STTTT")."""

    __tablename__ = "document_number"
    __table_args__ = (UniqueConstraint("agency", "year", "series", "number"), UniqueConstraint("document"))
    id: Optional[int] = Field(default=None, primary_key=True)
    year: int
    series: str  # type code and issuer: "TTr-STTTT", "BB-HĐTĐKT"
    number: int
    document: str  # "campaign-code/round/…": what the number was given to
    round_id: Optional[int] = Field(default=None, foreign_key="round.id")
    issued_on: date
    recorded_at: str
    # schema version 14: whose register it is — every office sharing a server keeps its own (the council's
    # "BB-HĐTĐKT" series is every department's); 0 in an office's own file. No foreign key: 0 is no agency.
    agency: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class Registration(SQLModel, table=True):
    """Đăng ký thi đua (schema version 11): what a subject commits to at the campaign's launch.

    Never updated: approval and return are `RegistrationReview` rows; a subject whose registration
    was returned registers again with a new row (the newest row for a subject and award counts)."""

    __tablename__ = "registration"
    id: Optional[int] = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id", index=True)
    subject_id: int = Field(foreign_key="subject.id")
    award: str  # the code of the award aimed for
    targets: str = ""  # chỉ tiêu, as the subject wrote them
    day: date
    source: str = "manual"  # manual | import
    recorded_by: str = ""
    recorded_at: str


class RegistrationReview(SQLModel, table=True):
    """The Office's answer to a registration: đã duyệt, or trả lại with the reason (schema version 11)."""

    __tablename__ = "registration_review"
    id: Optional[int] = Field(default=None, primary_key=True)
    registration_id: int = Field(foreign_key="registration.id", index=True)
    status: str  # da-duyet | tra-lai
    reason: str = ""
    recorded_by: str = ""
    recorded_at: str


class ChangeLog(SQLModel, table=True):
    """One change to a record that can decide an award (schema version 12), hash-chained;
    written only by `storage.changelog.seal` at the end of each write transaction."""

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_record", "tbl", "record"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    tbl: str  # the watched table (storage.changelog.WATCHED)
    record: str  # its key there: the row id, or campaign_id/code where rows are replaced on reload
    campaign_id: Optional[int] = Field(default=None, index=True)  # for `thidua log --campaign`; no foreign key: outlives the row
    subject_id: Optional[int] = Field(default=None, index=True)
    before: Optional[str] = None  # JSON state before (None: added)
    after: Optional[str] = None  # JSON state after (None: deleted)
    command: str
    recorded_by: str = ""
    recorded_at: str
    prev_hash: str
    hash: str


class Agency(SQLModel, table=True):
    """An office (cơ quan) sharing a province server, schema version 14: its campaigns, and the rows under
    them, are its own (row-level security on PostgreSQL, `storage.postgres`)."""

    __tablename__ = "agency"
    id: Optional[int] = Field(default=None, primary_key=True)
    code: str = Field(unique=True)
    name: str
    added_at: str


class AgencyRole(SQLModel, table=True):
    """Which database role works for which agency (schema version 14); `province` roles read every agency's rows."""

    __tablename__ = "agency_role"
    role: str = Field(primary_key=True)
    agency_id: Optional[int] = Field(default=None, foreign_key="agency.id")
    province: int = 0


class ChainHead(SQLModel, table=True):
    """The head of one campaign's hash chain of entries, voids or changes (schema version 14).

    Each campaign has its own chains, so an office that may read only its own campaigns can still
    verify and extend them, and offices writing to different campaigns never meet on one head.
    `campaign_id` 0 is the chain of changes that belong to no campaign (subjects, award history)."""

    __tablename__ = "chain_head"
    tbl: str = Field(primary_key=True)  # entry | void | change_log
    campaign_id: int = Field(primary_key=True)
    last_id: int
    last_hash: str
    count: int
