from django.urls import path

from kindred.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("consents/", views.consent_change, name="consent-change"),
    path("my-data.json", views.data_export, name="data-export"),
    path("second-step/", views.second_step, name="second-step"),
]
