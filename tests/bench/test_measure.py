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
