"""Knowledge packs: YAML folders in, frozen, checked records out.

``models`` (the records) · ``problems`` (Problem, KnowledgeError) · ``reader`` (YAML with
line numbers) · ``fields`` (typed field reads) · ``files/`` (one parser per file kind) ·
``discovery`` (which folders and files make a pack) · ``pack`` (parse a pack) ·
``checks/`` and ``coverage`` (what validate checks) · ``restore`` (the restoration table) ·
``loader`` (load = parse + check).

Nothing is imported here, so ``bot.knowledge.models`` stays cheap for the engine.
"""
