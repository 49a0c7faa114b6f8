"""Start gunicorn, the production web server, with settings from the environment."""

import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve wesaid with gunicorn (WESAID_BIND, WEB_CONCURRENCY, WESAID_TIMEOUT)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("WESAID_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "3"))
        )

    def handle(self, *args, bind: str, workers: int, **options):
        if settings.DEBUG:
            raise CommandError(
                "wesaid serve is the production server: set WESAID_DEBUG=false, SECRET_KEY and "
                "ALLOWED_HOSTS (docs/deployment.md). For trying wesaid out, use `make demo`."
            )
        from gunicorn.app.wsgiapp import run

        argv = [
            "gunicorn",
            "wesaid.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--timeout",
            os.environ.get("WESAID_TIMEOUT", "60"),
            # Access logs carry the path without its query string (%(U)s), so the token of an
            # emailed sign-in link, which travels in the query string, never reaches them.
            "--access-logfile",
            "-",
            "--access-logformat",
            '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss',
        ]
        sys.argv = argv
        run()
