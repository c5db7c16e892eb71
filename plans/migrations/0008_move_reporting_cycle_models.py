"""The reporting cycle's models (submissions, their lines, evidence, reopenings, extensions)
move to the app ``reporting`` (issue 20). Their tables keep their names: nothing in the
database changes."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0007_plan_copy_task_extension'),
        ('targets', '0005_move_reporting_cycle_models'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # the tables stay as they are: only Django's idea of which app holds them moves
            state_operations=[
                migrations.RemoveField(
                    model_name='taskupdate',
                    name='evidence_file',
                ),
                migrations.RemoveField(
                    model_name='historicaltaskupdate',
                    name='evidence_file',
                ),
                migrations.RemoveField(
                    model_name='historicalsubmission',
                    name='agency',
                ),
                migrations.RemoveField(
                    model_name='historicalsubmission',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalsubmission',
                    name='period',
                ),
                migrations.RemoveField(
                    model_name='historicalsubmission',
                    name='reviewed_by',
                ),
                migrations.RemoveField(
                    model_name='historicalsubmission',
                    name='submitted_by',
                ),
                migrations.RemoveField(
                    model_name='historicaltaskupdate',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicaltaskupdate',
                    name='submission',
                ),
                migrations.RemoveField(
                    model_name='historicaltaskupdate',
                    name='task',
                ),
                migrations.RemoveField(
                    model_name='periodreopening',
                    name='agency',
                ),
                migrations.RemoveField(
                    model_name='periodreopening',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='periodreopening',
                    name='period',
                ),
                migrations.RemoveField(
                    model_name='submission',
                    name='agency',
                ),
                migrations.RemoveField(
                    model_name='submission',
                    name='period',
                ),
                migrations.RemoveField(
                    model_name='submission',
                    name='reviewed_by',
                ),
                migrations.RemoveField(
                    model_name='submission',
                    name='submitted_by',
                ),
                migrations.RemoveField(
                    model_name='taskupdate',
                    name='submission',
                ),
                migrations.RemoveField(
                    model_name='taskextension',
                    name='agency',
                ),
                migrations.RemoveField(
                    model_name='taskextension',
                    name='decided_by',
                ),
                migrations.RemoveField(
                    model_name='taskextension',
                    name='requested_by',
                ),
                migrations.RemoveField(
                    model_name='taskextension',
                    name='task',
                ),
                migrations.RemoveField(
                    model_name='taskupdate',
                    name='task',
                ),
                migrations.DeleteModel(
                    name='EvidenceFile',
                ),
                migrations.DeleteModel(
                    name='HistoricalSubmission',
                ),
                migrations.DeleteModel(
                    name='HistoricalTaskUpdate',
                ),
                migrations.DeleteModel(
                    name='PeriodReopening',
                ),
                migrations.DeleteModel(
                    name='Submission',
                ),
                migrations.DeleteModel(
                    name='TaskExtension',
                ),
                migrations.DeleteModel(
                    name='TaskUpdate',
                ),
            ],
            database_operations=[],
        ),
    ]
