"""JSON Schemas generated from the record models.

Published in the site under `schema/` and committed under `schema/` at the
project root, where each YAML file's first line points editors' tools
(completion, inline errors). `python -m vitrine.schemas` refreshes them.

Above the model: the schemas cover the definition files of other packages too
(identity tokens, the calendar), which the model never imports.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from .identity.tokens import Identity
from .model.records import Capitals, Champion, Criteria, FigureDefinitions, Listings, Quartier, Sectors
from .showcase.calendar import Calendar

SCHEMAS: dict[str, type[BaseModel]] = {
    "quartier": Quartier,
    "champion": Champion,
    "criteria": Criteria,
    "capitals": Capitals,
    "sectors": Sectors,
    "listings": Listings,
    "figures": FigureDefinitions,
    "identity": Identity,
    "calendar": Calendar,
}


def schema_text(name: str, model: type[BaseModel]) -> str:
    schema = model.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{name}.schema.json", **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = folder / f"{name}.schema.json"
        path.write_text(schema_text(name, model), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("schema")
    for path in write_schemas(target):
        print(path)
