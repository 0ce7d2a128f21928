#!/usr/bin/env python3
"""Fill a generated template in LibreOffice Calc (Python-UNO) and save it as .xlsx,
the way a user filling the sheet in LibreOffice would: test/fixtures/parties/ holds
one such file (docs/reading-workbooks.md § Scoring parties).

  /usr/bin/python3 scripts/fill-with-libreoffice.py TEMPLATE.xlsx OUT.xlsx FILL.json

FILL.json: {"station": {"B3": "越秀区某街社工站"}, "items": [["1.1", "第三方评估机构得分", 352.5], ...]}
Each item names a row by its id (column A below the header row 6) and a column
by its header text; numbers are entered as numbers, texts as texts.
Needs LibreOffice and its Python bridge (python3-uno).
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main(template, out, fill_file):
    with open(fill_file, encoding="utf-8") as f:
        fill = json.load(f)
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    port = 2002 + os.getpid() % 1000
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo", f"-env:UserInstallation=file://{profile}",
         f"--accept=socket,host=127.0.0.1,port={port};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(100):
            try:
                ctx = resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.2)
        if ctx is None:
            raise SystemExit("LibreOffice did not start")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(template)), "_blank", 0, (prop("Hidden", True),))
        sheet = doc.Sheets.getByName("评分表")
        header_row = 5  # 0-based row 6
        headers = {}
        for c in range(0, 60):
            text = sheet.getCellByPosition(c, header_row).getString()
            if text:
                headers[text] = c
        rows = {}
        for r in range(header_row + 1, header_row + 2000):
            text = sheet.getCellByPosition(0, r).getString()
            if text and text not in rows:
                rows[text] = r
        for address, value in fill.get("station", {}).items():
            cell = sheet.getCellRangeByName(address)
            cell.setString(str(value))
        for item_id, header, value in fill["items"]:
            cell = sheet.getCellByPosition(headers[header], rows[item_id])
            if isinstance(value, (int, float)):
                cell.setValue(value)
            else:
                cell.setString(value)
        doc.calculateAll()
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out)), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
