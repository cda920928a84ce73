"""Each office in its own room on a shared PostgreSQL server: row-level security (schema version 14).

Who may see and change what is decided by PostgreSQL itself, so that an office
connected with its own role through `psql` is held to the same rows as through
thidua:

- `agency_role` names the agency each database role works for (`thidua db grant
  ROLE --agency CODE`), and which roles are the province's (`--province`: they read
  every agency's rows).
- A campaign belongs to one agency (`campaign.agency_id`), and so does a subject
  (`subject.agency_id`, the office whose person or collective it is); what an office
  creates is its own (a trigger fills the column from the role). A role no agency
  was granted to works on the campaigns and subjects that belong to no agency, as
  every role did before agencies existed.
- Every row under a campaign (criteria, entries, voids, rounds, decisions,
  registrations and their reviews, the campaign's chain heads and changes) is
  readable where its campaign is, and writable where its campaign is the role's own.
- The subjects, their award history and ratings, and the changes that belong to
  no campaign are the province's common record: every role reads them (`requires`
  and the one-award rule see other agencies' awards). An office changes only its
  own subjects (and their name order and ratings), and writes award history only
  for its own campaigns or, outside any campaign, for its own subjects. Changing
  another office's row is refused by the server, never skipped in silence.
- A policy's WITH CHECK sees only the row as it would be after an UPDATE: a row an
  office reads but may not change (another office's subject, award, rating, a
  correcting decision) could have been made its own by changing the very column
  that says whose it is (`UPDATE subject SET agency_id = …`, `UPDATE award_history
  SET subject_id = …`). A trigger before each update (`thidua_guard_TABLE`) holds
  the row as it was to the same rule, wherever row-level security holds the role.
- The table owner (the administrator who ran `db init`) and superusers are not
  held by these policies, as PostgreSQL intends.
"""

from __future__ import annotations

# The role's agency and province flag as scalar subqueries: evaluated once per statement (an InitPlan), not once
# per row a policy looks at (a SECURITY DEFINER function is never inlined).
_ROLE_AGENCY = "(SELECT thidua_role_agency(current_user))"
_ROLE_PROVINCE = "(SELECT thidua_role_province(current_user))"
_OWN = f"agency_id IS NOT DISTINCT FROM {_ROLE_AGENCY}"
_READABLE = "(SELECT id FROM campaign)"  # the campaign table's own policy decides which
_OWN_CAMPAIGNS = f"(SELECT id FROM campaign WHERE {_OWN})"
_OWN_SUBJECTS = f"(SELECT id FROM subject WHERE {_OWN})"

_FUNCTIONS = (
    # SECURITY DEFINER: a role reads which agency it works for without the right to read `agency_role`
    """CREATE OR REPLACE FUNCTION thidua_role_agency(who name) RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT agency_id FROM agency_role WHERE role = who
$$""",
    """CREATE OR REPLACE FUNCTION thidua_role_province(who name) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT COALESCE((SELECT province = 1 FROM agency_role WHERE role = who), false)
$$""",
    # whether the calling role reads every row (the owner, a superuser, a province role): `thidua check`
    # judges the gaps between ids and the old single chain only then
    """CREATE OR REPLACE FUNCTION thidua_sees_all() RETURNS boolean
    LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
    SELECT COALESCE((SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user), false)
        OR pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'entry'::regclass), 'USAGE')
        OR thidua_role_province(current_user)
$$""",
    """CREATE OR REPLACE FUNCTION thidua_fill_agency() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.agency_id IS NULL THEN
        NEW.agency_id := thidua_role_agency(current_user);
    END IF;
    RETURN NEW;
END
$$""",
)

# table -> (who may read a row, who may write one)
_POLICIES = {
    "campaign": (f"{_ROLE_PROVINCE} OR {_OWN}", _OWN),
    **{table: (f"campaign_id IN {_READABLE}", f"campaign_id IN {_OWN_CAMPAIGNS}")
       for table in ("criterion", "tier", "award", "base_salary", "entry", "round", "registration")},
    # a decision that corrects another (`decision correct`) is read by every office (schema version 21): the award
    # history is the province's, and which of its rows are in force (`LIVE_HISTORY`) depends on it
    "decision": (f"campaign_id IN {_READABLE} OR corrects IS NOT NULL", f"campaign_id IN {_OWN_CAMPAIGNS}"),
    # correlated: a void is looked up through its entry's key, never by hashing a million entry ids
    "void": ("EXISTS (SELECT 1 FROM entry e WHERE e.id = entry_id)",
             f"EXISTS (SELECT 1 FROM entry e WHERE e.id = entry_id AND e.campaign_id IN {_OWN_CAMPAIGNS})"),
    "registration_review": ("EXISTS (SELECT 1 FROM registration r WHERE r.id = registration_id)",
                            f"EXISTS (SELECT 1 FROM registration r WHERE r.id = registration_id AND r.campaign_id IN {_OWN_CAMPAIGNS})"),
    "chain_head": (f"campaign_id = 0 OR campaign_id IN {_READABLE}", f"campaign_id = 0 OR campaign_id IN {_OWN_CAMPAIGNS}"),
    "change_log": (f"campaign_id IS NULL OR tbl IN ('award_history', 'subject', 'rating', 'discipline') OR campaign_id IN {_READABLE}",
                   f"campaign_id IS NULL OR campaign_id IN {_OWN_CAMPAIGNS}"),
    "subject": ("true", _OWN),
    "name_order": ("true", f"subject_id IN {_OWN_SUBJECTS}"),
    "rating": ("true", f"subject_id IN {_OWN_SUBJECTS}"),
    "discipline": ("true", f"subject_id IN {_OWN_SUBJECTS}"),
    "award_history": ("true", f"campaign_id IN {_OWN_CAMPAIGNS} OR (campaign_id IS NULL AND subject_id IN {_OWN_SUBJECTS})"),
    # each office's imports are its own (schema version 15): listed, voided, and recognised when a file comes again
    "import_batch": (f"{_ROLE_PROVINCE} OR {_OWN}", _OWN),
    # each office numbers its own register of outgoing documents (`storage.register`), and reads the numbers its
    # campaigns' rounds were given, whichever register gave them (a campaign of an office merged into it keeps the
    # numbers its documents have: written again, a document is not numbered a second time). It adds to and changes
    # only its own register, and there only the numbers of rounds of its own campaigns (not those of a campaign
    # another office took when this one was merged into it)
    "document_number": (f"agency = COALESCE({_ROLE_AGENCY}, 0) OR {_ROLE_PROVINCE} OR round_id IN (SELECT id FROM round)",
                        f"agency = COALESCE({_ROLE_AGENCY}, 0) AND (round_id IS NULL OR round_id IN "
                        f"(SELECT id FROM round WHERE campaign_id IN {_OWN_CAMPAIGNS}))"),
}
_FILLED = ("campaign", "subject", "import_batch")  # the tables whose new rows take the writing role's agency


def _guard(table: str, writable: str) -> str:
    """The trigger function refusing an update of a row the role may not write as it was (the policy checks only
    the row as it becomes); the owner and superusers, whom row-level security does not hold, pass."""
    return f"""CREATE OR REPLACE FUNCTION thidua_guard_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF row_security_active(TG_RELID) AND NOT EXISTS (SELECT 1 FROM (SELECT (OLD).*) AS old_row WHERE {writable}) THEN
        RAISE EXCEPTION 'row-level security: the row of table "%" is not this role''s to change', TG_TABLE_NAME
            USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END
$$"""


def role_sees_all(connection) -> bool:
    """Whether the connected role reads every row (no row-level security on this ledger, or the role is the
    owner, a superuser or the province's). Any connection to the server: thidua's or a bare psycopg one."""
    if connection.execute("SELECT to_regproc('thidua_sees_all')").fetchone()[0] is None:
        return True
    return bool(connection.execute("SELECT thidua_sees_all()").fetchone()[0])


def rls_statements() -> list[str]:
    """The functions, trigger and policies above, for a new server ledger or one migrated to version 14
    (idempotent: each policy is dropped before it is made again)."""
    statements = list(_FUNCTIONS)
    for table in _FILLED:
        statements += [
            f'DROP TRIGGER IF EXISTS {table}_agency ON "{table}"',
            f'CREATE TRIGGER {table}_agency BEFORE INSERT ON "{table}" FOR EACH ROW EXECUTE FUNCTION thidua_fill_agency()',
        ]
    for table, (readable, writable) in _POLICIES.items():
        statements += [
            _guard(table, writable),
            f'DROP TRIGGER IF EXISTS {table}_guard ON "{table}"',
            f'CREATE TRIGGER {table}_guard BEFORE UPDATE ON "{table}" FOR EACH ROW EXECUTE FUNCTION thidua_guard_{table}()',
        ]
        statements.append(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        for action, clause in (
            ("SELECT", f"USING ({readable})"),
            ("INSERT", f"WITH CHECK ({writable})"),
            # USING what it reads: changing a row it sees but may not change fails loudly on the check
            ("UPDATE", f"USING ({readable}) WITH CHECK ({writable})"),
            ("DELETE", f"USING ({writable})"),
        ):
            name = f"thidua_{action.lower()}_{table}"
            statements.append(f'DROP POLICY IF EXISTS {name} ON "{table}"')
            statements.append(f'CREATE POLICY {name} ON "{table}" FOR {action} {clause}')
    return statements
