"""Ship the top-level ``data/gazetteers`` inside the wheel as ``vnassoc_nlp/data/gazetteers``.

The data lives at the repository top (where it is edited and reviewed); the installed package
must find it from any working directory, so the build copies it into the package.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).parent


class BuildPyWithGazetteers(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "vnassoc_nlp" / "data" / "gazetteers"
        target.mkdir(parents=True, exist_ok=True)
        for source in sorted((HERE / "data" / "gazetteers").iterdir()):
            if source.suffix in {".tsv", ".md"}:
                (target / source.name).write_bytes(source.read_bytes())


setup(cmdclass={"build_py": BuildPyWithGazetteers})
