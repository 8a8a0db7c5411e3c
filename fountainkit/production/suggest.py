"""A first-pass shooting schedule: strips grouped, ordered and packed into days.

This is the classic board-building order of an AD, done greedily:

1. **Group** the strips by set (the heading's location: every room of
   ``HWANG ENTERTAINMENT`` is one company move), and inside a set by INT/EXT
   and day/night, day work before night work, each group in script order.
2. **Order** the sets so each actor's span of shoot days stays short (their
   span is what they are paid for: work plus hold days). Two starting orders,
   a greedy one (next the set that keeps the fewest actors waiting or starts
   the fewest early, finishing actors on ties) and the sets in the order the
   story meets them, are each improved by moving runs of one to three
   neighbouring sets to wherever the total span of all actors drops, until no
   move helps (or :data:`MAX_PASSES`); the better of the two is kept.
3. **Pack** the ordered strips into days of at most ``pages_per_day`` pages; a
   strip longer than that gets a day to itself (as MMS does when it inserts
   day breaks by page count).

Finding the best order is the "talent scheduling" problem, which is NP-hard;
this heuristic is not optimal, and the schedule is a start for an AD to edit,
not a finished board. :func:`total_paid_days` is the measure it minimises
(with no drops, so every day inside an actor's span counts).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from fountainkit.production.schedule_file import DaySpec, ScheduleFile
from fountainkit.production.strips import ScriptStrips, Strip

DEFAULT_PAGES_PER_DAY = 5.0
MAX_PASSES = 6
MAX_RUN = 3  # the longest run of neighbouring sets the improvement pass moves at once
_DAY_NIGHT_ORDER = {"DAY": 0, "": 1, "NIGHT": 2}
_INT_EXT_ORDER = {"EXT": 0, "INT/EXT": 1, "INT": 2, "EST": 3, "": 4}


@dataclass(frozen=True)
class SetGroup:
    """The strips of one set, in the order they will be shot."""

    name: str
    strips: tuple[Strip, ...]
    # (eighths, cast IDs) per strip, and the totals: what the cost loop reads.
    items: tuple[tuple[int, tuple[int, ...]], ...] = field(init=False, repr=False)
    eighths: int = field(init=False, repr=False)
    cast: frozenset[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        items = tuple((strip.eighths, strip.cast_ids) for strip in self.strips)
        object.__setattr__(self, "items", items)
        object.__setattr__(self, "eighths", sum(size for size, _ in items))
        object.__setattr__(self, "cast", frozenset(c for _, cast in items for c in cast))


def _set_key(strip: Strip) -> str:
    return " ".join((strip.location or strip.set or strip.heading).split()).casefold()


def group_by_set(strips: Sequence[Strip]) -> list[SetGroup]:
    """Sets in order of first appearance; inside one, EXT before INT and DAY before NIGHT."""
    groups: dict[str, list[Strip]] = {}
    for strip in strips:
        groups.setdefault(_set_key(strip), []).append(strip)
    result = []
    for members in groups.values():
        ordered = sorted(
            members,
            key=lambda s: (
                _DAY_NIGHT_ORDER.get(s.day_night, 1),
                _INT_EXT_ORDER.get(s.int_ext, 4),
                s.index,
            ),
        )
        first = members[0]
        result.append(SetGroup(first.location or first.set or first.heading, tuple(ordered)))
    return result


def pack_days(groups: Sequence[Sequence[Strip]], capacity: int) -> list[list[Strip]]:
    """Fill days in order up to ``capacity`` eighths; a long strip gets a day of its own.

    ``groups`` are runs of strips to keep on one day when they can be: a set
    that fits in a day but not in what is left of a day already half full
    starts the next day rather than forcing a company move halfway through.
    """
    days: list[list[Strip]] = []
    current: list[Strip] = []
    used = 0
    for group in groups:
        size = sum(strip.eighths for strip in group)
        if current and used + size > capacity and size <= capacity and used * 2 >= capacity:
            days.append(current)
            current, used = [], 0
        for strip in group:
            if current and used + strip.eighths > capacity:
                days.append(current)
                current, used = [], 0
            current.append(strip)
            used += strip.eighths
    if current:
        days.append(current)
    return days


def total_paid_days(days: Sequence[Sequence[Strip]]) -> int:
    """Sum over actors of the days from their first to their last work day (work + hold)."""
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for number, day in enumerate(days):
        for strip in day:
            for cast_id in strip.cast_ids:
                first.setdefault(cast_id, number)
                last[cast_id] = number
    return sum(last[cast_id] - first[cast_id] + 1 for cast_id in first)


def _cost(order: Sequence[SetGroup], capacity: int) -> int:
    """total_paid_days(pack_days(order)), without building the days: the inner loop
    of the improvement pass, so it repeats pack_days' rules inline."""
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    day = used = 0
    for group in order:
        size = group.eighths
        if used and used + size > capacity and size <= capacity and used * 2 >= capacity:
            day, used = day + 1, 0
        for eighths, cast in group.items:
            if used and used + eighths > capacity:
                day, used = day + 1, 0
            used += eighths
            for cast_id in cast:
                if cast_id not in first:
                    first[cast_id] = day
                last[cast_id] = day
    return sum(last[cast_id] - first[cast_id] + 1 for cast_id in first)


def _greedy_order(groups: list[SetGroup]) -> list[SetGroup]:
    """Next set: fewest actors kept waiting or started early, most finished, biggest first."""
    remaining = list(groups)
    # Sets still to shoot, per actor.
    left: dict[int, int] = {}
    for group in groups:
        for cast_id in group.cast:
            left[cast_id] = left.get(cast_id, 0) + 1
    started: set[int] = set()
    order: list[SetGroup] = []
    while remaining:
        open_cast = frozenset(c for c in started if left.get(c, 0) > 0)
        best = min(remaining, key=lambda group: _greedy_score(group, open_cast, started, left))
        remaining.remove(best)
        order.append(best)
        for cast_id in best.cast:
            started.add(cast_id)
            left[cast_id] -= 1
    return order


def _greedy_score(
    group: SetGroup, open_cast: frozenset[int], started: set[int], left: dict[int, int]
) -> tuple[int, int, int]:
    # Actors on hold while this set shoots, and actors it starts who must then
    # wait for sets still to come: both cost paid days, in proportion to its length.
    waiting = len(open_cast - group.cast)
    starting = sum(1 for c in group.cast if c not in started and left[c] > 1)
    finishing = sum(1 for c in group.cast if left[c] == 1)
    return ((waiting + starting) * group.eighths, -finishing, -group.eighths)


def _improve(order: list[SetGroup], capacity: int) -> tuple[list[SetGroup], int]:
    """Move runs of one to :data:`MAX_RUN` neighbouring sets to wherever the cost drops,
    first improvement first, until no move helps (or :data:`MAX_PASSES`)."""
    best_cost = _cost(order, capacity)
    for _ in range(MAX_PASSES):
        improved = False
        for length in range(1, MAX_RUN + 1):
            start = 0
            while start + length <= len(order):
                run = order[start : start + length]
                rest = order[:start] + order[start + length :]
                for position in range(len(rest) + 1):
                    if position == start:
                        continue
                    candidate = rest[:position] + run + rest[position:]
                    cost = _cost(candidate, capacity)
                    if cost < best_cost:
                        order, best_cost, improved = candidate, cost, True
                        break
                start += 1
        if not improved:
            break
    return order, best_cost


def suggest_days(
    script: ScriptStrips, pages_per_day: float = DEFAULT_PAGES_PER_DAY
) -> list[list[Strip]]:
    """Shoot days of strips for ``script``, at most ``pages_per_day`` pages each."""
    if pages_per_day <= 0:
        raise ValueError(f"pages per day must be more than 0, not {pages_per_day}")
    capacity = max(1, round(pages_per_day * 8))
    groups = group_by_set(script.strips)
    # Two starts, each improved: the greedy order, and the sets as the story meets them
    # (which keeps day players of one stretch of the story together); the cheaper wins.
    results = [_improve(start, capacity) for start in (_greedy_order(groups), groups)]
    order, _ = min(results, key=lambda result: result[1])
    return pack_days([group.strips for group in order], capacity)


def script_order_days(
    script: ScriptStrips, pages_per_day: float = DEFAULT_PAGES_PER_DAY
) -> list[list[Strip]]:
    """The baseline: scenes shot in script order, packed the same way."""
    return pack_days([(strip,) for strip in script.strips], max(1, round(pages_per_day * 8)))


def as_schedule_file(days: Sequence[Sequence[Strip]], source: str = "suggested") -> ScheduleFile:
    specs = tuple(
        DaySpec(number=n, line=0, scenes=tuple(strip.number for strip in day))
        for n, day in enumerate(days, start=1)
    )
    return ScheduleFile(specs, source)


def _comment(text: str) -> str:
    return " ".join(text.split())


def schedule_yaml(days: Sequence[Sequence[Strip]], header: Sequence[str] = ()) -> str:
    """A schedule file for ``days``, with a comment per day naming its sets and pages.

    Scene numbers are written quoted ("7A", "10") so YAML keeps them as printed.
    """
    from fountainkit.breakdown.eighths import format_eighths

    lines = [f"# {_comment(line)}" if line else "#" for line in header]
    lines.append("days:")
    for number, day in enumerate(days, start=1):
        sets = list(dict.fromkeys(strip.set_name for strip in day))
        pages = format_eighths(sum(strip.eighths for strip in day))
        lines.append(f"  # day {number}: {pages} pages - {_comment('; '.join(sets))}")
        scenes = ", ".join(f'"{strip.number}"' for strip in day)
        lines.append(f"  - scenes: [{scenes}]")
    return "\n".join(lines) + "\n"
