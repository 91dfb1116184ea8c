"""Agreement with human coders (`evaluate --gold CODED.csv --pred RUN_DIR`): the statistics
(``stats``: kappa, F1, alpha, ICC from scikit-learn, krippendorff and pingouin; ``bootstrap``: their
95 % intervals over sessions), the gold file (``gold``), the tool's earlier codes
(``predictions``), which predicted session each gold session is (``matching``), whether the shipped
models were trained on it (``overlap``), their alignment (``alignment``), the scores
(``human_agreement``) and the table, JSON and CSV (``report``)."""
