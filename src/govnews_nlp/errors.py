"""The library's exceptions."""


class GovnewsError(Exception):
    """Base class of every error raised by govnews_nlp."""


class InputError(GovnewsError, ValueError):
    """The input cannot be processed: undecodable bytes, wrong type, over the size limit."""


class MissingExtraError(GovnewsError, ImportError):
    """An optional dependency is needed: the message names the extra to install."""

    def __init__(self, module: str, extra: str):
        super().__init__(
            f"{module} is not installed; install it with: pip install 'govnews-nlp[{extra}]'"
        )
        self.module = module
        self.extra = extra


class ModelUnavailableError(GovnewsError, RuntimeError):
    """An optional model is installed but its files cannot be found or fetched.

    The message names the model, where it was looked for or downloaded from, and how
    to place the files for offline use.
    """

    def __init__(self, model: str, message: str):
        super().__init__(message)
        self.model = model
