"""``python -m bot.rasa_runtime <rasa arguments>``: Rasa's CLI with the project's patches."""

from bot.rasa_runtime.patches import main

if __name__ == "__main__":
    main()
