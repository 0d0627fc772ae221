from django.urls import path

from storefront.subscriptions import views

app_name = "subscriptions"
urlpatterns = [
    path("", views.subscription_list, name="list"),
    path("<int:pk>/", views.subscription_detail, name="detail"),
    path("<int:pk>/skip/", views.skip, name="skip"),
    path("<int:pk>/pause/", views.pause, name="pause"),
    path("<int:pk>/resume/", views.resume, name="resume"),
    path("<int:pk>/frequency/", views.interval, name="interval"),
    path("<int:pk>/lines/<int:line_id>/", views.line_change, name="line_change"),
    path("<int:pk>/order-now/", views.order_now, name="order_now"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/address/", views.address, name="address"),
    path("<int:pk>/card/", views.payment_method, name="payment_method"),
    path("<int:pk>/card/return/", views.card_return, name="card_return"),
]
