"""Writes to the evidence base: loading the national measures shipped with Placeplan."""

from __future__ import annotations

import datetime
import functools
import hashlib
import re
import secrets
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from placeplan.core.bulk import SyncResult, rows_sync
from placeplan.core.evidence_cache import evidence_changed
from placeplan.performance.models import (
    TOKEN_LIFETIME,
    ApiToken,
    Measure,
    Observation,
    Period,
    ValueKind,
)
from placeplan.performance.reference_measures import (
    CPOP_SOURCE_PREFIX,
    CPOP_UNITS,
    SIMD_INDICATORS,
    SIMD_SOURCE,
)
from placeplan.places.models import Area
from placeplan.places.services import read_csv

LOAD_REASON = "Loaded from the official data shipped in data/scotland/"
INCOME_DEPRIVATION_CODE = "income-deprivation-rate"
FINANCIAL_YEAR = re.compile(r"^(\d{4})/(\d{2})$")


@functools.cache  # asked once for each of the 600,000 rows a load reads
def cpop_measure_code(name: str) -> str:
    """The stable code of a CPOP measure, e.g. ``cpop-child-poverty``."""
    return f"cpop-{slugify(name)}"


@functools.cache
def simd_measure_code(column: str) -> str:
    """The stable code of a SIMD indicator, e.g. ``simd-income-rate``."""
    return f"simd-{slugify(column.replace('_', '-'))}"


def simd_period_label(edition: int) -> str:
    return f"SIMD {edition}"


def _financial_year(label: str) -> dict:
    match = FINANCIAL_YEAR.match(label)
    if not match:
        raise ValidationError(f"Period {label!r} is not a financial year such as 2019/20.")
    start_year = int(match.group(1))
    if (start_year + 1) % 100 != int(match.group(2)):
        raise ValidationError(f"Period {label!r} does not span two consecutive years.")
    return {
        "label": label,
        "kind": Period.Kind.FINANCIAL_YEAR,
        "start": datetime.date(start_year, 4, 1),
        "end": datetime.date(start_year + 1, 3, 31),
    }


def _simd_period(edition: int) -> dict:
    return {
        "label": simd_period_label(edition),
        "kind": Period.Kind.SIMD_EDITION,
        "start": datetime.date(edition, 1, 1),
        "end": datetime.date(edition, 12, 31),
    }


def _measure_rows(data_dir: Path) -> list[dict]:
    rows = []
    for record in read_csv(data_dir / "outcomes" / "measures.csv"):
        name = record["measure"]
        if name not in CPOP_UNITS:
            raise ValidationError(f"measures.csv: no unit is known for the CPOP measure {name!r}.")
        rows.append(
            {
                "code": cpop_measure_code(name),
                "name": name,
                "definition": record["definition"].strip(),
                "unit": CPOP_UNITS[name],
                "higher_is_better": record["higher_is_better"] == "True",
                "source": f"{CPOP_SOURCE_PREFIX}; {record['source'].strip()}",
                "collection": Measure.Collection.CPOP,
                "levels": sorted(record["levels"].split(";")),
                "valid_min": 0.0,
                "valid_max": 100.0 if CPOP_UNITS[name] == "%" else None,
            }
        )
    for column, _, name, definition, unit, better, _, _, (low, high) in SIMD_INDICATORS:
        rows.append(
            {
                "code": simd_measure_code(column),
                "name": name,
                "definition": definition,
                "unit": unit,
                "higher_is_better": better,
                "source": SIMD_SOURCE.format(edition="2016 and 2020"),
                "collection": Measure.Collection.SIMD,
                "levels": [Area.Level.DATA_ZONE.value],
                "valid_min": low,
                "valid_max": high,
            }
        )
    rows.append(
        {
            "code": INCOME_DEPRIVATION_CODE,
            "name": "Share of people income deprived",
            "definition": "Income-deprived people as a share of the population of the community "
            "(SIMD 2020), used to rank communities for income-based inequality measures.",
            "unit": "share (0–1)",
            "higher_is_better": False,
            "source": f"{CPOP_SOURCE_PREFIX}; {SIMD_SOURCE.format(edition=2020)}",
            "collection": Measure.Collection.INCOME_DEPRIVATION,
            "levels": [Area.Level.INTERMEDIATE_ZONE.value],
            "valid_min": 0.0,
            "valid_max": 1.0,
        }
    )
    return rows


def _number(text: str) -> float | None:
    return None if text == "" else float(text)


@transaction.atomic
def national_measures_load(*, data_dir: Path) -> dict[str, SyncResult]:
    """Load the CPOP measures and series, the SIMD indicators and income deprivation as
    measures with observations. Idempotent: a second run writes nothing."""
    results: dict[str, SyncResult] = {}
    measure_fields = (
        "name",
        "definition",
        "unit",
        "higher_is_better",
        "source",
        "collection",
        "levels",
        "valid_min",
        "valid_max",
    )
    results["measures"] = rows_sync(
        model=Measure,
        key=("code",),
        fields=measure_fields,
        rows=_measure_rows(data_dir),
        change_reason=LOAD_REASON,
    )
    measure_ids = dict(Measure.objects.values_list("code", "pk"))
    area_ids = dict(Area.objects.values_list("code", "pk"))
    if not area_ids:
        raise ValidationError("Load the geography before the measures (places first).")

    cpp = read_csv(data_dir / "outcomes" / "cpp_outcomes.csv")
    iz = read_csv(data_dir / "outcomes" / "intermediate_zone_outcomes.csv")
    labels = sorted({r["period"] for r in cpp} | {r["period"] for r in iz})
    period_rows = [_financial_year(label) for label in labels] + [
        _simd_period(e) for e in (2016, 2020)
    ]
    results["periods"] = rows_sync(
        model=Period, key=("label",), fields=("kind", "start", "end"), rows=period_rows
    )
    period_ids = dict(Period.objects.values_list("label", "pk"))

    rows = []
    sources = dict(Measure.objects.values_list("pk", "source"))
    kinds = {k.value for k in ValueKind}
    for filename, records, code_column in (
        ("cpp_outcomes.csv", cpp, "area_code"),
        ("intermediate_zone_outcomes.csv", iz, "intermediate_zone_code"),
    ):
        for line, record in enumerate(records, start=2):
            code = record[code_column]
            measure_id = measure_ids.get(cpop_measure_code(record["measure"]))
            if code not in area_ids or measure_id is None or record["kind"] not in kinds:
                raise ValidationError(
                    f"{filename} line {line}: unknown area {code!r}, measure "
                    f"{record['measure']!r} or kind {record['kind']!r}."
                )
            rows.append(
                _observation(
                    measure_id,
                    area_ids[code],
                    period_ids[record["period"]],
                    float(record["value"]),
                    record["kind"],
                    sources[measure_id],
                )
            )
    rows.extend(_simd_observations(data_dir, measure_ids, area_ids, period_ids))
    rows.extend(_income_deprivation_observations(data_dir, measure_ids, area_ids, period_ids))
    results["observations"] = rows_sync(
        model=Observation,
        key=("measure_id", "area_id", "period_id"),
        fields=("value", "numerator", "denominator", "kind", "source"),
        rows=rows,
        change_reason=LOAD_REASON,
    )
    transaction.on_commit(evidence_changed)
    return results


def _observation(
    measure_id, area_id, period_id, value, kind, source, numerator=None, denominator=None
) -> dict:
    return {
        "measure_id": measure_id,
        "area_id": area_id,
        "period_id": period_id,
        "value": value,
        "numerator": numerator,
        "denominator": denominator,
        "kind": kind,
        "source": source,
    }


def _simd_observations(data_dir, measure_ids, area_ids, period_ids):
    for edition in (2016, 2020):
        period_id = period_ids[simd_period_label(edition)]
        source = SIMD_SOURCE.format(edition=edition)
        records = read_csv(data_dir / "simd" / f"simd{edition}_indicators.csv")
        for record in records:
            area_id = area_ids.get(record["data_zone_code"])
            if area_id is None:
                raise ValidationError(
                    f"SIMD {edition}: unknown data zone {record['data_zone_code']}."
                )
            for col2020, col2016, _, _, _, _, num_col, den_col, _ in SIMD_INDICATORS:
                column = col2020 if edition == 2020 else col2016
                if column is None or record.get(column, "") == "":
                    continue  # suppressed in the source, or not in this edition
                numerator = denominator = None
                if num_col:
                    numerator = _number(record[num_col])
                    denom_column = (
                        den_col
                        if edition == 2020 or den_col != "Working_age_population"
                        else "Working_age_population_revised"
                    )
                    denominator = _number(record[denom_column])
                    if not denominator:
                        numerator = denominator = None
                yield _observation(
                    measure_ids[simd_measure_code(col2020)],
                    area_id,
                    period_id,
                    float(record[column]),
                    ValueKind.RAW,
                    source,
                    numerator,
                    denominator,
                )


def _income_deprivation_observations(data_dir, measure_ids, area_ids, period_ids):
    measure_id = measure_ids[INCOME_DEPRIVATION_CODE]
    period_id = period_ids[simd_period_label(2020)]
    path = data_dir / "outcomes" / "intermediate_zone_income_deprivation.csv"
    source = f"{CPOP_SOURCE_PREFIX}; {SIMD_SOURCE.format(edition=2020)}"
    for record in read_csv(path):
        population = float(record["population"])
        deprived = float(record["income_deprived"])
        if population <= 0:
            continue
        yield _observation(
            measure_id,
            area_ids[record["intermediate_zone_code"]],
            period_id,
            deprived / population,
            ValueKind.RAW,
            source,
            deprived,
            population,
        )


# -- API tokens for partner systems -----------------------------------------------------------

TOKEN_PREFIX = "pp_"  # noqa: S105 (a fixed marker, not a secret)
TOKEN_PERMISSION = "performance.manage_tokens"  # noqa: S105 (a permission name)


def api_token_create(
    *, partner, name: str, user, expires_on: datetime.date | None = None
) -> tuple[ApiToken, str]:
    """Make a token for a partner's system; returns the record and the token, which is
    shown to the person once and never stored (only its SHA-256 hash is). It expires at
    the end of ``expires_on`` (at most a year ahead) or, by default, a year from now."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Say what the token is for, e.g. the system's name."})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        partner=partner,
        name=name[:120],
        prefix=secret[:10],
        token_hash=token_hash(secret),
        created_by=user,
    )
    if expires_on is not None:
        token.expires_at = token_expiry_check(expires_on)
    token._change_reason = "API token created"
    token.save()
    return token, secret


def token_expiry_check(expires_on: datetime.date) -> datetime.datetime:
    """The moment a token chosen to last until ``expires_on`` stops working (the end of
    that day), or a ValidationError if the day is past or more than a year ahead."""
    today = timezone.localdate()
    if expires_on <= today:
        raise ValidationError({"expires_on": "Choose a day after today."})
    if expires_on > today + TOKEN_LIFETIME:
        raise ValidationError(
            {"expires_on": "A token can last at most a year: choose an earlier day."}
        )
    midnight = datetime.datetime.combine(expires_on + datetime.timedelta(days=1), datetime.time())
    return timezone.make_aware(midnight)


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_token_revoke(*, token: ApiToken, user) -> ApiToken:
    """Stop a token working at once. Revoking twice changes nothing."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = user
        token._change_reason = "API token revoked"
        token.save()
    return token


def api_token_check(secret: str) -> tuple[ApiToken | None, str]:
    """The token with this secret if it may be used now, else None and why not: unknown,
    revoked, expired, or its maker deactivated or no longer allowed to manage the
    partnership's tokens (the same permission that let them make it). A use is recorded
    as the token's last-used time."""
    if not secret or not secret.startswith(TOKEN_PREFIX):
        return None, "Send a valid API token."
    token = (
        ApiToken.objects.select_related("partner__partnership", "created_by")
        .filter(token_hash=token_hash(secret))
        .first()
    )
    if token is None:
        return None, "Send a valid API token."
    if not token.is_active:
        return None, "This API token has been revoked. Ask the partnership for a new one."
    if token.is_expired:
        return None, (
            f"This API token expired on {timezone.localtime(token.expires_at):%d %B %Y}. "
            "Ask the partnership for a new one."
        )
    maker = token.created_by
    if maker is None or not maker.is_active:
        return None, (
            "The person who made this API token no longer has an active account, so it no "
            "longer works. Ask the partnership for a new one."
        )
    if not maker.has_perm(TOKEN_PERMISSION, token.partner.partnership):
        return None, (
            "The person who made this API token is no longer allowed to manage the "
            "partnership's tokens, so it no longer works. Ask the partnership for a new one."
        )
    token.last_used_at = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=token.last_used_at)
    return token, ""


def api_token_authenticate(secret: str) -> ApiToken | None:
    """The token with this secret if it may be used now (see ``api_token_check``)."""
    return api_token_check(secret)[0]


# -- corrections to official figures ------------------------------------------------------------

CORRECTABLE_FIELDS = ("value", "numerator", "denominator", "kind", "source")


@transaction.atomic
def observation_correct(*, observation: Observation, user, reason: str, **changes) -> Observation:
    """A site administrator's correction of a stored value (an official figure's only way
    to change after its national load): the new value and any of numerator, denominator,
    kind and source, with the reason kept in the value's history."""
    if user is None or not user.has_perm("performance.correct_official"):
        raise PermissionDenied("Only a site administrator can correct an official figure.")
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": "Say why the value is being corrected."})
    unknown = set(changes) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise ValueError(f"Cannot correct {', '.join(sorted(unknown))}.")
    locked = Observation.objects.select_for_update().get(pk=observation.pk)
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked._change_reason = f"Correction: {reason}"
    locked._history_user = user
    locked.save()
    transaction.on_commit(evidence_changed)
    return locked
