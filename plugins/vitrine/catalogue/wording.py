"""What the site calls each kind of quartier and each label status.

English msgids, translated per page language by the gettext catalogues: the
quartier page, the directory and the map show them; `vitrine new quartier`
writes their French beside each value it lists.
"""

from __future__ import annotations

from ..i18n.messages import N_
from ..model.records import LabelStatus, QuartierKind

KIND_NAMES: dict[QuartierKind, str] = {
    "metropole": N_("Labelled metropolis"),
    "thematic": N_("Thematic network"),
    "capitale": N_("French Tech Capital"),
    "community": N_("Community in France"),
    "hub": N_("Hub abroad"),
}
"""One quartier's kind, on its page and in the map's legend; also the directory's order of groups."""

KIND_GROUPS: dict[QuartierKind, str] = {
    "metropole": N_("Labelled metropolises"),
    "thematic": N_("Thematic networks"),
    "capitale": N_("French Tech Capitals"),
    "community": N_("Communities in France"),
    "hub": N_("Hubs abroad"),
}
"""The directory's heading (and filter) for the quartiers of one kind."""

STATUS_NAMES: dict[LabelStatus, str] = {
    "labelled": N_("Labelled"),
    "pilot": N_("Thematic pilot"),
    "community": N_("French Tech community"),
}
"""A quartier's label status, on its page."""
