// Prints the text of a PDF (path as argv[2]) as JSON: { pages, text }.
// Run as a child process by tests: pdfjs-dist ships ESM only, which jest's CommonJS transform does not load.
import { readFileSync } from 'node:fs'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

const data = new Uint8Array(readFileSync(process.argv[2]))
const pdf = await getDocument({ data, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise
let text = ''
for (let number = 1; number <= pdf.numPages; number += 1) {
  const page = await pdf.getPage(number)
  const content = await page.getTextContent()
  text += content.items.map((item) => ('str' in item ? item.str : '')).join('') + '\n'
}
process.stdout.write(JSON.stringify({ pages: pdf.numPages, text }))
