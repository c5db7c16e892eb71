"""``python manage.py score_parse_targets``: how well the target-extraction engine reads the
two real plans, against the targets transcribed by hand in ``targets/seed_data/*.yaml``, and the
target sentences of other provinces in ``tests/targets/corpus/targets_corpus.yaml``.

For each seed plan the engine reads ``targets/seed_data/sources/<name>.txt`` and its targets are
matched one-to-one with the transcribed ones (``targets.extraction.score_extraction``). A
transcribed target is FOUND when an extracted target has the same comparator and value (and
value_max and per-level thresholds where the transcription gives them) and was read from the
same words: at least 60% of the transcribed target's words (diacritics-free, lower case) are in
the extracted ``source`` sentence, and at least 60% of that sentence's words are in the
transcribed statement. Extracted targets that match nothing are counted as false positives.

The corpus of other provinces is scored sentence by sentence (``targets/corpus.py``, rules in
``tests/targets/corpus/README.md``): recall, precision and the spurious rate (extracted targets
that state no expected one) for the held-out documents, the development sentences and the whole
corpus, and for the earlier rounds of held-out provinces or documents (measured, then developed
against; shown for the record). The seeds stay a separate score. No database is used.
"""

from pathlib import Path

import yaml
from django.core.management.base import BaseCommand

from ...corpus import DOCUMENT_ROUNDS, PARTS, corpus_load, corpus_score
from ...extraction import score_extraction, targets_extract

SEED_DIR = Path(__file__).resolve().parents[3] / "targets" / "seed_data"
SEED_PLANS = ("hung_yen_2023", "hai_duong_2024")


def seed_expected_targets(name: str) -> list[dict]:
    """The transcribed targets of a seed plan, flattened: code, text, statement, comparator,
    value, value_max, levels."""
    data = yaml.safe_load((SEED_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    statements = [s for area in data.get("areas") or [] for s in area.get("targets") or []]
    statements += data.get("general_targets") or []
    expected = []
    for statement in statements:
        for index, target in enumerate(statement.get("targets") or []):
            code = target.get("code") or (
                statement.get("code") if index == 0 else f"{statement.get('code')}.{index}"
            )
            expected.append(
                {
                    "code": code,
                    "text": str(target["text"]),
                    "statement": str(statement["text"]),
                    "comparator": str(target["comparator"]),
                    "value": target.get("value"),
                    "value_max": target.get("value_max"),
                    "levels": target.get("levels"),
                }
            )
    return expected


def seed_score(name: str) -> dict:
    """The engine's score on one seed plan (see the module docstring for the rule)."""
    text = (SEED_DIR / "sources" / f"{name}.txt").read_text(encoding="utf-8")
    return score_extraction(seed_expected_targets(name), targets_extract(text))


def _describe(target: dict) -> str:
    if target.get("levels"):
        amount = ", ".join(f"{k} {v}" for k, v in target["levels"].items())
    else:
        amount = " – ".join(str(v) for v in (target.get("value"), target.get("value_max")) if v is not None)
    return f"{target['comparator']} {amount}".strip()


class Command(BaseCommand):
    help = "Chấm bộ trích xuất chỉ tiêu trên hai kế hoạch mẫu (so với chỉ tiêu đã nhập tay)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--verbose-unmatched",
            action="store_true",
            help="Liệt kê cả các chỉ tiêu trích xuất không khớp chỉ tiêu nào",
        )
        parser.add_argument(
            "--corpus-details",
            choices=PARTS,
            default=None,
            help="Liệt kê chỉ tiêu bỏ sót và thừa của kho câu (theo phần)",
        )

    def handle(self, *args, verbose_unmatched=False, corpus_details=None, **options):
        for name in SEED_PLANS:
            score = seed_score(name)
            self.stdout.write(
                f"{name}: transcribed {score['transcribed']}, found {score['found']}, "
                f"recall {score['recall']:.1%}; extracted {score['extracted']}, "
                f"false positives {score['false_positives']}, precision {score['precision']:.1%}"
            )
            for miss in score["misses"]:
                self.stdout.write(f"  MISS {miss['code']}: {_describe(miss)} — {miss['text'][:90]}")
            if verbose_unmatched:
                for extra in score["unmatched"]:
                    self.stdout.write(
                        f"  UNMATCHED {extra['code']}: {_describe(extra)} — {extra['text'][:90]}"
                    )
        corpus = corpus_load()
        self.stdout.write(
            f"corpus: {len(corpus.sentences)} sentences from {len(corpus.provinces)} "
            f"provinces; held out: {len(corpus.held_out_documents)} documents of "
            f"{', '.join(corpus.held_out) or 'no province'}; held out in round 1 "
            f"(since developed against): {', '.join(corpus.held_out_round1)}; in round 2 "
            f"(likewise): {', '.join(corpus.held_out_round2)}; in round 3 (likewise): "
            f"{', '.join(corpus.held_out_round3)}; in round 4 (likewise): "
            f"{', '.join(corpus.held_out_round4)}; in round 5 (likewise): "
            f"{', '.join(corpus.held_out_round5)}; in round 6 (likewise): "
            f"{', '.join(corpus.held_out_round6)}; "
            + "; ".join(
                f"round {n} (held out by document, likewise): {len(corpus.document_rounds[n])} documents"
                if n == DOCUMENT_ROUNDS[0]
                else f"round {n} (likewise): {len(corpus.document_rounds[n])} documents"
                for n in DOCUMENT_ROUNDS
            )
        )
        for part in PARTS:
            score = corpus_score(corpus.part(part))
            self.stdout.write(
                f"corpus {part}: provinces {score['provinces']}, sentences {score['sentences']}, "
                f"expected {score['expected']}, found {score['found']}, recall {score['recall']:.1%}; "
                f"extracted {score['extracted']}, spurious {score['spurious']}, "
                f"precision {score['precision']:.1%}, spurious rate {score['spurious_rate']:.1%}; "
                f"measure agrees {score['measure_agreement']:.0%}, stretch agrees "
                f"{score['stretch_agreement']:.0%}"
            )
            if part == corpus_details:
                for sentence, target in score["misses"]:
                    self.stdout.write(
                        f"  MISS {sentence.province}: {_describe(target)} — {sentence.text[:90]}"
                    )
                for sentence, target in score["unmatched"]:
                    self.stdout.write(
                        f"  SPURIOUS {sentence.province}: {_describe(target)} — {target['text'][:90]}"
                    )
