"""Results are not targets (``targets.extraction``).

A plan's text, and the press that quotes it, mixes what the province aims at with what it has
already achieved: last year's ranks, figures counted up to a date, what every agency "đã" done.
DOMAIN.md ("Targets") makes a target a figure the plan commits to; a figure already reached is
context. These wordings are written as plans and reports write them; each class has sentences
it must reject and the target wordings beside it it must still read.
"""

import pytest

from targets.extraction import targets_extract


def read(text: str, year: int) -> list[tuple]:
    return [(t["measure"], t["comparator"], t["value"]) for t in targets_extract(text, plan_year=year)]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        # a standing stated as a fact: "xếp thứ", "đứng thứ", "xếp hạng thứ", "xếp hạng N/63"
        ("Chỉ số cải cách hành chính của tỉnh xếp thứ 16, tăng 1 bậc so với năm 2021.", 2024),
        ("Chỉ số PCI của tỉnh dẫn đầu khu vực, đứng thứ 18 cả nước, tăng 1 bậc so với năm 2018.", 2021),
        ("Chỉ số SIPAS của tỉnh xếp hạng thứ 24/63 tỉnh, thành phố.", 2025),
        ("Tỉnh được xếp hạng 09/63 tỉnh thành về chuyển đổi số.", 2021),
        ("Theo đó, tỉnh đạt 87,32, tăng 2,46 điểm %, xếp thứ 29/63, tăng 5 bậc so năm 2022.", 2024),
        # a figure as published
        ("Theo công bố, Chỉ số PAPI của tỉnh đạt 44 điểm, tăng 3 bậc so với năm trước.", 2024),
        # a window the figures were counted in
        ("Tính đến ngày 21/8/2025, tỷ lệ hồ sơ trực tuyến của tỉnh đạt 83%.", 2026),
        ("Từ ngày 1/7 đến 30/11, tỷ lệ hồ sơ thanh toán trực tuyến đạt 98,7%.", 2026),
        ("Đến nay, 95 xã, phường đã vận hành ổn định bộ phận một cửa, đạt 100%.", 2026),
        # a change against a measurement, not a year
        ("Tỉnh đạt 92 điểm, tăng 19 điểm so với kết quả đánh giá đầu tháng 7.", 2026),
        ("Tỉnh tăng 3 bậc so với thời điểm tháng trước về chỉ số phục vụ người dân.", 2026),
        # what the number counts has been done
        ("100% sở, ban, ngành, địa phương đã ban hành kế hoạch cải cách hành chính.", 2026),
        ("100% văn bản đã được cập nhật vào cơ sở dữ liệu quốc gia ngay sau khi ban hành.", 2026),
        # measured figures: "là 77,98%", ": 1,58%", a score to the hundredth
        ("Số hồ sơ giải quyết và trả kết quả đúng, trước hạn là 77,98%.", 2026),
        ("Số hồ sơ giải quyết quá hạn: 1,58%.", 2026),
        ("Tỉnh đạt 44,396 điểm, thuộc nhóm các tỉnh có điểm số cao nhất.", 2021),
        ("Chỉ số DTI của tỉnh đạt 0.6512 điểm, đứng sau hai thành phố.", 2024),
        ("Tỷ lệ thanh toán trực tuyến toàn tỉnh đạt 47,25%.", 2025),
        # a standing opening the sentence, counted parts of a whole, a described change
        ("Hiện trên bảng xếp hạng PCI, tỉnh vươn lên vị trí thứ 9, tăng 6 hạng so với năm 2021.", 2023),
        ("Hiện có 92% thủ tục hành chính được cung cấp trực tuyến.", 2024),
        ("Trong đó có 05/12 sở có chỉ số trên 90%; có 03/12 sở dưới 80%.", 2024),
        ("Với mức tăng 6,2 điểm, tỉnh là một trong năm địa phương tăng nhiều nhất.", 2024),
    ],
)
def test_results_are_not_targets(text, year):
    assert read(text, year) == []


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        # the same words governed by an aim are targets
        ("Phấn đấu năm 2024 Chỉ số PAR INDEX xếp thứ 20/63 trở lên.", 2024, [("rank", "<=", 20)]),
        (
            "Chỉ số SIPAS năm 2025 đạt trên 85%, duy trì vị trí thứ 5/14 tỉnh vùng Bắc Trung Bộ.",
            2025,
            [("percent", ">", 85), ("rank", "<=", 5)],
        ),
        ("Mục tiêu đến năm 2026, 100% hồ sơ được số hóa, tính đến cấp xã.", 2026, [("rate", "=", 100)]),
        # "đã" naming what is counted, the aim after it
        ("100% hồ sơ đã tiếp nhận được giải quyết đúng hạn.", 2024, [("rate", "=", 100)]),
        ("100% thủ tục hành chính đã công bố được cập nhật trên Cổng.", 2024, [("rate", "=", 100)]),
        ("Tỷ lệ hồ sơ đã giải quyết đúng hạn đạt trên 98%.", 2024, [("rate", ">", 98)]),
        # a whole or a tenth of a point is a target score; a share with two decimals too
        ("Chỉ số PCI đạt từ 68,5 điểm trở lên.", 2024, [("score", ">=", 68.5)]),
        ("Cắt giảm tối thiểu 1,27% biên chế so với năm 2022.", 2024, [("count", "improve_by", 1.27)]),
        ("Phấn đấu có 24/40 xã đạt chuẩn nông thôn mới kiểu mẫu, đạt 60%.", 2024, [("rate", ">=", 60)]),
        ("Tỷ lệ hồ sơ trực tuyến đạt tối thiểu 82,5%.", 2025, [("rate", ">=", 82.5)]),
        # a change in rank against last year is a target, against a year before it a result
        ("Chỉ số PAPI tăng ít nhất 01 bậc so với năm 2024.", 2025, [("rank", "improve_by", 1)]),
    ],
)
def test_aims_beside_results_are_read(text, year, expected):
    got = read(text, year)
    assert [(m, c, float(v)) for m, c, v in got] == [(m, c, float(v)) for m, c, v in expected]
