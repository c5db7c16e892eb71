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
