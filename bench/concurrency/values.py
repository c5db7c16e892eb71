"""The figures a simulated reporter types, shared by the locust file (what it posts) and the
verification (what the database must hold). Every save of every reporter is distinguishable:
the comment and note carry a token naming the user, the period and the save, and the rate
denominators encode the user and the save."""

from __future__ import annotations

import re

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
TARGET_FIELD = re.compile(r'name="(t\d+)-(numerator|value|done)"')
TASK_FIELD = re.compile(r'name="(k\d+)-progress"')
TOKEN_FIELD = re.compile(r'name="(k\d+)-evidence_token"(?: value="(\d*)")?')


def token(username: str, period_id: int, save_no: int) -> str:
    return f"bench {username} p{period_id} s{save_no}"


def rate(user_no: int, save_no: int) -> tuple[int, int]:
    """(numerator, denominator): the denominator is user_no*1000 + save_no, unique per user
    and save; the numerator stays below it."""
    return save_no, user_no * 1000 + save_no


def number(user_no: int, save_no: int) -> int:
    """A whole number valid for every one-number measure (percentages ≤ 100, ranks)."""
    return 1 + (user_no * 7 + save_no) % 99


def percent(save_no: int) -> int:
    return min(100, 10 * save_no)


def entry_fields(text: str, account: dict, period_id: int, save_no: int, button: str):
    """The multipart fields a browser sends for the entry page ``text``, filled for this save
    of this prepared ``account`` (``prepare.py``), with the button pressed: (fields as
    ``requests`` takes them, target prefix → kind, task prefixes)."""
    no = account["no"]
    note = token(account["username"], period_id, save_no)
    fields = [
        ("csrfmiddlewaretoken", (None, CSRF.search(text).group(1))),
        ("version", (None, VERSION.search(text).group(1))),
    ]
    targets = dict(TARGET_FIELD.findall(text))  # prefix → numerator | value | done
    for prefix, kind in targets.items():
        if kind == "numerator":
            numerator, denominator = rate(no, save_no)
            fields += [
                (f"{prefix}-numerator", (None, str(numerator))),
                (f"{prefix}-denominator", (None, str(denominator))),
            ]
        elif kind == "done":
            fields.append((f"{prefix}-done", (None, "yes")))
        else:
            fields.append((f"{prefix}-value", (None, str(number(no, save_no)))))
        fields += [(f"{prefix}-not_applicable_reason", (None, "")), (f"{prefix}-comment", (None, note))]
    tokens = dict(TOKEN_FIELD.findall(text))
    tasks = TASK_FIELD.findall(text)
    for prefix in tasks:
        fields += [
            (f"{prefix}-progress", (None, "in_progress")),
            (f"{prefix}-percent", (None, str(percent(save_no)))),
            (f"{prefix}-evidence_number", (None, "")),
            (f"{prefix}-evidence_date", (None, "")),
            (f"{prefix}-completed_on", (None, "")),
            (f"{prefix}-evidence_token", (None, tokens.get(prefix, ""))),
            (f"{prefix}-evidence_upload", ("", b"", "application/octet-stream")),
            (f"{prefix}-note", (None, note)),
        ]
    fields.append((button, (None, "")))
    return fields, targets, tasks


def form_data(fields) -> dict:
    """``entry_fields``' fields as one value per name, the empty file inputs left out: what
    Django's test client posts for them."""
    return {name: value for name, (filename, value, *_rest) in fields if filename is None}
