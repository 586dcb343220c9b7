#!/usr/bin/env python3
"""Joins the four services' OpenAPI documents into the gateway's one document of the public API.

Usage: merge.py OUT.json URL_OR_FILE...   (run.sh passes each service's /q/openapi?format=json)

Paths are disjoint (one owner per prefix, as in the gateway). Components of the same name and
type are kept once when identical (Problem, bearerAuth, ...); a clash of different definitions is
renamed `<service>_<name>` in the document that brought it, with its $refs rewritten. Only the
standard library: run.sh needs no Node for it.
"""
import json
import os
import sys
import urllib.request

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def load(src):
    if src.startswith("http://") or src.startswith("https://"):
        with urllib.request.urlopen(src, timeout=30) as r:
            return json.load(r)
    with open(src, encoding="utf-8") as f:
        return json.load(f)


def rewrite_refs(node, renames):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref in renames:
            node["$ref"] = renames[ref]
        for v in node.values():
            rewrite_refs(v, renames)
    elif isinstance(node, list):
        for v in node:
            rewrite_refs(v, renames)


def service_name(doc, index):
    title = (doc.get("info") or {}).get("title") or f"service{index}"
    return title.split()[0].replace("-service", "").replace("-", "_")


def merge(docs):
    out = {
        "openapi": "3.1.0",
        "info": {
            "title": "Licensing platform public API",
            "version": docs[0].get("info", {}).get("version", "1.0.0"),
            "description": "All public operations of the platform behind its gateway, joined from the "
                           "documents of license-, device-, session- and stats-service.",
        },
        "servers": [{"url": "/", "description": "The gateway that served this document"}],
        "paths": {},
        "components": {},
        "tags": [],
    }
    tags = {}
    for i, doc in enumerate(docs):
        name = service_name(doc, i)
        renames = {}
        for ctype, entries in (doc.get("components") or {}).items():
            target = out["components"].setdefault(ctype, {})
            for key, value in entries.items():
                if key in target and target[key] != value:
                    renames[f"#/components/{ctype}/{key}"] = f"#/components/{ctype}/{name}_{key}"
        if renames:
            rewrite_refs(doc, renames)
        for ctype, entries in (doc.get("components") or {}).items():
            target = out["components"][ctype]
            for key, value in entries.items():
                new = renames.get(f"#/components/{ctype}/{key}", f"#/components/{ctype}/{key}").rsplit("/", 1)[1]
                target[new] = value
        for path, item in (doc.get("paths") or {}).items():
            if path in out["paths"]:
                raise SystemExit(f"path {path} is in two documents")
            out["paths"][path] = item
        for tag in doc.get("tags") or []:
            tags.setdefault(tag["name"], tag)
    out["tags"] = [tags[k] for k in sorted(tags)]
    ids = {}
    for path, item in out["paths"].items():
        for m in METHODS:
            op = item.get(m)
            if op and op.get("operationId"):
                other = ids.setdefault(op["operationId"], f"{m.upper()} {path}")
                if other != f"{m.upper()} {path}":
                    raise SystemExit(f"operationId {op['operationId']} on {other} and {m.upper()} {path}")
    return out


def main(argv):
    if len(argv) < 3:
        raise SystemExit(__doc__)
    merged = merge([load(s) for s in argv[2:]])
    tmp = argv[1] + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(merged, f, indent=1, sort_keys=False)
    os.replace(tmp, argv[1])
    n = sum(1 for item in merged["paths"].values() for m in METHODS if m in item)
    print(f"merged {len(argv) - 2} documents: {len(merged['paths'])} paths, {n} operations -> {argv[1]}")


if __name__ == "__main__":
    main(sys.argv)
