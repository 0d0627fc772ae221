from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from storefront.accounts.models import User
from storefront.accounts.services import user_sign_in_unlock


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Users log in with their email address; there is no username."""

    ordering = ("email",)
    list_display = ("email", "first_name", "last_name", "is_staff", "is_active")
    search_fields = ("email", "first_name", "last_name")
    actions = ["sign_in_unlock"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Personal info", {"fields": ("first_name", "last_name")}),
        (
            "Permissions",
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                )
            },
        ),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),
    )

    @admin.action(
        description="Unlock sign-in after too many wrong passwords",
        permissions=["change"],
    )
    def sign_in_unlock(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        count = 0
        for user in queryset:
            user_sign_in_unlock(user=user, unlocked_by=request.user)  # type: ignore[arg-type]
            count += 1
        self.message_user(
            request,
            f"Sign-in unlocked for {count} account(s).",
            messages.SUCCESS,
        )
