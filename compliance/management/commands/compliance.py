"""``manage.py compliance {lint,availability,scan,impact,snapshot}``: bulk checks.

The JSONL formats are a stable interface for scripts; change them only additively.
"""

import json
import sys
from datetime import date
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from compliance.claims import claims_lint
from compliance.errors import ComplianceError, RuleDataError
from compliance.impact import impact_run, rules_snapshot_load, rules_snapshot_record
from compliance.regions import availability_decide, decision_for_buyer
from compliance.rules import REGIMES, rules_load
from compliance.scan import scan_run


class Command(BaseCommand):
    help = "Compliance checks: lint claims, decide availability, scan the catalogue."
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        lint = sub.add_parser("lint", help="Lint one text per stdin line.")
        lint.add_argument("--regime", choices=REGIMES, required=True)
        lint.add_argument(
            "--context", choices=("product", "article"), default="product"
        )
        lint.add_argument("--jsonl", action="store_true", help="JSON line per text.")
        avail = sub.add_parser("availability", help="Decide JSON lines from stdin.")
        avail.add_argument("--jsonl", action="store_true", help="JSON line per input.")
        sub.add_parser("scan", help="Lint every product and article.")
        impact = sub.add_parser(
            "impact", help="What a rule change touches: before and after deploy."
        )
        source = impact.add_mutually_exclusive_group(required=True)
        source.add_argument(
            "--from", dest="from_version", help="A rule data version kept as snapshot."
        )
        source.add_argument("--from-dir", help="A directory of earlier rule data.")
        impact.add_argument(
            "--to-dir", help="Rule data to preview before deploy (default: in force)."
        )
        impact.add_argument(
            "--json", action="store_true", help="JSON instead of a table."
        )
        impact.add_argument(
            "--apply",
            action="store_true",
            help="Unlist, pause, hold and flag as the changes require (idempotent).",
        )
        sub.add_parser(
            "snapshot", help="Keep the rule data in force under its version."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stdin: TextIO = options.get("stdin") or sys.stdin
        action = options["action"]
        if action == "lint":
            self._lint(stdin, options["regime"], options["context"], options["jsonl"])
        elif action == "availability":
            self._availability(stdin)
        elif action == "impact":
            self._impact(options)
        elif action == "snapshot":
            snapshot = rules_snapshot_record()
            self.stdout.write(f"Rule data {snapshot.version} kept.")
        else:
            self._scan()

    def _impact(self, options: dict[str, Any]) -> None:
        try:
            if options["from_version"]:
                before = rules_snapshot_load(version=options["from_version"])
            else:
                before = rules_load(directory=options["from_dir"])
            after = (
                rules_load(directory=options["to_dir"]) if options["to_dir"] else None
            )
        except (ComplianceError, RuleDataError) as exc:
            raise CommandError(str(exc)) from exc
        try:
            report = impact_run(
                before=before,
                after=after,
                apply=options["apply"],
                actor_label="command line",
            )
        except ComplianceError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self._emit(report.as_dict())
            return
        self.stdout.write(
            f"Rules {report.from_version} -> {report.to_version}: "
            f"{len(report.changes)} change(s). Kept as impact report "
            f"{report.report_id} (staff read and apply it in the admin)."
        )
        rows = [("kind", "object", "where", "before", "after", "reason")] + [
            (c.kind, f"{c.object_id} {c.label}", c.where, c.before, c.after, c.reason)
            for c in report.changes
        ]
        widths = [min(40, max(len(r[i]) for r in rows)) for i in range(5)]
        for row in rows:
            cells = [row[i][: widths[i]].ljust(widths[i]) for i in range(5)]
            self.stdout.write("  ".join([*cells, row[5]]))
        for line in report.actions:
            self.stdout.write(f"done: {line}")

    def _emit(self, payload: dict[str, Any]) -> None:
        self.stdout.write(json.dumps(payload, ensure_ascii=False))

    def _lint(self, stdin: TextIO, regime: str, context: str, jsonl: bool) -> None:
        for raw in stdin:
            # Only the line ending is removed, so offsets index the line as given.
            text = raw.removesuffix("\n").removesuffix("\r")
            report = claims_lint(text, regime=regime, context=context)
            if not jsonl:
                verdict = "BLOCK" if report.blocking else "ok"
                details = ", ".join(
                    f"{f.severity} {f.rule} {f.text!r}" for f in report.findings
                )
                self.stdout.write(f"{verdict}\t{details}")
                continue
            self._emit(
                {
                    "blocking": report.blocking,
                    "findings": [
                        {
                            "rule": f.rule,
                            "category": f.category,
                            "severity": f.severity,
                            "start": f.start,
                            "end": f.end,
                            "text": f.text,
                            "suggestion": f.suggestion,
                        }
                        for f in report.findings
                    ],
                }
            )

    def _availability(self, stdin: TextIO) -> None:
        for number, raw in enumerate(stdin, start=1):
            if not raw.strip():
                continue
            try:
                payload = self._decide(raw)
            except _LineError as exc:
                payload = {
                    "error": {
                        "field": exc.field,
                        "code": exc.code,
                        "message": exc.message,
                    },
                    "line": number,
                }
            self._emit(payload)

    def _decide(self, raw: str) -> dict[str, Any]:
        try:
            data = json.loads(raw)
        except ValueError as exc:
            raise _LineError(
                None, "invalid_json", "The line is not valid JSON."
            ) from exc
        if not isinstance(data, dict):
            raise _LineError(None, "invalid_json", "The line must be a JSON object.")
        age = data.get("age")
        if age is not None and (
            not isinstance(age, int) or isinstance(age, bool) or age < 0
        ):
            raise _LineError(
                "age", "invalid_age", "Age must be a whole number or null."
            )
        on_date = None
        if data.get("date") is not None:
            try:
                on_date = date.fromisoformat(str(data["date"]))
            except ValueError as exc:
                raise _LineError("date", "invalid_date", "Use YYYY-MM-DD.") from exc
        try:
            decision = availability_decide(
                product_class=str(data.get("class", "")),
                region=str(data.get("region", "")),
                on_date=on_date,
            )
        except ComplianceError as exc:
            # The CLI input names the class "class", not "product_class".
            field = "class" if exc.field == "product_class" else exc.field
            raise _LineError(field, exc.code_value, exc.message) from exc
        decision = decision_for_buyer(decision, age=age)
        return {
            "decision": decision.decision,
            "min_age": decision.min_age,
            "assurance": decision.assurance,
            "rules": list(decision.rules),
            "reason": decision.reason,
        }

    def _scan(self) -> None:
        report = scan_run()
        out = self.stdout
        out.write(f"Compliance scan (rules {report.rules_version})")
        out.write(f"Objects scanned: {report.items_scanned}")
        for severity in ("block", "warn", "disclaimer"):
            out.write(f"{severity}: {report.counts.get(severity, 0)}")
        for result in report.results:
            item, finding = result.item, result.finding
            state = "published" if item.published else "draft"
            note = " (overridden)" if result.overridden else ""
            out.write(
                f"[{finding.severity}] {item.kind} {item.object_id} {item.label!r} "
                f"({state}, {result.regime}) {finding.rule}: {finding.text!r} "
                f"at {finding.start}-{finding.end}{note} {item.admin_url}"
            )
        failing = report.published_blocking
        if failing:
            objects = {(r.item.kind, str(r.item.object_id)) for r in failing}
            raise CommandError(
                f"{len(objects)} published object(s) have blocking findings.",
                returncode=1,
            )


class _LineError(Exception):
    def __init__(self, field: str | None, code: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.code = code
        self.message = message
