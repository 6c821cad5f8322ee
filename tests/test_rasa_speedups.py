"""The faster check of action server responses accepts and refuses exactly what Rasa's own check does."""
import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

import bot  # noqa: F401  (installs the speed-up)
from bot.rasa_speedups import _validate_action_result

GOOD = {"events": [{"event": "slot", "name": "gemeente", "value": "ede"}], "responses": [{"text": "Hallo"}]}
BAD = [{"events": "geen lijst"}, {"events": [{"geen": "event"}]}, {"responses": "tekst"}]


def test_installed_in_the_rasa_server():
    assert RemoteAction._validate_action_result is _validate_action_result


def test_accepts_a_valid_response():
    assert RemoteAction("action_x", None)._validate_action_result(GOOD)


@pytest.mark.parametrize("response", BAD)
def test_refuses_what_rasa_refuses_with_rasa_s_message(response):
    with pytest.raises(jsonschema.ValidationError) as ours:
        RemoteAction("action_x", None)._validate_action_result(response)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(response, RemoteAction.action_response_format_spec())
    assert "Failed to validate Action server response" in ours.value.message
