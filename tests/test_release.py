"""The release of the code in every cache key (``cchc.release``): what pages are made from
changes it; what never makes a page does not."""

from django.core.cache import cache

from cchc.release import code_digest, release


def _tree(root):
    (root / "reports" / "templates").mkdir(parents=True)
    (root / "reports" / "templates" / "page.html").write_text("<h1>Tổng quan</h1>", encoding="utf-8")
    (root / "reports" / "views.py").write_text("x = 1\n")
    (root / "static" / "css").mkdir(parents=True)
    (root / "static" / "css" / "app.css").write_text("body{}")
    (root / "locale" / "en" / "LC_MESSAGES").mkdir(parents=True)
    (root / "locale" / "en" / "LC_MESSAGES" / "django.mo").write_bytes(b"\x00mo")
    for skipped in ("tests", ".venv/lib", "media"):
        (root / skipped).mkdir(parents=True)
        (root / skipped / "x.py").write_text("y = 1\n")


def test_what_makes_a_page_changes_the_release(tmp_path):
    _tree(tmp_path)
    first = code_digest(tmp_path)
    assert first == code_digest(tmp_path)
    for path, text in (
        ("reports/templates/page.html", "<h1>Tổng quan kế hoạch</h1>"),
        ("reports/views.py", "x = 2\n"),
        ("static/css/app.css", "body{margin:0}"),
    ):
        before = code_digest(tmp_path)
        (tmp_path / path).write_text(text, encoding="utf-8")
        assert code_digest(tmp_path) != before, path
    before = code_digest(tmp_path)
    (tmp_path / "locale/en/LC_MESSAGES/django.mo").write_bytes(b"\x00mo2")  # translations
    assert code_digest(tmp_path) != before
    before = code_digest(tmp_path)
    (tmp_path / "reports" / "tables.js").write_text("//")  # a new file
    assert code_digest(tmp_path) != before


def test_what_never_makes_a_page_leaves_it(tmp_path):
    _tree(tmp_path)
    before = code_digest(tmp_path)
    for skipped in ("tests", ".venv/lib", "media"):
        (tmp_path / skipped / "x.py").write_text("y = 2\n")
    (tmp_path / "reports" / "notes.txt").write_text("not code")
    assert code_digest(tmp_path) == before


def test_every_cache_key_names_the_release():
    assert f":{release()}:" in cache.make_key("page:1")
    assert len(release()) == 12
