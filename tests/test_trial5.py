"""What a province found trying thidua on one PostgreSQL server (trial 5): a Sở Y tế and a Sở Giáo dục, each with
its own role, running a year-end review of its own, and the Ban Thi đua - Khen thưởng tỉnh reading both. Each test
sets up the case through the CLI and states what the office must read."""

from __future__ import annotations

from conftest import assert_refused


def test_subject_block_names_the_argument_as_its_help_does(thidua):
    # `thidua subject block --help` shows the argument as ĐỐI_TƯỢNG, as `discipline add` does; the line said "S:"
    thidua.mini()
    for args in (["subject", "block", "Không Có Ai", "--reason", "đang xem xét kỷ luật"],
                 ["subject", "unblock", "Không Có Ai"]):
        result = assert_refused(thidua, args, 'ĐỐI_TƯỢNG: không tìm thấy đối tượng "Không Có Ai"')
        assert not result.stderr.startswith("Lỗi: S:"), result.stderr

