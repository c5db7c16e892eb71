"""Who carries an agency's work on a day: the pure walk over succession records (no database),
then the two-query database wrapper."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agencies.models import Agency, AgencySuccession
from agencies.succession import Succession, successor_ids, successor_ids_map, successors_map
from tests.factories import AgencyFactory

MERGE, SPLIT, RENAME, DISSOLVE = "merge", "split", "rename", "dissolve"

# Agencies of the 2025 reorganisation, as plain ids.
STTTT, SKHCN, SKHDT, STC, SNV, SLDTBXH = 1, 2, 3, 4, 5, 6
HUYEN_VAN_LAM, XA_1, XA_2, XA_3 = 10, 11, 12, 13
TX_KINH_MON, TP_KINH_MON, HD_SKHCN, HP_SKHCN = 20, 21, 22, 23

MARCH_1 = date(2025, 3, 1)  # the sở mergers (Sở TT&TT into Sở KH&CN, Sở KH&ĐT into Sở TC)
JULY_1 = date(2025, 7, 1)  # districts end; provinces merge

REAL_2025 = [
    Succession(STTTT, SKHCN, MERGE, MARCH_1),
    Succession(SKHDT, STC, MERGE, MARCH_1),
    Succession(SLDTBXH, SNV, MERGE, MARCH_1),
    # a district UBND dissolved, its work passed to the new communes
    Succession(HUYEN_VAN_LAM, XA_1, DISSOLVE, JULY_1),
    Succession(HUYEN_VAN_LAM, XA_2, DISSOLVE, JULY_1),
    Succession(HUYEN_VAN_LAM, XA_3, DISSOLVE, JULY_1),
]


# --- the real 2025 cases ------------------------------------------------------------------


def test_so_tt_tt_merged_into_so_kh_cn_on_1_march_2025():
    assert successor_ids(REAL_2025, STTTT, on=MARCH_1) == (SKHCN,)
    assert successor_ids(REAL_2025, STTTT, on=date(2026, 1, 1)) == (SKHCN,)


def test_so_kh_dt_merged_into_so_tai_chinh():
    assert successor_ids(REAL_2025, SKHDT, on=date(2025, 12, 31)) == (STC,)


def test_a_date_before_the_effective_date_keeps_the_agency():
    assert successor_ids(REAL_2025, STTTT, on=date(2025, 2, 28)) == (STTTT,)
    assert successor_ids(REAL_2025, SKHDT, on=date(2025, 1, 1)) == (SKHDT,)
    assert successor_ids(REAL_2025, HUYEN_VAN_LAM, on=date(2025, 6, 30)) == (HUYEN_VAN_LAM,)


def test_a_district_ubnd_dissolved_passes_its_work_to_every_commune():
    assert successor_ids(REAL_2025, HUYEN_VAN_LAM, on=JULY_1) == (XA_1, XA_2, XA_3)


def test_a_dissolution_with_one_successor_passes_the_work_to_it():
    edges = [Succession(HUYEN_VAN_LAM, XA_1, DISSOLVE, JULY_1)]
    assert successor_ids(edges, HUYEN_VAN_LAM, on=JULY_1) == (XA_1,)


def test_renames_chained_with_merges():
    # thị xã Kinh Môn renamed thành phố Kinh Môn (illustrative date), dissolved into a commune
    # on 1/7/2025; Sở TT&TT merged into Sở KH&CN, which merged into Hải Phòng's on 1/7/2025.
    edges = [
        Succession(TX_KINH_MON, TP_KINH_MON, RENAME, date(2025, 1, 1)),
        Succession(TP_KINH_MON, XA_1, DISSOLVE, JULY_1),
        Succession(STTTT, HD_SKHCN, MERGE, MARCH_1),
        Succession(HD_SKHCN, HP_SKHCN, MERGE, JULY_1),
    ]
    assert successor_ids(edges, TX_KINH_MON, on=date(2024, 12, 31)) == (TX_KINH_MON,)
    assert successor_ids(edges, TX_KINH_MON, on=date(2025, 3, 1)) == (TP_KINH_MON,)
    assert successor_ids(edges, TX_KINH_MON, on=JULY_1) == (XA_1,)
    assert successor_ids(edges, STTTT, on=date(2025, 5, 1)) == (HD_SKHCN,)
    assert successor_ids(edges, STTTT, on=JULY_1) == (HP_SKHCN,)


# --- the rules, one by one ----------------------------------------------------------------


def test_an_agency_with_no_record_maps_to_itself():
    assert successor_ids([], 42, on=JULY_1) == (42,)
    assert successor_ids(REAL_2025, SNV, on=JULY_1) == (SNV,)  # a successor carries its own


def test_a_chain_is_followed_to_its_end():
    edges = [
        (1, 2, RENAME, date(2020, 1, 1)),
        (2, 3, MERGE, date(2021, 1, 1)),
        (3, 4, RENAME, date(2022, 1, 1)),
    ]
    assert successor_ids(edges, 1, on=date(2023, 1, 1)) == (4,)
    assert successor_ids(edges, 1, on=date(2021, 6, 1)) == (3,)
    assert successor_ids(edges, 2, on=date(2023, 1, 1)) == (4,)


def test_steps_on_the_same_day_chain():
    edges = [(1, 2, RENAME, MARCH_1), (2, 3, MERGE, MARCH_1)]
    assert successor_ids(edges, 1, on=MARCH_1) == (3,)


def test_a_split_gives_every_successor_and_each_follows_its_own_chain():
    edges = [
        (1, 2, SPLIT, date(2020, 1, 1)),
        (1, 3, SPLIT, date(2020, 1, 1)),
        (3, 4, MERGE, date(2021, 1, 1)),
        (3, 5, MERGE, date(2030, 1, 1)),
    ]
    assert successor_ids(edges, 1, on=date(2022, 1, 1)) == (2, 4)


def test_a_split_then_merged_back_gives_one_successor():
    edges = [
        (1, 2, SPLIT, date(2020, 1, 1)),
        (1, 3, SPLIT, date(2020, 1, 1)),
        (2, 4, MERGE, date(2021, 1, 1)),
        (3, 4, MERGE, date(2021, 1, 1)),
    ]
    assert successor_ids(edges, 1, on=date(2022, 1, 1)) == (4,)


def test_an_edge_not_yet_effective_is_ignored_even_in_the_middle_of_a_chain():
    edges = [(1, 2, RENAME, date(2020, 1, 1)), (2, 3, MERGE, date(2025, 3, 1))]
    assert successor_ids(edges, 1, on=date(2025, 2, 28)) == (2,)
    assert successor_ids(edges, 1, on=date(2025, 3, 1)) == (3,)


def test_a_rename_back_returns_the_work_to_the_first_name():
    edges = [(1, 2, RENAME, date(2020, 1, 1)), (2, 1, RENAME, date(2022, 1, 1))]
    assert successor_ids(edges, 1, on=date(2021, 1, 1)) == (2,)
    assert successor_ids(edges, 1, on=date(2023, 1, 1)) == (1,)
    assert successor_ids(edges, 2, on=date(2023, 1, 1)) == (1,)


def test_a_step_dated_before_the_one_that_led_there_is_not_taken():
    # 2 merged into 3 in 2019, before 1 was renamed to 2 in 2020: that 2 is not 1's body.
    edges = [(1, 2, RENAME, date(2020, 1, 1)), (2, 3, MERGE, date(2019, 1, 1))]
    assert successor_ids(edges, 1, on=date(2023, 1, 1)) == (2,)
    assert successor_ids(edges, 2, on=date(2023, 1, 1)) == (3,)


def test_a_loop_on_one_day_ends():
    edges = [(1, 2, RENAME, MARCH_1), (2, 1, RENAME, MARCH_1)]
    assert successor_ids(edges, 1, on=JULY_1) == (1,)
    assert successor_ids(edges, 2, on=JULY_1) == (2,)


def test_a_longer_loop_ends_and_keeps_the_branches_that_leave_it():
    edges = [(1, 2, MERGE, MARCH_1), (2, 3, MERGE, MARCH_1), (3, 1, MERGE, MARCH_1), (2, 9, SPLIT, MARCH_1)]
    assert successor_ids(edges, 1, on=JULY_1) == (9,)


def test_a_record_naming_the_same_agency_twice_is_ignored():
    assert successor_ids([(1, 1, RENAME, MARCH_1)], 1, on=JULY_1) == (1,)


def test_the_kind_does_not_change_how_work_passes():
    for kind in (MERGE, SPLIT, RENAME, DISSOLVE):
        assert successor_ids([(1, 2, kind, MARCH_1)], 1, on=MARCH_1) == (2,)


def test_plain_tuples_and_a_generator_are_accepted():
    edges = ((p, s, k, d) for p, s, k, d in REAL_2025)
    assert successor_ids(edges, STTTT, on=JULY_1) == (SKHCN,)


def test_many_agencies_at_once():
    result = successor_ids_map(REAL_2025, [STTTT, SKHDT, SNV, HUYEN_VAN_LAM], on=JULY_1)
    assert result == {STTTT: (SKHCN,), SKHDT: (STC,), SNV: (SNV,), HUYEN_VAN_LAM: (XA_1, XA_2, XA_3)}


def test_a_long_chain_is_walked_without_recursion():
    edges = [(n, n + 1, RENAME, date(2000, 1, 1)) for n in range(5000)]
    assert successor_ids(edges, 0, on=date(2001, 1, 1)) == (5000,)


edge_strategy = st.lists(
    st.tuples(
        st.integers(1, 6),
        st.integers(1, 6),
        st.sampled_from([MERGE, SPLIT, RENAME, DISSOLVE]),
        st.dates(date(2020, 1, 1), date(2020, 1, 10)),
    ),
    max_size=25,
)


@settings(max_examples=300, deadline=None)
@given(edges=edge_strategy, agency=st.integers(1, 6), on=st.dates(date(2019, 12, 25), date(2020, 1, 15)))
def test_any_records_give_an_answer_made_of_known_agencies(edges, agency, on):
    """Loops, duplicates and records on any day: always ends, never empty, never invents."""
    result = successor_ids(edges, agency, on=on)
    assert result
    assert list(result) == sorted(set(result))
    known = {agency} | {s for _p, s, _k, d in edges if d <= on}
    assert set(result) <= known
    in_force = [e for e in edges if e[3] <= on and e[0] == agency and e[1] != agency]
    if not in_force:
        assert result == (agency,)


# --- the database wrapper -----------------------------------------------------------------


@pytest.mark.django_db
def test_successors_map_reads_records_and_agencies_in_two_queries(django_assert_num_queries):
    sttt, skhcn, skhdt, stc, huyen, xa1, xa2 = (AgencyFactory() for _ in range(7))
    other = AgencyFactory()
    for predecessor, successor, kind, day in [
        (sttt, skhcn, MERGE, MARCH_1),
        (skhdt, stc, MERGE, MARCH_1),
        (huyen, xa1, DISSOLVE, JULY_1),
        (huyen, xa2, DISSOLVE, JULY_1),
    ]:
        AgencySuccession.objects.create(
            predecessor=predecessor, successor=successor, kind=kind, effective_date=day
        )
    asked = [sttt.pk, skhdt.pk, huyen.pk, other.pk, 999_999]
    with django_assert_num_queries(2):
        result = successors_map(asked, on=date(2026, 1, 1))
        levels = {a.level.code for agencies in result.values() for a in agencies}
    assert levels == {"tinh"}  # the level comes with the agency
    assert result == {sttt.pk: [skhcn], skhdt.pk: [stc], huyen.pk: [xa1, xa2], other.pk: [other], 999_999: []}
    before = successors_map([sttt.pk, huyen.pk], on=date(2025, 2, 28))
    assert before == {sttt.pk: [sttt], huyen.pk: [huyen]}


@pytest.mark.django_db
def test_successors_map_query_count_does_not_grow_with_the_agencies(django_assert_num_queries):
    many = AgencyFactory.create_batch(40)
    for predecessor, successor in zip(many[::2], many[1::2], strict=True):
        AgencySuccession.objects.create(
            predecessor=predecessor, successor=successor, kind=MERGE, effective_date=MARCH_1
        )
    with django_assert_num_queries(2):
        result = successors_map([a.pk for a in many], on=JULY_1)
    assert all(result[p.pk] == [s] for p, s in zip(many[::2], many[1::2], strict=True))
    with django_assert_num_queries(0):
        assert successors_map([], on=JULY_1) == {}


@pytest.mark.django_db
def test_successors_map_on_the_seed_agencies():
    """Sở TT&TT Hưng Yên as the seed loads it, merged into a Sở KH&CN on 1/3/2025 (the body and
    the record are made here unless the demo data already holds them)."""
    stttt = Agency.objects.get(code="hy-stttt")
    skhcn, _new = Agency.objects.get_or_create(
        code="hy-skhcn",
        defaults={
            "name": "Sở Khoa học và Công nghệ",
            "kind": Agency.Kind.SO,
            "level": stttt.level,
            "parent": stttt.parent,
        },
    )
    AgencySuccession.objects.get_or_create(
        predecessor=stttt, successor=skhcn, effective_date=MARCH_1, defaults={"kind": MERGE}
    )
    assert successors_map([stttt.pk], on=date(2025, 2, 28)) == {stttt.pk: [stttt]}
    assert successors_map([stttt.pk], on=MARCH_1) == {stttt.pk: [skhcn]}


def test_later_successors_are_every_body_the_work_passes_to_after_the_day():
    from agencies.succession import later_successor_ids_map

    edges = [
        (1, 2, "merge", date(2025, 3, 1)),
        (2, 3, "merge", date(2025, 7, 1)),
        (4, 5, "split", date(2024, 1, 1)),
    ]
    assert later_successor_ids_map(edges, [1, 2, 4, 9], after=date(2024, 12, 31)) == {
        1: {2, 3},
        2: {3},
        4: set(),
        9: set(),
    }
    assert later_successor_ids_map(edges, [1], after=date(2025, 3, 1)) == {1: set()}
