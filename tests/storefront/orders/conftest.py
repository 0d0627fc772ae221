from tests.storefront.checkout.conftest import ready_checkout, shop

__all__ = ["ready_checkout", "shop"]
