"""Word documents from prepared templates (render/word_template.py): part for part what docxtpl writes, whether
the body is parsed whole or streamed, and the package a valid zip that Word's readers open."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document

from dossier_example import example_dossier, small_dossier
from thidua_cli.render import word_template
from thidua_cli.render.documents import _docx_environment, _docx_template_class, make_environment, render_document, template_path
from thidua_cli.render.dossier import dossier_contexts


def documents() -> list[tuple[str, dict]]:
    """Every Word document of two dossiers: hostile text (small) and four deciding levels with a tie (example)."""
    found = []
    for dossier in (small_dossier(), example_dossier()):
        contexts = dossier_contexts(dossier)
        found.append(("bien-ban", contexts["minutes"]))
        for group in contexts["groups"]:
            found += [("to-trinh", group["to_trinh"]), ("danh-sach", group["danh_sach"])]
            if group["quyet_dinh"] is not None:
                found.append(("quyet-dinh", group["quyet_dinh"]))
            found += [("bao-cao-thanh-tich", report) for report in list(group["reports"])[:2]]
    return found


def parts(content: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        assert package.testzip() is None
        return [(name, package.read(name)) for name in package.namelist()]


def docxtpl_render(name: str, context: dict, env) -> bytes:
    """The document as docxtpl renders and saves it, the way thidua did before templates were prepared."""
    path, _ = template_path(name, "docx")
    document = _docx_template_class()(str(path))
    document.render(context, jinja_env=_docx_environment(env), autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_every_part_is_what_docxtpl_writes():
    env = make_environment()
    for name, context in documents():
        assert parts(render_document(name, context, "docx", env=env)) == parts(docxtpl_render(name, context, env)), name


@pytest.mark.parametrize("chunk", [64, 4096])
def test_a_streamed_body_is_the_same_document(monkeypatch, chunk):
    env = make_environment()
    whole = [render_document(name, context, "docx", env=env) for name, context in documents()]
    monkeypatch.setattr(word_template, "STREAM_AFTER", 0)
    monkeypatch.setattr(word_template, "_CHUNK", chunk)
    streamed = [render_document(name, context, "docx", env=env) for name, context in documents()]
    for (name, _), before, after in zip(documents(), whole, streamed):
        assert parts(after) == parts(before), name
        Document(io.BytesIO(after))  # python-docx opens it


def test_the_template_is_opened_once_per_environment(monkeypatch):
    env = make_environment()
    opened = []
    real = word_template.PreparedTemplate.__init__

    def counting(self, *args, **kwargs):
        opened.append(args[0])
        real(self, *args, **kwargs)

    monkeypatch.setattr(word_template.PreparedTemplate, "__init__", counting)
    for name, context in documents():
        render_document(name, context, "docx", env=env)
    assert sorted(path.name for path in opened) == sorted({f"{name}.docx" for name, _ in documents()})


def test_a_user_template_with_fields_in_its_properties(tmp_path):
    """A title of the document's properties written with Jinja fields is rendered per document, as docxtpl does."""
    shipped, _ = template_path("to-trinh", "docx")
    (tmp_path / "docx").mkdir()
    with zipfile.ZipFile(shipped) as source, zipfile.ZipFile(tmp_path / "docx" / "to-trinh.docx", "w") as copy:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                start, end = text.index("<dc:title>"), text.index("</dc:title>")
                data = (text[:start] + "<dc:title>Tờ trình {{ number }} &amp; {{ campaign.name }}" + text[end:]).encode("utf-8")
            copy.writestr(item, data)
    env = make_environment(tmp_path)
    groups = dossier_contexts(small_dossier())["groups"]
    titles = []
    for group in groups:
        context = group["to_trinh"]
        new = render_document("to-trinh", context, "docx", tmp_path, env=env)
        path, _ = template_path("to-trinh", "docx", tmp_path)
        old = _docx_template_class()(str(path))
        old.render(context, jinja_env=_docx_environment(env), autoescape=True)
        buffer = io.BytesIO()
        old.save(buffer)
        assert parts(new) == parts(buffer.getvalue())
        titles.append(Document(io.BytesIO(new)).core_properties.title)
    assert titles == [f"Tờ trình {group['to_trinh']['number']} & {groups[0]['to_trinh']['campaign'].name}" for group in groups]


@pytest.mark.parametrize("stream", [False, True])
def test_line_breaks_and_tabs_in_a_value_become_words_own(monkeypatch, stream):
    """docxtpl turns a newline, tab or page break in a value into Word's break, tab and page: so do we."""
    if stream:
        monkeypatch.setattr(word_template, "STREAM_AFTER", 0)
        monkeypatch.setattr(word_template, "_CHUNK", 64)
    env = make_environment()
    context = {**dossier_contexts(small_dossier())["groups"][0]["to_trinh"], "addressee": "Chủ tịch\nUBND tỉnh\tX\fY\aZ"}
    new = render_document("to-trinh", context, "docx", env=env)
    assert parts(new) == parts(docxtpl_render("to-trinh", context, env))
    body = dict(parts(new))["word/document.xml"].decode("utf-8")
    assert "<w:br/>" in body and "<w:tab/>" in body and '<w:br w:type="page"/>' in body


def test_a_list_of_hundreds_streamed_as_it_is_printed_is_what_docxtpl_writes(monkeypatch):
    """A danh sách, biên bản and quyết định of 320 people cross `STREAM_AFTER` by themselves (~2,500 characters a
    person): written to the package as rendered, their document.xml is docxtpl's, byte for byte, and Word's readers
    open them. Guards the streaming path on a real long list, not only with the threshold forced to 0."""
    from datetime import date
    from decimal import Decimal

    from dossier_example import SMALL_CAMPAIGN, build_dossier, parse_campaign
    from thidua_cli.domain.models import Subject

    campaign = parse_campaign(SMALL_CAMPAIGN)
    subjects = [Subject(code="P1", name="Phòng Quản lý công nghệ & <số>", kind="collective", female_percent=Decimal(20), id=1)]
    subjects += [Subject(code=f"A{n}", name=f"Nguyễn Văn \"Ân\" {n}", kind="individual", unit="P1", position="Chuyên viên",
                         gender="nam" if n % 2 else "nữ", id=n + 1) for n in range(1, 320)]
    entries = [{"id": n, "date": date(2025, 3, 1 + n % 28), "subject": s.code, "criterion": "CDS", "points": 6000 + n * 10,
                "note": f"Triển khai dịch vụ công trực tuyến mức độ 4 & 'chữ ký số' lần {n}", "evidence": ""}
               for n, s in enumerate(subjects, 1)]
    dossier = build_dossier(campaign, subjects, entries, [], {"GK": [s.code for s in subjects]}, today=date(2025, 12, 15))
    contexts = dossier_contexts(dossier)
    group = contexts["groups"][0]
    env = make_environment()
    streams: list[int] = []
    whole_body = word_template.PreparedTemplate._streamed_body

    def counted(self, *args):
        streams.append(1)
        return whole_body(self, *args)

    monkeypatch.setattr(word_template.PreparedTemplate, "_streamed_body", counted)
    for name, context in (("danh-sach", group["danh_sach"]), ("bien-ban", contexts["minutes"]),
                          ("quyet-dinh", group["quyet_dinh"])):
        before = len(streams)
        streamed = render_document(name, context, "docx", env=env)
        assert len(streams) == before + 1, name  # written as rendered, not parsed whole
        body = dict(parts(streamed))["word/document.xml"]
        assert len(body) > 2 * word_template.STREAM_AFTER, name  # long enough to be streamed
        assert parts(streamed) == parts(docxtpl_render(name, context, env)), name
        assert body.count(b"Nguy\xe1\xbb\x85n V\xc4\x83n") >= 319, name  # every person listed
        Document(io.BytesIO(streamed))  # python-docx opens it
