"""The supervisor's loop: review files written by the report, and what the tool learns from them."""
