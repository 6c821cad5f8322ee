"""Base for our NLU components that train a scikit-learn model and keep it in Rasa's model storage."""
from __future__ import annotations

import logging
from typing import Any, Dict, Optional

import joblib

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage

logger = logging.getLogger(__name__)


class StoredModelComponent(GraphComponent):
    MODEL_FILE = "model.joblib"
    NOT_LOADED = "Model not loaded (%s)."  # logged with the error when the stored model cannot be read

    def __init__(self, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource, model: Any = None):
        self.config = config
        self.model_storage = model_storage
        self.resource = resource
        self.model = model

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "StoredModelComponent":
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "StoredModelComponent":
        model: Optional[Any] = None
        try:
            with model_storage.read_from(resource) as directory:
                model = joblib.load(directory / cls.MODEL_FILE)
        except (ValueError, FileNotFoundError) as error:
            logger.error(cls.NOT_LOADED, error)
        return cls(config, model_storage, resource, model)

    def store(self, model: Any) -> Resource:
        self.model = model
        with self.model_storage.write_to(self.resource) as directory:
            joblib.dump(model, directory / self.MODEL_FILE)
        return self.resource
