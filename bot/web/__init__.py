"""The project's web service: public chat API, demo page and widget, staff app."""
