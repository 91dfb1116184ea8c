"""The shared corpora as training data: loaders (``datasets``), utterance-level examples with their
fixed conversation split (``examples``), and the on-disk cache of their embeddings (``embed_cache``)."""
