"""thidua db path | status | backup | upgrade | init | grant | revoke | copy."""

from __future__ import annotations

from typing import Annotated

import typer

from thidua_cli.cli.app import sub_app
from thidua_cli.cli.common import db_of
from thidua_cli.cli.options import FormatOpt, OutOpt

app = sub_app("Sổ thi đua: đường dẫn, tình trạng, sao lưu; tạo lược đồ, cơ quan, quyền và chép sổ giữa SQLite và PostgreSQL.")


def _agency_commands() -> None:
    from thidua_cli.cli.db_agency import agency_app

    app.add_typer(agency_app, name="agency")


_agency_commands()


def _size(size: int) -> str:
    from decimal import Decimal

    from thidua_cli.domain.formats import format_number

    for unit, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= factor:
            return f"{format_number(Decimal(size) / factor, 1, trim=True)} {unit}"
    return f"{size} byte"


@app.command("path")
def path(ctx: typer.Context) -> None:
    """In đường dẫn tuyệt đối của tệp sổ đang dùng (--db, biến THIDUA_DB, hoặc thidua.db)."""
    from thidua_cli.render.output import info
    from thidua_cli.services.ledger_admin import ledger_location
    from thidua_cli.services.session import ledger_target
    from thidua_cli.storage.postgres import shown

    target = ledger_target(db_of(ctx))
    if isinstance(target, str):
        typer.echo(shown(target))
        return
    location = ledger_location(db_of(ctx))
    typer.echo(str(location))
    if not location.exists():
        info("(chưa có sổ ở đường dẫn này; lệnh ghi đầu tiên, ví dụ thidua campaign load, sẽ tạo sổ)")


def _when(stamp: str | None, chosen: str) -> str:
    """A stored stamp as people read it ("07/12/2026 12:35", the computer's clock) on screen and in Markdown; a CSV
    for programs keeps the ISO stamp, as the JSON does."""
    if not stamp or chosen == "csv":
        return stamp or ""
    from thidua_cli.render.change_log import local_time

    return local_time(str(stamp))


@app.command("status")
def status(ctx: typer.Context, fmt: FormatOpt = None, out: OutOpt = None) -> None:
    """Tình trạng sổ: đường dẫn, dung lượng, phiên bản lược đồ, số phong trào, đối tượng, mục ghi, khen thưởng."""
    from thidua_cli.render.output import choose_format, write_output
    from thidua_cli.render.tabular import Column, Table, to_csv, to_json, to_markdown, to_rich
    from thidua_cli.services.ledger_admin import COUNTED, ledger_status

    from thidua_cli.services.session import ledger_target

    chosen = choose_format(fmt, out, ("table", "json", "csv", "md"))
    target = ledger_target(db_of(ctx))
    if isinstance(target, str):
        _server_status(target, chosen, out)
        return
    found = ledger_status(db_of(ctx))
    if chosen == "json":
        data = {
            "path": str(found.path), "size": found.size, "schema_version": found.schema_version,
            "schema_current": found.schema_current, "journal_mode": found.journal_mode, "counts": found.counts,
            "last_entry_at": found.last_entry_at,
        }
        if found.archive_of is not None:
            data["archive_of"] = found.archive_of
        write_output(lambda: to_json(data), out)
        return
    version = str(found.schema_version)
    if found.schema_version < found.schema_current:
        version += f" (sẽ nâng cấp lên {found.schema_current} ở lệnh ghi tới)"
    rows = [
        {"key": "path", "label": "Tệp sổ", "value": str(found.path)},
        {"key": "size", "label": "Dung lượng", "value": _size(found.size) if chosen == "table" else found.size},
        {"key": "schema_version", "label": "Phiên bản lược đồ", "value": version if chosen == "table" else found.schema_version},
        {"key": "journal_mode", "label": "Chế độ ghi nhật ký", "value": found.journal_mode},
    ]
    if found.archive_of is not None:
        rows.insert(1, {"key": "archive_of", "label": "Bản lưu trữ",
                        "value": f"riêng phong trào {found.archive_of}, chỉ để đọc" if chosen != "csv" else found.archive_of})
    rows += [{"key": key, "label": label, "value": found.counts[key]} for key, (_, label) in COUNTED.items()
             if chosen == "csv" or key != "corrected_awards" or found.counts[key]]  # on screen only when there are some
    rows.append({"key": "last_entry_at", "label": "Mục ghi gần nhất lúc", "value": _when(found.last_entry_at, chosen)})
    if chosen == "csv":
        table = Table([Column("key", "key"), Column("value", "value")], rows)
        write_output(lambda: to_csv(table), out)
        return
    for row in rows:
        if isinstance(row["value"], int):
            from thidua_cli.domain.formats import format_number

            row["value"] = format_number(row["value"])
    table = Table([Column("label", "Mục"), Column("value", "Giá trị")], rows, title="Tình trạng sổ thi đua")
    write_output(lambda: to_markdown(table) if chosen == "md" else to_rich(table), out)


@app.command("backup")
def backup(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="Tệp sao lưu sẽ tạo, ví dụ thidua-2021-12-31.db.", metavar="TỆP")],
    force: Annotated[bool, typer.Option("--force", help="Ghi đè nếu tệp đã có.")] = False,
) -> None:
    """Sao lưu sổ ra một tệp (bản chụp nhất quán, làm được cả khi người khác đang ghi)."""
    from thidua_cli.domain.formats import format_number
    from thidua_cli.render.output import info
    from thidua_cli.services.ledger_admin import backup_ledger

    result = backup_ledger(db_of(ctx), file, force)
    info(
        f"Đã sao lưu sổ {result.source} sang {result.target} ({_size(result.size)}, "
        f"{format_number(result.entries)} mục ghi)."
    )


@app.command("upgrade")
def upgrade(ctx: typer.Context) -> None:
    """Nâng cấp sổ lên lược đồ của bản thidua này (tệp được sao lưu trước), ví dụ trước khi chép lên máy chủ tỉnh."""
    from thidua_cli.render.output import info
    from thidua_cli.services.ledger_admin import upgrade_ledger

    before, after = upgrade_ledger(db_of(ctx))
    if before == after:
        info(f"Sổ đã ở lược đồ {after}, lược đồ của bản này; không cần nâng cấp.")


def _server_status(url: str, chosen: str, out) -> None:
    """`db status` of a ledger on a PostgreSQL server: the engine and its version, the schema, the counts."""
    from thidua_cli.domain.formats import format_number
    from thidua_cli.render.output import write_output
    from thidua_cli.render.tabular import Column, Table, to_csv, to_json, to_markdown, to_rich
    from thidua_cli.services.ledger_admin import COUNTED
    from thidua_cli.services.postgres_admin import server_status

    found = server_status(url)
    if chosen == "json":
        data = {
            "url": found.url, "engine": found.engine, "server_version": found.server_version,
            "schema_version": found.schema_version, "schema_current": found.schema_current,
            "agency": {"code": found.agency[0], "name": found.agency[1]} if found.agency else None,
            "counts": found.counts, "last_entry_at": found.last_entry_at,
        }
        write_output(lambda: to_json(data), out)
        return
    if found.schema_version is None:
        version = "chưa có lược đồ (tạo bằng thidua db init)"
    elif found.schema_version < found.schema_current:
        version = f"{found.schema_version} (cũ hơn lược đồ {found.schema_current} của bản này)"
    else:
        version = str(found.schema_version)
    rows = [
        {"key": "url", "label": "Sổ PostgreSQL", "value": found.url},
        {"key": "engine", "label": "Hệ quản trị", "value": found.engine},
        {"key": "server_version", "label": "Phiên bản máy chủ", "value": found.server_version},
        {"key": "schema_version", "label": "Phiên bản lược đồ",
         "value": version if chosen != "csv" else ("" if found.schema_version is None else found.schema_version)},
    ]
    if found.agency:
        rows.append({"key": "agency", "label": "Cơ quan (số liệu dưới đây là của cơ quan)",
                     "value": found.agency[0] if chosen == "csv" else f"{found.agency[1]} ({found.agency[0]})"})
    rows += [{"key": key, "label": label, "value": found.counts[key] if chosen == "csv" else format_number(found.counts[key])}
             for key, (_, label) in COUNTED.items() if chosen == "csv" or key != "corrected_awards" or found.counts[key]]
    rows.append({"key": "last_entry_at", "label": "Mục ghi gần nhất lúc", "value": _when(found.last_entry_at, chosen)})
    if chosen == "csv":
        write_output(lambda: to_csv(Table([Column("key", "key"), Column("value", "value")], rows)), out)
        return
    table = Table([Column("label", "Mục"), Column("value", "Giá trị")], rows, title="Tình trạng sổ thi đua")
    write_output(lambda: to_markdown(table) if chosen == "md" else to_rich(table), out)


@app.command("init")
def init(ctx: typer.Context) -> None:
    """Tạo lược đồ sổ thi đua trên một cơ sở dữ liệu PostgreSQL trống (--db postgresql://người_dùng@máy_chủ/tên_csdl)."""
    from thidua_cli.errors import UsageError
    from thidua_cli.render.output import info
    from thidua_cli.services.postgres_admin import init_server
    from thidua_cli.services.session import ledger_target
    from thidua_cli.storage.postgres import shown

    target = ledger_target(db_of(ctx))
    if not isinstance(target, str):
        raise UsageError(
            "db init chỉ dùng cho sổ PostgreSQL; sổ SQLite tự được tạo ở lệnh ghi đầu tiên",
            hint="chỉ rõ sổ bằng --db postgresql://người_dùng@máy_chủ/tên_csdl",
        )
    version = init_server(target)
    info(f"Đã tạo lược đồ sổ thi đua (phiên bản {version}) trên {shown(target)}.")


@app.command("grant")
def grant(
    ctx: typer.Context,
    role: Annotated[str, typer.Argument(metavar="VAI_TRÒ", help="Vai trò PostgreSQL (đã có trên máy chủ) của một văn phòng.")],
    read_only: Annotated[bool, typer.Option("--read-only", help="Chỉ đọc (ví dụ vai trò của Ban Thi đua - Khen thưởng tỉnh để tổng hợp).")] = False,
    agency: Annotated[str | None, typer.Option("--agency", help="Cơ quan (mã, thidua db agency add) mà vai trò làm việc cho: chỉ thấy và ghi phong trào của cơ quan ấy.")] = None,
    province: Annotated[bool, typer.Option("--province", help="Vai trò của tỉnh: đọc được phong trào của mọi cơ quan.")] = False,
    print_only: Annotated[bool, typer.Option("--print", help="Chỉ in các câu lệnh SQL, không chạy.")] = False,
) -> None:
    """Cấp quyền trên sổ PostgreSQL cho một vai trò: ghi được, nhưng mục ghi, bản huỷ và nhật ký thay đổi chỉ thêm, không sửa, không xoá."""
    from thidua_cli.errors import UsageError
    from thidua_cli.render.output import info
    from thidua_cli.services.postgres_admin import grant_role
    from thidua_cli.services.session import ledger_target
    from thidua_cli.storage.postgres import shown

    if agency is not None and province:
        raise UsageError("--agency và --province: một vai trò làm cho một cơ quan, hoặc là của tỉnh (đọc mọi cơ quan); chọn một",
                         hint="văn phòng một sở: --agency MÃ; Ban Thi đua - Khen thưởng tỉnh: --province --read-only")
    target = ledger_target(db_of(ctx))
    if not isinstance(target, str):
        raise UsageError("db grant chỉ dùng cho sổ PostgreSQL", hint="chỉ rõ sổ bằng --db postgresql://người_dùng@máy_chủ/tên_csdl")
    statements, before = grant_role(target, role, read_only, run=not print_only, agency=agency, province=province)
    if print_only:
        typer.echo(";\n".join(statements) + ";")
        return
    what = "chỉ đọc" if read_only else "ghi (mục ghi, bản huỷ, nhật ký thay đổi: chỉ thêm)"
    where = "mọi cơ quan (vai trò của tỉnh)" if province else f"phong trào của cơ quan {agency}" if agency else "phong trào chưa giao cơ quan nào"
    info(f"Đã cấp quyền {what} trên {shown(target)} cho vai trò {role}; thấy: {where}.")
    if before is not None:
        from thidua_cli.render.output import warn

        warn(f"trước lần cấp này, vai trò {role} thấy {before}; từ nay không còn")


@app.command("revoke")
def revoke(
    ctx: typer.Context,
    role: Annotated[str, typer.Argument(metavar="VAI_TRÒ", help="Vai trò PostgreSQL thôi làm việc trên sổ (ví dụ người đã chuyển công tác).")],
) -> None:
    """Thu hồi mọi quyền db grant đã cấp cho một vai trò trên sổ PostgreSQL này (vai trò vẫn còn trên máy chủ)."""
    from thidua_cli.errors import UsageError
    from thidua_cli.render.output import info
    from thidua_cli.services.postgres_admin import revoke_role
    from thidua_cli.services.session import ledger_target
    from thidua_cli.storage.postgres import shown

    target = ledger_target(db_of(ctx))
    if not isinstance(target, str):
        raise UsageError("db revoke chỉ dùng cho sổ PostgreSQL", hint="chỉ rõ sổ bằng --db postgresql://người_dùng@máy_chủ/tên_csdl")
    before = revoke_role(target, role)
    if before is None:
        info(f"Vai trò {role} chưa được cấp quyền nào trên {shown(target)}; không có gì để thu hồi.")
    else:
        info(f"Đã thu hồi quyền của vai trò {role} trên {shown(target)} (trước đây thấy {before}).")


@app.command("copy")
def copy(
    source: Annotated[str, typer.Argument(help="Sổ nguồn: tệp SQLite hoặc postgresql://…", metavar="NGUỒN")],
    destination: Annotated[str, typer.Argument(help="Sổ đích, trống: tệp SQLite chưa có hoặc postgresql://…", metavar="ĐÍCH")],
    campaign: Annotated[str | None, typer.Option("--campaign", "-c", metavar="MÃ_PT", help="Chỉ chép một phong trào ra một tệp SQLite lưu trữ (chỉ để đọc), cùng hồ sơ chung của tỉnh: đối tượng, xếp loại, kỷ luật, lịch sử khen thưởng.")] = None,
) -> None:
    """Chép nguyên một sổ từ SQLite sang PostgreSQL hoặc ngược lại (giữ mã số và chuỗi băm; sổ đích phải trống;
    lỗi giữa chừng thì sổ đích giữ nguyên); với --campaign, chép một phong trào ra tệp lưu trữ."""
    from thidua_cli.domain.formats import format_number
    from thidua_cli.render.output import info
    from thidua_cli.services.postgres_admin import copy_between

    result = copy_between(source, destination, campaign)
    if campaign is not None:
        rows = result.rows
        info(
            f"Đã chép phong trào {campaign} của sổ {result.source} ra tệp lưu trữ {result.destination} (chỉ để đọc): "
            f"{format_number(rows.get('entry', 0))} mục ghi, {format_number(rows.get('void', 0))} bản huỷ, "
            f"{format_number(rows.get('round', 0))} đợt xét, {format_number(rows.get('decision', 0))} quyết định; cùng "
            f"{format_number(rows.get('subject', 0))} đối tượng và {format_number(rows.get('award_history', 0))} khen "
            f"thưởng của cả sổ (hồ sơ chung mà điều kiện khen thưởng đọc). Kiểm tra: thidua --db {result.destination} check"
        )
        return
    info(
        f"Đã chép sổ {result.source} sang {result.destination}: {format_number(sum(result.rows.values()))} dòng "
        f"ở {len(result.rows)} bảng ({format_number(result.rows.get('entry', 0))} mục ghi)."
    )
    from thidua_cli.render.output import warn

    for role, agency, province, exists in result.ungranted:
        scope = f"--agency {agency}" if agency else "--province [--read-only]" if province else ""
        make = "" if exists else f"máy chủ chưa có vai trò này — tạo: createuser --pwprompt {role}, rồi "
        warn(f"vai trò {role} ({'cơ quan ' + agency if agency else 'của tỉnh' if province else 'không thuộc cơ quan nào'}) "
             f"ghi trong sổ chưa có quyền trên {result.destination}; {make}cấp: thidua db grant {role} {scope}".rstrip())
