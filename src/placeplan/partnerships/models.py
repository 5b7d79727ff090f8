"""Community Planning Partnerships and the people who work in them."""

from django.conf import settings
from django.core.validators import MaxLengthValidator, URLValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from placeplan.core.models import AuditedModel
from placeplan.places.models import Area


class Partnership(AuditedModel):
    """The Community Planning Partnership of one council area."""

    council_area = models.OneToOneField(Area, on_delete=models.PROTECT, related_name="partnership")
    name = models.CharField(max_length=160, unique=True)
    # How the public contacts the partnership, shown on every public page of it; all
    # optional, set by its support officers.
    contact_email = models.EmailField(
        "Email address",
        blank=True,
        help_text="An address the partnership reads, such as its community planning team's.",
    )
    contact_address = models.TextField(
        "Postal address",
        blank=True,
        max_length=500,
        validators=[MaxLengthValidator(500)],
        help_text="One line of the address per line.",
    )
    contact_url = models.URLField(
        "Web page",
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="The partnership's own page about community planning, starting https://.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_email or self.contact_address or self.contact_url)

    def get_absolute_url(self):
        return reverse("public:area", args=[self.council_area.code])


class Role(models.TextChoices):
    """What a person does in a partnership's workspace."""

    SUPPORT_OFFICER = "support_officer", "Support officer"
    PARTNER_OFFICER = "partner_officer", "Partner officer"
    BOARD_MEMBER = "board_member", "Board member"
    COMMUNITY_MEMBER = "community_member", "Community member"


class PartnershipRole(AuditedModel):
    """A person's role in one partnership. A person may hold roles in several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partnership_roles"
    )
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["partnership", "role", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "partnership", "role"], name="one_role_grant_per_partnership"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}, {self.partnership}"


class OrganisationKind(models.TextChoices):
    COUNCIL = "council", "Council"
    HEALTH_BOARD = "health_board", "Health board"
    POLICE = "police", "Police Scotland"
    FIRE = "fire", "Scottish Fire and Rescue Service"
    ENTERPRISE = "enterprise", "Enterprise agency"
    SKILLS = "skills", "Skills Development Scotland"
    TRANSPORT = "transport", "Regional transport partnership"
    IJB = "ijb", "Integration joint board"
    COLLEGE = "college", "College or regional college body"
    TSI = "tsi", "Third sector interface"
    COMMUNITY_COUNCIL = "community_council", "Community council"
    COMMUNITY_BODY = "community_body", "Community body"
    NATIONAL_AGENCY = "national_agency", "National agency (Schedule 1)"
    OTHER = "other", "Other"


# Community Empowerment (Scotland) Act 2015, Schedule 1: the kinds of body that are
# statutory community planning partners (national agencies such as VisitScotland, HES,
# SEPA, NatureScot, sportscotland and national park authorities are NATIONAL_AGENCY).
STATUTORY_KINDS = frozenset(
    {
        OrganisationKind.COUNCIL,
        OrganisationKind.HEALTH_BOARD,
        OrganisationKind.POLICE,
        OrganisationKind.FIRE,
        OrganisationKind.ENTERPRISE,
        OrganisationKind.SKILLS,
        OrganisationKind.TRANSPORT,
        OrganisationKind.IJB,
        OrganisationKind.COLLEGE,
        OrganisationKind.NATIONAL_AGENCY,
    }
)


class Organisation(AuditedModel):
    """An organisation that takes part in community planning. National bodies (Police
    Scotland, SFRS, SDS…) are one row shared by every partnership they belong to."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    is_national = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Partner(AuditedModel):
    """An organisation's place in one partnership: statutory (Schedule 1) or invited."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="partners"
    )
    is_statutory = models.BooleanField(
        help_text="A statutory community planning partner under Schedule 1 of the "
        "Community Empowerment (Scotland) Act 2015; otherwise invited."
    )

    class Meta:
        ordering = ["-is_statutory", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"], name="organisation_once_per_partnership"
            )
        ]

    def __str__(self):
        return f"{self.organisation} in {self.partnership}"


class Locality(AuditedModel):
    """A named part of a partnership's area: a set of its intermediate zones."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="localities"
    )
    name = models.CharField(max_length=120)
    communities = models.ManyToManyField(
        Area, related_name="localities", help_text="Intermediate zones of the council area."
    )
    has_poorer_outcomes = models.BooleanField(
        "Experiences significantly poorer outcomes",
        default=False,
        help_text="The Community Empowerment (Scotland) Act 2015 requires a locality plan for "
        "each locality the partnership identifies as experiencing significantly poorer outcomes.",
    )
    # Which communities a locality covers is governance data: keep its history too.
    _history_m2m_fields = ["communities"]

    class Meta:
        ordering = ["partnership", "name"]
        verbose_name_plural = "localities"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="locality_name_unique")
        ]

    def __str__(self):
        return self.name


class Body(AuditedModel):
    """A board, group or local partnership, with its remit, reporting line and rules."""

    class Kind(models.TextChoices):
        BOARD = "board", "Board"
        EXECUTIVE = "executive_group", "Executive group"
        THEMATIC = "thematic_group", "Thematic or outcome delivery group"
        SUB_GROUP = "sub_group", "Sub-group"
        LOCAL = "local_partnership", "Local partnership"
        IJB = "ijb", "Integration joint board"
        OTHER = "other", "Other"

    class Level(models.TextChoices):
        STRATEGIC = "strategic", "Strategic"
        OPERATIONAL = "operational", "Operational"
        LOCAL = "local", "Local"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="bodies")
    name = models.CharField(max_length=200)
    short_name = models.CharField(
        max_length=20, blank=True, help_text="Used to number papers, e.g. COG for COG/1/13."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    level = models.CharField(max_length=12, choices=Level.choices)
    reports_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reporting_bodies"
    )
    purpose = models.TextField(blank=True)
    meeting_frequency = models.CharField(max_length=80, blank=True)
    max_members = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Most representatives allowed (people in attendance are not representatives).",
    )
    requires_chair = models.BooleanField(default=True)
    requires_lead_officer = models.BooleanField(default=False)
    leads_from_partners = models.BooleanField(
        default=False,
        help_text="The chair and lead officer must be senior officers of community "
        "planning partners.",
    )
    review_after_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Each membership is reviewed this many months after it starts.",
    )
    locality = models.ForeignKey(
        Locality,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bodies",
        help_text="For a local partnership: the locality it covers.",
    )
    is_demo = models.BooleanField(default=False, help_text="Demonstration content.")

    class Meta:
        ordering = ["partnership", "name"]
        verbose_name_plural = "bodies"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="body_name_unique"),
            models.CheckConstraint(
                name="body_does_not_report_to_itself", condition=~Q(reports_to=F("pk"))
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("public:body", args=[self.partnership.council_area.code, self.pk])


class RemitItem(AuditedModel):
    """One numbered point of a body's remit."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="remit")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["body", "number"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="remit_number_unique")
        ]

    def __str__(self):
        return f"{self.body} remit {self.number}"


class Person(AuditedModel):
    """Someone who sits on a partnership's bodies; they may or may not have an account."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True, help_text="Personal data: shown to staff only.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    public_name_consent = models.BooleanField(
        default=False,
        help_text="A community representative agreed to their name being shown publicly.",
    )
    is_demo = models.BooleanField(default=False, help_text="Demonstration content.")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name


class Membership(AuditedModel):
    """A person's seat on a body, for a period. Leaving ends it; it is never deleted."""

    class MemberRole(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-chair"
        LEAD_OFFICER = "lead_officer", "Lead officer"
        MEMBER = "member", "Member"
        IN_ATTENDANCE = "in_attendance", "In attendance"

    # A body's "owners" for plans, meetings, actions and challenges: its chair and its
    # lead officer.
    LEADING_ROLES = (MemberRole.CHAIR, MemberRole.LEAD_OFFICER)

    class Category(models.TextChoices):
        ELECTED = "elected_member", "Elected member"
        NON_EXECUTIVE = "non_executive", "Non-executive"
        OFFICER = "officer", "Officer"
        COMMUNITY = "community_representative", "Community representative"
        THIRD_SECTOR = "third_sector", "Third sector"
        OTHER = "other", "Other"

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
        help_text="The organisation the person represents.",
    )
    role = models.CharField(max_length=14, choices=MemberRole.choices, default=MemberRole.MEMBER)
    category = models.CharField(max_length=24, choices=Category.choices)
    is_senior_officer = models.BooleanField(default=False)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=200, blank=True)
    next_review = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["body", "role", "person__name"]
        constraints = [
            models.CheckConstraint(
                name="membership_ends_after_start",
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.get_role_display()}, {self.body}"
