"""Every error page speaks Vietnamese, in the site's layout, with a way back (issue 22, item 15),
as a user sees it in production (DEBUG=False)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from django.urls import path, reverse
from django.views.defaults import server_error

from cchc.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("a fault in a view")


urlpatterns = [path("thu-loi-500/", boom), *site_urlpatterns]

LAYOUT = "Hệ thống theo dõi kế hoạch cải cách hành chính nhà nước cấp tỉnh"  # the footer
WAY_BACK = "Về trang của tôi"


@pytest.fixture
def production_like(settings):
    settings.DEBUG = False
    return settings


def assert_error_page(response, status, words):
    assert response.status_code == status
    text = response.content.decode()
    assert words in text
    assert LAYOUT in text and WAY_BACK in text and f'href="{reverse("home")}"' in text
    assert "Forbidden" not in text and "Not Found" not in text and "Server Error" not in text


@pytest.mark.django_db
def test_a_page_that_does_not_exist(client, production_like):
    assert_error_page(client.get("/khong-co-trang-nay/"), 404, "Không tìm thấy trang")


@pytest.mark.django_db
def test_a_refusal(client, production_like):
    client.force_login(get_user_model().objects.get(username="tp.reporter"))
    response = client.get(reverse("reporting:restructuring"))
    assert_error_page(response, 403, "Không có quyền truy cập")
    assert "tp.reporter" in response.content.decode() or "Đăng xuất" in response.content.decode()


@pytest.mark.django_db
def test_a_bad_request(client, production_like):
    response = client.get("/", HTTP_HOST="khong-duoc-phep.example")  # DisallowedHost → 400
    assert_error_page(response, 400, "Yêu cầu không hợp lệ")


@pytest.mark.django_db
def test_a_form_sent_without_its_csrf_token(production_like):
    client = Client(enforce_csrf_checks=True)
    client.force_login(get_user_model().objects.get(username="tp.reporter"))
    response = client.post(reverse("logout"))
    assert_error_page(response, 403, "Phiên làm việc đã hết hạn")
    assert "CSRF verification failed" not in response.content.decode()


@pytest.mark.django_db
def test_a_server_error(production_like):
    production_like.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    assert_error_page(client.get("/thu-loi-500/"), 500, "Hệ thống gặp lỗi")


def test_the_server_error_page_needs_no_database():
    """The 500 page is what a user gets when the database is down: it renders without one (no
    django_db mark: any query here fails the test)."""
    response = server_error(RequestFactory().get("/"))
    text = response.content.decode()
    assert response.status_code == 500 and "Hệ thống gặp lỗi" in text and LAYOUT in text


@pytest.mark.django_db
def test_error_pages_follow_the_chosen_language(client, production_like, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404 and "Page not found" in response.content.decode()
