"""Fill ``Submission.first_submitted_at`` for reports sent before it existed: the sending time
recorded by the earliest history row of the report in state "submitted" (django-simple-history
kept every save), else the report's own sending time (``submitted_at``, which later sendings
overwrote: the best that is left). Never later than the latest sending."""

from django.db import migrations


def fill_first_sending(apps, schema_editor):
    Submission = apps.get_model("reporting", "Submission")
    History = apps.get_model("reporting", "HistoricalSubmission")
    first: dict[int, object] = {}
    rows = (
        History.objects.filter(status="submitted", submitted_at__isnull=False)
        .order_by("id", "history_date", "history_id")
        .values_list("id", "submitted_at")
    )
    for submission_id, sent in rows:
        first.setdefault(submission_id, sent)
    changed = []
    for submission in Submission.objects.filter(submitted_at__isnull=False, first_submitted_at__isnull=True):
        sent = first.get(submission.pk) or submission.submitted_at
        submission.first_submitted_at = min(sent, submission.submitted_at)
        changed.append(submission)
    Submission.objects.bulk_update(changed, ["first_submitted_at"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("reporting", "0003_first_sending_transactions_verdicts_and_judgement_counts")]

    operations = [migrations.RunPython(fill_first_sending, migrations.RunPython.noop)]
