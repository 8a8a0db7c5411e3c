"""The breakdown categories, once: names, aliases, colours and their Final Draft Tagger identity.

One table serves every stage that speaks of categories: the tag parser
(``[[props: revolver]]``), the reports (box titles, colours, CSV columns), and
the Final Draft writer and reader (``<TagData>``: category ``Name``, ``Number``
and ``Id`` GUID).

Keys (``props``, ``sfx``...) are what the breakdown's JSON uses; they are
stable. The Final Draft names, numbers and GUIDs are those Final Draft and
Beat write (research notes, production-and-interchange.md 1.7-1.8). Numbers and
GUIDs differ between sources, so a reader should match a category by
``fdx_name`` first, then by any of ``fdx_ids``, never by number; a writer
emits ``fdx_id`` and ``fdx_number`` as given here.

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
    fdx_ids: tuple[str, ...] = ()  # other GUIDs seen for the same category (readers)

    @property
    def all_fdx_ids(self) -> tuple[str, ...]:
        return (self.fdx_id, *self.fdx_ids)


# In breakdown-sheet order: cast first, the departments, then Final Draft's scene fields.
CATEGORY_TABLE: tuple[Category, ...] = (
    Category("cast", "Cast", "Cast Members", 2, "01fc9642-84ff-4366-b37c-a3068dee57e8",
             "#d32f2f", "cast", ("cast member", "cast members", "character", "characters")),
    Category("extras", "Background / extras", "Background Actors", 3,
             "028a4e2b-b507-4d09-88ab-90e3edae9071", "#f9d71c", "element",
             ("extra", "background", "background actor", "background actors", "bg",
              "atmosphere", "silent bits")),
    Category("stunts", "Stunts", "Stunts", 4, "0377dbe6-77a3-41af-bda8-86eb2468fdbf",
             "#f57c00", "element", ("stunt",)),
    Category("vehicles", "Vehicles", "Vehicles", 5, "04721a56-f54b-49c8-80ad-d53887d6b851",
             "#f48fb1", "element", ("vehicle", "car", "cars", "picture vehicle",
                                    "picture vehicles")),
    Category("props", "Props", "Props", 6, "05c556eb-6bc1-4a3a-b09f-f8b5ba1b6afa",
             "#7b1fa2", "element", ("prop",)),
    Category("camera", "Camera", "Camera", 7, "47b02ff1-5161-4137-b736-f36eebba7643",
             "#0288d1", "element", ("camera equipment",)),
    Category("sfx", "Special effects", "Special Effects", 8,
             "069e18b8-2109-4f3d-94e7-d802027a60a8", "#1e88e5", "element",
             ("special effects", "special effect", "fx", "practical effects")),
    Category("wardrobe", "Wardrobe", "Wardrobe", 9, "0726fa85-1e65-4ab8-87de-bf21d09b01f0",
             "#00897b", "element", ("costume", "costumes")),
    Category("makeup", "Makeup / hair", "Makeup/Hair", 10,
             "08ae1eef-32ce-415f-9a9b-0982d2453ec4", "#c2185b", "element",
             ("make-up", "make up", "hair", "makeup/hair", "hair/makeup", "hair and makeup",
              "makeup and hair", "hmu")),
    Category("animals", "Animals", "Animals", 11, "09cb0d1c-ce01-4f22-bb64-b5f2e6c491c6",
             "#f06292", "element", ("animal",)),
    Category("animal wrangler", "Animal wrangler", "Animal Wrangler", 12,
             "0ae40617-cc7c-48e6-ae2b-5aaecc09986f", "#ad1457", "element",
             ("animal wranglers", "wrangler", "wranglers", "animal handler")),
    Category("music", "Music", "Music", 13, "0b0b44c9-aa4b-4c40-88b1-d94472ad7a26",
             "#a1887f", "element", ("song", "songs")),
    Category("sound", "Sound", "Sound", 15, "0ce7d308-096d-4603-8fe8-349f72cd89ff",
             "#795548", "element", ("sound effects", "sound effect", "sounds")),
    Category("art department", "Art department", "Art Department", 16,
             "c86eae40-3b01-41c3-a7de-6859e6ec971d", "#5e35b1", "element",
             ("art", "art dept")),
    Category("set dressing", "Set dressing", "Set Dressing", 17,
             "0debb71b-5743-4c53-80cc-e17e841ce645", "#689f38", "element",
             ("set dec", "set decoration", "dressing")),
    Category("greenery", "Greenery", "Greenery", 18, "0e7a8fc5-5441-4bad-a9bf-5ddd3fe51c69",
             "#2e7d32", "element", ("greens", "plants")),
    Category("special equipment", "Special equipment", "Special Equipment", 19,
             "0ff5cda4-4d43-4cfe-940f-91380c46fdad", "#757575", "element",
             ("equipment", "special equip")),
    Category("security", "Security", "Security", 20, "109d0eaa-0334-4823-ac0c-b44d3f209dc4",
             "#37474f", "element", ()),
    Category("additional labor", "Additional labor", "Additional Labor", 21,
             "1179a4b1-70ee-4011-b4a2-809a0af09e92", "#8d6e63", "element",
             ("additional labour", "labor", "labour")),
    Category("vfx", "Visual effects", "Visual Effects", 23,
             "12ab0932-e3b9-4b4a-bcd0-3da1b4e61d5e", "#4fc3f7", "element",
             ("visual effects", "visual effect", "cgi")),
    Category("mechanical effects", "Mechanical effects", "Mechanical Effects", 24,
             "135cc9d1-c4d5-4d00-83d9-571f584ea9cd", "#3949ab", "element",
             ("mechanical effect", "mechanical fx")),
    Category("miscellaneous", "Miscellaneous", "Miscellaneous", 25,
             "ce04f547-f7ee-40c9-ab66-d95a0c98034e", "#9e9e9e", "element", ("misc", "other")),
    Category("notes", "Notes", "Notes", 26, "15b6f4fd-4e74-4ad8-9971-b239d88c2997",
             "#bdbdbd", "element", ("production notes", "production note", "breakdown note")),
    Category("script day", "Story day", "Script Day", 27, "63c140da-ef2b-491a-b416-b46f461abb89",
             "#ff7043", "day", ("day", "story day", "script days")),
    Category("unit", "Unit", "Unit", 28, "849f1ebf-5507-4f33-bff6-3a5b4d73be14", "#e0e0e0",
             "scene", ()),
    Category("sequence", "Sequence", "Sequence", 29, "70877d87-30ef-45b6-be46-c6fa94b83a71",
             "#e0e0e0", "scene", ()),
    Category("shooting location", "Shooting location", "Location", 30,
             "c5e89e4d-f83e-4c28-950c-92a63f1b5f26", "#e0e0e0", "scene",
             ("location", "real location")),
    Category("comments", "Comments", "Comments", 31, "216f33fd-fc42-4269-be01-b05b18f815a0",
             "#e0e0e0", "scene", ()),
    Category("synopsis", "Synopsis", "Synopsis", 1, "8e5e75c2-713b-47df-a75f-f12648b98ded",
             "#e0e0e0", "outline", ()),
)  # fmt: skip

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


def by_fdx(name: str = "", guid: str = "") -> Category | None:
    """The category a Final Draft ``TagCategory`` means: by ``Name`` first, then by ``Id``."""
    wanted = normalise_label(name)
    for category in CATEGORY_TABLE:
        if wanted and normalise_label(category.fdx_name) == wanted:
            return category
    guid = guid.strip("{} ").casefold()
    for category in CATEGORY_TABLE:
        if guid and guid in category.all_fdx_ids:
            return category
    return None


def fdx_color(color: str) -> str:
    """``#rrggbb`` as Final Draft writes colours: 16 bits a channel, ``#RRRRGGGGBBBB``."""
    channels = (color[1:3], color[3:5], color[5:7])
    return "#" + "".join(channel.upper() * 2 for channel in channels)
