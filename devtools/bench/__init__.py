"""Load benchmark: the running product against the stock `rasa init` assistant."""
