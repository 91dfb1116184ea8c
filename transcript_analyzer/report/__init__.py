"""Human-facing renderings of a session: the terminal summary (and, later, the HTML report)."""
