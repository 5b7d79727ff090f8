"""Benchmark: the meeting, challenge and accountability pages, the exception report and
the agenda packs, on the demo and on a Chief Officers Group of benchmark size.

    .venv/bin/python bench/scrutiny.py             # SQLite (a temporary file)
    .venv/bin/python bench/scrutiny.py --postgres  # PostgreSQL on 127.0.0.1:5432

The benchmark size (benchmark data only, in a throwaway database): on top of the demo,
Highland's Chief Officers Group gets 40 more held meetings, each with the standard agenda
plus four items, six published papers and attendance; one of them has six papers each
with a 20-page PDF of its own (120 pages for the agenda pack to take in); 300 challenges
to Police Scotland and to Safer Highland (a third of them overdue) and 200 improvement
actions.

Goals (issue 6): every page and API answer under 500 ms server time (median), and each
agenda pack (PDF with 120 attached pages, Word) made in under 3 s. Prints the figures and
writes them to bench/results/scrutiny-<database>.json.
"""

from __future__ import annotations

import datetime
import sys
import time

from common import bench_start, pages_time, results_report

HIGHLAND = "S12000017"
GOAL_MS = 500
PACK_GOAL_MS = 3000
DATABASE = "placeplan_bench_scrutiny"
MEETINGS, PAPERS, PDF_PAGES, CHALLENGES, ACTIONS = 40, 6, 20, 300, 200


def _pdf(pages: int) -> bytes:
    from weasyprint import HTML

    text = "Benchmark text. " * 120  # a page of text
    body = "".join(
        f'<h1 style="page-break-before: always">Benchmark paper, page {n}</h1><p>{text}</p>'
        for n in range(1, pages + 1)
    )
    return HTML(string=body).write_pdf()


def _build(today: datetime.date):
    """The benchmark-size Chief Officers Group: its meetings, challenges and actions."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from placeplan.delivery import services as delivery
    from placeplan.delivery.models import ActionStatus, ImprovementAction
    from placeplan.meetings import challenges, services
    from placeplan.meetings.models import Attendance, Challenge, Meeting
    from placeplan.partnerships.models import Body, Partner

    cog = Body.objects.get(partnership__council_area__code=HIGHLAND, name="Chief Officers Group")
    partnership = cog.partnership
    safer = Body.objects.get(partnership=partnership, name="Safer Highland")
    police = Partner.objects.get(partnership=partnership, organisation__name="Police Scotland")
    partners = {p.organisation_id: p for p in Partner.objects.filter(partnership=partnership)}
    pdf = _pdf(PDF_PAGES)
    with_pdfs = None
    for n in range(MEETINGS):
        day = today - datetime.timedelta(days=7 * (n + 1) + 3)
        starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(14, 0)))
        meeting = services.meeting_save(
            meeting=Meeting(body=cog, starts_at=starts, place="Bench", status="held")
        )
        for i in range(4):
            item = services.agenda_item_add(meeting=meeting, title=f"Bench item {i}")
            for p in range(PAPERS // 4 + (i < PAPERS % 4)):
                upload = SimpleUploadedFile("bench.pdf", pdf) if n == 0 else None
                services.paper_publish(
                    paper=services.paper_add(
                        meeting=meeting,
                        agenda_item=item,
                        title=f"Bench paper {n}.{i}.{p}",
                        author="Bench author",
                        purpose="Benchmark data.",
                        recommendations="None: benchmark data.",
                        upload=upload,
                    )
                )
        members = cog.memberships.filter(start__lte=day).exclude(end__lt=day)
        services.attendance_record(
            meeting=meeting,
            entries=[
                (m.person, partners.get(m.organisation_id), Attendance.Status.PRESENT)
                for m in members.select_related("person")
            ],
        )
        with_pdfs = with_pdfs or meeting
    for n in range(CHALLENGES):
        raised = today - datetime.timedelta(days=60 + n % 30)
        due = today - datetime.timedelta(days=5) if n % 3 == 0 else today + datetime.timedelta(30)
        challenges.challenge_raise(
            challenge=Challenge(
                partnership=partnership,
                question=f"Bench challenge {n}: why has the figure moved?",
                raised_by_body=cog,
                raised_on=raised,
                answer_due=max(due, raised),
                to_partner=police if n % 2 else None,
                to_body=None if n % 2 else safer,
            )
        )
    for n in range(ACTIONS):
        delivery.action_save(
            action=ImprovementAction(
                partnership=partnership,
                title=f"Bench action {n}",
                improvement="Benchmark data.",
                source=ImprovementAction.Source.OTHER,
                accountable_partner=police,
                responsible_body=safer,
                start=today - datetime.timedelta(days=200),
                due=today + datetime.timedelta(days=n - 100),
                status=ActionStatus.AT_RISK if n % 4 == 0 else ActionStatus.ON_TRACK,
            )
        )
    return cog, safer, police, with_pdfs


def main() -> int:
    args = bench_start(description=__doc__, name=DATABASE)
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from placeplan.accounts.models import User

    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    call_command("load_demo", verbosity=0)
    started = time.perf_counter()
    cog, safer, police, meeting = _build(timezone.localdate())
    build_seconds = time.perf_counter() - started

    hl, m = HIGHLAND, meeting.pk
    public = [
        f"/areas/{hl}/partnership/bodies/{cog.pk}/meetings/",
        f"/areas/{hl}/meetings/{m}/",
        f"/areas/{hl}/challenges/",
        f"/areas/{hl}/partnership/bodies/{safer.pk}/",
        f"/areas/{hl}/partnership/partners/{police.pk}/",
        f"/areas/{hl}/meetings.ics",
        f"/api/v1/partnerships/{hl}/meetings",
        f"/api/v1/partnerships/{hl}/meetings/{m}",
        f"/api/v1/partnerships/{hl}/challenges",
        f"/api/v1/partnerships/{hl}/actions",
    ]
    staff = [
        f"/workspace/{hl}/meetings/",
        f"/workspace/{hl}/meetings/?body={cog.pk}",
        f"/workspace/{hl}/meetings/{m}/",
        f"/workspace/{hl}/meetings/{m}/exception-report/",
        f"/workspace/{hl}/challenges/",
        f"/workspace/{hl}/actions/",
        f"/workspace/{hl}/partners/{police.pk}/",
        f"/workspace/{hl}/bodies/{safer.pk}/",
    ]
    packs = [f"/areas/{hl}/meetings/{m}/pack.pdf", f"/workspace/{hl}/meetings/{m}/pack.docx"]
    anonymous, admin = Client(), Client()
    admin.force_login(User.objects.get(email="site.admin@demo.placeplan.invalid"))
    pages = {**pages_time(anonymous, public, args.repeat), **pages_time(admin, staff, args.repeat)}
    made = {
        **pages_time(anonymous, packs[:1], args.repeat),
        **pages_time(admin, packs[1:], args.repeat),
    }
    slowest_pack = max(pack["median_ms"] for pack in made.values())
    import io

    from pypdf import PdfReader

    pdf = anonymous.get(packs[0]).content
    made[packs[0]]["pages"] = len(PdfReader(io.BytesIO(pdf)).pages)
    status = results_report(
        name="scrutiny",
        pages=pages,
        goal_ms=GOAL_MS,
        postgres=args.postgres,
        database=DATABASE,
        build_s=round(build_seconds, 1),
        packs=made,
        pack_goal_under_ms=PACK_GOAL_MS,
        pack_goal_met=slowest_pack < PACK_GOAL_MS,
    )
    return status or int(slowest_pack >= PACK_GOAL_MS)


if __name__ == "__main__":
    sys.exit(main())
