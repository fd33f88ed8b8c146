class RoomError(Exception):
    """A refused frame: becomes `{"type": "error", "code": code, "detail": detail}`."""

    def __init__(self, code: str, detail: str):
        super().__init__(code, detail)
        self.code = code
        self.detail = detail
