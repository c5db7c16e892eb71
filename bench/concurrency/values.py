"""The figures a simulated reporter types, shared by the locust file (what it posts) and the
verification (what the database must hold). Every save of every reporter is distinguishable:
the comment and note carry a token naming the user, the period and the save, and the rate
denominators encode the user and the save."""

from __future__ import annotations


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
