from baocao.pipeline.surfaces.cli import main

raise SystemExit(main())
