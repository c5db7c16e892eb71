from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from .security import AdminLoginForm, LoginForm
from .views import health

admin.site.site_header = _("Quản trị hệ thống CCHC")
admin.site.site_title = _("Quản trị CCHC")
admin.site.index_title = _("Danh mục và dữ liệu gốc")
admin.site.login_form = AdminLoginForm

urlpatterns = [
    path("", include("reporting.urls_home")),
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=LoginForm),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("suc-khoe/", health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("ke-hoach/", include("targets.urls")),
    path("ke-hoach/", include("plans.urls")),
    path("", include("reporting.urls")),
    path("bao-cao/", include("reports.urls")),
    path("thong-bao/", include("notifications.urls")),
    path("cham-diem/", include("scoring.urls")),
    path("mot-cua/", include("onestop.urls")),
    path("api/", include("api.urls")),
    path("cong-khai/", include("public.urls")),
    path("quan-tri/", admin.site.urls),
]
