from django.contrib.admin.apps import AdminConfig


class KindredAdminConfig(AdminConfig):
    """Django's admin, signed in to only through Kindred's sign-in (see admin_site.py)."""

    default_site = "kindred.accounts.admin_site.KindredAdminSite"
