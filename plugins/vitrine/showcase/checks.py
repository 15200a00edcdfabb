"""What vitrine/showcase refuses before it writes anything, for the build (`on_files`) and
`vitrine check` alike: news post names and dates, the calendar, the list fields of the exports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..model.catalogue import Catalogue
from ..model.errors import ContentError
from .calendar import Calendar, Wave, label_waves, load_calendar
from .exports import list_problems
from .news import check_posts


@dataclass(frozen=True)
class Checked:
    calendar: Calendar
    waves: list[Wave] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)


def check_showcase(
    root: Path,
    docs: tuple[Path, str],
    pages: Iterable[str],
    languages: tuple[str, ...],
    files: tuple[str, str],
    catalogue: Catalogue | None,
) -> Checked:
    """`docs`: the pages' folder and its path in the project; `files`: the news folder and the
    calendar file (the plugin's `news` and `calendar`). Without a catalogue (disabled, or its
    records have errors) the calendar is still read, without its waves' members."""
    news, calendar_file = files
    errors = check_posts(docs[0], docs[1], pages, languages, news)
    if catalogue is None:
        calendar, calendar_errors = load_calendar(root, calendar_file, languages, None)
        return Checked(calendar, [], errors + calendar_errors)
    waves = label_waves(catalogue)
    calendar, calendar_errors = load_calendar(root, calendar_file, languages, [wave.number for wave in waves])
    return Checked(calendar, waves, errors + calendar_errors + list_problems(catalogue))
