"""The reporting cycle's models, moved here from plans, targets and reports (issue 20). Each keeps
its table (``db_table``) and its history table, so nothing in the database changes; the
content types (and so the permissions and admin log entries that point to them) follow the
models to this app."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import cchc.storage

MOVED = {
    "plans": ["periodreopening", "submission", "evidencefile", "taskupdate", "taskextension",
              "historicalsubmission", "historicaltaskupdate"],
    "targets": ["targetresult", "historicaltargetresult"],
    "reports": ["progressrun", "pendingrecompute", "targetprogress", "taskprogress",
                "rollupprogress", "agencyprogress"],
}


def _relabel(apps, *, to_reporting: bool):
    content_type = apps.get_model("contenttypes", "ContentType")
    for app_label, models_ in MOVED.items():
        source, target = (app_label, "reporting") if to_reporting else ("reporting", app_label)
        for model in models_:
            if content_type.objects.filter(app_label=target, model=model).exists():
                continue   # made already (e.g. by a migrate that ran in between): keep it
            content_type.objects.filter(app_label=source, model=model).update(app_label=target)


def content_types_move(apps, schema_editor):
    _relabel(apps, to_reporting=True)


def content_types_move_back(apps, schema_editor):
    _relabel(apps, to_reporting=False)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('reports', '0006_move_stored_progress_to_reporting'),
        ('agencies', '0003_admin_action'),
        ('plans', '0008_move_reporting_cycle_models'),
        ('targets', '0005_move_reporting_cycle_models'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # the tables stay as they are: only Django's idea of which app holds them moves
            state_operations=[
                migrations.CreateModel(
                    name='EvidenceFile',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('file', models.FileField(max_length=200, storage=cchc.storage.evidence_storage, upload_to=cchc.storage.evidence_upload_to, verbose_name='tệp')),
                        ('name', models.CharField(max_length=160, verbose_name='tên tệp')),
                        ('kind', models.CharField(choices=[('pdf', 'PDF'), ('docx', 'Word (DOCX)'), ('xlsx', 'Excel (XLSX)'), ('jpg', 'JPG'), ('png', 'PNG')], max_length=5, verbose_name='loại')),
                        ('size', models.PositiveIntegerField(verbose_name='dung lượng (byte)')),
                        ('sha256', models.CharField(max_length=64)),
                        ('uploaded_at', models.DateTimeField(auto_now_add=True, verbose_name='thời điểm tải lên')),
                        ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='evidence_files', to='agencies.agency', verbose_name='cơ quan')),
                        ('uploaded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người tải lên')),
                    ],
                    options={
                        'verbose_name': 'tệp minh chứng',
                        'verbose_name_plural': 'tệp minh chứng',
                        'db_table': 'plans_evidencefile',
                        'ordering': ['-uploaded_at'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalSubmission',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('status', models.CharField(choices=[('draft', 'Đang nhập'), ('submitted', 'Đã gửi'), ('returned', 'Bị trả lại'), ('approved', 'Đã duyệt')], default='draft', max_length=10, verbose_name='trạng thái')),
                        ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='ngày gửi')),
                        ('reviewed_at', models.DateTimeField(blank=True, null=True, verbose_name='ngày duyệt')),
                        ('return_reason', models.TextField(blank=True, verbose_name='lý do trả lại')),
                        ('is_demo', models.BooleanField(default=False, verbose_name='dữ liệu mẫu')),
                        ('version', models.PositiveIntegerField(default=0, help_text='Tăng mỗi lần lưu: lần lưu dựa trên phiên bản cũ bị từ chối.', verbose_name='phiên bản')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('agency', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agencies.agency', verbose_name='cơ quan')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('period', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plans.reportingperiod', verbose_name='kỳ báo cáo')),
                        ('reviewed_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('submitted_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical báo cáo định kỳ của cơ quan',
                        'verbose_name_plural': 'historical báo cáo định kỳ của cơ quan',
                        'db_table': 'plans_historicalsubmission',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='PendingRecompute',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('first_requested_at', models.DateTimeField(verbose_name='yêu cầu đầu tiên lúc')),
                        ('requested_at', models.DateTimeField(verbose_name='yêu cầu gần nhất lúc')),
                        ('period', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='pending_recompute', to='plans.reportingperiod', verbose_name='kỳ báo cáo')),
                    ],
                    options={
                        'verbose_name': 'yêu cầu tính lại tiến độ',
                        'verbose_name_plural': 'yêu cầu tính lại tiến độ',
                        'db_table': 'reports_pendingrecompute',
                    },
                ),
                migrations.CreateModel(
                    name='ProgressRun',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('computed_at', models.DateTimeField(verbose_name='tính lúc')),
                        ('results_used', models.PositiveIntegerField(verbose_name='số kết quả chỉ tiêu đã duyệt được dùng')),
                        ('updates_used', models.PositiveIntegerField(verbose_name='số cập nhật nhiệm vụ đã duyệt được dùng')),
                        ('source_updated_at', models.DateTimeField(blank=True, null=True, verbose_name='số liệu mới nhất lúc')),
                        ('duration_ms', models.PositiveIntegerField(default=0, verbose_name='thời gian tính (ms)')),
                        ('runs', models.PositiveIntegerField(default=0, verbose_name='số lần tính')),
                        ('period', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='progress_run', to='plans.reportingperiod', verbose_name='kỳ báo cáo')),
                    ],
                    options={
                        'verbose_name': 'lần tính tiến độ',
                        'verbose_name_plural': 'lần tính tiến độ',
                        'db_table': 'reports_progressrun',
                    },
                ),
                migrations.CreateModel(
                    name='Submission',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('draft', 'Đang nhập'), ('submitted', 'Đã gửi'), ('returned', 'Bị trả lại'), ('approved', 'Đã duyệt')], default='draft', max_length=10, verbose_name='trạng thái')),
                        ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='ngày gửi')),
                        ('reviewed_at', models.DateTimeField(blank=True, null=True, verbose_name='ngày duyệt')),
                        ('return_reason', models.TextField(blank=True, verbose_name='lý do trả lại')),
                        ('is_demo', models.BooleanField(default=False, verbose_name='dữ liệu mẫu')),
                        ('version', models.PositiveIntegerField(default=0, help_text='Tăng mỗi lần lưu: lần lưu dựa trên phiên bản cũ bị từ chối.', verbose_name='phiên bản')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='submissions', to='agencies.agency', verbose_name='cơ quan')),
                        ('period', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='submissions', to='plans.reportingperiod', verbose_name='kỳ báo cáo')),
                        ('reviewed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('submitted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'báo cáo định kỳ của cơ quan',
                        'verbose_name_plural': 'báo cáo định kỳ của cơ quan',
                        'db_table': 'plans_submission',
                        'ordering': ['period', 'agency'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalTaskUpdate',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('not_applicable', models.BooleanField(default=False, verbose_name='không phát sinh')),
                        ('review_status', models.CharField(choices=[('pending', 'Chờ duyệt'), ('approved', 'Đã duyệt'), ('returned', 'Trả lại')], default='pending', max_length=10, verbose_name='duyệt')),
                        ('review_note', models.TextField(blank=True, verbose_name='lý do trả lại')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False)),
                        ('progress', models.CharField(choices=[('not_started', 'Chưa triển khai'), ('in_progress', 'Đang thực hiện'), ('done', 'Hoàn thành')], default='not_started', max_length=12, verbose_name='tình hình')),
                        ('percent', models.PositiveSmallIntegerField(default=0, verbose_name='% hoàn thành')),
                        ('completed_on', models.DateField(blank=True, null=True, verbose_name='ngày hoàn thành')),
                        ('evidence_number', models.CharField(blank=True, max_length=60, verbose_name='số, ký hiệu văn bản')),
                        ('evidence_date', models.DateField(blank=True, null=True, verbose_name='ngày văn bản')),
                        ('note', models.TextField(blank=True, verbose_name='ghi chú')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('evidence_file', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reporting.evidencefile', verbose_name='tệp kiểm chứng')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('task', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plans.task')),
                        ('submission', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reporting.submission')),
                    ],
                    options={
                        'verbose_name': 'historical tiến độ nhiệm vụ',
                        'verbose_name_plural': 'historical tiến độ nhiệm vụ',
                        'db_table': 'plans_historicaltaskupdate',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalTargetResult',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('not_applicable', models.BooleanField(default=False, verbose_name='không phát sinh')),
                        ('review_status', models.CharField(choices=[('pending', 'Chờ duyệt'), ('approved', 'Đã duyệt'), ('returned', 'Trả lại')], default='pending', max_length=10, verbose_name='duyệt')),
                        ('review_note', models.TextField(blank=True, verbose_name='lý do trả lại')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False)),
                        ('numerator', models.DecimalField(blank=True, decimal_places=4, max_digits=16, null=True, verbose_name='tử số')),
                        ('denominator', models.DecimalField(blank=True, decimal_places=4, max_digits=16, null=True, verbose_name='mẫu số')),
                        ('value', models.DecimalField(blank=True, decimal_places=4, max_digits=16, null=True, verbose_name='giá trị')),
                        ('done', models.BooleanField(blank=True, null=True, verbose_name='đã hoàn thành')),
                        ('not_applicable_reason', models.CharField(blank=True, max_length=255, verbose_name='lý do không phát sinh')),
                        ('comment', models.TextField(blank=True, verbose_name='thuyết minh')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('target', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='targets.target')),
                        ('submission', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reporting.submission')),
                    ],
                    options={
                        'verbose_name': 'historical kết quả chỉ tiêu',
                        'verbose_name_plural': 'historical kết quả chỉ tiêu',
                        'db_table': 'targets_historicaltargetresult',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='TargetProgress',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('scope', models.CharField(max_length=40)),
                        ('numerator', models.DecimalField(blank=True, decimal_places=4, max_digits=18, null=True)),
                        ('denominator', models.DecimalField(blank=True, decimal_places=4, max_digits=18, null=True)),
                        ('value', models.DecimalField(blank=True, decimal_places=4, max_digits=18, null=True)),
                        ('goal', models.DecimalField(blank=True, decimal_places=4, max_digits=18, null=True)),
                        ('progress', models.DecimalField(blank=True, decimal_places=6, max_digits=12, null=True)),
                        ('met', models.BooleanField(null=True)),
                        ('status', models.CharField(choices=[('met', 'Đạt'), ('on_track', 'Đúng tiến độ'), ('at_risk', 'Có nguy cơ'), ('off_track', 'Chậm'), ('no_data', 'Chưa có số liệu')], max_length=10)),
                        ('expected', models.DecimalField(decimal_places=6, max_digits=7)),
                        ('reported', models.PositiveIntegerField(default=0)),
                        ('missing', models.PositiveIntegerField(default=0)),
                        ('formula', models.CharField(blank=True, max_length=255)),
                        ('reason', models.CharField(blank=True, max_length=255)),
                        ('agency', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='agencies.agency')),
                        ('level', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='agencies.administrativelevel')),
                        ('period', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='target_progress', to='plans.reportingperiod')),
                        ('target', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='progress', to='targets.target')),
                    ],
                    options={
                        'verbose_name': 'tiến độ chỉ tiêu',
                        'verbose_name_plural': 'tiến độ chỉ tiêu',
                        'db_table': 'reports_targetprogress',
                    },
                ),
                migrations.CreateModel(
                    name='TargetResult',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('not_applicable', models.BooleanField(default=False, verbose_name='không phát sinh')),
                        ('review_status', models.CharField(choices=[('pending', 'Chờ duyệt'), ('approved', 'Đã duyệt'), ('returned', 'Trả lại')], default='pending', max_length=10, verbose_name='duyệt')),
                        ('review_note', models.TextField(blank=True, verbose_name='lý do trả lại')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('numerator', models.DecimalField(blank=True, decimal_places=4, max_digits=16, null=True, verbose_name='tử số')),
                        ('denominator', models.DecimalField(blank=True, decimal_places=4, max_digits=16, null=True, verbose_name='mẫu số')),
                        ('value', models.DecimalField(blank=True, decimal_places=4, max_digits=16, null=True, verbose_name='giá trị')),
                        ('done', models.BooleanField(blank=True, null=True, verbose_name='đã hoàn thành')),
                        ('not_applicable_reason', models.CharField(blank=True, max_length=255, verbose_name='lý do không phát sinh')),
                        ('comment', models.TextField(blank=True, verbose_name='thuyết minh')),
                        ('submission', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='target_results', to='reporting.submission')),
                        ('target', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='results', to='targets.target')),
                    ],
                    options={
                        'verbose_name': 'kết quả chỉ tiêu',
                        'verbose_name_plural': 'kết quả chỉ tiêu',
                        'db_table': 'targets_targetresult',
                    },
                ),
                migrations.CreateModel(
                    name='TaskExtension',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('original_due_date', models.DateField(verbose_name='hạn ban đầu')),
                        ('requested_due_date', models.DateField(verbose_name='hạn đề nghị')),
                        ('reason', models.TextField(verbose_name='lý do')),
                        ('requested_at', models.DateTimeField(auto_now_add=True, verbose_name='thời điểm đề nghị')),
                        ('status', models.CharField(choices=[('pending', 'Chờ duyệt'), ('approved', 'Đã chấp thuận'), ('refused', 'Không chấp thuận')], default='pending', max_length=10, verbose_name='trạng thái')),
                        ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='thời điểm quyết định')),
                        ('decision_note', models.TextField(blank=True, verbose_name='ý kiến của Sở Nội vụ')),
                        ('is_demo', models.BooleanField(default=False, verbose_name='dữ liệu mẫu')),
                        ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='task_extensions', to='agencies.agency', verbose_name='cơ quan đề nghị')),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người quyết định')),
                        ('requested_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người đề nghị')),
                        ('task', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='extension', to='plans.task', verbose_name='nhiệm vụ')),
                    ],
                    options={
                        'verbose_name': 'đề nghị gia hạn',
                        'verbose_name_plural': 'đề nghị gia hạn',
                        'db_table': 'plans_taskextension',
                    },
                ),
                migrations.CreateModel(
                    name='TaskProgress',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(max_length=12)),
                        ('due', models.DateField()),
                        ('completed_on', models.DateField(blank=True, null=True)),
                        ('leads', models.PositiveSmallIntegerField(default=0)),
                        ('leads_done', models.PositiveSmallIntegerField(default=0)),
                        ('percent', models.PositiveSmallIntegerField(default=0)),
                        ('period', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='task_progress', to='plans.reportingperiod')),
                        ('task', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='progress', to='plans.task')),
                    ],
                    options={
                        'verbose_name': 'tiến độ nhiệm vụ',
                        'verbose_name_plural': 'tiến độ nhiệm vụ',
                        'db_table': 'reports_taskprogress',
                    },
                ),
                migrations.CreateModel(
                    name='TaskUpdate',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('not_applicable', models.BooleanField(default=False, verbose_name='không phát sinh')),
                        ('review_status', models.CharField(choices=[('pending', 'Chờ duyệt'), ('approved', 'Đã duyệt'), ('returned', 'Trả lại')], default='pending', max_length=10, verbose_name='duyệt')),
                        ('review_note', models.TextField(blank=True, verbose_name='lý do trả lại')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('progress', models.CharField(choices=[('not_started', 'Chưa triển khai'), ('in_progress', 'Đang thực hiện'), ('done', 'Hoàn thành')], default='not_started', max_length=12, verbose_name='tình hình')),
                        ('percent', models.PositiveSmallIntegerField(default=0, verbose_name='% hoàn thành')),
                        ('completed_on', models.DateField(blank=True, null=True, verbose_name='ngày hoàn thành')),
                        ('evidence_number', models.CharField(blank=True, max_length=60, verbose_name='số, ký hiệu văn bản')),
                        ('evidence_date', models.DateField(blank=True, null=True, verbose_name='ngày văn bản')),
                        ('note', models.TextField(blank=True, verbose_name='ghi chú')),
                        ('evidence_file', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='task_updates', to='reporting.evidencefile', verbose_name='tệp kiểm chứng')),
                        ('submission', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='task_updates', to='reporting.submission')),
                        ('task', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='updates', to='plans.task')),
                    ],
                    options={
                        'verbose_name': 'tiến độ nhiệm vụ',
                        'verbose_name_plural': 'tiến độ nhiệm vụ',
                        'db_table': 'plans_taskupdate',
                    },
                ),
                migrations.CreateModel(
                    name='AgencyProgress',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('submission_status', models.CharField(max_length=10)),
                        ('submitted_on_time', models.BooleanField(null=True)),
                        ('targets', models.PositiveIntegerField(default=0)),
                        ('targets_met', models.PositiveIntegerField(default=0)),
                        ('targets_no_data', models.PositiveIntegerField(default=0)),
                        ('tasks', models.PositiveIntegerField(default=0)),
                        ('tasks_done_on_time', models.PositiveIntegerField(default=0)),
                        ('tasks_overdue', models.PositiveIntegerField(default=0)),
                        ('agency', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='agencies.agency')),
                        ('period', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='agency_progress', to='plans.reportingperiod')),
                    ],
                    options={
                        'verbose_name': 'tiến độ của cơ quan',
                        'verbose_name_plural': 'tiến độ của cơ quan',
                        'db_table': 'reports_agencyprogress',
                        'constraints': [models.UniqueConstraint(fields=('period', 'agency'), name='agency_progress_unique')],
                    },
                ),
                migrations.CreateModel(
                    name='PeriodReopening',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('until', models.DateField(verbose_name='mở đến hết ngày')),
                        ('reason', models.TextField(verbose_name='lý do mở lại')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='thời điểm mở')),
                        ('is_demo', models.BooleanField(default=False, verbose_name='dữ liệu mẫu')),
                        ('agency', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reopenings', to='agencies.agency', verbose_name='cơ quan')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người mở')),
                        ('period', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reopenings', to='plans.reportingperiod', verbose_name='kỳ báo cáo')),
                    ],
                    options={
                        'verbose_name': 'mở lại kỳ báo cáo',
                        'verbose_name_plural': 'mở lại kỳ báo cáo',
                        'db_table': 'plans_periodreopening',
                        'ordering': ['-created_at', '-pk'],
                        'indexes': [models.Index(fields=['period', 'agency'], name='reopening_period_agency')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('reason', ''), _negated=True), name='reopening_has_reason')],
                    },
                ),
                migrations.CreateModel(
                    name='RollupProgress',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('scope', models.CharField(max_length=40)),
                        ('targets', models.PositiveIntegerField(default=0)),
                        ('met', models.PositiveIntegerField(default=0)),
                        ('on_track', models.PositiveIntegerField(default=0)),
                        ('at_risk', models.PositiveIntegerField(default=0)),
                        ('off_track', models.PositiveIntegerField(default=0)),
                        ('no_data', models.PositiveIntegerField(default=0)),
                        ('stretch', models.PositiveIntegerField(default=0)),
                        ('progress_mean', models.DecimalField(blank=True, decimal_places=6, max_digits=7, null=True)),
                        ('tasks', models.PositiveIntegerField(default=0)),
                        ('tasks_done_on_time', models.PositiveIntegerField(default=0)),
                        ('tasks_done_late', models.PositiveIntegerField(default=0)),
                        ('tasks_overdue', models.PositiveIntegerField(default=0)),
                        ('tasks_in_progress', models.PositiveIntegerField(default=0)),
                        ('tasks_not_due', models.PositiveIntegerField(default=0)),
                        ('agencies', models.PositiveIntegerField(default=0)),
                        ('agencies_submitted', models.PositiveIntegerField(default=0)),
                        ('agencies_on_time', models.PositiveIntegerField(default=0)),
                        ('period', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='rollups', to='plans.reportingperiod')),
                        ('plan_area', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='plans.planarea')),
                    ],
                    options={
                        'verbose_name': 'tổng hợp tiến độ',
                        'verbose_name_plural': 'tổng hợp tiến độ',
                        'db_table': 'reports_rollupprogress',
                        'constraints': [models.UniqueConstraint(fields=('period', 'scope'), name='rollup_unique_scope')],
                    },
                ),
                migrations.AddIndex(
                    model_name='submission',
                    index=models.Index(fields=['period', 'status'], name='submission_period_status'),
                ),
                migrations.AddConstraint(
                    model_name='submission',
                    constraint=models.UniqueConstraint(fields=('agency', 'period'), name='submission_unique_agency_period'),
                ),
                migrations.AddConstraint(
                    model_name='submission',
                    constraint=models.CheckConstraint(condition=models.Q(('status', 'draft'), ('submitted_at__isnull', False), _connector='OR'), name='submission_sent_has_date'),
                ),
                migrations.AddIndex(
                    model_name='targetprogress',
                    index=models.Index(fields=['period', 'scope'], name='target_progress_period_scope'),
                ),
                migrations.AddConstraint(
                    model_name='targetprogress',
                    constraint=models.UniqueConstraint(fields=('period', 'target', 'scope'), name='target_progress_unique_scope'),
                ),
                migrations.AddIndex(
                    model_name='targetresult',
                    index=models.Index(fields=['target', 'review_status'], name='target_result_target_status'),
                ),
                migrations.AddConstraint(
                    model_name='targetresult',
                    constraint=models.UniqueConstraint(fields=('submission', 'target'), name='target_result_unique_line'),
                ),
                migrations.AddConstraint(
                    model_name='targetresult',
                    constraint=models.CheckConstraint(condition=models.Q(('denominator__isnull', True), ('denominator__gt', 0), _connector='OR'), name='target_result_denominator_positive'),
                ),
                migrations.AddConstraint(
                    model_name='targetresult',
                    constraint=models.CheckConstraint(condition=models.Q(('numerator__isnull', True), ('denominator__isnull', True), ('numerator__lte', models.F('denominator')), _connector='OR'), name='target_result_numerator_not_above_denominator'),
                ),
                migrations.AddConstraint(
                    model_name='targetresult',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('numerator__isnull', True), ('numerator__gte', 0), _connector='OR'), models.Q(('value__isnull', True), ('value__gte', 0), _connector='OR')), name='target_result_not_negative'),
                ),
                migrations.AddConstraint(
                    model_name='taskextension',
                    constraint=models.CheckConstraint(condition=models.Q(('reason', ''), _negated=True), name='task_extension_has_reason'),
                ),
                migrations.AddConstraint(
                    model_name='taskextension',
                    constraint=models.CheckConstraint(condition=models.Q(('requested_due_date__gt', models.F('original_due_date'))), name='task_extension_later_date'),
                ),
                migrations.AddConstraint(
                    model_name='taskextension',
                    constraint=models.CheckConstraint(condition=models.Q(('status', 'pending'), ('decided_at__isnull', False), _connector='OR'), name='task_extension_decided_has_time'),
                ),
                migrations.AddConstraint(
                    model_name='taskprogress',
                    constraint=models.UniqueConstraint(fields=('period', 'task'), name='task_progress_unique'),
                ),
                migrations.AddConstraint(
                    model_name='taskupdate',
                    constraint=models.UniqueConstraint(fields=('submission', 'task'), name='task_update_unique_line'),
                ),
                migrations.AddConstraint(
                    model_name='taskupdate',
                    constraint=models.CheckConstraint(condition=models.Q(('percent__lte', 100)), name='task_update_percent_max'),
                ),
                migrations.AddConstraint(
                    model_name='taskupdate',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('progress', 'done'), _negated=True), ('completed_on__isnull', False), _connector='OR'), name='task_update_done_has_date'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_move, content_types_move_back),
    ]
