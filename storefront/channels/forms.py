from django import forms
from django_countries import countries

from storefront.channels.models import Channel
from storefront.channels.regions import subdivisions_of
from storefront.channels.selectors import channel_allowed_countries


def region_choices(channels: list[Channel]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Options grouped by channel: its countries, then US states or UK nations."""
    groups = []
    for channel in channels:
        options: list[tuple[str, str]] = []
        codes = channel_allowed_countries(channel=channel)
        for code in codes:
            subdivisions = subdivisions_of(code)
            name = str(countries.name(code))
            label = f"{name} (anywhere)" if subdivisions else name
            options.append((code, label))
            options.extend(
                (sub_code, f"{sub_name}, {name}") for sub_code, sub_name in subdivisions
            )
        groups.append((f"{channel.name} ({channel.currency_code})", options))
    return groups


class RegionForm(forms.Form):
    """The shopper's channel (currency) and the region whose law applies."""

    channel = forms.ChoiceField(label="Shop and currency")
    region = forms.CharField(label="Where you are or will ship to", widget=forms.Select)
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(
        self, *args: object, channels: list[Channel], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["channel"].choices = [  # type: ignore[attr-defined]
            (c.slug, f"{c.name} ({c.currency_code})") for c in channels
        ]
        self.fields["region"].widget.choices = region_choices(channels)
