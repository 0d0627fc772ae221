import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import Workflow

from compliance.errors import OverrideReasonRequiredError
from compliance.models import AuditEntry, ClaimsOverride
from content.claims import article_claims_check, article_claims_scope
from content.compliance_sources import article_scan_items
from content.models import ArticlePage, ClaimsCheckTask
from tests.factories.content import (
    article_create,
    articles_index,
    product_block,
    product_create,
    rich,
)

pytestmark = pytest.mark.django_db


DISEASE_CLAIM = "Reishi cures anxiety in days."
AUTHORITY_CLAIM = "This mushroom is FDA approved."


def _draft(body, slug="draft"):
    return article_create(title="Draft piece", slug=slug, body=body, live=False)


def _editor(django_user_model, email, *, officer=False):
    user = django_user_model.objects.create_user(
        email=email, password="pw-123456789", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editor"))
    if officer:
        user.user_permissions.add(
            Permission.objects.get(
                codename="override_finding", content_type__app_label="compliance"
            )
        )
    return django_user_model.objects.get(pk=user.pk)


def test_index_has_claims_workflow():
    # when
    index = articles_index()
    # then
    workflow = index.get_workflow()
    assert workflow.name == "Claims check"
    assert [t.specific.__class__ for t in workflow.tasks] == [ClaimsCheckTask]


def test_workflow_stops_article_with_disease_claim(django_user_model, us_channel):
    # given
    editor = _editor(django_user_model, "ed@example.com")
    product_create(slug="reishi", channel=us_channel)
    article = _draft([rich(DISEASE_CLAIM), product_block("reishi")])
    workflow = Workflow.objects.get(name="Claims check")
    # when
    article.save_revision(user=editor)
    state = workflow.start(article, editor)
    # then
    state.refresh_from_db()
    article.refresh_from_db()
    assert state.status == "in_progress"
    assert "Blocked by the claims check" in state.current_task_state.comment
    assert article.live is False
    assert AuditEntry.objects.filter(object_type="article", action="block").count() >= 1


def test_workflow_publishes_clean_article(django_user_model):
    # given
    editor = _editor(django_user_model, "ed2@example.com")
    article = _draft([rich("A calm walk in the forest.")], slug="clean")
    workflow = Workflow.objects.get(name="Claims check")
    # when
    article.save_revision(user=editor)
    state = workflow.start(article, editor)
    # then
    state.refresh_from_db()
    article.refresh_from_db()
    assert state.status == "approved"
    assert article.live is True


def test_officer_override_needs_reason_and_publishes(django_user_model):
    # given
    editor = _editor(django_user_model, "ed3@example.com")
    officer = _editor(django_user_model, "officer@example.com", officer=True)
    article = _draft([rich(AUTHORITY_CLAIM)], slug="ovr")
    workflow = Workflow.objects.get(name="Claims check")
    article.save_revision(user=editor)
    state = workflow.start(article, editor)
    task_state = state.current_task_state
    task = task_state.task.specific
    # when
    actions_editor = task.get_actions(article, editor)
    with pytest.raises(OverrideReasonRequiredError):
        task.on_action(task_state, officer, "approve", comment="  ")
    task_state.refresh_from_db()
    blocked_status = task_state.status
    task.on_action(task_state, officer, "approve", comment="Quoted from a study title")
    # then
    article.refresh_from_db()
    assert actions_editor == []
    assert blocked_status == "in_progress"
    assert article.live is True
    assert ClaimsOverride.objects.filter(object_type="article").count() == 1
    assert (
        AuditEntry.objects.filter(object_type="article", action="override").count() == 1
    )


def test_editorial_disease_claim_stops_until_reviewed():
    """Without product links a disease claim is a warning: it waits for an officer."""
    # given
    article = _draft([rich(DISEASE_CLAIM)], slug="editorial")
    # when
    decision = article_claims_check(article=article)
    # then
    assert decision.allowed is False
    assert {f.severity for f in decision.blocking} == {"warn"}
    assert {f.rule for f in decision.blocking} == {"CLM.DISEASE_VERB"}


def test_workflow_stops_editorial_article_with_disease_claim(django_user_model):
    # given
    editor = _editor(django_user_model, "ed@example.com")
    article = _draft([rich(DISEASE_CLAIM)], slug="editorial")
    workflow = Workflow.objects.get(name="Claims check")
    # when
    article.save_revision(user=editor)
    state = workflow.start(article, editor)
    # then
    state.refresh_from_db()
    article.refresh_from_db()
    assert state.status == "in_progress"
    assert article.live is False


def test_editorial_mention_of_a_condition_is_not_a_finding():
    # given
    article = _draft([rich("Some readers talk about depression.")], slug="mention")
    # when
    decision = article_claims_check(article=article)
    # then
    assert decision.allowed is True
    assert [f for r in decision.reports for f in r.findings] == []


def test_article_embedding_product_is_checked_as_advertising(us_channel):
    # given
    product_create(slug="tea", channel=us_channel)
    article = _draft(
        [rich("Some readers talk about depression."), product_block("tea")],
        slug="r2",
    )
    editorial = _draft([rich("Some readers talk about depression.")], slug="ed")
    # when
    scope = article_claims_scope(article=article)
    with_product = article_claims_check(article=article)
    without_product = article_claims_check(article=editorial)
    # then
    assert scope.context == "linked_article"  # product copy, R2
    assert scope.regimes == ("us",)
    assert with_product.allowed is False
    assert without_product.allowed is True


def test_scan_source_yields_every_article(us_channel):
    # given
    a = article_create(title="Live one", slug="live-one")
    b = _draft([rich("Draft text.")], slug="draft-one")
    # when
    items = list(article_scan_items())
    # then
    assert [(i.object_id, i.published, i.kind) for i in items] == [
        (a.pk, True, "article"),
        (b.pk, False, "article"),
    ]
    assert ArticlePage.objects.count() == 2


def test_direct_publish_in_admin_is_refused(client, django_user_model):
    # given
    admin = django_user_model.objects.create_superuser(
        email="root@example.com", password="pw-123456789"
    )
    article = _draft([rich("Fine text.")], slug="direct")
    client.force_login(admin)
    article.body = [rich(AUTHORITY_CLAIM)]
    # when
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.test import RequestFactory

    from content.wagtail_hooks import claims_check_before_publish

    request = RequestFactory().post("/admin/")
    request.user = admin
    request.session = client.session
    request._messages = FallbackStorage(request)
    response = claims_check_before_publish(request, article)
    # then
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{article.pk}/edit/"
    article.refresh_from_db()
    assert article.live is False
