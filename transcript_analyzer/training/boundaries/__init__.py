"""The boundary model for unpunctuated text (text/boundaries.py): gaps labelled from the corpora's
own punctuation (``data``), a linear model fit on the training split, the threshold tuned on
validation and the test split scored against spaCy's parser (``recipe``)."""
