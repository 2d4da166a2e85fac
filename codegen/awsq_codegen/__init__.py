"""awsq code generator: botocore-format model files -> C++ headers of data (types and wire facts)."""

from .loader import ModelError, load_model
from .graph import ShapeGraph
from .emitter import emit_headers

__all__ = ["ModelError", "load_model", "ShapeGraph", "emit_headers"]
