"""A generated feature-length screenplay shaped like a real one, for the breakdown benchmarks.

The public-domain inputs have small casts, which hid costs that grow with the
number of names (a name matcher that recompiled one regular expression per new
name). This script is what a line producer actually receives: about 190
scenes, 50 speaking parts with full-name introductions (``EDWARD BLOOM (40s)``
then ``EDWARD`` in cues), about 250 distinct capitalised names in the action
(people, groups, sounds, camera words and props), headings in every common
style, sections and synopses inside scenes, breakdown tags, dual dialogue and
extensions. Every word is generated here from invented syllables and a small
stock of screenplay phrasing: nothing is copied from a real script.

The output is deterministic for a given seed, so a benchmark run can be
repeated exactly::

    python benchmarks/feature.py --out /tmp/feature.fountain
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

SCENES = 190
SPEAKING_PARTS = 50

# Invented name parts: combined, they give names no real script uses together.
_FIRST_SYLLABLES = (
    "AL", "BEN", "CAR", "DOR", "EL", "FEN", "GAR", "HAL", "IS", "JO", "KAS", "LEN",
    "MAR", "NOR", "OS", "PER", "QUIN", "ROS", "SAL", "TOR", "UL", "VAL", "WIL", "YOR",
)  # fmt: skip
_SECOND_SYLLABLES = ("A", "AN", "EN", "IA", "IO", "IS", "O", "ON", "ETTE", "ICK", "INE", "US")
_SURNAMES_A = ("BRAN", "CALD", "DUN", "FAIR", "GRAY", "HOLL", "KESS", "LOCK", "MORR", "PEN")
_SURNAMES_B = ("WELL", "BROOK", "FORD", "LEY", "TON", "WICK", "STEAD", "HART", "MOOR", "SHAW")

_PLACES = (
    "BLOOM HOUSE", "HARBOUR BAR", "POLICE STATION", "HOSPITAL", "MOTEL", "DINER",
    "HIGH SCHOOL", "FERRY", "LIGHTHOUSE", "FACTORY", "TRAIN STATION", "CHURCH",
    "NEWSPAPER OFFICE", "CIRCUS", "APARTMENT BUILDING", "FARM", "BRIDGE", "FOREST ROAD",
    "CASINO", "MUSEUM", "COURTHOUSE", "GAS STATION", "BEACH", "PRISON",
)  # fmt: skip
_ROOMS = (
    "KITCHEN", "HALLWAY", "BEDROOM", "LOBBY", "OFFICE", "ROOF", "BASEMENT", "PARKING LOT",
    "BACK ROOM", "WAITING ROOM", "STAIRWELL", "CORRIDOR",
)  # fmt: skip
_TIMES = ("DAY", "DAY", "DAY", "NIGHT", "NIGHT", "DUSK", "DAWN", "MORNING", "MAGIC HOUR")
_RELATIVE = ("CONTINUOUS", "LATER", "MOMENTS LATER", "SAME")

# Capitalised words in action that are not cast: a realistic mix for the suggestions.
_EXTRAS_PEOPLE = (
    "WAITRESS", "BARTENDER", "NIGHT PORTER", "TAXI DRIVER", "NURSE", "DESK CLERK",
    "OLD WOMAN", "YOUNG MAN", "SECURITY GUARD", "POSTMAN", "PRIEST", "DOCTOR",
    "MECHANIC", "FERRY CAPTAIN", "RINGMASTER", "JUGGLER", "LIBRARIAN", "COOK",
)  # fmt: skip
_GROUPS = (
    "STUDENTS", "CROWD", "DINERS", "PASSENGERS", "SOLDIERS", "REPORTERS", "TOURISTS",
    "CLOWNS", "FACTORY WORKERS", "NUNS", "FISHERMEN", "GAMBLERS", "PATIENTS", "COPS",
)  # fmt: skip
_QUANTITIES = ("TWO", "THREE", "FOUR", "SEVERAL", "A DOZEN")
_SOUNDS = (
    ("The door", "SLAMS"), ("Thunder", "CRACKS"), ("Something hits the water:", "SPLASH"),
    ("The engine", "ROARS"), ("A phone", "RINGS"), ("Glass", "SHATTERS"),
    ("A gun", "FIRES"), ("The kettle", "WHISTLES"), ("A dog", "BARKS"),
    ("The floorboards", "CREAK"), ("Brakes", "SCREECH"), ("A car horn", "BLARES"),
)  # fmt: skip
_CAMERA = ("CLOSE ON", "ANGLE ON", "WIDE SHOT", "INSERT", "BACK TO SCENE", "POV")
_PROPS = ("revolver", "letter", "suitcase", "umbrella", "lantern", "map", "camera", "radio")
_VERBS = (
    "crosses to the window", "sits down heavily", "looks away", "laughs despite herself",
    "checks the time", "pockets the note", "stares at the floor", "lights a cigarette",
    "picks up the phone", "leans against the wall", "opens the drawer", "turns to go",
)  # fmt: skip
_LINES = (
    "I told you I'd be back before the tide.",
    "You never listen. Not once in twenty years.",
    "Where were you on the night of the storm?",
    "It doesn't matter now. None of it matters.",
    "Give me the key and nobody has to know.",
    "The ferry leaves at six. Be on it.",
    "I saw the lights from the road. I thought it was you.",
    "That's not how I remember it.",
    "We have a problem. A big one.",
    "Say that again and I walk.",
    "Your father would have known what to do.",
    "Keep your voice down. They can hear everything.",
)  # fmt: skip
_TAGS = (
    ("props", _PROPS),
    ("wardrobe", ("oilskin coat", "wedding dress", "police uniform", "red scarf")),
    ("vehicles", ("pickup truck", "ferry", "police cruiser", "bicycle")),
    ("sfx", ("rain", "smoke", "breakaway glass", "squib")),
    ("animals", ("dog", "seagulls", "horse")),
    ("extras", ("10 diners", "crowd of 40", "2 nurses")),
)
_PARENTHETICALS = ("(quietly)", "(beat)", "(to Ben)", "(not looking up)", "(laughing)")


@dataclass(frozen=True)
class Part:
    first: str
    last: str
    age: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


def _speaking_parts(rng: random.Random, count: int) -> list[Part]:
    firsts: list[str] = []
    while len(firsts) < count:
        name = rng.choice(_FIRST_SYLLABLES) + rng.choice(_SECOND_SYLLABLES)
        if name not in firsts:
            firsts.append(name)
    parts = []
    for first in firsts:
        last = rng.choice(_SURNAMES_A) + rng.choice(_SURNAMES_B)
        age = rng.choice(("20s", "30s", "40s", "50s", "60s", "AGE 9", "17", "35", "72"))
        parts.append(Part(first, last, age))
    return parts


def _introduction(part: Part, rng: random.Random) -> str:
    description = rng.choice(
        ("weathered and watchful", "sharp-eyed, in a borrowed suit", "all nerves",
         "tired in a way sleep won't fix", "grinning at nothing")
    )  # fmt: skip
    if part.age.startswith("AGE"):
        return f"{part.full}, {part.age}, {description}, {rng.choice(_VERBS)}."
    if rng.random() < 0.5:
        return f"{part.full} ({part.age}), {description}, {rng.choice(_VERBS)}."
    return f"{part.full}, {part.age}, {description}, {rng.choice(_VERBS)}."


class _Writer:
    def __init__(self, seed: int, scenes: int, speaking: int) -> None:
        self.rng = random.Random(seed)
        self.scene_count = scenes
        self.parts = _speaking_parts(self.rng, speaking)
        # Zipf-like weights: a few leads carry the film, most parts have a scene or two.
        self.weights = [1 / (rank + 1) ** 1.1 for rank in range(len(self.parts))]
        self.introduced: set[str] = set()
        self.extras_used = 0
        self.out: list[str] = []

    def emit(self, block: str) -> None:
        self.out.append(block)

    def heading(self, number: int) -> str:
        rng = self.rng
        place = rng.choice(_PLACES)
        int_ext = rng.choice(("INT.", "INT.", "EXT.", "INT./EXT.", "I/E"))
        if rng.random() < 0.3:
            place = f"{place} - {rng.choice(_ROOMS)}"
        elif rng.random() < 0.1:
            place = f"{place}/{rng.choice(_ROOMS)}"
        if rng.random() < 0.08:
            place = f"THE {place}"
        time = rng.choice(_RELATIVE) if number > 1 and rng.random() < 0.15 else rng.choice(_TIMES)
        style = rng.random()
        if style < 0.06:
            return f"{int_ext} {place}, {time}"
        if style < 0.10:
            return f"{int_ext} {place} - {time} - FLASHBACK"
        if style < 0.13:
            return f"{int_ext} {place} - {time} - {rng.choice(('1985', '1977', '2003'))}"
        if style < 0.15:
            return f"{int_ext} {place} - {time} - [THE STORM]"
        if style < 0.18:
            return f"{int_ext} {place} - NIGHT - LATER"
        return f"{int_ext} {place} - {time}"

    def cast_for_scene(self) -> list[Part]:
        size = self.rng.choice((1, 2, 2, 2, 3, 3, 4))
        chosen: list[Part] = []
        # Everyone gets at least one scene, introduced in the first three quarters.
        waiting = [p for p in self.parts if p.first not in self.introduced]
        if waiting and self.rng.random() < 0.5:
            chosen.append(waiting[0])
        while len(chosen) < size:
            part = self.rng.choices(self.parts, self.weights)[0]
            if part not in chosen:
                chosen.append(part)
        return chosen

    def action(self, cast: list[Part]) -> str:
        rng = self.rng
        sentences = []
        for part in cast:
            if part.first not in self.introduced:
                self.introduced.add(part.first)
                sentences.append(_introduction(part, rng))
            elif rng.random() < 0.3:
                name = part.first.capitalize() if rng.random() < 0.7 else part.first
                sentences.append(f"{name} {rng.choice(_VERBS)}.")
        roll = rng.random()
        if roll < 0.18:
            extra = _EXTRAS_PEOPLE[self.extras_used % len(_EXTRAS_PEOPLE)]
            if self.extras_used >= len(_EXTRAS_PEOPLE):
                # Vary the people so the suggestions grow like a real script's.
                extra = f"{rng.choice(('TALL', 'BALD', 'NERVOUS', 'OLD'))} {extra}"
            self.extras_used += 1
            sentences.append(f"A {extra} watches from the doorway.")
        elif roll < 0.30:
            # A named bit part who never speaks: "MRS. KESSLEY (70s) waters the plants."
            title = rng.choice(("MRS.", "MR.", "DR.", "FATHER", "OFFICER", "AUNT"))
            name = f"{title} {rng.choice(_SURNAMES_A)}{rng.choice(_SURNAMES_B)}"
            sentences.append(f"{name} ({rng.choice(('30s', '50s', '70s'))}) {rng.choice(_VERBS)}.")
        elif roll < 0.40:
            group = rng.choice(_GROUPS)
            if rng.random() < 0.4 and group.endswith("S"):
                group = f"{rng.choice(_QUANTITIES)} {group}"
            sentences.append(f"Behind them, {group} drift past without a glance.")
        elif roll < 0.60:
            source, sound = rng.choice(_SOUNDS)
            sentences.append(f"{source} {sound}.")
        elif roll < 0.65:
            sentences.append(f"{rng.choice(_CAMERA)} the {rng.choice(_PROPS)} on the table.")
        sentences.append(
            rng.choice(
                ("Rain streaks the windows.", "Somewhere a radio plays an old song.",
                 "The room smells of diesel and coffee.", "Nobody moves for a long moment.",
                 "A clock ticks on the wall.", "Light from the street cuts across the floor.")
            )
        )  # fmt: skip
        return " ".join(sentences)

    def dialogue(self, part: Part, others: list[Part]) -> str:
        rng = self.rng
        cue = part.first
        roll = rng.random()
        if roll < 0.06:
            cue += " (V.O.)"
        elif roll < 0.12:
            cue += " (O.S.)"
        lines = [cue]
        if rng.random() < 0.25:
            lines.append(rng.choice(_PARENTHETICALS))
        lines.append(" ".join(rng.sample(_LINES, rng.choice((1, 1, 2)))))
        if others and rng.random() < 0.15:
            lines.append(f"{others[0].first.capitalize()}, listen to me.")
        return "\n".join(lines)

    def scene(self, number: int) -> None:
        rng = self.rng
        if number in (1, self.scene_count // 4, self.scene_count // 2, 3 * self.scene_count // 4):
            act = ("ONE", "TWO", "THREE", "FOUR")[min(3, number * 4 // self.scene_count)]
            self.emit(f"# ACT {act}")
        self.emit(self.heading(number))
        cast = self.cast_for_scene()
        if rng.random() < 0.3:
            self.emit(f"= {cast[0].first.capitalize()} learns something that changes everything.")
        self.emit(self.action(cast))
        if rng.random() < 0.3:
            category, items = rng.choice(_TAGS)
            self.emit(f"[[{category}: {'; '.join(rng.sample(items, 2))}]]")
        exchanges = rng.choice((2, 3, 4, 6, 8, 10))
        speakers = [p for p in cast] if len(cast) > 1 else cast
        for turn in range(exchanges):
            part = speakers[turn % len(speakers)]
            others = [p for p in speakers if p is not part]
            if len(speakers) > 1 and rng.random() < 0.03:
                a, b = speakers[0], speakers[1]
                self.emit(f"{a.first}\n{rng.choice(_LINES)}\n\n{b.first} ^\n{rng.choice(_LINES)}")
                continue
            self.emit(self.dialogue(part, others))
            if rng.random() < 0.35:
                if rng.random() < 0.15:
                    self.emit(f"## {rng.choice(('The turn', 'Midpoint', 'Reversal'))}")
                    self.emit("= The scene goes on after the section marker.")
                self.emit(self.action(cast))
        if rng.random() < 0.2:
            self.emit(rng.choice(("CUT TO:", "SMASH CUT TO:", "DISSOLVE TO:")))

    def script(self) -> str:
        self.emit("Title: Harbour Lights\nCredit: written by\nAuthor: benchmarks/feature.py")
        self.emit("FADE IN:")
        for number in range(1, self.scene_count + 1):
            self.scene(number)
        self.emit("FADE OUT.")
        return "\n\n".join(self.out) + "\n"


def feature_script(
    seed: int = 11, scenes: int = SCENES, speaking_parts: int = SPEAKING_PARTS
) -> str:
    """The text of a generated feature: ``scenes`` scenes, ``speaking_parts`` speaking parts."""
    return _Writer(seed, scenes, speaking_parts).script()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--scenes", type=int, default=SCENES)
    args = parser.parse_args()
    args.out.write_text(feature_script(args.seed, args.scenes), encoding="utf-8")


if __name__ == "__main__":
    main()
