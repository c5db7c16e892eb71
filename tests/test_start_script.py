"""start.sh serves on HOST and PORT, and the links of the reminders it prints follow that address
(issue 22, item 18)."""

import subprocess
from pathlib import Path

START = Path(__file__).resolve().parent.parent / "scripts/start.sh"


def site_url(env: dict) -> str:
    line = next(line for line in START.read_text().splitlines() if line.startswith("export SITE_URL="))
    out = subprocess.run(["bash", "-c", f'{line}; echo "$SITE_URL"'], env=env, capture_output=True, text=True)
    return out.stdout.strip()


def test_the_reminders_links_follow_host_and_port():
    assert site_url({"PORT": "8080"}) == "http://127.0.0.1:8080"
    assert site_url({"HOST": "0.0.0.0", "PORT": "9000"}) == "http://0.0.0.0:9000"
    assert site_url({}) == "http://127.0.0.1:8000"
    assert (
        site_url({"SITE_URL": "https://cchc.snv.example.gov.vn", "PORT": "8080"})
        == "https://cchc.snv.example.gov.vn"
    )


def test_the_readme_documents_host_and_port():
    readme = (START.parent.parent / "README.md").read_text()
    assert "PORT=8080 bash\nscripts/start.sh" in readme and "`HOST`" in readme
