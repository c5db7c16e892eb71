"""After the locust run: is every value a reporter saved in the database, exactly once?

For each prepared reporter and period, the ledger's last successful save says what the database
must hold: one submission for (agency, period), at the version counting the successful saves,
submitted (exactly once in its history) when the submit succeeded; one target result per posted
target with that save's figures and comment, one task update per posted task with that save's
percent and note; no duplicate line anywhere in the benchmark's submissions.

Usage: ``python -m bench.concurrency.verify --users users.json --ledger ledger.jsonl --out v.json``."""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

from bench.concurrency import values
from bench.concurrency.prepare import setup_django


def _expected_target(kind: str, no: int, save_no: int) -> dict:
    if kind == "numerator":
        numerator, denominator = values.rate(no, save_no)
        return {"numerator": Decimal(numerator), "denominator": Decimal(denominator)}
    if kind == "done":
        return {"done": True}
    return {"value": Decimal(values.number(no, save_no))}


def verify(users: list[dict], ledger: list[dict]) -> dict:
    saves = defaultdict(list)
    for row in ledger:
        saves[(row["agency_id"], row["period_id"])].append(row)
    keys = [(u["agency_id"], p, u) for u in users for p in u["periods"]]
    check = _Check(_Stored(keys))
    check.counts["duplicate_lines"] = _duplicate_lines(check.stored.sub_ids)
    for agency_id, period_id, user in keys:
        check.report(user, agency_id, period_id, saves[(agency_id, period_id)])
    counts, problems = check.counts, check.problems
    counts["problems"] = len(problems)
    passed = not problems and not counts["duplicate_lines"] and not counts["extra_lines"]
    return {"passed": passed, "counts": dict(counts), "problems": problems[:50]}


class _Stored:
    """What the database holds for the prepared (agency, period) pairs, read in five queries:
    the submissions, their target results and task updates, and how often each was submitted."""

    def __init__(self, keys: list[tuple]):
        from reporting.models import Submission, TargetResult, TaskUpdate

        self.submissions = {
            (s.agency_id, s.period_id): s
            for s in Submission.objects.filter(
                agency_id__in={k[0] for k in keys}, period_id__in={k[1] for k in keys}
            )
        }
        self.sub_ids = [s.pk for s in self.submissions.values()]
        self.results = defaultdict(list)
        for r in TargetResult.objects.filter(submission_id__in=self.sub_ids):
            self.results[r.submission_id].append(r)
        self.updates = defaultdict(list)
        for u in TaskUpdate.objects.filter(submission_id__in=self.sub_ids):
            self.updates[u.submission_id].append(u)
        self.submitted_history = Counter(
            Submission.history.filter(id__in=self.sub_ids, status=Submission.Status.SUBMITTED).values_list(
                "id", flat=True
            )
        )


def _duplicate_lines(sub_ids: list[int]) -> int:
    """Target results and task updates stored twice for the same line of a submission."""
    from django.db.models import Count

    from reporting.models import TargetResult, TaskUpdate

    return (
        TargetResult.objects.filter(submission_id__in=sub_ids)
        .values("submission_id", "target_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
        + TaskUpdate.objects.filter(submission_id__in=sub_ids)
        .values("submission_id", "task_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )


class _Check:
    """The counts and the problems found, report by report (a reporter's period)."""

    def __init__(self, stored: _Stored):
        self.stored = stored
        self.counts: Counter = Counter()
        self.problems: list[str] = []

    def report(self, user: dict, agency_id: int, period_id: int, saves: list[dict]) -> None:
        """One report against the ledger's saves of it: stored when a save succeeded (nothing
        stored otherwise), at the right version and status, with the last save's values."""
        counts = self.counts
        counts["reports"] += 1
        done = [r for r in saves if r["ok"]]
        counts["successful_saves"] += len(done)
        counts["failed_posts"] += sum(1 for r in saves if not r["ok"])
        submission = self.stored.submissions.get((agency_id, period_id))
        where = f"{user['username']} period {period_id}"
        if not done:
            counts["never_saved"] += 1
            if submission is not None and submission.version:
                self.problems.append(
                    f"{where}: no successful save in the ledger but version {submission.version} stored"
                )
            return
        last = max(done, key=lambda r: r["save_no"])
        if submission is None:
            self.problems.append(f"{where}: saved {len(done)} times, no submission stored")
            counts["lost_values"] += len(last["targets"]) + len(last["tasks"])
            return
        self.submission(where, submission, len(done), last)
        note = values.token(user["username"], period_id, last["save_no"])
        self.targets(where, user, last, note, self.stored.results[submission.pk])
        self.tasks(where, last, note, self.stored.updates[submission.pk])

    def submission(self, where: str, submission, saved: int, last: dict) -> None:
        """Its version counts the successful saves; submitted (once in its history) when the
        last save was the submit, a draft otherwise."""
        if submission.version != saved:
            self.problems.append(f"{where}: version {submission.version}, {saved} successful saves")
        want_status = "submitted" if last["step"] == "submit" else "draft"
        if submission.status != want_status:
            self.problems.append(f"{where}: status {submission.status}, expected {want_status}")
        if want_status == "submitted":
            self.counts["submitted"] += 1
            if self.stored.submitted_history[submission.pk] != 1:
                self.problems.append(
                    f"{where}: submitted {self.stored.submitted_history[submission.pk]} times"
                )

    def targets(self, where: str, user: dict, last: dict, note: str, results: list) -> None:
        """One target result per posted target, with the last save's figures and comment."""
        counts = self.counts
        stored = {f"t{r.target_id}": r for r in results}
        for prefix, kind in last["targets"].items():
            counts["target_values"] += 1
            row = stored.pop(prefix, None)
            expected = {**_expected_target(kind, user["no"], last["save_no"]), "comment": note}
            if row is None:
                counts["lost_values"] += 1
                self.problems.append(f"{where}: {prefix} lost")
            elif any(getattr(row, name) != value for name, value in expected.items()):
                counts["wrong_values"] += 1
                self.problems.append(f"{where}: {prefix} holds {row.comment!r}, expected {note!r}")
        counts["extra_lines"] += len(stored)

    def tasks(self, where: str, last: dict, note: str, updates: list) -> None:
        """One task update per posted task, with the last save's percent and note."""
        counts = self.counts
        stored_tasks = {f"k{u.task_id}": u for u in updates}
        for prefix in last["tasks"]:
            counts["task_values"] += 1
            row = stored_tasks.pop(prefix, None)
            if row is None:
                counts["lost_values"] += 1
                self.problems.append(f"{where}: {prefix} lost")
            elif row.note != note or row.percent != values.percent(last["save_no"]):
                counts["wrong_values"] += 1
                self.problems.append(f"{where}: {prefix} holds {row.note!r}, expected {note!r}")
        counts["extra_lines"] += len(stored_tasks)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", required=True)
    parser.add_argument("--ledger", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    setup_django()
    users = json.loads(Path(args.users).read_text(encoding="utf-8"))["users"]
    ledger = [
        json.loads(line)
        for line in Path(args.ledger).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    result = verify(users, ledger)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    c = result["counts"]
    print(
        f"verification {'PASS' if result['passed'] else 'FAIL'}: {c.get('reports', 0)} reports, "
        f"{c.get('submitted', 0)} submitted once, {c.get('successful_saves', 0)} successful saves, "
        f"{c.get('target_values', 0)} target values and {c.get('task_values', 0)} task values "
        f"checked; lost {c.get('lost_values', 0)}, wrong {c.get('wrong_values', 0)}, duplicated "
        f"{c.get('duplicate_lines', 0)}, extra {c.get('extra_lines', 0)}, never saved "
        f"{c.get('never_saved', 0)}, failed posts {c.get('failed_posts', 0)}"
    )
    for problem in result["problems"][:20]:
        print("  " + problem)


if __name__ == "__main__":
    main()
