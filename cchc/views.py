from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render


def health(request):
    """For the load balancer and docker-compose: 200 when the database answers, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"status": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def csrf_failure(request, reason=""):
    """A form refused for its CSRF token (an expired session, blocked cookies): said in
    Vietnamese in the site's layout, with a way back (settings CSRF_FAILURE_VIEW). Django's own
    page is in English and outside the layout."""
    return render(request, "403_csrf.html", status=403)
