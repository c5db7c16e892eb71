"""The agency-cell matcher reads what people type in a task appendix the way the hand-transcribed
seed plans read the printed plans: same agencies, same group phrases, nothing invented.
No database: agencies come straight from the seed YAML."""

import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agencies.matching import (
    ABBREVIATIONS,
    GROUP_PHRASES,
    AgencyName,
    CellMatch,
    agencies_match,
    is_group_phrase,
    name_key,
)

ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = ROOT / "targets" / "seed_data"
SOURCE_DIR = SEED_DIR / "sources"  # the printed plans' text, kept with the seeds


class Seed:
    """One seed file's agencies as the matcher sees them, with pk ↔ code for readable asserts."""

    def __init__(self, stem):
        self.data = yaml.safe_load((SEED_DIR / f"{stem}.yaml").read_text(encoding="utf-8"))
        self.by_code = {a["code"]: a for a in self.data["agencies"]}
        self.pk = {code: n for n, code in enumerate(self.by_code, start=1)}
        self.code = {n: code for code, n in self.pk.items()}
        self.agencies = [
            AgencyName(
                self.pk[a["code"]],
                tuple(n for n in (a["name"], a.get("short_name"), *(a.get("aliases") or [])) if n),
            )
            for a in self.data["agencies"]
        ]
        ubnd = next(a for a in self.data["agencies"] if a["kind"] == "ubnd_tinh")
        self.province = ubnd["place"]
        self.source_path = SOURCE_DIR / f"{stem}.txt"

    def match(self, cell, **kwargs):
        kwargs.setdefault("province", self.province)
        return agencies_match(cell, self.agencies, **kwargs)

    def codes(self, cell, **kwargs):
        return [self.code[pk] for pk in self.match(cell, **kwargs).agencies]

    def tasks(self):
        """(area lead, task) for every task and subtask, printed order."""

        def walk(tasks, lead):
            for task in tasks or []:
                yield lead, task
                yield from walk(task.get("subtasks"), lead)

        for area in self.data["areas"]:
            yield from walk(area.get("tasks"), area["lead"])

    def printed(self, text):
        """`text` as it stands in the printed source (line breaks and all); fails if the source
        does not print it."""
        source = self.source_path.read_text(encoding="utf-8")
        found = re.search(r"\s+".join(map(re.escape, text.split())), source)
        assert found, f"not in {self.source_path.name}: {text}"
        return found.group(0)


@cache
def seed(stem) -> Seed:
    return Seed(stem)


HY, HD = "hung_yen_2023", "hai_duong_2024"


def strip_marks(text):
    return (
        "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
        .replace("đ", "d")
        .replace("Đ", "D")
    )


# ---- name_key


@pytest.mark.parametrize(
    "text, key",
    [
        ("Sở Nội vụ", "so noi vu"),
        ("  SỞ   NỘI VỤ ", "so noi vu"),
        (unicodedata.normalize("NFD", "Sở Nội vụ"), "so noi vu"),  # decomposed, as PDFs and Macs give
        ("Ủy ban nhân dân tỉnh", "uy ban nhan dan tinh"),
        ("Uỷ ban nhân dân tỉnh", "uy ban nhan dan tinh"),  # old tone placement
        ("UBND tỉnh", "uy ban nhan dan tinh"),
        ("Ðài", "dai"),  # Icelandic Eth typed for Đ
        ("Sở TT&TT;", "so thong tin va truyen thong"),
        ("Sở VH,TT&DL", "so van hoa the thao va du lich"),
        ("Đài PT-TH Hưng Yên", "dai phat thanh va truyen hinh hung yen"),
        ("Trung tâm PVHCC&KSTTHC", "trung tam phuc vu hanh chinh cong va kiem soat thu tuc hanh chinh"),
        ("Sở Lao động - Thương binh và Xã hội", "so lao dong thuong binh va xa hoi"),
        ("(UBND)", "uy ban nhan dan"),
        ("TTDL", "ttdl"),  # not an abbreviation we know
        ("", ""),
        ("- ; ,", ""),
    ],
)
def test_name_key(text, key):
    assert name_key(text) == key


def test_name_key_takes_anything():
    """Spreadsheet cells arrive as None or numbers too."""
    assert name_key(None) == "" and name_key(12) == "12"


# Every abbreviation of the brief, each spelling against the full words.
ABBREVIATION_CASES = [
    (["UBND tỉnh", "Ubnd tỉnh"], "Ủy ban nhân dân tỉnh"),
    (["UBND tỉnh"], "Uỷ ban nhân dân tỉnh"),
    (["VP UBND tỉnh", "VPUBND tỉnh", "Văn phòng UBND tỉnh"], "Văn phòng Ủy ban nhân dân tỉnh"),
    (["Sở TT&TT", "Sở TTTT", "Sở TT & TT", "Sở TT-TT"], "Sở Thông tin và Truyền thông"),
    (["Sở KH&ĐT", "Sở KHĐT", "Sở KH-ĐT", "Sở KH và ĐT"], "Sở Kế hoạch và Đầu tư"),
    (["Sở LĐ-TB&XH", "Sở LĐTBXH", "Sở LĐTB&XH"], "Sở Lao động - Thương binh và Xã hội"),
    (["Sở NN&PTNT", "Sở NNPTNT"], "Sở Nông nghiệp và Phát triển nông thôn"),
    (["Sở TN&MT", "Sở TNMT"], "Sở Tài nguyên và Môi trường"),
    (["Sở VH,TT&DL", "Sở VHTTDL", "Sở VH, TT và DL"], "Sở Văn hóa, Thể thao và Du lịch"),
    (["Sở GD&ĐT", "Sở GDĐT"], "Sở Giáo dục và Đào tạo"),
    (["Sở GTVT", "Sở GT-VT"], "Sở Giao thông vận tải"),
    (["Sở KH&CN", "Sở KHCN"], "Sở Khoa học và Công nghệ"),
    (["BHXH tỉnh"], "Bảo hiểm xã hội tỉnh"),
    (["Trung tâm PVHCC tỉnh", "TT PVHCC tỉnh"], "Trung tâm Phục vụ hành chính công tỉnh"),
    (["Đài PTTH tỉnh", "Đài PT-TH tỉnh"], "Đài Phát thanh và Truyền hình tỉnh"),
    (["Cổng TTĐT tỉnh"], "Cổng Thông tin điện tử tỉnh"),
    (["BCĐ CCHC tỉnh"], "Ban Chỉ đạo cải cách hành chính tỉnh"),
    (["NHNN tỉnh"], "Ngân hàng Nhà nước tỉnh"),
    (["HĐND tỉnh"], "Hội đồng nhân dân tỉnh"),
    (["UBND TP Hưng Yên", "UBND TP. Hưng Yên"], "Ủy ban nhân dân thành phố Hưng Yên"),
    (["UBND TX Mỹ Hào"], "Ủy ban nhân dân thị xã Mỹ Hào"),
]
ALL_SO = [full for _, full in ABBREVIATION_CASES]
# Abbreviations that occur inside names and phrases rather than naming a body.
KEY_ONLY_CASES = [
    (
        ["Trung tâm PVHCC&KSTTHC", "Trung tâm PVHCC và KSTTHC"],
        "Trung tâm Phục vụ hành chính công và Kiểm soát thủ tục hành chính",
    ),
    (["Các đơn vị SNCL"], "Các đơn vị sự nghiệp công lập"),
    (["Cải cách TTHC"], "Cải cách thủ tục hành chính"),
    (["CCHC"], "cải cách hành chính"),
]


@pytest.mark.parametrize(
    "short, full", [(s, full) for shorts, full in ABBREVIATION_CASES + KEY_ONLY_CASES for s in shorts]
)
def test_abbreviation_keys(short, full):
    assert name_key(short) == name_key(full)
    assert name_key(strip_marks(short).lower()) == name_key(full)


def test_every_abbreviation_is_tested():
    tested = {name_key(full) for _, full in ABBREVIATION_CASES + KEY_ONLY_CASES}
    for _, words in ABBREVIATIONS:
        assert any(name_key(words) in key for key in tested), words


@pytest.mark.parametrize("short, full", [(s, full) for shorts, full in ABBREVIATION_CASES for s in shorts])
def test_abbreviations_match_the_agency(short, full):
    """Against a list holding every one of these bodies, so a near name can't steal the match."""
    agencies = [AgencyName(n, (name,)) for n, name in enumerate(ALL_SO, start=1)]
    # the two spellings of "Ủy" are one agency, listed once
    agencies = [a for a in agencies if a.names != ("Uỷ ban nhân dân tỉnh",)]
    expected = next(a.pk for a in agencies if name_key(a.names[0]) == name_key(full))
    for cell in (short, short.upper(), strip_marks(short), f"  {short}  ;"):
        assert agencies_match(cell, agencies, province="Hưng Yên") == CellMatch((expected,), (), ()), cell


# ---- the seed agencies under every spelling people use


@pytest.mark.parametrize("stem", [HY, HD])
def test_every_name_of_every_seed_agency_matches_itself(stem):
    s = seed(stem)
    for agency in s.agencies:
        for name in agency.names:
            variants = [
                name,
                name.upper(),
                name.lower(),
                strip_marks(name),
                strip_marks(name).upper(),
                "  " + "   ".join(name.split()) + " ",
                name.replace(" ", "\n", 1),
            ]
            for cell in variants:
                assert s.match(cell) == CellMatch((agency.pk,), (), ()), (cell, s.code[agency.pk])


@pytest.mark.parametrize("stem", [HY, HD])
def test_so_with_and_without_the_province(stem):
    """ "Sở Nội vụ", "Sở Nội vụ tỉnh" and "Sở Nội vụ tỉnh Hưng Yên" are one body."""
    s = seed(stem)
    for agency in s.agencies:
        if agency.names[0].startswith("Sở "):
            assert s.match(f"{agency.names[0]} tỉnh {s.province}").agencies == (agency.pk,)
            assert s.match(f"{agency.names[0]} tỉnh").agencies == (agency.pk,)


def test_province_is_optional_in_names():
    s = seed(HY)
    assert s.codes("UBND tỉnh Hưng Yên") == s.codes("Ủy ban nhân dân tỉnh") == ["hy-ubnd"]
    assert s.codes("Đài Phát thanh và Truyền hình tỉnh Hưng Yên") == ["hy-dai"]
    assert s.codes("Báo tỉnh Hưng Yên") == s.codes("Báo tỉnh") == ["hy-bao"]
    assert s.codes("Sở Nội vụ", province="tỉnh Hưng Yên") == ["hy-snv"]
    # A district named after the province keeps its place name.
    assert s.codes("UBND thành phố Hưng Yên") == s.codes("UBND TP Hưng Yên") == ["hy-tp-hung-yen"]
    # Without the province the place name is not known to be optional: no guess.
    assert s.match("Sở Nội vụ tỉnh Hưng Yên", province="").agencies == ()
    assert s.match("Sở Nội vụ tỉnh", province="").agencies == (s.pk["hy-snv"],)


def test_centrally_run_city_as_province():
    """Since 2025 Hải Dương is part of Hải Phòng, which prints "thành phố" where a province prints "tỉnh"."""
    agencies = [
        AgencyName(1, ("Ủy ban nhân dân thành phố Hải Phòng",)),
        AgencyName(2, ("Sở Nội vụ",)),
        AgencyName(3, ("Ủy ban nhân dân thành phố Thủy Nguyên",)),
    ]
    assert agencies_match(
        "Sở Nội vụ thành phố Hải Phòng; UBND TP Hải Phòng; UBND thành phố Thủy Nguyên",
        agencies,
        province="thành phố Hải Phòng",
    ).agencies == (2, 1, 3)


# ---- group phrases


@pytest.mark.parametrize("phrase", GROUP_PHRASES)
def test_group_phrases_stay_whole(phrase):
    s = seed(HY)
    assert is_group_phrase(phrase)
    assert s.match(phrase) == CellMatch((), (phrase,), ())
    assert s.match(strip_marks(phrase).upper()) == CellMatch((), (strip_marks(phrase).upper(),), ())


@pytest.mark.parametrize("stem", [HY, HD])
def test_seed_group_fields_are_known_group_phrases(stem):
    s = seed(stem)
    seen = {t.get(k) for _, t in s.tasks() for k in ("lead_groups", "cooperating_groups")} - {None, ""}
    assert seen and seen <= set(GROUP_PHRASES)


@pytest.mark.parametrize(
    "text",
    [
        "Sở",
        "đơn vị",
        "Sở tỉnh",
        "Ban",
        "UBND huyện",
        "thành phố Hưng Yên",
        "các",
        "Sở Nội vụ",
        "Trung tâm Thông tin - Hội nghị tỉnh",
    ],
)
def test_not_group_phrases(text):
    """One body word is a name (or a fragment), not a collective."""
    assert not is_group_phrase(text, province="Hưng Yên")


def test_agency_and_group_in_one_cell():
    s = seed(HY)
    assert s.match("Sở Tư pháp và các sở, ban, ngành") == CellMatch(
        (s.pk["hy-stp"],), ("các sở, ban, ngành",), ()
    )
    assert s.match("Sở TT&TT, các cơ quan, đơn vị có liên quan; UBND cấp huyện, cấp xã") == CellMatch(
        (s.pk["hy-stttt"],), ("các cơ quan, đơn vị có liên quan", "UBND cấp huyện, cấp xã"), ()
    )
    assert s.match("các sở, ban, ngành và các cơ quan liên quan").groups == (
        "các sở, ban, ngành",
        "các cơ quan liên quan",
    )
    assert s.match("UBND cấp huyện\nUBND cấp xã").groups == ("UBND cấp huyện", "UBND cấp xã")
    assert s.match("cơ quan, địa phương liên quan") == CellMatch((), ("cơ quan, địa phương liên quan",), ())


def test_districts_phrase_stays_a_group():
    """The seeds name district units only collectively and never expand the phrase in a task; the
    caller expands it by kind if it wants to. All ten Hưng Yên districts are in the list here."""
    s = seed(HY)
    for cell in (
        "UBND các huyện, thị xã, thành phố",
        "Ủy ban nhân dân các huyện, thị xã, thành phố",
        "UBND các huyện, thị xã,thành phố",
    ):
        assert s.match(cell) == CellMatch((), (cell,), ())


def test_repeated_pieces_once():
    s = seed(HY)
    assert s.match("Sở Nội vụ, Sở Nội vụ tỉnh; các sở, ban, ngành, Các Sở, Ban, Ngành") == CellMatch(
        (s.pk["hy-snv"],), ("các sở, ban, ngành",), ()
    )


# ---- traps


def test_no_substring_matches():
    """A name inside another name, or sharing its first words, is a different body."""
    agencies = [
        AgencyName(1, ("Sở Nội vụ",)),
        AgencyName(2, ("Ban Thi đua - Khen thưởng (Sở Nội vụ)",)),
        AgencyName(3, ("Sở Tài chính",)),
        AgencyName(4, ("Sở Tài nguyên và Môi trường",)),
        AgencyName(5, ("Sở Thông tin và Truyền thông", "Sở TT&TT")),
        AgencyName(6, ("Văn phòng Ủy ban nhân dân tỉnh",)),
        AgencyName(7, ("Ủy ban nhân dân tỉnh",)),
    ]

    def match(cell):
        return agencies_match(cell, agencies, province="Hưng Yên")

    assert match("Sở Nội vụ").agencies == (1,)
    assert match("Ban Thi đua - Khen thưởng (Sở Nội vụ)").agencies == (2,)
    assert match("Ban Thi đua - Khen thưởng") == CellMatch((), (), ("Ban Thi đua - Khen thưởng",))
    assert match("Sở Tài chính").agencies == (3,)
    assert match("Sở TN&MT").agencies == (4,)
    assert match("Sở Tài") == CellMatch((), (), ("Sở Tài",))
    assert match("Sở Thông tin") == CellMatch((), (), ("Sở Thông tin",))
    assert match("Văn phòng") == CellMatch((), (), ("Văn phòng",))
    assert match("Văn phòng UBND tỉnh").agencies == (6,)
    assert match("Lãnh đạo Văn phòng UBND tỉnh") == CellMatch((), (), ("Lãnh đạo Văn phòng UBND tỉnh",))
    assert match("UBND tỉnh").agencies == (7,)


def test_nothing_of_the_province_matches_a_district_named_like_it():
    s = seed(HY)
    assert s.codes("UBND tỉnh") == ["hy-ubnd"]
    assert s.codes("UBND thành phố Hưng Yên") == ["hy-tp-hung-yen"]
    assert s.codes("UBND huyện Văn Lâm, UBND thị xã Mỹ Hào") == ["hy-van-lam", "hy-tx-my-hao"]
    assert s.match("huyện Văn Lâm") == CellMatch((), (), ("huyện Văn Lâm",))


def test_ambiguous_piece_is_unmatched():
    """Two provinces' lists mixed: "Sở Nội vụ" could be either."""
    agencies = [AgencyName(1, ("Sở Nội vụ",)), AgencyName(2, ("Sở Nội vụ",)), AgencyName(3, ("Sở Tư pháp",))]
    assert agencies_match("Sở Nội vụ, Sở Tư pháp", agencies) == CellMatch((3,), (), ("Sở Nội vụ",))


def test_role_notes_fallback():
    s = seed(HD)
    snv, stp = s.pk["hd-snv"], s.pk["hd-stp"]
    assert s.match("Sở Nội vụ (chủ trì)").agencies == (snv,)
    assert s.match("Sở Nội vụ - cơ quan Thường trực").agencies == (snv,)
    assert s.match("Chủ trì: Sở Nội vụ; Phối hợp: Sở Tư pháp").agencies == (snv, stp)
    assert s.match("Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành") == CellMatch(
        (snv,), ("các sở, ban, ngành",), ()
    )
    assert s.match("phối hợp với Sở Xây dựng") == CellMatch((), (), ("Sở Xây dựng",))


def test_unknown_bodies_are_kept_as_printed():
    """Commas inside an unknown name do not cut it; a new body word starts the next piece."""
    s = seed(HY)
    assert s.match("Sở Xây dựng, Sở Văn hóa, Thể thao và Du lịch, Công an tỉnh; Sở Nội vụ") == CellMatch(
        (s.pk["hy-snv"],), (), ("Sở Xây dựng", "Sở Văn hóa, Thể thao và Du lịch", "Công an tỉnh")
    )


@pytest.mark.parametrize("cell", ["", "   ", ",;\n/", "và", "-", "- ;\n+", None])
def test_empty_cells(cell):
    assert agencies_match(cell, seed(HY).agencies) == CellMatch((), (), ())


def test_names_given_as_a_list():
    """The list is cached by value for a whole sheet; a list of names (unhashable) still works."""
    agencies = [AgencyName(1, ["Sở Nội vụ", "SNV"])]
    assert agencies_match("SNV; Sở Nội vụ", agencies).agencies == (1,)


def test_odd_cell_values_are_shown_not_dropped():
    """A number typed in the agency column is something a person must look at."""
    assert agencies_match(3.5, seed(HY).agencies) == CellMatch((), (), ("3.5",))


# ---- the seeds read back


def seed_cells(stem, variant):
    """(task code, role, cell, agency codes, groups) for every task and subtask of a seed: the cell
    printed as ", ".join(agency names + group phrases), names taken by `variant`."""
    s = seed(stem)
    for area_lead, task in s.tasks():
        for role, codes, groups in (
            ("lead", task.get("lead") or [area_lead], task.get("lead_groups")),
            ("cooperating", task.get("cooperating") or [], task.get("cooperating_groups")),
        ):
            groups = [groups] if groups else []
            names = [variant(s.by_code[c]) for c in codes]
            if names or groups:
                yield task["code"], role, ", ".join(names + groups), codes, groups


NAME_VARIANTS = {
    "name": lambda a: a["name"],
    "short_name": lambda a: a["short_name"],
    "last_alias": lambda a: (a.get("aliases") or [a["short_name"]])[-1],
    "no_diacritics": lambda a: strip_marks(a["name"]).upper(),
}


@pytest.mark.parametrize("variant", NAME_VARIANTS)
@pytest.mark.parametrize("stem", [HY, HD])
def test_every_seed_cell_matches_back(stem, variant):
    s = seed(stem)
    cells = list(seed_cells(stem, NAME_VARIANTS[variant]))
    assert len(cells) == {HY: 88, HD: 120}[stem]  # lead + cooperating of 44 and 60 tasks
    for code, role, cell, codes, groups in cells:
        result = s.match(cell)
        assert result == CellMatch(tuple(s.pk[c] for c in codes), tuple(groups), ()), (code, role, cell)


# ---- the printed plans themselves


@pytest.mark.parametrize(
    "stem, text, codes, groups",
    [
        # Hải Dương, "IV. TỔ CHỨC THỰC HIỆN"
        (
            HD,
            "Các sở, ban ngành; Ủy ban nhân dân các huyện, thị xã, thành phố "
            "và các cơ quan, đơn vị có liên quan",
            [],
            [
                "Các sở, ban ngành",
                "Ủy ban nhân dân các huyện, thị xã, thành phố",
                "các cơ quan, đơn vị có liên quan",
            ],
        ),
        (HD, "8. Đài Phát thanh và Truyền hình tỉnh, Báo Hải Dương:", ["hd-dai", "hd-bao"], []),
        (HD, "Sở Thông tin và Truyền thông, các đơn vị liên quan", ["hd-stttt"], ["các đơn vị liên quan"]),
        (HD, "Ngân hàng Nhà nước Chi nhánh tỉnh Hải Dương", ["hd-nhnn"], []),
        (HD, "Sở Nội vụ - cơ quan Thường trực", ["hd-snv"], []),  # role note dropped
        # Hải Dương, "Nơi nhận"
        (HD, "- Ngân hàng NN - CN tỉnh Hải Dương;", ["hd-nhnn"], []),
        (HD, "- Đài PTTH tỉnh, Báo HD;", ["hd-dai", "hd-bao"], []),
        (HD, "- Cổng TTĐT tỉnh;", ["hd-cong-ttdt"], []),
        (HD, "- Các sở, ban, ngành;", [], ["Các sở, ban, ngành"]),
        (HD, "- UBND các huyện, thị xã, thành phố;", [], ["UBND các huyện, thị xã, thành phố"]),
        # Hưng Yên, "III. TỔ CHỨC THỰC HIỆN"
        (
            HY,
            "2. Các sở, ban, ngành thuộc tỉnh; các đơn vị sự nghiệp công lập trực thuộc UBND tỉnh; "
            "UBND các huyện, thị xã, thành phố:",
            [],
            [
                "Các sở, ban, ngành thuộc tỉnh",
                "các đơn vị sự nghiệp công lập trực thuộc UBND tỉnh",
                "UBND các huyện, thị xã, thành phố",
            ],
        ),
        (
            HY,
            "các sở, ban, ngành tỉnh; UBND các huyện, thị xã, thành phố và UBND các xã, phường, thị trấn",
            [],
            ["các sở, ban, ngành tỉnh", "UBND các huyện, thị xã, thành phố", "UBND các xã, phường, thị trấn"],
        ),
        (HY, "4. Văn phòng Ủy ban nhân dân tỉnh:", ["hy-vp"], []),
        (HY, "8. Sở Giáo dục và Đào tạo:", ["hy-sgddt"], []),
        (HY, "10. Báo Hưng Yên, Đài Phát thanh và Truyền hình Hưng Yên", ["hy-bao", "hy-dai"], []),
        # Hưng Yên, "Nơi nhận"
        (HY, "- Các đơn vị SNCL trực thuộc UBND tỉnh;", [], ["Các đơn vị SNCL trực thuộc UBND tỉnh"]),
        (HY, "- Đài PT-TH Hưng Yên, Báo Hưng Yên;", ["hy-dai", "hy-bao"], []),
        (HY, "- Trung tâm Thông tin - Hội nghị tỉnh;", ["hy-ttthhn"], []),
    ],
)
def test_printed_source(stem, text, codes, groups):
    s = seed(stem)
    result = s.match(s.printed(text))
    assert result == CellMatch(tuple(s.pk[c] for c in codes), tuple(groups), ())


@pytest.mark.parametrize(
    "stem, text, unmatched",
    [
        # run together with a clerk's name in the PDF: not the centre's name, so not guessed
        (HY, "- Trung tâm PVHCC&KSTTHCThủy;", "Trung tâm PVHCC&KSTTHCThủy"),
        (HY, "- Lãnh đạo Văn phòng UBND tỉnh;", "Lãnh đạo Văn phòng UBND tỉnh"),
        (HD, "- TT HĐND tỉnh;", "TT HĐND tỉnh"),
    ],
)
def test_printed_source_unmatched(stem, text, unmatched):
    s = seed(stem)
    assert s.match(s.printed(text)) == CellMatch((), (), (unmatched,))


def test_area_heads_of_the_printed_plan_are_the_area_leads():
    """Hải Dương's "IV. TỔ CHỨC THỰC HIỆN" headings 2–7 name the agencies the seed made area leads."""
    s = seed(HD)
    headings = [
        "2. Sở Nội vụ",
        "3. Sở Tư pháp",
        "4. Văn phòng UBND tỉnh",
        "5. Sở Tài chính",
        "6. Sở Thông tin và Truyền thông",
        "7. Sở Kế hoạch và Đầu tư",
    ]
    matched = [code for h in headings for code in s.codes(s.printed(h))]
    assert matched == ["hd-snv", "hd-stp", "hd-vp", "hd-stc", "hd-stttt", "hd-skhdt"]
    assert set(matched) == {a["lead"] for a in s.data["areas"]}


# ---- never raises


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    cell=st.one_of(st.none(), st.text(), st.text(alphabet=",;/\n()[] vàVÀ&-.:UBNDSởtỉnh", max_size=80)),
    province=st.text(max_size=20),
)
def test_any_text(cell, province):
    s = seed(HD)
    result = agencies_match(cell, s.agencies, province=province)
    assert isinstance(result, CellMatch)
    assert len(set(result.agencies)) == len(result.agencies) and set(result.agencies) <= set(s.code)
    for text in result.groups + result.unmatched:
        assert text and text == text.strip() and "\n" not in text
    assert name_key(name_key(cell)) == name_key(cell)


ROUND_TRIP_NAMES = [(a.pk, n) for a in seed(HD).agencies for n in a.names]
ROUND_TRIP_GROUPS = [g for g in GROUP_PHRASES if g.lower().startswith(("các", "ubnd", "ủy ban"))]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    items=st.lists(
        st.one_of(st.sampled_from(ROUND_TRIP_NAMES), st.sampled_from(ROUND_TRIP_GROUPS)), max_size=6
    ),
    separators=st.lists(
        st.sampled_from([", ", "; ", "\n", " và ", "/", " , ", ",\n- "]), min_size=6, max_size=6
    ),
)
def test_any_list_of_names_and_groups_reads_back(items, separators):
    """Names and group phrases in any order and with any separator come back in printed order."""
    texts = [item if isinstance(item, str) else item[1] for item in items]
    cell = "".join((separators[i] if i else "") + text for i, text in enumerate(texts))
    expected_pks = tuple(dict.fromkeys(item[0] for item in items if not isinstance(item, str)))
    expected_groups = tuple(dict.fromkeys(name_key(g) for g in items if isinstance(g, str)))
    result = agencies_match(cell, seed(HD).agencies, province="Hải Dương")
    assert result.agencies == expected_pks, cell
    assert tuple(name_key(g) for g in result.groups) == expected_groups, cell
    assert result.unmatched == (), cell
