"""A whole plan read from its text (``targets.plan_reading``): the header, the areas and who
leads them, the tasks with their codes, areas, agencies, products and times. Pure: the agencies
to match come from the seed files, no database."""

from datetime import date
from pathlib import Path

import pytest
import yaml

from agencies.matching import AgencyName
from plans.deadlines import deadline_parse
from targets.plan_reading import (
    area_of_title,
    due_text_of,
    header_read,
    inline_agencies,
    names_read,
    plan_read,
    product_of,
    section_of,
)

SEED_DIR = Path(__file__).resolve().parents[2] / "targets" / "seed_data"
SEEDS = {"hung_yen_2023": "Hưng Yên", "hai_duong_2024": "Hải Dương"}


def seed(name: str) -> dict:
    return yaml.safe_load((SEED_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


def source(name: str) -> str:
    return (SEED_DIR / "sources" / f"{name}.txt").read_text(encoding="utf-8")


def seed_agencies(data: dict) -> tuple[list[AgencyName], dict[int, str]]:
    """The seed file's agencies as the matcher takes them (pk = position), and pk → code."""
    names, codes = [], {}
    for pk, agency in enumerate(data["agencies"], start=1):
        names.append(
            AgencyName(
                pk, tuple(n for n in (agency["name"], agency["short_name"], *agency.get("aliases", [])) if n)
            )
        )
        codes[pk] = agency["code"]
    return names, codes


def transcribed_tasks(data: dict) -> list[tuple[str, str, list[str], dict]]:
    """(area, code, lead agency codes, the task) for every task and sub-item, in printed order;
    a task without its own lead has its area's (the seed files' rule)."""
    out = []
    for area in data["areas"]:
        for task in area.get("tasks") or []:
            for item in [task, *(task.get("subtasks") or [])]:
                out.append((area["area"], item["code"], item.get("lead") or [area["lead"]], item))
    return out


def read_tasks(name: str):
    data = seed(name)
    agencies, codes = seed_agencies(data)
    reading = plan_read(source(name))
    rows = []
    for task in reading.tasks:
        for item in [task, *task.subtasks]:
            lead = names_read(item.lead, agencies, province=SEEDS[name])
            rows.append((item.area, item.code, [codes[pk] for pk in lead.agencies], item))
    return rows


# --- the seed plans' tasks ---------------------------------------------------------------------


@pytest.mark.parametrize("name", SEEDS)
def test_every_seed_task_comes_out_with_its_code_area_and_lead(name):
    """Both seed plans' tasks as they were transcribed in targets/seed_data/*.yaml: code, area
    and lead agencies, for every task and sub-item, in order."""
    got = [(area, code, lead) for area, code, lead, _t in read_tasks(name)]
    expected = [(area, code, lead) for area, code, lead, _t in transcribed_tasks(seed(name))]
    assert len(got) == len(expected)
    mismatches = [(g, e) for g, e in zip(got, expected, strict=True) if g != e]
    assert not mismatches
    assert len(got) == {"hung_yen_2023": 44, "hai_duong_2024": 60}[name]


@pytest.mark.parametrize("name", SEEDS)
def test_seed_task_texts_and_times_are_as_printed(name):
    got = read_tasks(name)
    expected = transcribed_tasks(seed(name))
    for (_a, code, _l, task), (_a2, _c, _l2, item) in zip(got, expected, strict=True):
        assert task.text == " ".join(item["text"].split()), code
        assert task.due_text == (item.get("due_text") or ""), code
        if item.get("product"):
            assert task.product == item["product"], code


def test_hai_duong_sub_items_hang_under_their_task():
    reading = plan_read(source("hai_duong_2024"))
    platforms = next(t for t in reading.tasks if t.code == "7.3")
    assert platforms.text == "Phát triển các hệ thống nền tảng và dữ liệu số:"
    assert [s.code for s in platforms.subtasks] == ["7.3.1", "7.3.2", "7.3.3"]
    people = next(t for t in reading.tasks if t.code == "7.6")
    assert [s.code for s in people.subtasks] == ["7.6.1", "7.6.2", "7.6.3"]
    # the note printed after the last item is not part of it
    assert people.subtasks[-1].text.endswith("trong các cơ quan, đơn vị.")


@pytest.mark.parametrize("name", SEEDS)
def test_seed_areas_and_their_leads(name):
    data = seed(name)
    agencies, codes = seed_agencies(data)
    reading = plan_read(source(name))
    got = []
    for area in reading.areas:
        lead = names_read(area.lead, agencies, province=SEEDS[name])
        got.append((area.area, area.code, area.title, [codes[pk] for pk in lead.agencies]))
    expected = [(a["area"], a["code"], a["title"], [a["lead"]]) for a in data["areas"]]
    assert got == expected


def test_a_body_that_cooperates_on_an_area_is_its_cooperating_agency():
    """Hải Dương IV.4: Văn phòng UBND tỉnh leads TTHC and "phối hợp với Sở Thông tin và Truyền
    thông … “Xây dựng Chính quyền điện tử, Chính quyền số”": it cooperates on area 7, and the
    seed transcribes it so."""
    data = seed("hai_duong_2024")
    agencies, codes = seed_agencies(data)
    reading = plan_read(source("hai_duong_2024"))
    digital = next(a for a in reading.areas if a.area == "chinh_quyen_so")
    cooperating = names_read(digital.cooperating, agencies, province="Hải Dương")
    assert [codes[pk] for pk in cooperating.agencies] == ["hd-vp"]
    assert cooperating.groups == ("các cơ quan liên quan",)
    tthc = next(a for a in reading.areas if a.area == "tthc")
    assert [codes[pk] for pk in names_read(tthc.lead, agencies, province="Hải Dương").agencies] == ["hd-vp"]


@pytest.mark.parametrize("name", SEEDS)
def test_seed_headers_give_title_year_and_legal_bases(name):
    plan = seed(name)["plan"]
    header = plan_read(source(name)).header
    assert header.title == plan["title"]
    assert header.year == plan["year"]
    assert header.legal_bases.split() == plan["legal_bases"].split()
    # the seed texts start at "KẾ HOẠCH": nothing else is printed, nothing is guessed
    assert (header.number, header.issue_date, header.issuer) == ("", None, "")


@pytest.mark.parametrize("name", SEEDS)
def test_the_seed_targets_are_the_engines(name):
    reading = plan_read(source(name))
    assert len(reading.targets) == {"hung_yen_2023": 41, "hai_duong_2024": 36}[name]


# --- the header of a plan as issued ------------------------------------------------------------

HEADER = """ỦY BAN NHÂN DÂN
TỈNH HƯNG YÊN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 35/KH-UBND
Hưng Yên, ngày 15 tháng 02 năm 2023
KẾ HOẠCH
CẢI CÁCH HÀNH CHÍNH NHÀ NƯỚC TỈNH HƯNG YÊN NĂM 2023
Căn cứ Kế hoạch số 184/KH-UBND ngày 07/12/2021 của Ủy ban nhân dân tỉnh về cải cách hành
chính nhà nước tỉnh Hưng Yên giai đoạn 2021-2025;
Căn cứ Quyết định số 12/QĐ-UBND ngày 05/01/2023 của Ủy ban nhân dân tỉnh;
Ủy ban nhân dân tỉnh ban hành Kế hoạch cải cách hành chính tỉnh Hưng Yên năm 2023 như sau:
I. MỤC ĐÍCH, YÊU CẦU
"""


def test_the_header_gives_number_date_issuer_title_and_bases():
    header = header_read(HEADER)
    assert header.number == "35/KH-UBND"
    assert header.issue_date == date(2023, 2, 15)
    assert header.issuer == "Ủy ban nhân dân tỉnh Hưng Yên"
    assert header.title == "Kế hoạch cải cách hành chính nhà nước tỉnh Hưng Yên năm 2023"
    assert header.year == 2023
    assert header.legal_bases.splitlines() == [
        "Căn cứ Kế hoạch số 184/KH-UBND ngày 07/12/2021 của Ủy ban nhân dân tỉnh về cải cách hành "
        "chính nhà nước tỉnh Hưng Yên giai đoạn 2021-2025;",
        "Căn cứ Quyết định số 12/QĐ-UBND ngày 05/01/2023 của Ủy ban nhân dân tỉnh;",
    ]


def test_a_number_with_a_year_and_a_date_in_digits():
    header = header_read(
        "UBND HUYỆN VĂN LÂM\nSố: 18/2024/KH-UBND\nVăn Lâm, ngày 5/1/2024\n"
        "KẾ HOẠCH\nCải cách hành chính năm 2024\n"
    )
    assert header.number == "18/2024/KH-UBND"
    assert header.issue_date == date(2024, 1, 5)
    assert header.year == 2024


def test_an_impossible_date_is_not_read():
    assert header_read("Số: 1/KH-UBND\nHà Nội, ngày 31 tháng 02 năm 2024\nKẾ HOẠCH\nX\n").issue_date is None


# --- sections, areas, tasks of other plans -------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "area"),
    [
        ("1. Công tác chỉ đạo, điều hành:", "chi_dao_dieu_hanh"),
        ("Cải cách thể chế", "the_che"),
        ("Cải cách thủ tục hành chính (TTHC)", "tthc"),
        ("Cải cách tổ chức bộ máy", "to_chuc_bo_may"),
        ("Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức", "cong_vu"),
        ("Cải cách tài chính công", "tai_chinh_cong"),
        ("Xây dựng Chính phủ điện tử, Chính phủ số", "chinh_quyen_so"),
        ("Đánh giá tác động của CCHC đến người dân", "tac_dong"),
        ("Mục đích", None),
    ],
)
def test_area_headings(title, area):
    assert area_of_title(title) == area


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("II. MỤC TIÊU", "targets"),
        ("a) Chỉ tiêu", "targets"),
        ("NHIỆM VỤ, GIẢI PHÁP", "tasks"),
        ("b) Nhiệm vụ", "tasks"),
        ("CÁC CHỈ TIÊU, NHIỆM VỤ CHỦ YẾU", "both"),
        ("IV. TỔ CHỨC THỰC HIỆN", "organisation"),
        ("III. KINH PHÍ", "other"),
        ("Sở Tư pháp", None),
    ],
)
def test_sections(heading, section):
    assert section_of(heading) == section


PLAN = """KẾ HOẠCH
Cải cách hành chính tỉnh Lâm Thành năm 2025
II. NHIỆM VỤ, GIẢI PHÁP
1. Cải cách thể chế
a) Rà soát, hệ thống hóa văn bản quy phạm pháp luật của tỉnh. Thời gian hoàn thành: Quý II/2025.
b) Xây dựng Kế hoạch theo dõi thi hành pháp luật năm 2025 (hoàn thành trước ngày 31/3/2025).
2. Cải cách chế độ công vụ
a) Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính rà soát vị trí việc làm trong các bệnh viện.
b) Thường xuyên kiểm tra công vụ tại các cơ quan (Sở Nội vụ chủ trì; các sở, ban, ngành phối hợp).
III. TỔ CHỨC THỰC HIỆN
1. Sở Tư pháp
Chủ trì, phối hợp với các sở, ban, ngành tham mưu UBND tỉnh thực hiện nhiệm vụ cải cách thể chế.
2. Sở Nội vụ
Chịu trách nhiệm về kết quả chỉ số thành phần “Cải cách chế độ công vụ”.
"""

AGENCIES = [
    AgencyName(1, ("Sở Tư pháp",)),
    AgencyName(2, ("Sở Nội vụ",)),
    AgencyName(3, ("Sở Y tế",)),
    AgencyName(4, ("Sở Tài chính",)),
]


def test_a_plan_of_another_province():
    reading = plan_read(PLAN)
    assert [(a.area, a.code, a.lead) for a in reading.areas] == [
        ("the_che", "1", "Sở Tư pháp"),
        ("cong_vu", "2", "Sở Nội vụ"),
    ]
    tasks = {t.code: t for t in reading.tasks}
    assert list(tasks) == ["1.a", "1.b", "2.a", "2.b"]
    assert tasks["1.a"].due_text == "Quý II/2025"
    assert deadline_parse(tasks["1.a"].due_text, year=2025).due == date(2025, 6, 30)
    assert tasks["1.b"].product == "Kế hoạch"
    assert tasks["1.b"].due_text == "Hoàn thành trước ngày 31/3/2025"
    assert deadline_parse(tasks["1.b"].due_text, year=2025).due == date(2025, 3, 31)
    assert tasks["1.a"].lead == "Sở Tư pháp"
    assert tasks["1.a"].cooperating == "các sở, ban, ngành"
    # a task's own "Giao … chủ trì" or "(… chủ trì; … phối hợp)" overrides its area's lead
    assert (tasks["2.a"].lead, tasks["2.a"].cooperating) == ("Sở Y tế", "Sở Tài chính")
    lead = names_read(tasks["2.b"].lead, AGENCIES)
    assert lead.agencies == (2,)
    assert tasks["2.b"].due_text == "Thường xuyên"
    assert deadline_parse(tasks["2.b"].due_text, year=2025).recurring


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Giao Sở Y tế chủ trì, phối hợp với UBND cấp xã triển khai.", ("Sở Y tế", "UBND cấp xã")),
        (
            "Rà soát quy trình (Chủ trì: Văn phòng UBND tỉnh; phối hợp: các sở, ngành).",
            ("Văn phòng UBND tỉnh", "các sở, ngành"),
        ),
        (
            "Sở Nội vụ chủ trì, phối hợp với các cơ quan liên quan tham mưu kế hoạch.",
            ("Sở Nội vụ", "các cơ quan liên quan"),
        ),
        ("Tăng cường kiểm tra công vụ.", None),
        ("Chủ trì, phối hợp với các cơ quan có liên quan triển khai.", None),
    ],
)
def test_a_task_names_its_own_agencies(text, expected):
    assert inline_agencies(text) == expected


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("Ban hành kế hoạch CCHC của tỉnh.", "Kế hoạch"),
        ("Nghiên cứu xây dựng Kế hoạch triển khai Đề án.", "Kế hoạch"),
        ("Xây dựng và triển khai thực hiện kế hoạch đào tạo.", "Kế hoạch"),
        ("Tham mưu ban hành Quyết định công bố Chỉ số CCHC. ", "Quyết định"),
        ("Rà soát quy trình. Sản phẩm: Báo cáo kết quả rà soát.", "Báo cáo kết quả rà soát"),
        ("Phê duyệt Đề án vị trí việc làm.", ""),
    ],
)
def test_a_task_names_its_product(text, product):
    assert product_of(text) == product


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Thường xuyên rà soát văn bản.", "Thường xuyên"),
        ("Triển khai theo Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ.", ""),
        ("Tổ chức hội nghị, thời gian: tháng 6/2025.", "tháng 6/2025"),
        ("Số hóa hồ sơ, hoàn thành trong quý III/2025.", "Hoàn thành trong quý III/2025"),
        ("Cập nhật, theo dõi thường xuyên kết quả.", ""),
    ],
)
def test_a_task_prints_its_time(text, due):
    assert due_text_of(text) == due


def test_a_sentence_broken_over_a_blank_line_keeps_its_area():
    """PDF text has blank lines inside sentences (Hưng Yên's "… cung " / "" / "cấp trên Cổng …"):
    the target read from such a sentence stays under its area's heading."""
    from targets.extraction import targets_extract
    from targets.proposals import proposal_areas

    text = (
        "II. MỤC TIÊU\n1. Cải cách thể chế:\na) 100% văn bản được rà soát.\n"
        "2. Cải cách thủ tục hành chính:\na) 100% TTHC được công khai. Trong số đó, ít nhất 80% TTHC được \n"
        "\ntích hợp trên Cổng Dịch vụ công quốc gia.\n"
    )
    areas = [("the_che", ["Cải cách thể chế"]), ("tthc", ["Cải cách thủ tục hành chính"])]
    proposals = targets_extract(text, plan_year=2025)
    assert proposal_areas(text, proposals, areas) == ["the_che", "tthc", "tthc"]
