"""``python -m baocao run ARCHIVE ...``: the same command as ``baocao``."""
from baocao.pipeline.surfaces.cli import main

raise SystemExit(main())
