"""Scoring the target-extraction engine on target sentences of other provinces.

The corpus (``tests/targets/corpus/targets_corpus.yaml``, rules in the README beside it) holds
real sentences of other provinces' plans with the targets written by hand. Each sentence is read
alone and its extracted targets are matched one-to-one with the expected ones. Pure functions
over plain data (the YAML file is read by :func:`corpus_load`); no database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from .extraction import targets_extract

CORPUS_PATH = Path(__file__).resolve().parents[1] / "tests" / "targets" / "corpus" / "targets_corpus.yaml"


@dataclass
class CorpusSentence:
    province: str
    year: int | None
    document: str
    url: str
    text: str
    expected: list[dict]


#: the rounds held out by province (1 to 6) and by document (7 on, every province being in the
#: corpus already): each measured once when committed, then developed against
PROVINCE_ROUNDS = range(1, 7)
DOCUMENT_ROUNDS = range(7, 22)

PARTS = (
    "held_out",
    *(f"held_out_round{n}" for n in (*PROVINCE_ROUNDS, *DOCUMENT_ROUNDS)),
    "development",
    "all",
)


@dataclass
class Corpus:
    """``held_out_documents`` are the addresses (``url``) of the documents held out now;
    ``held_out_round1`` … ``held_out_round6`` the provinces of the rounds held out by province;
    ``document_rounds[n]`` the addresses of round n (7 on), held out by document (part
    ``held_out_round{n}``)."""

    held_out_documents: list[str] = field(default_factory=list)
    held_out_round1: list[str] = field(default_factory=list)
    held_out_round2: list[str] = field(default_factory=list)
    held_out_round3: list[str] = field(default_factory=list)
    held_out_round4: list[str] = field(default_factory=list)
    held_out_round5: list[str] = field(default_factory=list)
    held_out_round6: list[str] = field(default_factory=list)
    document_rounds: dict[int, list[str]] = field(default_factory=dict)
    sentences: list[CorpusSentence] = field(default_factory=list)

    @property
    def provinces(self) -> list[str]:
        return sorted({s.province for s in self.sentences})

    @property
    def held_out(self) -> list[str]:
        """The provinces of the held-out documents (for the record; the part is by document)."""
        return sorted({s.province for s in self.sentences if s.url in self.held_out_documents})

    def part(self, which: str) -> list[CorpusSentence]:
        """``held_out`` (the sentences of the held-out documents, never developed against),
        ``held_out_round1`` … ``held_out_round6`` (earlier held-out rounds, by province, less the
        documents held out now or in a round held out by document: measured, then developed
        against, so part of ``development``), ``held_out_round7`` on (those rounds' documents,
        likewise), ``development`` (everything not held out) or ``all`` sentences."""
        held_out = set(self.held_out_documents)
        if which == "held_out":
            return [s for s in self.sentences if s.url in held_out]
        if which.startswith("held_out_round"):
            n = int(which.removeprefix("held_out_round"))
            if n in DOCUMENT_ROUNDS:
                documents = set(self.document_rounds.get(n, ()))
                return [s for s in self.sentences if s.url in documents and s.url not in held_out]
            # an earlier round's provinces, less the documents held out now or by a later round
            # (a later round's documents of the same provinces are not part of the earlier round)
            provinces = set(getattr(self, which))
            later = held_out.union(*self.document_rounds.values())
            return [s for s in self.sentences if s.province in provinces and s.url not in later]
        if which == "development":
            return [s for s in self.sentences if s.url not in held_out]
        return list(self.sentences)


#: libyaml's safe loader where PyYAML has it (its wheels do), the same documents 8 times faster
#: (the corpus: 0,9 s -> 0,1 s each time it is read); the pure-Python one otherwise
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def corpus_load(path: Path = CORPUS_PATH) -> Corpus:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader
    corpus = Corpus(
        held_out_documents=[str(url) for url in data.get("held_out_documents") or []],
        held_out_round1=list(data.get("held_out_round1") or []),
        held_out_round2=list(data.get("held_out_round2") or []),
        held_out_round3=list(data.get("held_out_round3") or []),
        held_out_round4=list(data.get("held_out_round4") or []),
        held_out_round5=list(data.get("held_out_round5") or []),
        held_out_round6=list(data.get("held_out_round6") or []),
        document_rounds={
            n: [str(url) for url in data.get(f"held_out_documents_round{n}") or []] for n in DOCUMENT_ROUNDS
        },
    )
    for document in data.get("documents") or []:
        for sentence in document.get("sentences") or []:
            corpus.sentences.append(
                CorpusSentence(
                    province=document["province"],
                    year=document.get("year"),
                    document=document.get("document", ""),
                    url=document.get("url", ""),
                    text=str(sentence["text"]),
                    expected=list(sentence.get("expected") or []),
                )
            )
    return corpus


def _number(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _same(a, b) -> bool:
    a, b = _number(a), _number(b)
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) < Decimal("0.0001")


def _comparator(target: dict) -> str:
    """``=`` 100 and ``>=`` 100 state the same target (DOMAIN.md: "100%" is "= 100 (≥ 100)"),
    for one threshold or for each level's ("100% … tại cấp huyện, cấp xã")."""
    comparator = target.get("comparator")
    levels = target.get("levels") or {}
    hundred = all(_same(v, 100) for v in levels.values()) if levels else _same(target.get("value"), 100)
    if comparator == "=" and hundred:
        return ">="
    return comparator


def corpus_target_matches(expected: dict, extracted: dict) -> bool:
    """Whether an extracted target states the expected one: same comparator, numbers, levels,
    baseline year, cumulative flag, due date, and both or neither a rank."""
    if _comparator(expected) != _comparator(extracted):
        return False
    if (expected.get("measure") == "rank") != (extracted.get("measure") == "rank"):
        return False
    for key in ("value", "value_max"):
        if not _same(expected.get(key), extracted.get(key)):
            return False
    want, got = expected.get("levels") or {}, extracted.get("levels") or {}
    if set(want) != set(got) or not all(_same(v, got[k]) for k, v in want.items()):
        return False
    if expected.get("baseline_year") != extracted.get("baseline_year"):
        return False
    if bool(expected.get("cumulative")) != bool(extracted.get("cumulative")):
        return False
    return str(expected.get("due_date") or "") == str(extracted.get("due_date") or "")


def _pairs(expected: list[dict], extracted: list[dict]) -> dict[int, int]:
    """One-to-one matching (expected index → extracted index), maximum bipartite."""
    candidates = [
        [j for j, got in enumerate(extracted) if corpus_target_matches(want, got)] for want in expected
    ]
    owner: dict[int, int] = {}

    def assign(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or assign(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(expected)):
        assign(i, set())
    return {i: j for j, i in owner.items()}


def corpus_score(sentences: list[CorpusSentence]) -> dict:
    """Recall, precision and spurious rate of the engine over ``sentences``, with the misses and
    the spurious targets (each with its sentence), and how often measure and stretch agree on
    the matched pairs."""
    expected_total = found = extracted_total = 0
    measure_agree = stretch_agree = 0
    misses, spurious = [], []
    for sentence in sentences:
        extracted = targets_extract(sentence.text, plan_year=sentence.year)
        pairs = _pairs(sentence.expected, extracted)
        expected_total += len(sentence.expected)
        extracted_total += len(extracted)
        found += len(pairs)
        for i, j in pairs.items():
            want, got = sentence.expected[i], extracted[j]
            measure_agree += want.get("measure") == got.get("measure")
            stretch_agree += bool(want.get("stretch")) == bool(got.get("stretch"))
        matched = set(pairs.values())
        misses += [(sentence, want) for i, want in enumerate(sentence.expected) if i not in pairs]
        spurious += [(sentence, got) for j, got in enumerate(extracted) if j not in matched]
    unmatched = extracted_total - found
    return {
        "sentences": len(sentences),
        "provinces": len({s.province for s in sentences}),
        "expected": expected_total,
        "found": found,
        "recall": found / expected_total if expected_total else 1.0,
        "extracted": extracted_total,
        "spurious": unmatched,
        "precision": found / extracted_total if extracted_total else 1.0,
        "spurious_rate": unmatched / extracted_total if extracted_total else 0.0,
        "measure_agreement": measure_agree / found if found else 1.0,
        "stretch_agreement": stretch_agree / found if found else 1.0,
        "misses": misses,
        "unmatched": spurious,
    }
