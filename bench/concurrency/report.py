"""The figures of one concurrent-entry run: latency percentiles of the entry phase (every
request after all users logged in) overall and per step, the login phase apart, failures, the
verification, the machine's load during the run. Prints them and writes ``RESULTS.md`` and
``results.json`` (the row for BENCHMARKS.md included; ``--name``: ``RESULTS-<name>.md`` and
``results-<name>.json``).

Usage: ``python -m bench.concurrency.report --work DIR --out-dir bench/concurrency ...``."""

from __future__ import annotations

import argparse
import json
import platform
import re
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

from bench.measure import percentile

GOAL = "400 reporters, p95 ≤ 200 ms, no errors, no lost/duplicated writes (issue 26; issue 9: 200, 300 ms)"
STEPS = ["entry page", "save draft", "re-save draft", "submit"]


def spread(times: list[float]) -> dict:
    if not times:
        return {"count": 0}
    return {
        "count": len(times),
        "p50": percentile(times, 0.50),
        "p95": percentile(times, 0.95),
        "p99": percentile(times, 0.99),
        "max": max(times),
    }


def ms(value: float) -> str:
    return f"{value:.0f} ms"


def server_times(access_log: Path, since: float) -> dict:
    """gunicorn's own time per entry-page request of the entry phase (``%(M)s``, ms): the
    difference with the client's time is the wait for a free worker."""
    times = []
    if not access_log.exists():
        return {"count": 0}
    for line in access_log.read_text(encoding="utf-8", errors="replace").splitlines():
        found = re.match(r'\[([^]]+)\] "(\w+) (\S+)" (\d+) (\d+)', line)
        if not found or not found.group(3).startswith("/ke-hoach/"):
            continue
        at = datetime.strptime(found.group(1), "%d/%b/%Y:%H:%M:%S %z").timestamp()
        if at >= int(since):
            times.append(float(found.group(5)))
    return spread(times)


def cpu_use(work: Path) -> dict:
    """CPU seconds of the locust run (login and entry) per process group, and the machine's."""
    snapshots = (
        [json.loads(line) for line in (work / "cpu.jsonl").read_text().splitlines() if line.strip()]
        if (work / "cpu.jsonl").exists()
        else []
    )
    if len(snapshots) < 2:
        return {}
    before, after = snapshots[0], snapshots[-1]
    use = {
        key: round(after[key] - before[key], 1)
        for key in ("gunicorn", "postgres", "machine_busy", "machine_total")
    }
    use["wall"] = round(after["at"] - before["at"], 1)
    timing = work / "locust.time"
    if timing.exists():
        user, system, _ = (float(v) for v in timing.read_text().split()[-3:])
        use["locust"] = round(user + system, 1)
    use["others"] = round(use["machine_busy"] - use["gunicorn"] - use["postgres"] - use.get("locust", 0), 1)
    return use


def summarise(times: dict, verification: dict, uptime: list[str], meta: dict) -> dict:
    phases = times["phases"]
    by_phase = defaultdict(list)
    by_name = defaultdict(list)
    failures = Counter()
    for phase, name, elapsed, ok, error in times["records"]:
        by_phase[phase].append(elapsed)
        if phase == "entry":
            by_name[name].append(elapsed)
        if not ok:
            failures[f"{name}: {error}"] += 1
    entry = spread(by_phase["entry"])
    duration = phases.get("end", 0) - phases.get("entry", 0)
    entry["seconds"] = round(duration, 1)
    entry["per_second"] = round(entry["count"] / duration, 1) if duration > 0 else None
    login = spread(by_phase["login"])
    login["seconds"] = round(phases.get("entry", 0) - phases.get("login", 0), 1)
    failed = sum(failures.values())
    c = verification["counts"]
    met = times["users"] >= 400 and entry.get("p95", 1e9) <= 200 and not failed and verification["passed"]
    row_measured = (
        f"{times['users']} reporters, {entry['count']} requests in {entry['seconds']:.0f} s "
        f"({entry['per_second']} req/s): p50 {ms(entry['p50'])}, p95 {ms(entry['p95'])}, "
        f"p99 {ms(entry['p99'])}; {failed} failed; verification "
        f"{'passed' if verification['passed'] else 'FAILED'} ({c.get('reports', 0)} reports, "
        f"{c.get('target_values', 0) + c.get('task_values', 0)} values: {c.get('lost_values', 0)} "
        f"lost, {c.get('duplicate_lines', 0)} duplicated)" + ("" if met else " — goal not met")
    )
    return {
        "users": times["users"],
        "logged_in": times["logged_in"],
        "finished": times["finished"],
        "wait_seconds": times["wait"],
        "entry": entry,
        "login": login,
        "steps": {name: spread(by_name[name]) for name in STEPS if name in by_name},
        "failures": dict(failures),
        "failed": failed,
        "verification": verification,
        "uptime": uptime,
        "goal_met": met,
        "meta": meta,
        "benchmarks_row": f"| Concurrent result entry (gunicorn + locust) | {GOAL} | {row_measured} |",
    }


def markdown(s: dict) -> str:
    m, e, lg = s["meta"], s["entry"], s["login"]
    lines = [
        "# Concurrent result entry (issue 9)",
        "",
        "Produced by `bench/concurrency/run.sh` (see its header); rerun it to replace this file.",
        "",
        f"Goal: {GOAL}. **{'Met' if s['goal_met'] else 'Not met'}.**",
        "",
        "| step (entry phase) | requests | p50 | p95 | p99 | max |",
        "|---|---|---|---|---|---|",
    ]
    for name, d in list(s["steps"].items()) + [("**all entry requests**", e)]:
        lines.append(
            f"| {name} | {d['count']} | {ms(d['p50'])} | {ms(d['p95'])} | {ms(d['p99'])} | {ms(d['max'])} |"
        )
    c = s["verification"]["counts"]
    lines += [
        "",
        f"- Users: {s['users']} simulated reporters, each its own account in its own agency "
        f"({s['logged_in']} logged in, {s['finished']} finished); think time "
        f"{s['wait_seconds'][0]:g}–{s['wait_seconds'][1]:g} s before each action; each user, for "
        f"each of its periods: open the entry page, save a draft, save again, submit (each post "
        f"followed by the redirect's page, without think time).",
        f"- Entry phase: {e['count']} requests in {e['seconds']} s ({e['per_second']} req/s), "
        f"{s['failed']} failed.",
        f"- gunicorn's own time for the same requests (access log, no wait for a worker): "
        f"p50 {ms(s['server'].get('p50', 0))}, p95 {ms(s['server'].get('p95', 0))}, "
        f"p99 {ms(s['server'].get('p99', 0))} ({s['server']['count']} requests).",
        cpu_line(s.get("cpu") or {}),
        f"- Login phase (apart, before the entry starts): {lg['count']} requests in "
        f"{lg['seconds']} s, p50 {ms(lg['p50'])}, p95 {ms(lg['p95'])}, max {ms(lg['max'])} "
        f"(a password hash per login).",
        f"- Verification: **{'PASS' if s['verification']['passed'] else 'FAIL'}**: "
        f"{c.get('reports', 0)} reports ({c.get('submitted', 0)} submitted exactly once), "
        f"{c.get('successful_saves', 0)} successful saves, {c.get('target_values', 0)} target "
        f"values and {c.get('task_values', 0)} task values checked against the last save: "
        f"{c.get('lost_values', 0)} lost, {c.get('wrong_values', 0)} wrong, "
        f"{c.get('duplicate_lines', 0)} duplicated lines, {c.get('extra_lines', 0)} extra lines, "
        f"{c.get('never_saved', 0)} reports never saved.",
    ]
    if s["failures"]:
        lines.append("- Failures: " + "; ".join(f"{k} × {v}" for k, v in s["failures"].items()))
    for problem in s["verification"]["problems"][:10]:
        lines.append(f"  - {problem}")
    lines += [
        f"- Data: {m.get('data', '')}",
        f"- Server: {m.get('server', '')}",
        "- Load (`uptime` during the run, the machine is shared): "
        + "; ".join(u.split("load average:")[-1].strip() for u in s["uptime"]),
        f"- Machine: {m.get('machine', '')}",
        f"- Command: `{m.get('command', '')}`",
        f"- Measured: {datetime.now().astimezone().strftime('%d/%m/%Y %H:%M')}",
        "",
        "Row for BENCHMARKS.md:",
        "",
        s["benchmarks_row"],
        "",
    ]
    return "\n".join(lines)


def cpu_line(cpu: dict) -> str:
    if not cpu:
        return "- CPU: not recorded."
    return (
        f"- CPU seconds during the locust run ({cpu['wall']} s wall, "
        f"{cpu['machine_total']:.0f} CPU-s available on all cores): gunicorn workers "
        f"{cpu['gunicorn']}, PostgreSQL {cpu['postgres']}, locust {cpu.get('locust', '?')}, "
        f"the rest of the machine (other sessions) {cpu['others']}; machine busy "
        f"{cpu['machine_busy'] / cpu['machine_total']:.0%}."
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", required=True, help="the run's directory (times, verify, uptime)")
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--data", default="")
    parser.add_argument("--server", default="")
    parser.add_argument("--command", default="bash bench/concurrency/run.sh")
    parser.add_argument(
        "--name", default="", help="written as RESULTS-<name>.md and results-<name>.json (BENCH_NAME)"
    )
    args = parser.parse_args(argv)
    work = Path(args.work)
    times = json.loads((work / "times.json").read_text(encoding="utf-8"))
    verification = json.loads((work / "verify.json").read_text(encoding="utf-8"))
    uptime = [line for line in (work / "uptime.log").read_text().splitlines() if line.strip()]
    cores = len(__import__("os").sched_getaffinity(0))
    meta = {
        "data": args.data,
        "server": args.server,
        "command": args.command,
        "machine": f"{cores} cores, {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}",
    }
    s = summarise(times, verification, uptime, meta)
    s["server"] = server_times(work / "access.log", times["phases"].get("entry", 0))
    s["cpu"] = cpu_use(work)
    s["measured"] = datetime.now().astimezone().strftime("%d/%m/%Y %H:%M")
    out, suffix = Path(args.out_dir), f"-{args.name}" if args.name else ""
    (out / f"results{suffix}.json").write_text(json.dumps(s, ensure_ascii=False, indent=1), encoding="utf-8")
    text = markdown(s)
    (out / f"RESULTS{suffix}.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
