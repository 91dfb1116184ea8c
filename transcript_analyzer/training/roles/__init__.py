"""The role model (which speaker is the therapist): fitting and held-out evaluation (``fit``) and the
'roles' recipe (``recipe``)."""
