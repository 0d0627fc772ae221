from django.urls import path

from storefront.channels import views

app_name = "channels"
urlpatterns = [path("", views.region_choose, name="choose")]
