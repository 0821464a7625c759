#!/usr/bin/env bash
# Makes the small PDFs the fault tests read (test/fixtures/pdf-faults/): a one-notice issue printed
# by Chromium, the same encrypted with a user password (qpdf), and the same as a scanned page (its
# image only). Needs Debian's chromium, qpdf and poppler-utils. Truncated and damaged files are cut
# from these by the tests themselves.
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/test/fixtures/pdf-faults"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for tool in chromium qpdf pdftoppm; do command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install chromium qpdf poppler-utils)" >&2; exit 2; }; done
print() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$work/profile" --no-pdf-header-footer --print-to-pdf="$2" "$1" 2>/dev/null
}
cat > "$work/small.html" <<'HTML'
<html><head><meta charset="utf-8"><style>@page{size:A5;margin:15mm} body{font-family:"WenQuanYi Zen Hei";font-size:12pt} p{margin:0;text-indent:2em;text-align:justify} .c{text-align:center;text-indent:0}</style></head><body>
<p class="c">中卫市人民政府办公室</p><p class="c">关于做好防汛工作的通知</p><p class="c">卫政办发〔2019〕99号</p>
<p style="text-indent:0">各县（区）人民政府，市政府各部门：</p>
<p>现就做好2019年防汛工作通知如下：各县（区）要落实防汛责任，于2019年6月1日前完成隐患排查（牵头单位：市水务局；配合单位：市应急管理局；完成时限：2019年6月1日前）。</p>
<p style="text-align:right">中卫市人民政府办公室</p><p style="text-align:right">2019年5月20日</p></body></html>
HTML
print "$work/small.html" "$out/small.pdf"
qpdf --encrypt secret secret 256 -- "$out/small.pdf" "$out/encrypted.pdf"
pdftoppm -r 60 -png -singlefile "$out/small.pdf" "$work/scan"
printf '<html><body style="margin:0"><img src="data:image/png;base64,%s" style="width:90%%"></body></html>' "$(base64 -w0 "$work/scan.png")" > "$work/scan.html"
print "$work/scan.html" "$out/scanned.pdf"
ls -l "$out"
# The clean PDF's glyph runs as pdf.js places them (npm run build first): the unmapped-glyph test alters them.
node "$out/../../../dist/ingest/pdf-child.js" "$out/small.pdf" | node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>process.stdout.write(JSON.stringify(JSON.parse(s).pages)))' > "$out/small.runs.json"
