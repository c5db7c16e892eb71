"""Sentences written from the figures: pure functions, no database."""

import unicodedata

import pytest
from django.utils.text import Truncator

from reports import wording


def test_tasks_sentence_reads_like_the_reports_written_by_hand():
    text = wording.tasks_sentence(total=60, done_on_time=40, done_late=5, in_progress=8, overdue=5, not_due=2)
    assert text == (
        "Đã hoàn thành 45/60 nhiệm vụ (75%), trong đó 40 nhiệm vụ đúng hạn, "
        "5 nhiệm vụ quá hạn; 10 nhiệm vụ đang thực hiện; "
        "5 nhiệm vụ quá hạn chưa hoàn thành."
    )


def test_tasks_sentence_leaves_out_what_is_zero():
    assert (
        wording.tasks_sentence(total=3, done_on_time=3, done_late=0, in_progress=0, overdue=0, not_due=0)
        == "Đã hoàn thành 3/3 nhiệm vụ (100%), trong đó 3 nhiệm vụ đúng hạn."
    )
    assert (
        wording.tasks_sentence(total=0, done_on_time=0, done_late=0, in_progress=0, overdue=0, not_due=0)
        == "Kỳ này không có nhiệm vụ được giao."
    )


def test_shares_use_a_decimal_comma():
    assert wording.share(15, 41) == "36,6%"
    assert wording.share(1, 3) == "33,3%"
    assert wording.share(0, 0) == "0%"


def test_targets_and_reporting_sentences():
    assert wording.targets_sentence(total=41, met=15, on_track=0, at_risk=19, off_track=5, no_data=2) == (
        "Trong 41 chỉ tiêu, 15 chỉ tiêu đã đạt (36,6%), 19 chỉ tiêu có nguy cơ không đạt, "
        "5 chỉ tiêu chậm tiến độ, 2 chỉ tiêu chưa có số liệu."
    )
    assert wording.reporting_sentence(agencies=18, submitted=17, on_time=15) == (
        "17/18 cơ quan, địa phương đã gửi báo cáo, trong đó 15 cơ quan gửi đúng hạn; "
        "1 cơ quan chưa gửi báo cáo."
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Tỷ lệ hồ sơ giải quyết đúng hạn",
        "x" * 110,
        "x" * 111,
        "100% thủ tục hành chính đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình, "
        "tỷ lệ hồ sơ trực tuyến đạt từ 80% trở lên",
        unicodedata.normalize(
            "NFD",
            "Mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan "
            "hành chính nhà nước đạt trên 90% ở tất cả các lĩnh vực",
        ),
        "e\u0301" * 120,  # precomposed by NFC
        "x\u0301" * 120,  # combining accents with no precomposed form: counted as none
    ],
)
@pytest.mark.parametrize("length", [0, 1, 5, 100, 110, 120])
def test_truncate_chars_cuts_as_the_template_filter_does(text, length):
    """A dashboard row cuts a target's or a task's name as ``truncatechars`` did (the same
    text, the ellipsis, the NFC normalization), whatever its length or its accents."""
    assert wording.truncate_chars(text, length) == Truncator(text).chars(length)


# --- section III, "Đánh giá chung": strengths and shortcomings across the areas -------------

T = {
    "met": 0,
    "on_track": 0,
    "at_risk": 0,
    "off_track": 0,
    "no_data": 0,
    "not_met": 0,
    "no_basis": 0,
    "na": 0,
}
K = {"done_on_time": 0, "done_late": 0, "in_progress": 0, "overdue": 0, "not_due": 0}


def counts(base: dict, **values) -> dict:
    return {**base, **values}


def test_the_assessment_names_the_areas_across_and_not_the_figures_again():
    areas = [
        ("1. Cải cách thể chế", counts(T, met=0, at_risk=4), counts(K, done_on_time=2, in_progress=3)),
        ("2. Cải cách TTHC", counts(T, met=3, at_risk=1), counts(K, done_on_time=4, overdue=1)),
        ("3. Cải cách tổ chức bộ máy", counts(T, met=2), counts(K, done_on_time=3)),
    ]
    text = wording.assessment(
        areas=areas,
        targets=counts(T, met=5, at_risk=5),
        tasks=counts(K, done_on_time=9, in_progress=3, overdue=1),
        agencies=18,
        on_time=15,
        late=2,
        missing=1,
        final=False,
    )
    strengths, shortcomings = text.split("\n")
    assert strengths == (
        "1. Ưu điểm: Các lĩnh vực đạt toàn bộ chỉ tiêu và hoàn thành toàn bộ nhiệm vụ: 3. Cải cách tổ "
        "chức bộ máy; Lĩnh vực có tỷ lệ chỉ tiêu đạt cao nhất: 2. Cải cách TTHC (3/4 chỉ tiêu); 9/13 "
        "nhiệm vụ có thời hạn được hoàn thành đúng hạn; 15/18 cơ quan, địa phương gửi báo cáo đúng hạn."
    )
    assert shortcomings == (
        "2. Tồn tại, hạn chế: Lĩnh vực có tỷ lệ chỉ tiêu đạt thấp nhất: 1. Cải cách thể chế (0/4 chỉ "
        "tiêu); 5 chỉ tiêu có nguy cơ không đạt hoặc chậm tiến độ; 1 nhiệm vụ quá hạn chưa hoàn "
        "thành; 2 cơ quan gửi báo cáo muộn, 1 cơ quan chưa gửi báo cáo."
    )


def test_the_years_assessment_says_missed_not_at_risk_and_every_agency_on_time():
    areas = [
        ("1. A", counts(T, met=1, not_met=1), counts(K, done_on_time=1)),
        ("2. B", counts(T, met=1, not_met=3), counts(K, done_late=1)),
    ]
    text = wording.assessment(
        areas=areas,
        targets=counts(T, met=2, not_met=4, na=1),
        tasks=counts(K, done_on_time=1, done_late=1),
        agencies=5,
        on_time=5,
        late=0,
        missing=0,
        final=True,
    )
    assert "Toàn bộ cơ quan, địa phương gửi báo cáo đúng hạn" in text
    assert "4 chỉ tiêu không đạt kế hoạch năm" in text and "nguy cơ" not in text
    assert "1 nhiệm vụ hoàn thành sau thời hạn" in text
    # "1. A" met half its targets: a strength; "2. B" a quarter: the weakest
    assert "cao nhất: 1. A (1/2 chỉ tiêu)" in text and "thấp nhất: 2. B (1/4 chỉ tiêu)" in text


def test_an_area_of_not_applicable_targets_only_is_not_ranked_and_a_quiet_period_says_so():
    areas = [("1. A", counts(T, na=2), counts(K)), ("2. B", counts(T, met=1), counts(K))]
    text = wording.assessment(
        areas=areas,
        targets=counts(T, met=1, na=2),
        tasks=counts(K),
        agencies=0,
        on_time=0,
        late=0,
        missing=0,
        final=False,
    )
    assert text.split("\n")[1] == "2. Tồn tại, hạn chế: không có tồn tại nào được ghi nhận từ số liệu."
    assert "1. A" not in text
    nothing = wording.assessment(
        areas=[], targets=counts(T), tasks=counts(K), agencies=3, on_time=0, late=0, missing=3, final=False
    )
    assert nothing.startswith("1. Ưu điểm: chưa có kết quả nổi bật trong kỳ.")
    assert "3 cơ quan chưa gửi báo cáo" in nothing


def test_areas_that_do_alike_are_neither_strongest_nor_weakest():
    areas = [
        ("1. A", counts(T, met=1, at_risk=1), counts(K)),
        ("2. B", counts(T, met=2, at_risk=2), counts(K)),
    ]
    text = wording.assessment(
        areas=areas,
        targets=counts(T, met=3, at_risk=3),
        tasks=counts(K),
        agencies=0,
        on_time=0,
        late=0,
        missing=0,
        final=False,
    )
    assert "cao nhất" not in text and "thấp nhất" not in text
