"""What every document the app prints shares (Nghị định 30/2020/NĐ-CP): the shipped fonts
(Liberation Serif, Times New Roman's metrics, full Vietnamese) and the place-and-date line."""

from datetime import date
from pathlib import Path

from django.conf import settings

FONTS_DIR = Path(settings.BASE_DIR) / "static" / "fonts"


def vn_date(day: date, place: str) -> str:
    """ "Hưng Yên, ngày 05 tháng 01 năm 2024" (leading zeros, as the decree prints)."""
    return f"{place}, ngày {day:%d} tháng {day:%m} năm {day.year}"
