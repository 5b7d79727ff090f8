"""Meetings as an iCalendar file (RFC 5545), for people to add to their calendars."""

from __future__ import annotations

import datetime

from django.utils import timezone

from placeplan.core.parsing import in_era

MEETING_HOURS = 2  # meetings have no end time: calendars show two hours


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on the next line after a space."""
    parts, current = [], ""
    for char in line:
        if len((current + char).encode()) > 75:
            parts.append(current)
            current = " " + char
        else:
            current += char
    return [*parts, current]


def _stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _ends_at(starts_at: datetime.datetime) -> datetime.datetime:
    """The end the calendar gives a meeting; one stored at the very end of the calendar
    (before the meeting form had bounds) ends when it starts rather than overflowing."""
    if in_era(starts_at.date()):
        return starts_at + datetime.timedelta(hours=MEETING_HOURS)
    return starts_at


def meetings_calendar(*, meetings, name: str, host: str, url_for) -> str:
    """The meetings as an iCalendar document; ``url_for(meeting)`` gives each one's page."""
    now = timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Placeplan//Meetings//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for meeting in meetings:
        status = "CANCELLED" if meeting.status == "cancelled" else "CONFIRMED"
        lines += [
            "BEGIN:VEVENT",
            f"UID:meeting-{meeting.pk}@{host}",
            f"DTSTAMP:{_stamp(now)}",
            f"DTSTART:{_stamp(meeting.starts_at)}",
            f"DTEND:{_stamp(_ends_at(meeting.starts_at))}",
            f"SUMMARY:{_escape(meeting.body.name)}",
            f"LOCATION:{_escape(meeting.place)}",
            f"STATUS:{status}",
            f"URL:{url_for(meeting)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(folded for line in lines for folded in _fold(line)) + "\r\n"
