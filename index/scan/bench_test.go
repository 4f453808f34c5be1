package scan

import (
	"fmt"
	"strings"
	"testing"
)

// eventsJS generates a realistic Velo events.js of about n lines: handlers
// in all export forms, helpers, comments, strings, templates and regexes.
func eventsJS(lines int) string {
	var b strings.Builder
	b.WriteString("// Filename: backend/events.js\n//\n// Code written in public files is shared by your site's\n// backend, page code, and site code environments.\n\nimport wixData from 'wix-data';\nimport { contacts } from 'wix-crm-backend';\nimport { fetch } from 'wix-fetch';\n\n")
	for i := 0; strings.Count(b.String(), "\n") < lines; i++ {
		switch i % 5 {
		case 0:
			fmt.Fprintf(&b, "/**\n * Handles invoice %d. See https://dev.wix.com/docs/velo/events\n */\nexport function wixBilling_onInvoicePaid%d(event) {\n  const invoiceId = event.entity.id;\n  const total = event.entity.totals.total / 100;\n  if (/^inv-\\d+$/.test(invoiceId)) {\n    console.log(`Invoice ${invoiceId} paid: ${total.toFixed(2)}`);\n  }\n  return wixData.insert('Invoices', { _id: invoiceId, total, paidAt: new Date() });\n}\n\n", i, i)
		case 1:
			fmt.Fprintf(&b, "export async function wixStores_onNewOrder%d(event) {\n  const { orderId, buyerInfo } = event;\n  await fetch(\"https://example.com/hook\", { method: 'post', body: JSON.stringify({ orderId, email: buyerInfo.email }) });\n}\n\n", i)
		case 2:
			fmt.Fprintf(&b, "export const wixCrm_onContactCreated%d = async (event) => {\n  const name = event.entity?.info?.name?.first ?? 'unknown';\n  const items = (event.items || []).map(x => x.price * 2).filter(Boolean);\n  return notify(name, items);\n};\n\n", i)
		case 3:
			fmt.Fprintf(&b, "// export function wixMediaManager_onFileUploaded%d(event) {\n//   console.log(event);\n// }\n\nfunction helper%d(a, b) {\n  return a.reduce((acc, v) => acc + v, 0) / (b.length || 1);\n}\n\n", i, i)
		case 4:
			fmt.Fprintf(&b, "export function Items_beforeInsert%d(item, context) {\n  item.title = item.title.trim().replace(/\\s+/g, ' ');\n  return item;\n}\n\n", i)
		}
	}
	return b.String()
}

func benchParse(b *testing.B, src string) {
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Parse(src)
	}
}

func BenchmarkParse(b *testing.B) {
	ev := eventsJS(2000)
	b.Run("1KB", func(b *testing.B) { benchParse(b, ev[:strings.LastIndex(ev[:1024], "\n\n")+1]) })
	b.Run("100KB", func(b *testing.B) {
		src := strings.Repeat(ev, 100*1024/len(ev)+1)
		benchParse(b, src[:strings.LastIndex(src[:100*1024], "\n\n")+1])
	})
	b.Run("events2000lines", func(b *testing.B) { benchParse(b, ev) })
}

func BenchmarkTokenize(b *testing.B) {
	src := eventsJS(2000)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		n := len(src)/4 + 8
		tokenize(src, make([]Token, 0, n), make([]int32, 0, n))
	}
}
