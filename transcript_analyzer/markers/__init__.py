"""Alliance markers: codebook definitions, the sentence encoder, trained heads, session rules."""
