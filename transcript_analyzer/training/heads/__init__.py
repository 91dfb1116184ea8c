"""The marker heads and the disclosure criteria: labelled items (``data``), fitting, calibration and
scoring (``fit``), the 'heads' recipe (``recipe``) and its model cards (``cards``), the
'appropriateness' recipe (``appropriateness``), and the check of the shipped models against their
metrics (``evaluate``, for `evaluate --data`)."""
