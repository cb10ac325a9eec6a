"""Hand-offs to the care team: structured summary and the creation service."""
