"""Final Draft Tagger categories and how they meet fountainkit's tag notes.

One table for both directions, so a tagged ``.fdx`` read in and written back
keeps its categories: the FDX reader turns a tagged run into a
``[[category: item]]`` note with :func:`note_label`, and an FDX writer finds the
Final Draft category of a note's label with :func:`fd_category`.

The names, GUIDs and colours are Final Draft's fixed Tagger set as published
by the Universal Category Identification project (``finalDraftCategories.xml``)
and written by Beat; the two disagree on some numbers and two GUIDs (see
../shared/reference/production-and-interchange.md, 1.8), so categories are
matched by name first, then by GUID, never by number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FdCategory:
    name: str  # as Final Draft shows it
    guid: str  # the Id Final Draft writes (lower case)
    number: int  # UCI numbering
    color: str  # 16 bits per channel, #RRRRGGGGBBBB
    label: str  # the label of the fountainkit note: [[label: item]]


# label: the breakdown's own category where there is one (fountainkit.breakdown.tags),
# otherwise Final Draft's name in lower case (kept and reported by the breakdown).
FD_CATEGORIES: tuple[FdCategory, ...] = (
    FdCategory("Synopsis", "8e5e75c2-713b-47df-a75f-f12648b98ded", 1, "#FF008A00D800", "synopsis"),
    FdCategory("Cast Members", "01fc9642-84ff-4366-b37c-a3068dee57e8", 2, "#00003600B700", "cast"),
    FdCategory(
        "Background Actors", "028a4e2b-b507-4d09-88ab-90e3edae9071", 3, "#000095002900", "extras"
    ),
    FdCategory("Stunts", "0377dbe6-77a3-41af-bda8-86eb2468fdbf", 4, "#E20017003200", "stunts"),
    FdCategory("Vehicles", "04721a56-f54b-49c8-80ad-d53887d6b851", 5, "#0000B800C800", "vehicles"),
    FdCategory("Props", "05c556eb-6bc1-4a3a-b09f-f8b5ba1b6afa", 6, "#B80075004D00", "props"),
    FdCategory("Camera", "47b02ff1-5161-4137-b736-f36eebba7643", 7, "#0000CF00FF00", "camera"),
    FdCategory(
        "Special Effects", "069e18b8-2109-4f3d-94e7-d802027a60a8", 8, "#8700B700BB00", "sfx"
    ),
    FdCategory("Wardrobe", "0726fa85-1e65-4ab8-87de-bf21d09b01f0", 9, "#FF007D002200", "wardrobe"),
    FdCategory(
        "Makeup/Hair", "08ae1eef-32ce-415f-9a9b-0982d2453ec4", 10, "#FF003F00E600", "makeup"
    ),
    FdCategory("Animals", "09cb0d1c-ce01-4f22-bb64-b5f2e6c491c6", 11, "#B900C5003200", "animals"),
    FdCategory(
        "Animal Wrangler",
        "0ae40617-cc7c-48e6-ae2b-5aaecc09986f",
        12,
        "#E900B7003C00",
        "animal wrangler",
    ),
    FdCategory("Music", "0b0b44c9-aa4b-4c40-88b1-d94472ad7a26", 13, "#00008B009200", "music"),
    FdCategory("Sound", "0ce7d308-096d-4603-8fe8-349f72cd89ff", 14, "#AF0026009300", "sound"),
    FdCategory(
        "Art Department",
        "c86eae40-3b01-41c3-a7de-6859e6ec971d",
        15,
        "#7A008100FF00",
        "art department",
    ),
    FdCategory(
        "Set Dressing", "0debb71b-5743-4c53-80cc-e17e841ce645", 16, "#0000EE005E00", "set dressing"
    ),
    FdCategory("Greenery", "0e7a8fc5-5441-4bad-a9bf-5ddd3fe51c69", 17, "#0000C4007F00", "greenery"),
    FdCategory("Security", "109d0eaa-0334-4823-ac0c-b44d3f209dc4", 18, "#990033000000", "security"),
    FdCategory(
        "Special Equipment",
        "0ff5cda4-4d43-4cfe-940f-91380c46fdad",
        19,
        "#FF001A002100",
        "special equipment",
    ),
    FdCategory(
        "Additional Labor",
        "1179a4b1-70ee-4011-b4a2-809a0af09e92",
        20,
        "#0000CC00FF00",
        "additional labor",
    ),
    FdCategory(
        "Visual Effects", "12ab0932-e3b9-4b4a-bcd0-3da1b4e61d5e", 21, "#99000000FF00", "vfx"
    ),
    FdCategory(
        "Mechanical Effects",
        "135cc9d1-c4d5-4d00-83d9-571f584ea9cd",
        22,
        "#3300CC006600",
        "mechanical effects",
    ),
    FdCategory(
        "Miscellaneous",
        "ce04f547-f7ee-40c9-ab66-d95a0c98034e",
        23,
        "#000099009900",
        "miscellaneous",
    ),
    FdCategory("Notes", "15b6f4fd-4e74-4ad8-9971-b239d88c2997", 24, "#000000006600", "notes"),
    FdCategory(
        "Script Day", "63c140da-ef2b-491a-b416-b46f461abb89", 25, "#FF007E007900", "script day"
    ),
    FdCategory("Unit", "849f1ebf-5507-4f33-bff6-3a5b4d73be14", 26, "#ED00E6000000", "unit"),
    FdCategory("Sequence", "70877d87-30ef-45b6-be46-c6fa94b83a71", 27, "#7300FC00D600", "sequence"),
    FdCategory("Location", "c5e89e4d-f83e-4c28-950c-92a63f1b5f26", 28, "#7300FD00FF00", "location"),
    FdCategory("Comments", "216f33fd-fc42-4269-be01-b05b18f815a0", 29, "#D7008300FF00", "comments"),
)

# GUIDs other writers use for the same categories (UCI's where Beat differs).
ALTERNATE_GUIDS: Mapping[str, str] = {
    "4a84b619": "Art Department",
    "148267ae": "Miscellaneous",
}

_BY_NAME = {c.name.casefold(): c for c in FD_CATEGORIES}
_BY_GUID = {c.guid: c for c in FD_CATEGORIES}
_BY_LABEL = {c.label: c for c in FD_CATEGORIES}


def _key(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).casefold()


def find_category(name: str | None, guid: str | None = None) -> FdCategory | None:
    """The Final Draft category called ``name``, else the one with ``guid``."""
    if name and (found := _BY_NAME.get(_key(name))) is not None:
        return found
    if guid:
        guid = guid.strip("{}").casefold()
        if (found := _BY_GUID.get(guid)) is not None:
            return found
        alternate = ALTERNATE_GUIDS.get(guid.split("-")[0])
        if alternate is not None:
            return _BY_NAME[alternate.casefold()]
    return None


def note_label(name: str | None, guid: str | None = None) -> str:
    """The ``[[label: item]]`` label for a Final Draft category.

    A category Final Draft does not define (a user's own) keeps its name in
    lower case, so nothing is lost; one without even a name is "tag".
    """
    category = find_category(name, guid)
    if category is not None:
        return category.label
    return _key(name or "") or "tag"


def fd_category(label: str) -> FdCategory | None:
    """The Final Draft category for a note label or breakdown category, if any.

    ``props`` and ``Props`` give Props; the breakdown's short names (``sfx``,
    ``extras``, ``makeup``) give their Final Draft counterparts.
    """
    key = _key(label)
    return _BY_LABEL.get(key) or _BY_NAME.get(key)
