"""`accountRequestDeletion`: Email a link to confirm deleting the account."""

from typing import Any

import graphene

from storefront.accounts.deletion import user_deletion_request
from storefront.graphql.account.mutations._base import AccountMutation


class AccountRequestDeletion(AccountMutation):
    """Email the signed-in customer a link (`redirectUrl` with a `token`) to confirm
    deleting their account with `accountDelete`. Nothing is deleted by this
    mutation."""

    class Arguments:
        channel = graphene.String()
        redirect_url = graphene.String(required=True)

    login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        user_deletion_request(user=info.context.user, redirect_url=data["redirect_url"])
        return cls(errors=[])
