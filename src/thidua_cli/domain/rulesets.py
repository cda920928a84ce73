"""Rule sets: the legal texts a campaign runs under, and the citations its documents make.

A campaign names its rule set (`rules = "nd91-2017"` for the 2021 example,
`rules = "nd152-2025"` for a campaign from 01/7/2025). Every document of the
dossier cites the Law, the decree and their articles from here, never from a
template, so a 2022 biên bản cannot cite a 2025 decree.

Articles (DOMAIN.md §1, §3, §4): women-first NĐ 152/2025 Điều 4 k6 and NĐ
91/2017 Điều 3 k3 (nguyên tắc khen thưởng); money NĐ 152/2025 Điều 49–54 and
NĐ 91/2017 Điều 70–72 (as the 2021 example cites them). Neither decree has an
article on the council's vote (DOMAIN.md §3: the NĐ 98/2023 rule expired): the
vote is cited from the guiding circular and the council's own rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class RuleSet:
    code: str
    law: str  # "Luật Thi đua, khen thưởng …" as cited in a "Căn cứ" line
    decree: str  # the decree as cited in a "Căn cứ" line
    decree_short: str  # "Nghị định số 152/2025/NĐ-CP"
    women_first: str  # the article giving priority to women when subjects are equal
    vote: str  # where the council's secret vote and its share are set
    money: str  # the articles on reward money
    fund: str  # the article on the emulation and award fund
    simplified: str  # the simplified procedure (báo cáo tóm tắt thành tích)
    markers: tuple[str, ...]  # strings that show a text cites this rule set

    @property
    def basis(self) -> tuple[str, ...]:
        return (self.law, self.decree)


ND91_2017 = RuleSet(
    code="nd91-2017",
    law=(
        "Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của Luật Thi đua, "
        "khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013"
    ),
    decree=(
        "Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một số điều "
        "của Luật Thi đua, khen thưởng"
    ),
    decree_short="Nghị định số 91/2017/NĐ-CP",
    women_first="khoản 3 Điều 3 Nghị định số 91/2017/NĐ-CP",
    vote="Thông tư số 12/2019/TT-BNV của Bộ Nội vụ và Quy chế hoạt động của Hội đồng",
    money="Điều 70, 71 và 72 Nghị định số 91/2017/NĐ-CP",
    fund="Điều 67 Nghị định số 91/2017/NĐ-CP",
    simplified="Điều 55 Nghị định số 91/2017/NĐ-CP",
    markers=("91/2017/NĐ-CP", "năm 2003", "12/2019/TT-BNV"),
)

ND152_2025 = RuleSet(
    code="nd152-2025",
    law="Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022",
    decree=(
        "Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền trong "
        "lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng"
    ),
    decree_short="Nghị định số 152/2025/NĐ-CP",
    women_first="khoản 6 Điều 4 Nghị định số 152/2025/NĐ-CP",
    # the share "trên tổng số thành viên" came from NĐ 98/2023 Điều 30 k7, which NĐ 152/2025 replaced; no text in
    # force was found to say it again (DOMAIN.md): the biên bản cites the council's own rules, which set it
    vote="Quy chế hoạt động của Hội đồng",
    money="Điều 49, 50, 51 và 54 Nghị định số 152/2025/NĐ-CP",
    fund="Điều 49 Nghị định số 152/2025/NĐ-CP",
    simplified="Điều 85 Luật Thi đua, khen thưởng số 06/2022/QH15",
    markers=("152/2025/NĐ-CP", "06/2022/QH15", "15/2025/TT-BNV"),
)

RULE_SETS = {rules.code: rules for rules in (ND91_2017, ND152_2025)}
_LAW_2022_IN_FORCE = date(2024, 1, 1)


def rule_set(code: str, campaign_end: date | None = None) -> RuleSet:
    """The rule set named `code`; a campaign naming none (or one unknown here) runs under the texts
    in force when it ended: NĐ 91/2017 before the Law of 2022 took effect, NĐ 152/2025 after."""
    known = RULE_SETS.get((code or "").strip().casefold())
    if known is not None:
        return known
    if campaign_end is not None and campaign_end < _LAW_2022_IN_FORCE:
        return ND91_2017
    return ND152_2025


def cites_a_rule_set(line: str) -> bool:
    """True when `line` cites the Law on emulation or one of the decrees a rule set carries: such a
    line of a campaign's own legal basis is replaced by the rule set's citation."""
    if "Luật Thi đua" in line:
        return True
    return any(rules.decree_short.removeprefix("Nghị định số ") in line for rules in RULE_SETS.values())


def decision_basis(basis: list[str], agency: str, parent_agency: str) -> list[str]:
    """The "Căn cứ" lines of the agency's own quyết định: the act giving the agency its powers first (NĐ 30/2020 Phụ
    lục I: the căn cứ ban hành begin with the văn bản quy định thẩm quyền, chức năng, nhiệm vụ of the issuer) — the
    campaign's line naming it, moved first, or a line to fill in (a QĐ without it is sent back unsigned)."""
    from thidua_cli.domain.certificates import in_full
    from thidua_cli.domain.vntext import fold_key

    powers = [line for line in basis if "chuc nang" in fold_key(line)]
    if not powers:
        powers = [f"Quyết định số ………… ngày ………… của {in_full(parent_agency) if parent_agency else '…………'} quy định chức "
                  f"năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của {agency}"]
    return powers + [line for line in basis if line not in powers]


def legal_basis(rules: RuleSet, campaign_basis: tuple[str, ...] | list[str]) -> list[str]:
    """The "Căn cứ" lines of a document: the rule set's Law and decree, then the campaign's own lines
    (plans, decisions) that do not cite a law or decree of a rule set."""
    return [*rules.basis, *(line for line in campaign_basis if not cites_a_rule_set(line))]
