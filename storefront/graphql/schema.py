"""The storefront's part of the API: Saleor's storefront queries and mutations."""

import graphene

from storefront.graphql.account.mutations.account_address_create import (
    AccountAddressCreate,
)
from storefront.graphql.account.mutations.account_address_delete import (
    AccountAddressDelete,
)
from storefront.graphql.account.mutations.account_address_update import (
    AccountAddressUpdate,
)
from storefront.graphql.account.mutations.account_register import AccountRegister
from storefront.graphql.account.mutations.account_request_deletion import (
    AccountRequestDeletion,
)
from storefront.graphql.account.mutations.account_set_default_address import (
    AccountSetDefaultAddress,
)
from storefront.graphql.account.mutations.account_update import AccountUpdate
from storefront.graphql.account.mutations.confirm_account import ConfirmAccount
from storefront.graphql.account.mutations.password_change import PasswordChange
from storefront.graphql.account.mutations.request_password_reset import (
    RequestPasswordReset,
)
from storefront.graphql.account.mutations.set_password import SetPassword
from storefront.graphql.account.mutations.token_create import CreateToken
from storefront.graphql.account.mutations.token_refresh import RefreshToken
from storefront.graphql.account.queries import AccountQueries
from storefront.graphql.channel.queries import ChannelQueries
from storefront.graphql.checkout.mutations.checkout_add_promo_code import (
    CheckoutAddPromoCode,
)
from storefront.graphql.checkout.mutations.checkout_billing_address_update import (
    CheckoutBillingAddressUpdate,
)
from storefront.graphql.checkout.mutations.checkout_complete import CheckoutComplete
from storefront.graphql.checkout.mutations.checkout_create import CheckoutCreate
from storefront.graphql.checkout.mutations.checkout_customer_attach import (
    CheckoutCustomerAttach,
)
from storefront.graphql.checkout.mutations.checkout_customer_detach import (
    CheckoutCustomerDetach,
)
from storefront.graphql.checkout.mutations.checkout_delivery_method_update import (
    CheckoutDeliveryMethodUpdate,
)
from storefront.graphql.checkout.mutations.checkout_email_update import (
    CheckoutEmailUpdate,
)
from storefront.graphql.checkout.mutations.checkout_lines_add import CheckoutLinesAdd
from storefront.graphql.checkout.mutations.checkout_lines_delete import (
    CheckoutLinesDelete,
)
from storefront.graphql.checkout.mutations.checkout_lines_update import (
    CheckoutLinesUpdate,
)
from storefront.graphql.checkout.mutations.checkout_remove_promo_code import (
    CheckoutRemovePromoCode,
)
from storefront.graphql.checkout.mutations.checkout_shipping_address_update import (
    CheckoutShippingAddressUpdate,
)
from storefront.graphql.checkout.mutations.delivery_options_calculate import (
    DeliveryOptionsCalculate,
)
from storefront.graphql.checkout.mutations.update_metadata import UpdateMetadata
from storefront.graphql.payment.mutations.payment_gateway_initialize import (
    PaymentGatewayInitialize,
)
from storefront.graphql.payment.mutations.transaction_initialize import (
    TransactionInitialize,
)
from storefront.graphql.payment.mutations.transaction_process import TransactionProcess
from storefront.graphql.product.queries import ProductQueries
from storefront.graphql.product.types import (
    AssignedBooleanAttribute,
    AssignedFileAttribute,
    AssignedMultiChoiceAttribute,
    AssignedNumericAttribute,
    AssignedPlainTextAttribute,
    AssignedSingleChoiceAttribute,
    AssignedSingleCollectionReferenceAttribute,
)


class StorefrontQueries(
    ProductQueries, ChannelQueries, AccountQueries, graphene.ObjectType
):
    """Saleor's storefront queries over the shop's catalogue, accounts and checkout."""


class StorefrontMutations(graphene.ObjectType):
    """Saleor's storefront mutations."""

    delivery_options_calculate = DeliveryOptionsCalculate.Field(
        description=DeliveryOptionsCalculate.__doc__
    )
    payment_gateway_initialize = PaymentGatewayInitialize.Field(
        description=PaymentGatewayInitialize.__doc__
    )
    transaction_initialize = TransactionInitialize.Field(
        description=TransactionInitialize.__doc__
    )
    transaction_process = TransactionProcess.Field(
        description=TransactionProcess.__doc__
    )
    update_metadata = UpdateMetadata.Field(description=UpdateMetadata.__doc__)
    checkout_add_promo_code = CheckoutAddPromoCode.Field(
        description=CheckoutAddPromoCode.__doc__
    )
    checkout_billing_address_update = CheckoutBillingAddressUpdate.Field(
        description=CheckoutBillingAddressUpdate.__doc__
    )
    checkout_complete = CheckoutComplete.Field(description=CheckoutComplete.__doc__)
    checkout_create = CheckoutCreate.Field(description=CheckoutCreate.__doc__)
    checkout_customer_attach = CheckoutCustomerAttach.Field(
        description=CheckoutCustomerAttach.__doc__
    )
    checkout_customer_detach = CheckoutCustomerDetach.Field(
        description=CheckoutCustomerDetach.__doc__
    )
    checkout_email_update = CheckoutEmailUpdate.Field(
        description=CheckoutEmailUpdate.__doc__
    )
    checkout_lines_delete = CheckoutLinesDelete.Field(
        description=CheckoutLinesDelete.__doc__
    )
    checkout_lines_add = CheckoutLinesAdd.Field(description=CheckoutLinesAdd.__doc__)
    checkout_lines_update = CheckoutLinesUpdate.Field(
        description=CheckoutLinesUpdate.__doc__
    )
    checkout_remove_promo_code = CheckoutRemovePromoCode.Field(
        description=CheckoutRemovePromoCode.__doc__
    )
    checkout_shipping_address_update = CheckoutShippingAddressUpdate.Field(
        description=CheckoutShippingAddressUpdate.__doc__
    )
    checkout_delivery_method_update = CheckoutDeliveryMethodUpdate.Field(
        description=CheckoutDeliveryMethodUpdate.__doc__
    )
    token_create = CreateToken.Field(description=CreateToken.__doc__)
    token_refresh = RefreshToken.Field(description=RefreshToken.__doc__)
    request_password_reset = RequestPasswordReset.Field(
        description=RequestPasswordReset.__doc__
    )
    confirm_account = ConfirmAccount.Field(description=ConfirmAccount.__doc__)
    set_password = SetPassword.Field(description=SetPassword.__doc__)
    password_change = PasswordChange.Field(description=PasswordChange.__doc__)
    account_address_create = AccountAddressCreate.Field(
        description=AccountAddressCreate.__doc__
    )
    account_address_update = AccountAddressUpdate.Field(
        description=AccountAddressUpdate.__doc__
    )
    account_address_delete = AccountAddressDelete.Field(
        description=AccountAddressDelete.__doc__
    )
    account_set_default_address = AccountSetDefaultAddress.Field(
        description=AccountSetDefaultAddress.__doc__
    )
    account_register = AccountRegister.Field(description=AccountRegister.__doc__)
    account_update = AccountUpdate.Field(description=AccountUpdate.__doc__)
    account_request_deletion = AccountRequestDeletion.Field(
        description=AccountRequestDeletion.__doc__
    )


# Implementations of interfaces that no field names directly.
STOREFRONT_TYPES = [
    AssignedNumericAttribute,
    AssignedPlainTextAttribute,
    AssignedFileAttribute,
    AssignedSingleChoiceAttribute,
    AssignedMultiChoiceAttribute,
    AssignedBooleanAttribute,
    AssignedSingleCollectionReferenceAttribute,
]
