"""Backup and restore (README "Sao lưu và khôi phục"): scripts/backup.sh of a database holding both
seed plans, the demo data, evidence files and a rendered report PDF, restored by
scripts/restore.sh into an empty database on the same PostgreSQL server, gives back every plan,
result, submission, file and user; restore refuses a database that has tables and a backup whose
sha256 does not match its MANIFEST, and writes nothing then.

Runs on the PostgreSQL of scripts/test.sh (DATABASE_URL); its role creates and drops the extra
databases (cchc_backup_*) itself."""

import hashlib
import os
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from agencies.models import User
from plans.models import Plan
from reporting.models import EvidenceFile, Submission, TargetResult, TaskUpdate
from reports.models import Report
from tests import pg
from tests.conftest import running_in_ci, template_wait

ROOT = Path(__file__).resolve().parent.parent


#: The app's evidence files and report PDFs, made through its own services in the source
#: database (the demo has results but no files).
MAKE_FILES = """
from django.core.files.uploadedfile import SimpleUploadedFile
from agencies.models import User
from plans.models import ReportingPeriod
from reporting.models import TaskUpdate
from reporting.services.submissions import evidence_store
from reports.models import Report
from reports.services import report_draft_get_or_create, report_render_request
from tests.evidence_files import DOCX, PDF, PNG
user = User.objects.get(username="tp.reporter")
for name, content, kind in (("Quyết định 12.pdf", PDF, "pdf"), ("ảnh hiện trường.png", PNG, "png"),
                            ("Báo cáo.docx", DOCX, "docx")):
    evidence = evidence_store(upload=SimpleUploadedFile(name, content), kind=kind,
                              agency=user.agency, user=user)
update = TaskUpdate.objects.filter(submission__agency=user.agency).order_by("pk").first()
TaskUpdate.objects.filter(pk=update.pk).update(evidence_file=evidence)
report, _ = report_draft_get_or_create(
    period=ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q1"))
report_render_request(report=report)
assert Report.objects.get(pk=report.pk).render_status == "done"
"""

HEAD_APPROVAL = "from demo.data import demo_head_approval_create\ndemo_head_approval_create()\n"


def _env(database_url: str, media: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}  # tasks in-process
    env.update(
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media),
        CCHC_TEST_MEDIA_ROOT=str(media),
        DJANGO_SETTINGS_MODULE="cchc.settings.test",
        PYTHON=sys.executable,
    )
    if os.environ.get("CCHC_PG_BIN"):  # scripts/services.sh's server
        env["PG_BIN"] = os.environ["CCHC_PG_BIN"]
    return env


def _run(args: list[str], env: dict, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    if check:
        assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


def _manage(*args: str, env: dict) -> None:
    _run([sys.executable, "manage.py", *args], env)


def _files(media: Path) -> dict[str, str]:
    return {
        str(path.relative_to(media)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in media.rglob("*")
        if path.is_file()
    }


#: the module's tests on one pytest-xdist worker: its backup (a database with the seeds and the
#: demo, about a minute to build) is made once, not once per worker
pytestmark = pytest.mark.xdist_group("backup_restore")


@pytest.fixture(scope="module")
def backup(tmp_path_factory):
    """A source database with the seeds, the demo, evidence files and a report PDF, and its
    backup; the databases this module creates are dropped at the end."""
    if not pg.ON_POSTGRES:
        if running_in_ci():
            pytest.fail("CI must run the backup test on PostgreSQL (scripts/test.sh starts one)")
        pytest.skip(
            "cần PostgreSQL thật (DATABASE_URL=postgres://…, như scripts/test.sh): sao lưu "
            "và khôi phục dùng pg_dump / pg_restore"
        )
    created: list[str] = []
    tmp = tmp_path_factory.mktemp("backup")
    media = tmp / "media-source"
    media.mkdir()
    try:
        template = os.environ.get("CCHC_TEST_DB_TEMPLATE")
        template_wait()  # scripts/test.sh builds it while the suite starts
        source = pg.database_create("cchc_backup_src", created, template=template or "")
        env = _env(source, media)
        if template:  # migrated, with the seeds and the demo (tests/template_db.py)
            if os.environ.get("CCHC_TEST_DB_TEMPLATE_MEDIA"):
                shutil.copytree(os.environ["CCHC_TEST_DB_TEMPLATE_MEDIA"], media, dirs_exist_ok=True)
            # what load_demo does besides loading the demo: the head's approval step
            _manage("shell", "-c", HEAD_APPROVAL + MAKE_FILES, env=env)
        else:
            _manage("migrate", "--noinput", "-v", "0", env=env)
            _manage("load_seed_plans", env=env)
            _manage("load_demo", env=env)
            _manage("shell", "-c", MAKE_FILES, env=env)
        backup_dir = Path(
            _run(["bash", "scripts/backup.sh", str(tmp / "backups")], env).stdout.strip().splitlines()[-1]
        )
        yield {
            "url": source,
            "media": media,
            "dir": backup_dir,
            "tmp": tmp,
            "created": created,
            "fingerprint": pg.fingerprint(source),
            "files": _files(media),
        }
    finally:
        pg.databases_drop(created)


def test_every_file_storage_lives_under_media_root(monkeypatch):
    """backup.sh saves MEDIA_ROOT: a storage elsewhere would be left out of the backups."""
    monkeypatch.setenv("MEDIA_ROOT", "/data/media")
    base = runpy.run_path(str(ROOT / "cchc" / "settings" / "base.py"))  # as deployed, not as tested
    for name, storage in base["STORAGES"].items():
        location = storage.get("OPTIONS", {}).get("location", base["MEDIA_ROOT"])
        if name != "staticfiles":
            assert Path(location).is_relative_to("/data/media"), name


def test_backup_has_a_manifest_with_checksums_and_migrations(backup):
    manifest = (backup["dir"] / "MANIFEST").read_text(encoding="utf-8")
    assert sorted(p.name for p in backup["dir"].iterdir()) == ["MANIFEST", "db.dump", "files.tar"]
    for name in ("db.dump", "files.tar"):
        digest = hashlib.sha256((backup["dir"] / name).read_bytes()).hexdigest()
        assert f"{digest}  {name}" in manifest.splitlines()
    last = dict(pg.sql(backup["url"], "SELECT app, max(name) FROM django_migrations GROUP BY app"))
    for app in ("agencies", "plans", "targets", "reports", "notifications"):
        assert f"# migration {app} {last[app]}" in manifest
    assert "# date: " in manifest


def test_restore_into_an_empty_database_gives_back_everything(backup):
    target = pg.database_create("cchc_backup_dst", backup["created"])
    media = backup["tmp"] / "media-restored"
    media.mkdir()
    result = _run(["bash", "scripts/restore.sh", str(backup["dir"])], _env(target, media))
    assert "Đã khôi phục" in result.stderr

    source = backup["url"]
    codes = sorted(row[0] for row in pg.sql(source, f"SELECT code FROM {Plan._meta.db_table}"))
    assert {"hung-yen-2023", "hai-duong-2024"} <= set(codes)
    assert sorted(row[0] for row in pg.sql(target, f"SELECT code FROM {Plan._meta.db_table}")) == codes
    restored = pg.fingerprint(target)
    for model in (Plan, Submission, TargetResult, TaskUpdate, EvidenceFile, Report, User):
        table = model._meta.db_table
        assert restored[table] == backup["fingerprint"][table], table
        assert restored[table][0] > 0, table
    assert restored == backup["fingerprint"]  # every other table too (history, progress…)
    assert _files(media) == backup["files"]

    evidence = pg.sql(target, f"SELECT file, sha256 FROM {EvidenceFile._meta.db_table}")
    assert len(evidence) >= 3  # the demo's (one per task it marks done) and the fixture's three
    for name, sha256 in evidence:
        assert hashlib.sha256((media / "evidence" / name).read_bytes()).hexdigest() == sha256
    pdfs = pg.sql(target, f"SELECT file FROM {Report._meta.db_table} WHERE file <> ''")
    assert pdfs
    for (name,) in pdfs:
        assert (media / "reports" / name).read_bytes().startswith(b"%PDF")

    # Over a database and files that are there already, only when asked: the same again.
    _run(["bash", "scripts/restore.sh", "--force", str(backup["dir"])], _env(target, media))
    assert pg.fingerprint(target) == backup["fingerprint"]
    assert _files(media) == backup["files"]


def test_restore_refuses_a_database_that_has_tables_and_writes_nothing(backup):
    media = backup["tmp"] / "media-refused"
    media.mkdir()
    result = _run(["bash", "scripts/restore.sh", str(backup["dir"])], _env(backup["url"], media), check=False)
    assert result.returncode != 0
    assert "đã có" in result.stderr and "--force" in result.stderr
    assert pg.fingerprint(backup["url"]) == backup["fingerprint"]
    assert not any(media.iterdir())


@pytest.mark.parametrize("name", ["db.dump", "files.tar"])
def test_restore_refuses_a_corrupted_backup(backup, name):
    corrupted = backup["tmp"] / f"corrupted-{name}"
    shutil.copytree(backup["dir"], corrupted)
    with open(corrupted / name, "r+b") as file:
        middle = (corrupted / name).stat().st_size // 2
        file.seek(middle)
        byte = file.read(1)
        file.seek(middle)
        file.write(bytes([byte[0] ^ 0xFF]))
    target = pg.database_create("cchc_backup_bad", backup["created"])
    media = backup["tmp"] / f"media-{name}"
    result = _run(["bash", "scripts/restore.sh", str(corrupted)], _env(target, media), check=False)
    assert result.returncode != 0
    assert "sha256" in result.stderr
    assert pg.tables(target) == []
    assert not media.exists()
