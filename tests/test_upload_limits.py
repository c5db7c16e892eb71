"""Issue 19, items 1 and 2: no uploaded file can take the server down. Each hostile file is made
here (``tests/upload_files.py``): a sheet whose only cell is XFD1048576, zip bombs (a sheet and a
document unpacking to 100 MB and 1 GB), 100 000 nested tables, and a plausible document and
sheet that are only too big. Each must be refused with a Vietnamese message naming the limit:

* read in a fresh Python process (Django set up, as a worker is), within 5 seconds and with the
  process's peak resident memory (``ru_maxrss`` and ``VmHWM``, Django included) under 300 MB;
  the process runs under a 2 GB address-space cap, so a regression fails the test instead of
  exhausting the machine (before issue 19 the far cell and the zip bombs ran into a 1 GB cap:
  MemoryError; the nested tables raised RecursionError);
* through the upload pages (``/ke-hoach/<plan>/nhap-phu-luc/``,
  ``/ke-hoach/<plan>/trich-chi-tieu/``) as the reviewer ``nv.reviewer``: the page answers 400
  with the message (a refused upload answers 400 on both pages), in under 5 seconds, with under
  50 MB allocated by Python at the peak (tracemalloc), and no table gains or loses a row."""

import json
import os
import subprocess
import sys
import time
import tracemalloc
from functools import cache
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from agencies.models import User
from plans.models import Plan
from tests.test_hostile_input import fingerprint
from tests.upload_files import (
    deep_docx,
    docx_bomb,
    far_cell_xlsx,
    plausible_docx,
    xlsx_bomb,
    xlsx_too_many_rows,
)

ROOT = Path(__file__).resolve().parent.parent
PEAK_MB, SECONDS, CAP_MB = 300, 5.0, 2048

ROWS = "Bảng tính có quá nhiều dòng (giới hạn 20.000 dòng)."
RATIO = "Tệp nén bất thường: một thành phần giải nén ra gấp hơn 100 lần (giới hạn 100 lần)."
DEPTH = "Tệp có cấu trúc lồng nhau quá sâu (giới hạn 256 cấp)."
PART = "Một thành phần của tệp giải nén ra quá lớn (giới hạn 20 MB mỗi thành phần)."
TEXT = "Văn bản dài quá 400.000 ký tự."

#: name → (how it is made, kind, the refusal)
HOSTILE = {
    "far cell XFD1048576": (far_cell_xlsx, "xlsx", ROWS),
    "far cell, dimension taken out": (lambda: far_cell_xlsx(dimension=False), "xlsx", ROWS),
    "xlsx bomb, 100 MB sheet": (lambda: xlsx_bomb(100), "xlsx", RATIO),
    "xlsx bomb, 1 GB sheet": (lambda: xlsx_bomb(1000), "xlsx", RATIO),
    "plausible xlsx, 25 000 rows": (xlsx_too_many_rows, "xlsx", ROWS),
    "docx bomb, 100 MB": (lambda: docx_bomb(100), "docx", RATIO),
    "docx bomb, 1 GB": (lambda: docx_bomb(1000), "docx", RATIO),
    "100 000 nested tables": (deep_docx, "docx", DEPTH),
    "100 000 nested tables, repetitive": (lambda: deep_docx(varied=False), "docx", RATIO),
    "plausible docx, 4,4 MB, 24 MB unpacked": (lambda: plausible_docx(85_000), "docx", PART),
    "plausible docx, 477 000 characters": (lambda: plausible_docx(4_000), "docx", TEXT),
}


@cache
def hostile(name: str) -> bytes:
    make, _kind, _message = HOSTILE[name]
    return make()


# --- in a fresh process: time and peak memory ----------------------------------------------------

#: A small launcher forks the reader before importing anything, then reads the reader's own
#: ``ru_maxrss`` from ``wait4``. (The launcher itself cannot be measured so: a process started
#: from this test process inherits, at ``exec``, the test process's peak in ``ru_maxrss``.)
CHILD = """
import json, os, resource, sys, time
kind, path, cap_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
resource.setrlimit(resource.RLIMIT_AS, (cap_mb * 2**20, cap_mb * 2**20))  # a regression fails
pid = os.fork()
if pid == 0:
    try:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings.test")
        import django
        django.setup()
        from cchc.uploads import UploadError, spreadsheet_read
        from targets.extraction import PlanTextError, plan_text
        with open(path, "rb") as file:
            content = file.read()
        start = time.monotonic()
        try:
            if kind == "xlsx":
                spreadsheet_read(content)               # what the appendix import reads with
            else:
                plan_text(content, docx=True)           # what the extraction page reads with
            outcome = ["read", ""]
        except (UploadError, PlanTextError) as error:
            outcome = [type(error).__name__, str(error)]
        seconds = time.monotonic() - start
        with open("/proc/self/status") as status:
            vmhwm = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
        print(json.dumps({"outcome": outcome, "seconds": seconds, "vmhwm_mb": vmhwm / 1024}),
              flush=True)
    finally:
        os._exit(0)
_pid, status, usage = os.wait4(pid, 0)
print(json.dumps({"exit": os.waitstatus_to_exitcode(status), "maxrss_mb": usage.ru_maxrss / 1024}))
"""


def read_in_a_fresh_process(kind: str, path: Path) -> dict:
    """The read in a new process that caps its address space at 2 GB: the seconds the read
    took and the process's peak resident memory, Django included (``ru_maxrss``, and
    ``VmHWM`` as the process saw it)."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(path), str(CAP_MB)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = done.stdout.splitlines()
    assert done.returncode == 0 and len(lines) == 2, done.stderr[-2000:]
    read, launcher = json.loads(lines[0]), json.loads(lines[1])
    assert launcher["exit"] == 0, done.stderr[-2000:]
    return {
        **read,
        "maxrss_mb": launcher["maxrss_mb"],
        "peak_mb": max(launcher["maxrss_mb"], read["vmhwm_mb"]),
    }


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_file_is_refused_quickly_in_little_memory(name, tmp_path):
    _make, kind, message = HOSTILE[name]
    path = tmp_path / f"tep.{kind}"
    path.write_bytes(hostile(name))
    read = read_in_a_fresh_process(kind, path)
    print(
        f"\n{name}: {path.stat().st_size / 1024:.0f} KB, {read['outcome'][1]} "
        f"{read['seconds']:.3f} s, peak {read['peak_mb']:.0f} MB (ru_maxrss "
        f"{read['maxrss_mb']:.0f} MB, VmHWM {read['vmhwm_mb']:.0f} MB)"
    )
    assert read["outcome"] == ["UploadTooLarge", message]
    assert read["seconds"] < SECONDS
    assert read["peak_mb"] < PEAK_MB


def test_the_largest_sheet_within_the_limits_is_read_in_little_memory(tmp_path):
    """20 000 rows of 10 cells of text (the cell limit), each its own shared string."""
    from tests.upload_files import WORDS, xlsx_bytes

    rows = [[f"{WORDS[(r + c) % len(WORDS)]} {r}.{c}" for c in range(10)] for r in range(19_999)]
    path = tmp_path / "lon.xlsx"
    path.write_bytes(xlsx_bytes(rows))
    read = read_in_a_fresh_process("xlsx", path)
    print(
        f"\n200 000 cells: {read['seconds']:.2f} s, peak {read['peak_mb']:.0f} MB "
        f"(ru_maxrss {read['maxrss_mb']:.0f} MB, VmHWM {read['vmhwm_mb']:.0f} MB)"
    )
    assert read["outcome"] == ["read", ""]
    assert read["peak_mb"] < PEAK_MB
    assert read["seconds"] < 2 * SECONDS  # about 2,5 s on two quiet cores: read, not refused


# --- through the upload pages ------------------------------------------------------------------


@pytest.fixture
def reviewer(client):
    client.force_login(User.objects.get(username="nv.reviewer"))
    return client


def posted(client, url: str, data: dict):
    """The answer to a POST, the seconds it took and the peak of Python allocations (MB)."""
    tracemalloc.start()
    start = time.monotonic()
    try:
        response = client.post(url, data)
        seconds = time.monotonic() - start
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return response, seconds, peak / 2**20


def assert_refused(response, seconds, peak_mb, before, message):
    page = response.content.decode()
    assert response.status_code == 400
    assert escape(message) in page
    assert fingerprint() == before
    assert seconds < SECONDS
    assert peak_mb < 50


@pytest.mark.django_db
@pytest.mark.parametrize("name", [n for n, (_m, kind, _t) in HOSTILE.items() if kind == "xlsx"])
def test_the_appendix_page_refuses_a_hostile_spreadsheet(reviewer, name):
    plan = Plan.objects.get(code="hung-yen-2023")
    url = reverse("plans:appendix_upload", args=[plan.pk])
    before = fingerprint()
    response, seconds, peak = posted(
        reviewer, url, {"tep": SimpleUploadedFile("phu-luc.xlsx", hostile(name))}
    )
    assert_refused(response, seconds, peak, before, HOSTILE[name][2])
    assert f"appendix-import:{plan.pk}" not in reviewer.session  # nothing waits to be saved


@pytest.mark.django_db
@pytest.mark.parametrize("name", [n for n, (_m, kind, _t) in HOSTILE.items() if kind == "docx"])
def test_the_extraction_page_refuses_a_hostile_document(reviewer, name):
    plan = Plan.objects.get(code="hung-yen-2023")
    url = reverse("reporting:target_extraction", args=[plan.pk])
    before = fingerprint()
    response, seconds, peak = posted(
        reviewer, url, {"file": SimpleUploadedFile("ke-hoach.docx", hostile(name))}
    )
    assert_refused(response, seconds, peak, before, HOSTILE[name][2])
    assert f"target-extraction:{plan.pk}" not in reviewer.session


@pytest.mark.django_db
def test_the_extraction_page_refuses_a_long_text_file_before_decoding_it(reviewer):
    plan = Plan.objects.get(code="hung-yen-2023")
    url = reverse("reporting:target_extraction", args=[plan.pk])
    before = fingerprint()
    response, seconds, peak = posted(
        reviewer,
        url,
        {"file": SimpleUploadedFile("ke-hoach.txt", b"Ty le ho so dung han dat 95%. " * 60_000)},
    )
    assert_refused(response, seconds, peak, before, TEXT)
