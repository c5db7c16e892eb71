"""The target-extraction page: paste or upload a plan's text, review each proposal beside its
sentence, correct and accept; what is saved has the structure the reviewer confirmed, all or
nothing."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import CheckboxInput
from django.urls import reverse

from agencies.models import Agency, User
from plans.models import Plan, PlanArea
from targets.models import Target, TargetStatement
from targets.proposals import codes_fill, guess_area_code, guess_direction, next_code, statement_code
from tests.factories import UserFactory
from tests.targets.test_extraction import docx_bytes, paragraph

pytestmark = pytest.mark.django_db

# Wordings from neither seed plan, laid out the way plans print them.
TEXT = """II. MỤC TIÊU CỤ THỂ
1. Cải cách thủ tục hành chính
a) Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 97%; phấn đấu 85% hồ sơ trả trước hạn.
b) Thời gian chờ đợi của người dân tại Bộ phận Một cửa tối đa 15 phút/lượt.
2. Xây dựng chính quyền số
a) Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng đạt 90% ở cấp tỉnh, 80% ở cấp huyện và 60% ở cấp xã.
"""


@pytest.fixture
def plan():
    """A new Hưng Yên plan with two numbered areas and no targets."""
    issuer = Agency.objects.get(code="hy-ubnd")
    plan = Plan.objects.create(
        code="hy-2026-trich", title="Kế hoạch CCHC năm 2026", issuer=issuer, year=2026, status="draft"
    )
    source = Plan.objects.get(code="hung-yen-2023")
    tthc = source.areas.get(area__code="tthc")
    digital = source.areas.get(area__code="chinh_quyen_so")
    PlanArea.objects.create(
        plan=plan, area=tthc.area, code="1", title=tthc.title, position=1, lead_agency=tthc.lead_agency
    )
    PlanArea.objects.create(
        plan=plan,
        area=digital.area,
        code="2",
        title=digital.title,
        position=2,
        lead_agency=digital.lead_agency,
    )
    return plan


@pytest.fixture
def reviewer_client(client):
    client.force_login(User.objects.get(username="nv.reviewer"))
    return client


def initial_post(response) -> dict:
    """What the browser sends back unchanged: every field's initial value as rendered."""
    data = {}
    for row in response.context["rows"]:
        form = row["form"]
        for bound in form:
            value = bound.value()
            name = bound.html_name
            if isinstance(bound.field.widget, CheckboxInput):
                if value:
                    data[name] = "on"
                continue
            if value is None:
                data[name] = ""
            elif isinstance(value, Decimal):
                data[name] = str(value).replace(".", ",")
            elif isinstance(value, date):
                data[name] = value.strftime("%d/%m/%Y")
            else:
                data[name] = str(value)
    return data


def test_paste_review_accept_creates_the_targets_with_their_structure(reviewer_client, plan):
    start = reverse("reporting:target_extraction", args=[plan.pk])
    response = reviewer_client.post(start, {"text": TEXT})
    review = reverse("reporting:target_extraction_review", args=[plan.pk])
    assert response.status_code == 302 and response["Location"] == review

    page = reviewer_client.get(review)
    assert page.status_code == 200
    rows = page.context["rows"]
    texts = [r["form"].initial["text"] for r in rows]
    assert len(rows) == 4, texts
    # Each proposal is shown beside the sentence it came from.
    html = page.content.decode()
    assert "Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 97%; phấn đấu 85% hồ sơ trả trước hạn." in html
    areas = [r["form"].initial["area"] for r in rows]
    assert areas == ["1", "1", "1", "2"]

    data = initial_post(page)
    data["p1-value"] = "86"  # the reviewer corrects a figure
    saved = reviewer_client.post(review, data)
    assert saved.status_code == 302, saved.context and saved.context["errors"]

    targets = list(Target.objects.filter(statement__plan=plan).order_by("statement__position", "position"))
    assert [(t.comparator, t.value, t.unit, t.stretch) for t in targets] == [
        (">", Decimal("97"), "%", False),
        (">=", Decimal("86"), "%", True),
        ("<=", Decimal("15"), "phút", False),
        (">=", None, "%", False),
    ]
    # One statement per sentence: the two targets of 1.a share theirs.
    statements = list(TargetStatement.objects.filter(plan=plan).order_by("position"))
    assert [s.targets.count() for s in statements] == [2, 1, 1]
    assert statements[0].plan_area.code == "1" and statements[2].plan_area.code == "2"
    assert targets[2].direction == "lower"
    levelled = targets[3]
    assert {t.level.code: t.value for t in levelled.level_thresholds.all()} == {
        "tinh": Decimal("90"),
        "huyen": Decimal("80"),
        "xa": Decimal("60"),
    }
    assert levelled.reporting_scope == "levels"
    assert sorted(levelled.reporting_levels.values_list("code", flat=True)) == ["huyen", "tinh", "xa"]
    assert targets[0].responsible_agency == statements[0].plan_area.lead_agency
    # The history records who could have made it: one row per created target.
    assert all(t.history.count() == 1 for t in targets)
    # Done: the pending text is gone.
    assert reviewer_client.get(review).status_code == 302


def test_proposal_keys_the_model_does_not_have_yet_pass_through_harmlessly(reviewer_client, plan):
    """cumulative, due_date and sub_of are in the proposals (parse_targets prints them); the
    review page shows and saves the targets without them until the model has those fields."""
    text = (
        "II. MỤC TIÊU CỤ THỂ\n1. Cải cách thủ tục hành chính\n"
        "a) Mức độ hài lòng đạt tối thiểu 90%, trong đó lĩnh vực đất đai đạt tối thiểu 85%.\n"
        "b) Giải ngân 100% vốn được giao trước ngày 30/11/2026.\n"
    )
    reviewer_client.post(reverse("reporting:target_extraction", args=[plan.pk]), {"text": text})
    review = reverse("reporting:target_extraction_review", args=[plan.pk])
    page = reviewer_client.get(review)
    assert page.status_code == 200
    assert len(page.context["rows"]) == 3
    saved = reviewer_client.post(review, initial_post(page))
    assert saved.status_code == 302, saved.context and saved.context["errors"]
    targets = list(Target.objects.filter(statement__plan=plan).order_by("statement__position", "position"))
    assert [(t.comparator, t.value) for t in targets] == [
        (">=", Decimal("90")),
        (">=", Decimal("85")),
        ("=", Decimal("100")),
    ]


def test_an_invalid_correction_saves_nothing_and_keeps_what_was_typed(reviewer_client, plan):
    reviewer_client.post(reverse("reporting:target_extraction", args=[plan.pk]), {"text": TEXT})
    review = reverse("reporting:target_extraction_review", args=[plan.pk])
    data = initial_post(reviewer_client.get(review))
    data["p0-comparator"] = "between"  # a range needs both bounds
    data["p0-text"] = "Tỷ lệ hồ sơ đúng hạn (đã sửa)"
    data["p2-value"] = "mười lăm"
    response = reviewer_client.post(review, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Khoảng giá trị cần cả cận dưới và cận trên." in html
    assert "Tỷ lệ hồ sơ đúng hạn (đã sửa)" in html and 'value="mười lăm"' in html
    assert not TargetStatement.objects.filter(plan=plan).exists()


def test_an_unticked_proposal_is_not_saved_and_none_ticked_is_an_error(reviewer_client, plan):
    reviewer_client.post(reverse("reporting:target_extraction", args=[plan.pk]), {"text": TEXT})
    review = reverse("reporting:target_extraction_review", args=[plan.pk])
    data = initial_post(reviewer_client.get(review))
    for key in [k for k in data if k.endswith("-accept")]:
        del data[key]
    response = reviewer_client.post(review, data)
    assert response.status_code == 400
    assert "Chưa chọn chỉ tiêu nào để lưu." in response.content.decode()
    data["p3-accept"] = "on"
    assert reviewer_client.post(review, data).status_code == 302
    assert Target.objects.filter(statement__plan=plan).count() == 1


def test_a_plan_s_own_text_proposes_what_it_already_has_unticked(reviewer_client):
    plan = Plan.objects.get(code="hung-yen-2023")
    text = (settings.BASE_DIR / "targets/seed_data/sources/hung_yen_2023.txt").read_text()
    upload = SimpleUploadedFile("hung_yen_2023.txt", text.encode())
    response = reviewer_client.post(reverse("reporting:target_extraction", args=[plan.pk]), {"file": upload})
    assert response.status_code == 302
    page = reviewer_client.get(response["Location"])
    rows = page.context["rows"]
    known = [r for r in rows if r["known"]]
    assert len(rows) >= 41 and len(known) >= 30
    assert all(not r["form"].initial["accept"] for r in known)


def test_a_docx_is_read_and_a_broken_one_rejected(reviewer_client, plan):
    start = reverse("reporting:target_extraction", args=[plan.pk])
    docx = docx_bytes(paragraph("II. MỤC TIÊU") + paragraph("- Tỷ lệ hồ sơ đúng hạn đạt trên 96%."))
    response = reviewer_client.post(start, {"file": SimpleUploadedFile("kh.docx", docx)})
    assert response.status_code == 302
    rows = reviewer_client.get(response["Location"]).context["rows"]
    assert [(r["form"].initial["comparator"], r["form"].initial["value"]) for r in rows] == [
        (">", Decimal("96"))
    ]

    broken = reviewer_client.post(start, {"file": SimpleUploadedFile("kh.docx", b"not a zip")})
    assert broken.status_code == 400
    assert "Tệp không phải tài liệu Word (.docx) hợp lệ." in broken.content.decode()
    other = reviewer_client.post(start, {"file": SimpleUploadedFile("kh.pdf", b"%PDF-1.4")})
    assert "Chỉ nhận tệp Word (.docx) hoặc văn bản (.txt)." in other.content.decode()


def test_a_text_without_targets_says_so_and_keeps_the_text(reviewer_client, plan):
    response = reviewer_client.post(
        reverse("reporting:target_extraction", args=[plan.pk]),
        {"text": "Tổ chức hội nghị quán triệt kế hoạch."},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Không tìm thấy chỉ tiêu nào trong văn bản." in html
    assert "Tổ chức hội nghị quán triệt kế hoạch." in html


def test_only_the_plan_s_own_province_reviewer(client, plan):
    start = reverse("reporting:target_extraction", args=[plan.pk])
    client.force_login(User.objects.get(username="tp.reporter"))
    assert client.get(start).status_code == 403
    foreign = Plan.objects.get(code="hai-duong-2024")
    client.force_login(UserFactory(role=User.Role.REVIEWER, agency=Agency.objects.get(code="hy-snv")))
    assert client.get(start).status_code == 200
    assert client.get(reverse("reporting:target_extraction", args=[foreign.pk])).status_code == 403


@pytest.mark.parametrize(
    ("measure", "comparator", "text", "expected"),
    [
        ("rate", ">", "Tỷ lệ đúng hạn", "higher"),
        ("quantity", "<=", "Thời gian chờ", "lower"),
        ("count", "improve_by", "Giảm tối thiểu 2,5% số đơn vị sự nghiệp", "lower"),
        ("count", "improve_by", "Tăng ít nhất 5% số đơn vị tự chủ", "higher"),
        ("score", "above_baseline", "Điểm chỉ số cao hơn năm 2022", "higher"),
        ("rank", "improve_by", "Tăng từ 2 đến 5 bậc", "lower"),
        ("count", "improve_by", "Tinh giản 1,38% biên chế", "lower"),
        ("count", "improve_by", "GIAM 3% bien che", "lower"),
    ],
)
def test_guess_direction(measure, comparator, text, expected):
    assert guess_direction(measure, comparator, text) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("2.a.1", "2"),
        ("2", "2"),
        ("7.b", ""),
        (None, ""),
        ("", ""),
        ("MT.1", ""),
    ],
)
def test_guess_area_code(code, expected):
    assert guess_area_code(code, ["1", "2", "3"]) == expected


# --- issue 22 item 10: codes in a plan in force, deadlines, compact rows ----------------------


def _paste_and_review(client, plan, text):
    response = client.post(reverse("reporting:target_extraction", args=[plan.pk]), {"text": text})
    assert response.status_code == 302, response.content.decode()[:2000]
    review = reverse("reporting:target_extraction_review", args=[plan.pk])
    return review, client.get(review)


def test_targets_added_to_a_plan_in_force_are_numbered_after_its_codes(reviewer_client):
    """Hải Dương 2024 is in force; its area 3 numbers its items 3.1 … 3.8, area 2 has 2.1 …
    2.3, and it has no general target. Unnumbered sentences under those areas' headings get
    the next codes (two targets of one sentence: the item and .1, .2), shown on the page
    before saving and saved as shown; a code the reviewer clears is given again."""
    plan = Plan.objects.get(code="hai-duong-2024")
    assert plan.status == Plan.Status.IN_FORCE
    areas = {a.code: a.title for a in plan.areas.all()}
    text = (
        "Phấn đấu Chỉ số hài lòng của người dân (SIPAS) đạt trên 85%.\n"
        f"2. {areas['2']}\n"
        "- Tỷ lệ văn bản được kiểm tra sau ban hành đạt 100%.\n"
        f"3. {areas['3']}\n"
        "- Tỷ lệ hồ sơ trực tuyến toàn trình đạt 60%; phấn đấu 70% hồ sơ được số hóa kết quả.\n"
        "- Thời gian chờ tại Bộ phận Một cửa tối đa 12 phút/lượt.\n"
    )
    review, page = _paste_and_review(reviewer_client, plan, text)
    rows = page.context["rows"]
    shown = [r["form"].initial["code"] for r in rows]
    assert shown == ["MT.1", "2.4", "3.9.1", "3.9.2", "3.10"]
    html = page.content.decode()
    for code in shown:
        assert f'value="{code}"' in html
    data = initial_post(page)
    data["p4-code"] = ""  # the reviewer clears one: it is numbered again, never saved blank
    saved = reviewer_client.post(review, data, follow=True)
    assert "Số hiệu: MT.1, 2.4, 3.9.1, 3.9.2, 3.10." in saved.content.decode()
    new = Target.objects.filter(statement__plan=plan, code__in=shown).select_related("statement__plan_area")
    assert sorted(
        (t.statement.plan_area.code if t.statement.plan_area else "", t.statement.code, t.code) for t in new
    ) == [
        ("", "MT.1", "MT.1"),
        ("2", "2.4", "2.4"),
        ("3", "3.10", "3.10"),
        ("3", "3.9", "3.9.1"),
        ("3", "3.9", "3.9.2"),
    ]
    assert not Target.objects.filter(statement__plan=plan, code="").exists()


def test_a_plan_lettering_its_items_goes_on_with_the_next_vietnamese_letter(reviewer_client):
    """Hưng Yên 2023 letters its items: area 1 has 1.a … 1.d, so the next is 1.đ (a) b) c) d)
    đ) e) …), and its general targets run MT.1 … MT.3."""
    plan = Plan.objects.get(code="hung-yen-2023")
    title = plan.areas.get(code="1").title
    text = f"Tỷ lệ cán bộ được tập huấn đạt 95%.\n1. {title}\n- 100% văn bản được lấy ý kiến đúng quy định.\n"
    _review, page = _paste_and_review(reviewer_client, plan, text)
    assert [r["form"].initial["code"] for r in page.context["rows"]] == ["MT.4", "1.đ"]


def test_a_deadline_in_the_sentence_is_proposed_shown_and_saved(reviewer_client, plan):
    text = (
        "II. MỤC TIÊU CỤ THỂ\n2. Xây dựng chính quyền số\n"
        "a) Số hóa 100% hồ sơ đất đai trước ngày 30/6/2026.\n"
        "b) Hoàn thành 100% việc kết nối hệ thống một cửa điện tử với cơ sở dữ liệu dân cư trong quý III.\n"
        "c) Tỷ lệ hồ sơ trực tuyến đạt 60%.\n"
    )
    review, page = _paste_and_review(reviewer_client, plan, text)
    rows = page.context["rows"]
    assert [r["form"].initial["due_date"] for r in rows] == [date(2026, 6, 30), date(2026, 9, 30), None]
    html = page.content.decode()
    assert "hạn 30/06/2026" in html and "hạn 30/09/2026" in html
    assert 'value="30/06/2026"' in html
    data = initial_post(page)
    data["p2-due_date"] = "15/11/2026"  # the reviewer adds one the sentence did not print
    assert reviewer_client.post(review, data).status_code == 302
    targets = Target.objects.filter(statement__plan=plan).order_by("statement__position", "position")
    assert [t.due_date for t in targets] == [date(2026, 6, 30), date(2026, 9, 30), date(2026, 11, 15)]
    detail = reviewer_client.get(reverse("targets:plan_detail", args=[plan.pk])).content.decode()
    assert "hạn 30/06/2026" in detail and "hạn 15/11/2026" in detail


def test_a_deadline_typed_wrong_keeps_what_was_typed_and_opens_that_row(reviewer_client, plan):
    review, page = _paste_and_review(reviewer_client, plan, TEXT)
    data = initial_post(page)
    data["p1-due_date"] = "2026-06-30"
    response = reviewer_client.post(review, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ngày không đúng: nhập theo dạng dd/mm/yyyy" in html
    assert 'value="2026-06-30"' in html
    sections = re.findall(r'<section class="proposal[^"]*" data-index="(\d)".*?</section>', html, re.S)
    assert sections == ["0", "1", "2", "3"]
    opened = re.findall(
        r'data-index="(\d)"[^>]*>(?:(?!</section>).)*<details class="proposal-more" open', html, re.S
    )
    assert opened == ["1"]
    assert not TargetStatement.objects.filter(plan=plan).exists()


def test_each_proposal_is_one_row_with_its_other_fields_under_details(reviewer_client, plan):
    _review, page = _paste_and_review(reviewer_client, plan, TEXT)
    html = page.content.decode()
    assert html.count('<div class="proposal-row">') == 4
    assert html.count('<details class="proposal-more">') == 4  # all closed: no error
    # The sentence of 1.a's two targets is printed once, above them.
    assert html.count("Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 97%; phấn đấu 85% hồ sơ trả trước hạn.") == 1
    row = html.split('<div class="proposal-row">')[1].split("</div>\n  </div>")[0]
    for name in ("p0-accept", "p0-code", "p0-text", "p0-value", "p0-unit", "p0-comparator", "p0-area"):
        assert f'name="{name}"' in row
    for name in ("p0-measure", "p0-direction", "p0-value_max", "p0-baseline_year", "p0-due_date"):
        assert f'name="{name}"' not in row and f'name="{name}"' in html


@pytest.mark.parametrize(
    ("prefix", "taken", "expected"),
    [
        ("3", {"3.1", "3.2", "3.4.1", "3.4.2", "3.8"}, "3.9"),
        ("2", {"2.a", "2.b", "2.c.1", "2.d"}, "2.đ"),  # after d comes đ
        ("2", {"2.đ"}, "2.e"),
        ("6", {"6.a", "6.y"}, "6.1"),  # the letters run out: numbers
        ("MT", {"MT.1.1", "MT.1.2", "MT.3"}, "MT.4"),
        ("MT", set(), "MT.1"),
        ("4", {"41.1", "4"}, "4.1"),  # another area's codes and the area's own number don't count
    ],
)
def test_next_code(prefix, taken, expected):
    assert next_code(prefix, taken) == expected


def test_codes_fill_numbers_blank_statements_after_the_plan_s_and_the_given_codes():
    items = [("1", "", "s1"), ("1", "", "s1"), ("1", "1.5", "s2"), ("", "", "s3"), ("1", "", "s4")]
    assert codes_fill(items, {"1": {"1.1", "1.2"}}) == ["1.6.1", "1.6.2", "1.5", "MT.1", "1.7"]
    # following the plan: a code the text prints in an area the plan has items in is replaced
    assert codes_fill(items, {"1": {"1.1"}}, follow_plan=True) == ["1.2.1", "1.2.2", "1.3", "MT.1", "1.4"]
    assert codes_fill([("2", "2.a", "s")], {"1": {"1.1"}}, follow_plan=True) == ["2.a"]


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        (["2.4.1", "2.4.2"], "2.4"),
        (["1.a", "1.a.1"], "1.a"),
        (["3.9"], "3.9"),
        (["2.a", "2.b"], "2.a"),
        ([""], ""),
    ],
)
def test_statement_code(codes, expected):
    assert statement_code(codes) == expected
