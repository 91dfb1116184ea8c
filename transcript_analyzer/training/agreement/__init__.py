"""Agreement with human coders (`evaluate --gold CODED.csv --pred RUN_DIR`): the statistics
(``stats``: kappa, positive agreement, ICC), the gold file (``gold``), the tool's earlier codes
(``predictions``), their alignment (``alignment``) and the report (``human_agreement``)."""
