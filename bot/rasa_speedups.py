"""Rasa 3.6 checks every action server response with `jsonschema.validate()`, which first checks the schema
itself against its meta-schema: about 23 ms per action call, half the time of a message here (measured with
`python -m bench.load.breakdown`). This builds the validator once. Same schema, same ValidationError with the
same extra text as Rasa's own check (rasa/core/actions/action.py, RemoteAction._validate_action_result).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, Text

import jsonschema
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@lru_cache(maxsize=1)
def _response_validator() -> Any:
    spec = RemoteAction.action_response_format_spec()
    validator_class = jsonschema.validators.validator_for(spec)
    validator_class.check_schema(spec)
    return validator_class(spec)


def _validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    try:
        _response_validator().validate(result)
        return True
    except jsonschema.ValidationError as error:
        error.message += (". Failed to validate Action server response from API, make sure your response from the "
                          f"Action endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions")
        raise error


RASA_OWN_CHECK = RemoteAction._validate_action_result  # kept for the benchmark's comparison


def install() -> None:
    RemoteAction._validate_action_result = _validate_action_result


def uninstall() -> None:
    RemoteAction._validate_action_result = RASA_OWN_CHECK
