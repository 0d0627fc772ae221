from django.urls import path

from storefront.catalogue import views

app_name = "catalogue"
urlpatterns = [
    path("", views.home, name="home"),
    path("categories/<slug:slug>/", views.category_detail, name="category"),
    path("search/", views.search, name="search"),
    path("products/<slug:slug>/", views.product_detail, name="product"),
]
