"""The Telegram layer: python-telegram-bot Application, handlers, keyboards, inline mode.

Only this package imports `telegram`; the engine and renderers know nothing of
Telegram. Entry points live in `bot.tg.application`: `build_application`
(tests, embedding) and `run` (the `python -m bot` process). Nothing is imported
here, so importing one helper module (say, keyboards) stays cheap.
"""
