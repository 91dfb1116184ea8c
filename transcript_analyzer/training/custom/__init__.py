"""Custom codes from a researcher's labelled examples (`train --labels`): the labels file
(``labels``), training with nested cross-validation (``train``) and the model card (``card``)."""
