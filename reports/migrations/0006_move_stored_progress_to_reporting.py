"""The stored progress moves to the app ``reporting`` (issue 20), keeping its tables: nothing in
the database changes."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0005_report_issued_number_unique'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # the tables stay as they are: only Django's idea of which app holds them moves
            state_operations=[
                migrations.RemoveField(
                    model_name='pendingrecompute',
                    name='period',
                ),
                migrations.RemoveField(
                    model_name='progressrun',
                    name='period',
                ),
                migrations.RemoveField(
                    model_name='rollupprogress',
                    name='period',
                ),
                migrations.RemoveField(
                    model_name='rollupprogress',
                    name='plan_area',
                ),
                migrations.RemoveField(
                    model_name='targetprogress',
                    name='agency',
                ),
                migrations.RemoveField(
                    model_name='targetprogress',
                    name='level',
                ),
                migrations.RemoveField(
                    model_name='targetprogress',
                    name='period',
                ),
                migrations.RemoveField(
                    model_name='targetprogress',
                    name='target',
                ),
                migrations.RemoveField(
                    model_name='taskprogress',
                    name='period',
                ),
                migrations.RemoveField(
                    model_name='taskprogress',
                    name='task',
                ),
                migrations.DeleteModel(
                    name='AgencyProgress',
                ),
                migrations.DeleteModel(
                    name='PendingRecompute',
                ),
                migrations.DeleteModel(
                    name='ProgressRun',
                ),
                migrations.DeleteModel(
                    name='RollupProgress',
                ),
                migrations.DeleteModel(
                    name='TargetProgress',
                ),
                migrations.DeleteModel(
                    name='TaskProgress',
                ),
            ],
            database_operations=[],
        ),
    ]
