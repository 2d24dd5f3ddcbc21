from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    """The pure checks on what members write (no models, no views): see __init__.py."""

    name = "kindred.screening"
    label = "screening"
