from django.urls import path

from storefront.payments import views

app_name = "payments"
urlpatterns = [
    path("dummy/3ds/<str:token>/", views.dummy_3ds, name="dummy_3ds"),
]
