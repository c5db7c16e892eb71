"""Target results move to the app ``reporting`` (issue 20), keeping their table and its history
table: nothing in the database changes."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('targets', '0004_target_baseline_is_demo'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # the tables stay as they are: only Django's idea of which app holds them moves
            state_operations=[
                migrations.RemoveField(
                    model_name='targetresult',
                    name='submission',
                ),
                migrations.RemoveField(
                    model_name='targetresult',
                    name='target',
                ),
                migrations.DeleteModel(
                    name='HistoricalTargetResult',
                ),
                migrations.DeleteModel(
                    name='TargetResult',
                ),
            ],
            database_operations=[],
        ),
    ]
