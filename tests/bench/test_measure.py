"""bench/measure.py's verdicts for issue 26: a page served from the cache within twice the
floor page, a page rendered after a recompute within the floor plus three times its
hand-written SQL; and the hand-written queries of the pages added for it run on PostgreSQL."""

import pytest

from bench.measure import AREA_SQL, EXPLAIN_SQL, _tables, page_goals


def test_warm_within_twice_the_floor():
    goals = page_goals(floor=0.004, sql=0.003, warm=0.008, cold=0.013)
    assert goals["warm_met"] and goals["warm_limit"] == pytest.approx(0.008)
    assert goals["warm_ratio"] == pytest.approx(2.0)
    assert not page_goals(floor=0.004, sql=0.003, warm=0.0081, cold=0.013)["warm_met"]


def test_cold_within_the_floor_plus_three_times_the_sql():
    goals = page_goals(floor=0.004, sql=0.003, warm=0.004, cold=0.013)
    assert goals["cold_met"] and goals["cold_limit"] == pytest.approx(0.013)
    assert goals["cold_ratio"] == pytest.approx(3.0)  # the page's own work, in SQLs
    failed = page_goals(floor=0.004, sql=0.003, warm=0.004, cold=0.051)
    assert not failed["cold_met"] and failed["cold_ratio"] == pytest.approx(15.667, rel=1e-3)


@pytest.mark.django_db
def test_the_area_and_explanation_queries_run():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the hand-written SQL is PostgreSQL's")
    params = {"plan": 0, "period": 0, "target": 0, "area": 0, "area_scope": "area:0"}
    with connection.cursor() as cursor:
        for sql in (AREA_SQL, EXPLAIN_SQL):
            cursor.execute(sql.format(**_tables()), params)
            assert cursor.fetchone() == (None, None, None)


def _run(users: int, wait: list, p95: float, *, passed: bool = True) -> dict:
    counts = {"reports": 400, "target_values": 6000, "task_values": 480, "problems": 0, "duplicate_lines": 0}
    entry = {"count": 2800, "seconds": 333.0, "per_second": 8.4, "p50": 70.0, "p95": p95, "p99": 250.0}
    return {
        "users": users,
        "wait_seconds": wait,
        "entry": entry,
        "failed": 0,
        "verification": {"passed": passed, "counts": counts},
        "measured": "07/12/2026 13:00",
    }


def test_one_row_for_each_pace_of_concurrent_entry(tmp_path, monkeypatch):
    """The benchmark's pace (results.json) and a person's (results-human-pace.json) are each a
    row with its own verdict; a pace not measured says so."""
    import json

    import bench.measure as measure

    out = tmp_path / "bench" / "concurrency"
    out.mkdir(parents=True)
    monkeypatch.setattr(measure, "ROOT", tmp_path)
    (out / "results.json").write_text(json.dumps(_run(400, [5.0, 15.0], 15456.0)))
    rows = measure.concurrency_rows()
    assert [row[0].rsplit(", ", 1)[1] for row in rows] == ["the benchmark's pace", "a person's pace"]
    assert "thinking 5–15 s" in rows[0][2] and "p95 15456 ms" in rows[0][2] and rows[0][3] == "**no**"
    assert rows[1][2].startswith("not measured") and rows[1][3] == "—"
    (out / "results-human-pace.json").write_text(json.dumps(_run(400, [30.0, 90.0], 182.0)))
    human = measure.concurrency_rows()[1]
    assert "thinking 30–90 s" in human[2] and human[3] == "yes"
    (out / "results-human-pace.json").write_text(json.dumps(_run(399, [30.0, 90.0], 182.0)))
    assert measure.concurrency_rows()[1][3] == "**no**"  # fewer than 400 reporters
    (out / "results-human-pace.json").write_text(json.dumps(_run(400, [30.0, 90.0], 182.0, passed=False)))
    assert measure.concurrency_rows()[1][3] == "**no**"  # a write lost or doubled


def test_the_concurrency_rows_alone_are_replaced(tmp_path, monkeypatch):
    """``--concurrency-only`` replaces the one old row by a row per pace and the note, and
    keeps every other line of the file."""
    import json

    import bench.measure as measure

    out = tmp_path / "bench" / "concurrency"
    out.mkdir(parents=True)
    monkeypatch.setattr(measure, "ROOT", tmp_path)
    (out / "results.json").write_text(json.dumps(_run(400, [5.0, 15.0], 15456.0)))
    (out / "results-human-pace.json").write_text(json.dumps(_run(400, [30.0, 90.0], 182.0)))
    before = "\n".join(
        [
            "| measurement | goal | measured | met |",
            "| Recompute one province-period (year period) | ≤ 5 s | 418 ms | yes |",
            "| Concurrent result entry (gunicorn + locust, bench/concurrency) | g | old | **no** |",
            "",
            "- Machine: 2 cores",
            "- Concurrent result entry is measured apart, by an old note.",
            "## Đọc chỉ tiêu từ văn bản",
        ]
    )
    after = measure.concurrency_refreshed(before).split("\n")
    assert after[:2] == before.split("\n")[:2] and after[-3:-1] == [
        "- Machine: 2 cores",
        measure.CONCURRENCY_NOTE,
    ]
    assert [line.split(" | ")[-1] for line in after[2:4]] == ["**no** |", "yes |"]
    assert "old" not in "\n".join(after) and after[-1] == "## Đọc chỉ tiêu từ văn bản"
    with pytest.raises(SystemExit):
        measure.concurrency_refreshed("| measurement | goal | measured | met |")
