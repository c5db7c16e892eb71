import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings.production")

application = get_wsgi_application()

# What the worker loads at start-up (apps, models, the URLs and the views they import) lives as
# long as the worker. Frozen, it is out of the garbage collector's full collections, which a
# dashboard's thousands of short-lived objects set off every few requests (issue 9: each one
# walked it for about 80 ms of the plan overview's slowest requests; about 20 ms since).
_urls = get_resolver().url_patterns  # the URL modules and their views, imported now
gc.freeze()
