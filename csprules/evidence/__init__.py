"""The evidence a partnership's strategic assessment rests on, and its loaders."""
