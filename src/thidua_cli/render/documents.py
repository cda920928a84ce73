"""Administrative documents (NĐ 30/2020 layout) from templates, in Markdown, HTML and Word.

One Jinja2 environment serves the three formats, so the filters that write
numbers, money and dates the Vietnamese way are the same everywhere:

- templates are looked up in the user's folder (`--templates DIR` or the
  environment variable `THIDUA_TEMPLATES`) first, then in the shipped
  `templates/`; a name prefixed `default:` always reaches the shipped one, so an
  override can `{% extends "default:html/to-trinh.html" %}` and change one block;
- layout of the folder: `md/NAME.md`, `html/NAME.html`, `docx/NAME.docx`;
  names starting with `_` are shared partials (`_nd30`: header, signature,
  "Nơi nhận" macros; `html/_page.html`: the A4 page);
- `StrictUndefined`: a misspelt variable fails loudly instead of printing "";
- HTML output escapes every value (autoescape for `.html`); Markdown values go
  through the `md` filter; Word templates (docxtpl) are rendered with the same
  filters and `autoescape=True`, so "&" and "<" in names stay literal text.

`render_document(name, context, fmt, templates_dir)` is the one entry point.
The NĐ 30 building blocks every document shares are plain dictionaries built
by `header_context`, `signature_context` and `recipients_list`, identical for
the three formats (see `templates/md/_nd30.md` for how they are drawn).
"""

from __future__ import annotations

import gc
import io
import os
import re
from datetime import date
from decimal import Decimal
from collections.abc import Iterator
from pathlib import Path

from thidua_cli.domain.formats import (
    date_words as _date_words,
    format_money,
    format_number,
    format_points,
)
from thidua_cli.errors import ThiduaError, system_reason
from thidua_cli.resources import templates_dir as shipped_templates_dir

FORMATS = ("docx", "html", "md")
_EXTENSIONS = {"md": "md", "html": "html", "docx": "docx"}
ENV_VAR = "THIDUA_TEMPLATES"
BLANK_DAY = "ngày      tháng      năm"

# ---------------------------------------------------------------------------
# Filters (shared by md, html and docx)
# ---------------------------------------------------------------------------


def vn_number(value, decimals: int = 0, trim: bool = False) -> str:
    """1234.5 → "1.234,5" (thousands ".", decimals ",")."""
    if value is None or value == "":
        return ""
    return format_number(value, decimals, trim=trim)


def money(value) -> str:
    """3510000 → "3.510.000" (add " đồng" in the template)."""
    if value is None or value == "":
        return ""
    return format_money(value)


def points(value) -> str:
    """Exact totals (`Decimal`) or entry points (integer hundredths) → "91,5"."""
    if value is None or value == "":
        return ""
    if isinstance(value, float):
        value = Decimal(repr(value))
    return format_points(value)


def date_words(day: date | None) -> str:
    """NĐ 30: "ngày 05 tháng 3 năm 2021", "ngày 09 tháng 02 năm 2021"; blank to fill by hand when None."""
    if day is None:
        return BLANK_DAY
    return _date_words(day)


def date_line(day: date | None, place: str = "", year: int | None = None) -> str:
    """"Trà Vinh, ngày 05 tháng 3 năm 2021"; with no day, blanks and the year: "…, ngày      tháng      năm 2022"."""
    if day is None:
        words = f"{BLANK_DAY} {year}" if year else f"{BLANK_DAY}     "
    else:
        words = _date_words(day)
    return f"{place}, {words}" if place else words[:1].upper() + words[1:]


def short_date(day: date | None) -> str:
    """Dates cited in running text, with the same padding rule: "05/3/2021", "09/02/2021"."""
    if day is None:
        return "…/…/…"
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def doc_number(number: int | str | None, type_code: str, issuer_short: str) -> str:
    """5 → "05/TTr-STTTT"; None → "     /QĐ-STTTT" (the number is given when the document is signed).

    Without the issuer's short name the code stands alone: "05/BC"."""
    code = f"{type_code}-{issuer_short}" if issuer_short else type_code
    if number is None or number == "":
        return f"     /{code}"
    if isinstance(number, int):
        return f"{number:02d}/{code}"
    return str(number)


def percent(value, decimals: int = 2) -> str:
    """66.666… → "66,67" (no "%": the template writes it)."""
    if value is None or value == "":
        return ""
    return format_number(Decimal(str(value)), decimals, trim=True)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md(value) -> str:
    """Escape user text for Markdown (no HTML, no table break, no emphasis): "a|b" → "a\\|b"."""
    if value is None:
        return ""
    text = str(value).replace("\r", " ").replace("\n", " ")
    return _MD_SPECIAL.sub(r"\\\1", text)


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_SCALES = ("", " nghìn", " triệu", " tỷ", " nghìn tỷ", " triệu tỷ")


def _three(number: int, full: bool) -> str:
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if full or hundreds:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens > 1:
            words.append("mốt")
        elif units == 5 and tens > 0:
            words.append("lăm")
        else:
            words.append(_DIGITS[units])
    return " ".join(words)


def number_words(value: int) -> str:
    """3510000 → "ba triệu năm trăm mười nghìn" (how amounts are written out in a quyết định)."""
    number = int(value)
    if number == 0:
        return "không"
    sign = "âm " if number < 0 else ""
    number = abs(number)
    groups = []
    while number:
        number, group = divmod(number, 1000)
        groups.append(group)
    parts = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        full = index != len(groups) - 1
        parts.append(_three(group, full) + _SCALES[index])
    return sign + " ".join(parts)


def money_words(value) -> str:
    """3510000 → "Ba triệu năm trăm mười nghìn đồng"."""
    if value is None or value == "":
        return ""
    text = number_words(int(value)) + " đồng"
    return text[:1].upper() + text[1:]


def nowrap_tail(text) -> str:
    """A short last word kept with the one before it (a no-break space) in a narrow table cell: "Hoàn thành tốt
    / nhiệm vụ", not "Hoàn thành tốt nhiệm / vụ" with a syllable alone on the last line."""
    words = str(text or "").split(" ")
    if len(words) < 3 or len(words[-1]) > 3:
        return str(text or "")
    return " ".join(words[:-2]) + " " + words[-2] + "\u00a0" + words[-1]


def _tail_start(rows) -> int:
    """Where the tail of a table with heading rows begins: its last data row and the headings just above it."""
    start = len(rows) - 1
    while start > 0 and rows[start - 1].get("heading"):
        start -= 1
    return max(start, 0)


def body_rows(rows) -> list:
    """The rows of a listing but its tail (`tail_rows`): the part of the table that may break across pages."""
    rows = list(rows)
    return rows[:_tail_start(rows)]


def tail_rows(rows) -> list:
    """The last data row of a listing and the headings just above it: the Word templates print them in a small
    table of their own with the total, which LibreOffice keeps with the signature (it does not carry "keep with
    next" from a row of a long table to the paragraph after it, as Word does)."""
    rows = list(rows)
    return rows[_tail_start(rows):]


FILTERS = {
    "body_rows": body_rows,
    "tail_rows": tail_rows,
    "nowrap_tail": nowrap_tail,
    "vn_number": vn_number,
    "money": money,
    "money_words": money_words,
    "points": points,
    "date_words": date_words,
    "date_line": date_line,
    "short_date": short_date,
    "doc_number": doc_number,
    "percent": percent,
    "md": md,
}

# ---------------------------------------------------------------------------
# NĐ 30/2020 building blocks, as plain data the templates draw
# ---------------------------------------------------------------------------


def balanced_lines(text: str, limit: int = 26) -> list[str]:
    """Split a header line longer than `limit` characters into 2 (else 3) even lines at spaces.

    Word would wrap greedily and leave one word alone on the last line, or break
    a two-syllable word ("THI / ĐUA"). A line never ends with a hyphen (and starts
    with one only when nothing else fits); breaks before "VÀ" and after "," read
    naturally; inside a phrase a break leaves an even number of syllables to the
    phrase's end, since Vietnamese words are mostly two syllables:
    "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" → ["HỘI ĐỒNG", "THI ĐUA - KHEN THƯỞNG"];
    "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" → ["SỞ THÔNG TIN", "VÀ TRUYỀN THÔNG"].
    """
    words = text.split()
    if len(text) <= limit or len(words) < 2:
        return [text] if text else []
    from itertools import combinations

    hyphens = ("-", "–")

    def boundary(cut: int) -> bool:
        before, after = words[cut - 1], words[cut]
        return before in hyphens or after in hyphens or before.endswith(",") or after.casefold() == "và"

    def splits_a_word(cut: int) -> bool:
        if boundary(cut):
            return False
        end = cut
        while end < len(words) and not (words[end] in hyphens or words[end].casefold() == "và" and end > cut):
            if words[end].endswith(","):
                end += 1
                break
            end += 1
        return (end - cut) % 2 == 1

    best: tuple[int, list[str]] | None = None
    for count in (2, 3):
        for cuts in combinations(range(1, len(words)), count - 1):
            bounds = (0, *cuts, len(words))
            lines = [" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:])]
            if any(line.endswith(hyphens) for line in lines):
                continue
            longest = max(len(line) for line in lines)
            score = longest + 10 * max(0, longest - limit) + 8 * (count - 2)
            score += 20 * sum(line.startswith(hyphens) for line in lines)
            score += 40 * sum(splits_a_word(cut) for cut in cuts)
            score -= 4 * sum(boundary(cut) and words[cut] not in hyphens for cut in cuts)
            if best is None or score < best[0]:
                best = (score, lines)
        if best is not None and max(len(line) for line in best[1]) <= limit:
            break  # two lines that fit: a third is never better
    return best[1] if best else [text]


def header_context(
    parent: str,
    issuer: str,
    number: str | None = None,
    place: str = "",
    day: date | None = None,
    year: int | None = None,
    dated: bool = True,
) -> dict:
    """The two-column header: cơ quan chủ quản (in hoa), cơ quan ban hành (in hoa, đậm), "Số: …",
    and on the right the Quốc hiệu, the Tiêu ngữ and the italic place-date line.

    `number` is the full number ("05/TTr-STTTT"); None leaves the "Số:" line out (an
    attached list). `dated=False` leaves the place-date line out. `parent_lines` and
    `issuer_lines` are the same names cut into even lines for the narrow header column.
    """
    parent_text = (parent or "").upper()
    issuer_text = (issuer or "").upper()
    return {
        "parent": parent_text,
        "issuer": issuer_text,
        "parent_lines": balanced_lines(parent_text),
        "issuer_lines": balanced_lines(issuer_text),
        "number": f"Số: {number}" if number is not None else "",
        "national": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "motto": "Độc lập - Tự do - Hạnh phúc",
        "date_line": date_line(day, place, year) if dated else "",
    }


def signature_context(title: str, name: str = "", on_behalf: str = "", note: str = "") -> dict:
    """Signature block: "KT. GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC" when a deputy signs, then the name.

    A title starting with "PHÓ " gets the "KT." line of its head automatically;
    `on_behalf` ("TM. HỘI ĐỒNG", "KT. CHỦ TỊCH", …) forces that first line; a title
    written on two lines ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC") gives both lines itself.
    """
    lines = [line.strip() for line in (title or "").upper().splitlines() if line.strip()]
    title = " ".join(lines[1:]) if len(lines) > 1 else "".join(lines)
    authority = on_behalf.strip().upper() or (lines[0] if len(lines) > 1 else "")
    if not authority and title.startswith("PHÓ "):
        authority = "KT. " + title[4:]
    # cut into lines that fit half a page, so Word never breaks a title inside a phrase ("ĐƠN / VỊ")
    lines = [*balanced_lines(authority, 30), *balanced_lines(title, 30)]
    return {"authority": authority, "title": title, "name": name or "", "note": note, "lines": lines, "pad": 0}


def side_by_side(*signatures: dict) -> tuple[dict, ...]:
    """Signature blocks printed side by side, the shorter ones padded so that the names stand on one line."""
    heights = [len(s["lines"]) + bool(s["note"]) for s in signatures]
    return tuple({**s, "pad": max(heights) - height} for s, height in zip(signatures, heights))


def signer_title(campaign) -> str:
    """Who signs for the agency: the campaign's `signer_title`, else "GIÁM ĐỐC" for a Sở, else "THỦ TRƯỞNG CƠ QUAN"."""
    from thidua_cli.domain.vntext import fold_key

    if campaign.signer_title:
        return campaign.signer_title
    return "GIÁM ĐỐC" if fold_key(campaign.agency).startswith("so ") else "THỦ TRƯỞNG CƠ QUAN"


def recipients_list(items, first: tuple[str, ...] = ("Như trên",), archive: str = "Lưu: VT, VP") -> list[str]:
    """"Nơi nhận" lines: "- Như trên;" … "- Lưu: VT, VP." (the dashes and punctuation are added here). A campaign
    whose `recipients` already end with its own "Lưu: …" line keeps that one, last, instead of a second archive line."""
    lines = [text for text in (*first, *(items or ())) if text]
    kept = [text for text in lines if not _is_archive_line(text)]
    own = [text for text in lines if _is_archive_line(text)]
    out = [f"- {text.rstrip(';. ')};" for text in kept]
    out.append(f"- {(own[-1] if own else archive).rstrip(';. ')}.")
    return out


def _is_archive_line(text: str) -> bool:
    """ "Lưu: VT, VP", "Lưu VT", "- lưu: VT." — the office's archive line of a "Nơi nhận"."""
    from thidua_cli.domain.vntext import fold_key

    folded = fold_key(text.lstrip("- ").strip())
    return folded.startswith("luu:") or folded.startswith("luu :") or folded.startswith("luu vt")


# ---------------------------------------------------------------------------
# Environment and lookup
# ---------------------------------------------------------------------------


def user_templates_dir(templates_dir: str | Path | None = None) -> Path | None:
    """The user's folder: the explicit one, else $THIDUA_TEMPLATES, else none."""
    chosen = templates_dir if templates_dir not in (None, "") else os.environ.get(ENV_VAR) or None
    if chosen is None:
        return None
    path = Path(chosen).expanduser()
    if not path.is_dir():
        source = "--templates" if templates_dir not in (None, "") else ENV_VAR
        raise ThiduaError(f"thư mục mẫu văn bản {path} ({source}) không tồn tại", "tạo thư mục rồi chạy: thidua templates copy TÊN --to THƯ_MỤC")
    return path


def make_environment(templates_dir: str | Path | None = None):
    """The Jinja2 environment: user folder → shipped templates, `default:` prefix, strict, shared filters."""
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, StrictUndefined, select_autoescape

    shipped = str(shipped_templates_dir())
    loaders = []
    user = user_templates_dir(templates_dir)
    if user is not None:
        loaders.append(FileSystemLoader(str(user)))
    loaders.append(PrefixLoader({"default": FileSystemLoader(shipped)}, delimiter=":"))
    loaders.append(FileSystemLoader(shipped))
    env = Environment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html", "htm"), default_for_string=False, default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters.update(FILTERS)
    return env


def _bytecode_cache():
    """Compiled templates kept between runs (Jinja's per-user folder in the temporary directory,
    checked against each template's source): compiling the report's templates took ~70 ms a run."""
    from jinja2 import FileSystemBytecodeCache

    try:
        return FileSystemBytecodeCache()
    except (RuntimeError, OSError):  # no private temporary folder: compile every time, as before
        return None


def template_path(name: str, fmt: str, templates_dir: str | Path | None = None) -> tuple[Path, bool]:
    """The file a template name resolves to, and whether it comes from the user's folder."""
    relative = Path(fmt) / f"{name}.{_EXTENSIONS[fmt]}"
    user = user_templates_dir(templates_dir)
    if user is not None and (user / relative).is_file():
        return user / relative, True
    shipped = shipped_templates_dir() / relative
    if shipped.is_file():
        return shipped, False
    raise ThiduaError(f'không có mẫu văn bản "{name}" dạng {fmt} ({relative})', "xem các mẫu có sẵn: thidua templates list")


def render_document(name: str, context: dict, fmt: str, templates_dir: str | Path | None = None, env=None) -> str | bytes:
    """Render template `name` ("to-trinh", "danh-sach", …) as `fmt` (md | html | docx).

    Markdown and HTML return text; Word returns the bytes of the .docx. Pass `env`
    (from `make_environment`) to reuse one environment for many documents.
    """
    if fmt not in FORMATS:
        raise ThiduaError(f'định dạng văn bản "{fmt}" không hỗ trợ; chọn: {", ".join(FORMATS)}')
    env = env if env is not None else make_environment(templates_dir)
    if fmt == "docx":
        return _render_docx(name, context, env, templates_dir)
    return "".join(document_pieces(name, context, fmt, templates_dir, env))


def document_pieces(name: str, context: dict, fmt: str, templates_dir: str | Path | None = None, env=None) -> Iterator[str]:
    """A Markdown or HTML document in the pieces its template produces, to be written as they come: a list of
    thousands of people is never held as one string (nor as the list of pieces Jinja joins)."""
    from jinja2 import TemplateError, TemplateNotFound

    env = env if env is not None else make_environment(templates_dir)
    template_name = f"{fmt}/{name}.{_EXTENSIONS[fmt]}"
    try:
        yield from env.get_template(template_name).generate(**context)
    except TemplateNotFound as error:
        raise ThiduaError(f'không có mẫu văn bản "{error.name}"', "xem các mẫu có sẵn: thidua templates list") from None
    except TemplateError as error:
        where = f", dòng {error.lineno}" if getattr(error, "lineno", None) else ""
        source = getattr(error, "filename", None) or template_name
        raise ThiduaError(f"mẫu văn bản {source}{where} lỗi: {error.message or error}") from None


def _docx_environment(env):
    """The environment docxtpl renders with: an overlay of `env` (same loader and filters).

    docxtpl switches autoescape on in the environment it is given, so it gets its
    own overlay and the Markdown/HTML environment is left as it was. docxtpl also
    compiles every XML part with `from_string` on each render; the same part of
    the same template compiles to the same code, so compiled parts are kept.
    """
    overlay = getattr(env, "_thidua_docx", None)
    if overlay is None:
        overlay = env.overlay(autoescape=True)
        compiled: dict[str, object] = {}
        plain_from_string = overlay.from_string

        def from_string(source, globals=None, template_class=None):
            if globals is not None or template_class is not None:
                return plain_from_string(source, globals, template_class)
            template = compiled.get(source)
            if template is None:
                template = compiled[source] = plain_from_string(source)
            return template

        overlay.from_string = from_string
        env._thidua_docx = overlay
    return overlay


_TEMPLATE_CLASS = None


def _docx_template_class():
    """DocxTemplate that remembers its XML clean-up (`patch_xml` is pure and costs a third of a render)."""
    global _TEMPLATE_CLASS
    if _TEMPLATE_CLASS is None:
        from docxtpl import DocxTemplate

        class CachedDocxTemplate(DocxTemplate):
            _patched: dict[str, str] = {}

            def patch_xml(self, src_xml):
                patched = self._patched.get(src_xml)
                if patched is None:
                    if len(self._patched) > 64:
                        self._patched.clear()
                    patched = self._patched[src_xml] = super().patch_xml(src_xml)
                return patched

        _TEMPLATE_CLASS = CachedDocxTemplate
    return _TEMPLATE_CLASS


def _prepared_template(path: Path, env):
    """The Word template at `path` opened and compiled once per environment (again when the file changes)."""
    from thidua_cli.render import word_template

    overlay = _docx_environment(env)
    prepared = getattr(overlay, "_thidua_prepared", None)
    if prepared is None:
        prepared = overlay._thidua_prepared = {}
    status = path.stat()
    key = (str(path), status.st_mtime_ns, status.st_size)
    template = prepared.get(key)
    if template is None:
        template = prepared[key] = word_template.PreparedTemplate(path, _docx_template_class(), overlay)
        word_template.release()
    return template


def prepare_word_templates(names: tuple[str, ...], env, templates_dir=None) -> None:
    """Open and compile these Word templates now, before the caller builds what it renders: preparing one
    parses its whole package, megabytes that are freed again but left the process at a higher peak when
    they came on top of a province's lists. A template that fails here is left for its render to report."""
    for name in names:
        try:
            _prepared_template(template_path(name, "docx", templates_dir)[0], env)
        except Exception:  # noqa: BLE001 - only a head start: the render raises the same error with its message
            continue


def _render_docx(name: str, context: dict, env, templates_dir) -> bytes:
    from jinja2 import TemplateError

    path, _ = template_path(name, "docx", templates_dir)
    try:
        prepared = _prepared_template(path, env)
        if prepared.usable:
            return prepared.render(context)
        document = _docx_template_class()(str(path))
        document.render(context, jinja_env=_docx_environment(env), autoescape=True)
    except TemplateError as error:
        around = " ".join(" ".join(getattr(error, "docx_context", None) or ()).split())
        hint = f"quanh chỗ: {around[:160]}" if around else None
        raise ThiduaError(f"mẫu Word {path} lỗi: {error.message or error}", hint) from None
    except (KeyError, ValueError, OSError) as error:
        raise ThiduaError(f"không đọc được mẫu Word {path}: {error}") from None
    buffer = io.BytesIO()
    document.save(buffer)
    del document
    # A python-docx document is a reference cycle (package ↔ parts) holding its lxml trees, memory the
    # cycle collector does not see; with the rare collections `cli.main` sets, a dossier of 300
    # reports kept ~1 GB of dead documents. The young generations hold just this render: cheap to sweep.
    gc.collect(1)
    return buffer.getvalue()


# ---------------------------------------------------------------------------
# What templates exist (for `thidua templates list/copy`)
# ---------------------------------------------------------------------------

DESCRIPTIONS = {
    "to-trinh": "Tờ trình đề nghị khen thưởng (căn cứ theo bộ quy định của phong trào)",
    "danh-sach": "Danh sách đề nghị khen thưởng (khổ ngang)",
    "bien-ban": "Biên bản họp Hội đồng Thi đua - Khen thưởng (Mẫu 1.9, NĐ 30/2020)",
    "bao-cao-thanh-tich": "Báo cáo thành tích (đầy đủ hoặc tóm tắt; tập thể, cá nhân)",
    "quyet-dinh": "Quyết định khen thưởng (dự thảo) kèm danh sách",
    "muc-luc": "Mục lục hồ sơ đã ghi",
    "bao-cao-thang": "Báo cáo kết quả thực hiện phong trào thi đua (tháng, quý, năm: thidua report)",
    "bao-cao-tong-ket": "Báo cáo tổng kết, sơ kết phong trào thi đua (thidua report --final, --midterm)",
    "danh-sach-dang-ky": "Danh sách đăng ký thi đua gửi cấp trên (thidua register list)",
    "_nd30": "Phần dùng chung: tiêu đề, chữ ký, nơi nhận theo NĐ 30/2020",
    "_page": "Phần dùng chung: trang A4, kiểu chữ, lề (HTML)",
}


def _names_in(folder: Path | None) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    if folder is None:
        return found
    for fmt in FORMATS:
        sub = folder / fmt
        if not sub.is_dir():
            continue
        for path in sorted(sub.glob(f"*.{_EXTENSIONS[fmt]}")):
            found.setdefault(path.stem, set()).add(fmt)
    return found


def list_templates(templates_dir: str | Path | None = None) -> list[dict]:
    """Every template name: its shipped formats, the formats the user's folder overrides."""
    shipped = _names_in(shipped_templates_dir())
    user = _names_in(user_templates_dir(templates_dir))
    names = sorted(set(shipped) | set(user), key=lambda n: (n.startswith("_"), n))
    return [
        {
            "name": name,
            "formats": [f for f in FORMATS if f in shipped.get(name, set())],
            "overridden": [f for f in FORMATS if f in user.get(name, set())],
            "description": DESCRIPTIONS.get(name, ""),
        }
        for name in names
    ]


def copy_template(name: str, destination: str | Path, formats: tuple[str, ...] = FORMATS, force: bool = False) -> list[Path]:
    """Copy the shipped files of `name` into `destination/<fmt>/` to start an override."""
    shipped_root = shipped_templates_dir()
    target = Path(destination).expanduser()
    if target.resolve() == shipped_root.resolve():
        raise ThiduaError(f"thư mục đích {target} chính là thư mục mẫu gốc; hãy chọn thư mục khác bằng --to")
    available = _names_in(shipped_root)
    if name not in available:
        known = ", ".join(sorted(available))
        raise ThiduaError(f'không có mẫu văn bản "{name}"', f"các mẫu có sẵn: {known}")
    chosen = [f for f in FORMATS if f in formats and f in available[name]]
    if not chosen:
        raise ThiduaError(f'mẫu "{name}" không có dạng {", ".join(formats)}; có: {", ".join(sorted(available[name]))}')
    sources = [(shipped_root / f / f"{name}.{_EXTENSIONS[f]}", target / f / f"{name}.{_EXTENSIONS[f]}") for f in chosen]
    existing = [str(dst) for _, dst in sources if dst.exists()]
    if existing and not force:
        raise ThiduaError(f"tệp {existing[0]} đã có, không chép đè", "thêm --force để chép đè")
    from thidua_cli.files import copy_atomic

    written = []
    try:
        for src, dst in sources:
            copy_atomic(src, dst)
            written.append(dst)
    except OSError as error:
        raise ThiduaError(f"không chép được mẫu vào {target}: {system_reason(error)}") from None
    return written
