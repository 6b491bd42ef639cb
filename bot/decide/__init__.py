"""The decide stage: given what was asked (an `Ask`) and the ranked entries, say whether one of
them is *the* answer, which, and if not, why not — with what the article states instead."""
