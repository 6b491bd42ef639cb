"""Where packs and their files are: a pack is a folder with a source.yaml, nothing more.

The file names live here so parsers, checks and the ``new-pack`` scaffold agree on them,
and so a stray or misspelt file (``indicator.yaml``) or a folder that looks like a pack
but would be skipped is reported instead of silently ignored.
"""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.problems import Problem

__all__ = [
    "ARTICLE",
    "COVERAGE",
    "ENTRY_FILES",
    "GLOSSARY",
    "INDICATORS",
    "PACK_FILES",
    "QAS",
    "RESTORATION",
    "SCOPE",
    "SOURCE",
    "TOPICS",
    "entry_files",
    "pack_folders",
    "stray_files",
    "stray_folders",
]

SOURCE = "source.yaml"
ARTICLE = "article.txt"
RESTORATION = "restoration.yaml"
GLOSSARY = "glossary.yaml"
TOPICS = "topics.yaml"
COVERAGE = "coverage.yaml"
SCOPE = "scope.yaml"
INDICATORS = "indicators.yaml"
QAS = "qa.yaml"
# Entries may be split over several files (indicators-elderly.yaml, qa-funeral.yaml ...).
ENTRY_FILES = ("indicators", "qa")
PACK_FILES = (SOURCE, ARTICLE, RESTORATION, GLOSSARY, TOPICS, INDICATORS, QAS, COVERAGE, SCOPE)


def pack_folders(root: Path) -> list[Path]:
    """Every sub-folder holding a source.yaml is a pack; sorted by name for a stable order."""
    return sorted(p.parent for p in Path(root).glob(f"*/{SOURCE}") if p.parent.is_dir())


def entry_files(folder: Path) -> list[tuple[str, Path]]:
    """indicators.yaml then indicators-*.yaml, then the same for qa: a stable order."""
    out: list[tuple[str, Path]] = []
    for kind in ENTRY_FILES:
        main = folder / f"{kind}.yaml"
        if main.is_file():
            out.append((kind, main))
        out += [(kind, p) for p in sorted(folder.glob(f"{kind}-*.yaml")) if p.is_file()]
    return out


def stray_files(folder: Path) -> list[Problem]:
    """YAML files of a pack folder that no parser reads: almost always a typo in the name."""
    if not folder.is_dir():
        return []
    known = {*PACK_FILES, *(path.name for _, path in entry_files(folder))}
    return [
        Problem(
            str(path),
            0,
            "",
            f"unknown file: a pack holds {', '.join(PACK_FILES)}"
            " (entries may also be split into indicators-*.yaml / qa-*.yaml)",
        )
        for path in sorted(folder.iterdir())
        if path.suffix in (".yaml", ".yml") and path.name not in known
    ]


def stray_folders(root: Path, packs: list[Path]) -> list[Problem]:
    """A folder with pack files but no source.yaml would be skipped silently: say so.

    Folders named ``_*`` or ``.*`` are left alone (a ``_template/``, an editor's cache).
    """
    problems: list[Problem] = []
    for sub in sorted(root.iterdir()):
        looks_like_pack = sub.is_dir() and ((sub / ARTICLE).exists() or any(sub.glob("*.yaml")))
        if looks_like_pack and sub not in packs and not sub.name.startswith((".", "_")):
            problems.append(
                Problem(str(sub / SOURCE), 0, "", "missing file: the folder is not loaded")
            )
    return problems
