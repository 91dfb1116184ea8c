"""The context-aware coder (issue 12): one transformer fine-tuned end to end over every code.

``data`` (items with context and multi-task targets, spoken-style copies), ``train`` (the
fine-tuning loop with checkpoints and resume), ``calibrate`` (temperatures, decision rules,
per-session agreement), ``card`` (the model card), ``recipe`` (the 'coder' recipe: fine-tune,
export to ONNX int8, calibrate and score the export). Inference lives in markers/coder.py.
"""
