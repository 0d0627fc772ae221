from django.urls import path

from compliance.age import views as age_views

app_name = "compliance"

urlpatterns = [
    path(
        "age/webhook/<slug:provider>/",
        age_views.age_webhook,
        name="age-webhook",
    ),
    path(
        "age/test-provider/<str:reference>/",
        age_views.age_test_provider,
        name="age-test-provider",
    ),
]
