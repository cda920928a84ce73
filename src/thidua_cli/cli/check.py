"""thidua check: verify the ledger (SQLite integrity, foreign keys, hash chains, consistency)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from thidua_cli.cli.common import db_of
from thidua_cli.cli.options import FormatOpt

_PREFIX = {"error": "", "warning": "cảnh báo: ", "note": "lưu ý: "}


def check(
    ctx: typer.Context,
    show_all: Annotated[
        bool, typer.Option("--all", "-a", help="Hiện cả cảnh báo và lưu ý (mục ghi ngoài thời gian phong trào, đối tượng chưa dùng…).")
    ] = False,
    quick: Annotated[
        bool, typer.Option("--quick", help="Kiểm tra tệp SQLite nhanh (quick_check, không đối chiếu chỉ mục) — cho sổ rất lớn.")
    ] = False,
    fmt: FormatOpt = None,
    code: Annotated[
        Optional[str],
        typer.Option("--code", help='Mã kiểm tra in ở chân văn bản, ví dụ "3F9A-C21B-77D0 (sổ 1204.3.57, đợt 2)": sổ còn giữ nguyên trạng thái đó không.'),
    ] = None,
) -> None:
    """Kiểm tra sổ: tệp SQLite, khoá ngoại, chuỗi băm của mục ghi và bản huỷ, tiêu chí, ngày phong trào.

    Sổ tốt: không in gì, mã thoát 0. Có lỗi: mỗi lỗi một dòng (ra stdout), mã thoát 1.

    Mỗi mục ghi được niêm phong bằng mã băm nối chuỗi (mỗi phong trào một chuỗi), gắn với mã phong trào, đối
    tượng và tiêu chí; sổ giữ đầu chuỗi cùng số bản ghi đã ghi. Trên máy chủ dùng chung, một văn phòng kiểm các
    chuỗi của phong trào mình đọc được. Xoá các mục mới nhất, lùi đầu chuỗi, hay đổi mã của hai đối tượng
    cho nhau đều bị phát hiện. Riêng trường hợp xoá các mục mới nhất rồi sửa cả đầu chuỗi lẫn số bản ghi
    thì chỉ mã niêm phong in trên văn bản giấy đã ký mới phát hiện được: --code.

    Quy định phong trào, đối tượng, khen thưởng đã nhận, đợt xét, quyết định và bản huỷ được đối chiếu với
    nhật ký thay đổi (thidua log): mọi thay đổi ngoài thidua được nêu tên bản ghi và trường đã đổi.

    --code MÃ: đối chiếu với mã kiểm tra in ở chân văn bản (tờ trình, danh sách, biên bản, quyết định, báo cáo):
    sổ còn giữ nguyên, không đổi, trạng thái mà mã đó ghi không (và đã thêm bao nhiêu bản ghi từ đó)."""
    from thidua_cli.errors import ThiduaError
    from thidua_cli.render.output import choose_format, write_output
    from thidua_cli.render.tabular import to_json
    from thidua_cli.services.checks import check_ledger

    chosen = choose_format("table" if (fmt or "").strip().lower() == "text" else fmt, None, ("table", "json"))
    code_holds = None
    if code is not None:
        from thidua_cli.services.change_log import check_code

        code_holds = check_code(db_of(ctx), code)
    report = check_ledger(db_of(ctx), quick, warnings=show_all)
    shown = [p for p in report.problems if show_all or p.level == "error"]
    if chosen == "json":
        data = {
            "ok": report.ok,
            "problems": [{"check": p.check, "level": p.level, "record": p.record, "message": p.message} for p in shown],
        }
        write_output(lambda: to_json(data), None)
    elif shown:
        write_output(lambda: "".join(f"{_PREFIX[p.level]}{p.message}\n" for p in shown), None)
    if code_holds is not None:
        _say_code(code, code_holds, report)
    if not report.ok:
        count = len(report.errors)
        raise ThiduaError(
            f"sổ {report.path} có {count} lỗi (mỗi lỗi một dòng ở trên)",
            hint="đối chiếu với hồ sơ giấy và khôi phục từ bản sao lưu gần nhất (thidua db backup; sổ trên máy chủ chung: "
            "nhờ quản trị máy chủ); đừng tin các mục đã bị sửa ngoài thidua",
        )


# a break in any of these means the records a code names may no longer be what was signed
_CHAIN_CHECKS = ("entry-chain", "void-chain", "change-log")


def _say_code(code: str, status, report) -> None:
    from thidua_cli.errors import ThiduaError
    from thidua_cli.render.output import info

    shown = code.strip()
    if status.unreadable:
        raise ThiduaError(
            f"mã kiểm tra {shown} nói về các bản ghi mà vai trò này không đọc được (của một cơ quan khác trên sổ chung); "
            f"không đối chiếu được",
            hint="đối chiếu bằng vai trò của cơ quan đã lập văn bản, hoặc vai trò của tỉnh",
        )
    if not status.holds or any(p.check in _CHAIN_CHECKS for p in report.errors):
        raise ThiduaError(
            f"mã kiểm tra {shown} không khớp: sổ không còn giữ nguyên trạng thái mà văn bản mang mã này được lập từ đó "
            f"(bản ghi đã bị sửa, xoá hoặc chuỗi băm bị tính lại ngoài thidua)",
            hint="tin văn bản giấy đã ký; khôi phục sổ từ bản sao lưu có trạng thái khớp mã này",
        )
    if report.ok:
        added = f"; đã thêm {status.added_since} bản ghi từ đó" if status.added_since else "; chưa thêm bản ghi nào từ đó"
        info(f"Mã kiểm tra {shown} khớp: sổ vẫn giữ nguyên trạng thái mà văn bản mang mã này được lập từ đó{added}")


def register(app: typer.Typer) -> None:
    app.command("check")(check)
