"""The one exception family the CLI turns into a `Lỗi: …` line.

Domain and service code raise these with a Vietnamese message that names the
record and field at fault; the CLI prints them on one line and exits 1 (or 2
for usage errors). Nothing else should reach the user as a traceback.
"""

from __future__ import annotations

import re

_COLUMN_LETTER = re.compile("[A-Z]{1,3}")  # a spreadsheet column as Excel names it


class ThiduaError(Exception):
    """A request that was understood but cannot be done (exit 1)."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None, details: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.details = details or []


class UsageError(ThiduaError):
    """The command line itself is wrong (exit 2)."""

    exit_code = 2


class NotFound(ThiduaError):
    pass


class InvalidData(ThiduaError):
    pass


class RowError(Exception):
    """One bad cell of an input file; collected, never raised to the user alone."""

    def __init__(self, where: str, column: str, value: object, reason: str):
        super().__init__(reason)
        self.where = where
        self.column = column
        self.value = value
        self.reason = reason

    def __reduce__(self):  # pickled whole: an import checked in a second process sends its bad cells back
        return (RowError, (self.where, self.column, self.value, self.reason))

    def describe(self) -> str:
        """`dòng 14, cột "points": …` (CSV: the column's name) or `…, dòng 14, cột D: …` (XLSX: its letter)."""
        where = self.where
        value = "" if self.value is None else str(self.value)
        if self.column:
            column = self.column if _COLUMN_LETTER.fullmatch(self.column) else f'"{self.column}"'
            return f'{where}, cột {column}: "{value}" {self.reason}'
        return f"{where}: {self.reason}"


class FileRowsError(ThiduaError):
    """Every bad row of an input file, reported together."""

    def __init__(self, filename: str, errors: list[RowError], source=None, hint: str | None = None):
        """`source`: the file's path — given, a long list is cut on the screen and kept whole beside it.
        `hint`: what the reader left out that may explain the errors (a column nothing used)."""
        rows = len({e.where for e in errors})
        problems = f" ({len(errors)} lỗi)" if len(errors) != rows else ""
        first = errors[0].describe() if errors else ""
        message = f"tệp {filename} có {rows} dòng lỗi{problems}, chưa ghi gì vào sổ — {first}"
        details = [e.describe() for e in errors]
        if source is not None:
            from thidua_cli.services.long_lists import shortened

            details = shortened(details, source, "Các lỗi", skipped_first=1)
        else:
            details = details[1:]
        super().__init__(message, hint=hint, details=details)
        self.errors = errors


# errno name -> what a person should read; the system's own text is English ("No space left on device")
_SYSTEM_REASONS = {
    "ENOSPC": "đĩa đầy, hết chỗ trống",
    "EDQUOT": "vượt hạn mức dung lượng được dùng trên đĩa",
    "EROFS": "ổ đĩa chỉ cho đọc, không ghi được",
    "EACCES": "không có quyền truy cập",
    "EPERM": "hệ thống không cho phép thao tác này (không có quyền)",
    "ENOENT": "không có tệp hoặc thư mục này",
    "EISDIR": "đây là một thư mục, không phải tệp",
    "ENOTDIR": "một phần của đường dẫn không phải thư mục",
    "EEXIST": "đã có tệp hoặc thư mục cùng tên",
    "ENOTEMPTY": "thư mục không trống",
    "EIO": "lỗi đọc ghi của thiết bị lưu trữ",
    "ENAMETOOLONG": "tên tệp hoặc đường dẫn quá dài",
    "EMFILE": "đang mở quá nhiều tệp",
    "ENFILE": "hệ thống đang mở quá nhiều tệp",
    "EBUSY": "tệp hoặc thiết bị đang bận",
    "ETXTBSY": "tệp đang được chương trình khác dùng",
    "EXDEV": "không chuyển được giữa hai ổ đĩa khác nhau",
    "ELOOP": "đường dẫn có vòng lặp liên kết",
    "EFBIG": "tệp vượt cỡ tối đa cho phép",
    "EINVAL": "tên hoặc thao tác không hợp lệ với hệ thống tệp này",
    "EPIPE": "chương trình nhận dữ liệu đã đóng",
    "ENXIO": "không có thiết bị này",
    "ENODEV": "không có thiết bị này",
}


def system_reason(error: OSError) -> str:
    """The reason of an operating-system error in Vietnamese (never the system's English text)."""
    import errno

    name = errno.errorcode.get(error.errno or 0, "")
    reason = _SYSTEM_REASONS.get(name)
    if reason is None:
        reason = f"lỗi hệ thống ({name or 'không rõ mã'})"
    return reason


def file_error(action: str, path: object, error: OSError) -> ThiduaError:
    """`không ghi được tệp X: đĩa đầy, hết chỗ trống` — `action` is the verb phrase (ghi, đọc, tạo thư mục…)."""
    return ThiduaError(f"không {action} được {path}: {system_reason(error)}")
