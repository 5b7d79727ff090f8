"""Who may open which URL: one policy table, checked cell by cell against the running site.

``POLICY`` is the single statement of access rules. Every URL is a test that asks it as
each role in turn and reports every (URL, role) cell that is wrong, and
``test_every_project_url_has_a_policy`` walks the project's URL resolver so that a new
page, workspace view or API route cannot ship without somebody deciding who may see it.
"""

import csv
import datetime
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone

from placeplan.accounts.models import User
from placeplan.budgets import services as budget_services
from placeplan.budgets.models import Process as BudgetProcess
from placeplan.challenges.models import Challenge
from placeplan.delivery.models import ActionStatus, ImprovementAction
from placeplan.demo.services import DEMO_DOMAIN, DEMO_RESIDENT_EMAIL, demo_email
from placeplan.engagement import services as engagement_services
from placeplan.engagement.models import (
    PLACE_STANDARD_THEMES,
    Activity,
    PlaceStandardExercise,
    Theme,
)
from placeplan.meetings import services as meeting_services
from placeplan.meetings.models import Meeting, PartnerDecision
from placeplan.partnerships.models import (
    Body,
    Locality,
    Membership,
    Partner,
    Partnership,
    Person,
)
from placeplan.partnerships.services import membership_add
from placeplan.performance.models import ImportBatch, Measure
from placeplan.performance.services import api_token_create
from placeplan.places.models import Area
from placeplan.plans import services as plan_services
from placeplan.plans.models import Commitment, Outcome, OutcomeIndicator, Plan, Target
from placeplan.resources import services as resource_services
from placeplan.stories import services as story_services
from placeplan.stories.models import Story
from tests.factories.partnerships import LocalityFactory
from tests.factories.plans import OutcomeFactory
from tests.files import real_pdf

HIGHLAND = "S12000017"
PERTH = "S12000048"
# Lochaber West, an intermediate zone (community) of Highland in data_zones_2011.csv.
HIGHLAND_IZ = "S02001978"
# Powmill, Cleish and Scotlandwell, an intermediate zone of Perth and Kinross.
PERTH_IZ = "S02002219"

ROLES = (
    "anonymous",
    "community_member",  # of Highland
    "board_member",  # of Highland
    "partner_officer",  # of Highland
    "support_officer",  # of Highland
    "other_support_officer",  # support officer of Perth and Kinross: another partnership
    "national_reader",
    "site_admin",
    "resident",  # a resident of Perth and Kinross (residents app): no role anywhere
)

# Outcomes.
OK = "ok"  # 200
LOGIN = "login"  # 302 to /accounts/login/?next=<the URL asked for>
DENY = "forbidden"  # 403
GONE = "not_found"  # 404
WORK = "redirect:/workspace/"  # signed-in people at the sign-in page go to their workspace
MINE = "redirect:/residents/account/"  # ... and residents to their account page
HOME = "redirect:/"  # signing out when not signed in
ADMIN = "redirect:/admin/login/?next=/admin/"  # the Django admin's own sign-in page
# ... which sends people on to the one sign-in (with its lock-out and two factors).
SIGNIN = "redirect:/accounts/login/?next=/admin/"
EVENTS = "redirect:/admin/login/?next=/admin/accounts/securityevent/"
ADMINHOME = "redirect:/admin/"
FROZEN = "frozen"  # 302 back to the plan's page: the version is frozen (or not yet agreed)
BACK = "back"  # 302 to the page the URL sits under: that step does not apply now
NOPE = "method_not_allowed"  # 405: a POST-only URL asked for with GET by someone allowed past it

# Keys may use {HL} (Highland), {PK} (Perth and Kinross) and {IZ} (a Highland community),
# and the demo records named in OBJECTS (looked up when a cell runs).
# fmt: off
_POLICY = {
    # URL                            anon   commun board  partnr suppt  other  nation admin  resid
    # Public pages and the open-data API: open to everybody.
    "/":                             (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{HL}/":                  (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{HL}/communities/{IZ}/": (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{HL}/partnership/":      (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{HL}/partnership/bodies/{SAFER}/":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    # A body asked for under another partnership's area does not exist there.
    "/areas/{PK}/partnership/bodies/{SAFER}/":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    # Published plans (and superseded versions) are public; drafts do not exist there.
    "/areas/{HL}/plans/":            (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{HL}/plans/{SOA}/":      (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{HL}/plans/{SOA1}/":     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{HL}/plans/{DRAFT}/":    (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{PK}/plans/{SOA}/":      (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{HL}/plans/{SOA}/commitments.csv":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{HL}/plans/{DRAFT}/commitments.csv":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{HL}/plans/{SOA}/compare/{SOA1}/":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{HL}/plans/{SOA}/compare/{DRAFT}/":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    # Outcomes dashboard and indicator pages: published (and superseded) plans only; an
    # indicator of a draft or agreed version, or of another partnership, does not exist.
    "/areas/{HL}/performance/":      (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/S99999999/performance/": (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{HL}/performance/indicators/{SOAIND}/":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{HL}/performance/indicators/{SOA1IND}/":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{HL}/performance/indicators/{INDICATOR}/":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{HL}/performance/indicators/{AGREEDIND}/":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{PK}/performance/indicators/{SOAIND}/":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{HL}/performance/indicators/{SOAIND}/series.csv":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{HL}/performance/indicators/{SOAIND}/inequality.xlsx":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{HL}/performance/indicators/{SOAIND}/secrets.csv":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{HL}/performance/indicators/{SOAIND}/series.pdf":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{HL}/performance/indicators/{INDICATOR}/series.csv":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{HL}/partnership/partners/{PARTNER}/":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    # Public meetings: agendas, published non-confidential papers, decisions, approved
    # minutes and the calendar; a draft paper's attachment does not exist for anybody here.
    "/areas/{HL}/partnership/bodies/{SAFER}/meetings/":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{HL}/meetings/":         (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/S99999999/meetings/":    (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{PK}/partnership/bodies/{SAFER}/meetings/":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{HL}/meetings/{MEETING}/":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{PK}/meetings/{MEETING}/":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{HL}/meetings/{MEETING}/papers/{PUBPAPER}/download/":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{HL}/meetings/{MEETING}/papers/{DRAFTPAPER}/download/":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{HL}/meetings/{MEETING}/papers/{CONFPAPER}/download/":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    # The agenda pack: what the public may see of the meeting, as PDF or Word.
    "/areas/{HL}/meetings/{MEETING}/pack.pdf":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{HL}/meetings/{MEETING}/pack.docx":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{HL}/meetings/{MEETING}/pack.html":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{PK}/meetings/{MEETING}/pack.pdf":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{HL}/meetings.ics":      (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    # Stories of Place: the approved story, its versions and their API twins, open to
    # everybody (a locality of another partnership has none there).
    "/areas/{PK}/stories/":          (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{PK}/stories/{PKSTORY}/":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{HL}/stories/{PKSTORY}/":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{PK}/stories/{PKSTORY}/versions/":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/partnerships/{PK}/stories":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/partnerships/{PK}/stories/{PKSTORY}":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/partnerships/{HL}/stories/{PKSTORY}":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/api/v1/partnerships/{PK}/stories/{PKSTORY}/versions":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    # Residents' pages (proposing to a story, suggesting an asset, what they proposed):
    # residents only; people with a role edit in the workspace instead. Withdrawing is a
    # POST, by the proposer.
    "/contribute/":                  (LOGIN, DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    "/contribute/{PK}/stories/{PKSTORY}/sections/{PKSECTION}/":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    "/contribute/{PK}/stories/{PKSTORY}/assets/":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    "/contribute/{HL}/stories/{PKSTORY}/assets/":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  GONE),
    "/contribute/proposals/{PROPOSAL}/withdraw/":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  NOPE),
    "/contribute/assets/{ASSET}/withdraw/":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  NOPE),
    # Participatory budgeting: public, residents and API
    # Published processes and their API twins are open to everybody; a draft, or a process
    # asked for under another partnership, does not exist there. The Pabulib file exists
    # once the results are published. Proposing and voting by account are for residents
    # (people with a role run the vote in the workspace); changing a ballot before casting
    # one goes back to the ballot. Voting by code needs no account, but not a staff one.
    "/areas/{PK}/budgets/":          (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{PK}/budgets/{PUBPB}/":  (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{PK}/budgets/{PUBPBVOTING}/":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{HL}/budgets/{PUBPB}/":  (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{PK}/budgets/{PUBPBDRAFT}/":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{PK}/budgets/{PUBPB}/pabulib.pb":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{PK}/budgets/{PUBPBVOTING}/pabulib.pb":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/api/v1/partnerships/{PK}/budgets":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/budgets/{PUBPB}":       (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/budgets/{PUBPBDRAFT}":  (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/api/v1/budgets/{PUBPB}/pabulib":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/budgets/{PUBPBVOTING}/pabulib":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    # Resources and prevention, public: the published figures of a year, its tables as CSV
    # and the API twin, open to everybody; a year with no round, or a table the page does
    # not have, does not exist.
    "/areas/{HL}/resources/":        (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{HL}/resources/?year=1999/00":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{HL}/resources/{HLYEAR}/outcomes.csv":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{HL}/resources/{HLYEAR}/levels.csv":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{HL}/resources/1999/outcomes.csv":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    # An outcome's published resources in a year: open to everybody; a year with no round,
    # or an outcome of another partnership (HLRFOREIGN, a fictional one's), does not exist.
    "/areas/{HL}/resources/{HLYEAR}/outcomes/{HLROUTCOME}/":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{HL}/resources/1999/outcomes/{HLROUTCOME}/":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{HL}/resources/{HLYEAR}/outcomes/{HLRFOREIGN}/":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/api/v1/partnerships/{HL}/resources/{HLYEAR}/outcomes/{HLROUTCOME}":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/partnerships/{HL}/resources/{HLYEAR}/outcomes/{HLRFOREIGN}":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/api/v1/partnerships/{HL}/resources":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/partnerships/{HL}/resources?year=1999/00":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/contribute/{PK}/budgets/{PUBPBPROPOSALS}/propose/":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    "/contribute/{HL}/budgets/{PUBPBPROPOSALS}/propose/":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  GONE),
    "/contribute/{PK}/budgets/{PUBPBVOTING}/vote/":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    "/contribute/{PK}/budgets/{PUBPBDRAFT}/vote/":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  GONE),
    "/contribute/{PK}/budgets/{PUBPBVOTING}/vote/change/":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  BACK),
    "/contribute/{PK}/budgets/{PUBPBVOTING}/vote/code/":
                                     (OK,    DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    "/contribute/{HL}/budgets/{PUBPBVOTING}/vote/code/":
                                     (GONE,  DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  GONE),
    "/areas/{HL}/challenges/":       (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/partnerships/{HL}/meetings":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/partnerships/{HL}/meetings/{MEETING}":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/partnerships/{PK}/meetings/{MEETING}":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/api/v1/partnerships/{HL}/actions":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/partnerships/{HL}/challenges":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/S99999999/challenges/":  (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    # Localities and communities: figures from the published community data, open to all;
    # a locality of another partnership, or a measure not reported for communities, does
    # not exist.
    "/areas/{HL}/performance/places/":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{PK}/performance/places/localities.csv":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{PK}/performance/places/poorest.xlsx":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{PK}/performance/places/secrets.csv":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{PK}/performance/localities/{LOCALITY}/":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{HL}/performance/localities/{LOCALITY}/":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{PK}/performance/localities/{LOCALITY}/measures.csv":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{PK}/performance/localities/{LOCALITY}/measures/cpop-child-poverty/":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{PK}/performance/localities/{LOCALITY}/measures/cpop-business-survival/":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{PK}/performance/localities/{LOCALITY}/measures/cpop-child-poverty/series.csv":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{PK}/performance/localities/{LOCALITY}/measures/cpop-child-poverty/communities.xlsx":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{PK}/performance/localities/{LOCALITY}/measures/cpop-child-poverty/secrets.csv":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/api/v1/partnerships/{HL}/plans":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/plans/{SOA}":           (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/partnerships/{PK}/places":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/plans/{DRAFT}":         (GONE,  OK,    OK,    OK,    OK,    GONE,  OK,    OK,    GONE),
    # The public pages' JSON twins (tests/api/test_page_twins.py): what the page shows,
    # to everybody; a draft version, or another partnership's locality, does not exist.
    "/api/v1/partnerships/{HL}/dashboard":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/partnerships/S99999999/dashboard":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/api/v1/partnerships/{HL}/plans/{SOA}/compare/{SOA1}":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/partnerships/{HL}/plans/{SOA}/compare/{DRAFT}":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/api/v1/partnerships/{HL}/partners/{PARTNER}":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/partnerships/{PK}/partners/{PARTNER}":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/api/v1/partnerships/{PK}/localities/{LOCALITY}":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/partnerships/{HL}/localities/{LOCALITY}":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/api/v1/partnerships/{PK}/localities/{LOCALITY}/measures/cpop-child-poverty":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/partnerships/{PK}/localities/{LOCALITY}/measures/cpop-business-survival":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/about-the-data/":              (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/accessibility/":               (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/health/":                      (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    # Browsers POST violation reports (tests/core/test_content_security_policy.py).
    "/csp-report/":                  (NOPE,  NOPE,  NOPE,  NOPE,  NOPE,  NOPE,  NOPE,  NOPE,  NOPE),
    "/api/v1/areas/":                (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/areas/{HL}":            (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/areas/{HL}/communities/{IZ}":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/partnerships/{HL}/structure":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/partnerships/{HL}/bodies/{SAFER}":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/partnerships/{PK}/bodies/{SAFER}":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    # The evidence API: reading is open to everybody; an unknown partnership or measure,
    # or an area outside the partnership, does not exist. Submitting values is a POST
    # with a partner system's token (tests/api/test_evidence_api.py): GET is not allowed.
    "/api/v1/measures":              (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    # The site search: open to everybody, the public's results for all (a search over
    # 200 characters is refused: on the page with a message, by the API with a 400).
    "/search/":                      (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/search/?q=Highland":           (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/search?q=Highland":     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    # The national comparison of the 32 partnerships: open to everybody; a partnership's
    # local measure is not compared (the page falls back to the first measure).
    "/compare/":                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/compare/?measure={PKLOCAL}&period=2021/22&area={HL}":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/compare/comparison.csv?measure=cpop-child-poverty&period=2021/22":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/compare/comparison.xlsx":      (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/compare/comparison.pdf":       (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/compare/other.csv":            (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    # Every partnership's outcomes profile, with or without a plan: open to everybody.
    "/areas/{HL}/outcomes/":         (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/S12000018/outcomes/":    (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/S99999999/outcomes/":    (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/api/v1/areas/{HL}/outcomes":   (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/areas/S99999999/outcomes":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/api/v1/comparison?measure=cpop-child-poverty&period=2021/22":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/comparison?measure={PKLOCAL}&period=2021/22":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/api/v1/partnerships/{HL}/indicators/cpop-child-poverty":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/partnerships/{HL}/indicators/cpop-child-poverty?area={IZ}":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/partnerships/{HL}/indicators/cpop-child-poverty?area={PKIZ}":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/api/v1/partnerships/S99999999/indicators/cpop-child-poverty":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/api/v1/partnerships/{HL}/indicators/no-such-measure":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    # Another partnership's local indicator is not a measure of this one.
    "/api/v1/partnerships/{HL}/indicators/{PKLOCAL}":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/api/v1/partnerships/{HL}/inequality?measure=cpop-child-poverty":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/partnerships/{HL}/inequality?measure=no-such-measure":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/api/v1/observations":          (NOPE,  NOPE,  NOPE,  NOPE,  NOPE,  NOPE,  NOPE,  NOPE,  NOPE),
    "/api/v1/docs":                  (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/openapi.json":          (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    # django-ninja's root route only works out the docs' path: 404 for everybody.
    "/api/v1/":                      (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    # Accounts (django-allauth): signed-in people are sent on from the sign-in page;
    # signing out asks for confirmation (a POST signs out).
    "/accounts/login/":              (OK,    WORK,  WORK,  WORK,  WORK,  WORK,  WORK,  WORK,  MINE),
    # Sign-up makes a resident's account (never staff): open to visitors; the signed in
    # are sent on as from the sign-in page.
    "/accounts/signup/":             (OK,    WORK,  WORK,  WORK,  WORK,  WORK,  WORK,  WORK,  MINE),
    "/accounts/logout/":             (HOME,  OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/accounts/password/reset/":     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    # Two-factor authentication: anybody signed in, for themselves only.
    "/accounts/2fa/":                (LOGIN, OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    # How to report a vulnerability (RFC 9116) and the policy it points to: public.
    "/.well-known/security.txt":     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/.well-known/security-policy.txt":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    # A person's own email digest setting: anybody signed in, for themselves only.
    "/accounts/digest/":             (LOGIN, OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    # Residents' own pages: the privacy notice is public; the account, its download and
    # deleting it are for residents only (staff are refused, with a page saying their
    # account is their support officer's to manage). Sending the confirmation link again
    # is a POST.
    "/residents/privacy/":           (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    # django-allauth's page for email addresses is replaced: its address sends everybody
    # to the resident's account page (staff are refused there; support officers manage them).
    "/accounts/email/":              (MINE,  MINE,  MINE,  MINE,  MINE,  MINE,  MINE,  MINE,  MINE),
    "/residents/account/":           (LOGIN, DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    "/residents/account/download.json":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    "/residents/account/delete/":    (LOGIN, DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    "/residents/account/confirm-email/":
                                     (NOPE,  NOPE,  NOPE,  NOPE,  NOPE,  NOPE,  NOPE,  NOPE,  NOPE),
    # Workspace: sign-in needed. Your workspace lists what needs you, each item only to
    # those who may act on it in a partnership they hold a role in (every role's items:
    # tests/workspace/test_needs.py). A partnership's home: anyone with a role in it, national
    # readers, site admins. Its people page (emails, i.e. personal data): its support
    # officers and site admins only.
    # A resident holds no role anywhere: the workspace sends them to their account page.
    "/workspace/":                   (LOGIN, OK,    OK,    OK,    OK,    OK,    OK,    OK,    MINE),
    "/workspace/{HL}/":              (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    # Stories of Place in the workspace: anyone with a role reads and writes them
    # (national readers read); residents' proposals and suggested assets are decided, and
    # versions restored, by the support officers and the chair and lead officer of the
    # locality's local partnership only. Beginning a story is a POST.
    "/workspace/{HL}/stories/":      (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/stories/moderation/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/stories/moderation/proposals/{PROPOSAL}/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{PK}/stories/moderation/proposals/{PROPOSAL}/":
                                     (LOGIN, GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/workspace/{HL}/stories/moderation/assets/{ASSET}/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/stories/{HLSTORY}/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{PK}/stories/{PKSTORY}/":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  OK,    OK,    OK,    DENY),
    "/workspace/{HL}/stories/{PKSTORY}/":
                                     (LOGIN, GONE,  GONE,  GONE,  GONE,  DENY,  GONE,  GONE,  DENY),
    "/workspace/{HL}/stories/{HLSTORY}/start/":
                                     (LOGIN, NOPE,  NOPE,  NOPE,  NOPE,  DENY,  DENY,  NOPE,  DENY),
    "/workspace/{HL}/stories/{HLSTORY}/sections/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/stories/{HLSTORY}/sections/{HLSECTION}/edit/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/stories/{HLSTORY}/sections/{HLSECTION}/versions/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/stories/{HLSTORY}/sections/{HLSECTION}/versions/1/restore/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/stories/{HLSTORY}/assets/add/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  DENY,  OK,    DENY),
    # Participatory budgeting: workspace
    # Everybody working in the partnership reads its processes, a process's overview and its
    # results (national readers too); support officers, partner officers and the chair or
    # lead officer of the body that runs a process run it: its settings, proposals, voting
    # codes, paper ballots and delivery (the partner officer leads Safer Highland, which
    # runs HLPB; the board member chairs another body, so may start a process for it but
    # not run this one). Every change is a POST to the page. Another partnership's process
    # does not exist under this code.
    # Resources and prevention: everybody working in the partnership reads the figures
    # (national readers the published ones); a year with no round does not exist.
    "/workspace/{HL}/resources/":    (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/resources/?year=1999/00":
                                     (LOGIN, GONE,  GONE,  GONE,  GONE,  DENY,  GONE,  GONE,  DENY),
    # An outcome's resources in a year, read like the figures; another partnership's outcome
    # (HLRFOREIGN) or a year with no round does not exist here.
    "/workspace/{HL}/resources/{HLYEAR}/outcomes/{HLROUTCOME}/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/resources/{HLYEAR}/outcomes/{HLRFOREIGN}/":
                                     (LOGIN, GONE,  GONE,  GONE,  GONE,  DENY,  GONE,  GONE,  DENY),
    "/workspace/{HL}/resources/1999/outcomes/{HLROUTCOME}/":
                                     (LOGIN, GONE,  GONE,  GONE,  GONE,  DENY,  GONE,  GONE,  DENY),
    # The joint resourcing return: in full for the partnership, published figures for
    # national readers; as .xlsx, .docx or .pdf only.
    "/workspace/{HL}/resources/{HLYEAR}/return.xlsx":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/resources/{HLYEAR}/return.pdf":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/resources/{HLYEAR}/return.docx":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/resources/{HLYEAR}/return.csv":
                                     (LOGIN, GONE,  GONE,  GONE,  GONE,  DENY,  GONE,  GONE,  DENY),
    "/workspace/{HL}/resources/1999/return.xlsx":
                                     (LOGIN, GONE,  GONE,  GONE,  GONE,  DENY,  GONE,  GONE,  DENY),
    # The rounds: everybody working in the partnership reads the list, national readers too;
    # a round's page and partners' lines (lines not for publication included) are for people
    # with a role in the partnership. Support officers open rounds and add joint budgets; a
    # partner officer changes only the lines of the partner they represent (the demo partner
    # officer sits for Police Scotland), a support officer any partner's.
    "/workspace/{HL}/resources/rounds/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/resources/rounds/open/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/resources/{HLYEAR}/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/resources/1999/":
                                     (LOGIN, GONE,  GONE,  GONE,  GONE,  DENY,  DENY,  GONE,  DENY),
    "/workspace/{HL}/resources/{HLYEAR}/partners/{HLRPOLICE}/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/resources/{HLYEAR}/partners/999999/":
                                     (LOGIN, GONE,  GONE,  GONE,  GONE,  DENY,  DENY,  GONE,  DENY),
    "/workspace/{HL}/resources/{HLYEAR}/partners/{HLRPOLICE}/lines/add/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/resources/{HLYEAR}/partners/{HLROTHER}/lines/add/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/resources/{HLYEAR}/partners/{HLRPOLICE}/lines/{HLRLINE}/edit/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/resources/{HLYEAR}/partners/{HLROTHER}/lines/{HLRLINE}/edit/":
                                     (LOGIN, DENY,  DENY,  DENY,  GONE,  DENY,  DENY,  GONE,  DENY),
    "/workspace/{HL}/resources/{HLYEAR}/partners/{HLRPOLICE}/lines/{HLRLINE}/remove/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/resources/{HLYEAR}/partners/{HLRPOLICE}/lines/{HLRLINE}/assets/add/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/resources/{HLYEAR}/partners/{HLRPOLICE}/lines/{HLRLINE}/assets/{HLRASSET}/remove/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/resources/{HLYEAR}/partners/{HLROTHER}/lines/{HLRLINE}/assets/{HLRASSET}/remove/":
                                     (LOGIN, DENY,  DENY,  DENY,  GONE,  DENY,  DENY,  GONE,  DENY),
    "/workspace/{HL}/resources/{HLYEAR}/partners/{HLRPOLICE}/lines/{HLRLINE}/assets/999999/remove/":
                                     (LOGIN, DENY,  DENY,  GONE,  GONE,  DENY,  DENY,  GONE,  DENY),
    "/workspace/{HL}/resources/{HLYEAR}/partners/{HLRPOLICE}/template.xlsx":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/resources/{HLYEAR}/partners/{HLROTHER}/template.xlsx":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/resources/{HLYEAR}/partners/{HLRPOLICE}/upload/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/resources/pools/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/resources/pools/add/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/resources/pools/{HLRPOOL}/edit/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/resources/pools/{HLRPOOL}/remove/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/resources/pools/999999/edit/":
                                     (LOGIN, DENY,  DENY,  DENY,  GONE,  DENY,  DENY,  GONE,  DENY),
    # The prevention plan: read by everybody working in the partnership and national
    # readers; interventions, their years, the trajectory and reviews changed by support
    # officers. A review of a year with none does not exist.
    "/workspace/{HL}/resources/prevention/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/resources/prevention/interventions/add/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/resources/prevention/interventions/{HLINTERVENTION}/edit/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/resources/prevention/interventions/999999/edit/":
                                     (LOGIN, DENY,  DENY,  DENY,  GONE,  DENY,  DENY,  GONE,  DENY),
    "/workspace/{HL}/resources/prevention/interventions/{HLINTERVENTION}/years/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/resources/prevention/trajectory/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/resources/prevention/reviews/{HLREVIEWYEAR}/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/resources/prevention/reviews/1999/":
                                     (LOGIN, GONE,  GONE,  GONE,  GONE,  DENY,  GONE,  GONE,  DENY),
    "/workspace/{HL}/budgets/":      (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/budgets/add/":  (LOGIN, DENY,  OK,    OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/budgets/{HLPB}/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{PK}/budgets/{PKPB}/":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  OK,    OK,    OK,    DENY),
    "/workspace/{PK}/budgets/{HLPB}/":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  GONE,  GONE,  GONE,  DENY),
    "/workspace/{HL}/budgets/{HLPB}/edit/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{PK}/budgets/{PKPB}/edit/":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  OK,    DENY,  OK,    DENY),
    "/workspace/{HL}/budgets/{PKPB}/edit/":
                                     (LOGIN, GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/workspace/{HL}/budgets/{HLPB}/proposals/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{PK}/budgets/{PKPB}/proposals/":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  OK,    DENY,  OK,    DENY),
    "/workspace/{HL}/budgets/{HLPB}/codes/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/budgets/{HLPB}/paper/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/budgets/{HLPB}/results/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{PK}/budgets/{PKPB}/results/":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  OK,    OK,    OK,    DENY),
    "/workspace/{HL}/budgets/{HLPB}/projects/{HLPBPROJECT}/deliver/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    # Only a funded project of the process is delivered: another is not found.
    "/workspace/{HL}/budgets/{HLPB}/projects/{PKPBPROJECT}/deliver/":
                                     (LOGIN, DENY,  DENY,  GONE,  GONE,  DENY,  DENY,  GONE,  DENY),
    "/workspace/{HL}/people/":       (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{PK}/":              (LOGIN, DENY,  DENY,  DENY,  DENY,  OK,    OK,    OK,    DENY),
    # Governance. Reading the structure, partners, localities and bodies: anyone with a
    # role in the partnership, national readers, site admins.
    "/workspace/{HL}/structure/":    (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/partners/":     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/localities/":   (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/bodies/{SAFER}/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/bodies/{PKBODY}/":
                                     (LOGIN, GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    # Who sits where, by name (community representatives may not have agreed to be named
    # publicly): people with a role in the partnership and site admins; not national readers.
    "/workspace/{HL}/members/":      (LOGIN, OK,    OK,    OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/members/{PERSON}/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  DENY,  OK,    DENY),
    # Changing the structure: the partnership's support officers and site admins.
    "/workspace/{HL}/partners/add/": (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/partners/{PARTNER}/edit/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/bodies/add/":   (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/members/add/":  (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/members/{PERSON}/edit/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/localities/add/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    # The partnership's public contact details.
    "/workspace/{HL}/contact/":      (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{PK}/contact/":      (LOGIN, DENY,  DENY,  DENY,  DENY,  OK,    DENY,  OK,    DENY),
    "/workspace/{PK}/localities/{LOCALITY}/edit/":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  OK,    DENY,  OK,    DENY),
    # A body's page and members: support officers, site admins, and the body's own lead
    # officer (the Highland partner officer is Safer Highland's lead officer, not
    # Environment's).
    "/workspace/{HL}/bodies/{SAFER}/edit/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/bodies/{SAFER}/members/add/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/bodies/{SAFER}/members/{MEMBERSHIP}/end/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/bodies/{SAFER}/members/{MEMBERSHIP}/review/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/bodies/{ENVIRONMENT}/edit/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/bodies/{ENVIRONMENT}/members/add/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    # Plans. Reading any version in the workspace: anyone with a role in the partnership,
    # national readers, site admins. Starting plans and defining local indicators: support
    # officers. Changing a draft, agreeing and publishing it: support officers and the
    # owning body's chair or lead officer (the partner officer leads Safer Highland, which
    # owns the draft; the board member chairs the Members Partnership Board, which owns
    # the SOA). A frozen version's edit pages send those people back to the plan.
    "/workspace/{HL}/plans/":        (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/plans/add/":    (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/plans/{DRAFT}/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/plans/{SOA}/":  (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{PK}/plans/{SOA}/":  (LOGIN, GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/workspace/{HL}/plans/{SOA}/compare/{SOA1}/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/plans/{SOA}/compare/{DRAFT}/":
                                     (LOGIN, GONE,  GONE,  GONE,  GONE,  DENY,  GONE,  GONE,  DENY),
    "/workspace/{HL}/plans/{DRAFT}/edit/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/plans/{SOA}/edit/":
                                     (LOGIN, DENY,  FROZEN, DENY, FROZEN, DENY,  DENY,  FROZEN, DENY),
    "/workspace/{HL}/plans/{DRAFT}/agree/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/plans/{DRAFT}/publish/":
                                     (LOGIN, DENY,  DENY,  FROZEN, FROZEN, DENY, DENY,  FROZEN, DENY),
    "/workspace/{HL}/plans/{SOA}/amend/":
                                     (LOGIN, DENY,  OK,    DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/plans/{DRAFT}/outcomes/add/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/plans/{DRAFT}/outcomes/{OUTCOME}/edit/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/plans/{SOA}/outcomes/{OUTCOME}/edit/":
                                     (LOGIN, DENY,  FROZEN, DENY, FROZEN, DENY,  DENY,  FROZEN, DENY),
    "/workspace/{HL}/plans/{DRAFT}/outcomes/{OUTCOME}/remove/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/plans/{DRAFT}/outcomes/{OUTCOME}/indicators/add/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/plans/{DRAFT}/outcomes/{OUTCOME}/commitments/add/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/plans/{DRAFT}/indicators/{INDICATOR}/baseline/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/plans/{DRAFT}/indicators/{INDICATOR}/targets/add/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/plans/{DRAFT}/indicators/{INDICATOR}/inequality/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/plans/{DRAFT}/indicators/{INDICATOR}/remove/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/plans/{DRAFT}/indicators/{INDICATOR}/tolerance/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/plans/{DRAFT}/targets/{TARGET}/remove/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/plans/{DRAFT}/commitments/{COMMITMENT}/edit/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/plans/{DRAFT}/commitments/{COMMITMENT}/remove/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/indicators/":   (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/indicators/add/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/partners/{PARTNER}/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    # The staff outcomes dashboard and indicator pages (drafts included): anyone with a
    # role in the partnership, national readers, site admins. Another partnership's
    # indicator does not exist under this one's code.
    "/workspace/{HL}/performance/":  (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/performance/indicators/{INDICATOR}/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/performance/indicators/{SOAIND}/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{PK}/performance/indicators/{SOAIND}/":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  GONE,  GONE,  GONE,  DENY),
    "/workspace/{HL}/performance/indicators/{INDICATOR}/series.csv":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/performance/indicators/{SOAIND}/communities.xlsx":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/performance/indicators/{SOAIND}/secrets.csv":
                                     (LOGIN, GONE,  GONE,  GONE,  GONE,  DENY,  GONE,  GONE,  DENY),
    # Staff localities and communities pages: as the dashboard (the locality's plans include
    # drafts). Highland's demo has one locality (Lochaber, for the resources' locality
    # budget); Perth and Kinross has five. {LOCALITY} is one of Perth and Kinross's.
    "/workspace/{HL}/performance/places/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/performance/places/poorest.csv":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{PK}/performance/places/localities.xlsx":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  OK,    OK,    OK,    DENY),
    "/workspace/{PK}/performance/localities/{LOCALITY}/":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  OK,    OK,    OK,    DENY),
    "/workspace/{HL}/performance/localities/{LOCALITY}/":
                                     (LOGIN, GONE,  GONE,  GONE,  GONE,  DENY,  GONE,  GONE,  DENY),
    "/workspace/{PK}/performance/localities/{LOCALITY}/measures.xlsx":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  OK,    OK,    OK,    DENY),
    "/workspace/{PK}/performance/localities/{LOCALITY}/measures/cpop-child-poverty/":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  OK,    OK,    OK,    DENY),
    "/workspace/{PK}/performance/localities/{LOCALITY}/measures/no-such-measure/":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  GONE,  GONE,  GONE,  DENY),
    "/workspace/{PK}/performance/localities/{LOCALITY}/measures/cpop-child-poverty/communities.csv":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  OK,    OK,    OK,    DENY),
    # Engagement: everybody working in the partnership reads it (national readers too);
    # support officers, partner officers and the chair or lead officer of the body that ran
    # an activity record it (the partner officer leads Safer Highland, which ran HLACTIVITY;
    # the board member chairs another body, so may add activities for it but not change
    # this one). Residents' responses are read only by those who record the activity.
    "/workspace/{HL}/engagement/":   (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/engagement/add/":
                                     (LOGIN, DENY,  OK,    OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/engagement/{HLACTIVITY}/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{PK}/engagement/{HLACTIVITY}/":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  GONE,  GONE,  GONE,  DENY),
    "/workspace/{HL}/engagement/{HLACTIVITY}/edit/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{PK}/engagement/{HLACTIVITY}/edit/":
                                     (LOGIN, GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/workspace/{HL}/engagement/{HLACTIVITY}/themes/add/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/engagement/{HLACTIVITY}/themes/{HLTHEME}/edit/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/engagement/{HLACTIVITY}/themes/{HLTHEME}/we-did/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/engagement/{HLDRAFT}/themes/{HLTHEME}/we-did/":
                                     (LOGIN, DENY,  DENY,  GONE,  GONE,  DENY,  DENY,  GONE,  DENY),
    "/workspace/{HL}/engagement/{HLACTIVITY}/responses/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/engagement/{HLACTIVITY}/summary/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/engagement/{HLPS}/place-standard/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/engagement/{HLPS}/place-standard/upload/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    # Published engagement is public; drafts and other partnerships' do not exist there. Only
    # a verified resident responds, to an open consultation (others are sent back to it).
    "/areas/{PK}/engagement/":       (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{PK}/engagement/{PKACTIVITY}/":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{HL}/engagement/{PKACTIVITY}/":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{HL}/engagement/{HLDRAFT}/":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{PK}/engagement/{PKOPEN}/respond/":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    "/areas/{PK}/engagement/{PKACTIVITY}/respond/":
                                     (LOGIN, BACK,  BACK,  BACK,  BACK,  BACK,  BACK,  BACK,  BACK),
    "/areas/{PK}/place-standard/{PKPS}/":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/areas/{HL}/place-standard/{PKPS}/":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/areas/{HL}/place-standard/{HLPSEX}/":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/api/v1/partnerships/{PK}/engagement":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/partnerships/{PK}/engagement/{PKACTIVITY}":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/partnerships/{HL}/engagement/{HLDRAFT}":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "/api/v1/partnerships/{PK}/place-standard/{PKPS}":
                                     (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "/api/v1/partnerships/{HL}/place-standard/{HLPSEX}":
                                     (GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    # Improvement actions and recommendations: everybody working in the partnership reads
    # them (national readers too); support officers, partner officers and lead officers of
    # its bodies record actions and progress; support officers record recommendations.
    "/workspace/{HL}/actions/":      (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/actions/add/":  (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/actions/{ACTION}/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{PK}/actions/{ACTION}/":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  GONE,  GONE,  GONE,  DENY),
    "/workspace/{HL}/actions/{ACTION}/edit/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/actions/{ACTION}/progress/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/recommendations/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/recommendations/add/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    # Meetings: everybody working in the partnership reads them; a body's meetings are run
    # by its chair or lead officer and the support officers (the board member chairs the
    # Members Partnership Board, the partner officer leads Safer Highland: neither runs
    # the Chief Officers Group's); draft and confidential papers are for the body's members
    # and those who run its meetings; support and partner officers record partners' own
    # decisions.
    "/workspace/{HL}/meetings/":     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/meetings/add/": (LOGIN, DENY,  OK,    OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/meetings/{MEETING}/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{PK}/meetings/{MEETING}/":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  GONE,  GONE,  GONE,  DENY),
    # The staff agenda pack holds draft papers only for those who may see drafts.
    "/workspace/{HL}/meetings/{MEETING}/pack.pdf":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/meetings/{MEETING}/pack.docx":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/meetings/{MEETING}/pack.txt":
                                     (LOGIN, GONE,  GONE,  GONE,  GONE,  DENY,  GONE,  GONE,  DENY),
    "/workspace/{HL}/meetings/{MEETING}/edit/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/meetings/{MEETING}/agenda/add/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/meetings/{MEETING}/papers/add/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/meetings/{MEETING}/papers/{DRAFTPAPER}/publish/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/meetings/{MEETING}/papers/{DRAFTPAPER}/download/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    # A confidential paper, published, is still for the body's members only.
    "/workspace/{HL}/meetings/{MEETING}/papers/{CONFPAPER}/download/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/meetings/{MEETING}/papers/{PUBPAPER}/download/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    # The exception report: those who run the meetings issue it; before it is issued it
    # is a draft for the body's members (the board member does not sit on the Chief
    # Officers Group, but is an ordinary member of Environment, whose MEMBERMEETING is).
    "/workspace/{HL}/meetings/{MEETING}/exception-report/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/meetings/{MEMBERMEETING}/exception-report/":
                                     (LOGIN, DENY,  OK,    DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/meetings/{MEETING}/attendance/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/meetings/{MEETING}/decisions/add/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/meetings/{MEETING}/minutes/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/meetings/{MEETING}/minutes/approve/":
                                     (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    # A partner's one accountability page; under another partnership it does not exist.
    "/workspace/{PK}/partners/{PARTNER}/":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  GONE,  GONE,  GONE,  DENY),
    "/workspace/{HL}/partner-decisions/{PDECISION}/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    # The challenge log: everybody working in the partnership reads it; people who sit on
    # its bodies and support officers raise challenges; partner officers answer for a
    # challenged partner (the demo's open challenge is to Police Scotland, from the Members
    # Partnership Board, which the board member chairs); accepting or escalating applies
    # only to an answered challenge, so the people allowed to are sent back to it.
    "/workspace/{HL}/challenges/":   (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{HL}/challenges/add/":
                                     (LOGIN, DENY,  OK,    OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/challenges/{CHALLENGE}/":
                                     (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK,    DENY),
    "/workspace/{PK}/challenges/{CHALLENGE}/":
                                     (LOGIN, DENY,  DENY,  DENY,  DENY,  GONE,  GONE,  GONE,  DENY),
    "/workspace/{HL}/challenges/{CHALLENGE}/answer/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/challenges/{CHALLENGE}/accept/":
                                     (LOGIN, DENY,  BACK,  DENY,  BACK,  DENY,  DENY,  BACK,  DENY),
    "/workspace/{HL}/challenges/{CHALLENGE}/escalate/":
                                     (LOGIN, DENY,  BACK,  DENY,  BACK,  DENY,  DENY,  BACK,  DENY),
    # Importing data: the partnership's support officers and partner officers, the lead
    # officer of any of its bodies (the partner officer leads Safer Highland), site admins;
    # not national readers. Another partnership's import does not exist under this code.
    "/workspace/{HL}/data/":         (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{PK}/data/":         (LOGIN, DENY,  DENY,  DENY,  DENY,  OK,    DENY,  OK,    DENY),
    "/workspace/{HL}/data/template.csv?measure=cpop-child-poverty":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/data/template.xlsx?measure=cpop-child-poverty":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/data/template.csv?measure=no-such-measure":
                                     (LOGIN, DENY,  DENY,  GONE,  GONE,  DENY,  DENY,  GONE,  DENY),
    "/workspace/{HL}/data/template.pdf?measure=cpop-child-poverty":
                                     (LOGIN, DENY,  DENY,  GONE,  GONE,  DENY,  DENY,  GONE,  DENY),
    # The batch page holds the confirmation (a POST to the same URL).
    "/workspace/{HL}/data/imports/{BATCH}/":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/data/imports/{PKBATCH}/":
                                     (LOGIN, DENY,  DENY,  GONE,  GONE,  DENY,  DENY,  GONE,  DENY),
    "/workspace/{HL}/data/imports/{BATCH}/progress.json":
                                     (LOGIN, DENY,  DENY,  OK,    OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/data/imports/{PKBATCH}/progress.json":
                                     (LOGIN, DENY,  DENY,  GONE,  GONE,  DENY,  DENY,  GONE,  DENY),
    # Partner systems' API tokens: support officers and site admins. Making one is a POST
    # to the list page; revoking is POST only (GET is not allowed to those who may).
    "/workspace/{HL}/data/tokens/":  (LOGIN, DENY,  DENY,  DENY,  OK,    DENY,  DENY,  OK,    DENY),
    "/workspace/{HL}/data/tokens/{TOKEN}/revoke/":
                                     (LOGIN, DENY,  DENY,  DENY,  NOPE,  DENY,  DENY,  NOPE,  DENY),
    # Django admin: site admins only; everyone else is sent to the admin's sign-in page.
    "/admin/":                       (ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, OK, ADMIN),
    # The admin's sign-in page sends people to the one sign-in; signed in, only site
    # admins get past it.
    "/admin/login/":                 (SIGNIN, DENY, DENY,  DENY,  DENY,  DENY,  DENY,  ADMINHOME, DENY),
    # The security event log: site admins only, read-only.
    "/admin/accounts/securityevent/":
                                     (EVENTS, EVENTS, EVENTS, EVENTS, EVENTS, EVENTS, EVENTS, OK, EVENTS),
}
# fmt: on
POLICY = {
    url.replace("{HL}", HIGHLAND)
    .replace("{PK}", PERTH)
    .replace("{IZ}", HIGHLAND_IZ)
    .replace("{PKIZ}", PERTH_IZ): outcomes
    for url, outcomes in _POLICY.items()
}


def _objects():
    """The demo records the policy's URLs name (tests/conftest.py loads the demo)."""
    safer = Body.objects.get(partnership__council_area__code=HIGHLAND, name="Safer Highland")
    soa = Plan.objects.get(
        partnership__council_area__code=HIGHLAND, kind=Plan.Kind.LOIP, status="published"
    )
    draft = Plan.objects.get(owning_body=safer, status="draft", is_demo=True)
    return {
        "SAFER": safer.pk,
        "ENVIRONMENT": Body.objects.get(
            partnership__council_area__code=HIGHLAND, name="Environment"
        ).pk,
        "PKBODY": Body.objects.filter(partnership__council_area__code=PERTH).first().pk,
        "MEMBERSHIP": safer.memberships.filter(role="member").first().pk,
        "PERSON": Person.objects.filter(partnership__council_area__code=HIGHLAND).first().pk,
        "PARTNER": Partner.objects.filter(partnership__council_area__code=HIGHLAND).first().pk,
        "LOCALITY": Locality.objects.filter(partnership__council_area__code=PERTH).first().pk,
        "ACTION": ImprovementAction.objects.filter(
            partnership__council_area__code=HIGHLAND, status=ActionStatus.AT_RISK
        )
        .first()
        .pk,
        "SOA": soa.pk,
        "SOA1": Plan.objects.get(series=soa.series, version=1).pk,
        "DRAFT": draft.pk,
        "OUTCOME": draft.outcomes.filter(parent__isnull=False).first().pk,
        "INDICATOR": OutcomeIndicator.objects.filter(outcome__plan=draft).first().pk,
        "TARGET": Target.objects.filter(indicator__outcome__plan=draft).first().pk,
        "COMMITMENT": Commitment.objects.filter(outcome__plan=draft).first().pk,
        "SOAIND": OutcomeIndicator.objects.filter(outcome__plan=soa).order_by("pk").first().pk,
        "SOA1IND": OutcomeIndicator.objects.filter(
            outcome__plan__series=soa.series, outcome__plan__version=1
        )
        .order_by("pk")
        .first()
        .pk,
        "AGREEDIND": _agreed_indicator(draft),
        "PKLOCAL": _perth_local_measure(),
        **_performance_records(),
        **_meeting_records(),
        **_story_records(),
        **_engagement_records(),
        **_budget_workspace_records(),
        **_budget_records(),
        **_resource_return_records(),
    }


def _resource_return_records() -> dict:
    """A Highland resourcing round made in the test's own transaction, with a line."""
    highland = Partnership.objects.get(council_area__code=HIGHLAND)
    round = resource_services.round_open(
        partnership=highland,
        year=2030,
        due=datetime.date(2030, 6, 30),
        request="Policy test round.",
        user=None,
    )
    police = Partner.objects.get(partnership=highland, organisation__name="Police Scotland")
    outcome = Plan.objects.filter(partnership=highland).first().outcomes.first()
    line = resource_services.line_save(
        round=round,
        partner=police,
        user=None,
        title="Policy test line",
        outcome=outcome,
        budget=Decimal("10.00"),
        not_preventative=100,
    )
    asset = resource_services.asset_save(
        line=line, user=None, kind="in_kind", description="Policy test asset"
    )
    pool = resource_services.pool_save(
        partnership=highland, name="Policy test joint budget", kind="prevention"
    )
    other = Partner.objects.filter(partnership=highland).exclude(pk=police.pk).first()
    intervention = resource_services.intervention_save(
        partnership=highland,
        title="Policy test intervention",
        kind="programme",
        level="primary",
        demand="Policy test demand.",
    )
    review = resource_services.review_draft(partnership=highland, year=2030)
    return {
        "HLYEAR": round.year,
        "HLRPOLICE": police.pk,
        "HLROTHER": other.pk,
        "HLRLINE": line.pk,
        "HLRASSET": asset.pk,
        "HLRPOOL": pool.pk,
        "HLROUTCOME": outcome.pk,
        "HLRFOREIGN": OutcomeFactory().pk,  # of another (fictional) partnership
        "HLINTERVENTION": intervention.pk,
        "HLREVIEWYEAR": review.year,
    }


def _story_records() -> dict:
    """Perth City's demo story, and a Highland story begun in the test's own transaction
    with a version, a pending proposal and a suggested asset by the demo resident."""
    perth_city = Story.objects.get(
        locality__partnership__council_area__code=PERTH, locality__name="Perth City"
    )
    locality = LocalityFactory(
        partnership=Partnership.objects.get(council_area__code=HIGHLAND),
        communities=[Area.objects.get(code=HIGHLAND_IZ)],
    )
    story = story_services.story_start(locality=locality)
    section = story.sections.get(evidence="health")
    officer = User.objects.get(email=ROLE_EMAILS["support_officer"])
    resident = User.objects.get(email=ROLE_EMAILS["resident"])
    story_services.section_write(section=section, text="Version one.", user=officer)
    story_services.section_write(section=section, text="Version two.", user=officer)
    proposal = story_services.proposal_make(section=section, text="Pending.", user=resident)
    asset = story_services.asset_propose(
        story=story,
        user=resident,
        community=locality.communities.get(),
        category="building",
        name="A hall (policy test)",
    )
    return {
        "PKSTORY": perth_city.locality_id,
        "PKSECTION": perth_city.sections.get(evidence="learning").pk,
        "HLSTORY": locality.pk,
        "HLSECTION": section.pk,
        "PROPOSAL": proposal.pk,
        "ASSET": asset.pk,
    }


def _engagement_records() -> dict:
    """Highland activities made in the test's own transaction (one published by Safer
    Highland with a theme, a draft, and a draft Place Standard exercise for a community),
    and the Perth and Kinross demo's: a closed activity, the open consultation and the
    latest Perth City Place Standard exercise."""
    highland = Partnership.objects.get(council_area__code=HIGHLAND)
    safer = Body.objects.get(partnership=highland, name="Safer Highland")

    def activity(**fields):
        fields = {"kind": Activity.Kind.CONSULTATION, **fields}
        return engagement_services.activity_save(
            activity=Activity(
                partnership=highland,
                body=safer,
                title=f"Policy test {fields['kind']}",
                purpose="To test access.",
                who_asked="Policy testers.",
                method="A test.",
                starts_on=datetime.date(2026, 1, 5),
                ends_on=datetime.date(2026, 2, 27),
                **fields,
            )
        )

    published = activity(status=Activity.Status.PUBLISHED, takes_responses=True)
    theme = engagement_services.theme_save(
        theme=Theme(activity=published, title="Policy test theme", said="Said.", raised_by=3)
    )
    draft = activity()
    place_standard = activity(kind=Activity.Kind.PLACE_STANDARD)
    exercise = engagement_services.place_standard_summary_save(
        activity=place_standard,
        community=Area.objects.get(code=HIGHLAND_IZ),
        scores={key: (4, 10) for key, _ in PLACE_STANDARD_THEMES},
    )
    perth = Activity.objects.filter(partnership__council_area__code=PERTH, is_demo=True)
    return {
        "HLACTIVITY": published.pk,
        "HLTHEME": theme.pk,
        "HLDRAFT": draft.pk,
        "HLPS": place_standard.pk,
        "HLPSEX": exercise.pk,
        "PKACTIVITY": perth.filter(takes_responses=False, themes__isnull=False).first().pk,
        "PKOPEN": perth.get(takes_responses=True).pk,
        "PKPS": PlaceStandardExercise.objects.filter(activity__in=perth)
        .order_by("-activity__ends_on")
        .first()
        .pk,
    }


def _budget_workspace_records() -> dict:
    """Participatory budgeting processes made in the test's own transaction through the
    budgets services, dated back from today: a Highland one run by Safer Highland with a
    project entered for a group, reviewed, voted for on paper and funded (results
    published), and a Perth and Kinross one taking proposals, with a project of its own."""
    today = timezone.localdate()

    def day(days: int) -> datetime.date:
        return today + datetime.timedelta(days=days)

    officer = User.objects.get(email=ROLE_EMAILS["support_officer"])
    highland = Partnership.objects.get(council_area__code=HIGHLAND)
    voted = budget_services.process_save(
        process=BudgetProcess(
            partnership=highland,
            body=Body.objects.get(partnership=highland, name="Safer Highland"),
            title="Policy test vote",
            purpose="To test access.",
            budget=1000,
            proposals_open=day(-120),
            proposals_close=day(-90),
            voting_open=day(-60),
            voting_close=day(-30),
            codes_vote=True,
            status=BudgetProcess.Status.PUBLISHED,
        ),
        today=day(-130),
    )
    funded = budget_services.project_enter(
        process=voted,
        user=officer,
        title="Policy test project",
        description="A project to test access.",
        cost=500,
        on_behalf_of="Policy testers",
        today=day(-100),
    )
    funded = budget_services.project_review(
        project=funded, feasibility="feasible", reason="It can be done.", today=day(-80)
    )
    budget_services.paper_enter(
        process=voted, projects=[funded], count=3, event="Policy test", user=None, today=day(-40)
    )
    budget_services.results_publish(process=voted, user=None, today=today)
    perth = budget_services.process_save(
        process=BudgetProcess(
            partnership=Partnership.objects.get(council_area__code=PERTH),
            title="Policy test vote (Perth and Kinross)",
            purpose="To test access.",
            budget=1000,
            proposals_open=day(-10),
            proposals_close=day(10),
            voting_open=day(30),
            voting_close=day(60),
        ),
        today=today,
    )
    entered = budget_services.project_enter(
        process=perth,
        user=None,
        title="Policy test project (Perth and Kinross)",
        description="A project to test access.",
        cost=100,
        on_behalf_of="Policy testers",
        today=today,
    )
    return {
        "HLPB": voted.pk,
        "HLPBPROJECT": funded.pk,
        "PKPB": perth.pk,
        "PKPBPROJECT": entered.pk,
    }


def _budget_records() -> dict:
    """Perth and Kinross participatory budgeting processes made in the test's own
    transaction: one with published results, one in voting (by account and by code), one
    taking proposals, and a draft."""
    perth = Partnership.objects.get(council_area__code=PERTH)
    today = timezone.localdate()
    day = datetime.timedelta(days=1)

    def process(title, *, proposals_open, status=BudgetProcess.Status.PUBLISHED, codes_vote=True):
        return budget_services.process_save(
            process=BudgetProcess(
                partnership=perth,
                title=f"Policy test {title}",
                purpose="To test access.",
                budget=1000,
                proposals_open=proposals_open,
                proposals_close=proposals_open + 10 * day,
                voting_open=proposals_open + 20 * day,
                voting_close=proposals_open + 30 * day,
                codes_vote=codes_vote,
                status=status,
            ),
            today=proposals_open - day,
        )

    published = process("results", proposals_open=today - 60 * day)
    project = budget_services.project_enter(
        process=published,
        user=None,
        title="Policy test project",
        description="To test access.",
        cost=500,
        on_behalf_of="Policy testers",
        today=published.proposals_close,
    )
    project = budget_services.project_review(
        project=project,
        feasibility="feasible",
        reason="Can be done.",
        today=published.proposals_close,
    )
    budget_services.paper_enter(
        process=published,
        projects=[project],
        count=3,
        event="Policy test",
        user=None,
        today=published.voting_close,
    )
    budget_services.results_publish(process=published, user=None, today=today)
    return {
        "PUBPB": published.pk,
        "PUBPBVOTING": process("voting", proposals_open=today - 25 * day).pk,
        "PUBPBPROPOSALS": process("proposals", proposals_open=today - 2 * day).pk,
        "PUBPBDRAFT": process(
            "draft", proposals_open=today - 25 * day, status=BudgetProcess.Status.DRAFT
        ).pk,
    }


def _agreed_indicator(draft: Plan) -> int:
    """An indicator of an agreed (not yet published) Highland plan, made for the test by
    the body that owns the demo draft and agreed in the test's own transaction."""
    plan = plan_services.plan_save(
        plan=Plan(
            partnership=draft.partnership,
            owning_body=draft.owning_body,
            kind=draft.kind,
            title="Agreed, not yet published (policy test)",
            period_start=draft.period_start,
            period_end=draft.period_end,
        )
    )
    outcome = plan_services.outcome_save(outcome=Outcome(plan=plan, statement="Agreed outcome"))
    indicator = plan_services.indicator_add(
        outcome=outcome,
        measure=Measure.objects.get(code="cpop-child-poverty"),
        area=draft.partnership.council_area,
    )
    plan_services.plan_agree(plan=plan, agreed_by=draft.owning_body, agreed_on=timezone.localdate())
    return indicator.pk


def _perth_local_measure() -> str:
    """The code of a local indicator of Perth and Kinross (made for the test)."""
    measure, _ = Measure.objects.get_or_create(
        code="pk-policy-local-indicator",
        defaults={
            "name": "Perth policy-test local indicator",
            "definition": "A local indicator made for the access policy test.",
            "unit": "%",
            "higher_is_better": True,
            "source": "Policy test",
            "collection": Measure.Collection.LOCAL,
            "levels": ["council_area"],
            "partnership": Partnership.objects.get(council_area__code=PERTH),
        },
    )
    return measure.code


def _meeting_records() -> dict:
    """The Chief Officers Group's latest held demo meeting (draft minutes) with a
    published, a draft and a published confidential paper, each with a PDF, made in the
    test's own transaction; and a partner decision still to be recorded."""
    meeting = (
        Meeting.objects.filter(
            body__partnership__council_area__code=HIGHLAND,
            is_demo=True,
            minutes_status=Meeting.MinutesStatus.DRAFT,
        )
        .order_by("-starts_at")
        .first()
    )
    papers = {}
    for key, title in (
        ("PUBPAPER", "Policy test paper"),
        ("DRAFTPAPER", "Policy test draft"),
        ("CONFPAPER", "Policy test confidential paper"),
    ):
        paper = meeting_services.paper_add(
            meeting=meeting,
            title=title,
            author="Policy test",
            purpose="To test access.",
            upload=SimpleUploadedFile("policy.pdf", real_pdf()),
            is_confidential=key == "CONFPAPER",
        )
        if key != "DRAFTPAPER":
            meeting_services.paper_publish(paper=paper)
        papers[key] = paper.pk
    pending = PartnerDecision.objects.filter(
        decision__meeting__body__partnership__council_area__code=HIGHLAND,
        taken_on__isnull=True,
    ).first()
    challenge = Challenge.objects.get(
        partnership__council_area__code=HIGHLAND, is_demo=True, status=Challenge.Status.OPEN
    )
    return {
        "MEETING": meeting.pk,
        "MEMBERMEETING": _member_meeting(),
        "PDECISION": pending.pk,
        "CHALLENGE": challenge.pk,
        **papers,
    }


def _member_meeting() -> int:
    """A meeting of Environment, on which the board member is given an ordinary seat (not
    chair or lead officer: one who reads its drafts but does not run its meetings)."""
    environment = Body.objects.get(partnership__council_area__code=HIGHLAND, name="Environment")
    person = Person.objects.get(user__email=ROLE_EMAILS["board_member"])
    today = timezone.localdate()
    membership_add(
        body=environment,
        person=person,
        role=Membership.MemberRole.MEMBER,
        category=Membership.Category.ELECTED,
        start=today,
    )
    meeting = meeting_services.meeting_save(
        meeting=Meeting(
            body=environment,
            starts_at=timezone.now() + datetime.timedelta(days=14),
            place="Policy test",
        )
    )
    return meeting.pk


def _performance_records() -> dict:
    """An import batch of Highland and one of Perth and Kinross, and an API token of a
    Highland partner, made in the test's own transaction."""
    batches = {}
    for key, code in (("BATCH", HIGHLAND), ("PKBATCH", PERTH)):
        batches[key] = ImportBatch.objects.create(
            partnership=Partnership.objects.get(council_area__code=code),
            filename="policy-test.csv",
            status=ImportBatch.Status.CHECKED,
        ).pk
    token, _ = api_token_create(
        partner=Partner.objects.filter(partnership__council_area__code=HIGHLAND).first(),
        name="Policy test system",
        user=None,
    )
    return {**batches, "TOKEN": token.pk}


OBJECT_KEYS = (
    "HLACTIVITY", "HLTHEME", "HLDRAFT", "HLPSEX", "HLPS", "PKACTIVITY", "PKOPEN", "PKPS",
    "ACTION", "MEETING", "MEMBERMEETING", "DRAFTPAPER", "PUBPAPER", "CONFPAPER", "PDECISION",
    "CHALLENGE",
    "SAFER", "ENVIRONMENT", "PKBODY", "MEMBERSHIP", "PERSON", "PARTNER", "LOCALITY",
    "SOA1IND", "SOAIND", "SOA1", "SOA", "DRAFT", "OUTCOME", "INDICATOR", "TARGET", "COMMITMENT",
    "AGREEDIND", "PKLOCAL", "PKBATCH", "BATCH", "TOKEN",
    "PKSTORY", "PKSECTION", "HLSTORY", "HLSECTION", "PROPOSAL", "ASSET",
    "HLPBPROJECT", "HLPB", "PKPBPROJECT", "PKPB",
    "PUBPBVOTING", "PUBPBPROPOSALS", "PUBPBDRAFT", "PUBPB", "HLYEAR", "HLRPOLICE", "HLROTHER", "HLRLINE",
    "HLINTERVENTION", "HLREVIEWYEAR", "HLRASSET", "HLRPOOL", "HLROUTCOME", "HLRFOREIGN",
)  # fmt: skip


def concrete(url: str, objects: dict | None = None) -> str:
    """The URL with its demo-record placeholders filled in (with 1, or a year for a year,
    when only its shape matters, for resolving it)."""
    for key in OBJECT_KEYS:
        shape = 2026 if key.endswith("YEAR") else 1
        url = url.replace(f"{{{key}}}", str(objects[key] if objects else shape))
    return url


ROWS = [pytest.param(url, outcomes, id=url) for url, outcomes in POLICY.items()]

# Demo accounts (tests/conftest.py loads the demo once per run) standing for each role.
ROLE_EMAILS = {
    "community_member": demo_email("highland", "community_member"),
    "board_member": demo_email("highland", "board_member"),
    "partner_officer": demo_email("highland", "partner_officer"),
    "support_officer": demo_email("highland", "support_officer"),
    "other_support_officer": demo_email("perth", "support_officer"),
    "national_reader": f"national.reader@{DEMO_DOMAIN}",
    "site_admin": f"site.admin@{DEMO_DOMAIN}",
    "resident": DEMO_RESIDENT_EMAIL,
}


def _sign_in(client, role):
    """Sign ``client`` in as someone holding ``role`` (nobody for ``anonymous``)."""
    if role == "anonymous":
        return None
    user = User.objects.get(email=ROLE_EMAILS[role])
    client.force_login(user)
    return user


@pytest.fixture
def sign_in_as(client, db):
    """Sign the test client in as someone holding ``role`` (nobody for ``anonymous``)."""
    return lambda role: _sign_in(client, role)


def assert_outcome(response, url, outcome):
    location = response.headers.get("Location")
    if outcome == OK:
        assert response.status_code == 200, location
    elif outcome == LOGIN:
        assert response.status_code == 302
        target = urlsplit(location)
        assert target.path == "/accounts/login/"
        assert parse_qs(target.query) == {"next": [url]}
    elif outcome == DENY:
        assert response.status_code == 403
    elif outcome == GONE:
        assert response.status_code == 404
    elif outcome == NOPE:
        assert response.status_code == 405
    elif outcome == BACK:
        assert response.status_code == 302
        assert location == url.rstrip("/").rsplit("/", 1)[0] + "/"
    elif outcome == FROZEN:
        assert response.status_code == 302
        plan_page = url.split("/plans/")[0] + "/plans/" + url.split("/plans/")[1].split("/")[0]
        assert location == plan_page + "/"
    elif outcome.startswith("redirect:"):
        assert response.status_code == 302
        assert location == outcome.removeprefix("redirect:")
    else:  # pragma: no cover - a typo in the table
        raise AssertionError(f"Unknown outcome {outcome!r}")


def test_policy_table_is_well_formed():
    known = {
        OK,
        LOGIN,
        DENY,
        GONE,
        WORK,
        MINE,
        HOME,
        ADMIN,
        SIGNIN,
        EVENTS,
        ADMINHOME,
        FROZEN,
        NOPE,
        BACK,
    }
    for url, outcomes in POLICY.items():
        assert len(outcomes) == len(ROLES), url
        assert set(outcomes) <= known, url
        resolve(urlsplit(concrete(url)).path)  # every URL in the table exists


def test_the_community_is_a_real_highland_intermediate_zone():
    with (settings.DATA_DIR / "geography" / "data_zones_2011.csv").open(newline="") as rows:
        councils = {
            row["council_area_code"]
            for row in csv.DictReader(rows)
            if row["intermediate_zone_code"] == HIGHLAND_IZ
        }
    assert councils == {HIGHLAND}


def test_the_perth_community_is_a_real_perth_and_kinross_intermediate_zone():
    with (settings.DATA_DIR / "geography" / "data_zones_2011.csv").open(newline="") as rows:
        councils = {
            row["council_area_code"]
            for row in csv.DictReader(rows)
            if row["intermediate_zone_code"] == PERTH_IZ
        }
    assert councils == {PERTH}


def test_role_users_hold_the_roles_they_stand_for(db):
    """The policy is only meaningful if each stand-in user really has that role."""
    for role, email in ROLE_EMAILS.items():
        user = User.objects.get(email=email)
        grants = set(user.partnership_roles.values_list("partnership__council_area__code", "role"))
        if role == "national_reader":
            assert user.is_national_reader and not user.is_superuser and not grants
        elif role == "site_admin":
            assert user.is_superuser and user.is_staff and not grants
        elif role == "resident":
            assert user.resident and not grants
            assert not (user.is_superuser or user.is_staff or user.is_national_reader)
        elif role == "other_support_officer":
            assert grants == {(PERTH, "support_officer")}
        else:
            assert grants == {(HIGHLAND, role)}
            assert not (user.is_superuser or user.is_staff or user.is_national_reader)


def _cell(url, role, outcome) -> str | None:
    """Ask for ``url`` as ``role`` with a new client; what is wrong with the answer, if
    anything."""
    client = Client()
    _sign_in(client, role)
    try:
        response = client.get(url)
    except Exception as error:  # noqa: BLE001 - a crash is a wrong cell, reported with the rest
        return f"expected {outcome}, got {type(error).__name__}: {error}"
    try:
        assert_outcome(response, url, outcome)
    except AssertionError:
        location = response.headers.get("Location")
        got = f"{response.status_code}" + (f" to {location}" if location else "")
        return f"expected {outcome}, got {got}"
    return None


# On PostgreSQL (the suite's second run in CI) a row checks one role for each different
# answer the row expects, the one that sees most first: every kind of answer the URL gives
# (a page, a refusal, the sign-in, a 404...) is still asked of PostgreSQL, and the run on
# SQLite checks every cell. Who may do what is decided by the rules in Python, the same on
# both databases; what PostgreSQL adds is its own queries, which a page runs in full for
# the role that sees most of it (docs/architecture.md, "Tests").
MOST_SEEN_FIRST = (
    "support_officer",
    "site_admin",
    "board_member",
    "partner_officer",
    "national_reader",
    "other_support_officer",
    "community_member",
    "resident",
    "anonymous",
)


def cells_to_check(outcomes, vendor: str) -> list[tuple[str, str]]:
    """(role, expected outcome) of the cells a row checks on the database ``vendor``."""
    cells = list(zip(ROLES, outcomes, strict=True))
    if vendor != "postgresql":
        return cells
    chosen = {}
    for role in MOST_SEEN_FIRST:
        chosen.setdefault(dict(cells)[role], role)
    return [(role, outcome) for role, outcome in cells if chosen[outcome] == role]


def test_on_postgresql_a_row_checks_each_kind_of_answer_once_for_the_role_seeing_most():
    row = (OK, DENY, OK, OK, OK, GONE, LOGIN, OK, DENY)
    assert cells_to_check(row, "sqlite") == list(zip(ROLES, row, strict=True))
    assert cells_to_check(row, "postgresql") == [
        ("community_member", DENY),
        ("support_officer", OK),
        ("other_support_officer", GONE),
        ("national_reader", LOGIN),
    ]
    assert len(cells_to_check((OK,) * len(ROLES), "postgresql")) == 1


def check_row(url, outcomes) -> None:
    """Every role's cell of one row (on PostgreSQL, ``cells_to_check``'s). The demo
    records the URL names are made once; each cell then runs in a savepoint rolled back
    after it, with an empty cache and a client of its own, so it sees what a test of its
    own would, whatever the cells before it did. Fails naming every wrong cell."""
    url = concrete(url, _objects())
    wrong = []
    for role, outcome in cells_to_check(outcomes, connection.vendor):
        with transaction.atomic():
            cache.clear()
            problem = _cell(url, role, outcome)
            transaction.set_rollback(True)
        if problem:
            wrong.append(f"{url} as {role}: {problem}")
    assert not wrong, f"{len(wrong)} wrong cell(s):\n" + "\n".join(wrong)


@pytest.mark.parametrize(("url", "outcomes"), ROWS)
def test_policy(worker_checked_in, url, outcomes):
    check_row(url, outcomes)


def test_a_wrong_cell_fails_its_row_naming_url_role_expected_and_got(worker_checked_in):
    """Three cells made wrong on purpose: all three are reported, not just the first."""
    outcomes = (OK, DENY, OK, OK, GONE, OK, LOGIN, OK, OK)  # /health/ is open to everybody
    with pytest.raises(AssertionError) as failure:
        check_row("/health/", outcomes)
    message = str(failure.value)
    assert "3 wrong cell(s)" in message
    assert "/health/ as community_member: expected forbidden, got 200" in message
    assert "/health/ as support_officer: expected not_found, got 200" in message
    assert "/health/ as national_reader: expected login, got 200" in message


# --- Completeness: every URL the project serves needs a row in the table. ---

# Namespaces (or, for un-namespaced routes, the view's module) that are the project's own.
PROJECT_NAMESPACES = {"public", "partnerships", "plans", "api-v1"}
PROJECT_MODULE_PREFIX = "placeplan."
# Third-party URLs the policy must still decide on; the rest of allauth (the other views
# need a session or a key) and the admin's internal pages
# are theirs to guard.
REQUIRED_THIRD_PARTY = {
    "account_login",
    "account_logout",
    "account_reset_password",
    "account_signup",
    "admin:index",
}


def _walk(patterns, namespaces=()):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield namespaces, pattern


def _policy_names():
    names = set()
    for namespaces, pattern in _walk(get_resolver().url_patterns):
        view_module = getattr(pattern.callback, "__module__", "") or ""
        name = ":".join((*namespaces, pattern.name)) if pattern.name else None
        if namespaces and namespaces[0] == "admin":
            if name == "admin:index":
                names.add(name)
            continue
        if name in REQUIRED_THIRD_PARTY:
            names.add(name)
            continue
        ours = (namespaces and namespaces[0] in PROJECT_NAMESPACES) or view_module.startswith(
            PROJECT_MODULE_PREFIX
        )
        if not ours:
            continue  # allauth's other views, static files, ...
        assert name, f"URL pattern {pattern.pattern} ({view_module}) has no name"
        names.add(name)
    return names


def test_every_project_url_has_a_policy():
    covered = {resolve(urlsplit(concrete(url)).path).view_name for url in POLICY}
    required = _policy_names()
    # Sanity: the walk found the project's URLs and the ones named in the brief.
    assert {"public:home", "governance:people", "api-v1:area_detail", "health"} <= required
    missing = required - covered
    assert not missing, (
        f"URLs without a row in POLICY: {sorted(missing)}. Decide who may open them and "
        "add a row to tests/test_permissions.py."
    )


# --- What the pages show: personal data only where the policy allows it. ---


def test_people_page_shows_emails_to_the_support_officer(client, sign_in_as):
    sign_in_as("support_officer")
    response = client.get(f"/workspace/{HIGHLAND}/people/")
    assert response.status_code == 200
    content = response.content.decode()
    for role in ("community_member", "board_member", "partner_officer", "support_officer"):
        assert demo_email("highland", role) in content
    # Only Highland's people: Perth and Kinross's support officer is not listed.
    assert demo_email("perth", "support_officer") not in content


def test_workspace_home_shows_no_emails_to_a_community_member(client, sign_in_as):
    sign_in_as("community_member")
    response = client.get(f"/workspace/{HIGHLAND}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert f"@{DEMO_DOMAIN}" not in content
    assert "Accounts and roles" not in [s.label for s, _ in response.context["sections"]]
    assert f"/workspace/{HIGHLAND}/people/" not in content


def test_workspace_home_links_the_people_page_for_the_support_officer(client, sign_in_as):
    sign_in_as("support_officer")
    response = client.get(f"/workspace/{HIGHLAND}/")
    assert "Accounts and roles" in [s.label for s, _ in response.context["sections"]]
    assert f"/workspace/{HIGHLAND}/people/" in response.content.decode()


def test_unknown_partnership_is_not_found_for_signed_in_people(client, sign_in_as):
    sign_in_as("site_admin")
    assert client.get("/workspace/S99999999/").status_code == 404
    assert client.get("/workspace/S99999999/people/").status_code == 404
