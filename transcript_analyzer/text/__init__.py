"""Text stages: roles, utterance segmentation, linguistic cues."""
