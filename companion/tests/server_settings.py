"""Settings for the runserver processes test_timeline_processes.py starts: the suite's own site with
the timeline installed, on the database, Redis and engine the test names in the environment."""

import json
import os

from .settings import *  # noqa: F403  # the suite's site, as a settings module usually extends another
from .settings import MIDDLEWARE

DATABASES = {"default": json.loads(os.environ["SESSIONLENS_SERVER_DATABASE"])}
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["SESSIONLENS_SERVER_REDIS"],
    }
}
SESSION_ENGINE = os.environ["SESSIONLENS_SERVER_ENGINE"]
MIDDLEWARE = ["sessionlens.middleware.SessionTimelineMiddleware", *MIDDLEWARE]
