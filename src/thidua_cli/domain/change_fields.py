"""The words for a ledger's columns, as `thidua log` and `thidua check` name what changed in a record."""

from __future__ import annotations

# the columns a council member asks about, named as the office names them
FIELD_LABELS = {
    "code": "mã", "name": "tên", "kind": "loại", "applies_to": "áp dụng cho", "max_points": "điểm tối đa",
    "min_points": "điểm tối thiểu", "weight": "hệ số", "min_score": "điểm đạt", "level": "cấp", "authority": "cấp quyết định",
    "multiplier": "hệ số tiền thưởng", "collective_multiplier": "hệ số tiền thưởng tập thể", "quota_percent": "tỷ lệ tối đa (%)",
    "max_count": "số lượng tối đa", "requires": "điều kiện khen thưởng trước", "vote_threshold": "tỷ lệ phiếu cần đạt",
    "amount": "số tiền", "start": "ngày bắt đầu", "end": "ngày kết thúc", "base_salary": "lương cơ sở", "settings": "thiết lập",
    "unit": "đơn vị", "position": "chức vụ / thứ tự", "gender": "giới tính", "female_percent": "tỷ lệ nữ (%)",
    "blocked": "bị chặn xét khen", "block_reason": "lý do chặn", "active": "đang theo dõi", "details": "thông tin chi tiết",
    "award": "khen thưởng", "number": "số", "day": "ngày", "issuer": "cơ quan ban hành", "year": "năm", "category": "phân loại",
    "award_kind": "loại hình", "result": "kết quả đợt xét", "votes": "phiếu bầu", "decision_number": "số quyết định",
    "decision_date": "ngày quyết định", "cancelled_at": "huỷ lúc", "cancel_reason": "lý do huỷ", "reason": "lý do",
    "targets": "chỉ tiêu đăng ký", "status": "trạng thái", "registration_id": "đăng ký thi đua",
    "entry_id": "mục ghi", "subject_id": "đối tượng", "campaign_id": "phong trào", "round_id": "đợt xét", "decision_id": "quyết định",
    "agency_id": "cơ quan",
    "rating": "xếp loại", "form": "hình thức", "points": "điểm", "note": "nội dung", "evidence": "minh chứng",
    "criterion_id": "tiêu chí", "corrects": "sửa quyết định", "period_from": "từ ngày", "period_to": "đến ngày",
    "recorded_at": "ghi lúc", "recorded_by": "người ghi", "created_at": "tạo lúc", "created_by": "người tạo",
    "plan": "số kế hoạch", "issued": "ngày ban hành kế hoạch", "agency": "cơ quan phát động", "parent_agency": "cơ quan chủ quản",
    "place": "địa danh", "description": "mô tả", "initiative": "là sáng kiến", "penalty": "là vi phạm (điểm trừ)",
    "requires_no_penalty": "không xét người có điểm trừ", "agency_decides": "cơ quan tự quyết định",
    "with_awards": "tặng kèm", "prerequisites": "điều kiện theo năm, xếp loại", "source": "nguồn", "import_id": "lần nhập",
    "batch_id": "lần nhập", "out_dir": "thư mục hồ sơ", "cancelled_by": "người huỷ", "prev_hash": "mã băm mục trước",
    "hash": "mã băm",
}


def field_words(key: str) -> str:
    """'hệ số (weight)': the office's word with the column's own name, which a technician looks up."""
    label = FIELD_LABELS.get(key)
    return f"{label} ({key})" if label else key


# the ledger's codes of a few fields, as the office says them (`campaign show`, `awards`, `register list`)
_VALUE_WORDS = {
    "kind": {"individual": "cá nhân", "collective": "tập thể", "thuong-xuyen": "thường xuyên", "chuyen-de": "theo chuyên đề"},
    "applies_to": {"individual": "cá nhân", "collective": "tập thể", "both": "cả hai"},
    "category": {"danh-hieu": "danh hiệu thi đua", "hinh-thuc": "hình thức khen thưởng"},
}


def value_words(key: str, value: str) -> str:
    """'cả hai' for applies_to "both": a field's coded value in the office's words (others as they are)."""
    from thidua_cli.domain.history_terms import AWARD_KIND_LABELS
    from thidua_cli.domain.registration import STATUS_LABELS

    words = {**_VALUE_WORDS, "award_kind": AWARD_KIND_LABELS, "status": STATUS_LABELS}.get(key, {})
    return words.get(value, value)
