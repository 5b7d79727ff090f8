"""Benchmark: Stories of Place (issue 18). The public story page built from scratch, and the
moderation queue with 1,000 proposals waiting, each beside a baseline measured in the same
run.

    .venv/bin/python bench/stories.py --postgres      # about 3 minutes on a 2-core machine
    .venv/bin/python bench/stories.py                 # SQLite

Set-up, in a throwaway database (PostgreSQL ``placeplan_bench_stories``, or a temporary
SQLite file): migrate, the reference data and the demo (Perth and Kinross's five stories).

(a) The Perth City story (``/areas/S12000048/stories/<id>/``) built from scratch: eight
    sections, evidence panels for eight measures worked out from its 11 communities, with
    the evidence version moved on before each request so nothing comes from the cache (the
    first visit after new values are saved); the median of ``--repeat`` requests; beside the
    locality's own evidence page (``/areas/S12000048/performance/localities/<id>/``), which
    works out the same figures, built from scratch the same way. Goal: the story under
    twice the locality page.
(b) The moderation queue of Perth and Kinross's support officer with 10 proposals
    waiting, then with 1,000 (written straight to the database, as 1,000 residents would
    have sent them): its first and last pages. Goal: with 1,000 waiting, each page within
    twice the time of the queue with 10 (a page shows 25, compared word by word).

Writes bench/results/stories-<database>.json.
"""

from __future__ import annotations

import statistics
import sys
import time

from common import bench_start, pages_time, results_report

DATABASE = "placeplan_bench_stories"
PERTH = "S12000048"
GOAL_MS = 1_000  # a ceiling only: the goals are the ratios below
WAITING = 1_000


def proposals_add(*, story, count: int, resident) -> None:
    """``count`` proposals waiting, spread over the story's sections, each a change of a
    few words to the section's current text."""
    from placeplan.stories.models import Proposal

    sections = list(story.sections.select_related("current"))
    Proposal.objects.bulk_create(
        Proposal(
            section=section,
            base=section.current,
            proposer=resident,
            text=(section.text or "A new section.") + f" A resident's addition number {n}.",
        )
        for n in range(count)
        for section in [sections[n % len(sections)]]
    )


def from_scratch(client, urls: list[str], repeat: int) -> dict[str, dict]:
    """Median time of each page with the evidence version moved on before each request."""
    from placeplan.core.evidence_cache import evidence_changed

    pages = {}
    for url in urls:
        client.get(url)  # templates compiled and connections made once, as in a server
        timings = []
        for _ in range(repeat):
            evidence_changed()
            began = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - began)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        pages[url] = {
            "median_ms": round(1000 * statistics.median(timings), 1),
            "bytes": len(response.content),
        }
    return pages


def main() -> int:
    args = bench_start(description=__doc__.splitlines()[0], name=DATABASE)
    from django.core.management import call_command
    from django.test import Client

    from placeplan.accounts.models import User
    from placeplan.demo.services import DEMO_RESIDENT_EMAIL, demo_email
    from placeplan.stories.models import Moderation, Proposal, Story

    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    call_command("load_demo", verbosity=0)
    story = Story.objects.get(
        locality__partnership__council_area__code=PERTH, locality__name="Perth City"
    )
    locality = story.locality_id
    public = Client()
    pages = from_scratch(
        public,
        [
            f"/areas/{PERTH}/performance/localities/{locality}/",
            f"/areas/{PERTH}/stories/{locality}/",
        ],
        args.repeat,
    )
    base, story_page = pages.values()
    story_ratio = story_page["median_ms"] / base["median_ms"]

    officer = Client()
    officer.force_login(User.objects.get(email=demo_email("perth", "support_officer")))
    resident = User.objects.get(email=DEMO_RESIDENT_EMAIL)
    Proposal.objects.filter(status=Moderation.PENDING).delete()
    queue = f"/workspace/{PERTH}/stories/moderation/"
    proposals_add(story=story, count=10, resident=resident)
    few = pages_time(officer, [queue], args.repeat)[queue]
    proposals_add(story=story, count=WAITING - 10, resident=resident)
    last = f"{queue}?page={-(-WAITING // 25)}"
    many = pages_time(officer, [queue, last], args.repeat)
    ratios = {url: round(page["median_ms"] / few["median_ms"], 2) for url, page in many.items()}
    queue_pages = {f"{url} ({WAITING} waiting)": page for url, page in many.items()}
    met = story_ratio < 2 and all(ratio < 2 for ratio in ratios.values())
    status = results_report(
        name="stories",
        pages={**pages, **queue_pages},
        goal_ms=GOAL_MS,
        postgres=args.postgres,
        database=DATABASE,
        story_against_locality_page=round(story_ratio, 2),
        queue_with_10_waiting=few,
        queue_with_1000_against_10=ratios,
    )
    return status if met else 1


if __name__ == "__main__":
    sys.exit(main())
