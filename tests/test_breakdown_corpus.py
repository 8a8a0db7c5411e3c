"""Hand-checked breakdowns of real scripts: the public-domain corpus and our sample.

Every expectation here was counted by reading the script, not by running the
code: scene headings, cues (normalised), capitalised introductions in the
action, tags. BetterFountain's statistics test does the same for Big Fish
(190 scenes, 48 speaking characters); Big Fish is not in our corpus, so these
play that part.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fountainkit import parse_file
from fountainkit.breakdown import Breakdown, BreakdownSettings, Suggested, breakdown


def _load(path: Path) -> Breakdown:
    return breakdown(parse_file(path))


def _speaking(result: Breakdown) -> set[str]:
    return {member.name for member in result.speaking_cast}


# --- public domain: earthbound19/_ebScreenplays (Unlicense) ------------------------------


@pytest.fixture(scope="module")
def cyber_bob(corpus_dir: Path) -> Breakdown:
    return _load(corpus_dir / "public-domain" / "Cyber_Bob_ep00001.fountain")


@pytest.fixture(scope="module")
def library(corpus_dir: Path) -> Breakdown:
    return _load(corpus_dir / "public-domain" / "THE_LIBRARY_FREAK-OUT.fountain")


def test_cyber_bob_scenes(cyber_bob: Breakdown) -> None:
    assert [(s.int_ext, s.location, s.time, s.line) for s in cyber_bob.scenes] == [
        ("EXT", "PARK", "DAY", 24),
        ("EXT", "SUBURBAN TRAFFIC INTERSECTION", "DAY", 130),
        ("INT", "TRAFFIC LIGHT HORIZONTAL BEAM", "NIGHT", 155),
    ]


def test_cyber_bob_cast(cyber_bob: Breakdown) -> None:
    # BOB and CYBER BOB are both cues in the script; merging them needs a user's alias.
    assert _speaking(cyber_bob) == {"BOB", "DOG", "MARGARET", "CYBER BOB", "CYBER BOSS", "BOSS"}
    park, intersection, beam = cyber_bob.scenes
    assert park.speaking == ("BOB", "DOG", "MARGARET", "CYBER BOB", "CYBER BOSS")
    # Dogs in capitals are animals to review, never cast.
    assert park.suggested == Suggested(animals=("CUTE DOG", "MANY DOGS"))
    assert (intersection.speaking, intersection.non_speaking) == (("BOSS",), ("BOB",))
    assert intersection.suggested == Suggested(sounds=("FWOOSH",))
    assert (beam.speaking, beam.non_speaking) == (("DOG", "BOB"), ())
    assert beam.suggested == Suggested(animals=("SEVEN CHIHUAHUAS",))
    assert [(m.id, m.name) for m in cyber_bob.cast] == [
        (1, "BOB"),
        (2, "DOG"),
        (3, "MARGARET"),
        (4, "CYBER BOB"),
        (5, "CYBER BOSS"),
        (6, "BOSS"),
    ]
    margaret = next(m for m in cyber_bob.cast if m.name == "MARGARET")
    # "Hiii." / "Your hmm hey hwuh? Bwuh?" / "Ehm! Whih?!" / "Hm-n-hweh huh. Ne, eh, ..."
    assert (margaret.speeches, margaret.dialogue_lines, margaret.words) == (4, 4, 17)
    bob = next(m for m in cyber_bob.cast if m.name == "BOB")
    assert bob.speeches == 16 and bob.speaking_scenes == (1, 3) and bob.scenes == (1, 2, 3)


def test_cast_aliases_merge_two_names_of_one_character(corpus_dir: Path) -> None:
    settings = BreakdownSettings.from_mapping({"cast_aliases": {"Cyber Bob": "bob"}})
    script = parse_file(corpus_dir / "public-domain" / "Cyber_Bob_ep00001.fountain")
    result = breakdown(script, settings)
    park = result.scenes[0]
    assert park.speaking == ("BOB", "DOG", "MARGARET", "CYBER BOSS")
    bob = result.cast[0]
    assert (bob.name, bob.speeches, bob.scenes) == ("BOB", 18, (1, 2, 3))
    assert "CYBER BOB" not in {m.name for m in result.cast}


def test_library_scenes_and_location(library: Breakdown) -> None:
    assert [(s.int_ext, s.location, s.time) for s in library.scenes] == [
        ("EXT", "LIBRARY", "DAY"),
        ("INT", "LIBRARY", "DAY"),
        ("EXT", "LIBRARY", "DAY"),
    ]
    (only,) = library.locations
    assert (only.name, only.int_ext, only.scenes) == ("LIBRARY", ("EXT", "INT"), (1, 2, 3))


def test_library_cast(library: Breakdown) -> None:
    outside, inside, ruins = library.scenes
    assert (outside.speaking, outside.non_speaking) == ((), ())
    assert inside.speaking == (
        "CHALF",
        "NAR",
        "YOR",
        "CHARYA",
        "PATRON ONE",
        "PATRON TWO",
        "PATRONS THREE AND FOUR",
        "THRAIN",
        "PATRON FIVE",
    )
    # "MANY OTHER PATRONS" are background, suggested as a group without their count.
    assert inside.non_speaking == () and inside.suggested == Suggested(groups=("PATRONS",))
    assert (ruins.speaking, ruins.non_speaking) == (("CHARYA", "THRAIN", "CHALF"), ())
    assert [m.name for m in library.cast] == [
        "CHALF",
        "CHARYA",
        "THRAIN",
        "NAR",
        "YOR",
        "PATRON ONE",
        "PATRON TWO",
        "PATRONS THREE AND FOUR",
        "PATRON FIVE",
    ]
    chalf = library.cast[0]
    assert chalf.speeches == 20 and chalf.scenes == (2, 3)


# --- the sample script ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def seoul(sample_script: Path) -> Breakdown:
    return _load(sample_script)


def test_sample_scene_count_and_numbers(seoul: Breakdown) -> None:
    # The boneyarded NORAEBANG scene and the forced-action "!EXT. 4471 ..." are not
    # scenes; the forced ".FLASHBACK" heading is. After #7A#, numbering goes on at 8,
    # so the locked #20# on the last scene lines up.
    assert [s.number for s in seoul.scenes] == [
        *map(str, range(1, 8)),
        "7A",
        *map(str, range(8, 21)),
    ]
    assert seoul.title == "SEOUL SESSIONS"


def test_sample_sluglines(seoul: Breakdown) -> None:
    s = {scene.index: scene for scene in seoul.scenes}
    assert (s[1].int_ext, s[1].location, s[1].sublocation, s[1].time, s[1].day_night) == (
        "INT",
        "DEZ'S APARTMENT",
        "VAN NUYS",
        "MORNING",
        "DAY",
    )
    assert (s[2].int_ext, s[2].location, s[2].sublocation) == (
        "INT/EXT",
        "DEZ'S CADILLAC",
        "SEPULVEDA BOULEVARD",
    )
    assert (s[3].int_ext, s[3].location, s[3].sublocation, s[3].time) == (
        "EST",
        "SEOUL",
        "GANGNAM SKYLINE",
        "NIGHT",
    )
    assert (s[4].int_ext, s[4].location, s[4].time, s[4].day_night) == (
        "INT",
        "taxi",
        "night",
        "NIGHT",
    )
    assert (s[8].time, s[8].day_night) == ("CONTINUOUS", "NIGHT")
    # ".FLASHBACK - STUDIO B, HOLLYWOOD - 2007": the set, with FLASHBACK and the year apart.
    assert (s[10].int_ext, s[10].location, s[10].sublocation, s[10].time, s[10].day_night) == (
        "",
        "STUDIO B, HOLLYWOOD",
        "",
        "",
        "",
    )
    assert s[10].modifiers == ("FLASHBACK", "2007")
    assert (s[13].time, s[13].day_night) == ("LATER", "NIGHT")
    assert s[14].int_ext == "INT/EXT"
    assert (s[19].time, s[19].day_night) == ("MOMENTS LATER", "NIGHT")
    assert (s[20].time, s[20].day_night) == ("DAWN", "DAY")
    by_name = {loc.name: loc.scenes for loc in seoul.locations}
    assert by_name["HWANG ENTERTAINMENT"] == (5, 6, 7, 8, 12, 13)
    assert by_name["NEXT WAVE ARENA"] == (16, 17, 18, 19)
    assert by_name["GRANDMA'S APARTMENT"] == (11, 21)


def test_sample_speaking_cast(seoul: Breakdown) -> None:
    # RUDY (O.S.), LENNY (on phone), DEZ (V.O.), JUNHO ^, @TalkBridge and @할머니 all
    # normalise; NORAEBANG OWNER speaks only inside boneyard.
    assert _speaking(seoul) == {
        "DEZ",
        "RUDY",
        "LENNY",
        "YOUNG JUNHO",
        "TALKBRIDGE",
        "MIN-JI",
        "HWANG",
        "PD KANG",
        "JUNHO",
        "MI-SOOK",
        "할머니",
        "HOST",
    }
    s = {scene.index: scene for scene in seoul.scenes}
    assert s[1].speaking == ("RUDY", "DEZ", "LENNY")
    assert s[4].speaking == ("DEZ", "TALKBRIDGE")
    assert s[8].speaking == ("DEZ", "JUNHO")  # JUNHO ^ is dual dialogue
    assert s[11].speaking == ("할머니", "TALKBRIDGE", "DEZ")
    assert s[18].speaking == ("HOST", "JUNHO", "MIN-JI", "DEZ", "PD KANG")


def test_sample_non_speaking_cast_and_suggestions(seoul: Breakdown) -> None:
    s = {scene.index: scene for scene in seoul.scenes}
    assert s[4].non_speaking == ("MR. CHO",)  # the taxi driver, tagged [[cast: Mr. Cho]]
    assert s[5].suggested.people == ("BAEK",)
    assert s[9].non_speaking == ("DEZ", "JUNHO")  # on the monitors
    assert s[9].suggested == Suggested(people=("JI-HOON",))  # the caption is no one
    assert s[11].non_speaking == ()  # "Junho's grandmother" is a mention, not a presence
    assert s[12].non_speaking == ("MIN-JI",)  # "Min-ji sits between them", silent
    # A heuristic, for review: MIN-JI is only named on a card here, JUNHO only on
    # banners; "Junho: ..." text messages are labels and do not count.
    assert s[15].non_speaking == ("MIN-JI",)
    assert s[16].non_speaking == ("JUNHO", "DEZ")
    assert s[16].suggested.people == ("SEO-JIN",)
    assert s[17].suggested.people == ("YOON-AH",)
    assert s[19].suggested.people == ("SEO-JIN",)
    assert [(x.name, x.kind, x.scenes) for x in seoul.suggestions] == [
        ("BAEK", "person", (5,)),
        ("JI-HOON", "person", (9,)),
        ("SEO-JIN", "person", (16, 19)),
        ("YOON-AH", "person", (17,)),
    ]


def test_sample_cast_ids(seoul: Breakdown) -> None:
    # Only speaking parts and the tagged MR. CHO have IDs; BAEK and the others are suggestions.
    assert [(m.id, m.name, len(m.scenes), m.source) for m in seoul.cast] == [
        (1, "DEZ", 19, "speaking"),
        (2, "JUNHO", 10, "speaking"),
        (3, "MIN-JI", 9, "speaking"),
        (4, "PD KANG", 4, "speaking"),
        (5, "TALKBRIDGE", 3, "speaking"),
        (6, "YOUNG JUNHO", 2, "speaking"),
        (7, "할머니", 2, "speaking"),
        (8, "HOST", 2, "speaking"),
        (9, "RUDY", 1, "speaking"),
        (10, "LENNY", 1, "speaking"),
        (11, "MR. CHO", 1, "tag"),
        (12, "HWANG", 1, "speaking"),
        (13, "MI-SOOK", 1, "speaking"),
    ]


def test_sample_story_days(seoul: Breakdown) -> None:
    # [[day: 1]] in scene 1, [[day: 2]] in scene 4, carried to the end.
    assert [s.story_day for s in seoul.scenes] == ["1"] * 3 + ["2"] * 18


def test_sample_tagged_elements(seoul: Breakdown) -> None:
    s = {scene.index: scene for scene in seoul.scenes}
    assert s[1].elements == {
        "props": ("vintage Fender Rhodes", "cassette tape"),
        "wardrobe": ("gold sequin jacket",),
    }
    assert s[3].elements == {"vfx": ("billboard screen replacement",)}
    assert s[4].elements == {
        "cast": ("Mr. Cho",),
        "vehicles": ("taxi",),
        "sfx": ("rain on glass",),
        "music": ("trot ballad on the taxi radio",),
    }
    assert s[10].elements == {
        "props": ("cassette recorder", "headphones", "milk crate"),
        "wardrobe": ("red tracksuit (two sizes too big)",),
    }
    # [[catering: ...]] is no category (unless the config file adds one): a note.
    assert list(s[11].elements.items()) == [
        ("props", ("steel spoon", "kimchi jjigae", "shoebox of worn-out cassette players")),
        ("animals", ("white Jindo dog named Mandu",)),
    ]
    assert s[18].elements == {
        "sound": ("crowd roar", "light-stick clicks"),
        "special equipment": ("camera crane",),
    }
    # Element tags holding 29 items (28 counted line by line, catering no longer among
    # them, plus the cast tag); the day tags set the story day, and the other notes (a
    # question to the writer, notes in boneyard) add nothing.
    assert sum(len(items) for scene in seoul.scenes for items in scene.elements.values()) == 29
    assert seoul.warnings == ()
