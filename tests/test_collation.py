"""Names in Vietnamese alphabetical order (issue 22, item 9), on the configured database: the
test command runs this on PostgreSQL (the ICU collation), a quick run on SQLite (the Python one)."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse

from agencies.models import Agency
from cchc.collation import sort_key, vietnamese
from tests.factories import AgencyFactory

ALPHABET = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n", "o", "ô", "ơ"]
ALPHABET += ["p", "q", "r", "s", "t", "u", "ư", "v", "x", "y"]


def test_letters_sort_in_the_vietnamese_alphabet():
    shuffled = list(reversed(ALPHABET))
    assert sorted(shuffled, key=sort_key) == ALPHABET
    assert sorted(["huyện Yên Mỹ", "huyện Ân Thi", "huyện Văn Lâm"], key=sort_key) == [
        "huyện Ân Thi",
        "huyện Văn Lâm",
        "huyện Yên Mỹ",
    ]
    assert sorted(["Đông", "Em", "Dung"], key=sort_key) == ["Dung", "Đông", "Em"]


def test_tones_decide_only_between_the_same_letters():
    assert sorted(["mạ", "má", "mã", "mả", "mà", "ma"], key=sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]
    # the letters first: "mạnh" after "man" whatever the tones
    assert sorted(["mạnh", "mán", "man"], key=sort_key) == ["man", "mán", "mạnh"]
    assert sorted(["Ánh", "anh"], key=sort_key) == ["anh", "Ánh"]


@pytest.mark.django_db
def test_the_database_orders_names_the_same_way():
    names = ["huyện Yên Mỹ", "huyện Ân Thi", "Đông Thử", "Dương Thử", "Em Thử", "An Thử", "Ăn Thử"]
    for name in names:
        AgencyFactory(name=name, code=f"collation-{names.index(name)}")
    rows = Agency.objects.filter(code__startswith="collation-").order_by(vietnamese("name"))
    got = list(rows.values_list("name", flat=True))
    assert got == sorted(names, key=sort_key), connection.vendor
    assert got.index("huyện Ân Thi") < got.index("huyện Yên Mỹ")
    assert got.index("Dương Thử") < got.index("Đông Thử") < got.index("Em Thử")
    # agencies are listed in it by default (pickers without an order of their own)
    default = list(Agency.objects.filter(code__startswith="collation-").values_list("name", flat=True))
    assert default == got


@pytest.mark.django_db
def test_the_restructuring_page_lists_ân_thi_before_yên_mỹ(client):
    client.force_login(get_user_model().objects.get(username="nv.reviewer"))
    text = client.get(reverse("reporting:restructuring")).content.decode()
    assert "huyện Ân Thi" in text and "huyện Yên Mỹ" in text
    assert text.index("huyện Ân Thi") < text.index("huyện Yên Mỹ")
