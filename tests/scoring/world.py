"""The scoring objects the URL walks (tests/test_permissions.py, tests/test_scope.py) put in their
URLs: Hưng Yên's round of 2023 open (Sở Tư pháp explaining, Sở Nội vụ self-scoring), a file of
each, a draft decision, the criteria sets; Hải Dương's round of 2024 on a copy of the set. Each
carries the marker texts the scope walk looks for."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from agencies.models import Agency, User
from scoring import documents, services
from scoring.demo import _demo_round_delete, demo_users_create
from scoring.models import Assessment, CriteriaSet, ExplanationRequest, LeafScore, Publication
from scoring.rules import State
from scoring.seeds import criteria_sets_load
from scoring.services import Entry
from tests.evidence_files import PDF, upload


def _note(assessment, code, note):
    LeafScore.objects.filter(assessment=assessment, node__code=code).update(self_note=note)


def scoring_world(marks: dict[str, str] | None = None) -> dict[str, int]:
    """``marks``: marker texts to write (keys: stp_note, stp_comment, stp_answer, snv_note,
    hd_note; file names: stp_file, snv_file)."""
    marks = marks or {}
    criteria_sets_load()
    hy, hd = Agency.objects.get(code="hy-ubnd"), Agency.objects.get(code="hd-ubnd")
    _demo_round_delete(hy, 2023)
    member = demo_users_create()
    reporter = User.objects.get(username="tp.reporter")
    round_ = services.scoring_round_open(province=hy, year=2023)
    services.round_scores_compute(round_id=round_.pk, as_of=date(2024, 1, 5))
    services.council_member_set(round_=round_, member=member, units=Agency.objects.filter(code="hy-stp"))
    stp = round_.assessments.select_related("unit", "round").get(unit__code="hy-stp")
    snv = round_.assessments.get(unit__code="hy-snv")
    leaf = stp.scores.get(node__code="1.1.2")
    services.self_scores_save(
        assessment=stp,
        user=reporter,
        entries={
            leaf.pk: Entry(
                points=leaf.node.max_points,
                note=marks.get("stp_note", ""),
                uploads=[upload(marks.get("stp_file", "tu-cham-stp.pdf"), PDF)],
            )
        },
    )
    stp_file = leaf.files.get()
    snv_file = services._store_files(
        [upload(marks.get("snv_file", "tu-cham-snv.pdf"), PDF)], snv.unit_id, None, "x", {}
    )[0]
    snv.scores.get(node__code="1.1.2").files.add(snv_file)
    _note(snv, "1.1.2", marks.get("snv_note", ""))
    LeafScore.objects.filter(pk=leaf.pk).update(
        appraised_points=0, appraised_by=member, appraisal_comment=marks.get("stp_comment", "x")
    )
    Assessment.objects.filter(pk=stp.pk).update(state=State.EXPLANATION)
    answer = marks.get("stp_answer", "")
    explanation = ExplanationRequest.objects.create(
        score=leaf,
        question="Đề nghị giải trình.",
        requested_by=member,
        answer=answer,
        answered_by=reporter if answer else None,
        answered_at=timezone.now() if answer else None,
    )
    draft = Publication.objects.create(round=round_, data=documents.publication_data(round_))

    source = CriteriaSet.objects.get(province=hy, year=2023, version=1)
    hd_set = CriteriaSet.objects.filter(province=hd, year=2024).first() or services.criteria_set_copy(
        source=source, year=2024, province=hd, user=None
    )
    if not hd_set.is_published:
        services.criteria_set_publish(
            criteria_set=hd_set, user=User.objects.filter(is_superuser=True).first()
        )
    hd_round = services.scoring_round_open(province=hd, year=2024)
    hd_stp = hd_round.assessments.get(unit__code="hd-stp")
    _note(hd_stp, "1.1.2", marks.get("hd_note", ""))
    draft_set = services.criteria_set_copy(source=source, year=2024, user=None)
    return {
        "sc_set": source.pk,
        "sc_hd_set": hd_set.pk,
        "sc_draft_set": draft_set.pk,
        "sc_round": round_.pk,
        "sc_hd_round": hd_round.pk,
        "sc_own": stp.pk,
        "sc_other": snv.pk,
        "sc_foreign": hd_stp.pk,
        "sc_explanation": explanation.pk,
        "sc_own_file": stp_file.pk,
        "sc_other_file": snv_file.pk,
        "sc_draft": draft.pk,
    }
