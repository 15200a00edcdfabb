"""The calendar of the initiative: key dates, label waves and upcoming events.

Key dates and events are data (`quartiers/calendar.yml`, read with the strict
YAML reader and validated like every record); label waves are derived from the
quartier records (`label.wave`, `label.date`), so a new record joins its wave
with no other edit. An event is upcoming when it ends after the build's content
date (`dates.content_date`), never compared with the clock. The plugin appends
the timeline, as Markdown, to the calendar page of each language.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from babel.dates import format_skeleton
from babel.lists import format_list
from pydantic import BeforeValidator, Field, WithJsonSchema

from ..i18n.formatting import Formatter, pick
from ..i18n.messages import N_, Gettext
from ..model.catalogue import Catalogue
from ..model.errors import ContentError
from ..model.records import Date, Localized, Record, Text, Url
from ..model.validate import validate
from ..model.yamlsource import Located, read_yaml_file
from .markdown import capitalized, text, time

_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
KEY_DATES = N_("Key dates")
UPCOMING = N_("Upcoming events")
NO_EVENT = N_("No upcoming event has been announced.")
WAVE = N_("Label wave {number}")
PILOTS = N_("Thematic pilots")
FULL_STOP = N_(". ")


def _parse_partial(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # `date: 2017` is read as a number
    if not isinstance(value, str) or not _PARTIAL.match(value):
        raise ValueError(f'"{value}" is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2012-10')
    try:
        dt.date.fromisoformat((value + "-01-01")[:10])
    except ValueError:
        raise ValueError(f'"{value}" is not a valid date (no such month or day in the calendar)') from None
    return value


PartialDate = Annotated[
    str,
    BeforeValidator(_parse_partial),
    WithJsonSchema(
        {"type": ["string", "integer"], "pattern": _PARTIAL.pattern, "description": "YYYY, YYYY-MM or YYYY-MM-DD"}
    ),
]


class KeyDate(Record):
    """A milestone of the initiative, as precise as the record of it: a year, a month or a day."""

    date: PartialDate
    label: Localized


class WaveNote(Record):
    """Words about a label wave (its members come from the quartier records)."""

    wave: Annotated[int, Field(ge=1, strict=True)]
    note: Localized


class Event(Record):
    date: Date
    end: Date | None = Field(None, description="last day, for an event of several days")
    title: Localized
    place: Text | None = None
    url: Url | None = None
    description: Localized | None = None

    @property
    def last_day(self) -> dt.date:
        return self.end or self.date


class Calendar(Record):
    dates: list[KeyDate] = Field(default_factory=list)
    waves: list[WaveNote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)


def load_calendar(
    root: Path, rel: str, languages: tuple[str, ...], waves: Iterable[int] | None
) -> tuple[Calendar, list[ContentError]]:
    """The calendar file, checked (an absent file is an empty calendar); every error with its line."""
    path = root / rel
    if not path.is_file():
        return Calendar(), []
    located, errors = read_yaml_file(path.read_bytes(), rel)
    if located is None:
        return Calendar(), errors
    calendar, problems = validate(Calendar, located, rel, {"languages": languages})
    errors += problems
    if calendar is None:
        return Calendar(), errors
    if waves is None:  # the records could not be read: the calendar is checked on its own
        return calendar, errors
    return calendar, errors + _cross_check(calendar, located, rel, set(waves))


def _cross_check(calendar: Calendar, located: Located, rel: str, waves: set[int]) -> list[ContentError]:
    errors = []
    seen: set[int] = set()
    for i, note in enumerate(calendar.waves):
        line, column = located.mark(("waves", i, "wave"))
        if note.wave not in waves:
            known = ", ".join(str(n) for n in sorted(waves)) or "none"
            errors.append(
                ContentError(
                    rel,
                    line,
                    column,
                    f"waves[{i}].wave",
                    f"no quartier record is in wave {note.wave}",
                    f"waves in the records: {known}",
                )
            )
        elif note.wave in seen:
            errors.append(ContentError(rel, line, column, f"waves[{i}].wave", f"wave {note.wave} is given twice"))
        seen.add(note.wave)
    for i, event in enumerate(calendar.events):
        if event.end is not None and event.end < event.date:
            line, column = located.mark(("events", i, "end"))
            errors.append(
                ContentError(
                    rel,
                    line,
                    column,
                    f"events[{i}].end",
                    f"the event ends ({event.end}) before it starts ({event.date})",
                )
            )
    return errors


# Label waves, from the records ------------------------------------------------------


@dataclass(frozen=True)
class Wave:
    number: int
    date: dt.date | None
    """The earliest label date given by its members."""
    labelled: tuple[str, ...]
    pilots: tuple[str, ...]
    """Slugs, ordered by name."""


def label_waves(catalogue: Catalogue) -> list[Wave]:
    members: dict[int, list[str]] = {}
    for slug, entry in catalogue.quartiers.items():
        if entry.record.label.wave is not None:
            members.setdefault(entry.record.label.wave, []).append(slug)
    waves = []
    for number, slugs in sorted(members.items()):
        slugs.sort(key=lambda slug: catalogue.quartiers[slug].record.name.casefold())
        labels = [catalogue.quartiers[slug].record.label for slug in slugs]
        date = min((label.date for label in labels if label.date is not None), default=None)
        labelled = tuple(s for s, label in zip(slugs, labels, strict=True) if label.status != "pilot")
        pilots = tuple(s for s, label in zip(slugs, labels, strict=True) if label.status == "pilot")
        waves.append(Wave(number, date, labelled, pilots))
    return waves


# The timeline, as Markdown ------------------------------------------------------------


@dataclass(frozen=True)
class Timeline:
    calendar: Calendar
    waves: list[Wave]
    catalogue: Catalogue
    as_of: dt.date | None
    """The content date: events ending after it are upcoming."""

    def upcoming(self) -> list[Event]:
        return sorted(
            (e for e in self.calendar.events if self.as_of is None or e.last_day > self.as_of), key=_event_key
        )

    def past(self) -> list[Event]:
        return [e for e in self.calendar.events if e not in self.upcoming()]


def _event_key(event: Event) -> tuple[dt.date, str]:
    return event.date, pick(event.title, "fr")


QuartierLink = Callable[[str], str]
"""slug -> relative link from the calendar page to the quartier's page."""


def timeline_markdown(timeline: Timeline, language: str, gettext: Gettext, link: QuartierLink) -> str:
    """Appended to the calendar page: key dates with the label waves, then upcoming events."""
    writer = _Writer(language, gettext, Formatter(language), link)
    items = [(d.date, writer.key_date(d)) for d in timeline.calendar.dates]
    notes = {note.wave: note.note for note in timeline.calendar.waves}
    for wave in timeline.waves:
        order = wave.date.isoformat() if wave.date else "9999"  # an undated wave comes last
        items.append((order, writer.wave(wave, notes.get(wave.number), timeline.catalogue)))
    items += [(e.date.isoformat(), writer.event(e)) for e in timeline.past()]
    lines = ["", f"## {text(gettext(KEY_DATES))}", ""]
    lines += [item for _, item in sorted(items, key=lambda pair: pair[0])]
    lines += ["", f"## {text(gettext(UPCOMING))}", ""]
    upcoming = timeline.upcoming()
    lines += [writer.event(e) for e in upcoming] if upcoming else [text(gettext(NO_EVENT))]
    return "\n".join([*lines, ""])


def partial_date(value: str, fmt: Formatter) -> str:
    """`2012-10` -> `octobre 2012`, `2017` -> `2017年` (ja), a full date in the long style."""
    if len(value) == 10:
        return fmt.date(dt.date.fromisoformat(value))
    day = dt.date.fromisoformat((value + "-01-01")[:10])
    return format_skeleton("yMMMM" if len(value) == 7 else "y", day, locale=fmt.locale)


@dataclass(frozen=True)
class _Writer:
    """List items of the timeline in one language, its punctuation included (`。` in Japanese)."""

    language: str
    gettext: Gettext
    fmt: Formatter
    link: QuartierLink

    @property
    def colon(self) -> str:
        return text(self.gettext(": "))

    @property
    def stop(self) -> str:
        """Ends a sentence, and the space before the next one where the language has one."""
        return text(self.gettext(FULL_STOP))

    def when(self, value: dt.date | str, shown: str) -> str:
        return f"**{time(value, shown)}{self.stop.rstrip()}** "

    def key_date(self, key: KeyDate) -> str:
        return f"- {self.when(key.date, capitalized(partial_date(key.date, self.fmt)))}{self.localized(key.label)}"

    def wave(self, wave: Wave, note: dict[str, str] | None, catalogue: Catalogue) -> str:
        def names(slugs: tuple[str, ...]) -> str:
            linked = [f"[{text(catalogue.quartiers[s].record.name)}]({self.link(s)})" for s in slugs]
            return format_list(linked, locale=self.fmt.locale)

        line = text(self.gettext(WAVE).format(number=wave.number))
        line += f"{self.colon}{names(wave.labelled)}{self.stop}" if wave.labelled else self.stop
        if wave.pilots:
            line += f"{text(self.gettext(PILOTS))}{self.colon}{names(wave.pilots)}{self.stop}"
        if note:
            line += self.localized(note)
        when = self.when(wave.date, self.fmt.date(wave.date)) if wave.date else ""
        return f"- {when}{line.rstrip()}"

    def event(self, event: Event) -> str:
        shown = self.fmt.date(event.date)
        if event.end is not None and event.end != event.date:
            shown += f" – {self.fmt.date(event.end)}"
        title = self.localized(event.title)
        line = f"- {self.when(event.date, shown)}{f'[{title}]({event.url})' if event.url else title}"
        if event.place:
            line += f" ({text(event.place)})"
        if event.description:
            line += f"{self.stop}{self.localized(event.description)}"
        return line

    def localized(self, value: dict[str, str]) -> str:
        """A record text in the page's language, or in French marked as such (WCAG 3.1.2)."""
        if self.language in value:
            return text(value[self.language])
        return f'<span lang="fr">{text(pick(value, self.language))}</span>'
