"""The target-extraction engine (``targets.extraction``): pure functions, no database.

The two seed plans are development data: the recall tests below keep the engine honest on them,
but most tests use wordings the seeds do not contain, as other provinces write them.
"""

import io
import json
import zipfile
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from targets.corpus import CORPUS_PATH, corpus_load, corpus_score, corpus_target_matches
from targets.extraction import (
    OUTPUT_KEYS,
    DocxError,
    overlap,
    score_extraction,
    target_matches,
    targets_extract,
    text_from_docx,
)
from targets.management.commands.score_parse_targets import SEED_PLANS, seed_expected_targets, seed_score

SOURCES = Path(__file__).resolve().parents[2] / "targets" / "seed_data" / "sources"


def only(text: str, **kwargs) -> dict:
    found = targets_extract(text, **kwargs)
    assert len(found) == 1, [(t["comparator"], t["value"], t["text"]) for t in found]
    return found[0]


def subset(target: dict, expected: dict) -> dict:
    return {key: target[key] for key in expected}


# --- (1) recall on the two seed plans ------------------------------------------------------


@pytest.mark.parametrize("name", SEED_PLANS)
def test_recall_on_seed_plans(name):
    score = seed_score(name)
    missed = [(m["code"], m["comparator"], m["value"], m["text"][:60]) for m in score["misses"]]
    assert score["transcribed"] >= 30
    assert score["recall"] >= 0.90, missed


@pytest.mark.parametrize("name", SEED_PLANS)
def test_few_false_positives_on_seed_plans(name):
    score = seed_score(name)
    assert score["precision"] >= 0.90, [(u["code"], u["text"][:60]) for u in score["unmatched"]]


@pytest.mark.parametrize("name", SEED_PLANS)
def test_seed_sources_are_the_shared_plan_texts(name):
    text = (SOURCES / f"{name}.txt").read_text(encoding="utf-8")
    assert "KẾ HOẠCH" in text
    assert len(seed_expected_targets(name)) >= 30


def test_every_target_has_the_export_keys_and_a_source():
    text = (SOURCES / "hai_duong_2024.txt").read_text(encoding="utf-8")
    for target in targets_extract(text):
        assert tuple(target) == OUTPUT_KEYS
        assert target["source"] and "\n" not in target["source"] and "  " not in target["source"]
        assert target["text"]


# --- (2) wordings of other plans: one target each ------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Tỷ lệ hồ sơ giải quyết TTHC đúng hạn đạt trên 98%.",
            {"comparator": ">", "value": 98, "unit": "%", "measure": "rate", "stretch": False},
        ),
        (
            "Tỷ lệ hài lòng của người dân, doanh nghiệp đối với việc giải quyết TTHC đạt từ 95% trở lên.",
            {"comparator": ">=", "value": 95, "measure": "percent"},
        ),
        ("Chỉ số SIPAS năm 2025 đạt tối thiểu 85%.", {"comparator": ">=", "value": 85}),
        (
            "Ít nhất 50% cơ quan hành chính được kiểm tra công tác CCHC trong năm.",
            {"comparator": ">=", "value": 50},
        ),
        (
            "Kiểm tra công tác CCHC tại ít nhất 30% cơ quan, đơn vị, địa phương.",
            {"comparator": ">=", "value": 30},
        ),
        ("Không quá 3% hồ sơ giải quyết trễ hạn.", {"comparator": "<=", "value": 3}),
        ("Tỷ lệ hồ sơ quá hạn dưới 2%.", {"comparator": "<", "value": 2}),
        (
            "Tỷ lệ hồ sơ trễ hạn không vượt quá 1,5% tổng số hồ sơ tiếp nhận.",
            {"comparator": "<=", "value": 1.5},
        ),
        ("Tỷ lệ cán bộ, công chức cấp xã đạt chuẩn không thấp hơn 95%.", {"comparator": ">=", "value": 95}),
        (
            "100% cơ quan, đơn vị sử dụng hệ thống quản lý văn bản và điều hành.",
            {"comparator": "=", "value": 100, "unit": "%"},
        ),
        (
            "Duy trì 100% TTHC được công khai trên Cổng Dịch vụ công của tỉnh.",
            {"comparator": "=", "value": 100},
        ),
        ("80% trở lên cán bộ, công chức cấp xã đạt chuẩn theo quy định.", {"comparator": ">=", "value": 80}),
        ("Tỷ lệ văn bản đi được ký số đạt 97,5%.", {"comparator": ">=", "value": 97.5}),
        (
            "Tỷ lệ giải ngân vốn đầu tư công đạt trên 95% kế hoạch vốn được giao.",
            {"comparator": ">", "value": 95, "measure": "percent"},
        ),
        (
            "Phấn đấu tỷ lệ hồ sơ TTHC tiếp nhận trực tuyến đạt từ 50% - 70%.",
            {"comparator": "between", "value": 50, "value_max": 70, "stretch": True},
        ),
        (
            "Tỷ lệ hồ sơ trực tuyến toàn trình từ 40% đến 60% tổng số hồ sơ.",
            {"comparator": "between", "value": 40, "value_max": 60},
        ),
        (
            "Thời gian chờ đợi trung bình của người dân không quá 15 phút/lượt giao dịch.",
            {"comparator": "<=", "value": 15, "unit": "phút", "measure": "quantity"},
        ),
        (
            "Rút ngắn thời gian giải quyết TTHC xuống còn không quá 5 ngày làm việc.",
            {"comparator": "<=", "value": 5, "unit": "ngày làm việc"},
        ),
        (
            "Tổ chức ít nhất 02 lớp tập huấn nghiệp vụ CCHC cho công chức.",
            {"comparator": ">=", "value": 2, "unit": "lớp", "measure": "count"},
        ),
        (
            "Mỗi sở, ngành có tối thiểu 01 sáng kiến CCHC được công nhận.",
            {"comparator": ">=", "value": 1, "unit": "sáng kiến"},
        ),
        (
            "Điểm Chỉ số CCHC (PAR INDEX) của tỉnh đạt trên 88 điểm.",
            {"comparator": ">", "value": 88, "measure": "score"},
        ),
        ("Tăng tỷ lệ hồ sơ nộp trực tuyến lên 60%.", {"comparator": ">=", "value": 60}),
        (
            "Phấn đấu đến hết năm 2025, 100% xã, phường thực hiện thanh toán không dùng tiền mặt.",
            {"comparator": "=", "value": 100, "stretch": True},
        ),
        ("Tỷ lệ hồ sơ đúng hạn ≥ 95%.", {"comparator": ">=", "value": 95}),
        ("Tỷ lệ hồ sơ quá hạn bằng 0%.", {"comparator": "=", "value": 0}),
        ("95-100% hồ sơ được giải quyết đúng hạn.", {"comparator": "between", "value": 95, "value_max": 100}),
        (
            "Phấn đấu 70% - 80% người dân có tài khoản định danh điện tử mức độ 2.",
            {"comparator": "between", "value": 70, "value_max": 80, "stretch": True},
        ),
        ("Tỷ lệ người dân hài lòng đạt trên 90 %.", {"comparator": ">", "value": 90}),
        ("Số hóa 100% hồ sơ đất đai trước ngày 30/6/2025.", {"comparator": "=", "value": 100}),
        (
            "Đảm bảo thời gian tiếp nhận hồ sơ không quá 30 phút.",
            {"comparator": "<=", "value": 30, "unit": "phút"},
        ),
        (
            "Tổ chức đối thoại với doanh nghiệp tối thiểu 2 lần/năm.",
            {"comparator": ">=", "value": 2, "unit": "lần"},
        ),
        ("Tỷ lệ hồ sơ trả lại, bổ sung giảm xuống dưới 5%.", {"comparator": "<", "value": 5}),
        (
            "Hoàn thành 100% chỉ tiêu biên chế được giao.",
            {"comparator": "=", "value": 100, "measure": "percent"},
        ),
        # ranks
        (
            "Xếp hạng Chỉ số PAR INDEX nằm trong top 15 cả nước.",
            {"measure": "rank", "comparator": "<=", "value": 15, "unit": "bậc"},
        ),
        (
            "Chỉ số PAPI thuộc nhóm 20 địa phương có điểm số cao nhất cả nước.",
            {"measure": "rank", "comparator": "<=", "value": 20},
        ),
        (
            "Chỉ số PCI của tỉnh xếp hạng từ thứ 25 trở lên.",
            {"measure": "rank", "comparator": "<=", "value": 25},
        ),
        (
            "Chỉ số chuyển đổi số (DTI) của tỉnh tăng từ 3 - 5 bậc.",
            {"measure": "rank", "comparator": "improve_by", "value": 3, "value_max": 5},
        ),
        (
            "Phấn đấu Chỉ số PAR INDEX của tỉnh năm 2025 tăng ít nhất 01 bậc so với năm 2024.",
            {
                "measure": "rank",
                "comparator": "improve_by",
                "value": 1,
                "value_max": None,
                "baseline_year": 2024,
                "stretch": True,
            },
        ),
        (
            "PCI tăng tối thiểu 2 bậc so với năm 2023.",
            {"comparator": "improve_by", "value": 2, "baseline_year": 2023},
        ),
        # against a baseline
        (
            "Giảm tối thiểu 20% chi phí tuân thủ TTHC so với năm 2022.",
            {"comparator": "improve_by", "value": 20, "unit": "%", "baseline_year": 2022},
        ),
        (
            "Giảm 10% biên chế công chức so với năm 2021.",
            {"comparator": "improve_by", "value": 10, "measure": "count", "baseline_year": 2021},
        ),
        (
            "Giảm tối thiểu 10% số lượng đơn vị sự nghiệp công lập so với năm 2021 (tương ứng 62 đơn vị).",
            {"comparator": "improve_by", "value": 10, "measure": "count", "baseline_year": 2021},
        ),
        (  # simplifying a share of the regulations reduces their number by it
            "Đơn giản hóa tối thiểu 20% số quy định liên quan đến hoạt động kinh doanh.",
            {"comparator": "improve_by", "value": 20, "baseline_year": None},
        ),
        (
            "Thời gian giải quyết TTHC được cắt giảm tối thiểu 30% so với quy định.",
            {"comparator": "improve_by", "value": 30, "baseline_year": None},
        ),
        (
            "Thời gian xử lý hồ sơ tại Bộ phận Một cửa giảm 30% so với năm 2023.",
            {"comparator": "improve_by", "value": 30, "baseline_year": 2023},
        ),
        (
            "Số lượng TTHC được cắt giảm, đơn giản hóa tăng ít nhất 20% so với năm trước.",
            {"comparator": "improve_by", "value": 20, "measure": "count"},
        ),
        (
            "Chỉ số PAPI tăng 0,5 điểm so với năm 2023.",
            {"comparator": "improve_by", "value": 0.5, "measure": "score", "baseline_year": 2023},
        ),
        (
            "Mức độ hài lòng của tổ chức, cá nhân không thấp hơn năm 2023.",
            {"comparator": "above_baseline", "value": None, "baseline_year": 2023},
        ),
        (
            "Tỷ lệ doanh nghiệp thành lập mới tăng so với năm 2024.",
            {"comparator": "above_baseline", "baseline_year": 2024, "measure": "percent"},
        ),
        (
            "Tiếp tục giảm số lượng đơn vị sự nghiệp công lập trên địa bàn tỉnh.",
            {"comparator": "above_baseline", "measure": "count", "value": None},
        ),
        (
            "Thu ngân sách nhà nước trên địa bàn đạt và vượt dự toán được giao.",
            {"comparator": ">=", "value": 100, "measure": "percent"},
        ),
        # milestones
        (
            "Hoàn thành việc sắp xếp các đơn vị hành chính cấp xã theo Nghị quyết của Ủy ban Thường vụ "
            "Quốc hội.",
            {"comparator": "done", "measure": "milestone", "value": None, "unit": None},
        ),
        (
            "Tăng số đơn vị sự nghiệp công lập tự bảo đảm chi thường xuyên và chi đầu tư.",
            {"comparator": "done", "measure": "milestone"},
        ),
    ],
)
def test_other_wordings(sentence, expected):
    assert subset(only(sentence), expected) == expected


def test_cao_hon_nam_truoc_dates_the_baseline_from_the_plan_year():
    sentence = "Chỉ số hài lòng của người dân đối với sự phục vụ của cơ quan hành chính cao hơn năm trước."
    assert subset(only(sentence), {"comparator": "above_baseline", "baseline_year": None}) == {
        "comparator": "above_baseline",
        "baseline_year": None,
    }
    assert only(sentence, plan_year=2025)["baseline_year"] == 2024


def test_plan_year_is_read_from_the_title():
    text = (
        "KẾ HOẠCH\nCải cách hành chính tỉnh Bắc Ninh năm 2025\nII. MỤC TIÊU\n"
        "- Tiếp tục giảm số lượng đơn vị sự nghiệp công lập.\n"
        "- Mức độ hài lòng của người dân cao hơn năm trước.\n"
    )
    assert [t["baseline_year"] for t in targets_extract(text)] == [2024, 2024]


def test_diacritics_free_text():
    found = targets_extract(
        "Ty le ho so giai quyet dung han dat tren 95%; phan dau 80% ho so tra ket "
        "qua truoc han. Thoi gian cho doi toi da 10 phut/luot."
    )
    assert [(t["comparator"], t["value"], t["stretch"]) for t in found] == [
        (">", 95, False),
        (">=", 80, True),
        ("<=", 10, False),
    ]
    assert found[2]["unit"] == "phut"


def test_upper_case_text():
    found = targets_extract("CHI SO PAR INDEX, PAPI NAM TRONG NHOM 15 DIA PHUONG DAN DAU CA NUOC.")
    assert [(t["comparator"], t["value"]) for t in found] == [("<=", 15), ("<=", 15)]


# --- compound statements -------------------------------------------------------------------


def brief(targets):
    return [(t["comparator"], t["value"], t["value_max"], t["unit"]) for t in targets]


def test_threshold_and_waiting_time_are_two_targets():
    found = targets_extract("Tỷ lệ hồ sơ giải quyết đúng hạn trên 95% và thời gian chờ tối đa 15 phút/lượt.")
    assert brief(found) == [(">", 95, None, "%"), ("<=", 15, None, "phút")]
    assert found[0]["text"] == "Tỷ lệ hồ sơ giải quyết đúng hạn trên 95%"
    assert found[1]["text"] == "thời gian chờ tối đa 15 phút/lượt"
    assert found[0]["source"] == found[1]["source"]


def test_symbols_from_a_table_of_targets():
    found = targets_extract("Tỷ lệ hồ sơ đúng hạn ≥ 95%, thời gian chờ ≤ 15 phút.")
    assert brief(found) == [(">=", 95, None, "%"), ("<=", 15, None, "phút")]


def test_semicolon_separated_targets():
    found = targets_extract(
        "Tối thiểu 90% hồ sơ TTHC được số hóa; 100% kết quả giải quyết TTHC được số hóa; "
        "tối đa 5% hồ sơ phải bổ sung quá 01 lần."
    )
    assert [(t["comparator"], t["value"]) for t in found] == [(">=", 90), ("=", 100), ("<=", 5)]


def test_subset_after_trong_do():
    found = targets_extract(
        "Tỷ lệ hài lòng đạt 90%, trong đó lĩnh vực đất đai, xây dựng, đầu tư tối thiểu 85%."
    )
    assert [(t["comparator"], t["value"]) for t in found] == [(">=", 90), (">=", 85)]
    assert found[1]["text"].startswith("trong đó lĩnh vực đất đai")


def test_stretch_covers_its_own_clause_only():
    found = targets_extract(
        "Phấn đấu 90% TTHC được cung cấp trực tuyến toàn trình; tỷ lệ thanh toán "
        "trực tuyến đạt từ 45% trở lên."
    )
    assert [(t["value"], t["stretch"]) for t in found] == [(90, True), (45, False)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC đạt 100% đối với cấp tỉnh, 90% cấp huyện và 80% cấp xã.",
        "Tỷ lệ số hóa hồ sơ: cấp tỉnh đạt 100%, cấp huyện đạt 90%, cấp xã đạt 80%.",
        "Tỷ lệ số hóa hồ sơ: cấp tỉnh: 100%; cấp huyện: 90%; cấp xã: 80%.",
        "Tỷ lệ số hóa hồ sơ đạt 100% ở cấp tỉnh, 90% ở huyện và 80% ở xã.",
        "Ty le so hoa ho so dat 100% cap tinh, 90% cap huyen, 80% cap xa.",
    ],
)
def test_thresholds_per_level(sentence):
    target = only(sentence)
    assert target["levels"] == {"tinh": 100, "huyen": 90, "xa": 80}
    assert target["value"] is None
    assert target["comparator"] == ">="


def test_several_kinds_in_one_statement():
    found = targets_extract(
        "Chỉ số SIPAS tối thiểu đạt 85%, PAR INDEX đạt trên 87 điểm; mỗi cơ quan tổ "
        "chức ít nhất 01 hội nghị đối thoại trong năm."
    )
    # SIPAS is a survey result: a percentage entered directly (DOMAIN.md, "Measure kinds")
    assert [(t["measure"], t["comparator"], t["value"], t["unit"]) for t in found] == [
        ("percent", ">=", 85, "%"),
        ("score", ">", 87, "điểm"),
        ("count", ">=", 1, "hội nghị"),
    ]


def test_two_tier_levels():
    target = only("Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng đạt 95% cấp tỉnh và 85% cấp xã.")
    assert target["levels"] == {"tinh": 95, "xa": 85}


def test_one_number_for_several_levels_is_not_split():
    target = only("100% văn bản QPPL do cấp tỉnh, cấp huyện, cấp xã ban hành được kiểm tra.")
    assert target["levels"] is None and target["value"] == 100


def test_a_reduction_verb_governs_its_list():
    found = targets_extract(
        "Giảm tối thiểu 5% số lượng đơn vị sự nghiệp công lập (tương ứng 30 đơn vị); "
        "3% biên chế viên chức và 2,5% biên chế công chức so với năm 2024."
    )
    assert [(t["comparator"], t["value"], t["baseline_year"]) for t in found] == [
        ("improve_by", 5, 2024),
        ("improve_by", 3, 2024),
        ("improve_by", 2.5, 2024),
    ]


def test_a_list_of_indices_gives_one_target_per_index():
    found = targets_extract(
        "Chỉ số PCI, PAR INDEX, SIPAS và PAPI của tỉnh duy trì trong nhóm 10 tỉnh, thành phố dẫn đầu cả nước."
    )
    assert [(t["comparator"], t["value"]) for t in found] == [("<=", 10)] * 4
    assert [t["text"].split(" …")[0] for t in found] == ["PCI", "PAR INDEX", "SIPAS", "PAPI"]


def test_indices_named_in_full_with_two_predicates():
    found = targets_extract(
        "Chỉ số cải cách hành chính (PAR INDEX) và Chỉ số hài lòng (SIPAS) nằm trong "
        "nhóm 30 địa phương dẫn đầu, điểm số tăng cao hơn năm 2024."
    )
    assert sorted((t["comparator"], t["value"]) for t in found) == sorted(
        [("<=", 30), ("<=", 30), ("above_baseline", None), ("above_baseline", None)]
    )
    assert {t["baseline_year"] for t in found if t["comparator"] == "above_baseline"} == {2024}


def test_count_then_milestone_in_a_target_section():
    text = (
        "II. CHỈ TIÊU\n- Tổ chức 03 cuộc kiểm tra công tác CCHC tại các sở và ban hành đầy đủ "
        "văn bản chấn chỉnh sau kiểm tra.\n"
    )
    found = targets_extract(text)
    assert [(t["measure"], t["comparator"], t["value"]) for t in found] == [
        ("count", ">=", 3),
        ("milestone", "done", None),
    ]


def test_lines_broken_mid_sentence_are_joined():
    text = (
        "a) Tỷ lệ hồ sơ giải quyết đúng hạn đạt\n\ntrên 95%; phấn\n\nđấu 80% hồ sơ trả trước "
        "hạn.\n\nb) Thời gian chờ tối đa\n15 phút/lượt.\n"
    )
    found = targets_extract(text)
    assert [(t["code"], t["comparator"], t["value"], t["stretch"]) for t in found] == [
        ("a", ">", 95, False),
        ("a.1", ">=", 80, True),
        ("b", "<=", 15, False),
    ]
    assert found[0]["source"] == (
        "Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 95%; phấn đấu 80% hồ sơ trả trước hạn."
    )


# --- a whole plan: sections decide what is a target ----------------------------------------

PLAN = """ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH
KẾ HOẠCH
Cải cách hành chính nhà nước tỉnh Nam Định năm 2025

I. KẾT QUẢ THỰC HIỆN NĂM 2024
Năm 2024, tỷ lệ hồ sơ giải quyết đúng hạn đạt 99,2%; Chỉ số PAR INDEX xếp thứ 8/63.
II. MỤC TIÊU
1. Mục tiêu chung
Xây dựng nền hành chính phục vụ, chuyên nghiệp, hiện đại; nâng cao chất lượng
phục vụ người dân, doanh nghiệp.
2. Mục tiêu cụ thể
- Chỉ số CCHC (PAR INDEX), Chỉ số hài lòng (SIPAS) của tỉnh duy trì trong nhóm 10
tỉnh, thành phố dẫn đầu cả nước.
- Tỷ lệ hồ sơ TTHC được giải quyết đúng hạn đạt trên 98%; phấn đấu tỷ lệ hồ sơ
trả trước hạn đạt 70%.
- Tỷ lệ hồ sơ được xử lý trên môi trường mạng đạt 90% ở cấp tỉnh, 80% ở cấp
huyện và 60% ở cấp xã.
- Thời gian chờ đợi của người dân tại Bộ phận Một cửa không quá 10 phút/lượt.
- Hoàn thành việc sắp xếp, kiện toàn các cơ quan chuyên môn theo quy định.
- Giảm tối thiểu 5% biên chế công chức so với năm 2022.
III. NHIỆM VỤ, GIẢI PHÁP
1. Cải cách thể chế
a) Đảm bảo 100% văn bản QPPL được ban hành đúng trình tự.
b) Tổ chức 02 đợt kiểm tra công tác CCHC.
IV. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ: chủ trì theo dõi, đôn đốc 100% cơ quan thực hiện kế hoạch.
"""


def test_a_plan_with_sections():
    found = targets_extract(PLAN)
    assert [(t["code"], t["comparator"], t["value"]) for t in found] == [
        ("2.1", "<=", 10),
        ("2.1.1", "<=", 10),
        ("2.2", ">", 98),
        ("2.2.1", ">=", 70),
        ("2.3", ">=", None),
        ("2.4", "<=", 10),
        ("2.5", "done", None),
        ("2.6", "improve_by", 5),
    ]
    assert found[4]["levels"] == {"tinh": 90, "huyen": 80, "xa": 60}
    assert found[5]["unit"] == "phút"


@pytest.mark.parametrize(
    "heading",
    [
        "I. KẾT QUẢ ĐẠT ĐƯỢC NĂM 2024",
        "I. THỰC TRẠNG CÔNG TÁC CẢI CÁCH HÀNH CHÍNH",
        "I. ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN",
        "I. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "I. BỐI CẢNH",
    ],
)
def test_a_section_of_results_states_no_targets(heading):
    """What a plan reports under its results, situation or shortcomings section is context: the
    same wording under "Mục tiêu" is a target."""
    body = "- Tỷ lệ hồ sơ TTHC được giải quyết đúng hạn đạt trên 98%.\n"
    found = targets_extract(f"{heading}\n{body}II. MỤC TIÊU\n{body}", plan_year=2025)
    assert [(t["comparator"], t["value"]) for t in found] == [(">", 98)]
    assert found[0]["code"] == "1"


def test_the_general_aim_beside_the_targets_is_not_a_milestone():
    text = (
        "I. MỤC TIÊU, CHỈ TIÊU\n1. Mục tiêu\nDuy trì vị trí dẫn đầu cả nước về Chỉ số PAR INDEX; nâng "
        "cao chất lượng phục vụ người dân.\n2. Chỉ tiêu\n2.1. Cải cách thể chế:\n- Hoàn thành 100% "
        "văn bản quy định chi tiết được giao.\n- Tiếp tục giảm số đầu mối bên trong các sở.\n"
    )
    found = targets_extract(text)
    assert [(t["code"], t["comparator"], t["value"]) for t in found] == [
        ("2.1.1", "=", 100),
        ("2.1.2", "above_baseline", None),
    ]
    assert found[1]["measure"] == "count"


def test_a_plan_with_unnumbered_capital_headings():
    text = (
        "MỤC TIÊU\nTỷ lệ hồ sơ đúng hạn đạt trên 97%.\nHoàn thành số hóa hồ sơ đất đai.\n"
        "NHIỆM VỤ VÀ GIẢI PHÁP\nĐảm bảo 100% văn bản được ký số.\n"
    )
    found = targets_extract(text)
    assert [(t["comparator"], t["value"]) for t in found] == [(">", 97), ("done", None)]


def test_headings_mixing_targets_and_tasks_keep_only_commitments_with_numbers():
    text = (
        "II. CÁC CHỈ TIÊU, NHIỆM VỤ CHỦ YẾU\n1. Công tác chỉ đạo, điều hành\n"
        "- Ban hành kế hoạch CCHC năm 2025 của tỉnh.\n"
        "- Kiểm tra công tác CCHC tại ít nhất 35% cơ quan hành chính.\n"
        "- Tăng cường công tác thông tin, tuyên truyền về CCHC.\n"
    )
    found = targets_extract(text)
    assert [(t["code"], t["comparator"], t["value"]) for t in found] == [("1.2", ">=", 35)]


# --- (3) sentences that state no target ----------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Tăng cường công tác tuyên truyền về cải cách hành chính.",
        "Thực hiện theo Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ.",
        "Năm 2023, tỷ lệ hồ sơ giải quyết đúng hạn của tỉnh đã đạt 98,7%.",
        "Kết quả năm 2023: Chỉ số PAR INDEX xếp thứ 12/63 tỉnh, thành phố.",
        "Kết quả khảo sát cho thấy 92% người dân hài lòng với sự phục vụ.",
        "Triển khai mô hình bảo đảm an toàn thông tin 4 lớp.",
        "Đơn vị sự nghiệp công lập (chiếm 35% tổng số đơn vị) được rà soát, sắp xếp.",
        "Số đơn vị sự nghiệp chiếm 35% tổng số đơn vị của tỉnh.",
        "Kế hoạch số 184/KH-UBND ngày 07/12/2021 về CCHC giai đoạn 2021-2025.",
        "Dịch vụ công trực tuyến mức độ 3, 4 được cung cấp trên Cổng dịch vụ công của tỉnh.",
        "Tổ chức hội nghị sơ kết 6 tháng đầu năm và tổng kết năm.",
        "Ngày 15/3/2024, UBND tỉnh đã ban hành Quyết định số 25/2024/QĐ-UBND.",
        "Tiếp tục rà soát, sắp xếp tổ chức bộ máy theo hướng tinh gọn, giảm đầu mối.",
        "Các cơ quan căn cứ chức năng, nhiệm vụ xây dựng kế hoạch CCHC của đơn vị.",
        "Triển khai thí điểm tại 02 xã thuộc huyện Giao Thủy.",
        "Hệ thống thông tin giải quyết TTHC được kết nối với 3 cấp chính quyền.",
        "Nâng cấp hạ tầng công nghệ thông tin so với yêu cầu.",
        "",
    ],
)
def test_sentences_without_a_target(sentence):
    assert targets_extract(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Năm 2023, Chỉ số SIPAS của tỉnh đạt 87,5%.",
        "Tỷ lệ hồ sơ giải quyết đúng hạn năm 2024 là 98,5%, tăng 1,2% so với năm 2023.",
    ],
)
def test_a_result_of_an_earlier_year_is_not_a_target_of_the_plan_year(sentence):
    assert targets_extract(sentence, plan_year=2025) == []


def test_a_date_in_a_legal_reference_is_not_an_earlier_year():
    sentence = (
        "Thực hiện Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018, 100% TTHC được tiếp "
        "nhận tại Bộ phận Một cửa."
    )
    assert only(sentence, plan_year=2025)["value"] == 100


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Trên",
                "95%",
                "tối thiểu",
                "đạt",
                "cấp tỉnh",
                "cấp xã",
                "(",
                ")",
                ";",
                ".",
                "\n",
                "a)",
                "II.",
                "- ",
                "MỤC TIÊU",
                "từ",
                "-",
                "100%",
                "nhóm 20",
                "bậc",
                "so với năm 2023",
                "giảm",
                "phút",
                "02",
                "hồ sơ",
                "Phấn đấu",
                "và",
                ",",
                "Hoàn thành",
                "tăng",
                "2,5%",
            ]
        ),
        max_size=40,
    ).map(" ".join)
)
def test_any_text_gives_well_formed_targets(text):
    for target in targets_extract(text):
        assert tuple(target) == OUTPUT_KEYS
        assert target["comparator"] in {
            ">=",
            ">",
            "<=",
            "<",
            "=",
            "between",
            "improve_by",
            "above_baseline",
            "done",
        }
        assert (target["comparator"] == "done") == (target["measure"] == "milestone")


def test_task_sections_yield_nothing_when_the_plan_names_its_targets():
    found = targets_extract(PLAN)
    assert not any("QPPL" in t["source"] or "đợt" in t["source"] for t in found)
    assert not any("99,2" in t["source"] for t in found)


# --- scoring -------------------------------------------------------------------------------


def test_overlap_ignores_case_and_diacritics():
    assert overlap("Trên 95% hồ sơ", "tren 95% HO SO dung han") == 1.0
    assert overlap("", "abc") == 0.0


def test_score_matches_one_to_one():
    statement = "100% văn bản được ký số; 100% thiết bị được bảo vệ."
    expected = [
        {"text": "100% văn bản được ký số", "statement": statement, "comparator": "=", "value": 100},
        {"text": "100% thiết bị được bảo vệ", "statement": statement, "comparator": "=", "value": 100},
    ]
    one = [{"comparator": "=", "value": 100, "source": statement}]
    score = score_extraction(expected, one)
    assert (score["found"], score["recall"], score["false_positives"]) == (1, 0.5, 0)
    score = score_extraction(expected, targets_extract(statement))
    assert (score["found"], score["false_positives"]) == (2, 0)


def test_a_match_needs_the_same_numbers_and_words_from_the_statement():
    expected = {
        "text": "Trên 95% hồ sơ đúng hạn",
        "statement": "Trên 95% hồ sơ đúng hạn.",
        "comparator": ">",
        "value": 95,
        "value_max": None,
        "levels": None,
    }
    good = {"comparator": ">", "value": 95, "source": "Trên 95% hồ sơ đúng hạn."}
    assert target_matches(expected, good)
    assert not target_matches(expected, {**good, "comparator": ">="})
    assert not target_matches(expected, {**good, "value": 90})
    assert not target_matches(expected, {**good, "source": "Trên 95% cán bộ được bồi dưỡng."})
    long_source = "Trên 95% hồ sơ đúng hạn. " + " ".join(f"từ{i}" for i in range(40))
    assert not target_matches(expected, {**good, "source": long_source})


# --- (4) .docx ------------------------------------------------------------------------------

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_bytes(body: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.'
            'openxmlformats.org/package/2006/content-types"/>',
        )
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>',
        )
    return buffer.getvalue()


def paragraph(*runs: str) -> str:
    return "<w:p>" + "".join(f'<w:r><w:t xml:space="preserve">{r}</w:t></w:r>' for r in runs) + "</w:p>"


DOCX_BODY = (
    paragraph("II. MỤC TIÊU")
    + paragraph("- Tỷ lệ hồ sơ giải quyết đúng hạn đạt ", "trên 9", "5%.")
    + "<w:p><w:r><w:t>- Thời gian chờ tối đa 15 phút</w:t><w:br/><w:t>- Phấn đấu 80% hồ sơ trả "
    "trước hạn.</w:t></w:r></w:p>"
    + "<w:tbl><w:tr><w:tc>"
    + paragraph("- Mức độ hài lòng đạt tối thiểu 90%.")
    + "</w:tc><w:tc>"
    + paragraph("- 100% TTHC được công khai.")
    + "</w:tc></w:tr></w:tbl>"
    + "<w:p><w:r><w:delText>- Trên 50% bị xóa.</w:delText></w:r></w:p>"
    + paragraph("III. NHIỆM VỤ")
    + paragraph("- Đảm bảo 100% văn bản được ký số.")
)


def test_text_from_docx_reads_paragraphs_and_table_cells():
    text = text_from_docx(docx_bytes(DOCX_BODY))
    assert text.splitlines() == [
        "II. MỤC TIÊU",
        "- Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 95%.",
        "- Thời gian chờ tối đa 15 phút",
        "- Phấn đấu 80% hồ sơ trả trước hạn.",
        "- Mức độ hài lòng đạt tối thiểu 90%.",
        "- 100% TTHC được công khai.",
        "",
        "III. NHIỆM VỤ",
        "- Đảm bảo 100% văn bản được ký số.",
    ]


def test_docx_round_trip_through_the_engine():
    found = targets_extract(text_from_docx(docx_bytes(DOCX_BODY)))
    assert [(t["comparator"], t["value"], t["stretch"]) for t in found] == [
        (">", 95, False),
        ("<=", 15, False),
        (">=", 80, True),
        (">=", 90, False),
        ("=", 100, False),
    ]


def test_not_a_docx():
    with pytest.raises(DocxError):
        text_from_docx(b"%PDF-1.7 not a word file")


# --- (5) the commands -----------------------------------------------------------------------


def test_parse_targets_prints_json_lines(tmp_path, capsys):
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    call_command("parse_targets", str(plan))
    lines = capsys.readouterr().out.splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) == 8
    assert all(tuple(row) == OUTPUT_KEYS for row in rows)
    assert rows[2]["comparator"] == ">" and rows[2]["value"] == 98
    assert "Tỷ lệ hồ sơ TTHC" in lines[2]  # ensure_ascii=False: Vietnamese as is


def test_parse_targets_reads_docx(tmp_path, capsys):
    plan = tmp_path / "plan.docx"
    plan.write_bytes(docx_bytes(DOCX_BODY))
    call_command("parse_targets", str(plan))
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["value"] for row in rows] == [95, 15, 80, 90, 100]


def test_parse_targets_reports_a_bad_file(tmp_path):
    from django.core.management.base import CommandError

    plan = tmp_path / "plan.docx"
    plan.write_bytes(b"not a zip")
    with pytest.raises(CommandError):
        call_command("parse_targets", str(plan))
    with pytest.raises(CommandError):
        call_command("parse_targets", str(tmp_path / "missing.txt"))


def test_score_parse_targets_prints_recall_per_plan(capsys):
    call_command("score_parse_targets")
    out = capsys.readouterr().out
    for name in SEED_PLANS:
        assert f"{name}: transcribed" in out
    assert "recall" in out and "false positives" in out


# --- (6) ranks, changes, several targets, sub-targets, cumulative ones and dates -------------
# Wordings of other provinces' plans (issue 25), read as DOMAIN.md's table reads them.


def brief_rank(targets):
    return [(t["measure"], t["comparator"], t["value"], t["value_max"], t["baseline_year"]) for t in targets]


@pytest.mark.parametrize(
    "sentence",
    [
        "Chỉ số PAR INDEX của tỉnh nằm trong nhóm {n} địa phương dẫn đầu cả nước.",
        "Chỉ số SIPAS nằm trong nhóm {n}/63 tỉnh, thành phố dẫn đầu.",
        "Chỉ số chuyển đổi số (DTI) nằm trong top {n} cả nước.",
        "Chỉ số PCI duy trì vị trí trong nhóm {n} tỉnh, thành phố dẫn đầu cả nước.",
        "Phấn đấu Chỉ số PAPI năm 2025 xếp {n}/63 tỉnh, thành phố cả nước.",
    ],
)
@pytest.mark.parametrize("n", [20, 15, 10])
def test_a_place_among_the_leading_provinces_is_a_rank_at_most_n(sentence, n):
    target = only(sentence.format(n=n), plan_year=2025)
    assert (target["measure"], target["comparator"], target["value"], target["unit"]) == (
        "rank",
        "<=",
        n,
        "bậc",
    )


def test_a_band_of_places_is_a_rank_between():
    assert brief_rank(
        targets_extract(
            "Phấn đấu điểm số PCI đạt trên 68,5 điểm, xếp vị trí 10 - 15/63 tỉnh, thành phố trên cả "
            "nước, 3/14 tỉnh vùng Bắc Trung bộ và Duyên hải miền Trung.",
            plan_year=2023,
        )
    ) == [("score", ">", 68.5, None, None), ("rank", "between", 10, 15, None), ("rank", "<=", 3, None, None)]
    # printed from the worse end: "nhóm 25 đến 20" is places 20 to 25
    assert brief_rank(
        targets_extract(
            "Phấn đấu đến năm 2025, Chỉ số PCI nằm trong nhóm 25 đến 20 tỉnh, thành phố dẫn đầu cả nước.",
            plan_year=2025,
        )
    ) == [("rank", "between", 20, 25, None)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Chỉ số PAR INDEX năm 2025 tăng ít nhất 01 bậc so với năm 2024.", ("improve_by", 1, None, 2024)),
        ("Chỉ số PCI tăng từ 2 đến 5 bậc so với năm 2024.", ("improve_by", 2, 5, 2024)),
        (
            "Chỉ số PCI của tỉnh tăng từ 2 bậc trở lên trong bảng xếp hạng của cả nước.",
            ("improve_by", 2, None, None),
        ),
        (
            "Chỉ số chuyển đổi số (DTI) cải thiện ít nhất 3 bậc so với năm 2024.",
            ("improve_by", 3, None, 2024),
        ),
        ("Phấn đấu PAR Index năm 2025 tăng 5 bậc so với năm 2024.", ("improve_by", 5, None, 2024)),
    ],
)
def test_a_rank_improvement_is_in_places_against_a_baseline(sentence, expected):
    target = only(sentence, plan_year=2025)
    assert target["measure"] == "rank" and target["unit"] == "bậc"
    assert (target["comparator"], target["value"], target["value_max"], target["baseline_year"]) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Mức độ hài lòng của người dân, doanh nghiệp cao hơn năm 2023.", ("above_baseline", None, 2023)),
        ("Số hồ sơ nộp trực tuyến tăng 5% so với năm trước.", ("improve_by", 5, 2024)),
        ("Giảm 10% thời gian giải quyết thủ tục hành chính so với năm 2023.", ("improve_by", 10, 2023)),
        ("Cắt giảm và đơn giản hóa ít nhất 10% thủ tục hành chính hiện có.", ("improve_by", 10, None)),
    ],
)
def test_changes_against_a_named_or_the_previous_year(sentence, expected):
    target = only(sentence, plan_year=2025)
    assert (target["comparator"], target["value"], target["baseline_year"]) == expected


def test_raising_one_rate_and_lowering_another_are_two_changes():
    found = targets_extract(
        "Năm 2022, huyện đề ra mục tiêu: Tăng tỷ lệ giải quyết hồ sơ đúng hạn, giảm tỷ lệ trễ hạn",
        plan_year=2022,
    )
    assert [(t["comparator"], t["measure"], t["baseline_year"]) for t in found] == [
        ("above_baseline", "percent", 2021),
        ("above_baseline", "percent", 2021),
    ]
    assert [t["text"] for t in found] == ["Tăng tỷ lệ giải quyết hồ sơ đúng hạn", "giảm tỷ lệ trễ hạn"]


def test_a_change_of_a_rate_and_of_a_place_is_two_targets():
    found = targets_extract(
        "Chỉ số SIPAS tiếp tục có sự cải thiện cả về tỷ lệ hài lòng chung và thứ bậc so với năm 2024",
        plan_year=2025,
    )
    assert sorted((t["measure"], t["comparator"], t["baseline_year"]) for t in found) == [
        ("percent", "above_baseline", 2024),
        ("rank", "above_baseline", 2024),
    ]


def test_a_score_target():
    target = only("Chỉ số cải cách hành chính (PAR INDEX) của tỉnh đạt từ 85 điểm trở lên.")
    assert (target["measure"], target["comparator"], target["value"], target["unit"]) == (
        "score",
        ">=",
        85,
        "điểm",
    )


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Chỉ số Chính phủ số của tỉnh đạt từ 0,7-0,8 điểm.", ("score", "0.7", "0.8", "điểm")),
        ("Chỉ số PAR INDEX đạt từ 85 đến 90 điểm.", ("score", "85", "90", "điểm")),
        (
            "Thời gian giải quyết hồ sơ đất đai từ 3 - 5 ngày làm việc.",
            ("quantity", "3", "5", "ngày làm việc"),
        ),
        (
            "Thời gian chờ tại Trung tâm Phục vụ hành chính công từ 10 đến 15 phút/lượt.",
            ("quantity", "10", "15", "phút"),
        ),
    ],
)
def test_a_score_or_a_time_within_a_range(sentence, expected):
    target = only(sentence)
    assert (target["measure"], str(target["value"]), str(target["value_max"]), target["unit"]) == expected
    assert target["comparator"] == "between"


def test_a_range_of_points_shared_by_the_indices_listed_after_cac_chi_so():
    found = targets_extract(
        "Kon Tum phấn đấu đến cuối năm 2023, các chỉ số về Chính phủ số, Kinh tế số, Xã hội số "
        "của tỉnh đạt từ 0,7-0,8 điểm."
    )
    assert [(t["comparator"], str(t["value"]), str(t["value_max"])) for t in found] == [
        ("between", "0.7", "0.8")
    ] * 3
    assert [t["text"].split(" …")[0] for t in found] == ["Chính phủ số", "Kinh tế số", "Xã hội số"]


def test_cac_chi_so_without_a_list_is_one_target():
    assert only("Các chỉ số thành phần đạt từ 0,7 điểm trở lên.")["value"] == 0.7


@pytest.mark.parametrize(
    "sentence, count",
    [
        (
            "Đạt mục tiêu cắt giảm tối thiểu 30% điều kiện kinh doanh, thời gian và chi phí tuân thủ "
            "thủ tục hành chính trong năm nay.",
            3,
        ),
        ("Cắt giảm 30% thời gian và chi phí tuân thủ thủ tục hành chính.", 2),
        ("Giảm 20% thời gian chờ đợi của người dân.", 1),
    ],
)
def test_one_reduction_of_each_thing_it_cuts(sentence, count):
    found = targets_extract(sentence)
    assert [(t["comparator"], t["value"]) for t in found] == [("improve_by", 30 if count > 1 else 20)] * count


def test_a_reduction_with_its_own_amount_per_thing_is_one_each():
    found = targets_extract(
        "Cắt giảm tối thiểu 30% thời gian giải quyết, 20% chi phí tuân thủ thủ tục hành chính."
    )
    assert [(t["comparator"], t["value"]) for t in found] == [("improve_by", 30), ("improve_by", 20)]


@pytest.mark.parametrize(
    "sentence, count",
    [
        (
            "Hà Nội hướng tới mục tiêu trở thành 1 trong 5 địa phương dẫn đầu cả nước về chuyển đổi số "
            "và xây dựng chính quyền điện tử vào năm 2025.",
            2,
        ),
        ("Phấn đấu nằm trong nhóm 20 tỉnh dẫn đầu về PCI, PAPI và SIPAS.", 3),
        (
            "Phấn đấu đến năm 2025, nằm trong nhóm 3 tỉnh, thành dẫn đầu về chuyển đổi số với 3 trụ cột "
            "chính bao gồm: Chính quyền số, kinh tế số, xã hội số.",
            1,
        ),
        ("Phấn đấu nằm trong nhóm 10 tỉnh dẫn đầu cả nước.", 1),
    ],
)
def test_a_place_among_the_leaders_in_each_field_named_after_ve(sentence, count):
    found = targets_extract(sentence)
    assert len(found) == count and {(t["measure"], t["comparator"]) for t in found} == {("rank", "<=")}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a schedule, a scale, a place, a length of training, a change or a starting range: no range
        ("Bộ phận một cửa làm việc buổi sáng từ 7 - 11 giờ, buổi chiều từ 13 - 17 giờ.", []),
        ("Đánh giá theo thang điểm từ 0 - 100 điểm.", []),
        ("Bố trí từ 1 - 2 điểm hỗ trợ dịch vụ công trực tuyến tại mỗi xã.", []),
        ("Mỗi lớp tập huấn từ 2-3 ngày.", []),
        ("Chỉ số PAR INDEX tăng từ 2 - 3 điểm.", []),
        ("Thời gian chờ đợi giảm từ 30 - 45 phút xuống còn 10 - 15 phút.", []),
        # one field after "về", then what it serves; an index's full name with a comma in it
        (
            "Tỉnh phấn đấu nằm trong nhóm 10 tỉnh dẫn đầu cả nước về chuyển đổi số, góp phần thúc đẩy "
            "phát triển kinh tế - xã hội nhanh và bền vững.",
            [("<=", 10)],
        ),
        (
            "Phấn đấu nằm trong nhóm 20 tỉnh dẫn đầu về Chỉ số hài lòng của người dân, tổ chức đối với "
            "sự phục vụ của cơ quan hành chính nhà nước (SIPAS).",
            [("<=", 20)],
        ),
        # one index named, then a clause of its own
        ("Nâng cao các chỉ số PAR INDEX, phấn đấu tăng ít nhất 2 bậc.", [("improve_by", 2)]),
        # a thing cut with its own amount, and "thời gian tới" (when, not what)
        (
            "Đơn giản hóa 20% thủ tục hành chính và thời gian giải quyết được rút ngắn ít nhất 30%.",
            [("improve_by", 20), ("improve_by", 30)],
        ),
        ("Giảm 20% chi phí, thời gian tới tiếp tục rà soát.", [("improve_by", 20)]),
    ],
)
def test_what_the_ranges_and_lists_do_not_read(sentence, expected):
    assert [(t["comparator"], t["value"]) for t in targets_extract(sentence)] == expected


def test_each_clause_names_the_indices_its_ranks_apply_to():
    found = targets_extract(
        "Chỉ số PAR INDEX, SIPAS của tỉnh nằm trong nhóm 5 địa phương dẫn đầu; "
        "PCI nằm trong nhóm 15 địa phương dẫn đầu cả nước."
    )
    assert [(t["text"].split(" …")[0], t["comparator"], t["value"]) for t in found] == [
        ("PAR INDEX", "<=", 5),
        ("SIPAS", "<=", 5),
        ("PCI nằm trong nhóm 15 địa phương dẫn đầu cả nước", "<=", 15),
    ]


def test_one_rank_for_each_of_the_indices_counted():
    found = targets_extract(
        "Tỉnh ủy đề ra mục tiêu đến hết năm 2021, tỉnh tăng 10 bậc xếp hạng cả 3 tiêu chí.", plan_year=2021
    )
    assert brief_rank(found) == [("rank", "improve_by", 10, None, None)] * 3


def test_one_rank_for_each_thing_ranked():
    found = targets_extract(
        "Phấn đấu tăng ít nhất 2 bậc xếp hạng về cải cách hành chính, sự hài lòng "
        "của người dân và năng lực cạnh tranh năm 2026.",
        plan_year=2026,
    )
    assert brief_rank(found) == [("rank", "improve_by", 2, None, None)] * 3
    one = targets_extract("Tăng 2 bậc xếp hạng về chỉ số năng lực cạnh tranh cấp tỉnh.", plan_year=2026)
    assert len(one) == 1


@pytest.mark.parametrize(
    "sentence, count, value",
    [
        ("Tỷ lệ hồ sơ được số hóa và Tỷ lệ kết quả số hóa được tái sử dụng đạt tối thiểu 60%.", 2, 60),
        (
            "Chỉ tiêu đối với tỷ lệ hồ sơ đúng hạn, tỷ lệ hồ sơ trực tuyến, tỷ lệ thanh toán trực tuyến "
            "đều ở mức 100%.",
            3,
            100,
        ),
        (
            "Trong 8 chỉ tiêu, có 3 chỉ tiêu phải đạt 100% gồm: tỷ lệ công khai thủ tục đúng hạn; tỷ lệ "
            "trả lời phản ánh đúng hạn và tỷ lệ cấp kết quả điện tử.",
            3,
            100,
        ),
    ],
)
def test_one_threshold_shared_by_the_rates_it_names(sentence, count, value):
    found = targets_extract(sentence, plan_year=2025)
    assert [(t["comparator"] in ("=", ">="), t["value"]) for t in found] == [(True, value)] * count


@pytest.mark.parametrize(
    "sentence",
    [
        "Tỷ lệ hồ sơ giải quyết đúng hạn và trước hạn đạt trên 95%.",
        "Tỷ lệ hồ sơ đúng hạn đạt 95%, tỷ lệ hồ sơ trước hạn đạt 60%.",
    ],
)
def test_one_rate_is_one_target_per_threshold(sentence):
    assert [t["value"] for t in targets_extract(sentence, plan_year=2025)] in ([95], [95, 60])


def test_a_reduction_goes_on_over_the_at_least_shares_listed_after_it():
    found = targets_extract(
        "Giảm 5 đơn vị sự nghiệp và tối thiểu 1,5% biên chế công chức và 2% biên "
        "chế sự nghiệp so với năm 2024.",
        plan_year=2025,
    )
    assert [(t["comparator"], t["value"], t["baseline_year"]) for t in found] == [
        ("improve_by", 5, 2024),
        ("improve_by", 1.5, 2024),
        ("improve_by", 2, 2024),
    ]


def test_counts_of_districts_and_communes_the_plan_aims_at():
    found = targets_extract(
        "Phấn đấu có 05 huyện, thị xã và 120 xã, phường hoàn thành tiêu chí chuyển đổi số.", plan_year=2025
    )
    assert [(t["measure"], t["comparator"], t["value"], t["stretch"]) for t in found] == [
        ("count", ">=", 5, True),
        ("count", ">=", 120, True),
    ]
    assert targets_extract("Toàn tỉnh có 9 huyện và 150 xã, phường, thị trấn.", plan_year=2025) == []


def test_words_before_the_index_are_not_a_second_index():
    found = targets_extract(
        "Mục tiêu cụ thể năm 2022, Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) "
        "của tỉnh tăng từ 2 bậc trở lên trong bảng xếp hạng (PCI) của cả nước, "
        "điểm số đạt trên 65 điểm",
        plan_year=2022,
    )
    assert brief_rank(found) == [("rank", "improve_by", 2, None, None), ("score", ">", 65, None, None)]


@pytest.mark.parametrize(
    "sentence",
    [
        # a PAPI band, not a place
        "Chỉ số PAPI duy trì trong nhóm 2 (nhóm Trung bình - Cao) của cả nước.",
        # places of an earlier year are results
        "Kết quả năm 2024: Chỉ số PAR INDEX xếp thứ 8/63 tỉnh, thành phố.",
        "Năm 2024, Chỉ số PCI của tỉnh xếp thứ 12/63, tăng 5 bậc so với năm 2023.",
        # counts of tasks and groups are not targets
        "Để hiện thực hóa các mục tiêu, tỉnh tập trung vào 7 nhóm nhiệm vụ và giải pháp.",
        "UBND tỉnh đặt ra 7 nhóm chỉ tiêu để triển khai thực hiện.",
    ],
)
def test_bands_results_and_counts_of_tasks_are_not_targets(sentence):
    assert targets_extract(sentence, plan_year=2025) == []


def test_an_aspiration_beyond_the_rank_target_is_not_another_target():
    found = targets_extract(
        "Năm 2026, thành phố đặt mục tiêu Chỉ số PAR Index, Chỉ số chuyển đổi số "
        "(DTI) và Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) phấn đấu thuộc nhóm 5 "
        "địa phương dẫn đầu cả nước, hướng tới mục tiêu vào top 3.",
        plan_year=2026,
    )
    assert [(t["text"].split(" …")[0], t["value"]) for t in found] == [
        ("Chỉ số PAR Index", 5),
        ("Chỉ số chuyển đổi số (DTI)", 5),
        ("Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)", 5),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "90% hồ sơ công việc tại cấp tỉnh; 80% hồ sơ công việc tại cấp huyện và 60% hồ sơ công việc tại "
        "cấp cơ sở được xử lý trên môi trường mạng.",
        "Có 90% hồ sơ công việc tại tỉnh, 80% hồ sơ công việc tại cấp huyện và 60% hồ sơ công việc tại "
        "cấp xã được xử lý trên môi trường mạng.",
    ],
)
def test_levels_named_cap_co_so_or_tai_tinh(sentence):
    assert only(sentence)["levels"] == {"tinh": 90, "huyen": 80, "xa": 60}


def test_a_province_named_after_tai_tinh_is_not_a_level():
    found = targets_extract("90% hồ sơ tại tỉnh Gia Lai và 80% hồ sơ tại cấp huyện được số hóa.")
    assert not any(t["levels"] and "tinh" in t["levels"] for t in found)


def test_a_sub_target_points_to_the_target_it_is_part_of():
    found = targets_extract(
        "Mức độ hài lòng về giải quyết TTHC đạt tối thiểu 90%, trong đó mức độ hài "
        "lòng về giải quyết TTHC lĩnh vực đất đai, xây dựng, đầu tư đạt tối thiểu "
        "83%. Tối thiểu 70% TTHC có yêu cầu nghĩa vụ tài chính được thanh toán trực "
        "tuyến, trong đó tỷ lệ giao dịch thanh toán trực tuyến đạt từ 45% trở lên."
    )
    assert [(t["value"], t["sub_of"]) for t in found] == [(90, None), (83, 0), (70, None), (45, 2)]


@pytest.mark.parametrize(
    ("sentence", "cumulative"),
    [
        ("Hoàn thành 100% kế hoạch kiểm tra công tác cải cách hành chính năm 2025.", True),
        ("Giải ngân 100% vốn đầu tư công được giao.", True),
        ("Tỷ lệ giải ngân vốn đầu tư công đạt trên 95% kế hoạch vốn được giao.", True),
        ("Thu ngân sách nhà nước trên địa bàn đạt và vượt dự toán được giao.", True),
        ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98%.", False),
        ("Hoàn thành số hóa 100% kết quả giải quyết thủ tục hành chính.", False),
    ],
)
def test_a_share_of_a_plan_or_budget_is_cumulative(sentence, cumulative):
    assert only(sentence, plan_year=2025)["cumulative"] is cumulative


@pytest.mark.parametrize(
    ("sentence", "due"),
    [
        ("Số hóa 100% hồ sơ đất đai trước ngày 30/6/2025.", "2025-06-30"),
        (
            "Hoàn thành việc kết nối Hệ thống thông tin giải quyết TTHC với Cổng Dịch vụ công quốc gia "
            "trước ngày 30/9.",
            "2025-09-30",
        ),
        ("100% hồ sơ được số hóa chậm nhất đến 31/12/2025.", "2025-12-31"),
        ("Tỷ lệ hồ sơ giải quyết trực tuyến đạt 80% trước 30/6.", "2025-06-30"),
        # a quarter or a month means its last day (plans.deadlines), the plan's year when none
        ("Hoàn thành 100% việc rà soát, đơn giản hóa TTHC trong quý II.", "2025-06-30"),
        ("Hoàn thành 100% việc rà soát, đơn giản hóa TTHC trong quý III năm 2025.", "2025-09-30"),
        ("Công bố 100% danh mục TTHC trong tháng 6/2025.", "2025-06-30"),
        ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98%.", None),
    ],
)
def test_a_deadline_in_a_target_is_its_due_date(sentence, due):
    assert only(sentence, plan_year=2025)["due_date"] == due


def test_a_deadline_belongs_to_the_targets_of_its_clause_only():
    found = targets_extract("100% hồ sơ được số hóa trước ngày 30/6/2025; tỷ lệ hồ sơ trực tuyến đạt 50%.")
    assert [t["due_date"] for t in found] == ["2025-06-30", None]


def test_a_date_without_a_year_needs_the_plan_year():
    assert only("Số hóa 100% hồ sơ đất đai trước ngày 30/6.")["due_date"] is None


# --- (7) the corpus of other provinces ---------------------------------------------------------


def test_the_corpus_reads_the_same_with_libyaml_as_with_pure_python():
    """corpus_load reads with libyaml's loader (8 times faster): the same documents, sentences and
    expectations as PyYAML's own safe loader gives (numbers, dates, nulls, quoted text)."""
    text = CORPUS_PATH.read_text(encoding="utf-8")
    assert yaml.load(text, Loader=yaml.CSafeLoader) == yaml.safe_load(text)  # noqa: S506


def test_the_corpus_is_real_sentences_of_other_provinces_with_their_sources():
    corpus = corpus_load()
    assert len(corpus.provinces) >= 20
    assert not {"hung-yen", "hai-duong"} & set(corpus.provinces)
    rounds = [getattr(corpus, f"held_out_round{n}") for n in range(1, 7)]
    for provinces in rounds:
        assert set(provinces) < set(corpus.provinces)
    # round 7 on are held out by document: each held-out address is a document of the corpus,
    # and no sentence of a held-out document is also counted as development
    urls = {s.url for s in corpus.sentences}
    assert set(corpus.held_out_documents) <= urls
    assert len(set(corpus.held_out_documents)) == 14  # round 22
    held_out, development = corpus.part("held_out"), corpus.part("development")
    assert {s.url for s in held_out} == set(corpus.held_out_documents)
    assert not {s.url for s in development} & set(corpus.held_out_documents)
    assert len(held_out) + len(development) == len(corpus.sentences)
    # an earlier round, held out by province, is development data: none of its sentences is
    # of a document held out now (a later round may hold out new documents of its provinces)
    for n in range(1, 7):
        assert not {s.url for s in corpus.part(f"held_out_round{n}")} & set(corpus.held_out_documents)
    # rounds 7 on, held out by document, are development data now: each its own part, apart from
    # the earlier rounds' documents and from the documents held out now, and no round held out by
    # province takes in their documents
    sizes = {7: 12, 8: 21, 9: 16, 10: 15, 11: 20, 12: 24, 13: 8, 14: 7, 15: 14, 16: 16, 17: 12, 18: 16}
    sizes[19], sizes[20], sizes[21] = 14, 16, 16
    assert set(corpus.document_rounds) == set(sizes)
    earlier: set[str] = set()
    for n, size in sizes.items():
        documents = set(corpus.document_rounds[n])
        assert len(documents) == size and documents <= urls
        assert not documents & (set(corpus.held_out_documents) | earlier)
        assert {s.url for s in corpus.part(f"held_out_round{n}")} == documents
        assert documents <= {s.url for s in development}
        for m in range(1, n):
            assert not {s.url for s in corpus.part(f"held_out_round{m}")} & documents
        earlier |= documents
    for sentence in corpus.sentences:
        assert sentence.url.startswith("http") and sentence.document
        assert 2021 <= sentence.year <= 2026
    assert any(not s.expected for s in corpus.sentences)  # sentences that state nothing


# `held_out` is now round 22, held out by document (14 documents new to the corpus: Nghị quyết
# 02/NQ-CP 2026, the Party's Ban Chỉ đạo Trung ương's programme 2026, TP. Hồ Chí Minh's Sở GD-ĐT and
# its CCHC directive, Thanh Hóa's Sở Y tế, Hải Phòng, Phú Thọ, Quảng Trị, Tây Ninh, Vĩnh Long, Hà
# Tĩnh, Đồng Nai, Ninh Bình; 74 sentences, 34 targets; a fifteenth, of Hưng Yên, a seed province,
# left out), collected and transcribed by a
# second reader who did not see the engine (it read a dozen lines of the corpus file to check how a
# PAR INDEX share is written, and wrote two such shares as `percent` after it), committed before the
# engine was changed for it, and read once then: 27 of 34 targets found (79.4%), 5 spurious of 32
# extracted (15.6%). The goal is not met, so `held_out` is a strict xfail with those figures. The
# whole corpus with round 22 at its first reading reads 835/859 (97.2%), 24 spurious of 859
# (2.8%). Round 21 became `held_out_documents_round21` (part `held_out_round21`, development data,
# 31/35, 1 spurious of 32, a strict xfail) when round 22 was collected; what follows is round 21's
# record, under the name it had.
# `held_out` was round 21, held out by document (16 documents new to the corpus: national bodies'
# plans and reports (the Bộ Tài chính's CCHC plan 2026, the Bộ Tư pháp's chuyển đổi số plan, the
# Bộ Dân tộc và Tôn giáo's plan 2026–2030, the Bộ Nội vụ's plan for Nghị quyết 71 as two reports
# give it, the Ban Chỉ đạo's plan 2026, the Bộ Y tế, results of the Bộ Xây dựng, the Bộ Nông
# nghiệp và Môi trường, the Ngân hàng Nhà nước, the Bộ Giáo dục's plan's opening, a Văn phòng Chính
# phủ notice) and local ones (Khánh Hòa's Sở Tư pháp plan, Phú Thọ's one-stop results, a ward of TP.
# Hồ Chí Minh, Đồng Nai's HĐND questioning); 81 sentences, 35 targets), collected and transcribed by
# a second reader who did not see the engine, committed before the engine was changed for it, and
# read once then: 28 of 35 targets found (80.0%), 12 spurious of 40 extracted (30.0%): a cut of
# 100% read as a reduction, a phase's milestone, "Từ ngày 1/7, 100% …" without its day, a share
# kept ("Duy trì 100% …"), "toàn bộ … sẽ được xử lý" by 2030, a level named in "viên chức cấp xã"
# missed; a province's results (Phú Thọ's counts and shares, 8) and a ministry's read as targets.
# The goal is not met, so `held_out` is a strict xfail with those figures. The whole corpus with
# round 21 at its first reading reads 805/825 (97.6%), 30 spurious of 835 (3.6%). Round 20 became
# `held_out_documents_round20` (part `held_out_round20`, development data, 31/31, 2 spurious of
# 33, a strict xfail) when round 21 was collected; what follows is round 20's record, under the
# name it had.
# `held_out` was round 20, held out by document (16 documents new to the corpus: 8 of the
# Government, the Prime Minister and the Ủy ban Quốc gia về chuyển đổi số (`chinh-phu`: Quyết định
# 282/QĐ-TTg, the reform plan 2026–2030; Quyết định 1565/QĐ-TTg on online public services; the Ban
# Chỉ đạo's meetings of 15/11/2025 and 25/02/2026; the Ủy ban's plan of 2023; Nghị quyết 57's kinh tế
# số aims), 7 of ministries (the Bộ Khoa học và Công nghệ, the Bộ Nội vụ's two-level government and
# PAR INDEX 2024 results, the Bộ Công an's Đề án 06, the Bộ Y tế's Quyết định 2491/QĐ-BYT, the Bộ Tư
# pháp's criminal records) and a ward's one-stop centre in Hà Tĩnh; 90 sentences, 31 targets),
# collected and transcribed by a second reader who did not see the engine, committed before the
# engine was changed for it, and read once then: 26 of 31 targets found (83.9%), 5 spurious of 31
# extracted (16.1%): a ministry's report against "mục tiêu 80%", a plan's "toàn bộ thủ tục hành
# chính đủ điều kiện" milestone, counts to keep or to amend ("duy trì … 25 dịch vụ công", "sửa đổi,
# bổ sung 322 văn bản") and "mục tiêu 40 triệu" missed; results read as targets (the nation's "đạt
# 39,5%", "hoàn thành hơn phân nửa số nhiệm vụ", the PAR INDEX's "63/63 địa phương đạt … trên 80%"
# and "Nhóm A, đạt … từ 90% trở lên", a ward's headline "100% thủ tục hành chính thực hiện trực
# tuyến"). The goal is not met, so `held_out` is a strict xfail with those figures. The whole
# corpus with round 20 at its first reading reads 771/790 (97.6%), 21 spurious of 792 (2.7%).
# Round 19 became `held_out_documents_round19` (part `held_out_round19`, development data, 24/25,
# 2 spurious of 26, a strict xfail) when round 20 was collected; what follows is round 19's record,
# under the name it had.
# `held_out` was round 19, held out by document (14 documents new to the corpus: 8 of national
# issuers, the Government and the Prime Minister (`chinh-phu`: Nghị quyết 66's cuts of thủ tục
# hành chính, Công điện 220/CĐ-TTg, the Chính phủ số strategy's targets, Quyết định 411/QĐ-TTg on
# kinh tế số, Thông báo 56/TB-VPCP) and the Bộ Nội vụ (`bo-noi-vu`: procedures handled regardless
# of address, its results of 2025), every province being in the corpus already and the stored
# pages' openings of local plans used up; and 6 of provinces and a Sở: Thái Bình's and Nghệ An's
# DDCI plans, TP. Hồ Chí Minh's Kế hoạch 31/KH-UBND 2026, Đắk Nông's and Đồng Nai's results, Sở
# Xây dựng Vĩnh Phúc's quotas; 69 sentences, 25 targets), collected and transcribed by a second
# reader who did not see the engine, committed before the engine was changed for it, and read once
# then: 18 of 25 targets found (72.0%), 11 spurious of 29 extracted (37.9%): a reduction "cắt giảm
# ít nhất: 30% thời gian …, 30% chi phí …, 30% điều kiện kinh doanh" after a colon read as three
# floors, not three reductions (3, and 3 spurious), a milestone in a Prime Minister's dispatch "yêu
# cầu … tập trung hoàn thành thực thi các phương án cắt giảm", a strategy's "cắt giảm tối thiểu 20%
# thủ tục hành chính" read as a floor, "cải thiện vị trí xếp hạng Chỉ số … (PCI)" twice read as
# nothing; results read as targets (a ministry's "mới đạt tỷ lệ khoảng từ 50% …", "95% thủ tục hành
# chính đang được cung cấp", "Hà Tĩnh mới đạt dưới 10%"; a province's half-year "đạt 99,4%", "đạt 48,2%",
# "đạt 51,2%", "tỷ lệ hài lòng đạt 98,8%"). The goal is not met, so `held_out` is a strict xfail
# with those figures. The whole corpus with round 19 at its first reading reads 739/759 (97.4%), 25
# spurious of 764 (3.3%). Developed against since (the round 19 wordings below): 24/25 (96.0%), 2
# spurious of 26 (7.7%: Đắk Nông's headline "… đạt 99,4%" and "với tỷ lệ hài lòng đạt 98,8%",
# results only their context tells), still above the goal on spurious, so the xfail stays; the miss
# left is the dispatch's milestone. The whole corpus 745/759 (98.2%), 16 spurious of 761 (2.1%).
# Round 18 became `held_out_documents_round18` (part `held_out_round18`,
# development data, 16/17, 3 spurious of 19, a strict xfail) when round 19 was collected; what
# follows is round 18's record, under the name it had.
# `held_out` was round 18, held out by document (16 documents new to the corpus of 12 provinces
# already in it: portal and press reports leading with targets, the chuyển đổi số and kinh tế số
# aims of Đồng Nai, Hải Phòng, Đà Nẵng, TP. Hồ Chí Minh and Nghệ An, Hà Nam's online filing against
# the national targets, DTI and CCHC results, plans' openings; 62 sentences, 17 targets in 13 of
# them), collected and transcribed by a second reader who did not see the engine, committed before
# the engine was run on it, and read once then, before any change made for it: 12 of 17 targets
# found (70.6%), 10 spurious of 22 extracted (45.5%): a floor per level of a centrally run city
# read as two targets, a place aimed at after "đặt mục tiêu đến năm 2025, đưa …" and the national
# targets quoted beside results missed; a congress's "hoàn thành toàn bộ chương trình", standings,
# Party results and DTI results read as targets. The goal is not met, so `held_out` is a strict
# xfail with those figures. Developed against since (the round 18 wordings below): 16/17 (94.1%), 3
# spurious of 19 (15.8%), still below the goal, so the xfail stays. The whole corpus with round 18
# at its first reading reads 717/734 (97.7%), 21 spurious of 738 (2.8%). Round 17 became
# `held_out_documents_round17` (part `held_out_round17`, development data, 3/3, 2 spurious of 5, a
# strict xfail) when round 18 was collected; what follows is round 17's record, under the name it
# had.
# `held_out` was round 17, held out by document (12 documents new to the corpus of 10 provinces
# already in it, collected where plans' own texts are: openings of CCHC, chuyển đổi số and PCI plans
# of 2025-2026, a SIPAS survey, conferences and results; 49 sentences but only 3 targets, the stored
# copies stopping before the plans' targets), collected and transcribed by a second reader who did
# not see the engine, committed before the engine was run on it, and read once then, before any
# change made for it: 2 of 3 targets found (66.7%), 6 spurious of 8 extracted (75.0%): a floor "tại
# UBND cấp xã" read without its level, a plan's title in its bases read as a raising, a commune's
# results of 2025 after "Kết quả:" (2) and two standings read as targets. The goal is not met, so
# `held_out` is a strict xfail with those figures. Developed against since (the round 17 wordings
# below): 3/3, 2 spurious of 5 (40.0%), still below the goal on spurious, so the xfail stays. The
# whole corpus with round 17 at its first reading reads 704/717 (98.2%), 15 spurious of 719 (2.1%).
# Round 16 became
# `held_out_documents_round16` (part `held_out_round16`, development data, 43/46, 5 spurious of
# 48, a strict xfail) when round 17 was collected; what follows is round 16's record, under the
# name it had.
# `held_out` was round 16, held out by document (16 documents new to the corpus of 13 provinces
# already in it: chuyển đổi số and kinh tế số plans and aims of Bình Phước, Lạng Sơn, Quảng Nam,
# Lâm Đồng, Bình Thuận, Bắc Giang and Phú Yên, Sơn La's DTI plan 2023, Lào Cai's one-stop Đề án, xã
# Phú Riềng's CCHC plan 2026, the PAR INDEX / PAPI / PCI plans of Tiền Giang and Cà Mau, Hà Giang's
# results; 71 sentences, 46 targets in 25 of them), collected and transcribed by a second reader who
# did not see the engine, committed before the engine was run on it, and read once then, before
# any change made for it: 39 of 46 targets found (84.8%), 10 spurious of 49 extracted (20.4%).
# Missed: the second subject of one floor, a plan's counts of communes (2), a yearly average rate
# read as a change by it, a place aimed at after "đã đặt mục tiêu", a reduction of time and cost
# with no amount (2); spurious: that change, a purpose read as a milestone, the title of a plan
# named read as three raisings (3), a province's results of 2024 read as targets (5). The goal is
# not met, so `held_out` is a strict xfail with those figures. Developed against since (the round
# 16 wordings below): 43/46 (93.5%), 5 spurious of 48 (10.4%), still below the goal, so the xfail
# stays (with both readings in its reason). The whole corpus with round 16 at
# its first reading reads 698/714 (97.8%), 14 spurious of 712 (2.0%), within the goal. Round 15
# became `held_out_documents_round15` (part `held_out_round15`, development data, 52/52, 2
# spurious of 54, judged) when round 16 was collected; what follows is round 15's record, under
# the name it had.
# `held_out` was round 15, held out by document (14 documents new to the corpus of 11 provinces
# already in it: Đắk Lắk's CCHC plan 2026, the PAR INDEX / SIPAS / PCI / DTI aims of Khánh Hòa,
# Gia Lai, Đồng Nai, Bình Định, Huế and Tây Ninh, the chuyển đổi số aims of the 2025 congresses of
# Tuyên Quang, Đà Nẵng and Lào Cai, Gia Lai's kinh tế số plan and its quotas of hồ sơ trực tuyến,
# Thái Nguyên's satisfaction results; 74 sentences, 52 targets in 21 of them), collected and
# transcribed by a second reader who did not see the engine, committed before the engine was run
# on it, and read once then, before any change made for it: 34 of 52 targets found (65.4%), 8
# spurious of 42 extracted (19.0%). Missed: improvements of named indexes with no number worded
# otherwise than before ("Cải thiện kết quả đánh giá Chỉ số … và các chỉ số PAPI, SIPAS, PCI": 4;
# "xác định nâng cao điểm số, cải thiện vị trí xếp hạng … đối với các chỉ số trên" of PCI and
# PAPI: 4; "cải thiện Chỉ số … (PAR INDEX) và Chỉ số … (SIPAS) được xác định là động lực đột phá":
# 2; "nâng cao chỉ số hài lòng …" in a charge to the Sở: 1; "kinh tế số chiếm tỷ trọng ngày càng
# cao": 1), the second index of "nhóm 10 địa phương có chỉ số PAR INDEX, SIPAS cao nhất" (1), the
# first of four component floors after "Một số chỉ số cụ thể như:" (1), a quota per year "năm 2022
# đạt tối thiểu 50%, năm 2023 … 60%, …" in a proposal the province adopted (4); spurious: results
# read as targets (GRDP "đạt 7,2%" twice, "vượt 37,8% dự toán", "giải ngân … đạt 96,6%", "vào nhóm
# 11 địa phương …", "lần đầu tiên … được lên top 10", "Đạt dưới 90% gồm các sở": 7) and "phấn đấu
# hoàn thành và vượt các chỉ tiêu kế hoạch" read as a milestone (1). The goal is not met. The
# whole corpus with round 15 reads 641/668 (96.0%), 10 spurious of 651 (1.5%), within the goal.
# Round 15 was then developed against (the same day; wording classes, unit tests of other
# wordings at the end of this file): 52/52, 2 spurious of 54 (3.7%; the Gia Lai conference's "Tốc
# độ tăng trưởng GRDP … đạt 7,2%", which alone reads as an aim), so `held_out` now guards what was
# learnt from it and is judged; its first reading stays the held-out figure, and the goal on a
# first reading is not met. The whole corpus 659/668 (98.7%), 4 spurious of 663 (0.6%).
# Round 14 became `held_out_documents_round14` (part `held_out_round14`, development data, 27/29,
# 0 spurious, still below the goal, so a strict xfail with the same reason) when round 15 was
# collected; what follows is round 14's record, under the name it had.
# `held_out` was round 14, held out by document (7 documents new to the corpus of 4 provinces
# already in it: Quảng Ngãi's Nghị quyết 13-NQ/TU 2023 on chuyển đổi số and its strategy's aims,
# Tuyên Quang's kinh tế số plan to 2025, huyện Đăk R'lấp's steering committee plan 2023, TP. Hồ Chí
# Minh's Kế hoạch 60/KH-UBND 2026 and two 2025 instructions on cutting thủ tục hành chính; 40
# sentences, 29 targets in 12 of them), committed before the engine was run on it, and read once
# then, before any change made for it: 22 of 29 targets found (75.9%), 0 spurious of 22 extracted
# (0.0%). Missed: "tỉnh Quảng Ngãi không còn vùng lõm sóng di động" as a milestone (1), "cắt giảm
# tối thiểu 30% điều kiện kinh doanh, thời gian và chi phí tuân thủ thủ tục hành chính" read as
# one reduction, not three (2), milestones due by a date ("phải hoàn thành phương án … trước ngày
# 10/9", "phải hoàn thành báo cáo phương án … chậm nhất trong ngày 30/10", "từ ngày 1/10 sẽ tiếp
# nhận toàn bộ thủ tục hành chính …") read as nothing (3), "cắt giảm tối đa điều kiện kinh doanh …
# trong năm 2025" (a reduction with no amount) read as nothing (1). The goal is not met, so
# `held_out` is a strict xfail with those figures. Round 14 was then developed against (the same
# day; unit tests of other wordings above): 25/29 (86.2%), 0 spurious, still a strict xfail (the
# shared reduction, "đặt mục tiêu từ ngày 1/10 sẽ tiếp nhận …", "cắt giảm tối đa …" not read);
# the whole corpus 601/616 (97.6%), 2 spurious of 603. The whole corpus with round 14 reads 598/616
# (97.1%), 2 spurious of 600 (0.3%), within the goal, so `all` is judged. `held_out_round7` …
# `held_out_round10` and `held_out_round12` are judged, `held_out_round11` and `held_out_round13`
# stay strict xfails (development data).
# Round 13 became `held_out_documents_round13` (part `held_out_round13`, development data, 18/20,
# 0 spurious, still below the goal, so a strict xfail with the same reason) when round 14 was
# collected; what follows is round 13's record, under the name it had.
# `held_out` was round 13, held out by document (8 documents new to the corpus of 5 provinces
# already in it: TP. Hồ Chí Minh's Kế hoạch 31/KH-UBND 2026 on "công dân số" in four newspapers,
# Tuyên Quang's communes' aims 2025-2030, xã Nghĩa Tá's Nghị quyết 57 charge for 2026, results of
# Đà Nẵng and huyện Quảng Xương; 46 sentences, 20 targets in 15 of them), committed before the
# engine was run on it, and read once then, before any change made for it: 12 of 20 targets found
# (60.0%), 5 spurious of 17 extracted (29.4%). Missed: phases to be completed by a quarter with no
# figure ("Giai đoạn 1 hoàn thành trong Quý II/2026.", "Giai đoạn 2 hoàn thành trong quý 3-2026
# …", "Giai đoạn 1 (hoàn thành trong quý II/2026): …", "Giai đoạn đầu, dự kiến hoàn thành vào quý
# 2/2026, …") read as nothing (4) and "Giai đoạn hai, hoàn thành vào quý 3/2026, …" read without
# its due date (1), "100% người dân … sẽ có danh tính số vào quý 2/2026" read without its due date
# (1), "nâng cao tỷ lệ hồ sơ trực tuyến toàn trình; …; qua đó nâng cao mức độ hài lòng …" read as
# nothing (2); spurious: those two readings without due dates (2), a ward's result "…; 100% hồ sơ
# được giải quyết đúng hạn …" (1), Đà Nẵng's results "gần 50% …" and "đạt tỉ lệ 94% (vượt chỉ
# tiêu toàn quốc là 60%)" (2). The goal is not met. Round 13 was then developed against (the same
# day; wording classes, unit tests of other wordings above): 18/20 (90.0%), 0 spurious, still
# below the goal, so `held_out` stays a strict xfail (the two misses a commune chairman's "nâng
# cao tỷ lệ …; qua đó nâng cao mức độ hài lòng" after "kết quả … đã đạt được trong năm 2025",
# which the engine reads as the year's results); the whole corpus 576/587 (98.1%), 2 spurious of
# 578 (0.3%). The whole corpus with round 13 reads 570/587 (97.1%), 7 spurious of 577
# (1.2%), within the goal, so `all` is judged. `held_out_round7` … `held_out_round10` and
# `held_out_round12` are judged and `held_out_round11` stays a strict xfail (development data).
# Round 12 became `held_out_documents_round12` (part `held_out_round12`, development data, 38/38,
# 1 spurious of 39, judged) when round 13 was collected; what follows is round 12's record, under
# the name it had.
# `held_out` was round 12, held out by document (24 documents new to the corpus of 15 provinces
# already in it: communes' and districts' plans and aims, "Bình dân học vụ số" plans, a report
# restating Thanh Hóa's Quyết định 969 quotas, Đồng Tháp's PCI/PGI aim, openings, tasks and results;
# 113 sentences, 38 targets in 21 of them), committed before the engine was run on it, and read
# once then, before any change made for it: 30 of 38 targets found (78.9%), 6 spurious of 36
# extracted (16.7%). Missed: counts "ít nhất 3 mô hình thôn …" after a year (2), a quota "phải có
# 13 xã hoàn thành …, … sẽ hoàn thành 3 xã còn lại" (2), milestones "đến năm 2025 … sẽ phải hoàn
# thành chuyển đổi số cấp xã" and "Định hướng đến hết năm 2026, huyện sẽ hoàn thành phong trào …"
# (2), "tiếp tục cải thiện PCI và PGI năm 2025" (2); spurious: results and captions read as targets
# ("đã đẩy nhanh tiến độ, phấn đấu hoàn thành 100% chỉ tiêu … ngay trong năm 2024", "có thành tích
# xuất sắc trong việc cải thiện chỉ số PCI", "đã đạt …; trên 95% văn bản …", "tăng 18,6 điểm so với
# năm 2022", "tăng 2,61% so với năm 2022", "100% hồ sơ … cấp xã được tiếp nhận …" after "Đến nay").
# The goal is not met. Round 12 was then developed against (the same day; wording classes, unit
# tests of other wordings above): 38/38, 1 spurious of 39 (2.6%); the whole corpus 558/567
# (98.4%), 2 spurious of 560 (0.4%). So `held_out` now guards what was learnt from round 12; its
# first reading stays the held-out figure, and the goal on a first reading is not met. The whole
# corpus with round 12 at its first reading reads 550/567 (97.0%), 7 spurious of 557 (1.3%),
# within the goal, so `all` is judged. `held_out_round7` … `held_out_round10` are still judged
# and `held_out_round11` stays a strict xfail (development data). Round 11 became
# `held_out_documents_round11` (part `held_out_round11`, development data, 64/71, 0 spurious, still
# below the goal, so a strict xfail with the same reason) when round 12 was collected; what follows
# is round 11's record, under the name it had.
# `held_out` was round 11, held out by document (20 documents new to the corpus of 14 provinces
# already in it, collected to be target-rich: kinh tế số plans of Hải Phòng, Đồng Tháp, Đà Nẵng and
# Lạng Sơn, district quotas of Vũ Thư and Kon Plông, DTI plans and aims of Khánh Hòa, Kon Tum,
# TP. Hồ Chí Minh, Hà Nội and Tiền Giang, Bình Phước's PCI aim, openings, tasks and results; 108
# sentences, 71 targets), read once when committed, before any change made for it: 54 of 71
# targets found (76.1%), 3 spurious of 57 extracted (5.3%). Missed: "… góp phần đạt mục tiêu kinh
# tế số chiếm 35% GRDP" at the end of a purpose (1), the 2030 figures in brackets "(đến năm 2030
# đạt tối thiểu 20%, riêng ngành du lịch và tài chính - ngân hàng, thương mại điện tử đạt tối
# thiểu 30%)" and "(đến năm 2030 đạt 100%)" (5), "trên 0,7/1.000 dân" (1), "các chỉ số về Chính
# phủ số, Kinh tế số, Xã hội số … từ 0,7-0,8 điểm" (3), "tăng dần (ít nhất 1-2 bậc) theo từng năm"
# and "tăng hạng chỉ số PCI từ 2-3 bậc" (2), headlines "Đến 2025: Kinh tế số chiếm 25% GRDP …" and
# "Kinh tế số chiếm 25% GRDP … vào 2025" (2), "1 trong 5 địa phương dẫn đầu …" (3); spurious:
# results "chưa được vào danh sách Top 30 của VCCI", "với tỉ trọng 14%", "đạt tỉ lệ 20,3%" (3).
# The goal is not met, so `held_out` is a strict xfail with those figures: it fails loudly once
# the round reads within the goal (and must then be treated as developed against). The whole
# corpus with round 11 reads 510/529 (96.4%), 4 spurious of 514 (0.8%), within the goal, so `all`
# is judged. `held_out_round7` … `held_out_round10` are still judged (development data, within
# the goal). Round 10 became `held_out_documents_round10` (part `held_out_round10`, development
# data, 48/49, 0 spurious) when round 11 was collected; what follows is round 10's record, under
# the name it had.
# `held_out` was round 10, held out by document (15 documents new to the corpus of 12 provinces
# already in it, collected to be target-rich: two Cần Thơ digital-transformation plans, Đắk Lắk's
# kinh tế số plan and commune drive, Hà Nội's quotas for communes and wards, Nghệ An's PCI aims, a
# ward portal on Quảng Ninh's Nghị quyết 09-NQ/TU, Đề án 06 quotas and results, a commune's CCHC
# report, plans' openings and results; 84 sentences, 49 targets), read once when committed, before
# any change made for it: 36 of 49 targets found (73.5%), 9 spurious of 45 extracted (20.0%).
# Missed: shares "chiếm 20% GRDP" / "chiếm 30% GRDP" after a colon or "Đến năm 2030," and the
# congress's "sẽ chiếm 20% GDP và khoảng 30% GDP vào năm 2030" (4), quotas quoted in reports ("so
# với chỉ tiêu 185.255 tài khoản … phải hoàn thành trước ngày 10-10-2023", "hoàn thành chỉ tiêu
# hơn 738.000 tài khoản") and "đảm bảo hoàn thành chỉ tiêu … trước ngày 30/9/2023" (3), "hoàn
# thành 94 tiêu chí … trước ngày 19/12/2025" read as a milestone (1), "các xã, phường tiếp nhận tối
# thiểu 60% …, trong đó ít nhất 20% …" read without the xã level (2), "vị trí 20 - 25" (1), "Nâng
# cao tỷ lệ … song song với chỉ số CCHC" (2); spurious: that milestone, the two level-less
# readings, results "hơn 35% dân số", "đạt 99,9%, … đạt trên 98%", "hơn 27.200 lượt", a plan's
# 2025 results "100% cơ quan …; 100% thôn, xã …" (6). The goal is not met. Round 10 was then
# developed against (the same day; wording classes, unit tests of other wordings above): 48/49, 0
# spurious; the whole corpus 456/458 (99.6%), 1 spurious of 457 (0.2%). So `held_out` now guards
# what was learnt from round 10; its first reading stays the held-out figure, and the goal on a
# first reading is not met. The whole corpus with round 10 reads 444/458 (96.9%), 10
# spurious of 454 (2.2%), within the goal, so `all` is judged. `held_out_round7`,
# `held_out_round8` and `held_out_round9` are still judged (development data, within the goal).
# Round 9 became `held_out_documents_round9` (part `held_out_round9`, development data, 42/42, 0
# spurious) when round 10 was collected; what follows is round 9's record, under the name it had.
# `held_out` was round 9, held out by document (16 documents new to the corpus of 12 provinces
# already in it, collected to be target-rich: a district's chuyển đổi số plan, three communes'
# CCHC plans 2025, a quyết định giao chỉ tiêu to districts and communes, Tỉnh ủy resolutions and
# provincial plans' targets from the press, results of a district, a thị xã and two Sở Tư pháp;
# 83 sentences, 42 targets), read once when committed, before any change made for it: 19 of 42
# targets found (45.2%), 9 spurious of 28 extracted (32.1%). Missed: improvements of named indexes
# with no number ("góp phần duy trì, cải thiện, nâng cao thứ hạng Chỉ số … (PAR INDEX), … (SIPAS),
# … (DDCI)", "Cải thiện toàn diện các chỉ số …, nhất là Chỉ số PAR INDEX, PAPI, SIPAS, PCI", "Nâng
# cao chỉ số hài lòng của người dân", "góp phần nâng cao chỉ số năng lực cạnh tranh, chỉ số cải
# cách hành chính cấp tỉnh", the second of "chỉ số chuyển đổi số (DTI) và chỉ số cải cách hành
# chính (PAR Index)": 14), six targets in brackets after "đã đặt ra 6 mục tiêu cụ thể … (Tỷ trọng
# KTS đạt 20% GDP; …)" (6), a quyết định's quotas ("hoàn thành chuyển đổi số tại 12 huyện …" read
# as a milestone, "Năm 2022: 94 xã, phường, thị trấn." and three more read as nothing: 5);
# spurious: that milestone, an estimate "ước đạt hơn 7% GRDP", PCI 2021 results "top 10" (3), a
# district's and a Sở's results "đạt 100%; … đạt 100%; … đạt 53% (tăng 10% …)", "đạt 94% (tăng
# 34% …)" (4). The goal is not met. Round 9 was then developed against (the same day, its
# misreadings as wording classes, unit tests of other wordings above; the convention for an index
# raised with no number and no "phấn đấu" is now the rounds' judgement, a target): 42/42, 0
# spurious; the whole corpus 408/409 (99.8%), 1 spurious of 409 (0.2%). So `held_out` now guards
# what was learnt from round 9; its first reading stays the held-out figure, and the goal on a
# first reading is not met.
# The whole corpus with round 9 reads 385/409 (94.1%), 10 spurious of 395 (2.5%): below the goal's
# recall, so `all` is a strict xfail with those figures too (it was 366/367, 1 of 367, before
# round 9). `held_out_round7` and `held_out_round8` are still judged (development data, within
# the goal). Round 8 became `held_out_documents_round8` (part `held_out_round8`, development data,
# 7/7, 0 spurious) when round 9 was collected; what follows is round 8's record, under the name it
# had.
# `held_out` was round 8, held out by document (22 document entries, 21 addresses, new to the
# corpus, of 12 provinces already in it, mostly 2021-2024 plans; 94 sentences, 7 targets), read
# once when committed, before any change made for it: 4 of 7 targets found (57.1%), 11 spurious
# of 15 extracted (73.3%). Missed: a floor per level given as ranges of minima "cấp tỉnh đạt tối
# thiểu 45% - 50%; … cấp huyện … 35% - 40%; … cấp xã … 25% - 30%" (read as three ranges without
# levels), a target in brackets after an estimate "ước 7,18% GRDP (chỉ tiêu đến năm 2025 là 10%
# GRDP)" (the 7,18 read instead), "góp phần cải thiện và nâng cao Chỉ số PAR INDEX" (nothing
# read); spurious: those three ranges and the 7,18, a quyết định's starting standing "tính đến
# ngày 26.6.2023 … đạt 42,6%, đứng thứ 48/63; … đứng thứ 7/63; …" (2 shares, 4 ranks), "phấn đấu
# hoàn thành mục đích, yêu cầu …" read as a milestone. The goal is not met, so `held_out` is a
# strict xfail with those figures: it fails loudly once the round reads within the goal (and must
# then be treated as developed against). The whole corpus with round 8 reads 361/367 (98.4%), 15
# spurious of 376 (4.0%), within the goal. Round 8 was then developed against (the same day, its
# misreadings as wording classes, unit tests of other wordings above): 7/7 found, 0 spurious; the
# whole corpus 366/367 (99.7%), 1 spurious of 367 (0.3%). So `held_out` now guards what was
# learnt from round 8; its first reading above stays the held-out figure, and the goal on a first
# reading is not met. Round 7 became `held_out_documents_round7` (part
# `held_out_round7`, development data, 55/56, 1 spurious of 56) when round 8 was collected; what
# follows is round 7's record, under the name it had.
# `held_out` was the documents held out then: round 7, held out by document (12 documents new to
# the corpus of 11 provinces already in it, 83 sentences, 56 targets), read once when committed,
# before any change made for it: 44 of 56 targets found (78.6%), 3 spurious of 47 extracted
# (6.4%). Missed: "mục tiêu duy trì và nâng cao điểm số, thứ hạng" of five indexes with no number
# (10 better-than-2025 targets), "100% hồ sơ công việc tại cấp thành phố và cấp xã" read without
# its levels, "đặt mục tiêu hoàn thiện khung kiến trúc số" not a milestone; spurious: that plain
# 100%, "Tiếp tục xây dựng, hoàn thiện hệ thống thể chế …" read as a milestone, a shortfall
# "chưa đạt trên 5%" read as "> 5". The goal is not met, so `held_out` is a strict xfail with
# those figures: it fails loudly once the round reads within the goal (and must then be treated
# as developed against). The whole corpus with round 7 reads 346/360 (96.1%), 6 spurious of 352
# (1.7%), within the goal, mostly on development data. Round 6 (`held_out_round6`, held out by
# province) read 71/83 and 34 spurious of 105 when first read on main's engine, and was then
# developed against (81/83, 3 of 84); round 6 and earlier rounds are development data now
# (tests/targets/corpus/README.md). Round 7 was then developed against too (the same day, its
# misreadings as wording classes, unit tests of other wordings below): 55/56 found, 1 spurious of
# 56; the whole corpus 357/360 (99.2%), 4 spurious of 361 (1.1%). So `held_out` now guards what
# was learnt from round 7; its first reading above stays the held-out figure, and the goal on a
# first reading is not met.
@pytest.mark.parametrize(
    "part",
    [
        pytest.param(
            "held_out",
            marks=pytest.mark.xfail(
                strict=True,
                reason=(
                    "round 22's first reading: 27/34 found (79.4%), 5 spurious of 32 (15.6%): a cut "
                    "by 'bãi bỏ' read as a share, a national share to the hundredth, levels beside "
                    "'cấp bộ', a PCI to raise, two milestones and a quoted national share missed; a "
                    "concession after a heading, staff trained and a satisfaction result read as "
                    "targets; after developing on it 29/34 (85.3%), 2 spurious of 31"
                ),
            ),
        ),
        pytest.param(
            "held_out_round21",
            marks=pytest.mark.xfail(
                strict=True,
                reason=(
                    "round 21's first reading: 28/35 found (80.0%), 12 spurious of 40 (30.0%): a "
                    "cut of 100% read as a reduction, a phase's milestone, a day and a level missed, "
                    "a share kept and a state by 2030 missed, a province's and a ministry's results "
                    "read as targets; after developing on it 31/35 (88.6%), 1 spurious of 32"
                ),
            ),
        ),
        pytest.param(
            "held_out_round20",
            marks=pytest.mark.xfail(
                strict=True,
                reason=(
                    "round 20's first reading: 26/31 found (83.9%), 5 spurious of 31 (16.1%): a "
                    "ministry's report against its target, a plan's milestone, counts to keep or to "
                    "amend missed, the nation's, a ministry's and a ward's results read as targets; "
                    "after developing on it 31/31, 2 spurious of 33 (6.1%)"
                ),
            ),
        ),
        pytest.param(
            "held_out_round19",
            marks=pytest.mark.xfail(
                strict=True,
                reason=(
                    "round 19's first reading: 18/25 found (72.0%), 11 spurious of 29 (37.9%): three "
                    "reductions after a colon read as floors, a dispatch's milestone, a strategy's cut "
                    "and a PCI place to improve missed, a ministry's and a province's results read as "
                    "targets; after developing on it 24/25 (96.0%), 2 spurious of 26 (7.7%)"
                ),
            ),
        ),
        pytest.param(
            "held_out_round18",
            marks=pytest.mark.xfail(
                strict=True,
                reason=(
                    "round 18's first reading: 12/17 found (70.6%), 10 spurious of 22 (45.5%): a floor "
                    "per level of a centrally run city split, a place and the national targets beside "
                    "results missed, a congress, standings and results read as targets; after "
                    "developing on it 16/17 (94.1%), 3 spurious of 19"
                ),
            ),
        ),
        pytest.param(
            "held_out_round17",
            marks=pytest.mark.xfail(
                strict=True,
                reason=(
                    "round 17's first reading: 2/3 found (66.7%), 6 spurious of 8 (75.0%): a floor at "
                    "a level named after 'tại UBND' read without it, a plan's title, a commune's results "
                    "and two standings read as targets; after developing on it 3/3, 2 spurious of 5"
                ),
            ),
        ),
        pytest.param(
            "held_out_round16",
            marks=pytest.mark.xfail(
                strict=True,
                reason=(
                    "round 16's first reading: 39/46 found (84.8%), 10 spurious of 49 (20.4%): a "
                    "plan's counts of communes, a yearly average rate and a reduction with no amount "
                    "missed, a province's results and a plan's title read as targets; after developing "
                    "on it 43/46 (93.5%), 5 spurious of 48 (10.4%)"
                ),
            ),
        ),
        # round 15's first reading: 34/52 (65.4%), 8 spurious of 42 (19.0%), its held-out figure;
        # developed against since (52/52, 2 spurious of 54): judged, it guards what was learnt
        "held_out_round15",
        # round 14's first reading: 22/29 found (75.9%), 0 spurious of 22; after developing on it
        # 27/29 (93.1%); since round 20's development (a state aimed at for all of a thing from a
        # day, "đặt mục tiêu từ ngày 1/10 sẽ tiếp nhận toàn bộ …") 28/29 (96.6%), 0 spurious
        "held_out_round14",
        pytest.param(
            "held_out_round13",
            marks=pytest.mark.xfail(
                strict=True,
                reason=(
                    "round 13's first reading: 12/20 found (60.0%), 5 spurious of 17 (29.4%): phases "
                    "due by a quarter as milestones and a quarter as a due date missed, results of "
                    "reports read as targets; after developing on it 18/20 (90.0%), 0 spurious"
                ),
            ),
        ),
        # round 11's first reading: 54/71 (76.1%), 3 spurious of 57 (5.3%), its held-out figure;
        # developed against since (development data, within the goal from 68/71, 0 spurious)
        "held_out_round11",
        "held_out_round7",
        "held_out_round8",
        "held_out_round9",
        "held_out_round10",
        "held_out_round12",
        "all",
    ],
)
def test_corpus_recall_and_spurious_rate(part):
    score = corpus_score(corpus_load().part(part))
    misses = [(s.province, t.get("comparator"), t.get("value"), s.text[:60]) for s, t in score["misses"]]
    spurious = [(s.province, t["comparator"], t["value"], t["text"][:60]) for s, t in score["unmatched"]]
    assert score["recall"] >= 0.95, misses
    assert score["spurious_rate"] <= 0.05, spurious


@pytest.mark.parametrize("name", SEED_PLANS)
def test_the_seed_plans_stay_fully_read(name):
    score = seed_score(name)
    assert score["found"] == score["transcribed"], [m["text"][:60] for m in score["misses"]]


def test_a_match_on_the_corpus_needs_the_same_structure():
    want = {"measure": "rank", "comparator": "<=", "value": 5}
    assert corpus_target_matches(want, {"measure": "rank", "comparator": "<=", "value": 5})
    assert not corpus_target_matches(want, {"measure": "rate", "comparator": "<=", "value": 5})
    assert not corpus_target_matches(
        want, {"measure": "rank", "comparator": "<=", "value": 5, "baseline_year": 2024}
    )
    # "100%" and "đạt 100%" are the same target (DOMAIN.md: "= 100 (≥ 100)")
    assert corpus_target_matches({"comparator": ">=", "value": 100}, {"comparator": "=", "value": 100})
    assert not corpus_target_matches({"comparator": ">=", "value": 90}, {"comparator": "=", "value": 90})


def test_score_parse_targets_prints_the_corpus_scores(capsys):
    call_command("score_parse_targets", "--corpus-details", "development")
    out = capsys.readouterr().out
    for part in ("held_out", "held_out_round1", "development", "all"):
        assert f"corpus {part}: provinces" in out
    assert "spurious rate" in out and "held out: " in out


def test_parse_targets_prints_the_proposal_keys(tmp_path, capsys):
    plan = tmp_path / "plan.txt"
    plan.write_text("Giải ngân 100% vốn đầu tư công được giao trước ngày 31/12/2025.\n", encoding="utf-8")
    call_command("parse_targets", str(plan), "--year", "2025")
    row = json.loads(capsys.readouterr().out.splitlines()[0])
    assert (row["cumulative"], row["due_date"], row["sub_of"]) == (True, "2025-12-31", None)


@pytest.mark.parametrize(
    "sentence",
    [
        # a standing now is not a target
        "Hiện tại, tỉnh đang đứng thứ 9/63 về Chỉ số PAPI.",
        "Hiện nay tỷ lệ hồ sơ trực tuyến của tỉnh đạt 62%.",
        # an index named with an earlier year: what follows is its result
        "Chỉ số PAR INDEX 2022 của tỉnh đạt 86,1%, xếp thứ 21/63, tăng 4 bậc so với năm 2021.",
    ],
)
def test_a_present_standing_or_an_earlier_index_result_is_not_a_target(sentence):
    assert targets_extract(sentence, plan_year=2024) == []


def test_an_index_of_the_plan_s_own_year_is_still_a_target():
    found = targets_extract("Phấn đấu Chỉ số SIPAS 2024 đạt trên 85%.", plan_year=2024)
    assert [(t["comparator"], t["value"]) for t in found] == [(">", 85)]


def test_striving_to_raise_an_index_and_its_rank_is_one_better_than_last_year_target_each():
    """ "Phấn đấu nâng cao …, tăng thứ hạng …" with no number: each index or rank named is to be
    better than the year before (above_baseline, the plan year − 1), a stretch target."""
    found = targets_extract(
        "Phấn đấu nâng cao Chỉ số PAPI và cải thiện thứ hạng của tỉnh về Chỉ số PAPI.", plan_year=2025
    )
    assert [(t["measure"], t["comparator"], t["baseline_year"], t["stretch"]) for t in found] == [
        ("score", "above_baseline", 2024, True),
        ("rank", "above_baseline", 2024, True),
    ]
    # without "phấn đấu" an index named (by its acronym or its name) is still to be raised above
    # the year before, not as a stretch (rounds 8 and 9 of the corpus: "Nâng cao chỉ số hài lòng
    # của người dân", "góp phần nâng cao Chỉ số PAR INDEX"); raising something that is no index
    # is a purpose or a task; a number makes it a target of its own
    assert [
        (t["measure"], t["comparator"], t["stretch"])
        for t in targets_extract("Nâng cao chỉ số hài lòng của người dân.", plan_year=2025)
    ] == [("score", "above_baseline", False)]
    assert targets_extract("Nâng cao chất lượng phục vụ người dân.", plan_year=2025) == []
    assert [t["comparator"] for t in targets_extract("Phấn đấu nâng cao Chỉ số PAPI đạt 45 điểm.")] == [">="]


@pytest.mark.parametrize(
    "sentence",
    [
        # a figure measured against its target: what was achieved (a plan's "kết quả năm …" part)
        "Về hạ tầng số: trên 80% người dân sử dụng dịch vụ công trực tuyến (đạt 100% mục tiêu); "
        "100% xã được phủ sóng 4G; tỷ lệ hộ gia đình có Internet cáp quang đạt 65% (đạt 81% mục tiêu).",
        "12/16 cơ sở dữ liệu chuyên ngành được kết nối, đạt 75% kế hoạch; 100% cơ quan dùng chung nền tảng.",
        # a count out of a total with the share it makes: counted, not aimed at
        "512/640 thủ tục hành chính được cung cấp trực tuyến toàn trình, đạt 80%.",
        "Tổng số hồ sơ trực tuyến là 1.320/2.200 hồ sơ (gồm 900 hồ sơ toàn trình), đạt 60%.",
        # a report's opening
        "Kết quả: Chỉ số SIPAS của tỉnh đạt 84,5%, xếp thứ 20/63 tỉnh, thành phố.",
        "Thống kê lũy kế đến ngày 15/11, tỷ lệ hồ sơ giải quyết đúng hạn đạt 98%.",
        "Hiện nay, tỷ lệ văn bản ký số đạt trên 95%; tỷ lệ hồ sơ trực tuyến đạt 40%.",
        # a change of rank noted against a year before the last
        "Chỉ số PAPI của tỉnh đạt 44,2 điểm, chiếm tỷ lệ 55,3%; xếp thứ 9/63 (tăng 7 bậc so với năm 2021).",
        # a streak of years
        "Trong 5 năm liền, Chỉ số PCI của tỉnh đều nằm trong nhóm 10 địa phương dẫn đầu cả nước.",
    ],
)
def test_a_sentence_reporting_results_states_no_target(sentence):
    assert targets_extract(sentence, plan_year=2023) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a share of a plan is still a target; so is a rank change against the year before
        ("Phấn đấu giải ngân đạt 100% kế hoạch vốn đầu tư công năm 2023.", [(">=", 100)]),
        ("Phấn đấu Chỉ số PAR INDEX xếp thứ 10/63 (tăng 5 bậc so với năm 2022).", [("<=", 10)]),
        # a fraction that is not the share stated: "3/4 huyện" and 90%
        ("Phấn đấu 3/4 huyện có tỷ lệ hồ sơ trực tuyến đạt trên 90%.", [(">", 90)]),
        # a count aimed at with the share it makes
        ("Phấn đấu 24/40 xã đạt chuẩn xã chuyển đổi số, đạt 60%.", [(">=", 60)]),
    ],
)
def test_targets_near_the_results_wordings_are_still_read(sentence, expected):
    found = targets_extract(sentence, plan_year=2023)
    assert [(t["comparator"], t["value"]) for t in found] == expected


@pytest.mark.parametrize(
    ("sentence", "levels"),
    [
        # one level named after "tại"/"ở cấp": the threshold is that level's (DOMAIN.md: a
        # threshold per administrative level)
        ("100% hồ sơ công việc tại cấp xã được xử lý trên môi trường mạng.", {"xa": 100}),
        ("Tỷ lệ hồ sơ công việc ở cấp huyện được xử lý trên môi trường mạng đạt trên 85%.", {"huyen": 85}),
        # one threshold for the levels listed before it: each level must reach it
        (
            "Hồ sơ công việc ở cấp tỉnh, huyện và xã được xử lý trên môi trường mạng đạt từ 90% trở lên.",
            {"tinh": 90, "huyen": 90, "xa": 90},
        ),
        # "cấp tỉnh" naming a thing (the province's portal), not the level a threshold is for
        ("100% Cổng thông tin điện tử cấp tỉnh tuân thủ quy định về công khai thông tin.", None),
    ],
)
def test_a_single_level_or_a_list_of_levels_gives_the_threshold_per_level(sentence, levels):
    target = only(sentence, plan_year=2024)
    assert target["levels"] == levels
    if levels:
        assert target["value"] is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a count of businesses or services the plan commits to (DOMAIN: count)
        ("Hình thành 50 doanh nghiệp công nghệ số trên địa bàn tỉnh.", [("count", ">=", 50)]),
        ("Triển khai tối thiểu 5 dịch vụ đô thị thông minh.", [("count", ">=", 5)]),
        # a share aimed at ("phấn đấu … chiếm"), unlike a share stated
        # (a share of GRDP is a percent entered directly, not a rate counted by agencies)
        ("Phấn đấu kinh tế số chiếm 20% GRDP của tỉnh.", [("percent", ">=", 20)]),
        ("Khu vực dịch vụ chiếm 45% GRDP của tỉnh.", []),
        ("Tỉnh có 1.200 doanh nghiệp đang hoạt động.", []),
    ],
)
def test_counts_of_businesses_and_shares_aimed_at(sentence, expected):
    found = targets_extract(sentence, plan_year=2025)
    assert [(t["measure"], t["comparator"], t["value"]) for t in found] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # going on raising a named index: better than the year before, not a stretch target
        ("Tiếp tục nâng cao Chỉ số PCI của tỉnh.", [("score", "above_baseline", 2024, False)]),
        ("3. Tiếp tục nâng cao Chỉ số SIPAS hằng năm của tỉnh.", [("score", "above_baseline", 2024, False)]),
        # no index named: a purpose or a task
        ("Tiếp tục nâng cao chất lượng cung cấp dịch vụ công.", []),
        ("Tiếp tục nâng cao các chỉ số thành phần còn thấp.", []),
    ],
)
def test_going_on_raising_a_named_index_is_a_better_than_last_year_target(sentence, expected):
    found = targets_extract(sentence, plan_year=2025)
    assert [(t["measure"], t["comparator"], t["baseline_year"], t["stretch"]) for t in found] == expected


@pytest.mark.parametrize(
    ("sentence", "milestones"),
    [
        # a commitment to finish something, after a time phrase or a comma (DOMAIN: "hoàn thành …"
        # is a milestone, done or not)
        ("Đến năm 2027, hoàn thành việc số hóa hồ sơ, tài liệu lưu trữ của các cơ quan cấp tỉnh.", 1),
        ("Mục tiêu đến năm 2026 là tỉnh cơ bản hoàn thành xây dựng chính quyền số.", 1),
        (
            "Tỉnh trở thành địa phương khá về chuyển đổi số, hoàn thành các mục tiêu của Chương trình "
            "chuyển đổi số quốc gia.",
            1,
        ),
        # a call to do well, and what was done, are not milestones
        ("Các cơ quan, đơn vị phấn đấu hoàn thành xuất sắc các nhiệm vụ được giao.", 0),
        ("Năm 2024, tỉnh đã hoàn thành việc sắp xếp các đơn vị sự nghiệp công lập.", 0),
    ],
)
def test_a_commitment_to_finish_something_is_a_milestone(sentence, milestones):
    found = targets_extract(sentence, plan_year=2025)
    assert [(t["measure"], t["comparator"]) for t in found] == [("milestone", "done")] * milestones


# --- thresholds per level, as other provinces word them --------------------------------------


@pytest.mark.parametrize(
    ("text", "comparator", "levels"),
    [
        # levels listed, then "tương ứng" and the thresholds in the same order
        (
            "Tỷ lệ hồ sơ được số hóa thuộc thẩm quyền cấp tỉnh, cấp huyện, cấp xã đạt tối thiểu "
            "tương ứng là 60%, 45%, 30%.",
            ">=",
            {"tinh": 60, "huyen": 45, "xa": 30},
        ),
        # one threshold for the levels listed after "tại"/"ở" that follows it
        ("100% văn bản đi tại cấp tỉnh, cấp huyện được ký số.", "=", {"tinh": 100, "huyen": 100}),
        (
            "Có 90% hồ sơ ở cấp tỉnh, huyện, xã được xử lý trực tuyến.",
            ">=",
            {"tinh": 90, "huyen": 90, "xa": 90},
        ),
        # the tỉnh level named by its People's Committee
        (
            "85% văn bản tại UBND tỉnh, các sở, ngành và 75% văn bản tại cấp huyện được ký số.",
            ">=",
            {"tinh": 85, "huyen": 75},
        ),
        # "trên" before the first threshold only: at least each
        (
            "Trên 90% hồ sơ tại cấp tỉnh, 70% hồ sơ tại cấp huyện được xử lý trực tuyến.",
            ">=",
            {"tinh": 90, "huyen": 70},
        ),
    ],
)
def test_thresholds_per_level_as_other_provinces_word_them(text, comparator, levels):
    found = only(text, plan_year=2025)
    assert found["comparator"] == comparator
    assert {k: float(v) for k, v in found["levels"].items()} == {k: float(v) for k, v in levels.items()}


def test_levels_respectively_need_as_many_thresholds():
    """Three levels "tương ứng" two thresholds: no level is given a threshold by order."""
    found = targets_extract(
        "Số hóa hồ sơ thuộc thẩm quyền cấp tỉnh, cấp huyện, cấp xã đạt tỷ lệ tương ứng là 80%, 70%.",
        plan_year=2025,
    )
    assert not any(t["levels"] and set(t["levels"]) == {"tinh", "huyen", "xa"} for t in found)


def test_a_hundred_per_level_is_at_least_a_hundred_on_the_corpus():
    want = {"measure": "rate", "comparator": ">=", "levels": {"huyen": 100, "xa": 100}}
    assert corpus_target_matches(
        want, {"measure": "rate", "comparator": "=", "levels": {"huyen": 100, "xa": 100}}
    )
    assert not corpus_target_matches(
        {"measure": "rate", "comparator": ">=", "levels": {"huyen": 90, "xa": 100}},
        {"measure": "rate", "comparator": "=", "levels": {"huyen": 90, "xa": 100}},
    )


# --- milestones and counts as other provinces word them -------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Đến năm 2026, hoàn thiện cơ sở dữ liệu cán bộ, công chức của tỉnh và kết nối với quốc gia.",
        "Đến năm 2025: Cơ bản hoàn thành việc số hóa hồ sơ lưu trữ của các sở, ban, ngành.",
        "Hoàn thiện hạ tầng kết nối mạng diện rộng giữa các cơ quan nhà nước của tỉnh.",
    ],
)
def test_a_commitment_to_finish_with_no_number_is_a_milestone(text):
    found = only(text, plan_year=2025)
    assert (found["measure"], found["comparator"]) == ("milestone", "done")


def test_a_finishing_verb_in_a_tasks_section_is_no_target():
    text = (
        "I. MỤC TIÊU\n- Tỷ lệ hồ sơ trực tuyến đạt 80%.\nII. NHIỆM VỤ, GIẢI PHÁP\n"
        "1. Cải cách thể chế\n- Hoàn thiện hệ thống văn bản quy phạm pháp luật của tỉnh.\n"
    )
    assert [(t["comparator"], t["value"]) for t in targets_extract(text, plan_year=2025)] == [(">=", 80)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "đã" naming what the rate counts, after a verb that raises it
        ("Nâng tỷ lệ hồ sơ đã được số hóa được tái sử dụng đạt 40%.", [("rate", ">=", 40)]),
        ("Tăng tỷ lệ văn bản đã ký số lên 95%.", [("rate", ">=", 95)]),
        # a count of subscriptions
        ("Số thuê bao băng rộng cố định đạt tối thiểu 40 thuê bao/100 hộ gia đình.", [("count", ">=", 40)]),
    ],
)
def test_rates_and_counts_as_other_provinces_word_them(text, expected):
    got = targets_extract(text, plan_year=2025)
    assert [(t["measure"], t["comparator"], float(t["value"])) for t in got] == expected


# --- round 7's wordings, written otherwise ---------------------------------------------------


def test_raising_the_score_and_rank_of_named_indexes_is_two_targets_each():
    text = (
        "Mục tiêu: duy trì và nâng cao điểm số, thứ hạng Chỉ số hài lòng (SIPAS), Chỉ số quản trị "
        "(PAPI); Chỉ số chuyển đổi số (DTI)."
    )
    found = targets_extract(text, plan_year=2026)
    assert [(t["measure"], t["comparator"], t["baseline_year"]) for t in found] == [
        ("score", "above_baseline", 2025),
        ("rank", "above_baseline", 2025),
    ] * 3
    assert [t["text"].split(" …")[0] for t in found[::2]] == ["SIPAS", "PAPI", "DTI"]
    # a number stated for them is read as it is, not as "above the baseline"
    assert all(
        t["comparator"] != "above_baseline"
        for t in targets_extract("Phấn đấu nâng cao điểm số, thứ hạng PCI đạt 70 điểm.", plan_year=2026)
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tiếp tục rà soát, hoàn thiện quy trình nội bộ giải quyết thủ tục hành chính của các sở.", []),
        (
            "Tỉnh đặt mục tiêu hoàn thiện nền tảng tích hợp, chia sẻ dữ liệu dùng chung của tỉnh.",
            [("milestone", "done")],
        ),
        ("Tỷ lệ người dân có chữ ký số cá nhân chưa đạt trên 10%, cần được cải thiện.", []),
    ],
)
def test_going_on_setting_out_and_falling_short(text, expected):
    assert [(t["measure"], t["comparator"]) for t in targets_extract(text, plan_year=2026)] == expected


# --- the last wordings of the development corpus, written otherwise ---------------------------


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        # a centrally run city: "cấp thành phố" is its province level
        (
            "Phấn đấu 100% hồ sơ công việc tại cấp thành phố và cấp xã được xử lý trên môi trường mạng.",
            {"tinh": 100, "xa": 100},
        ),
        ("Tỷ lệ văn bản điện tử ở cấp thành phố, cấp xã đạt từ 90% trở lên.", {"tinh": 90, "xa": 90}),
    ],
)
def test_the_city_level_of_a_centrally_run_city_is_its_province_level(text, levels):
    found = targets_extract(text, plan_year=2026)
    assert len(found) == 1
    assert {code: int(value) for code, value in found[0]["levels"].items()} == levels


def test_the_district_level_named_with_towns_is_not_the_province_level():
    found = targets_extract(
        "Phấn đấu 100% hồ sơ công việc tại cấp huyện, thành phố được xử lý trên môi trường mạng.",
        plan_year=2024,
    )
    assert all("tinh" not in (t.get("levels") or {}) for t in found)


@pytest.mark.parametrize(
    ("text", "low", "high", "baseline"),
    [
        ("Phấn đấu cải thiện vị trí xếp hạng Chỉ số DTI so với năm trước từ 2 - 3 bậc.", 2, 3, 2025),
        ("Tăng thứ hạng Chỉ số PAPI so với năm 2024 ít nhất 2 bậc.", 2, None, 2024),
    ],
)
def test_places_gained_given_after_the_year_compared_against(text, low, high, baseline):
    found = targets_extract(text, plan_year=2026)
    assert [(t["measure"], t["comparator"], t["baseline_year"]) for t in found] == [
        ("rank", "improve_by", baseline)
    ]
    assert int(found[0]["value"]) == low
    assert (int(found[0]["value_max"]) if found[0].get("value_max") is not None else None) == high


def test_what_finishing_something_brought_about_is_no_target():
    text = (
        "Việc hoàn thành cung cấp 100% thủ tục hành chính đủ điều kiện trên Cổng dịch vụ công, "
        "giúp người dân không phải đi lại nhiều lần."
    )
    assert targets_extract(text, plan_year=2026) == []
    # an aim to finish it is still read
    assert [
        t["value"]
        for t in targets_extract(
            "Phấn đấu hoàn thành cung cấp 100% thủ tục hành chính đủ điều kiện trên Cổng dịch vụ công.",
            plan_year=2026,
        )
    ] != []


# --- round 8's wordings, written otherwise ----------------------------------------------------


def test_ranges_of_minima_in_parallel_clauses_are_a_floor_per_level():
    text = (
        "Giao chỉ tiêu cho các sở, ban, ngành cấp tỉnh đạt tối thiểu 60% - 70%; chỉ tiêu cho các cơ "
        "quan, đơn vị trực thuộc Ủy ban nhân dân cấp huyện đạt tối thiểu 50% - 55%; chỉ tiêu cho "
        "Ủy ban nhân dân cấp xã, phường, thị trấn tối thiểu đạt 40% - 45%."
    )
    found = targets_extract(text, plan_year=2024)
    assert [(t["comparator"], {k: int(v) for k, v in t["levels"].items()}) for t in found] == [
        (">=", {"tinh": 60, "huyen": 50, "xa": 40})
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tỷ lệ hồ sơ trực tuyến toàn trình đạt tối thiểu 60% - 70%.", [(">=", 60, None)]),
        ("Tỷ lệ hồ sơ trực tuyến toàn trình đạt từ 60% - 70%.", [("between", 60, 70)]),
        # an estimate is reached; the target in brackets is what it is set against
        ("Kinh tế số ước đạt 8,52% GRDP (mục tiêu đến năm 2027 là 12% GRDP).", [(">=", 12, None)]),
        ("Năm 2023, kinh tế số ước đạt 8,52% GRDP.", []),
    ],
)
def test_minima_estimates_and_the_target_in_brackets(text, expected):
    found = targets_extract(text, plan_year=2025)
    assert [
        (t["comparator"], int(t["value"]), int(t["value_max"]) if t.get("value_max") else None) for t in found
    ] == expected


def test_the_measured_results_of_named_targets_are_no_targets():
    text = (
        "Kết quả thực hiện các chỉ tiêu về dịch vụ công trực tuyến của tỉnh tính đến ngày 30/6/2024 "
        "như sau: tỷ lệ hồ sơ trực tuyến đạt 51,2%, đứng thứ 20/63; thanh toán trực tuyến đạt 38,7%, "
        "đứng thứ 41/63."
    )
    assert targets_extract(text, plan_year=2024) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Phấn đấu hoàn thành các mục đích, yêu cầu đề ra trong kế hoạch cải cách hành chính của sở.", []),
        (
            "Nâng cao trách nhiệm của người đứng đầu, góp phần nâng cao Chỉ số SIPAS của tỉnh.",
            [("score", "above_baseline")],
        ),
        ("Nâng cao trách nhiệm của người đứng đầu, góp phần nâng cao chất lượng phục vụ.", []),
    ],
)
def test_purposes_named_and_indexes_to_raise(text, expected):
    assert [(t["measure"], t["comparator"]) for t in targets_extract(text, plan_year=2024)] == expected


# --- round 9's wordings, written otherwise ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Đổi mới phương thức điều hành, góp phần duy trì, nâng cao thứ hạng Chỉ số cải cách hành "
            "chính (PAR INDEX) và Chỉ số hài lòng của người dân (SIPAS) của huyện năm 2026.",
            [("PAR INDEX", "rank"), ("SIPAS", "rank")],
        ),
        ("Cải thiện toàn diện các chỉ số, nhất là Chỉ số PAPI, PCI.", [("PAPI", "score"), ("PCI", "score")]),
        # one index: the target reads as its clause
        (
            "Nâng cao chỉ số hài lòng của người dân; lấy người dân làm trung tâm.",
            [("Nâng cao chỉ số hài lòng của người dân; lấy người dân làm trung tâm", "score")],
        ),
    ],
)
def test_raising_named_indexes_is_a_better_than_last_year_target_each(text, expected):
    found = targets_extract(text, plan_year=2026)
    assert [(t["text"].split(" …")[0], t["measure"]) for t in found] == expected
    assert {(t["comparator"], t["baseline_year"]) for t in found} == {("above_baseline", 2025)}


@pytest.mark.parametrize(
    "text",
    [
        "UBND tỉnh vừa ban hành Kế hoạch nâng cao Chỉ số PAPI năm 2026.",
        "Triển khai các giải pháp cải cách, nâng cao Chỉ số năng lực cạnh tranh cấp tỉnh (PCI).",
        "Để nâng cao chỉ số cải cách hành chính, các sở cần rà soát quy trình nội bộ.",
        "Cải thiện các chỉ số thành phần điểm thấp của PAR INDEX.",
        "Chỉ số cải cách hành chính của sở đã được cải thiện rõ rệt.",
    ],
)
def test_a_plan_named_for_raising_an_index_or_a_means_to_it_is_no_target(text):
    assert targets_extract(text, plan_year=2026) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Năm 2027: 45 xã, phường.", [("count", ">=", 45)]),
        ("Năm 2025: 45 xã, phường.", []),
        ("Đến năm 2027, hoàn thành chuyển đổi số tại 8 huyện, thị xã.", [("count", ">=", 8)]),
        (
            "Kế hoạch đã đặt ra 3 mục tiêu cụ thể (tỷ lệ hồ sơ trực tuyến đạt 30%; tỷ lệ thanh toán "
            "trực tuyến đạt trên 60%; tỷ lệ số hóa kết quả đạt tối thiểu 15%).",
            [("rate", ">=", 30), ("rate", ">", 60), ("rate", ">=", 15)],
        ),
        ("Chương trình có 7/9 chỉ tiêu đạt (tỷ lệ 77,8%), còn 2 chỉ tiêu chưa đạt.", []),
        ("Tỷ trọng kinh tế số ước đạt hơn 6% GRDP.", []),
    ],
)
def test_yearly_quotas_counts_where_something_is_finished_and_targets_in_brackets(text, expected):
    found = targets_extract(text, plan_year=2026)
    assert [(t["measure"], t["comparator"], int(t["value"])) for t in found] == [
        (m, c, v) for m, c, v in expected
    ] or [(t["comparator"], int(t["value"])) for t in found] == [(c, v) for _m, c, v in expected]


@pytest.mark.parametrize(
    "text",
    [
        "Sau nhiều năm nằm ngoài top 20, tỉnh đã trở lại nhóm đầu cả nước.",
        "Năm nay tỉnh đã trở lại top 5 cả nước về chỉ số này.",
        "Các địa phương trong Top 10 của PAPI 2024 là: Quảng Ninh, Bến Tre, Đồng Tháp.",
        "Hồ sơ trực tuyến đạt 88% (tăng 12% so với cùng kỳ năm 2025).",
        "Tỷ lệ hồ sơ đúng hạn đạt 97% (tăng 5% so với năm 2023).",
    ],
)
def test_places_reached_and_changes_noted_beside_a_figure_are_no_targets(text):
    assert targets_extract(text, plan_year=2026) == []


# --- round 10's wordings, written otherwise ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đến năm 2030, tỷ trọng kinh tế số chiếm 25% GRDP.", [(">=", 25)]),
        ("Theo nghị quyết, kinh tế số sẽ chiếm 15% GRDP của tỉnh.", [(">=", 15)]),
        ("Năm 2024, kinh tế số chiếm 12% GRDP.", []),
        ("Kinh tế số chiếm 12% GRDP của tỉnh.", []),
        ("Tỉnh có hơn 20% dân số là người cao tuổi.", []),
        ("Tỷ lệ phủ sóng đạt 99,5%, là những con số đáng ghi nhận.", []),
        ("Hạ tầng số đạt bước tiến lớn với 100% xã có cáp quang.", []),
        ("Huyện A thực hiện hơn 5.000 tài khoản, huyện B hơn 3.000 tài khoản.", []),
    ],
)
def test_shares_of_the_economy_aimed_at_and_figures_reported(text, expected):
    assert [(t["comparator"], int(t["value"])) for t in targets_extract(text, plan_year=2026)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hiện nay mới đạt 40% so với chỉ tiêu 52.000 tài khoản phải hoàn thành trước ngày 30/6/2026.",
            [("count", ">=", 52000, "2026-06-30")],
        ),
        ("Các đơn vị nỗ lực để hoàn thành chỉ tiêu hơn 90.000 tài khoản.", [("count", ">", 90000, None)]),
        (
            "Tỉnh phát động đợt thi đua, đặt mục tiêu hoàn thành 50 tiêu chí trước ngày 31/12/2026.",
            [("count", ">=", 50, "2026-12-31")],
        ),
        (
            "Giám đốc yêu cầu các phòng chủ trì, đảm bảo hoàn thành chỉ tiêu cấp căn cước cho học sinh "
            "trên địa bàn các huyện, thị xã trước ngày 15/8/2026.",
            [("milestone", "done", None, "2026-08-15")],
        ),
        ("Với mục tiêu đạt vị trí 10 - 15 trên toàn quốc về Chỉ số PCI.", [("rank", "between", 10, None)]),
        ("Nâng cao tỷ lệ hồ sơ nộp trực tuyến trên địa bàn.", [("percent", "above_baseline", None, None)]),
    ],
)
def test_quotas_counts_milestones_bands_and_raised_rates(text, expected):
    found = targets_extract(text, plan_year=2026)
    assert [
        (t["measure"], t["comparator"], int(t["value"]) if t["value"] is not None else None, t["due_date"])
        for t in found
    ] == expected


def test_the_communes_as_the_subject_of_thresholds_give_the_commune_level():
    found = targets_extract(
        "Giao chỉ tiêu cụ thể: các xã, phường tiếp nhận tối thiểu 50% hồ sơ trực tuyến, trong đó ít "
        "nhất 15% được thực hiện toàn trình.",
        plan_year=2026,
    )
    assert [{k: int(v) for k, v in t["levels"].items()} for t in found] == [{"xa": 50}, {"xa": 15}]
    # a place, not the subject
    found = targets_extract("Phủ sóng di động tại các xã, phường đạt 100%.", plan_year=2026)
    assert [t["levels"] for t in found] == [None]


# --- round 11's wordings, written otherwise ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tỷ lệ doanh nghiệp dùng hóa đơn điện tử đạt tối thiểu 15% (đến năm 2030 đạt tối thiểu 25%).",
            [(">=", 15, None), (">=", 25, None)],
        ),
        ("Tỷ lệ hồ sơ trực tuyến đạt tối thiểu 60% (năm 2024 đạt 41%).", [(">=", 60, None)]),
        ("Đến 2030: Kinh tế số chiếm 30% GRDP của tỉnh", [(">=", 30, None)]),
        (
            "UBND tỉnh đã ban hành Kế hoạch số 12/KH-UBND về kinh tế số trong các ngành, góp phần đạt "
            "mục tiêu tỷ trọng kinh tế số chiếm 30% GRDP.",
            [(">=", 30, None)],
        ),
        ("Năm 2026, tỉnh phấn đấu tăng hạng chỉ số PAPI từ 3-4 bậc", [("improve_by", 3, 4)]),
        ("Chỉ số DTI tăng dần (ít nhất 2-3 bậc) theo từng năm.", [("improve_by", 2, 3)]),
        ("Phấn đấu trở thành 1 trong 10 địa phương dẫn đầu cả nước về chỉ số SIPAS.", [("<=", 10, None)]),
        ("Tỉnh chưa được vào danh sách Top 20 của bảng xếp hạng.", []),
        ("Du lịch là ngành có đóng góp lớn vào GRDP với tỉ trọng 12%.", []),
        ("Tuy nhiên, chỉ mới có 1.200 tài khoản được kích hoạt, đạt tỉ lệ 15,2%.", []),
    ],
)
def test_later_years_in_brackets_places_gained_and_shares_reported(text, expected):
    found = targets_extract(text, plan_year=2026)
    assert [
        (t["comparator"], int(t["value"]), int(t["value_max"]) if t["value_max"] is not None else None)
        for t in found
    ] == expected


# --- round 12's wordings, written otherwise ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Năm 2026, huyện xây dựng ít nhất 4 mô hình xã thông minh.", [("count", ">=", 4)]),
        (
            "Theo lộ trình, toàn huyện phải có 10 xã hoàn thành chuyển đổi số, đến năm 2027 sẽ hoàn "
            "thành 5 xã còn lại.",
            [("count", ">=", 10), ("count", ">=", 5)],
        ),
        (
            "Theo kế hoạch, đến năm 2027 các xã trong toàn tỉnh sẽ phải hoàn thành chuyển đổi số.",
            [("milestone", "done", None)],
        ),
        (
            "Lãnh đạo tỉnh yêu cầu các sở tiếp tục cải thiện PAPI và SIPAS năm 2026.",
            [("score", "above_baseline", None), ("score", "above_baseline", None)],
        ),
        ("Khen thưởng cá nhân có thành tích trong việc cải thiện chỉ số PCI của tỉnh.", []),
        ("Khắc phục những hạn chế và cải thiện SIPAS; trọng tâm là thái độ phục vụ.", []),
        ("Tỉnh đã đạt tỷ lệ văn bản điện tử hơn 95%; trên 90% văn bản được ký số.", []),
        ("Chỉ số của tỉnh đạt 78,4/100 điểm, tăng 10,2 điểm so với năm 2024.", []),
        ("Các xã phấn đấu hoàn thành 100% chỉ tiêu chuyển đổi số ngay trong năm 2025.", []),
    ],
)
def test_commitments_of_districts_indexes_raised_and_what_was_reached(text, expected):
    found = targets_extract(text, plan_year=2026)
    assert [
        (t["measure"], t["comparator"], int(t["value"]) if t["value"] is not None else None) for t in found
    ] == expected


# --- round 13's wordings, written otherwise ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Giai đoạn 2 hoàn thành trong quý 3-2027.", [("milestone", None, "2027-09-30")]),
        (
            "Chiến dịch chia hai giai đoạn: Giai đoạn 1 (hoàn thành trong quý I/2027): tập trung hạ tầng.",
            [("milestone", None, "2027-03-31")],
        ),
        (
            "Giai đoạn đầu, dự kiến hoàn thành vào quý 2/2027, sẽ cấp tài khoản cho công dân.",
            [("milestone", None, "2027-06-30")],
        ),
        ("100% người dân sẽ có tài khoản định danh điện tử vào quý 4/2027.", [("rate", 100, "2027-12-31")]),
        ("Tỷ lệ hồ sơ trực tuyến đạt 91% (vượt chỉ tiêu của tỉnh là 70%).", []),
        ("Ông A cho biết: Hiện nay, 100% hồ sơ được giải quyết đúng hạn; 100% cán bộ dùng chữ ký số.", []),
    ],
)
def test_phases_finished_by_a_quarter_and_figures_reported(text, expected):
    found = targets_extract(text, plan_year=2027)
    assert [
        (t["measure"], int(t["value"]) if t["value"] is not None else None, t["due_date"]) for t in found
    ] == expected


# --- round 14's wordings, written otherwise ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Các sở phải hoàn thành phương án cắt giảm thủ tục hành chính trước ngày 15/8.",
            [("milestone", None, "2026-08-15")],
        ),
        (
            "Đây là nhiệm vụ cấp bách, các đơn vị phải hoàn thành báo cáo chậm nhất trong ngày 20/11.",
            [("milestone", None, "2026-11-20")],
        ),
        (
            "Hạ tầng cáp quang phủ trên 90% hộ gia đình; toàn tỉnh không còn vùng lõm sóng di động.",
            [("rate", 90, None), ("milestone", None, None)],
        ),
        ("Đến nay, toàn tỉnh không còn hồ sơ tồn đọng.", []),
    ],
)
def test_finished_by_a_day_and_none_left(text, expected):
    found = targets_extract(text, plan_year=2026)
    assert [
        (t["measure"], int(t["value"]) if t["value"] is not None else None, t["due_date"]) for t in found
    ] == expected


# --- round 15's wordings, written otherwise ---------------------------------------------------


def _read(text: str, year: int = 2026) -> list[tuple]:
    return [
        (t["measure"], t["comparator"], None if t["value"] is None else float(t["value"]), t["baseline_year"])
        for t in targets_extract(text, plan_year=year)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the result of an index raised, with no number: each index above the start of the year
        (
            "Nâng cao kết quả Chỉ số SIPAS và PAR INDEX của tỉnh.",
            [("score", "above_baseline", None, 2025)] * 2,
        ),
        # a span of years dates the raising, it is no figure
        (
            "Nâng cao Chỉ số PCI giai đoạn 2026 - 2030 là nhiệm vụ trọng tâm của tỉnh.",
            [("score", "above_baseline", None, 2025)],
        ),
        # score and rank of the indexes named before "các chỉ số này"
        (
            "Kết quả SIPAS và PAR INDEX của thành phố còn thấp, nên thành phố xác định nâng cao điểm "
            "số và thứ hạng của các chỉ số này.",
            [("score", "above_baseline", None, 2025), ("rank", "above_baseline", None, 2025)] * 2,
        ),
        # a place among the provinces with the highest indexes: one for each index named
        (
            "Phấn đấu đưa thành phố vào nhóm 5 tỉnh, thành phố có các chỉ số SIPAS, PCI và DTI cao "
            "nhất cả nước.",
            [("rank", "<=", 5.0, None)] * 3,
        ),
        (
            "Phấn đấu đưa tỉnh vào nhóm 20 địa phương có chỉ số PCI cao nhất cả nước.",
            [("rank", "<=", 20.0, None)],
        ),
        # a floor to the hundredth is aimed at; a score to the hundredth reached is a result
        ("Chỉ số “Chi phí không chính thức” đạt tối thiểu 6,25 điểm.", [("score", ">=", 6.25, None)]),
        ("Năm 2025, Chỉ số PCI của tỉnh đạt 65,87 điểm.", []),
        # the "đã" tells what is counted; the floors are aimed at
        (
            "Giao chỉ tiêu tỷ lệ hồ sơ của các thủ tục hành chính đã triển khai dịch vụ công trực "
            "tuyến, theo đó năm 2026 đạt tối thiểu 50%, năm 2027 đạt tối thiểu 60%.",
            [("rate", ">=", 50.0, None), ("rate", ">=", 60.0, None)],
        ),
        ("Quảng Ngãi đã đạt tỷ lệ hồ sơ trực tuyến hơn 99%.", []),
        # a share to grow, with no amount, where an aim governs
        (
            "Phấn đấu đến năm 2030, thương mại điện tử chiếm tỷ trọng ngày càng lớn trong tổng mức bán lẻ.",
            [("percent", "above_baseline", None, 2025)],
        ),
        ("Năm 2025, kinh tế số chiếm tỷ trọng ngày càng cao trong GRDP của tỉnh.", []),
    ],
)
def test_indexes_raised_places_shared_and_floors_aimed_at(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a year's results as a review gives them
        ("Thu ngân sách đạt hơn 12.000 tỉ đồng, vượt 15,2% dự toán.", []),
        ("Tỷ lệ giải ngân đạt 95,1%, đưa tỉnh vào nhóm 10 địa phương dẫn đầu.", []),
        ("Đây là lần đầu tiên tỉnh được vào top 20 PCI.", []),
        ("Đạt trên 95% gồm các sở: Tư pháp; Y tế.", []),
        ("Phấn đấu thu ngân sách vượt 10% dự toán được giao.", [("percent", ">", 10.0, None)]),
        # the purpose of what the sentence reports
        ("Để phấn đấu hoàn thành vượt các chỉ tiêu được giao, các xã tập trung chỉ đạo.", []),
        ("Phấn đấu hoàn thành và vượt các chỉ tiêu kế hoạch năm 2026.", [("percent", ">=", 100.0, None)]),
    ],
)
def test_a_review_s_results_and_a_purpose_state_no_target(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a plan's own figures, worded as a review might word its results (read as aims)
        (
            "Năm 2026, thu ngân sách nhà nước trên địa bàn vượt 5% dự toán Trung ương giao.",
            [("percent", ">", 5.0, None)],
        ),
        (
            "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính đạt 100%, đưa vào khai thác, sử dụng lại.",
            [("rate", ">=", 100.0, None)],
        ),
        (
            "Tỷ lệ thanh toán trực tuyến: đạt 60% gồm các sở, ngành; đạt 40% gồm các xã, phường.",
            [("rate", ">=", 60.0, None), ("rate", ">=", 40.0, None)],
        ),
        (
            "Năm 2026, lần đầu tiên tổ chức khảo sát SIPAS trực tuyến tại 100% xã, phường.",
            [("percent", "=", 100.0, None)],
        ),
        # "đã" that tells what was done, before a floor
        ("Qua kiểm tra, các cơ quan đã cắt giảm tối thiểu 20% thời gian giải quyết thủ tục hành chính.", []),
        ("Các cơ quan đã thực hiện số hóa tối thiểu 70% kết quả giải quyết thủ tục hành chính.", []),
        # a growing share with no aim before it, or with the figure aimed at beside it
        ("Kinh tế số chiếm tỷ trọng ngày càng cao trong GRDP, góp phần bảo đảm tăng trưởng bền vững.", []),
        (
            "Kinh tế số chiếm tỷ trọng ngày càng cao, phấn đấu đến năm 2030 đạt 30% GRDP.",
            [("percent", ">=", 30.0, None)],
        ),
        # scores to the hundredth that are no floor: a starting score, a range of results
        ("Phấn đấu Chỉ số PAR INDEX tăng từ 85,37 điểm năm 2025 lên 87 điểm năm 2026.", []),
        ("Điểm của 10 chỉ số thành phần PCI dao động từ 5,25 điểm đến 8,90 điểm.", []),
        # "xác định" reported, denied, or after a clause with its own figure
        ("Hội nghị đã xác định các giải pháp nâng cao điểm số, thứ hạng Chỉ số PCI của tỉnh.", []),
        (
            "Mặc dù PAR INDEX tăng bậc nhưng SIPAS và PAPI đều giảm; các sở, ngành chưa xác định nâng "
            "cao điểm số, thứ hạng của các chỉ số này.",
            [],
        ),
        (
            "Đối với Chỉ số PCI, tỉnh tiếp tục duy trì vị trí trong nhóm 10 cả nước; đối với các Chỉ số "
            "PAR INDEX, SIPAS, tỉnh xác định nâng cao điểm số, cải thiện vị trí xếp hạng của các chỉ số này.",
            [("rank", "<=", 10.0, None)],
        ),
        # a raising done, not done, or of a period already over
        ("Các sở, ngành đã tập trung cải thiện kết quả Chỉ số PAR INDEX năm 2025.", []),
        ("Một số cơ quan chưa thực sự quan tâm nâng cao kết quả Chỉ số SIPAS tại đơn vị mình.", []),
        ("Năm 2025, tỉnh tiếp tục cải thiện kết quả Chỉ số SIPAS, được Bộ Nội vụ ghi nhận.", []),
        ("Tỉnh đã tập trung nâng cao Chỉ số PCI trong giai đoạn 2021 - 2025.", []),
        ("Kết quả cải thiện Chỉ số PAR INDEX, Chỉ số SIPAS giai đoạn 2021 - 2025 của tỉnh.", []),
        # the year a raising is against, where it names one
        (
            "Cải thiện kết quả Chỉ số PAR INDEX, SIPAS năm 2026 so với năm 2024.",
            [("score", "above_baseline", None, 2024)] * 2,
        ),
        # the purpose of what the sentence reports, after "Nhằm"
        ("Nhằm hoàn thành và vượt các chỉ tiêu kế hoạch năm 2026, các sở tập trung chỉ đạo.", []),
    ],
)
def test_the_round_15_readings_stay_within_their_wordings(text, expected):
    """A second reader's sentences near the round 15 wordings: each read as the engine before
    them read it (the first eight), or as an officer would where the engine misread it."""
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a change by at least an amount: "tăng / giảm từ N … trở lên"
        (
            "Chỉ số SIPAS tăng từ 2 điểm trở lên so với năm 2025.",
            [("score", "improve_by", 2.0, 2025)],
        ),
        (
            "Chi phí tuân thủ thủ tục hành chính giảm từ 10% trở lên so với năm 2025.",
            [("percent", "improve_by", 10.0, 2025)],
        ),
        ("Tỷ lệ hồ sơ trực tuyến đạt từ 80% trở lên.", [("rate", ">=", 80.0, None)]),
        # from where it starts to the figure aimed at: the figure after "lên" / "xuống còn"
        (
            "Phấn đấu Chỉ số PAR INDEX tăng từ 85 điểm năm 2025 lên 87 điểm năm 2026.",
            [("score", ">=", 87.0, None)],
        ),
        (
            "Tỷ lệ hồ sơ trực tuyến tăng từ 60% năm 2025 lên 80% năm 2026.",
            [("rate", ">=", 80.0, None)],
        ),
        ("Năm 2025, tỷ lệ hồ sơ trực tuyến tăng từ 60% lên 80%.", []),  # that year's result
    ],
)
def test_a_change_from_a_start_or_by_at_least_an_amount(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a yearly average growth ("tăng bình quân N%") is a rate reached, as "tăng bình quân từ N%"
        # and "tăng bình quân trên N%/năm" are; "tăng tối thiểu N%" stays a change by N
        (
            "Phấn đấu giá trị tăng thêm của kinh tế số hằng năm tăng bình quân 12%.",
            [("rate", ">=", 12.0, None)],
        ),
        ("Tổng mức bán lẻ trực tuyến tăng bình quân 15% mỗi năm.", [("rate", ">=", 15.0, None)]),
        ("Năng suất lao động hằng năm tăng tối thiểu 6%.", [("percent", "improve_by", 6.0, None)]),
        ("Chỉ số PAR INDEX tăng bình quân 2 điểm mỗi năm.", [("score", "improve_by", 2.0, None)]),
        # a target set ("đã đặt (ra) mục tiêu"), not a result reached ("đã đạt mục tiêu")
        (
            "Thành phố đã đặt mục tiêu đến năm 2026 tỷ lệ hồ sơ xử lý trực tuyến toàn trình đạt 70%.",
            [("rate", ">=", 70.0, None)],
        ),
        (
            "Huyện đã đặt ra mục tiêu năm 2026 có Chỉ số SIPAS thuộc nhóm 5 đơn vị dẫn đầu tỉnh.",
            [("rank", "<=", 5.0, None)],
        ),
        ("Năm 2025, huyện đã đạt mục tiêu tỷ lệ hồ sơ trực tuyến đạt 70%.", []),
        # a plan's count of places: a year's quota "năm X có N … được …", a roadmap "sẽ triển khai
        # trên địa bàn / tại N …"
        (
            "Theo kế hoạch, năm 2026 có 20 xã được triển khai mô hình chính quyền số.",
            [("count", ">=", 20.0, None)],
        ),
        ("Giai đoạn 2026-2030, tỉnh sẽ triển khai tại 60 xã, phường.", [("count", ">=", 60.0, None)]),
        ("Năm 2024 có 12 xã được công nhận đạt chuẩn chuyển đổi số.", []),  # a year before the plan's
        ("Năm 2026 có 30 xã chưa được công nhận đạt chuẩn chuyển đổi số.", []),  # not yet: no quota
        # the indexes of a plan's title ("ban hành Kế hoạch nâng cao Chỉ số …") are not what the
        # raising before it ("nâng cao các chỉ số này") names
        (
            "Để cải thiện những chỉ số còn thấp và nâng cao các chỉ số này, UBND huyện ban hành Kế hoạch "
            "nâng cao Chỉ số SIPAS và Chỉ số PCI năm 2026.",
            [],
        ),
        ("Nâng cao các chỉ số PAR INDEX và SIPAS của huyện.", [("score", "above_baseline", None, 2025)] * 2),
        # finishing the targets a day or a meeting serves ("nhằm …, hoàn thành các chỉ tiêu …"): the
        # purpose of what the sentence reports
        (
            "Hội nghị được tổ chức nhằm đánh giá kết quả, hoàn thành các chỉ tiêu, nhiệm vụ cải cách "
            "hành chính của huyện.",
            [],
        ),
        # a thing to finish after "nhằm" stays a milestone
        (
            "Tổ chức hội nghị nhằm quán triệt kế hoạch, hoàn thành việc số hóa hồ sơ trước ngày 30/6/2026.",
            [("milestone", "done", None, None)],
        ),
    ],
)
def test_the_round_16_wordings(text, expected):
    """Wordings of the classes round 16 was misread on, in other sentences (none of the round's
    own): each as an officer would read it."""
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a share growing by N% a year grows by N points: a change, not a rate reached
        (
            "Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình tăng bình quân 10%/năm.",
            [("percent", "improve_by", 10.0, None)],
        ),
        (
            "Tỷ trọng kinh tế số trong GRDP của tỉnh tăng bình quân 1,5%/năm.",
            [("percent", "improve_by", 1.5, None)],
        ),
        # a report's counts of a year, not a plan's quota
        ("6 tháng đầu năm 2026 có 1.250 hồ sơ được giải quyết trước hạn.", []),
        ("Kết quả Chỉ số cải cách hành chính công bố năm 2026 có 3 xã được xếp loại Tốt.", []),
        ("Năm 2026 có 35 xã được giao chỉ tiêu nhưng chỉ 20 xã hoàn thành.", []),
        ("Trong năm 2026 có 8 xã không được bố trí kinh phí chuyển đổi số.", []),
        # a plan named among the indexes raised, not a plan issued with its own raising
        (
            "Nâng cao các chỉ số thuộc Kế hoạch cải thiện môi trường đầu tư, gồm PCI, PGI và DDCI.",
            [("score", "above_baseline", None, 2025)] * 3,
        ),
        (
            "Tiếp tục cải thiện các chỉ số PAR INDEX, SIPAS (theo Kế hoạch của UBND tỉnh), PAPI và PCI.",
            [("score", "above_baseline", None, 2025)] * 4,
        ),
        (
            "Tiếp tục nâng cao Chỉ số SIPAS, đồng thời triển khai Kế hoạch cải thiện Chỉ số PCI của tỉnh.",
            [("score", "above_baseline", None, 2025)],
        ),
        # finishing the targets by a deadline of its own, or after a purpose opening the sentence
        (
            "Triển khai các giải pháp nhằm nâng cao chất lượng dịch vụ công trực tuyến, đến hết năm 2026, "
            "hoàn thành các mục tiêu của Chương trình chuyển đổi số quốc gia.",
            [("milestone", "done", None, None)],
        ),
        (
            "Nhằm thực hiện thắng lợi Nghị quyết, hoàn thành các mục tiêu chuyển đổi số của tỉnh "
            "đến năm 2030.",
            [("milestone", "done", None, None)],
        ),
        # a result reached after the target set stays a result
        (
            "Tỉnh đã đặt mục tiêu tỷ lệ hồ sơ trực tuyến toàn trình đạt 60% và đến nay đã đạt 62%.",
            [("rate", ">=", 60.0, None)],
        ),
        (
            "Huyện đã đặt mục tiêu 100% xã đạt chuẩn chuyển đổi số và đã đạt 85% vào cuối năm 2025.",
            [("rate", "=", 100.0, None)],
        ),
    ],
)
def test_the_round_16_readings_stay_within_their_wordings(text, expected):
    """A second reader's sentences near the round 16 wordings, each read worse by the first cut
    of them (or, the PCI of a plan's title, by the engine before them too)."""
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a plan named in the bases by its title ("Kế hoạch … về (việc) … nâng cao tỷ lệ …") is no aim
        (
            "UBND phường ban hành Kế hoạch số: 07/KH-UBND ngày 03/01/2026 về việc nâng cao tỷ lệ thanh toán "
            "trực tuyến trên địa bàn tỉnh năm 2026;",
            [],
        ),
        (
            "Thực hiện Quyết định số 45/QĐ-UBND của UBND thành phố về tăng tỷ lệ hồ sơ trực tuyến, UBND "
            "phường xây dựng kế hoạch như sau:",
            [],
        ),
        (
            "Kế hoạch đặt mục tiêu nâng cao tỷ lệ hồ sơ trực tuyến toàn trình.",
            [("percent", "above_baseline", None, 2025)],
        ),
        # a standing an assessment gave, or the share a place has now
        ("Mới đây, Bộ Nội vụ đánh giá thành phố đứng vị trí 5/34 về Chỉ số PAR INDEX.", []),
        (
            "Phấn đấu Chỉ số PAR INDEX của tỉnh được đánh giá đứng trong nhóm 10 tỉnh dẫn đầu.",
            [("rank", "<=", 10.0, None)],
        ),
        ("Huyện hiện tỷ lệ 95% hồ sơ được giải quyết đúng hạn.", []),
        ("Phấn đấu thực hiện tỷ lệ 100% hồ sơ được số hóa.", [("rate", "=", 100.0, None)]),
    ],
)
def test_the_round_17_wordings(text, expected):
    """Wordings of the classes round 17 was misread on, in other sentences (none of the round's
    own): each as an officer would read it."""
    assert _read(text) == expected


def test_a_floor_at_a_level_after_the_body_of_that_level():
    """ "… đạt tối thiểu 90% tại UBND cấp huyện": the threshold of that level (round 17's "tại
    UBND cấp xã" was read without it)."""
    (target,) = targets_extract(
        "Tỷ lệ văn bản được ký số phải đạt tối thiểu 90% tại UBND cấp huyện.", plan_year=2026
    )
    assert (target["comparator"], {k: float(v) for k, v in target["levels"].items()}) == (
        ">=",
        {"huyen": 90.0},
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a result reached after the target set, after a comma or in a part of its own
        (
            "Năm 2026, Phòng đã đề ra mục tiêu 95% hồ sơ giải quyết đúng hạn, 6 tháng đầu năm đã đạt 93%.",
            [("rate", ">=", 95.0, None)],
        ),
        (
            "Huyện đã đặt mục tiêu năm 2026 có 60% thôn có tổ công nghệ số, trong năm 2025 đã có 40% "
            "thôn có.",
            [("rate", ">=", 60.0, None)],
        ),
        # a document's number after a raising is no figure of it
        (
            "Phấn đấu nâng cao Chỉ số PCI theo Quyết định số 120/QĐ-UBND của UBND tỉnh.",
            [("score", "above_baseline", None, 2025)],
        ),
        # the year's tasks finished as a whole after "nhằm" (no deadline of their own): a purpose;
        # with a deadline of their own, a milestone
        ("Ban Chỉ đạo họp định kỳ nhằm đôn đốc, hoàn thành các nhiệm vụ cải cách hành chính năm 2026.", []),
        (
            "Nhằm nâng cao chất lượng phục vụ, hoàn thành các mục tiêu cải cách hành chính trước ngày "
            "30/11/2026.",
            [("milestone", "done", None, None)],
        ),
    ],
)
def test_wordings_a_second_reader_found_wrong_before_and_after_round_16(text, expected):
    """Classes the round 16 reviewer found read wrongly by the engine both before and after that
    round's change, in other sentences."""
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place aimed at for a city whose name folds like "đã" ("Đà Nẵng")
        (
            "Phấn đấu đưa Đà Nẵng thuộc nhóm 5 địa phương dẫn đầu về Chỉ số SIPAS.",
            [("rank", "<=", 5.0, None)],
        ),
        # what a meeting did ("đã kết thúc, hoàn thành …"), where a place always stood, a place held
        ("Hội nghị đã kết thúc, hoàn thành chương trình đề ra.", []),
        ("Tỉnh luôn nằm trong nhóm 10 tỉnh dẫn đầu về Chỉ số PAR INDEX.", []),
        ("Phấn đấu luôn nằm trong nhóm 10 tỉnh dẫn đầu về Chỉ số PAR INDEX.", [("rank", "<=", 10.0, None)]),
        ("Thành phố tiếp tục xếp vị trí thứ 8/34 về Chỉ số PAR INDEX.", []),
        # a share to the hundredth with no aim stated: measured ("trở lên" rates what was done)
        ("Hằng năm có 96,35% cán bộ, công chức được đánh giá hoàn thành tốt nhiệm vụ trở lên.", []),
        ("Phấn đấu tỷ lệ hài lòng đạt tối thiểu 92,50%.", [("percent", ">=", 92.5, None)]),
        # the share a report measures against, beside what was reached
        ("Tỷ lệ thanh toán trực tuyến đạt 40% (mục tiêu 50%).", [("rate", ">=", 50.0, None)]),
        (
            "Năm 2025 tỷ lệ số hóa chỉ đạt 62,5%, trong khi mục tiêu đề ra là 80%.",
            [("rate", ">=", 80.0, None)],
        ),
    ],
)
def test_the_round_18_wordings(text, expected):
    """Wordings of the classes round 18 was misread on, in other sentences (none of the round's
    own): each as an officer would read it."""
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a figure right after "hằng năm" / "mỗi năm" is a yearly change, not a year's number
        ("Doanh thu thương mại điện tử tăng hằng năm 15%.", [("percent", "improve_by", 15.0, None)]),
        ("Số doanh nghiệp công nghệ số tăng bình quân mỗi năm 12%.", [("rate", ">=", 12.0, None)]),
        ("Trong năm 2025, tỷ lệ số hóa tăng 12%.", []),  # a year's result stays one
    ],
)
def test_a_figure_after_each_year(text, expected):
    """ "tăng bình quân hằng năm 5%" was read as nothing (a figure after "năm" taken for a year's
    number; found by the round 16 reviewer, wrong before and after that round)."""
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # reductions by an amount listed after "ít nhất:", and said in the passive
        (
            "Phấn đấu năm 2026 giảm ít nhất: 20% thời gian giải quyết hồ sơ, 15% chi phí đi lại.",
            [("percent", "improve_by", 20.0, None), ("percent", "improve_by", 15.0, None)],
        ),
        (
            "Ít nhất 25% giấy tờ công dân được cắt giảm so với năm 2024.",
            [("percent", "improve_by", 25.0, 2024)],
        ),
        (
            "30% thời gian giải quyết thủ tục hành chính được rút ngắn.",
            [("percent", "improve_by", 30.0, None)],
        ),
        # shares of procedures, not reductions: all of them cut, something done to them, or a
        # verb between (a second reader found these read as reductions by the first version)
        (
            "Phấn đấu 100% thủ tục hành chính đủ điều kiện được cắt giảm, đơn giản hóa theo Nghị quyết 66.",
            [("rate", "=", 100.0, None)],
        ),
        ("Ít nhất 50% thủ tục hành chính được rút ngắn thời gian giải quyết.", [("rate", ">=", 50.0, None)]),
        (
            "80% thủ tục hành chính được tiếp nhận trực tuyến để người dân được giảm chi phí đi lại.",
            [("rate", ">=", 80.0, None)],
        ),
        # a colon after a word of change is a heading, but after "ít nhất" / "tối thiểu"
        ("Kết quả cắt giảm: 45 thủ tục hành chính.", []),
        ("Tỷ trọng giá trị gia tăng: 20% GRDP.", [("percent", ">=", 20.0, None)]),
        # a named index's place to improve, worded "vị trí xếp hạng" / "thứ hạng vị trí"
        (
            "Nâng cao vị trí xếp hạng Chỉ số hài lòng (SIPAS) của tỉnh.",
            [("rank", "above_baseline", None, 2025)],
        ),
        ("Cải thiện thứ hạng vị trí Chỉ số PAR INDEX của tỉnh.", [("rank", "above_baseline", None, 2025)]),
        # "mới đạt" after a word saying "only so far" reports a result; a compound ending in
        # "mới" does not ("xã nông thôn mới", "thành lập mới")
        ("Hầu hết các xã mới đạt 60% hồ sơ trực tuyến.", []),
        ("Năm 2026, 90% xã nông thôn mới đạt chuẩn.", [("rate", ">=", 90.0, None)]),
        ("Số doanh nghiệp thành lập mới đạt 1.500 doanh nghiệp.", [("count", ">=", 1500.0, None)]),
        # dossiers counted with the share they make: a result
        ("Trong quý I, 12.345 hồ sơ giải quyết đúng hạn đạt 98,5%.", []),
    ],
)
def test_the_round_19_wordings(text, expected):
    """Wordings of the classes round 19 was misread on, in other sentences (none of the round's
    own), and the neighbours a second reader found the first version of the rules misreading:
    each as an officer would read it."""
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the share a report measures against, "so với mục tiêu 70%"; not one passed, and not
        # where the sentence is a plan's own aim
        (
            "Tỷ lệ thanh toán trực tuyến cả nước mới chỉ đạt 41,2%, còn xa so với mục tiêu 70% đặt ra.",
            [("rate", ">=", 70.0, None)],
        ),
        ("Tỷ lệ hồ sơ trực tuyến mới chỉ đạt 95%, vượt xa so với mục tiêu 80% đề ra.", []),
        (
            "Phấn đấu tỷ lệ hồ sơ trực tuyến đạt 60% trở lên (so với mục tiêu 50% tại Quyết định 06).",
            [("rate", ">=", 60.0, None)],
        ),
        # how much of the work is done so far, the country's provinces that reached a result, a
        # band of a published ranking, a figure conceded: results, where no aim governs
        ("Chính phủ cơ bản đạt các mục tiêu nền tảng, hoàn thành hơn một nửa số nhiệm vụ.", []),
        (
            "Phấn đấu 6 tháng đầu năm hoàn thành được một nửa số chỉ tiêu, cả năm đạt 100% chỉ tiêu.",
            [("percent", ">=", 100.0, None)],
        ),
        ("45/63 tỉnh đạt kết quả Chỉ số hài lòng trên 85%.", []),
        ("Đến năm 2026, Chỉ số PAR INDEX của tỉnh xếp 20/63 tỉnh, thành phố.", [("rank", "<=", 20.0, None)]),
        (
            "Đến năm 2026, 34/34 tỉnh, thành phố đạt tỷ lệ hồ sơ trực tuyến toàn trình 80%.",
            [("rate", ">=", 80.0, None)],
        ),
        ("Nhóm B, đạt kết quả từ 80% đến dưới 90%, gồm 40 tỉnh, thành phố.", []),
        (
            "Nhóm A, gồm 10 sở có nhiều hồ sơ, phấn đấu tỷ lệ hồ sơ trực tuyến đạt từ 60% trở lên.",
            [("rate", ">=", 60.0, None)],
        ),
        ("Mặc dù tỷ lệ hồ sơ trực tuyến toàn trình đạt 45%, nhưng vẫn còn thấp so với yêu cầu.", []),
        (
            "Mặc dù đạt được nhiều kết quả, tỉnh tiếp tục phấn đấu tỷ lệ thanh toán trực tuyến đạt 60%.",
            [("rate", ">=", 60.0, None)],
        ),
        # counts in millions; money is no count, and a count conceded is reached
        (
            "Đến năm 2026, phải có 5 triệu tài khoản định danh điện tử được kích hoạt.",
            [("count", ">=", 5_000_000.0, None)],
        ),
        (
            "Mục tiêu là đến năm 2026, tỉnh phải cấp 1,5 triệu tài khoản định danh điện tử.",
            [("count", ">=", 1_500_000.0, None)],
        ),
        ("Phấn đấu có 40 triệu đồng vốn hỗ trợ chuyển đổi số.", []),
        ("Mặc dù đạt 2 triệu lượt truy cập, Cổng thông tin vẫn chưa đáp ứng yêu cầu.", []),
        # "phải cấp" accounts, not a pace worked out nor a time limit
        ("Bình quân mỗi ngày, tỉnh phải cấp 3.000 tài khoản định danh điện tử.", []),
        ("Giấy phép phải cấp 05 ngày làm việc kể từ ngày nhận đủ hồ sơ.", []),
        # texts to amend, services to provide, led by a directive's verbs; not tasks, points,
        # posts, nor what a report says was organised
        ("Sửa đổi, bổ sung 15 văn bản quy phạm pháp luật trong năm 2026.", [("count", ">=", 15.0, None)]),
        (
            "Đồng thời, cung cấp 30 dịch vụ công trực tuyến toàn trình trên Cổng Dịch vụ công của tỉnh.",
            [("count", ">=", 30.0, None)],
        ),
        (
            "Các bộ, ngành, địa phương tập trung sửa đổi, bổ sung 40 văn bản quy phạm pháp luật.",
            [("count", ">=", 40.0, None)],
        ),
        ("Bổ sung 02 nhiệm vụ vào Phụ lục kèm theo Kế hoạch số 123/KH-UBND.", []),
        ("Sửa đổi 02 điểm tại khoản 2 Điều 3 Quyết định số 15/2024/QĐ-UBND.", []),
        ("Đồng thời, tổ chức 15 cuộc kiểm tra công tác cải cách hành chính.", []),
        ("Kế hoạch năm 2026 của thành phố tập trung triển khai 92 nhiệm vụ cụ thể.", []),
    ],
)
def test_the_round_20_wordings(text, expected):
    """Wordings of the classes round 20 was misread on, in other sentences (none of the round's
    own), and the neighbours a second reader found the first version of the rules misreading:
    each as an officer would read it."""
    assert _read(text) == expected


def test_a_state_aimed_at_for_all_of_a_thing_from_a_day():
    """ "đặt mục tiêu … toàn bộ …" is a milestone, and "từ ngày 1/7 sẽ …" its day (round 20;
    round 14's "TPHCM đặt mục tiêu từ ngày 1/10 sẽ tiếp nhận toàn bộ thủ tục hành chính …" was
    read as nothing); a target that is not a milestone, or has its own deadline, keeps it."""

    def read(text):
        return [(t["measure"], t["due_date"]) for t in targets_extract(text, plan_year=2026)]

    assert read("UBND tỉnh đặt mục tiêu từ ngày 1/7 sẽ số hóa toàn bộ hồ sơ đất đai.") == [
        ("milestone", "2026-07-01")
    ]
    assert read(
        "Đến năm 2026, kế hoạch đặt ra mục tiêu cung cấp dịch vụ công trực tuyến đối với toàn bộ "
        "thủ tục hành chính."
    ) == [("milestone", None)]
    # "từ ngày" without "sẽ" starts an activity
    assert read("UBND tỉnh đặt mục tiêu từ ngày 1/7 triển khai số hóa toàn bộ hồ sơ đất đai.") == [
        ("milestone", None)
    ]
    assert read("Từ ngày 1/7 sẽ thí điểm tại 5 xã, số hóa 100% hồ sơ đất đai trước ngày 31/12/2026.") == [
        ("rate", "2026-12-31")
    ]
    assert read("Từ ngày 01/01/2026 sẽ thực hiện số hóa 100% hồ sơ đất đai.") == [("rate", None)]
    # read unfolded: reached ("đạt"), a purpose ("Để"), not reached, an earlier year's aim, a
    # task going on
    for text in (
        "Năm 2025, tỉnh đã đạt mục tiêu số hóa toàn bộ hồ sơ hộ tịch.",
        "Để mục tiêu số hóa toàn bộ hồ sơ đất đai sớm trở thành hiện thực, các sở cần vào cuộc.",
        "Nhiều địa phương không đạt mục tiêu kết nối toàn bộ hệ thống.",
        "Kế hoạch năm 2025 đặt ra mục tiêu số hóa toàn bộ hồ sơ hộ tịch, nay tiếp tục thực hiện.",
        "Kế hoạch đề ra mục tiêu tiếp tục rà soát toàn bộ thủ tục hành chính.",
        "Kế hoạch đặt mục tiêu nâng cao nhận thức của toàn bộ cán bộ, công chức.",
    ):
        assert read(text) == [], text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a cut of 100% of things is all of them, a share; an amount cut entirely, or a cut
        # against anything, stays a change
        (
            "Cắt giảm 100% giấy tờ không cần thiết trong hồ sơ đăng ký kinh doanh.",
            [("rate", "=", 100.0, None)],
        ),
        ("Cắt giảm 100% chi phí tuân thủ so với năm 2024.", [("percent", "improve_by", 100.0, 2024)]),
        (
            "Giảm 100% phí, lệ phí cấp bản sao trích lục hộ tịch khi thực hiện trực tuyến.",
            [("percent", "improve_by", 100.0, None)],
        ),
        ("Giảm 100% thủ tục giấy so với giai đoạn 2021-2025.", [("percent", "improve_by", 100.0, None)]),
        (
            "Cắt giảm 100% điều kiện kinh doanh không cần thiết; giảm 30% thời gian so với năm 2024.",
            [("rate", "=", 100.0, None), ("percent", "improve_by", 30.0, 2024)],
        ),
        (
            "Cắt giảm ít nhất 30% điều kiện kinh doanh không cần thiết.",
            [("percent", "improve_by", 30.0, None)],
        ),
        # all of a thing by a year, to come ("sẽ", "được"); not what was done, nor an earlier year's
        (
            "Đến năm 2030, toàn bộ hồ sơ công việc sẽ được xử lý trên môi trường điện tử.",
            [("milestone", "done", None, None)],
        ),
        (
            "Đến năm 2030, toàn bộ hồ sơ công việc được xử lý trên môi trường mạng.",
            [("milestone", "done", None, None)],
        ),
        ("Đến năm 2026, toàn bộ hồ sơ công việc đã được xử lý trên môi trường điện tử.", []),
        ("Đến hết năm 2025, toàn bộ hồ sơ đã được số hóa, trong năm 2026 sẽ kết nối cơ sở dữ liệu.", []),
        ("Theo lộ trình, đến hết năm 2024, toàn bộ hồ sơ đất đai sẽ được số hóa.", []),
        # a report's dossiers received, a share of a counted total of dossiers: results, where no
        # aim governs; a plan's phase window keeps its targets, and a plan's share of all procedures
        (
            "Từ ngày 1/1/2026 đến ngày 30/6/2026, tỉnh tiếp nhận trên 120.000 hồ sơ, "
            "trực tuyến chiếm trên 80%.",
            [],
        ),
        ("Toàn tỉnh đã tiếp nhận, giải quyết trên 791.000 hồ sơ; tỷ lệ hồ sơ trực tuyến đạt 65%.", []),
        ("Toàn tỉnh tiếp nhận trên 791 nghìn hồ sơ; tỷ lệ hồ sơ trực tuyến đạt 65%.", []),
        (
            "Từ ngày 01/7/2026 đến ngày 31/12/2026, 100% hồ sơ thủ tục hành chính được số hóa "
            "kết quả giải quyết.",
            [("rate", "=", 100.0, None)],
        ),
        ("Với tỷ lệ trực tuyến đạt 85% trên tổng số 50.000 hồ sơ, tỉnh dẫn đầu khu vực.", []),
        (
            "Phấn đấu tỷ lệ hồ sơ trực tuyến đạt 85% trên tổng số 50.000 hồ sơ tiếp nhận.",
            [("rate", ">=", 85.0, None)],
        ),
        (
            "Năm 2026, cung cấp 100% dịch vụ công trực tuyến toàn trình trên tổng số "
            "1.139 thủ tục hành chính.",
            [("rate", "=", 100.0, None)],
        ),
        # the shortcomings a review found, up to the aim the sentence goes on to
        ("Tuy nhiên, tỷ lệ hồ sơ quá hạn còn cao, chiếm trên 5%.", []),
        ("Tuy vậy, tỷ lệ hồ sơ quá hạn của cán bộ còn cao, chiếm trên 5%.", []),
        (
            "Tuy nhiên, tỷ lệ hồ sơ trực tuyến còn thấp; năm 2026, tỉnh đặt mục tiêu "
            "tỷ lệ này đạt tối thiểu 80%.",
            [("rate", ">=", 80.0, None)],
        ),
        (
            "Tuy nhiên, tiến độ số hóa còn chậm, Thủ tướng yêu cầu số hóa 100% hồ sơ đất đai "
            "trước ngày 30/6.",
            [("rate", "=", 100.0, None)],
        ),
        (
            "Tuy nhiên, một số chỉ tiêu chưa đạt yêu cầu; năm 2026, bảo đảm 100% hồ sơ "
            "được giải quyết đúng hạn.",
            [("rate", "=", 100.0, None)],
        ),
        (
            "Tuy nhiên, năm 2026 phấn đấu tỷ lệ hồ sơ quá hạn dưới 2%, khắc phục tình trạng còn cao.",
            [("rate", "<", 2.0, None)],
        ),
    ],
)
def test_the_round_21_wordings(text, expected):
    """Wordings of the classes round 21 was misread on, in other sentences (none of the round's
    own), and the neighbours a second reader found the first version of the rules misreading:
    each as an officer would read it."""
    assert _read(text) == expected


def test_a_share_dated_from_a_day():
    """ "Từ ngày 1/7, 100% … sẽ …": the share after the day holds from it, even where a later
    deadline dates the clause's next target (round 21); not a share said without "sẽ"."""
    targets = targets_extract(
        "Từ ngày 1/1, 100% hồ sơ đất đai sẽ được tiếp nhận trực tuyến, số hóa 50% hồ sơ lưu trữ "
        "trước ngày 30/6.",
        plan_year=2026,
    )
    assert [(t["value"], t["due_date"]) for t in targets] == [(100, "2026-01-01"), (50, "2026-06-30")]
    (target,) = targets_extract("Từ ngày 1/1, 100% hồ sơ đất đai được tiếp nhận trực tuyến.", plan_year=2026)
    assert target["due_date"] is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "bãi bỏ ít nhất N%" is a cut by N; "bãi bỏ 100% …" all of the things, a share; a
        # decision that abolishes documents, a recommendation, a list of amending verbs: no cut
        ("Bãi bỏ ít nhất 20% điều kiện kinh doanh không cần thiết.", [("percent", "improve_by", 20.0, None)]),
        (
            "Bãi bỏ 100% quy định không cần thiết, không hợp lý đối với hoạt động kinh doanh.",
            [("rate", "=", 100.0, None)],
        ),
        ("Căn cứ Quyết định số 25/2024/QĐ-UBND ngày 10/3/2024 của UBND tỉnh về việc bãi bỏ 03 văn bản;", []),
        ("Qua rà soát, Sở Tư pháp kiến nghị bãi bỏ 12 văn bản quy phạm pháp luật không còn phù hợp.", []),
        ("Sửa đổi, bổ sung, thay thế, bãi bỏ 25 thủ tục hành chính.", []),
        # the ministries' level beside a province's: the province's levels
        (
            "100% hồ sơ công việc tại cấp bộ, cấp tỉnh và cấp xã được xử lý trên môi trường điện tử.",
            [("rate", "=", None, None)],
        ),
        # the figure a sentence concedes (after a heading too) is no target, its main clause's is;
        # read unfolded: "Dữ liệu", "Dự kiến", "Du lịch" open no concession
        ("Hạ tầng số: Mặc dù tỷ lệ phủ sóng 5G mới đạt 13,8%, tỉnh vẫn đứng trong nhóm khá.", []),
        (
            "Chỉ tiêu: Mặc dù năm trước mới đạt 60%, năm nay tỉnh đặt mục tiêu đạt 80%.",
            [("rate", ">=", 80.0, None)],
        ),
        (
            "Mục tiêu: Mặc dù khó khăn nhưng tỷ lệ hồ sơ trực tuyến đạt 80% trong năm 2026.",
            [("rate", ">=", 80.0, None)],
        ),
        ("Mục tiêu: Dữ liệu hộ tịch được số hóa đạt 100%.", [("rate", ">=", 100.0, None)]),
        ("Dự kiến tỷ lệ hồ sơ trực tuyến đạt 80%.", [("rate", ">=", 80.0, None)]),
        ("Kinh tế số: Du lịch số đóng góp đạt 20% doanh thu ngành du lịch.", [("rate", ">=", 20.0, None)]),
    ],
)
def test_the_round_22_wordings(text, expected):
    """Wordings of the classes round 22 was misread on, in other sentences (none of the round's
    own), and the neighbours a second reader found the first version of the rules misreading:
    each as an officer would read it."""
    assert _read(text) == expected


def test_the_levels_beside_the_ministries():
    (target,) = targets_extract(
        "100% hồ sơ công việc tại cấp bộ, cấp tỉnh và cấp xã được xử lý trên môi trường điện tử.",
        plan_year=2026,
    )
    assert target["levels"] == {"tinh": 100, "xa": 100}
