from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo community and its commands (`load_demo_community`, `demo_logins`).
    The top of the layers: it writes through every app's services, and nothing imports it."""

    name = "kindred.demo"
    label = "demo"
