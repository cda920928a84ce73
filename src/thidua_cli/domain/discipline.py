"""Disciplinary measures (hình thức kỷ luật) and how offices type them.

The award rules read them: a collective has the Tập thể lao động tiên tiến or
xuất sắc only with no member disciplined "từ hình thức cảnh cáo trở lên" in the
year (Luật Thi đua, khen thưởng 2022 Điều 27, 28); an agency may bar an
individual's danh hiệu for a lighter one. The forms are ordered from lightest
to heaviest across the laws for cán bộ, công chức and viên chức (Luật Cán bộ,
công chức Điều 78, 79; Luật Viên chức Điều 52; NĐ 112/2020): "cảnh cáo trở
lên" is met by cảnh cáo and every heavier one.
"""

from __future__ import annotations

import re

from thidua_cli.domain.vntext import fold_key

REPRIMAND = "Khiển trách"
WARNING = "Cảnh cáo"
FORMS = (REPRIMAND, WARNING, "Hạ bậc lương", "Giáng chức", "Cách chức", "Bãi nhiệm", "Buộc thôi việc")  # lightest first
_RANK = {form: index for index, form in enumerate(FORMS)}
_RANK["Bãi nhiệm"] = _RANK["Cách chức"] + 1  # a cán bộ's heaviest short of dismissal; as heavy as buộc thôi việc
_RANK["Buộc thôi việc"] = _RANK["Bãi nhiệm"]
_NOT_LETTERS = re.compile(r"[^a-z0-9]")
_BY_KEY = {_NOT_LETTERS.sub("", fold_key(form)): form for form in FORMS}


def normalise_form(text: str | None) -> str | None:
    """The form an office's text means ("cảnh cáo", "CẢNH CÁO", "canh cao"), or None when it names none."""
    return _BY_KEY.get(_NOT_LETTERS.sub("", fold_key(text or "")))


def at_least(form: str, wanted: str) -> bool:
    """`form` is `wanted` or heavier."""
    return _RANK[form] >= _RANK[wanted]


def forms_hint() -> str:
    return ", ".join(FORMS)
