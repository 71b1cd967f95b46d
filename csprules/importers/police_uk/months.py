"""Month arithmetic and the periods (12 months, financial years and quarters) built from months."""

from __future__ import annotations


def shift(month: str, by: int) -> str:
    y, m = int(month[:4]), int(month[5:7])
    index = y * 12 + (m - 1) + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def window(end: str, length: int) -> list[str]:
    """The ``length`` months ending with ``end``, oldest first."""
    return [shift(end, -i) for i in range(length - 1, -1, -1)]


def financial_year(month: str) -> str:
    y, m = int(month[:4]), int(month[5:7])
    start = y if m >= 4 else y - 1
    return f"{start}/{(start + 1) % 100:02d}"


def financial_quarter(month: str) -> str:
    m = int(month[5:7])
    return f"{financial_year(month)} Q{(m - 4) % 12 // 3 + 1}"


def fy_months(label: str) -> list[str]:
    return window(f"{int(label[:4]) + 1}-03", 12)


def quarter_months(label: str) -> list[str]:
    fy, q = label.split(" Q")
    first = shift(f"{fy[:4]}-04", 3 * (int(q) - 1))
    return window(shift(first, 2), 3)
