"""The storefront's part of the API: Saleor's storefront queries and mutations."""

import inspect

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
from storefront.graphql.account.mutations.account_delete import AccountDelete
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
from storefront.graphql.checkout.mutations.checkout_age import (
    CheckoutAgeVerificationStart,
    CheckoutDateOfBirthUpdate,
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
from storefront.graphql.product.attributes import (
    AssignedBooleanAttribute,
    AssignedFileAttribute,
    AssignedMultiChoiceAttribute,
    AssignedNumericAttribute,
    AssignedPlainTextAttribute,
    AssignedSingleChoiceAttribute,
    AssignedSingleCollectionReferenceAttribute,
)
from storefront.graphql.product.queries import ProductQueries
from storefront.graphql.subscriptions.mutations.checkout_subscription_line_add import (
    CheckoutSubscriptionLineAdd,
)
from storefront.graphql.subscriptions.mutations.subscription_address_update import (
    SubscriptionAddressUpdate,
)
from storefront.graphql.subscriptions.mutations.subscription_cancel import (
    SubscriptionCancel,
)
from storefront.graphql.subscriptions.mutations.subscription_frequency_update import (
    SubscriptionFrequencyUpdate,
)
from storefront.graphql.subscriptions.mutations.subscription_line_update import (
    SubscriptionLineUpdate,
)
from storefront.graphql.subscriptions.mutations.subscription_order_now import (
    SubscriptionOrderNow,
)
from storefront.graphql.subscriptions.mutations.subscription_pause import (
    SubscriptionPause,
)
from storefront.graphql.subscriptions.mutations.subscription_resume import (
    SubscriptionResume,
)
from storefront.graphql.subscriptions.mutations.subscription_skip import (
    SubscriptionSkip,
)
from storefront.graphql.subscriptions.queries import subscription_fields_add


def _doc(mutation: type) -> str:
    """A mutation's docstring as its description, without source indentation."""
    return inspect.cleandoc(mutation.__doc__ or "")


# Our additions to User and Product (subscriptions, plans, membership).
subscription_fields_add()


class StorefrontQueries(
    ProductQueries, ChannelQueries, AccountQueries, graphene.ObjectType
):
    """Saleor's storefront queries over the shop's catalogue, accounts and checkout."""


class StorefrontMutations(graphene.ObjectType):
    """Saleor's storefront mutations."""

    delivery_options_calculate = DeliveryOptionsCalculate.Field(
        description=_doc(DeliveryOptionsCalculate)
    )
    payment_gateway_initialize = PaymentGatewayInitialize.Field(
        description=_doc(PaymentGatewayInitialize)
    )
    transaction_initialize = TransactionInitialize.Field(
        description=_doc(TransactionInitialize)
    )
    transaction_process = TransactionProcess.Field(description=_doc(TransactionProcess))
    update_metadata = UpdateMetadata.Field(description=_doc(UpdateMetadata))
    checkout_add_promo_code = CheckoutAddPromoCode.Field(
        description=_doc(CheckoutAddPromoCode)
    )
    checkout_billing_address_update = CheckoutBillingAddressUpdate.Field(
        description=_doc(CheckoutBillingAddressUpdate)
    )
    checkout_complete = CheckoutComplete.Field(description=_doc(CheckoutComplete))
    checkout_create = CheckoutCreate.Field(description=_doc(CheckoutCreate))
    checkout_customer_attach = CheckoutCustomerAttach.Field(
        description=_doc(CheckoutCustomerAttach)
    )
    checkout_customer_detach = CheckoutCustomerDetach.Field(
        description=_doc(CheckoutCustomerDetach)
    )
    checkout_date_of_birth_update = CheckoutDateOfBirthUpdate.Field(
        description=_doc(CheckoutDateOfBirthUpdate)
    )
    checkout_age_verification_start = CheckoutAgeVerificationStart.Field(
        description=_doc(CheckoutAgeVerificationStart)
    )
    checkout_email_update = CheckoutEmailUpdate.Field(
        description=_doc(CheckoutEmailUpdate)
    )
    checkout_lines_delete = CheckoutLinesDelete.Field(
        description=_doc(CheckoutLinesDelete)
    )
    checkout_lines_add = CheckoutLinesAdd.Field(description=_doc(CheckoutLinesAdd))
    checkout_lines_update = CheckoutLinesUpdate.Field(
        description=_doc(CheckoutLinesUpdate)
    )
    checkout_remove_promo_code = CheckoutRemovePromoCode.Field(
        description=_doc(CheckoutRemovePromoCode)
    )
    checkout_shipping_address_update = CheckoutShippingAddressUpdate.Field(
        description=_doc(CheckoutShippingAddressUpdate)
    )
    checkout_delivery_method_update = CheckoutDeliveryMethodUpdate.Field(
        description=_doc(CheckoutDeliveryMethodUpdate)
    )
    token_create = CreateToken.Field(description=_doc(CreateToken))
    token_refresh = RefreshToken.Field(description=_doc(RefreshToken))
    request_password_reset = RequestPasswordReset.Field(
        description=_doc(RequestPasswordReset)
    )
    confirm_account = ConfirmAccount.Field(description=_doc(ConfirmAccount))
    set_password = SetPassword.Field(description=_doc(SetPassword))
    password_change = PasswordChange.Field(description=_doc(PasswordChange))
    account_address_create = AccountAddressCreate.Field(
        description=_doc(AccountAddressCreate)
    )
    account_address_update = AccountAddressUpdate.Field(
        description=_doc(AccountAddressUpdate)
    )
    account_address_delete = AccountAddressDelete.Field(
        description=_doc(AccountAddressDelete)
    )
    account_set_default_address = AccountSetDefaultAddress.Field(
        description=_doc(AccountSetDefaultAddress)
    )
    account_register = AccountRegister.Field(description=_doc(AccountRegister))
    account_update = AccountUpdate.Field(description=_doc(AccountUpdate))
    account_request_deletion = AccountRequestDeletion.Field(
        description=_doc(AccountRequestDeletion)
    )
    # ours: subscriptions and their self-service
    checkout_subscription_line_add = CheckoutSubscriptionLineAdd.Field(
        description=_doc(CheckoutSubscriptionLineAdd)
    )
    subscription_skip = SubscriptionSkip.Field(description=_doc(SubscriptionSkip))
    subscription_pause = SubscriptionPause.Field(description=_doc(SubscriptionPause))
    subscription_resume = SubscriptionResume.Field(description=_doc(SubscriptionResume))
    subscription_frequency_update = SubscriptionFrequencyUpdate.Field(
        description=_doc(SubscriptionFrequencyUpdate)
    )
    subscription_line_update = SubscriptionLineUpdate.Field(
        description=_doc(SubscriptionLineUpdate)
    )
    subscription_address_update = SubscriptionAddressUpdate.Field(
        description=_doc(SubscriptionAddressUpdate)
    )
    subscription_order_now = SubscriptionOrderNow.Field(
        description=_doc(SubscriptionOrderNow)
    )
    subscription_cancel = SubscriptionCancel.Field(description=_doc(SubscriptionCancel))
    account_delete = AccountDelete.Field(description=_doc(AccountDelete))


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
