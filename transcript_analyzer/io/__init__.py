"""File I/O at the edges of the pipeline: readers (files -> Session) and writers (Session -> files)."""
