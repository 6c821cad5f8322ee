# Everything in bot/ is loaded by the Rasa server process (components, channels, tracker and lock store),
# never by the action server: the place to switch on our speed-up of Rasa's action response check.
from bot import rasa_speedups

rasa_speedups.install()
