"""Alliance check-in instruments defined as YAML data: items, subscales, scale, reverse keys, scoring.

The default is `coachlens-alliance` (``instruments/default.yaml``), an open instrument written by
the project; a practice adds its own (e.g. a licensed WAI-SR) as YAML text of the same shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from coachlens.errors import InvalidInstrument

DEFAULT_INSTRUMENT_KEY = "coachlens-alliance"


@dataclass(frozen=True, slots=True)
class Item:
    """One rated statement, the subscale it belongs to and whether it is reverse-keyed."""

    id: str
    subscale: str
    text: str
    reverse: bool = False


@dataclass(frozen=True, slots=True)
class Scoring:
    """How answers become scores and alerts, with the reliability used for reliable change."""

    low_threshold: float
    reliability: float
    reliability_source: str
    sd: float
    sd_source: str
    rci_threshold: float = 1.96
    min_practice_checkins: int = 30


@dataclass(frozen=True, slots=True)
class Instrument:
    """A check-in instrument: scale, subscales, items, an optional free-text question, scoring."""

    key: str
    version: int
    title: str
    scale_min: int
    scale_max: int
    subscales: Mapping[str, str]
    items: tuple[Item, ...]
    scoring: Scoring
    free_text: str | None = None
    free_text_id: str | None = None

    def items_of(self, subscale: str) -> tuple[Item, ...]:
        """Return the items of ``subscale`` in order."""
        return tuple(i for i in self.items if i.subscale == subscale)


def parse_instrument(text: str, *, source: str = "instrument") -> Instrument:
    """Return the instrument in YAML ``text``; raise `InvalidInstrument` naming the field at fault."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InvalidInstrument(f"{source} is not valid YAML: {' '.join(str(exc).split())}") from None
    if not isinstance(data, dict):
        raise InvalidInstrument(f"{source} must be a YAML mapping with key, scale, subscales, items, scoring")
    field = _Fields(data, source)
    scale = field.mapping("scale")
    low, high = _int(scale, "min", source), _int(scale, "max", source)
    if not low < high:
        raise InvalidInstrument(f"{source}: scale min {low} must be below max {high}")
    subscales = {str(k): str(v) for k, v in field.mapping("subscales").items()}
    if not subscales:
        raise InvalidInstrument(f"{source}: subscales is empty")
    items = tuple(_item(raw, subscales, source) for raw in field.sequence("items"))
    ids = [i.id for i in items]
    if len(set(ids)) != len(ids):
        raise InvalidInstrument(f"{source}: item ids must be unique")
    for name in subscales:
        if not any(i.subscale == name for i in items):
            raise InvalidInstrument(f'{source}: subscale "{name}" has no items')
    scoring = field.mapping("scoring")
    reliability = _number(scoring, "reliability", source)
    if not 0 < reliability < 1:
        raise InvalidInstrument(f"{source}: scoring.reliability must be between 0 and 1")
    free = data.get("free_text")
    return Instrument(
        key=field.text("key"),
        version=int(data.get("version", 1)),
        title=field.text("title"),
        scale_min=low,
        scale_max=high,
        subscales=subscales,
        items=items,
        free_text=str(free["text"]) if isinstance(free, dict) and "text" in free else None,
        free_text_id=str(free.get("id", "comment")) if isinstance(free, dict) else None,
        scoring=Scoring(
            low_threshold=_number(scoring, "low_threshold", source),
            reliability=reliability,
            reliability_source=str(scoring.get("reliability_source", "stated by the instrument")),
            sd=_positive(scoring, "sd", source),
            sd_source=str(scoring.get("sd_source", "stated by the instrument")),
            rci_threshold=_positive(scoring, "rci_threshold", source, default=1.96),
            min_practice_checkins=int(scoring.get("min_practice_checkins", 30)),
        ),
    )


@cache
def default_instrument() -> Instrument:
    """Return the project's open alliance instrument (parsed once)."""
    text = files("coachlens.alliance").joinpath("instruments/default.yaml").read_text(encoding="utf-8")
    return parse_instrument(text, source="default.yaml")


class _Fields:
    def __init__(self, data: dict[str, Any], source: str) -> None:
        self.data, self.source = data, source

    def text(self, key: str) -> str:
        value = self.data.get(key)
        if not isinstance(value, str | int) or not str(value).strip():
            raise InvalidInstrument(f"{self.source}: {key} is missing")
        return str(value).strip()

    def mapping(self, key: str) -> dict[str, Any]:
        value = self.data.get(key)
        if not isinstance(value, dict):
            raise InvalidInstrument(f"{self.source}: {key} must be a mapping")
        return value

    def sequence(self, key: str) -> list[Any]:
        value = self.data.get(key)
        if not isinstance(value, list) or not value:
            raise InvalidInstrument(f"{self.source}: {key} must be a non-empty list")
        return value


def _item(raw: Any, subscales: Mapping[str, str], source: str) -> Item:
    if not isinstance(raw, dict) or not raw.get("id") or not raw.get("text"):
        raise InvalidInstrument(f"{source}: every item needs an id and a text")
    subscale = str(raw.get("subscale", ""))
    if subscale not in subscales:
        raise InvalidInstrument(
            f'{source}: item "{raw["id"]}" names subscale "{subscale}", which is not listed'
        )
    return Item(
        id=str(raw["id"]), subscale=subscale, text=str(raw["text"]), reverse=bool(raw.get("reverse", False))
    )


def _int(data: Mapping[str, Any], key: str, source: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidInstrument(f"{source}: scale.{key} must be a whole number")
    return value


def _number(data: Mapping[str, Any], key: str, source: str, default: float | None = None) -> float:
    value = data.get(key, default)
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise InvalidInstrument(f"{source}: scoring.{key} must be a number")
    return float(value)


def _positive(data: Mapping[str, Any], key: str, source: str, default: float | None = None) -> float:
    value = _number(data, key, source, default)
    if value <= 0:
        raise InvalidInstrument(f"{source}: scoring.{key} must be above 0")
    return value
