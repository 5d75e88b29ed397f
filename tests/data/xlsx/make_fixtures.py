#!/usr/bin/python3
"""Writes the hand-made .xlsx fixtures of tests/unit/test_xlsx.c.

Run by hand when a fixture changes (the tests use the committed files). Each workbook
is written part by part, so that it holds exactly what a test needs, including what
no writing library produces but other office software does.

handmade.xlsx       the 1904 date system; shared strings with rich text runs, a
                    phonetic run (<rPh>) and an _x000D_ escape; inline strings (plain
                    and rich); rows and cells without r=; booleans, error cells,
                    formula strings, ISO dates (t="d"); date formats built in, custom,
                    elapsed-time, and a conditional format (<dxfs>) that must not
                    count; a styled empty cell; a second sheet with prefixed element
                    names (x:row, x:c) reached by an absolute relationship target; a
                    chart sheet (skipped).
no_workbook.xlsx    a zip without xl/workbook.xml.
bad_xml.xlsx        the sheet's XML is not well-formed.
corrupt_entry.xlsx  the sheet's deflated bytes are damaged (the zip directory is fine).
missing_sheet.xlsx  the workbook names a sheet whose part is not in the zip.
not_a_zip.xlsx      a text file named .xlsx.

report.xlsx, beside them, was written with libxlsxwriter 1.1.4 by a throwaway program
(title row, two-row merged header, shared strings, three sheets); test_xlsx.c says
what it holds.
"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
NSR = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CONTENT_TYPES = HEAD + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '</Types>')

ROOT_RELS = HEAD + (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}officeDocument" Target="xl/workbook.xml"/>'
    '</Relationships>')


def rels(items):
    body = "".join(f'<Relationship Id="{i}" Type="{REL}{t}" Target="{target}"/>'
                   for i, t, target in items)
    return HEAD + ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   f'relationships">{body}</Relationships>')


def workbook(sheets, date1904=False):
    pr = '<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>"
    body = "".join(f'<sheet name="{n}" sheetId="{k + 1}" r:id="{rid}"/>'
                   for k, (n, rid) in enumerate(sheets))
    return HEAD + f"<workbook {NS} {NSR}>{pr}<sheets>{body}</sheets></workbook>"


def save(name, parts, mangle=None):
    path = os.path.join(HERE, name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for part, text in parts:
            z.writestr(part, text)
    if mangle:
        mangle(path)


# Shared strings: 0 plain Chinese; 1 rich text in three runs; 2 a phonetic guide that
# is not part of the text; 3 a CR written as _x000D_ and a literal "_x" kept by the
# _x005F_ escape; 4 empty.
SST = HEAD + (
    f'<sst {NS} count="6" uniqueCount="5">'
    '<si><t>统一社会信用代码</t></si>'
    '<si><r><t>重庆</t></r><r><rPr><b/></rPr><t>甲电子</t></r>'
    '<r><t xml:space="preserve">有限公司 </t></r></si>'
    '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh>'
    '<phoneticPr fontId="1"/></si>'
    '<si><t>第一行_x000D_\n第二行 _x005F_x0041_</t></si>'
    '<si><t/></si>'
    '</sst>')

# Cell formats (cellXfs index: numFmtId): 0 general, 1 14 (built-in date), 2 164
# (a money format whose conditional twin in <dxfs> looks like a date), 3 165
# (yyyy"年"m"月"), 4 166 ([h]:mm), 5 167 ([Red]#,##0.00), 6 168 (0.0"m"), 7 22.
STYLES = HEAD + (
    f'<styleSheet {NS}>'
    '<numFmts count="5">'
    '<numFmt numFmtId="164" formatCode="#,##0.00&quot;万元&quot;"/>'
    '<numFmt numFmtId="165" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/>'
    '<numFmt numFmtId="166" formatCode="[h]:mm"/>'
    '<numFmt numFmtId="167" formatCode="[Red]#,##0.00"/>'
    '<numFmt numFmtId="168" formatCode="0.0&quot;m&quot;"/>'
    '</numFmts>'
    '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>'
    '<cellXfs count="8"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>'
    '<xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="167"/>'
    '<xf numFmtId="168"/><xf numFmtId="22"/></cellXfs>'
    '<dxfs count="1"><dxf><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></dxf></dxfs>'
    '</styleSheet>')

SHEET1 = HEAD + (
    f'<worksheet {NS}><sheetData>'
    # row 1: shared strings, with a gap at C
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
    '<c r="D1" t="s"><v>2</v></c><c r="E1" t="s"><v>3</v></c>'
    '<c r="F1" t="s"><v>4</v></c></row>'
    # row 2 empty but present (formatted cells only): skipped
    '<row r="2"><c r="A2" s="1"/><c r="B2" s="3"/></row>'
    # row 3: inline strings, plain and rich; a boolean pair; an error; a formula string
    '<row r="3"><c r="A3" t="inlineStr"><is><t>内联文字</t></is></c>'
    '<c r="B3" t="inlineStr"><is><r><t>富</t></r><r><rPr><i/></rPr><t>文本</t></r>'
    '<rPh sb="0" eb="1"><t>フ</t></rPh></is></c>'
    '<c r="C3" t="b"><v>1</v></c><c r="D3" t="b"><v>0</v></c>'
    '<c r="E3" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
    '<c r="F3" t="str"><f>A3&amp;"!"</f><v>内联文字!</v></c></row>'
    # row 4 has no r=: it is row 4; its cells have no r= either: A, B, C, ...
    '<row><c><v>1</v></c><c><v>2.5</v></c><c t="inlineStr"><is><t>丙</t></is></c>'
    '<c r="F4"><v>-3</v></c><c><v>0.1</v></c></row>'
    # row 6 (after a gap): dates in the 1904 system and formats that are not dates
    '<row r="6"><c r="A6" s="1"><v>43860</v></c><c r="B6" s="3"><v>43830</v></c>'
    '<c r="C6" s="4"><v>1.5</v></c><c r="D6" s="7"><v>43860.75</v></c>'
    '<c r="E6" s="2"><v>1234.5</v></c><c r="F6" s="5"><v>-7</v></c>'
    '<c r="G6" s="6"><v>2</v></c><c r="H6" s="1"><v>0</v></c></row>'
    # row 7: ISO dates (never shifted by the date system); a shared string index
    # beyond the table (an empty cell)
    '<row r="7"><c r="A7" t="d"><v>2024-01-31</v></c>'
    '<c r="B7" t="d"><v>2024-03-01T12:00:00</v></c><c r="C7" t="s"><v>99</v></c></row>'
    '</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>'
    '</worksheet>')

# A producer that prefixes SpreadsheetML element names.
SHEET2 = HEAD + (
    '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<x:sheetData><x:row r="2"><x:c r="B2" t="s"><x:v>0</x:v></x:c>'
    '<x:c r="C2"><x:v>42</x:v></x:c></x:row></x:sheetData></x:worksheet>')

CHART = HEAD + f'<chartsheet {NS} {NSR}><sheetViews><sheetView workbookViewId="0"/>' \
    '</sheetViews></chartsheet>'

save("handmade.xlsx", [
    ("[Content_Types].xml", CONTENT_TYPES),
    ("_rels/.rels", ROOT_RELS),
    ("xl/workbook.xml", workbook([("数据", "rId1"), ("图表", "rId5"), ("第二页", "rId2")],
                                 date1904=True)),
    ("xl/_rels/workbook.xml.rels", rels([
        ("rId1", "worksheet", "worksheets/sheet1.xml"),
        ("rId2", "worksheet", "/xl/worksheets/sheet2.xml"),
        ("rId3", "sharedStrings", "sharedStrings.xml"),
        ("rId4", "styles", "styles.xml"),
        ("rId5", "chartsheet", "chartsheets/sheet1.xml")])),
    ("xl/sharedStrings.xml", SST),
    ("xl/styles.xml", STYLES),
    ("xl/worksheets/sheet1.xml", SHEET1),
    ("xl/worksheets/sheet2.xml", SHEET2),
    ("xl/chartsheets/sheet1.xml", CHART),
])

# ---- broken workbooks: each must give exactly one error in the report

save("no_workbook.xlsx", [
    ("[Content_Types].xml", CONTENT_TYPES),
    ("docProps/app.xml", HEAD + "<Properties/>"),
])

MINIMAL = [
    ("[Content_Types].xml", CONTENT_TYPES),
    ("_rels/.rels", ROOT_RELS),
    ("xl/workbook.xml", workbook([("报表", "rId1")])),
    ("xl/_rels/workbook.xml.rels", rels([("rId1", "worksheet", "worksheets/sheet1.xml")])),
]

save("bad_xml.xlsx", MINIMAL + [
    ("xl/worksheets/sheet1.xml", HEAD + f'<worksheet {NS}><sheetData>\n'
     '<row r="1"><c r="A1" t="inlineStr"><is><t>甲</t></is></c></row>\n'
     '<row r="2"><c r="A2"><v>1</v></row>\n'
     '</sheetData></worksheet>'),
])

# A sheet big enough to deflate into many bytes; then bytes in the middle of its
# compressed data are overwritten: the directory still lists it, reading it fails.
BIG = HEAD + f'<worksheet {NS}><sheetData>' + "".join(
    f'<row r="{r}"><c r="A{r}"><v>{r * 7919 % 10007}</v></c>'
    f'<c r="B{r}" t="inlineStr"><is><t>企业{r * 31 % 997}</t></is></c></row>'
    for r in range(1, 601)) + '</sheetData></worksheet>'


def damage(path):
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    with open(path, "r+b") as f:
        f.seek(info.header_offset + 26)
        n, m = (int.from_bytes(f.read(2), "little") for _ in range(2))
        start = info.header_offset + 30 + n + m
        f.seek(start + info.compress_size // 2)
        f.write(b"\xff" * 64)


save("corrupt_entry.xlsx", MINIMAL + [("xl/worksheets/sheet1.xml", BIG)], mangle=damage)

save("missing_sheet.xlsx", MINIMAL[:3] + [
    ("xl/_rels/workbook.xml.rels", rels([("rId1", "worksheet", "worksheets/sheet9.xml")])),
])

with open(os.path.join(HERE, "not_a_zip.xlsx"), "w", encoding="utf-8") as f:
    f.write("统一社会信用代码,企业名称\n这不是一个 xlsx 文件\n")
