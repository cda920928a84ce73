"""Word (.docx) templates prepared once and rendered many times, long bodies streamed.

docxtpl opens the template, cleans its XML, compiles it, renders, parses the result into an lxml tree and
saves the whole package (compressing ~0.8 MB of styles) for every document: ~30 ms a document, so a
province's dossier of 6,000 reports spent three minutes there, and a danh sách listing everyone became a
~20 MB string and then a ~200 MB tree. Here the template is opened and compiled once (per file and
modification time); each render runs docxtpl's own steps on the body and the headers (same clean-up, same
Jinja environment, same post-processing, same lxml serialisation) and writes the parts in python-docx's
order, the unchanged ones compressed once. A document is the same, part for part, as docxtpl's.

A body longer than `STREAM_AFTER` characters (a list of thousands of people) is not parsed into a tree: it is
written to the part as it is rendered, cut after whole paragraphs, with the serialisation lxml would give
(see `_as_lxml_writes`): the same XML, in memory a few hundred kilobytes whatever the length.
"""

from __future__ import annotations

import gc
import io
import re
import struct
import time
import zipfile
import zlib
from pathlib import Path

# characters of body XML; a report is ~40 000, a danh sách ~2 500 a person. Jinja's pieces are small objects:
# a body of 1 MiB characters held as pieces took ~18 MB before it was joined
STREAM_AFTER = 1 << 17
_CHUNK = 1 << 15
_HEADER_URI = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
_FOOTER_URI = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")  # those docxtpl renders


class PreparedTemplate:
    """One .docx template: its cleaned and compiled parts, and every other part of its package as written."""

    def __init__(self, path: Path, template_class, jinja_env):
        from docx.opc.oxml import serialize_part_xml

        self.path = path
        self._env = jinja_env
        source = template_class(str(path))
        source.render_init()
        self._source = source
        document = source.docx
        # footnotes are rendered by docxtpl once per section, over what the section before rendered: left to it
        self.usable = not any(part.content_type == _FOOTNOTES for part in document.part.package.parts)
        properties = document.core_properties
        self._property_sources = {name: getattr(properties, name) for name in _PROPERTIES}
        self._properties_vary = any("{" in (value or "") for value in self._property_sources.values())
        for name, value in self._property_sources.items():  # docxtpl renders them all, even when nothing varies
            setattr(properties, name, self._run(self._compile(value), value, {}) if not self._properties_vary else value)
        # every part as python-docx saves the untouched template, in its order; rendered ones are replaced
        buffer = io.BytesIO()
        document.save(buffer)
        with zipfile.ZipFile(buffer) as package:
            self._order = [info.filename for info in package.infolist()]
            contents = {name: package.read(name) for name in self._order}
        self._document_name = document.part.partname.membername
        self._body_source = re.sub(r"<w:p([ >])", r"\n<w:p\1", source.patch_xml(source.get_xml()))
        self._body = self._compile(self._body_source)
        self._has_pictures = "docPr" in self._body_source
        self._margins: dict[str, object] = {}
        for uri in (_HEADER_URI, _FOOTER_URI):
            for _, part in source.get_headers_footers(uri):
                xml = source.get_part_xml(part)
                encoding = source.get_headers_footers_encoding(xml)
                patched = re.sub(r"<w:p([ >])", r"\n<w:p\1", source.patch_xml(xml))
                self._margins[part.partname.membername] = (self._compile(patched), patched, encoding)
        self._compressed = {name: _deflate(data) for name, data in contents.items()
                            if name != self._document_name and name not in self._margins}
        body = document.element.body
        placeholder = body.makeelement(body.tag, {})
        document.element.replace(body, placeholder)
        head, tail = serialize_part_xml(document.element).split(b"<w:body/>")
        document.element.replace(placeholder, body)
        self._envelope = (head, tail)
        # what a render needs of the opened template; its other parts (styles: megabytes of lxml tree) are let go
        self._root = document.element
        self._core_part = next((part for part in document.part.package.iter_parts() if part.content_type == _CORE),
                               None) if self._properties_vary else None
        source.docx = None  # the package is a reference cycle (package ↔ parts): see `release`
        self._margin_cache: dict[bytes, tuple] = {}

    def _compile(self, source: str):
        from jinja2 import TemplateError

        try:
            return self._env.from_string(source)
        except TemplateError as error:
            raise _located(error, source) from None

    # ---------------------------------------------------------------- rendering

    def render(self, context: dict) -> bytes:
        """The .docx of `context`, as bytes."""
        members: dict[str, tuple] = {}
        members[self._document_name] = self._render_body(context)
        for name, (template, source, encoding) in self._margins.items():
            xml = _post_render(self._run(template, source, context)).encode(encoding)
            members[name] = self._margin(xml)
        if self._properties_vary:
            members.update(self._rendered_properties(context))
        out = _Zip()
        for name in self._order:
            part = members.get(name)
            out.add(name, *(part if part is not None else self._compressed[name]))
        return out.finish()

    def _run(self, template, source: str, context: dict) -> str:
        from jinja2 import TemplateError

        try:
            return template.render(context)
        except TemplateError as error:
            raise _located(error, source) from None

    def _margin(self, xml: bytes) -> tuple:
        """A header or footer as python-docx writes it (parsed and serialised), compressed once per content."""
        cached = self._margin_cache.get(xml)
        if cached is None:
            from docx.opc.oxml import serialize_part_xml
            from docx.oxml.parser import parse_xml

            if len(self._margin_cache) > 32:
                self._margin_cache.clear()
            cached = self._margin_cache[xml] = _deflate(serialize_part_xml(parse_xml(xml)))
        return cached

    def _rendered_properties(self, context: dict) -> dict[str, tuple]:
        from docx.opc.coreprops import CoreProperties
        from docx.opc.oxml import serialize_part_xml

        part = self._core_part
        properties = CoreProperties(part.element)
        for name, value in self._property_sources.items():
            setattr(properties, name, self._run(self._compile(value), value, context))
        return {part.partname.membername: _deflate(serialize_part_xml(part.element))}

    def _render_body(self, context: dict) -> tuple:
        from jinja2 import TemplateError

        pieces: list[str] = []
        size = 0
        stream = self._body.generate(context)
        try:
            for piece in stream:
                pieces.append(piece)
                size += len(piece)
                if size > STREAM_AFTER and not self._has_pictures:
                    return self._streamed_body(pieces, stream)
        except TemplateError as error:
            raise _located(error, self._body_source) from None
        return _deflate(self._exact_body("".join(pieces)))

    def _exact_body(self, rendered: str) -> bytes:
        """docxtpl's steps on a whole body: post-processing, fix_tables, fix_docpr_ids, the serialised document."""
        from docx.opc.oxml import serialize_part_xml

        source = self._source
        source.docx_ids_index = 1000  # as render_init sets it
        tree = source.fix_tables(_post_render(rendered))
        source.fix_docpr_ids(tree)
        self._root.replace(self._root.body, tree)
        return serialize_part_xml(self._root)

    def _streamed_body(self, pieces: list[str], stream) -> tuple:
        """The rest of a long body, rendered and written a few paragraphs at a time."""
        from jinja2 import TemplateError

        head, tail = self._envelope
        writer = _Deflater()
        writer.write(head)
        begun = "".join(pieces)
        pieces.clear()
        start = begun.index(">") + 1  # the body's own start tag carries namespaces the document already declares
        pending, size = ["<w:body>", begun[start:]], len(begun)
        del begun
        try:
            for piece in stream:
                pending.append(piece)
                size += len(piece)
                if size > _CHUNK:
                    text = "".join(pending)
                    # docxtpl's post-processing works paragraph by paragraph: cut after one
                    cut = text.rfind("</w:p>") + len("</w:p>")
                    if cut < len("</w:p>"):
                        pending, size = [text], len(text)
                        continue
                    writer.write(_as_lxml_writes(_post_render(text[:cut])).encode("utf-8"))
                    pending, size = [text[cut:]], len(text) - cut
        except TemplateError as error:
            raise _located(error, self._body_source) from None
        writer.write(_as_lxml_writes(_post_render("".join(pending))).encode("utf-8"))
        writer.write(tail)
        return writer.finish()


_TRIM: list = []


def release() -> None:
    """Free what preparing a template left: the opened package is a reference cycle (package ↔ parts) holding
    megabytes of lxml trees, and lxml's freed memory stays with the C heap until it is trimmed. The package
    is young: collecting the two young generations finds it (a full collection, with a province's standings
    in memory, cost ~50 ms a template and made a small dossier slower than with docxtpl)."""
    gc.collect(1)
    give_back_freed_memory()


def give_back_freed_memory() -> None:
    """Hand the C heap's free pages back to the system (glibc's `malloc_trim`; elsewhere nothing). lxml frees a
    parsed package's trees (~5 MB a template, its styles) to malloc, which keeps the pages in the process."""
    if not _TRIM:
        try:
            import ctypes

            _TRIM.append(ctypes.CDLL("libc.so.6").malloc_trim)
        except (OSError, AttributeError):
            _TRIM.append(None)
    if _TRIM[0] is not None:
        _TRIM[0](0)


def _located(error, source: str):
    """docxtpl's `docx_context`: the template text around the failing line, tags stripped."""
    if getattr(error, "lineno", None) is not None and source:
        line = max(error.lineno - 4, 0)
        error.docx_context = [re.sub(r"<[^>]+>", "", text) for text in source.splitlines()[line: line + 7]]
    return error


def _post_render(xml: str) -> str:
    """What docxtpl does to rendered XML before parsing it (render_xml_part): the same code."""
    from docxtpl import DocxTemplate

    xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
    xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    # resolve_listing turns a tab, line or page break in a run's text into Word's own; three nested
    # substitutions over every paragraph and run that give the text back unchanged when there is none
    if not _BREAKS.search(xml):
        return xml
    return DocxTemplate.resolve_listing(None, xml)


_BREAKS = re.compile("[\t\a\n\f]")


_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_EMPTY = re.compile(r"<([A-Za-z][\w.-]*:[A-Za-z][\w.-]*)((?:\s[^<>]*)?)(?<!/)></\1>")


def _as_lxml_writes(xml: str) -> str:
    """Rendered XML written as lxml serialises it after parsing: Jinja escapes quotes as character references
    (lxml writes them as they are in text, `&quot;` in attributes), an element left empty is self-closed."""
    if "&#" not in xml and "></" not in xml and "\r" not in xml:
        return xml
    parts = _TAG_OR_TEXT.split(xml)
    for index in range(0, len(parts), 2):  # text between tags
        text = parts[index]
        if text:
            parts[index] = text.replace("&#34;", '"').replace("&#39;", "'").replace("\r", "&#13;")
    for index in range(1, len(parts), 2):  # tags
        tag = parts[index]
        if "&#" in tag:
            parts[index] = tag.replace("&#34;", "&quot;").replace("&#39;", "'")
    return _EMPTY.sub(r"<\1\2/>", "".join(parts))


# ---------------------------------------------------------------------------- the package


def _deflate(data: bytes) -> tuple:
    """(crc, size, deflated bytes) as zipfile's ZIP_DEFLATED writes a member."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return zlib.crc32(data), len(data), compressor.compress(data) + compressor.flush()


class _Deflater:
    """A member compressed as it is written."""

    def __init__(self):
        self._compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        self._crc = 0
        self._size = 0
        self._out: list[bytes] = []

    def write(self, data: bytes) -> None:
        self._crc = zlib.crc32(data, self._crc)
        self._size += len(data)
        self._out.append(self._compressor.compress(data))

    def finish(self) -> tuple:
        self._out.append(self._compressor.flush())
        return self._crc, self._size, b"".join(self._out)


class _Zip:
    """The zip python-docx writes (zipfile, ZIP_DEFLATED, members dated now), from members compressed beforehand."""

    def __init__(self):
        self._out = io.BytesIO()
        self._central: list[bytes] = []
        now = time.localtime(time.time())
        self._dostime = now.tm_hour << 11 | now.tm_min << 5 | now.tm_sec // 2
        self._dosdate = (now.tm_year - 1980) << 9 | now.tm_mon << 5 | now.tm_mday

    def add(self, name: str, crc: int, size: int, data: bytes) -> None:
        encoded = name.encode("ascii")
        offset = self._out.tell()
        self._out.write(struct.pack("<4s2B4HL2L2H", b"PK\003\004", 20, 0, 0, zlib.DEFLATED, self._dostime,
                                    self._dosdate, crc, len(data), size, len(encoded), 0))
        self._out.write(encoded)
        self._out.write(data)
        self._central.append(struct.pack("<4s4B4HL2L5H2L", b"PK\001\002", 20, 3, 20, 0, 0, zlib.DEFLATED,
                                         self._dostime, self._dosdate, crc, len(data), size, len(encoded), 0, 0, 0, 0,
                                         0o600 << 16, offset) + encoded)

    def finish(self) -> bytes:
        start = self._out.tell()
        for entry in self._central:
            self._out.write(entry)
        self._out.write(struct.pack("<4s4H2LH", b"PK\005\006", 0, 0, len(self._central), len(self._central),
                                    self._out.tell() - start, start, 0))
        return self._out.getvalue()
