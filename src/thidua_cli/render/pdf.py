"""PDF from the print-ready HTML (WeasyPrint, the optional extra `thidua-cli[pdf]`).

The HTML templates already carry the page (A4, the NĐ 30 margins, page numbers from page 2, see
templates/html/_page.html); the PDF embeds the shipped Liberation Serif (metric-compatible with
Times New Roman) and sets the text in it, so a machine without that font, or with another Liberation
Serif, prints the same.
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


# The PDF prints in the shipped Liberation Serif (the HTML asks for "Times New Roman", which a machine may lack or
# map to a font without Vietnamese letters): the text and the page numbers are set in it, under its own name.
_PRINT_FAMILY = """
html, body { font-family: "Liberation Serif" !important; }
@page { @top-center { font-family: "Liberation Serif" !important; } }
"""


def _font_faces() -> str:
    from thidua_cli.render.certificates import FONTS

    faces = []
    for weight, style, suffix in (("normal", "normal", "Regular"), ("bold", "normal", "Bold"),
                                  ("normal", "italic", "Italic"), ("bold", "italic", "BoldItalic")):
        url = (FONTS / f"LiberationSerif-{suffix}.ttf").as_uri()
        faces.append(f'@font-face {{ font-family: "Liberation Serif"; font-weight: {weight}; font-style: {style}; src: url("{url}"); }}')
    return "\n".join(faces) + _PRINT_FAMILY


def html_to_pdf(html: str) -> bytes:
    """The PDF of one print-ready HTML document (fonts embedded)."""
    weasyprint = _weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    # without a FontConfiguration WeasyPrint drops @font-face rules: the machine's fonts (DejaVu) printed instead
    font_config = FontConfiguration()
    fonts = weasyprint.CSS(string=_font_faces(), font_config=font_config)
    return weasyprint.HTML(string=html).write_pdf(stylesheets=[fonts], font_config=font_config)
