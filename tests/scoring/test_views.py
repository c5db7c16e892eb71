"""The scoring's pages as each role sees them: a unit never sees another unit's scores before
publication; a council member scores only the units assigned; the sheet shows the computed
points with their evidence and keeps what was typed when a save is refused; the published
decision's PDF reads back."""

import re
import subprocess
from decimal import Decimal as D

import pytest
from django.urls import reverse

from agencies.models import User
from scoring import services
from scoring.models import Assessment, LeafScore, ScoringRound

pytestmark = pytest.mark.django_db


def _login(client, name):
    client.force_login(User.objects.get(username=name))


def _text(response) -> str:
    body = re.sub(r"<svg.*?</svg>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def _marked(round_, code, note):
    leaf = LeafScore.objects.get(assessment__round=round_, assessment__unit__code=code, node__code="1.1.2")
    leaf.self_note = note
    leaf.save()
    return leaf


def test_a_unit_never_sees_another_unit_s_scores_before_publication(client, open_round):
    _marked(open_round, "hy-stp", "GHICHU-TP-RIENG")
    _marked(open_round, "hy-snv", "GHICHU-SNV-RIENG")
    own = open_round.assessments.get(unit__code="hy-stp")
    other = open_round.assessments.get(unit__code="hy-snv")
    for name in ("tp.reporter", "tp.head"):
        _login(client, name)
        assert "GHICHU-TP-RIENG" in _text(client.get(reverse("scoring:assessment", args=[own.pk])))
        assert client.get(reverse("scoring:assessment", args=[other.pk])).status_code == 403
        round_page = _text(client.get(reverse("scoring:round_detail", args=[open_round.pk])))
        assert "Sở Tư pháp" in round_page and "Sở Nội vụ" not in round_page.split("Đơn vị bạn")[1]
        assert client.get(reverse("scoring:ranking", args=[open_round.pk])).status_code == 403
        assert client.get(reverse("scoring:dashboard", args=[open_round.pk])).status_code == 403
        projection = reverse("scoring:projection", args=[open_round.pk])
        assert client.get(projection + f"?don-vi={other.unit_id}").status_code == 404
        assert "GHICHU-SNV-RIENG" not in _text(client.get(projection))
    _login(client, "nv.reviewer")
    page = _text(client.get(reverse("scoring:assessment", args=[other.pk])))
    assert "GHICHU-SNV-RIENG" in page


def test_after_publication_every_unit_reads_the_frozen_ranking_but_not_other_sheets(client):
    round_ = ScoringRound.objects.get(province__code="hy-ubnd", year=2023)
    publication = round_.publications.get()
    _login(client, "tp.reporter")
    page = _text(client.get(reverse("scoring:ranking", args=[round_.pk])))
    assert "Quyết định số 25/QĐ-UBND" in page
    for row in publication.data["groups"][0]["rows"]:
        assert row["unit"] in page and row["index"] in page
    other = round_.assessments.get(unit__code="hy-snv")
    assert client.get(reverse("scoring:assessment", args=[other.pk])).status_code == 403


def test_a_council_member_scores_only_the_units_assigned(client, open_round):
    stp = open_round.assessments.get(unit__code="hy-stp")
    snv = open_round.assessments.get(unit__code="hy-snv")
    Assessment.objects.filter(pk__in=[stp.pk, snv.pk]).update(state="sent")
    leaf_stp = stp.scores.get(node__code="1.1.2")
    leaf_snv = snv.scores.get(node__code="1.1.2")
    _login(client, "council.member")
    assert client.get(reverse("scoring:assessment", args=[snv.pk])).status_code == 403
    response = client.post(
        reverse("scoring:appraise", args=[snv.pk]),
        {f"appraise-{leaf_snv.pk}": "0", f"comment-{leaf_snv.pk}": "x"},
    )
    assert response.status_code == 403
    assert LeafScore.objects.get(pk=leaf_snv.pk).appraised_points is None
    page = _text(client.get(reverse("scoring:assessment", args=[stp.pk])))
    assert "Lưu điểm thẩm định" in page
    response = client.post(
        reverse("scoring:appraise", args=[stp.pk]),
        {f"appraise-{leaf_stp.pk}": "0,5", f"comment-{leaf_stp.pk}": "Thiếu dự toán kinh phí."},
    )
    assert response.status_code == 302
    leaf_stp.refresh_from_db()
    assert (leaf_stp.appraised_points, leaf_stp.appraisal_comment) == (D("0.5"), "Thiếu dự toán kinh phí.")


def test_the_sheet_shows_computed_points_with_their_evidence(client, open_round):
    stp = open_round.assessments.get(unit__code="hy-stp")
    _login(client, "tp.reporter")
    response = client.get(reverse("scoring:assessment", args=[stp.pk]))
    html = response.content.decode()
    leaf = stp.scores.get(node__code="1.2.1")
    assert "Tỷ lệ báo cáo định kỳ gửi đúng hạn" in html
    row = html.split('data-leaf="1.2.1"')[1].split("</tr>")[0]
    assert f'name="self-{leaf.pk}"' in row
    assert f'value="{str(leaf.computed_points).rstrip("0").rstrip(".")}"' in row.replace(",", ".")
    assert "/ke-hoach/ky/" in row and "Gửi đúng hạn" in row
    assert "Bộ chỉ số ví dụ" in html  # the example set says what it is


def test_a_refused_save_keeps_what_was_typed_beside_the_error(client, open_round):
    stp = open_round.assessments.get(unit__code="hy-stp")
    bound = stp.scores.get(node__code="1.2.1")
    manual = stp.scores.get(node__code="1.1.2")
    other = "0" if bound.computed_points else "1"
    _login(client, "tp.reporter")
    response = client.post(
        reverse("scoring:self_save", args=[stp.pk]),
        {
            f"self-{bound.pk}": other,
            f"reason-{bound.pk}": "",
            f"self-{manual.pk}": "1,5",
            f"note-{manual.pk}": "Đã bố trí kinh phí.",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    row = page.split('data-leaf="1.1.2"')[1].split("</tr>")[0]
    assert 'value="1,5"' in row and "Điểm phải từ 0 đến 1." in row
    assert "Đã bố trí kinh phí." in row
    assert "cần ghi lý do" in page.split('data-leaf="1.2.1"')[1].split("</tr>")[0]
    manual.refresh_from_db()
    assert manual.self_points is None  # nothing saved
    response = client.post(
        reverse("scoring:self_save", args=[stp.pk]),
        {f"self-{manual.pk}": "1", f"note-{manual.pk}": "Đã bố trí kinh phí."},
    )
    assert response.status_code == 302
    manual.refresh_from_db()
    assert manual.self_points == 1 and manual.self_note == "Đã bố trí kinh phí."


def test_the_published_decision_reads_back_from_its_pdf(client, tmp_path):
    round_ = ScoringRound.objects.get(province__code="hy-ubnd", year=2023)
    publication = round_.publications.get()
    assert services.publication_render(publication_id=publication.pk)
    _login(client, "tp.head")
    response = client.get(reverse("scoring:publication_pdf", args=[publication.pk]))
    assert response["Content-Disposition"].endswith(
        'filename="quyet-dinh-cong-bo-chi-so-cchc-2023-so-25.pdf"'
    )
    path = tmp_path / "qd.pdf"
    path.write_bytes(b"".join(response.streaming_content))
    text = re.sub(
        r"\s+",
        " ",
        subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
        ).stdout,
    )
    assert "Số: 25/QĐ-UBND" in text and "Hưng Yên, ngày 05 tháng 02 năm 2024" in text
    assert "QUYẾT ĐỊNH" in text and "Điều 1." in text and "PHỤ LỤC" in text
    assert "Dữ liệu mẫu" in text and "Bộ chỉ số ví dụ" in text
    for row in publication.data["groups"][0]["rows"]:
        assert row["index"] in text
    xlsx = client.get(reverse("scoring:publication_xlsx", args=[publication.pk]))
    assert xlsx.status_code == 200


def test_the_criteria_set_page_shows_the_tree_and_its_bindings(client):
    round_ = ScoringRound.objects.get(province__code="hy-ubnd", year=2023)
    criteria_set = round_.assessments.first().criteria_set
    _login(client, "vp.coordinator")
    page = _text(client.get(reverse("scoring:set_detail", args=[criteria_set.pk])))
    assert "Ban hành kế hoạch CCHC năm" in page and "Ban hành không kịp thời: 0,5" in page
    assert "Tính từ dữ liệu: Tỷ lệ nhiệm vụ được giao hoàn thành đúng hạn" in page
    assert "Tổng điểm 100 (điều tra xã hội học 30)" in page
    assert "QĐ 876/QĐ-BNV" in page


def test_the_projection_says_where_each_leaf_comes_from(client):
    round_ = ScoringRound.objects.get(province__code="hy-ubnd", year=2023)
    stp = round_.assessments.get(unit__code="hy-stp")
    _login(client, "tp.reporter")
    page = _text(client.get(reverse("scoring:projection", args=[round_.pk]) + "?ngay=20/09/2023"))
    assert "số liệu kỳ Quý III năm 2023" in page
    assert "Sở Tư pháp" in page and "tính từ dữ liệu" in page.lower()
    assert "Điểm năm trước" in page  # the 2022 demo round's points
    assert str(stp.unit_id)


def test_the_projection_day_defaults_within_the_round_and_a_bad_one_is_said(client, time_machine):
    """Today past the round's window (a 2023 round read in 2026): the page shows the window's
    last day, and its links carry it (they led to a 404 when they carried today). A day typed
    wrong or outside the window: a Vietnamese message beside the field, what was typed kept."""
    time_machine.move_to("2026-12-08 09:00 +07:00")
    round_ = ScoringRound.objects.get(province__code="hy-ubnd", year=2023)
    _login(client, "nv.reviewer")
    url = reverse("scoring:projection", args=[round_.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "đến ngày 31/12/2024" in _text(response)
    links = re.findall(r'href="(\?ngay=[^"]+)"', response.content.decode())
    assert links and all("ngay=31/12/2024" in link for link in links)
    assert client.get(url + links[0].replace("&amp;", "&")).status_code == 200
    for typed, said in (
        ("abc", "nhập theo dạng dd/mm/yyyy"),
        ("01/01/2030", "Ngày phải trong khoảng 01/01/2022"),
    ):
        response = client.get(url, {"ngay": typed})
        assert response.status_code == 400
        page = response.content.decode()
        assert said in page and f'value="{typed}"' in page


@pytest.mark.parametrize(
    "username", ["nv.reviewer", "ubnd.leader", "tp.reporter", "tp.head", "vp.coordinator"]
)
def test_every_tab_a_round_shows_opens(client, username):
    """A round's tabs are those the viewer may open: each answers 200 (the overview and the
    projection answered a reporter and a coordinator with 403); the Sở Nội vụ sees them all."""
    round_ = ScoringRound.objects.get(province__code="hy-ubnd", year=2023)
    _login(client, username)
    page = client.get(reverse("scoring:round_detail", args=[round_.pk])).content.decode()
    nav = page.split('class="toc"', 1)[1].split("</nav>", 1)[0]
    tabs = re.findall(r'href="([^"]+)"', nav)
    assert tabs
    for url in tabs:
        assert client.get(url).status_code == 200, (username, url)
    if username == "nv.reviewer":
        assert len(tabs) == 5
