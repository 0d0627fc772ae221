"""Articles on Wagtail, their authors, topics, series and sources; member access;
the newsletter list."""

import math

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.html import strip_tags
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, Task, TaskState
from wagtail.search import index

from common.models import TimeStampedModel
from content.blocks import ArticleBodyBlock

WORDS_PER_MINUTE = 220


class Author(models.Model):
    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=150, unique=True)
    bio = models.TextField(blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("bio"),
        FieldPanel("photo"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Topic(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Series(models.Model):
    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=150, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "series"

    def __str__(self) -> str:
        return self.name


class AccessLevel(models.TextChoices):
    PUBLIC = "public", "Everyone"
    MEMBERS = "members", "Members (any signed-in account)"
    PAID = "paid", "Paid members"


class ArticleIndexPage(Page):
    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["content.ArticlePage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        # content.selectors imports these models: a top-level import is a cycle.
        from content.selectors import article_list_for_index

        context = super().get_context(request, *args, **kwargs)
        context.update(
            article_list_for_index(
                index=self,
                topic_slug=request.GET.get("topic", ""),
                page_number=request.GET.get("page", "1"),
            )
        )
        return context


class ArticlePage(Page):
    standfirst = models.TextField(
        max_length=400, help_text="One or two sentences shown under the title."
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt = models.CharField(max_length=250, blank=True)
    body = StreamField(ArticleBodyBlock(), use_json_field=True)
    authors = ParentalManyToManyField(Author, blank=True, related_name="articles")
    topics = ParentalManyToManyField(Topic, blank=True, related_name="articles")
    series = models.ForeignKey(
        Series,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    access_level = models.CharField(
        max_length=10, choices=AccessLevel.choices, default=AccessLevel.PUBLIC
    )
    preview_block_count = models.PositiveSmallIntegerField(
        default=2,
        validators=[MinValueValidator(0), MaxValueValidator(50)],
        help_text="How many body blocks readers without access may see.",
    )
    reading_time_minutes = models.PositiveSmallIntegerField(default=1, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("standfirst"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_alt")], "Hero"),
        FieldPanel("body"),
        InlinePanel("sources", label="Sources (numbered as [1], [2]… in the body)"),
    ]
    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [
                FieldPanel("authors"),
                FieldPanel("topics"),
                FieldPanel("series"),
            ],
            "Classification",
        ),
        MultiFieldPanel(
            [FieldPanel("access_level"), FieldPanel("preview_block_count")],
            "Member access",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("searchable_body"),
        index.FilterField("access_level"),
    ]
    parent_page_types = ["content.ArticleIndexPage"]
    subpage_types: list[str] = []
    preview_modes = [
        ("", "As an editor (full article)"),
        ("anonymous", "As an anonymous reader"),
        ("member", "As a signed-in member"),
    ]

    def body_text(self) -> str:
        """Plain text of every body block, for reading time and the claims check."""
        parts: list[str] = []
        for block in self.body.raw_data:
            parts.extend(_raw_block_text(block.get("value")))
        return " ".join(p for p in parts if p)

    def searchable_body(self) -> str:
        """Only public articles put their body in the search index."""
        if self.access_level != AccessLevel.PUBLIC:
            return ""
        return self.body_text()

    def compute_reading_time(self) -> int:
        words = len((self.standfirst + " " + self.body_text()).split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def save(self, *args, **kwargs):
        self.reading_time_minutes = self.compute_reading_time()
        super().save(*args, **kwargs)
        # content.services imports these models: a top-level import is a cycle.
        from content.services import article_product_links_sync

        article_product_links_sync(article=self)

    def get_context(self, request, *args, **kwargs):
        # content.selectors imports these models: a top-level import is a cycle.
        from content.selectors import article_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(
            article_page_context(
                article=self,
                user=request.user,
                request=request,
                as_reader=getattr(request, "content_preview_as", None),
            )
        )
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if self.access_level != AccessLevel.PUBLIC:
            # The body depends on who reads it: no shared cache may keep it.
            response["Cache-Control"] = "private, no-store"
            response["Vary"] = "Cookie"
        return response

    def serve_preview(self, request, mode_name):
        request.content_preview_as = mode_name or "editor"
        response = super().serve_preview(request, mode_name)
        response["Cache-Control"] = "private, no-store"
        return response


def _raw_block_text(value) -> list[str]:
    if isinstance(value, str):
        return [strip_tags(value)]
    if isinstance(value, dict):
        out: list[str] = []
        for key, item in value.items():
            if key in {"level", "tone", "image", "page", "product"}:
                continue
            out.extend(_raw_block_text(item))
        return out
    if isinstance(value, list):
        out = []
        for item in value:
            out.extend(_raw_block_text(item))
        return out
    return []


class ArticleSource(Orderable):
    """A cited work; its position in the list is the number the body refers to."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="sources")
    authors = models.CharField(max_length=500)
    year = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=500, blank=True)
    publisher = models.CharField("journal or publisher", max_length=250, blank=True)
    doi = models.CharField("DOI", max_length=200, blank=True)
    url = models.URLField("URL", blank=True)

    panels = [
        FieldPanel("authors"),
        FieldPanel("year"),
        FieldPanel("title"),
        FieldPanel("publisher"),
        FieldPanel("doi"),
        FieldPanel("url"),
    ]

    @property
    def link(self) -> str:
        if self.doi:
            return f"https://doi.org/{self.doi}"
        return self.url


class ArticleProductLink(models.Model):
    """A product an article embeds; kept in step with the live body on every save."""

    article = models.ForeignKey(
        ArticlePage, on_delete=models.CASCADE, related_name="product_links"
    )
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="article_links"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "product"], name="article_product_link_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.article_id} embeds {self.product_id}"


class MemberAccessGrant(TimeStampedModel):
    """Paid-member access granted by staff (until memberships are sold)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_grants"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(max_length=300)
    valid_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} until {self.valid_until or 'further notice'}"


class NewsletterSubscriber(TimeStampedModel):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    email = models.EmailField(unique=True)
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.PENDING
    )
    consent_at = models.DateTimeField()
    consent_source = models.CharField(max_length=200)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return f"{self.email} ({self.status})"


class ClaimsCheckTask(Task):
    """Workflow step: the claims check. Passes on its own when nothing blocks;
    otherwise waits for the text to be fixed or a compliance officer to override
    (or approve) it with a written reason."""

    admin_form_fields = Task.admin_form_fields

    def start(self, workflow_state, user=None):
        # content.claims imports these models: a top-level import is a cycle.
        from content.claims import article_claims_check, findings_summary

        task_state = super().start(workflow_state, user=user)
        revision = task_state.revision
        article = revision.as_object() if revision else workflow_state.content_object
        if not isinstance(article, ArticlePage):
            task_state.approve(user=None, update=False, comment="Not an article.")
            return task_state
        decision = article_claims_check(article=article, actor=user)
        if decision.allowed:
            comment = "Claims check passed."
            if decision.overridden:
                comment = "Claims check passed with a compliance officer's decision."
            task_state.approve(user=None, update=False, comment=comment)
        else:
            task_state.comment = "Blocked by the claims check: " + findings_summary(
                decision
            )
            task_state.save(update_fields=["comment"])
        return task_state

    def _is_officer(self, user) -> bool:
        return user.has_perm("compliance.override_finding")

    def user_can_access_editor(self, obj, user):
        return self._is_officer(user)

    def get_actions(self, obj, user):
        if self._is_officer(user):
            return [
                ("reject", "Request changes", True),
                ("approve", "Override with a written reason", True),
            ]
        return []

    def on_action(self, task_state, user, action_name, **kwargs):
        from django.core.exceptions import PermissionDenied

        # content.claims imports these models: a top-level import is a cycle.
        from content.claims import article_claims_override

        if action_name == "approve":
            if not self._is_officer(user):
                raise PermissionDenied
            reason = (kwargs.get("comment") or "").strip()
            article = task_state.revision.as_object()
            # The compliance service refuses a blank reason (and audits the override).
            article_claims_override(article=article, actor=user, reason=reason)
            task_state.approve(user=user, comment=reason)
            return
        super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if self._is_officer(user):
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return TaskState.objects.none()

    @classmethod
    def get_description(cls):
        return "Checks the article's claims; compliance officers decide on findings."

    class Meta:
        verbose_name = "Claims check task"
        verbose_name_plural = "Claims check tasks"


# Shop information pages live in their own module; imported so Django finds them.
from content.pages import InfoPage  # noqa: E402, F401
