from django.urls import path

from .views import assessments, publications, results, rounds, sets

app_name = "scoring"
urlpatterns = [
    path("", sets.index, name="index"),
    path("bo-chi-so/<int:pk>/", sets.set_detail, name="set_detail"),
    path("bo-chi-so/<int:pk>/xlsx/", sets.set_xlsx, name="set_xlsx"),
    path("bo-chi-so/<int:pk>/sao-chep/", sets.set_copy, name="set_copy"),
    path("bo-chi-so/<int:pk>/ban-hanh/", sets.set_publish, name="set_publish"),
    path("bo-chi-so/<int:pk>/nhap-xlsx/", sets.set_import, name="set_import"),
    path("dot/<int:pk>/", rounds.round_detail, name="round_detail"),
    path("dot/<int:pk>/thoi-han/", rounds.round_windows, name="round_windows"),
    path("dot/<int:pk>/tinh-lai/", rounds.round_recompute, name="round_recompute"),
    path("dot/<int:pk>/dieu-tra/", rounds.survey, name="survey"),
    path("dot/<int:pk>/dieu-tra/mau.xlsx", rounds.survey_template, name="survey_template"),
    path("dot/<int:pk>/dieu-tra/nhap/", rounds.survey_import, name="survey_import"),
    path("dot/<int:pk>/chot/", rounds.round_finalize, name="round_finalize"),
    path("dot/<int:pk>/xep-hang/", results.ranking, name="ranking"),
    path("dot/<int:pk>/tong-quan/", results.dashboard, name="dashboard"),
    path("dot/<int:pk>/du-bao/", results.projection, name="projection"),
    path("dot/<int:pk>/cong-bo/", publications.publication_page, name="publication_page"),
    path("cong-bo/<int:pk>/ban-hanh/", publications.publication_issue, name="publication_issue"),
    path("cong-bo/<int:pk>/tinh-trang/", publications.publication_status, name="publication_status"),
    path("cong-bo/<int:pk>/pdf/", publications.publication_pdf, name="publication_pdf"),
    path("cong-bo/<int:pk>/xlsx/", publications.publication_xlsx, name="publication_xlsx"),
    path("danh-gia/<int:pk>/", assessments.assessment_detail, name="assessment"),
    path("danh-gia/<int:pk>/tu-cham/", assessments.self_save, name="self_save"),
    path("danh-gia/<int:pk>/trinh/", assessments.assessment_submit, name="assessment_submit"),
    path("danh-gia/<int:pk>/duyet/", assessments.assessment_approve, name="assessment_approve"),
    path("danh-gia/<int:pk>/tham-dinh/", assessments.appraise, name="appraise"),
    path("danh-gia/<int:pk>/yeu-cau-giai-trinh/", assessments.explanations_ask, name="explanations_ask"),
    path("danh-gia/<int:pk>/hoi-dong/", assessments.council_decide, name="council_decide"),
    path("giai-trinh/<int:pk>/", assessments.explanation_answer, name="explanation_answer"),
    path("tep/<int:pk>/", assessments.file_download, name="file_download"),
]
