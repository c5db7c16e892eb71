"""Make the generated data ready for the concurrent-entry benchmark: N reporter accounts, each
in its own agency, with a known password, and for each of them the periods of the last
generated year with no report yet and open for entry.

On data made by ``manage.py generate_scale_data`` (every agency has an approved report for every
period): the agencies are taken round-robin over the provinces from those reporting in the last
generated year's plan; their reports for that plan's periods are deleted (with their lines), and
each period already closed today is reopened for them (as the Sở Nội vụ does for a late agency),
so the benchmark writes into empty, open reports. Reruns replace the previous accounts.

Usage: ``python -m bench.concurrency.prepare --users 200 --out users.json``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
USERNAME = "bench-r{:03d}"
REASON = "Mở lại cho phép đo nhập số liệu đồng thời (bench/concurrency)."


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings.test")
    import django

    django.setup()


def prepare(*, users: int, prefix: str, password: str, periods: int) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from agencies.models import User
    from cchc.clock import today
    from plans.models import Plan, ReportingPeriod
    from reporting.models import PeriodReopening, Submission
    from reporting.selectors.locks import agency_locks

    plans = list(Plan.objects.filter(source_note=f"scale:{prefix}").select_related("issuer"))
    if not plans:
        raise SystemExit(f"no generated plan with prefix {prefix!r}: run generate_scale_data first")
    last_year = max(p.year for p in plans)
    plans = sorted((p for p in plans if p.year == last_year), key=lambda p: p.code)
    chosen_periods = {}
    pools = []
    for plan in plans:
        plan_periods = list(ReportingPeriod.objects.filter(plan=plan).order_by("position"))
        # the open one (today within its window or grace) first, then the others
        chosen_periods[plan.pk] = plan_periods[-periods:] if periods else plan_periods
        pools.append(
            [
                (plan, agency_id)
                for agency_id in Submission.objects.filter(period__plan=plan)
                .order_by("agency__code")
                .values_list("agency_id", flat=True)
                .distinct()
            ]
        )
    picked = []
    while len(picked) < users and any(pools):
        for pool in pools:
            if pool and len(picked) < users:
                picked.append(pool.pop(0))
    if len(picked) < users:
        raise SystemExit(
            f"only {len(picked)} reporting agencies in the {last_year} plans; generate more communes"
        )

    hashed = make_password(password)
    on = today()
    with transaction.atomic():
        User.objects.filter(username__startswith="bench-r").delete()
        accounts, reopenings, out = [], [], []
        deleted = 0
        for number, (plan, agency_id) in enumerate(picked, start=1):
            plan_periods = chosen_periods[plan.pk]
            deleted += Submission.objects.filter(agency_id=agency_id, period__in=plan_periods).delete()[0]
            reviewer = User.objects.filter(username=f"{plan.code.rsplit('-', 1)[0]}-reviewer").first()
            for period_id, lock in agency_locks(agency_id, plan_periods, on).items():
                if lock.locked:
                    reopenings.append(
                        PeriodReopening(
                            period_id=period_id,
                            agency_id=agency_id,
                            until=on + timedelta(days=30),
                            reason=REASON,
                            created_by=reviewer,
                        )
                    )
            username = USERNAME.format(number)
            accounts.append(
                User(
                    username=username,
                    password=hashed,
                    role=User.Role.REPORTER,
                    agency_id=agency_id,
                    first_name="Bench",
                    last_name=f"{number:03d}",
                )
            )
            out.append(
                {
                    "no": number,
                    "username": username,
                    "agency_id": agency_id,
                    "plan": plan.code,
                    "periods": [p.pk for p in plan_periods],
                }
            )
        User.objects.bulk_create(accounts)
        PeriodReopening.objects.bulk_create(reopenings)
    return {
        "users": out,
        "year": last_year,
        "deleted_rows": deleted,
        "reopened": len(reopenings),
        "periods_per_user": len(out[0]["periods"]),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--prefix", default="scale")
    parser.add_argument(
        "--periods", type=int, default=0, help="the last N periods of the year's plan (default: all)"
    )
    parser.add_argument("--password", default=os.environ.get("BENCH_PASSWORD", "bench-nhap-dong-thoi"))
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    setup_django()
    result = prepare(users=args.users, prefix=args.prefix, password=args.password, periods=args.periods)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(
        f"{len(result['users'])} reporters in distinct agencies, year {result['year']}, "
        f"{result['periods_per_user']} periods each; deleted {result['deleted_rows']} rows of "
        f"their earlier reports, {result['reopened']} period reopenings"
    )


if __name__ == "__main__":
    main()
