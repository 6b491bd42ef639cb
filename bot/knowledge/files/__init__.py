"""One parser per pack file kind: YAML (with lines) in, model records plus Problems out.

Each parser keeps every record it can build, with "" for a missing field, so the content
checks can still run on a pack with structural problems without a cascade of follow-ons.
"""
