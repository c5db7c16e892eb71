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


PARTS = (
    "held_out",
    "held_out_round1",
    "held_out_round2",
    "held_out_round3",
    "held_out_round4",
    "held_out_round5",
    "held_out_round6",
    "held_out_round7",
    "held_out_round8",
    "held_out_round9",
    "held_out_round10",
    "held_out_round11",
    "held_out_round12",
    "held_out_round13",
    "development",
    "all",
)

# the earlier rounds held out by document (round 7 on), each a part of its own
DOCUMENT_ROUNDS = (
    "held_out_round7",
    "held_out_round8",
    "held_out_round9",
    "held_out_round10",
    "held_out_round11",
    "held_out_round12",
    "held_out_round13",
)


@dataclass
class Corpus:
    """``held_out_documents`` are the addresses (``url``) of the documents held out now (round 7
    on: a round held out by document, every province being in the corpus already);
    ``held_out_round1`` … ``held_out_round6`` the provinces of the earlier rounds, held out by
    province; ``held_out_documents_round7`` the addresses of round 7, the first round held out
    by document (part ``held_out_round7``), ``held_out_documents_round8`` those of round 8
    (part ``held_out_round8``), ``held_out_documents_round9`` those of round 9 (part
    ``held_out_round9``), ``held_out_documents_round10`` those of round 10 (part
    ``held_out_round10``), ``held_out_documents_round11`` those of round 11 (part
    ``held_out_round11``), ``held_out_documents_round12`` those of round 12 (part
    ``held_out_round12``) and ``held_out_documents_round13`` those of round 13 (part
    ``held_out_round13``)."""

    held_out_documents: list[str] = field(default_factory=list)
    held_out_round1: list[str] = field(default_factory=list)
    held_out_round2: list[str] = field(default_factory=list)
    held_out_round3: list[str] = field(default_factory=list)
    held_out_round4: list[str] = field(default_factory=list)
    held_out_round5: list[str] = field(default_factory=list)
    held_out_round6: list[str] = field(default_factory=list)
    held_out_documents_round7: list[str] = field(default_factory=list)
    held_out_documents_round8: list[str] = field(default_factory=list)
    held_out_documents_round9: list[str] = field(default_factory=list)
    held_out_documents_round10: list[str] = field(default_factory=list)
    held_out_documents_round11: list[str] = field(default_factory=list)
    held_out_documents_round12: list[str] = field(default_factory=list)
    held_out_documents_round13: list[str] = field(default_factory=list)
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
        documents held out now or in rounds 7 to 13: measured, then developed against, so part of
        ``development``), ``held_out_round7`` … ``held_out_round13`` (rounds 7 to 13's documents,
        likewise), ``development`` (everything not held out) or ``all`` sentences."""
        held_out = set(self.held_out_documents)
        if which == "held_out":
            return [s for s in self.sentences if s.url in held_out]
        if which in DOCUMENT_ROUNDS:
            documents = set(getattr(self, f"held_out_documents_round{which.removeprefix('held_out_round')}"))
            return [s for s in self.sentences if s.url in documents and s.url not in held_out]
        if which.startswith("held_out_round"):
            # an earlier round's provinces, less the documents held out now or in rounds 7 to 13 (a
            # later round's documents of the same provinces are not part of the earlier round)
            provinces = set(getattr(self, which))
            later = (
                held_out
                | set(self.held_out_documents_round7)
                | set(self.held_out_documents_round8)
                | set(self.held_out_documents_round9)
                | set(self.held_out_documents_round10)
                | set(self.held_out_documents_round11)
                | set(self.held_out_documents_round12)
                | set(self.held_out_documents_round13)
            )
            return [s for s in self.sentences if s.province in provinces and s.url not in later]
        if which == "development":
            return [s for s in self.sentences if s.url not in held_out]
        return list(self.sentences)


def corpus_load(path: Path = CORPUS_PATH) -> Corpus:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    corpus = Corpus(
        held_out_documents=[str(url) for url in data.get("held_out_documents") or []],
        held_out_round1=list(data.get("held_out_round1") or []),
        held_out_round2=list(data.get("held_out_round2") or []),
        held_out_round3=list(data.get("held_out_round3") or []),
        held_out_round4=list(data.get("held_out_round4") or []),
        held_out_round5=list(data.get("held_out_round5") or []),
        held_out_round6=list(data.get("held_out_round6") or []),
        held_out_documents_round7=[str(url) for url in data.get("held_out_documents_round7") or []],
        held_out_documents_round8=[str(url) for url in data.get("held_out_documents_round8") or []],
        held_out_documents_round9=[str(url) for url in data.get("held_out_documents_round9") or []],
        held_out_documents_round10=[str(url) for url in data.get("held_out_documents_round10") or []],
        held_out_documents_round11=[str(url) for url in data.get("held_out_documents_round11") or []],
        held_out_documents_round12=[str(url) for url in data.get("held_out_documents_round12") or []],
        held_out_documents_round13=[str(url) for url in data.get("held_out_documents_round13") or []],
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
