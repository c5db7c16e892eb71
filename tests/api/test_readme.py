"""The README's curl line works: a token issued by the command the README names, the line run
by bash against a live server."""

import io
import json
import re
import subprocess
from pathlib import Path

from django.core.management import call_command

from agencies.models import AdministrativeLevel, Agency
from plans.models import Plan
from tests.conftest import ensure_reference_data

README = Path(__file__).resolve().parents[2] / "README.md"


def _curl_line() -> str:
    lines = [
        ln
        for ln in README.read_text().splitlines()
        if ln.startswith('curl -s -H "Authorization: Bearer $TOKEN"')
    ]
    assert len(lines) == 1, "the README shows one curl line"
    return lines[0]


def test_the_readme_curl_line_answers_the_plans(live_server, transactional_db):
    ensure_reference_data()
    province, _created = Agency.objects.get_or_create(
        code="hy-ubnd",
        defaults={
            "name": "Ủy ban nhân dân tỉnh Hưng Yên",
            "kind": Agency.Kind.UBND_TINH,
            "level": AdministrativeLevel.objects.get(code="tinh"),
        },
    )
    Plan.objects.create(
        code="readme-curl-2023",
        title="KE-HOACH-README-CURL",
        issuer=province,
        year=2023,
        status="in_force",
    )
    command = re.search(
        r"\$\(\.venv/bin/python manage\.py (api_client_issue [^)]*)\)", README.read_text()
    ).group(1)
    assert "--province hy-ubnd" in command and "--token-only" in command
    out = io.StringIO()
    call_command(
        "api_client_issue",
        "--province",
        "hy-ubnd",
        "--name",
        "Hệ thống thông tin báo cáo tỉnh",
        "--token-only",
        stdout=out,
    )
    token = out.getvalue().strip()
    line = _curl_line().replace("http://127.0.0.1:8000", live_server.url)
    result = subprocess.run(
        ["bash", "-c", line],
        env={"TOKEN": token, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    answer = json.loads(result.stdout)
    assert "KE-HOACH-README-CURL" in {plan["title"] for plan in answer["items"]}
    refused = subprocess.run(
        ["bash", "-c", line],
        env={"TOKEN": "cchc_sai", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert "items" not in refused.stdout
