"""What a province found trying thidua on one PostgreSQL server (trial 5): a Sở Y tế and a Sở Giáo dục, each with
its own role, running a year-end review of its own, and the Ban Thi đua - Khen thưởng tỉnh reading both. Each test
sets up the case through the CLI and states what the office must read."""

from __future__ import annotations

import json

import pytest
from conftest import MINI_CAMPAIGN, assert_refused
from test_postgres_engine import server_rows


def test_subject_block_names_the_argument_as_its_help_does(thidua):
    # `thidua subject block --help` shows the argument as ĐỐI_TƯỢNG, as `discipline add` does; the line said "S:"
    thidua.mini()
    for args in (["subject", "block", "Không Có Ai", "--reason", "đang xem xét kỷ luật"],
                 ["subject", "unblock", "Không Có Ai"]):
        result = assert_refused(thidua, args, 'ĐỐI_TƯỢNG: không tìm thấy đối tượng "Không Có Ai"')
        assert not result.stderr.startswith("Lỗi: S:"), result.stderr


def _campaign(thidua, code: str) -> str:
    return str(thidua.write(f"{code}.toml", MINI_CAMPAIGN.replace('code = "mini"', f'code = "{code}"', 1)))


@pytest.fixture
def two_offices(thidua, pg_url, postgres_server):
    """A province server with a Sở Y tế (so-yte) and a Sở Giáo dục (so-gd), one role each, a person each."""
    database = pg_url.split("?")[0].rsplit("/", 1)[1]
    roles = {key: f"{key}_{database}" for key in ("yte", "gd")}  # roles are the whole server's
    owner = pg_url
    thidua.ok("--db", owner, "db", "init")
    postgres_server.psql("".join(f"CREATE ROLE {role} LOGIN; " for role in roles.values()), database)
    thidua.ok("--db", owner, "db", "agency", "add", "so-yte", "Sở Y tế")
    thidua.ok("--db", owner, "db", "agency", "add", "so-gd", "Sở Giáo dục và Đào tạo")
    thidua.ok("--db", owner, "db", "grant", roles["yte"], "--agency", "so-yte")
    thidua.ok("--db", owner, "db", "grant", roles["gd"], "--agency", "so-gd")
    urls = {key: pg_url.replace("postgres@", f"{role}@") for key, role in roles.items()}
    thidua.ok("--db", urls["yte"], "campaign", "load", _campaign(thidua, "tx-syt"))
    thidua.ok("--db", urls["gd"], "campaign", "load", _campaign(thidua, "tx-sgd"))
    thidua.ok("--db", urls["yte"], "subject", "add", "--code", "YT-01", "--name", "Thái Văn Lộc", "--kind", "individual")
    thidua.ok("--db", urls["gd"], "subject", "add", "--code", "GD-01", "--name", "Trần Thị Bình", "--kind", "individual")
    return {"owner": owner, **urls}


@pytest.mark.sqlite_only  # runs once, in the SQLite pass: it starts its own server roles itself
def test_an_office_cannot_discipline_another_offices_person_and_is_told_whose_it_is(thidua, two_offices):
    yte, gd = two_offices["yte"], two_offices["gd"]
    thidua.ok("--db", yte, "discipline", "add", "YT-01", "--form", "cảnh cáo", "--number", "112/QĐ-SYT", "--date", "15/10/2025")
    before = server_rows(two_offices["owner"])
    # the server refused the row, and the line said only "no right on table discipline": not whose person it is
    for args in (["discipline", "add", "YT-01", "--form", "khiển trách", "--number", "9/QĐ-SGDĐT", "--date", "01/10/2025"],
                 ["discipline", "cancel", "1", "--reason", "Ghi nhầm"]):
        result = thidua("--db", gd, *args)
        assert result.exit_code == 1, (args, result.stdout, result.stderr)
        lines = result.stderr.splitlines()
        assert lines[0].startswith("Lỗi: ") and "Traceback" not in result.stderr, result.stderr
        assert "YT-01 — Thái Văn Lộc" in lines[0] and "của cơ quan so-yte" in lines[0], result.stderr
        assert "kỷ luật" in lines[0], result.stderr
    assert server_rows(two_offices["owner"]) == before
    # its own person it records and cancels as before
    thidua.ok("--db", gd, "discipline", "add", "GD-01", "--form", "khiển trách", "--number", "9/QĐ-SGDĐT", "--date", "01/10/2025")
    listed = json.loads(thidua.ok("--db", gd, "discipline", "--format", "json").stdout)["disciplines"]
    own = [d["id"] for d in listed if d["subject"] == "GD-01"]
    thidua.ok("--db", gd, "discipline", "cancel", str(own[0]), "--reason", "Ghi nhầm")


@pytest.mark.sqlite_only  # runs once, in the SQLite pass: it starts its own server roles itself
def test_an_office_cannot_register_another_offices_person_in_its_campaign(thidua, two_offices):
    # add-entry and import-entries refuse another office's person in an office's campaign; a registration (which
    # decides who may be proposed) was recorded for them, "chờ duyệt", in a campaign that never scores them
    gd = two_offices["gd"]
    before = server_rows(two_offices["owner"])
    result = thidua("--db", gd, "register", "add", "-s", "YT-01", "-a", "GK", "-d", "02/10/2021")
    assert result.exit_code == 1, (result.stdout, result.stderr)
    first = result.stderr.splitlines()[0]
    assert first.startswith("Lỗi: --subject: YT-01 — Thái Văn Lộc là đối tượng của cơ quan so-yte") and "tx-sgd" in first, \
        result.stderr
    listed = thidua.write("dang-ky.csv", """
        Mã,Danh hiệu/hình thức đăng ký,Chỉ tiêu đăng ký,Ngày đăng ký
        GD-01,GK,Hoàn thành xuất sắc nhiệm vụ,02/10/2021
        YT-01,GK,Hoàn thành xuất sắc nhiệm vụ,02/10/2021
    """)
    for args in (["register", "import", str(listed), "--dry-run"], ["register", "import", str(listed)]):
        result = thidua("--db", gd, *args)
        assert result.exit_code == 1 and "Traceback" not in result.stderr, (args, result.stdout, result.stderr)
        assert result.stderr.startswith("Lỗi: ") and "dòng 3" in result.stderr, result.stderr
        assert "YT-01" in result.stderr and "của cơ quan so-yte" in result.stderr, result.stderr
    assert server_rows(two_offices["owner"]) == before
    # its own person it registers as before
    assert thidua.ok("--db", gd, "register", "add", "-s", "GD-01", "-a", "GK", "-d", "02/10/2021").stdout.strip().isdigit()
