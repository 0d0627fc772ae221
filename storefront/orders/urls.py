from django.urls import path

from storefront.orders import views

app_name = "orders"
urlpatterns = [
    path("view/<str:token>/", views.guest_detail, name="guest_detail"),
    path("<str:number>/", views.detail, name="detail"),
]
