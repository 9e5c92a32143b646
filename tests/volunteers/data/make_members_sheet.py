"""Writes members_messy.xlsx, the member list the import tests read: every mess member lists
arrive with (title and blank rows, a "Tổng cộng" row, columns in any order and spelling,
phones in every form, names in capitals and NFD, communes by name with or without "Xã", or
by code). After changing the rows, run ``python tests/volunteers/data/make_members_sheet.py``.
"""

import unicodedata
from pathlib import Path

from openpyxl import Workbook

HEADER = [
    "STT",
    "Họ Và Tên",
    "SĐT",
    "Năm sinh",
    "Tên xã",
    "Mã xã",
    "Thôn/TDP",
    "Đội hình",
    "Ghi chú",
]
# Sheet row 5 onwards (row 15 is blank, row 17 the total).
ROWS = [
    [
        1,
        "Nguyễn Văn An",
        "0901 815 908",
        2001,
        "Xã Đông Hưng",
        "",
        "Thôn Đông",
        "Đội hình thôn Đông",
        "",
    ],
    [
        2,
        "TRẦN THỊ BÌNH",
        "0977.493.257",
        1999,
        "Đông Hưng",
        "",
        "thôn Tây",
        "ĐỘI HÌNH THÔN ĐÔNG",
        "Đội trưởng",
    ],
    [
        3,
        unicodedata.normalize("NFD", "lê  văn cường"),
        "+84 912 345 678",
        2003,
        "",
        12001,
        "Thôn Đông",
        "Đội hình thôn Đông",
        "",
    ],
    [
        4,
        "Phạm Thị Dung",
        "84988123456",
        2000,
        "Phường Phố Hiến",
        "",
        "TDP số 1",
        "Đội xung kích phường",
        "",
    ],
    [5, "Hoàng Văn Em", 912000111, 2002, "Phố Hiến", "", "Tổ dân phố số 9", "", ""],
    [
        6,
        "nguyễn văn an",
        "0901815908",
        2001,
        "xã đông hưng",
        "",
        "Thôn Đông",
        "Đội hình thôn Đông",
        "",
    ],
    [7, "", "0911 111 111", 2000, "Xã Đông Hưng", "", "Thôn Đông", "", ""],
    [8, "Vũ Thị Giang", "0922 222 222", 1850, "Xã Đông Hưng", "", "Thôn Tây", "", ""],
    [9, "Đỗ Văn Hải", "12345", 2000, "Xã Đông Hưng", "", "Thôn Tây", "", ""],
    [10, "Bùi Thị Lan", "0933 333 333", 2001, "Xã Không Có", "", "", "", ""],
    None,
    [
        11,
        "Ngô Văn Minh",
        "0944 444 444",
        "2004",
        "Đông Hưng",
        "",
        "Xóm Mới",
        "Đội hình thôn Đông",
        "",
    ],
    ["Tổng cộng", "11 đoàn viên"],
]


def build(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH ĐOÀN VIÊN ĐỘI HÌNH THANH NIÊN XUNG KÍCH CHUYỂN ĐỔI SỐ"])
    sheet.append(["(Kèm theo Kế hoạch số 12/KH-ĐTN)"])
    sheet.append([])
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row or [])
    book.save(path)


if __name__ == "__main__":
    build(Path(__file__).with_name("members_messy.xlsx"))
