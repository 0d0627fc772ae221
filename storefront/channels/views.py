"""The region and currency selector, thin over shopper_region_choose."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from common.http import next_path_or
from storefront.channels.forms import RegionForm
from storefront.channels.selectors import channel_list_active
from storefront.channels.services import shopper_region_choose


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    return next_path_or(request, candidate, "/")


@require_http_methods(["GET", "POST"])
def region_choose(request: HttpRequest) -> HttpResponse:
    channels = list(channel_list_active())
    current = request.shopper_region  # type: ignore[attr-defined]
    if request.method == "POST":
        form = RegionForm(request.POST, channels=channels)
        if form.is_valid():
            try:
                chosen = shopper_region_choose(
                    session=request.session,
                    channel_slug=form.cleaned_data["channel"],
                    region=form.cleaned_data["region"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    f"Prices are now in {chosen.channel.currency_code} "
                    f"for {chosen.name}.",
                )
                return redirect(_safe_next(request, form.cleaned_data.get("next")))
        status = 400
    else:
        form = RegionForm(
            initial={
                "channel": current.channel.slug,
                "region": current.region,
                "next": _safe_next(request, request.GET.get("next")),
            },
            channels=channels,
        )
        status = 200
    return render(request, "channels/region.html", {"form": form}, status=status)
