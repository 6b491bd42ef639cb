"""Tuning values of the decision, declared once with what each one means.

As in Rasa's fallback classifier, a score threshold *and* a margin over the runner-up calibrate
the decision, and the same values explain why a message was not answered (`low_score`,
`close_candidates`). The margin asked for grows as the score falls: `margin` at `answer_score`,
`dominant_margin` at `dominant_score`; below that, a best never answers alone.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT", "Thresholds"]


@dataclass(frozen=True, slots=True)
class Thresholds:
    answer_score: float = 58.0  # at or above (with `margin` over the runner-up): answered
    margin: float = 6.0
    dominant_score: float = 42.0  # a weaker best still answers when it leads by ...
    dominant_margin: float = 18.0  # ... this much
    min_score: float = 36.0  # below: nothing close enough
    ambiguous_band: float = 15.0  # candidates within this many points of the best are offered
    exact_score: float = 80.0  # text score that counts as "the question names this entry"
    fold_band: float = 15.0  # a same-sentence entry of the wanted kind this close takes over
    what_fold_band: float = 20.0  # ... wider when the wording asks for the programme (是什么)
    bare_fold_band: float = 3.0  # ... narrower for a bare subject: only a programme that ties
    named_lead: float = 5.0  # text lead of the entry a question names over a unit-only fit
    refit_band: float = 12.0  # a fitting candidate this close behind a misfit best answers
    sibling_refit_band: float = 25.0  # ... or this close when it quotes the best's sentence
    year_alternative: float = 10.0  # a year-fitting rival this close behind answers instead
    city_band: float = 8.0  # packs of two cities this close: ask which city is meant
    uncovered_chars: int = 2  # words of a yes/no question the entry never says: not stated

    def margin_needed(self, score: float) -> float:
        """The lead over the runner-up that makes `score` an answer."""
        if score >= self.answer_score:
            return self.margin
        if score < self.dominant_score:
            return float("inf")
        slope = (self.dominant_margin - self.margin) / (self.answer_score - self.dominant_score)
        return self.dominant_margin - (score - self.dominant_score) * slope


DEFAULT = Thresholds()
