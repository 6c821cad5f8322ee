# Sourced by the scripts: environment shared by every process of the assistant.
export RASA_TELEMETRY_ENABLED=false
export PYTHONPATH="$(pwd)${PYTHONPATH:+:$PYTHONPATH}"
export TF_CPP_MIN_LOG_LEVEL=2
export SQLALCHEMY_SILENCE_UBER_WARNING=1
export PYTHONWARNINGS="ignore::DeprecationWarning"
