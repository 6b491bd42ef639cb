"""The compose stage: answers built from several entries or from a pack's own records —
overviews, questions about the article — rather than from one ranked entry."""
