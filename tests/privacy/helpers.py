"""Reading a downloaded export back."""

import io
import json
import zipfile


class Export:
    def __init__(self, response):
        assert response.status_code == 200, response.status_code
        assert response["Content-Type"] == "application/zip"
        content = b"".join(response.streaming_content)
        self.zip = zipfile.ZipFile(io.BytesIO(content))
        self.data = json.loads(self.zip.read("data.json"))
        self.text = self.zip.read("data.json").decode()

    @property
    def names(self) -> set[str]:
        return set(self.zip.namelist())

    def section(self, key: str) -> dict:
        for section in self.data["sections"]:
            if section["key"] == key:
                return section
        raise KeyError(key)

    def records(self, key: str) -> list[dict]:
        """Each record as {field: value}."""
        return [
            {entry["field"]: entry["value"] for entry in record["fields"]}
            for record in self.section(key)["records"]
        ]

    def labels(self, key: str) -> dict[str, str]:
        record = self.section(key)["records"][0]
        return {entry["field"]: entry["label"] for entry in record["fields"]}

    def files_under(self, prefix: str) -> list[str]:
        return sorted(name for name in self.names if name.startswith(prefix))
