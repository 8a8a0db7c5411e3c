"""The breakdown categories, once: names, aliases, colours and their Final Draft Tagger identity.

One table serves every stage that speaks of categories: the tag parser
(``[[props: revolver]]``), the reports (box titles, colours, CSV columns), and
the Final Draft writer and reader (``<TagData>``: category ``Name``, ``Number``
and ``Id`` GUID).

Keys (``props``, ``sfx``...) are what the breakdown's JSON uses; they are
stable. The Final Draft names, numbers, GUIDs and colours are those of Final
Draft's own category file as the Universal Category Identification project
publishes it (UCI-FD); Beat writes other numbers and two other GUIDs
(research notes, production-and-interchange.md 1.7-1.8). So a reader matches
a category by ``fdx_name`` first, then by GUID (:func:`by_fdx`), never by
number; a writer emits ``fdx_id``, ``fdx_number`` and ``fdx_color`` as given.

``kind`` says what a tag of the category does in a breakdown:

* ``element``: its items are listed per scene (props, wardrobe...);
* ``cast``: its items are cast members, with IDs;
* ``day``: it sets the story day (``[[day: 3]]``), carried to later scenes;
* ``scene``: a scene-level field of Final Draft (unit, sequence...), kept as
  an element so nothing is lost;
* ``outline``: Final Draft's synopsis category, which Fountain writes as
  ``= synopsis`` lines; never a tag.

Default colours follow Wikipedia's script-breakdown marking table (cast red,
stunts orange, extras yellow, special effects blue, props purple,
vehicles/animals pink, sound/music brown); the rest are chosen to stay
distinct. Users override them in the config file (``breakdown: colors:``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

CategoryKind = Literal["element", "cast", "day", "scene", "outline"]


@dataclass(frozen=True, slots=True)
class Category:
    key: str  # the breakdown's own name: JSON keys, config keys, tag labels
    label: str  # a breakdown sheet's box title
    fdx_name: str  # Final Draft Tagger's category name
    fdx_number: int  # Final Draft's category Number (as Final Draft and Beat write it)
    fdx_id: str  # Final Draft's category GUID
    color: str  # default marking colour, #rrggbb
    kind: CategoryKind = "element"
    aliases: tuple[str, ...] = ()  # other labels a writer might use in a tag
    fdx_ids: tuple[str, ...] = ()  # other GUIDs (or their first block) seen for it (readers)
    fdx_color: str = ""  # Final Draft's own colour, 16 bits a channel: #RRRRGGGGBBBB

    @property
    def all_fdx_ids(self) -> tuple[str, ...]:
        return (self.fdx_id, *self.fdx_ids)


def _category(
    key: str,
    label: str,
    fdx: tuple[str, int, str, str],
    color: str,
    kind: CategoryKind = "element",
    aliases: tuple[str, ...] = (),
    fdx_ids: tuple[str, ...] = (),
) -> Category:
    name, number, guid, fdx_color = fdx
    return Category(key, label, name, number, guid, color, kind, aliases, fdx_ids, fdx_color)


# In breakdown-sheet order: cast first, the departments, then Final Draft's scene fields.
# fdx: (name, number, GUID, colour) as in Final Draft's own category file (UCI-FD).
CATEGORY_TABLE: tuple[Category, ...] = (
    _category(
        "cast",
        "Cast",
        fdx=("Cast Members", 2, "01fc9642-84ff-4366-b37c-a3068dee57e8", "#00003600B700"),
        color="#d32f2f",
        kind="cast",
        aliases=("cast member", "cast members"),
    ),
    _category(
        "extras",
        "Background / extras",
        fdx=("Background Actors", 3, "028a4e2b-b507-4d09-88ab-90e3edae9071", "#000095002900"),
        color="#f9d71c",
        aliases=(
            "extra",
            "background",
            "background actor",
            "background actors",
            "bg",
            "atmosphere",
            "silent bits",
        ),
    ),
    _category(
        "stunts",
        "Stunts",
        fdx=("Stunts", 4, "0377dbe6-77a3-41af-bda8-86eb2468fdbf", "#E20017003200"),
        color="#f57c00",
        aliases=("stunt",),
    ),
    _category(
        "vehicles",
        "Vehicles",
        fdx=("Vehicles", 5, "04721a56-f54b-49c8-80ad-d53887d6b851", "#0000B800C800"),
        color="#f48fb1",
        aliases=("vehicle", "car", "cars", "picture vehicle", "picture vehicles"),
    ),
    _category(
        "props",
        "Props",
        fdx=("Props", 6, "05c556eb-6bc1-4a3a-b09f-f8b5ba1b6afa", "#B80075004D00"),
        color="#7b1fa2",
        aliases=("prop",),
    ),
    _category(
        "camera",
        "Camera",
        fdx=("Camera", 7, "47b02ff1-5161-4137-b736-f36eebba7643", "#0000CF00FF00"),
        color="#0288d1",
        aliases=("camera equipment",),
    ),
    _category(
        "sfx",
        "Special effects",
        fdx=("Special Effects", 8, "069e18b8-2109-4f3d-94e7-d802027a60a8", "#8700B700BB00"),
        color="#1e88e5",
        aliases=("special effects", "special effect", "fx", "practical effects"),
    ),
    _category(
        "wardrobe",
        "Wardrobe",
        fdx=("Wardrobe", 9, "0726fa85-1e65-4ab8-87de-bf21d09b01f0", "#FF007D002200"),
        color="#00897b",
        aliases=("costume", "costumes"),
    ),
    _category(
        "makeup",
        "Makeup / hair",
        fdx=("Makeup/Hair", 10, "08ae1eef-32ce-415f-9a9b-0982d2453ec4", "#FF003F00E600"),
        color="#c2185b",
        aliases=(
            "make-up",
            "make up",
            "hair",
            "makeup/hair",
            "hair/makeup",
            "hair and makeup",
            "makeup and hair",
            "hmu",
        ),
    ),
    _category(
        "animals",
        "Animals",
        fdx=("Animals", 11, "09cb0d1c-ce01-4f22-bb64-b5f2e6c491c6", "#B900C5003200"),
        color="#f06292",
        aliases=("animal",),
    ),
    _category(
        "animal wrangler",
        "Animal wrangler",
        fdx=("Animal Wrangler", 12, "0ae40617-cc7c-48e6-ae2b-5aaecc09986f", "#E900B7003C00"),
        color="#ad1457",
        aliases=("animal wranglers", "wrangler", "wranglers", "animal handler"),
    ),
    _category(
        "music",
        "Music",
        fdx=("Music", 13, "0b0b44c9-aa4b-4c40-88b1-d94472ad7a26", "#00008B009200"),
        color="#a1887f",
        aliases=("song", "songs"),
    ),
    _category(
        "sound",
        "Sound",
        fdx=("Sound", 14, "0ce7d308-096d-4603-8fe8-349f72cd89ff", "#AF0026009300"),
        color="#795548",
        aliases=("sound effects", "sound effect", "sounds"),
    ),
    _category(
        "art department",
        "Art department",
        fdx=("Art Department", 15, "c86eae40-3b01-41c3-a7de-6859e6ec971d", "#7A008100FF00"),
        color="#5e35b1",
        aliases=("art", "art dept"),
        fdx_ids=("4a84b619",),
    ),
    _category(
        "set dressing",
        "Set dressing",
        fdx=("Set Dressing", 16, "0debb71b-5743-4c53-80cc-e17e841ce645", "#0000EE005E00"),
        color="#689f38",
        aliases=("set dec", "set decoration", "dressing"),
    ),
    _category(
        "greenery",
        "Greenery",
        fdx=("Greenery", 17, "0e7a8fc5-5441-4bad-a9bf-5ddd3fe51c69", "#0000C4007F00"),
        color="#2e7d32",
        aliases=("greens", "plants"),
    ),
    _category(
        "special equipment",
        "Special equipment",
        fdx=("Special Equipment", 19, "0ff5cda4-4d43-4cfe-940f-91380c46fdad", "#FF001A002100"),
        color="#757575",
        aliases=("equipment", "special equip"),
    ),
    _category(
        "security",
        "Security",
        fdx=("Security", 18, "109d0eaa-0334-4823-ac0c-b44d3f209dc4", "#990033000000"),
        color="#37474f",
    ),
    _category(
        "additional labor",
        "Additional labor",
        fdx=("Additional Labor", 20, "1179a4b1-70ee-4011-b4a2-809a0af09e92", "#0000CC00FF00"),
        color="#8d6e63",
        aliases=("additional labour", "labor", "labour"),
    ),
    _category(
        "vfx",
        "Visual effects",
        fdx=("Visual Effects", 21, "12ab0932-e3b9-4b4a-bcd0-3da1b4e61d5e", "#99000000FF00"),
        color="#4fc3f7",
        aliases=("visual effects", "visual effect", "cgi"),
    ),
    _category(
        "mechanical effects",
        "Mechanical effects",
        fdx=("Mechanical Effects", 22, "135cc9d1-c4d5-4d00-83d9-571f584ea9cd", "#3300CC006600"),
        color="#3949ab",
        aliases=("mechanical effect", "mechanical fx"),
    ),
    _category(
        "miscellaneous",
        "Miscellaneous",
        fdx=("Miscellaneous", 23, "ce04f547-f7ee-40c9-ab66-d95a0c98034e", "#000099009900"),
        color="#9e9e9e",
        aliases=("misc", "other"),
        fdx_ids=("148267ae",),
    ),
    _category(
        "notes",
        "Notes",
        fdx=("Notes", 24, "15b6f4fd-4e74-4ad8-9971-b239d88c2997", "#000000006600"),
        color="#bdbdbd",
        aliases=("production notes", "production note", "breakdown note"),
    ),
    _category(
        "script day",
        "Story day",
        fdx=("Script Day", 25, "63c140da-ef2b-491a-b416-b46f461abb89", "#FF007E007900"),
        color="#ff7043",
        kind="day",
        aliases=("day", "story day", "script days"),
    ),
    _category(
        "unit",
        "Unit",
        fdx=("Unit", 26, "849f1ebf-5507-4f33-bff6-3a5b4d73be14", "#ED00E6000000"),
        color="#e0e0e0",
        kind="scene",
    ),
    _category(
        "sequence",
        "Sequence",
        fdx=("Sequence", 27, "70877d87-30ef-45b6-be46-c6fa94b83a71", "#7300FC00D600"),
        color="#e0e0e0",
        kind="scene",
    ),
    _category(
        "shooting location",
        "Shooting location",
        fdx=("Location", 28, "c5e89e4d-f83e-4c28-950c-92a63f1b5f26", "#7300FD00FF00"),
        color="#e0e0e0",
        kind="scene",
        aliases=("location", "real location"),
    ),
    _category(
        "comments",
        "Comments",
        fdx=("Comments", 29, "216f33fd-fc42-4269-be01-b05b18f815a0", "#D7008300FF00"),
        color="#e0e0e0",
        kind="scene",
    ),
    _category(
        "synopsis",
        "Synopsis",
        fdx=("Synopsis", 1, "8e5e75c2-713b-47df-a75f-f12648b98ded", "#FF008A00D800"),
        color="#e0e0e0",
        kind="outline",
    ),
)

BY_KEY: Mapping[str, Category] = MappingProxyType({c.key: c for c in CATEGORY_TABLE})

# The categories a tag can name, in breakdown-sheet order (the synopsis is no tag).
TAG_CATEGORIES: tuple[str, ...] = tuple(c.key for c in CATEGORY_TABLE if c.kind != "outline")

# Those whose items are listed per scene: every tag category but the story day.
ELEMENT_CATEGORIES: tuple[str, ...] = tuple(
    c.key for c in CATEGORY_TABLE if c.kind in ("cast", "element", "scene")
)

DEFAULT_ALIASES: Mapping[str, str] = MappingProxyType(
    {alias: c.key for c in CATEGORY_TABLE if c.kind != "outline" for alias in c.aliases}
    | {c.fdx_name.casefold(): c.key for c in CATEGORY_TABLE if c.kind != "outline"}
)


def normalise_label(label: str) -> str:
    """A tag label as the category tables key it: lower case, single spaces, ``&`` as ``and``."""
    key = " ".join(label.replace("_", " ").split()).casefold()
    return key.replace(" & ", " and ")


_BY_FDX_NAME = {normalise_label(c.fdx_name): c for c in CATEGORY_TABLE}


def by_fdx(name: str | None = "", guid: str | None = "") -> Category | None:
    """The category a Final Draft ``TagCategory`` means: by ``Name`` first, then by ``Id``
    (a whole GUID, or the first block of another writer's GUID for it)."""
    found = _BY_FDX_NAME.get(normalise_label(name or ""))
    if found is not None:
        return found
    guid = (guid or "").strip("{} ").casefold()
    if not guid:
        return None
    for category in CATEGORY_TABLE:
        if guid in category.all_fdx_ids or guid.split("-")[0] in category.fdx_ids:
            return category
    return None


def note_label(name: str | None, guid: str | None = None) -> str:
    """The ``[[label: item]]`` label an FDX reader writes for a Final Draft category.

    A known category gives its key (``Props`` -> ``props``, ``Special Effects`` ->
    ``sfx``); a category Final Draft does not define (a user's own) keeps its
    name in lower case, so nothing is lost; one without even a name is "tag".
    """
    category = by_fdx(name, guid)
    if category is not None:
        return category.key
    return normalise_label(name or "") or "tag"


def fdx_color(color: str) -> str:
    """``#rrggbb`` as Final Draft writes colours: 16 bits a channel, ``#RRRRGGGGBBBB``."""
    channels = (color[1:3], color[3:5], color[5:7])
    return "#" + "".join(channel.upper() * 2 for channel in channels)
