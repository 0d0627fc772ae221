from django.urls import path

from storefront.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("register/", views.register, name="register"),
    path("confirm/<str:token>/", views.confirm_email, name="confirm_email"),
    path("login/", views.sign_in, name="login"),
    path("logout/", views.sign_out, name="logout"),
    path("addresses/", views.address_book, name="addresses"),
    path("addresses/new/", views.address_edit, name="address_create"),
    path("addresses/<int:pk>/", views.address_edit, name="address_update"),
    path("addresses/<int:pk>/delete/", views.address_delete, name="address_delete"),
    path(
        "addresses/<int:pk>/default/",
        views.address_set_default,
        name="address_set_default",
    ),
    path("delete/", views.delete_request, name="delete_request"),
    path("delete/confirm/<str:token>/", views.delete_confirm, name="delete_confirm"),
    path("password-reset/", views.password_reset, name="password_reset"),
    path("password-reset/sent/", views.password_reset_done, name="password_reset_done"),
    path(
        "password-reset/new/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        views.password_reset_complete,
        name="password_reset_complete",
    ),
]
