"""Language data: the general words of questions, apart from the code that uses them.

As in spaCy's ``lang/`` packages, these modules hold word lists and small tables only — stop
words and filler, question words, measure words, claim words, a gazetteer of places — so a
reviewer can read and extend the vocabulary without reading the matcher. Nothing here is about
a particular article: what one article covers (its city, its districts, the metrics it lacks)
lives in that article's pack (``scope.yaml``).
"""
