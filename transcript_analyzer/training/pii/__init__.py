"""The redaction tagger's training (pipelines/pii_tagger.toml): examples and their variants (data),
fine-tuning and ONNX export (fit), scoring (evaluate), the recipe and its model card."""
