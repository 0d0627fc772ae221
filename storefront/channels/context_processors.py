from django.http import HttpRequest


def shopper_region(request: HttpRequest) -> dict[str, object]:
    region = getattr(request, "shopper_region", None)
    return {"shopper_region": region} if region is not None else {}
