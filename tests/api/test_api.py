"""The read API: its schema validates and its documentation is served locally; a token answers
for its province only, a revoked one is refused; no draft or unapproved figure ever appears;
lists are paginated with a query count that does not grow with the page size; calls are rate
limited and logged."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal as D

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.db.models import F as models_F  # noqa: N812
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone
from openapi_spec_validator import validate

from agencies.models import Agency, User
from api.models import ApiCall
from api.services import client_issue, client_revoke
from plans.models import Plan, ReportingPeriod
from reporting.models import ReviewStatus, Submission, TargetProgress, TargetResult
from reporting.progress import period_progress_compute
from reports.models import Report
from scoring.models import Publication, ScoringRound
from targets.models import Target
from tests.conftest import module_rows
from tests.factories import stored_report

pytestmark = pytest.mark.django_db

#: figures of a draft line and of a line awaiting review: they must never leave the API
DRAFT_MARK, PENDING_MARK = "987654", "876543"


def _token(code: str, name: str = "Hệ thống thông tin báo cáo tỉnh") -> str:
    _client, token = client_issue(
        name=name, province=Agency.objects.get(code=code), user=User.objects.get(username="nv.reviewer")
    )
    return token


def _get(client, path: str, token: str | None, **params):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.get(path, params, **headers)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Both seed provinces with their Quý I figures computed, an issued and a draft report each,
    a published PAR-index result for Hưng Yên; a draft line and a pending line with distinctive
    figures (computed too: they must not count). Written once for the module (tests/conftest.py
    ``module_rows``: each test's writes are still rolled back after it)."""
    with module_rows(django_db_blocker, _world) as rows:
        yield rows


def _world():
    hy_q1 = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q1")
    hd_q1 = ReportingPeriod.objects.get(plan__code="hai-duong-2024", kind="q1")
    rate = Target.objects.filter(statement__plan=hy_q1.plan, measure="rate").first()
    for agency_code, status, mark in (("hy-snv", "draft", DRAFT_MARK), ("hy-stp", "submitted", PENDING_MARK)):
        agency = Agency.objects.get(code=agency_code)
        submission, _ = Submission.objects.update_or_create(
            period=hy_q1,
            agency=agency,
            defaults={"status": status, "submitted_at": None if status == "draft" else timezone.now()},
        )
        TargetResult.objects.update_or_create(
            submission=submission,
            target=rate,
            defaults={
                "numerator": D(mark),
                "denominator": D(mark) + 1,
                "review_status": ReviewStatus.PENDING,
                "comment": f"THUYETMINH-{mark}",
            },
        )
    for period in (hy_q1, hd_q1):
        period_progress_compute(period_id=period.pk)
    reports = {
        "hy_issued": stored_report(hy_q1, None, issued=True, number="31"),
        "hy_draft": stored_report(hy_q1, Agency.objects.get(code="hy-stp")),
        "hd_issued": stored_report(hd_q1, None, issued=True, number="42"),
    }
    Report.objects.filter(pk=reports["hy_draft"].pk).update(number="DUTHAO-BIMAT")
    hy = Agency.objects.get(code="hy-ubnd")
    round_ = ScoringRound.objects.create(province=hy, year=2023, title="Chỉ số CCHC năm 2023")
    stp = Agency.objects.get(code="hy-stp")
    Publication.objects.create(
        round=round_,
        state="issued",
        number="25",
        series="QĐ-UBND",
        issued_on=date(2024, 1, 20),
        issuer=hy,
        issued_year=2024,
        data={
            "groups": [
                {
                    "code": "so",
                    "label": "Sở, ban, ngành",
                    "rows": [
                        {
                            "rank": 1,
                            "unit": stp.name,
                            "unit_id": stp.pk,
                            "index_value": "91.25",
                            "band": "Tốt",
                        }
                    ],
                }
            ]
        },
    )
    draft_round = ScoringRound.objects.create(province=hy, year=2024, title="Chưa công bố")
    Publication.objects.create(
        round=draft_round, data={"groups": [{"code": "x", "label": "NHOM-DUTHAO", "rows": []}]}
    )
    return {
        "hy": _token("hy-ubnd"),
        "hd": _token("hd-ubnd", "Cổng thông tin Hải Dương"),
        "hy_plan": hy_q1.plan_id,
        "hd_plan": hd_q1.plan_id,
        "hy_period": hy_q1.pk,
        "hd_period": hd_q1.pk,
        **{k: r.pk for k, r in reports.items()},
    }


def test_the_openapi_schema_validates_and_speaks_vietnamese(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    validate(spec)
    assert spec["openapi"].startswith("3.")
    figure = spec["components"]["schemas"]["FigureOut"]["properties"]
    assert figure["coverage"]["description"] == "Số cơ quan mà số liệu dựa trên"
    assert figure["explanation_url"]["description"].startswith("Trang giải trình")
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", name) for name in figure)  # English snake_case
    assert set(spec["paths"]) >= {
        "/api/v1/plans",
        "/api/v1/plans/{plan_id}",
        "/api/v1/periods/{period_id}/figures",
        "/api/v1/periods/{period_id}/tasks",
        "/api/v1/periods/{period_id}/compliance",
        "/api/v1/reports",
        "/api/v1/par-index",
    }
    assert all(set(methods) == {"get"} for methods in spec["paths"].values())  # read-only


def test_the_documentation_is_served_from_local_files(client):
    page = client.get("/api/v1/docs").content.decode()
    assert "swagger-ui" in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page), "an external URL in the documentation page"
    assert "cdn" not in page.lower()
    for asset in re.findall(r"(?:src|href)=\"/static/([^\"]+)\"", page):
        assert finders.find(asset), asset
    assert "<script>" not in page.replace('<script type="application/json"', "")  # no inline script (CSP)


def test_without_a_token_or_with_a_revoked_one_nothing_is_answered(client, world):
    assert _get(client, "/api/v1/plans", None).status_code == 401
    assert _get(client, "/api/v1/plans", "cchc_khong-co-that").status_code == 401
    client.force_login(User.objects.get(username="nv.reviewer"))  # a session is not a token
    assert client.get("/api/v1/plans").status_code == 401
    client.logout()
    assert _get(client, "/api/v1/plans", world["hy"]).status_code == 200
    from api.models import ApiClient, token_hash

    api_client = ApiClient.objects.get(token_hash=token_hash(world["hy"]))
    client_revoke(client=api_client, user=User.objects.get(username="nv.reviewer"))
    response = _get(client, "/api/v1/plans", world["hy"])
    assert response.status_code == 401
    assert DRAFT_MARK not in response.content.decode()
    # read-only: a write is refused whatever the token
    response = client.post("/api/v1/plans", {}, HTTP_AUTHORIZATION=f"Bearer {world['hd']}")
    assert response.status_code == 405


def _endpoints(ids, own: str, other: str):
    """(path, params, whether it is the token's own province)."""
    for side, mine in ((own, True), (other, False)):
        yield f"/api/v1/plans/{ids[f'{side}_plan']}", {}, mine
        yield f"/api/v1/plans/{ids[f'{side}_plan']}/periods", {}, mine
        for kind in ("figures", "tasks", "compliance"):
            yield f"/api/v1/periods/{ids[f'{side}_period']}/{kind}", {}, mine
        yield f"/api/v1/periods/{ids[f'{side}_period']}/figures", {"scope": "agency"}, mine
        for fmt in ("pdf", "xlsx", "json"):
            yield f"/api/v1/reports/{ids[f'{side}_issued']}/{fmt}", {}, mine


@pytest.mark.parametrize("own,other", [("hy", "hd"), ("hd", "hy")])
def test_every_endpoint_answers_only_for_its_token_s_province(client, world, own, other):
    token = world[own]
    for path, params, mine in _endpoints(world, own, other):
        response = _get(client, path, token, **params)
        assert response.status_code == (200 if mine else 404), (own, path, response.status_code)
    plans = _get(client, "/api/v1/plans", token).json()
    listed = {p["id"] for p in plans["items"]}
    assert world[f"{own}_plan"] in listed and world[f"{other}_plan"] not in listed
    province = Agency.objects.get(code=f"{own}-ubnd")
    assert all(
        (p.issuer_id == province.pk or p.issuer.parent_id == province.pk)
        for p in Plan.objects.filter(pk__in=listed)
    )
    reports = _get(client, "/api/v1/reports", token).json()
    assert [r["id"] for r in reports["items"]] == [world[f"{own}_issued"]]  # issued only
    par = _get(client, "/api/v1/par-index", token).json()
    assert par["count"] == (1 if own == "hy" else 0)
    assert _get(client, "/api/v1/reports", token, plan_id=world[f"{other}_plan"]).json()["count"] == 0


def test_figures_say_their_judgement_coverage_and_explanation(client, world):
    data = _get(client, f"/api/v1/periods/{world['hy_period']}/figures", world["hy"], page_size=200).json()
    assert data["count"] == Target.objects.filter(statement__plan_id=world["hy_plan"]).count()
    row = next(r for r in data["items"] if r["value"] is not None)
    assert isinstance(row["value"], float) and isinstance(row["coverage"]["reported"], int)
    assert row["coverage"]["label"] == f"{row['coverage']['reported']}/{row['coverage']['expected']} cơ quan"
    assert row["judgement"] in {"Đạt", "Đúng tiến độ", "Có nguy cơ", "Chậm", "Chưa có số liệu"}
    assert row["explanation_url"].startswith("http") and "/bao-cao/giai-trinh/ky/" in row["explanation_url"]
    tasks = _get(client, f"/api/v1/periods/{world['hy_period']}/tasks", world["hy"]).json()["items"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", tasks[0]["due"])
    detail = _get(client, f"/api/v1/plans/{world['hy_plan']}", world["hy"]).json()
    assert detail["areas"] and detail["targets"] and detail["tasks"]
    assert detail["issue_date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", detail["issue_date"])
    par = _get(client, "/api/v1/par-index", world["hy"]).json()["items"][0]
    assert par["number"] == "25/QĐ-UBND" and par["groups"][0]["rows"][0]["index"] == 91.25


def _every_answer(client, token, ids, side) -> str:
    """The text of every answer the token can get about its province (every page of every list)."""
    texts = []
    paths = [
        "/api/v1/plans",
        f"/api/v1/plans/{ids[f'{side}_plan']}",
        f"/api/v1/plans/{ids[f'{side}_plan']}/periods",
        "/api/v1/reports",
        "/api/v1/par-index",
    ]
    for period in ReportingPeriod.objects.filter(plan_id=ids[f"{side}_plan"]):
        paths += [f"/api/v1/periods/{period.pk}/{kind}" for kind in ("figures", "tasks", "compliance")]
        paths.append((f"/api/v1/periods/{period.pk}/figures", {"scope": "agency"}))
    for entry in paths:
        path, params = entry if isinstance(entry, tuple) else (entry, {})
        page = 1
        while True:
            response = _get(client, path, token, page=page, page_size=200, **params)
            texts.append(response.content.decode())
            body = response.json()
            if not isinstance(body, dict) or "items" not in body or page * 200 >= body["count"]:
                break
            page += 1
    for report in ReportsOf(ids, side):
        for fmt in ("xlsx", "json"):
            response = _get(client, f"/api/v1/reports/{report}/{fmt}", token)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            texts.append(body.decode("utf-8", "replace") if fmt == "json" else _xlsx_text(body))
    return "\n".join(texts)


def ReportsOf(ids, side):  # noqa: N802
    return [ids[f"{side}_issued"]]


def _xlsx_text(content: bytes) -> str:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())


def test_no_draft_or_unapproved_figure_ever_appears(client, world):
    # the lines are there, and their agencies' own figures were computed (from approved lines)
    assert TargetResult.objects.filter(numerator=D(DRAFT_MARK)).exists()
    assert TargetResult.objects.filter(numerator=D(PENDING_MARK)).exists()
    Plan.objects.filter(code="hung-yen-2023").update()
    text = _every_answer(client, world["hy"], world, "hy")
    assert len(text) > 10_000
    for mark in (DRAFT_MARK, PENDING_MARK, f"THUYETMINH-{DRAFT_MARK}", "DUTHAO-BIMAT", "NHOM-DUTHAO"):
        assert mark not in text, mark


def test_a_draft_plan_is_not_listed(client, world):
    plan = Plan.objects.get(pk=world["hy_plan"])
    draft = Plan.objects.create(
        code="hy-2024-duthao", title="KE-HOACH-DUTHAO-BIMAT", issuer=plan.issuer, year=2024, status="draft"
    )
    text = _get(client, "/api/v1/plans", world["hy"]).content.decode()
    assert "KE-HOACH-DUTHAO-BIMAT" not in text
    assert _get(client, f"/api/v1/plans/{draft.pk}", world["hy"]).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/periods/{hy_period}/figures?scope=agency",
        "/api/v1/periods/{hy_period}/tasks",
        "/api/v1/periods/{hy_period}/compliance",
        "/api/v1/plans",
        "/api/v1/reports",
        "/api/v1/par-index",
    ],
)
def test_a_list_costs_the_same_queries_whatever_the_page_size(client, world, path, django_assert_num_queries):
    url = path.format(**world)
    sep = "&" if "?" in url else "?"
    with CaptureQueriesContext(connection) as small:
        first = _get(client, f"{url}{sep}page_size=2", world["hy"])
    assert first.status_code == 200
    # auth (1), count (1), the page (1), the call log (1): no query per row
    assert len(small) <= 6, [q["sql"][:120] for q in small.captured_queries]
    with django_assert_num_queries(len(small)):
        big = _get(client, f"{url}{sep}page_size=200", world["hy"])
    assert big.status_code == 200


def test_lists_are_paginated(client, world):
    url = f"/api/v1/periods/{world['hy_period']}/figures?scope=agency"
    first = _get(client, url + "&page_size=3", world["hy"]).json()
    second = _get(client, url + "&page_size=3&page=2", world["hy"]).json()
    assert len(first["items"]) == 3 and first["count"] > 6
    assert {(r["target_id"], r["agency_id"]) for r in first["items"]}.isdisjoint(
        {(r["target_id"], r["agency_id"]) for r in second["items"]}
    )
    assert len(_get(client, url + "&page_size=5000", world["hy"]).json()["items"]) <= 200


def test_report_files_download_with_the_token(client, world):
    listing = _get(client, "/api/v1/reports", world["hy"]).json()["items"][0]
    assert listing["number"] == "31/BC-UBND" and listing["issued_on"] == "2023-04-20"
    pdf = _get(client, listing["pdf_url"].replace("http://testserver", ""), world["hy"])
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    xlsx = _get(client, listing["xlsx_url"].replace("http://testserver", ""), world["hy"])
    assert b"".join(xlsx.streaming_content)[:2] == b"PK"
    data = json.loads(_get(client, listing["json_url"].replace("http://testserver", ""), world["hy"]).content)
    assert data == Report.objects.get(pk=world["hy_issued"]).data
    assert _get(client, listing["pdf_url"].replace("http://testserver", ""), None).status_code == 401


@override_settings(API_RATE_LIMIT=3)
def test_calls_are_rate_limited_per_token_and_every_call_is_logged(client, world):
    from django.core.cache import cache

    cache.clear()
    ApiCall.objects.all().delete()
    statuses = [_get(client, "/api/v1/plans", world["hy"]).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = _get(client, "/api/v1/plans", world["hy"])
    assert limited.status_code == 429 and 1 <= int(limited["Retry-After"]) <= 61
    assert "Quá số lượt gọi" in limited.json()["detail"]
    assert _get(client, "/api/v1/plans", world["hd"]).status_code == 200  # another token, its own count
    _get(client, "/api/v1/plans", None)
    calls = list(ApiCall.objects.order_by("pk").values_list("client__name", "path", "status"))
    assert calls == [
        *[("Hệ thống thông tin báo cáo tỉnh", "/api/v1/plans", s) for s in (200, 200, 200, 429, 429)],
        ("Cổng thông tin Hải Dương", "/api/v1/plans", 200),
        (None, "/api/v1/plans", 401),
    ]
    assert all(c.duration_ms >= 0 and c.at for c in ApiCall.objects.all())


def _figures(client, world, side="hy", **params):
    return _get(client, f"/api/v1/periods/{world[f'{side}_period']}/figures", world[side], **params)


def test_a_cached_answer_is_the_answer_and_goes_when_the_figures_change(client, world):
    """Issue 26: the figures endpoint is served from the cache until the plan's progress version
    changes, byte for byte the answer django-ninja gives uncached; a recompute is seen at once."""
    with override_settings(PAGE_CACHE_SECONDS=0):
        uncached = _figures(client, world, page_size=200)
    first = _figures(client, world, page_size=200)
    assert first.status_code == 200 and first["Content-Type"].startswith("application/json")
    assert first.json() == uncached.json()
    assert json.loads(first.content) == json.loads(uncached.content)
    # a stored figure changed behind the recompute's back (no new version): the cache answers
    rows = TargetProgress.objects.filter(period_id=world["hy_period"], scope="province")
    row = rows.exclude(value=None).first()
    TargetProgress.objects.filter(pk=row.pk).update(value=D("4242.5"))
    served = {r["target_id"]: r["value"] for r in _figures(client, world, page_size=200).json()["items"]}
    assert served[row.target_id] != 4242.5
    # a recompute bumps the plan's version: the next answer is read again
    Plan.objects.filter(pk=world["hy_plan"]).update(progress_version=models_F("progress_version") + 1)
    fresh = {r["target_id"]: r["value"] for r in _figures(client, world, page_size=200).json()["items"]}
    assert fresh[row.target_id] == 4242.5
    # each page, page size and scope is its own entry
    assert _figures(client, world, page_size=5).json()["items"] == fresh_items(client, world)[:5]


def fresh_items(client, world):
    with override_settings(PAGE_CACHE_SECONDS=0):
        return _figures(client, world, page_size=200).json()["items"]


def test_a_cached_answer_never_goes_to_another_province(client, world):
    """An answer cached for Hưng Yên's token is never given to Hải Dương's: 404 as before."""
    assert _figures(client, world, page_size=200).status_code == 200
    for kind in ("figures", "tasks", "compliance"):
        assert _get(client, f"/api/v1/periods/{world['hy_period']}/{kind}", world["hy"]).status_code == 200
        other = _get(client, f"/api/v1/periods/{world['hy_period']}/{kind}", world["hd"])
        assert other.status_code == 404, kind
    assert _figures(client, world, page_size=200).status_code == 200
    other = _get(client, f"/api/v1/periods/{world['hy_period']}/figures", world["hd"], page_size=200)
    assert other.status_code == 404
