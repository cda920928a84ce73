"""trial16: the README's examples, run as an office worker would (fixes found while walking through them)."""

from __future__ import annotations

import shutil

import pytest

from conftest import REPO


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_one_own_layout_for_a_round_on_several_blanks_is_warned(tmp_path_factory):
    """README: `certificates 1 --layout phoi-cua-toi.toml`. A round with Bằng khen (A3 blank) and Giấy khen (A4 blank)
    printed every page on the one measured blank without a word: the Bằng khen came out on the Giấy khen's
    coordinates. Now a `Cảnh báo:` line names the blanks and how many pages each; one blank only, no warning."""
    from year_example import year_ledger

    monkeypatch = pytest.MonkeyPatch()
    try:
        thidua, _ = year_ledger(tmp_path_factory.mktemp("trial16"), monkeypatch)
        own = thidua.folder / "phoi-cua-toi.toml"
        shutil.copy(REPO / "templates" / "certificates" / "giay-khen.toml", own)
        mixed = thidua.ok("certificates", "1", "--layout", str(own), "-o", str(thidua.folder / "in"))
        plain = thidua.ok("certificates", "1", "-o", str(thidua.folder / "in-goc"))
        # one blank at a time: the round's Giấy khen alone on the office's own Giấy khen layout (there was no way to
        # choose them out of a round or decision holding danh hiệu and Bằng khen too)
        only = thidua.ok("certificates", "1", "--layout", str(own), "--award", "giay khen cua giam doc so",
                         "-o", str(thidua.folder / "in-gk"))
        unknown = thidua("certificates", "1", "--award", "ZZ", "-o", str(thidua.folder / "in-zz"))
    finally:
        monkeypatch.undo()
    assert "Cảnh báo" not in only.stderr, only.stderr
    assert "giấy khen" in only.stderr.lower() and "bằng khen" not in only.stderr.lower(), only.stderr
    assert unknown.exit_code == 1 and unknown.stderr.startswith("Lỗi: --award: zz không có trong các khen thưởng được "
                                                                "chọn (có: "), unknown.stderr
    assert not (thidua.folder / "in-zz").exists()
    warning = [line for line in mixed.stderr.splitlines() if line.startswith("Cảnh báo:")]
    assert len(warning) == 1, mixed.stderr
    assert "nhiều loại phôi" in warning[0] and "bằng khen" in warning[0] and "giấy khen" in warning[0], warning
    assert "--decision" in warning[0]
    assert "Cảnh báo" not in plain.stderr
