"""Start-up stays light: auditing a .txt never imports the PDF reader or its backends."""

import json
import subprocess
import sys

from conftest import FINAL_SEED

AUDIT_THEN_LIST_MODULES = """
import json, sys
import auditor.worker
from auditor.cli import main
auditor.worker.CAN_FORK = False  # audit in this process, so that its modules are the audit's
sys.argv = ["audit", sys.argv[1], "--no-color"]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def test_auditing_a_txt_imports_no_pdf_code():
    done = subprocess.run(
        [sys.executable, "-c", AUDIT_THEN_LIST_MODULES, str(FINAL_SEED)],
        capture_output=True, text=True, check=False, timeout=120,
    )
    assert "数字归位" in done.stdout, done.stderr  # the audit itself ran and read the seed
    modules = json.loads(done.stderr.strip().splitlines()[-1])
    assert "auditor.readers.txt" in modules
    loaded = [m for m in modules if m.split(".")[0] in ("pdfminer", "pypdfium2", "pypdfium2_raw")
              or m.startswith("auditor.readers.pdf")]
    assert loaded == []
