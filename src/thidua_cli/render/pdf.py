"""PDF from the print-ready HTML (WeasyPrint, the optional extra `thidua-cli[pdf]`).

The HTML templates already carry the page (A4, the NĐ 30 margins, page numbers from page 2, see
templates/html/_page.html); the PDF embeds the shipped Liberation Serif (metric-compatible with
Times New Roman) under the name "Times New Roman", so a machine without that font prints the same.
"""

from __future__ import annotations

from thidua_cli.errors import ThiduaError

INSTALL_HINT = (
    "cài phần PDF: pip install 'thidua-cli[pdf]' (WeasyPrint); trên Debian/Ubuntu cần thêm thư viện hệ thống: "
    "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b"
)


def _weasyprint():
    try:
        import weasyprint
    except ImportError:
        raise ThiduaError("ghi PDF cần WeasyPrint, máy này chưa cài", hint=INSTALL_HINT) from None
    except OSError as error:  # the Python package is there, its system libraries (Pango …) are not
        raise ThiduaError(f"ghi PDF cần thư viện hệ thống của WeasyPrint, máy này thiếu ({error})", hint=INSTALL_HINT) from None
    return weasyprint


def _font_faces() -> str:
    from thidua_cli.render.certificates import FONTS

    faces = []
    for family in ("Times New Roman", "Liberation Serif"):
        for weight, style, suffix in (("normal", "normal", "Regular"), ("bold", "normal", "Bold"),
                                      ("normal", "italic", "Italic"), ("bold", "italic", "BoldItalic")):
            url = (FONTS / f"LiberationSerif-{suffix}.ttf").as_uri()
            faces.append(f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: {style}; src: url("{url}"); }}')
    return "\n".join(faces)


def html_to_pdf(html: str) -> bytes:
    """The PDF of one print-ready HTML document (fonts embedded)."""
    weasyprint = _weasyprint()
    fonts = weasyprint.CSS(string=_font_faces())
    return weasyprint.HTML(string=html).write_pdf(stylesheets=[fonts])
