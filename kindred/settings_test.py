"""Settings for the test suite: production settings with the few switches tests need
(no HTTPS redirect, a throwaway secret key). Set before `kindred.settings` reads them."""

import os

os.environ.setdefault("KINDRED_TESTING", "true")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from kindred.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # Tests never need a commit to survive a crash: not waiting for the disk makes the
    # transactional tests (which commit and flush) much quicker. Test settings only.
    DATABASES["default"]["OPTIONS"]["options"] = "-c synchronous_commit=off"  # noqa: F405
