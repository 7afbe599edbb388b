"""The identifiers aigov gives its own terms, and the vocabularies its exports name.

Everything the project names itself (the JSON Schemas, catalogue items,
the vocabulary of the linked-data exports, the mapping set) sits under one
HTTPS base, :data:`BASE`, in the style of a persistent identifier: w3id.org
redirects a path to wherever the project's pages live, so the identifiers
need not change when the project moves.  The redirect is not registered yet:
the identifiers name things, they do not resolve, and aigov never fetches
them.  Other vocabularies (SKOS, AIRO, DPV...) keep their own namespaces.

Documents written with the identifiers of earlier versions (``urn:aigov:``)
are still read; aigov warns that they should be updated.
"""

from __future__ import annotations

from types import MappingProxyType

__all__ = [
    "BASE",
    "ITEMS",
    "MAPPINGS",
    "OLD_URN",
    "ROLES",
    "SCHEMAS",
    "VOCAB",
    "VOCABULARIES",
]

#: The one base of every identifier the project mints.
BASE = "https://w3id.org/aigov/"
#: Classes and properties of the linked-data exports (``aigov:Principle``...).
VOCAB = f"{BASE}vocab#"
#: Framework ``F`` is ``ITEMS + F``; its item ``F:x`` is ``ITEMS + F + "/x"``.
ITEMS = f"{BASE}id/"
#: The roles of the 2017 and 2019 guidelines, whose IDs name no framework.
ROLES = f"{BASE}role/"
#: Schema ``NAME`` of format version ``V`` is ``SCHEMAS + "V/NAME.schema.json"``.
SCHEMAS = f"{BASE}schema/"
#: The curated mappings, as one set (SSSOM ``mapping_set_id``).
MAPPINGS = f"{BASE}mappings"
#: How identifiers began before this base: read, with a warning to update.
OLD_URN = "urn:aigov:"

#: Every prefix an export binds, with its namespace.  A framework whose ID is
#: one of these prefixes gets another prefix in the exports (see
#: :func:`aigov.linked.prefix_of`), so that no pack can redefine them.
VOCABULARIES = MappingProxyType(
    {
        "aigov": VOCAB,
        "aigov-framework": ITEMS,
        "aigov-mappings": f"{MAPPINGS}/",
        "aigov-role": ROLES,
        "airo": "https://w3id.org/airo#",
        "dcterms": "http://purl.org/dc/terms/",
        "dpv": "https://w3id.org/dpv#",
        "dpv-ai": "https://w3id.org/dpv/ai#",
        "owl": "http://www.w3.org/2002/07/owl#",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "semapv": "https://w3id.org/semapv/vocab/",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "sssom": "https://w3id.org/sssom/",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
    }
)
