import io
import json

import pytest
from django.core.management import CommandError, call_command

from compliance.claims.services import claims_override_grant
from compliance.models import AuditEntry

SOURCES = "tests.compliance.scan_sources"


def _run(*args, stdin=""):
    out = io.StringIO()
    call_command("compliance", *args, stdin=io.StringIO(stdin), stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_lint_writes_one_json_object_per_line():
    # given
    stdin = "Our tea cures insomnia.\nA calm tea.\n\u00a0Supports focus\n"

    # when
    lines = _run("lint", "--regime", "us", "--jsonl", stdin=stdin)

    # then
    assert lines[0]["blocking"] is True
    assert [
        (f["rule"], f["start"], f["end"], f["text"]) for f in lines[0]["findings"]
    ] == [
        ("CLM.DISEASE_VERB", 8, 22, "cures insomnia"),
        ("CLM.NAMED_CONDITION", 14, 22, "insomnia"),
    ]
    assert lines[1] == {"blocking": False, "findings": []}
    assert lines[2] == {
        "blocking": False,
        "findings": [
            {
                "rule": "CLM.FUNCTION",
                "category": "function_claim",
                "severity": "disclaimer",
                "start": 1,
                "end": 15,
                "text": "Supports focus",
                "suggestion": lines[2]["findings"][0]["suggestion"],
            }
        ],
    }
    assert len(lines) == 3


def test_lint_regime_is_required_and_checked():
    with pytest.raises(CommandError, match="invalid choice: 'ca'"):
        _run("lint", "--regime", "ca", "--jsonl")


def test_availability_decides_each_line_and_reports_bad_fields():
    # given
    stdin = "\n".join(
        [
            '{"class": "kratom", "region": "US-AL", "age": null, "date": null}',
            '{"class": "tobacco", "region": "US-AL", "age": 30, "date": null}',
            '{"class": "cbd", "region": "Texas", "age": null, "date": null}',
            '{"class": "cbd", "region": "US-TX", "age": 25, "date": "2026-01-01"}',
            '{"class": "cbd", "region": "US-TX", "age": 19, "date": "2026-01-01"}',
            '{"class": "cbd", "region": "US-TX", "age": null, "date": "01/01/2026"}',
            "not json",
        ]
    )

    # when
    lines = _run("availability", "--jsonl", stdin=stdin)

    # then
    assert lines[0] == {
        "decision": "prohibited",
        "min_age": None,
        "assurance": "none",
        "rules": ["LEG.KRATOM.US-AL"],
        "reason": "Kratom cannot be shipped to Alabama (US-AL).",
    }
    assert lines[1]["error"]["field"] == "class"
    assert lines[1]["error"]["code"] == "unknown_product_class"
    assert lines[2]["error"]["field"] == "region"
    assert lines[3] == {
        "decision": "restricted",
        "min_age": 21,
        "assurance": "verified",
        "rules": ["LEG.CBD.US-TX", "LEG.CBD.US.2018"],
        "reason": (
            "CBD can be shipped to Texas (US-TX) only to buyers aged 21 or over "
            "with a verified age."
        ),
    }
    assert lines[4]["decision"] == "prohibited"
    assert lines[4]["min_age"] == 21
    assert lines[5]["error"] == {
        "field": "date",
        "code": "invalid_date",
        "message": "Use YYYY-MM-DD.",
    }
    assert lines[6]["error"]["code"] == "invalid_json"
    assert len(lines) == 7


@pytest.mark.django_db
def test_scan_reports_findings_and_passes_when_nothing_published_blocks(settings):
    # given
    settings.COMPLIANCE_SCAN_SOURCES = [f"{SOURCES}.products"]
    out = io.StringIO()

    # when
    call_command("compliance", "scan", stdout=out)

    # then
    report = out.getvalue().splitlines()
    assert report[:5] == [
        "Compliance scan (rules 2026.12.02.10)",
        "Objects scanned: 3",
        "block: 4",
        "warn: 0",
        "disclaimer: 1",
    ]
    assert report[5] == (
        "[block] product 2 'Reishi' (draft, us) CLM.DISEASE_VERB: 'cures insomnia' "
        "at 7-21 /django-admin/p/2/"
    )
    assert len(report) == 10


@pytest.mark.django_db
def test_scan_exits_1_when_published_item_blocks(settings):
    settings.COMPLIANCE_SCAN_SOURCES = [
        f"{SOURCES}.products",
        f"{SOURCES}.published_blocked",
    ]

    with pytest.raises(
        CommandError, match=r"1 published object\(s\) have blocking"
    ) as exc:
        call_command("compliance", "scan", stdout=io.StringIO())

    assert exc.value.returncode == 1


@pytest.mark.django_db
def test_scan_passes_once_an_officer_overrides_the_published_text(settings, officer):
    # given
    settings.COMPLIANCE_SCAN_SOURCES = [f"{SOURCES}.published_blocked"]
    claims_override_grant(
        actor=officer,
        obj_type="article",
        obj_id=9,
        text="This herbal Prozac works.",
        reason="Quoted critically in an article about marketing.",
        regimes=("uk",),
    )
    out = io.StringIO()

    # when
    call_command("compliance", "scan", stdout=out)

    # then
    assert "(overridden)" in out.getvalue()
    assert AuditEntry.objects.filter(action="override").count() == 1


def test_scan_with_no_sources_scans_nothing(settings, db):
    settings.COMPLIANCE_SCAN_SOURCES = []
    out = io.StringIO()

    call_command("compliance", "scan", stdout=out)

    assert out.getvalue().splitlines()[1] == "Objects scanned: 0"
